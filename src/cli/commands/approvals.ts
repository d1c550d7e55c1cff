// `skillsub approvals` (SPEC §8.1) and `skillsub payments` (SPEC §8.2).

import { Command, Option } from 'commander';
import { APPROVAL_COLUMNS, PAYMENT_COLUMNS, PUBLIC_COLUMNS, listApprovals, listPublicNotice, paymentLines } from '../../app/results.js';
import { parsePolicyText } from '../../app/policy.js';
import { formatFen } from '../../core/normalise/money.js';
import { selectPeriod, selectRun } from '../run-selection.js';
import { chooseFormat, emitTable } from '../render/output.js';
import { columns } from '../columns.js';
import type { Runner } from '../context.js';
import { DECISIONS } from '../../core/decide/types.js';

const FORMATS = ['table', 'csv', 'json', 'xlsx'] as const;

interface ListFlags {
  quarter?: string;
  year?: string;
  decision?: string;
  public?: boolean;
  run?: string;
  format?: string;
  out?: string;
}

const outputOptions = (cmd: Command) =>
  cmd
    .option('--quarter <quarter>', 'only claims whose class ended in this quarter, e.g. 2020Q3')
    .option('--year <year>', 'only claims whose class ended in this year, e.g. 2020')
    .option('--run <n>', 'a stored run (default: the latest)')
    .addOption(new Option('--format <format>', 'output format (default: table on a terminal, else csv)').choices([...FORMATS]))
    .option('--out <file>', 'write to a file (format from its extension)');

export function approvalsCommand(run: Runner): Command {
  return outputOptions(
    new Command('approvals')
      .description('the approval list: one row per claim with its decision, reasons, flags and amounts')
      .addOption(new Option('--decision <decision>', 'only claims with this decision').choices(DECISIONS))
      .option('--public', 'for public notice (公示): approved and partial claims, names and ID numbers masked, nine columns only'),
  )
    .addHelpText('after', '\nExamples:\n  $ skillsub approvals --quarter 2020Q3 --out approvals-2020Q3.xlsx\n  $ skillsub approvals --decision approved --public --format csv')
    .action(async (flags: ListFlags) => {
      await run(async (ctx) => {
        const period = selectPeriod(flags.quarter, flags.year);
        const format = chooseFormat(ctx, flags.format, flags.out, FORMATS);
        const r = selectRun(ctx, flags.run);
        if (flags.public) {
          const rows = listPublicNotice(ctx.database(), r.id, { period, decision: flags.decision });
          await emitTable(ctx, columns([...PUBLIC_COLUMNS]), rows.map((row) => PUBLIC_COLUMNS.map((k) => row[k])), { format, out: flags.out, sheet: 'public notice' });
          return 0;
        }
        const rows = listApprovals(ctx.database(), r.id, r.as_of, { period, decision: flags.decision });
        await emitTable(ctx, columns([...APPROVAL_COLUMNS]), rows.map((row) => APPROVAL_COLUMNS.map((k) => row[k])), { format, out: flags.out, sheet: 'approvals' });
        return 0;
      });
    });
}

export function paymentsCommand(run: Runner): Command {
  return outputOptions(new Command('payments').description('the payment summary: one row per payee, fund and component (main subsidy, living allowance) for paid claims'))
    .addHelpText('after', '\nExample:\n  $ skillsub payments --quarter 2020Q3 --out payments-2020Q3.csv')
    .action(async (flags: ListFlags) => {
      await run(async (ctx) => {
        const period = selectPeriod(flags.quarter, flags.year);
        const format = chooseFormat(ctx, flags.format, flags.out, FORMATS);
        const r = selectRun(ctx, flags.run);
        const policy = parsePolicyText(r.policy_text, `run ${r.id}`);
        const lines = paymentLines(ctx.database(), r.id, period, policy.funds.default);
        const rows = lines.map((l) => [l.payee_type, l.payee_code, l.payee_name, l.fund, l.component, l.claims, formatFen(l.total), formatFen(l.advance), formatFen(l.balance)]);
        await emitTable(ctx, columns(PAYMENT_COLUMNS), rows, { format, out: flags.out, sheet: 'payments' });
        return 0;
      });
    });
}
