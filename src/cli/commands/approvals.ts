// `skillsub approvals` (SPEC §8.1) and `skillsub payments` (SPEC §8.2).

import { Command, Option } from 'commander';
import { APPROVAL_COLUMNS, PAYMENT_COLUMNS, PUBLIC_COLUMNS, claimIdCuts, listApprovals, listPublicNotice, paymentLines } from '../../app/results.js';
import { fileForSecondConnection } from '../../app/database.js';
import { parsePolicyText } from '../../app/policy.js';
import { formatFen } from '../../core/normalise/money.js';
import { selectPeriod, selectRun } from '../run-selection.js';
import { chooseFormat, emitTable } from '../render/output.js';
import { writeCsvInRanges } from '../render/csv-in-ranges.js';
import { approvalLines, cellsOf, type ApprovalsList } from '../render/approvals-csv.js';
import { columns } from '../columns.js';
import { STDOUT, type Runner } from '../context.js';
import { DECISIONS } from '../../core/decide/types.js';
import { addDays, isIsoDate } from '../../core/normalise/dates.js';
import { UsageError } from '../../core/errors.js';
import type { Policy } from '../../core/policy/types.js';
import type { Lang } from '../messages.js';

const FORMATS = ['table', 'csv', 'json', 'xlsx'] as const;

/**
 * A CSV file of the approval list is made in ranges of about this many claims, on both cores
 * (render/csv-in-ranges.ts): the worker can be a few ranges ahead, some 6 MB of text each.
 */
const ROWS_A_RANGE = 10_000;

interface ListFlags {
  quarter?: string;
  year?: string;
  decision?: string;
  public?: boolean;
  noticeFrom?: string;
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
    .option('--out <file>', 'write to a file (format from its extension; - for standard output)');

export function approvalsCommand(run: Runner): Command {
  return outputOptions(
    new Command('approvals')
      .description('the approval list: one row per claim with its decision, reasons, flags and amounts')
      .addOption(new Option('--decision <decision>', 'only claims with this decision').choices(DECISIONS))
      .option('--public', 'for public notice (公示): approved and partial claims, names and ID numbers masked, nine columns only, under a title, the notice period and the complaints hotline')
      .option('--notice-from <date>', 'with --public: the first day of the notice period (公示期), YYYY-MM-DD (default: the run\'s as-of date)'),
  )
    .addHelpText('after', '\nExamples:\n  $ skillsub approvals --quarter 2020Q3 --out approvals-2020Q3.xlsx\n  $ skillsub approvals --decision approved --public --format csv')
    .action(async (flags: ListFlags) => {
      await run(async (ctx) => {
        const period = selectPeriod(flags.quarter, flags.year, 'approvals');
        const format = chooseFormat(ctx, flags.format, flags.out, FORMATS);
        const r = selectRun(ctx, flags.run);
        if (flags.noticeFrom !== undefined && !isIsoDate(flags.noticeFrom)) throw new UsageError('bad_date_option', { option: '--notice-from', value: flags.noticeFrom });
        if (flags.public) {
          const rows = listPublicNotice(ctx.database(), r.id, { period, decision: flags.decision });
          const policy = parsePolicyText(r.policy_text, `run ${r.id}`);
          // §8.1: the table and workbook carry the notice's header; CSV and JSON stay plain lists.
          const titleLines = format === 'table' || format === 'xlsx' ? noticeHeader(policy, flags.noticeFrom ?? r.as_of, ctx.lang) : [];
          await emitTable(ctx, columns([...PUBLIC_COLUMNS]), cellsOf(rows, PUBLIC_COLUMNS), { format, out: flags.out, sheet: 'public notice', titleLines });
          return 0;
        }
        const second = format === 'csv' && flags.out && flags.out !== STDOUT ? fileForSecondConnection(ctx.database()) : null;
        if (second !== null) {
          const list: ApprovalsList = { runId: r.id, asOf: r.as_of, period, decision: flags.decision, lang: ctx.lang, cuts: claimIdCuts(ctx.database(), ROWS_A_RANGE) };
          const worker = new URL('../render/approvals-csv-worker.js', import.meta.url);
          await writeCsvInRanges(ctx, ctx.database(), columns([...APPROVAL_COLUMNS]), flags.out!, { job: list, ranges: list.cuts.length + 1, lines: approvalLines, path: second, worker });
          return 0;
        }
        const rows = listApprovals(ctx.database(), r.id, r.as_of, { period, decision: flags.decision });
        await emitTable(ctx, columns([...APPROVAL_COLUMNS]), cellsOf(rows, APPROVAL_COLUMNS), { format, out: flags.out, sheet: 'approvals' });
        return 0;
      });
    });
}

/**
 * §8.1: the public notice's header from the run's policy — its title, the 公示期 (`period_days`
 * calendar days from the first day: `D 至 D+n−1`) and the 监督电话; a line whose value is blank is left out.
 */
export function noticeHeader(policy: Policy, from: string, lang: Lang): string[] {
  const { title, periodDays, phone } = policy.notice;
  const lines: string[] = [];
  if (title) lines.push(title);
  if (periodDays) lines.push(lang === 'zh' ? `公示期：${from} 至 ${addDays(from, periodDays - 1)}` : `Notice period: ${from} to ${addDays(from, periodDays - 1)}`);
  if (phone) lines.push(lang === 'zh' ? `监督电话：${phone}` : `Complaints hotline: ${phone}`);
  return lines;
}

export function paymentsCommand(run: Runner): Command {
  return outputOptions(new Command('payments').description('the payment summary: one row per payee, fund and component (main subsidy, living allowance) for paid claims'))
    .addHelpText('after', '\nExample:\n  $ skillsub payments --quarter 2020Q3 --out payments-2020Q3.csv')
    .action(async (flags: ListFlags) => {
      await run(async (ctx) => {
        const period = selectPeriod(flags.quarter, flags.year, 'payments');
        const format = chooseFormat(ctx, flags.format, flags.out, FORMATS);
        const r = selectRun(ctx, flags.run);
        const policy = parsePolicyText(r.policy_text, `run ${r.id}`);
        const lines = paymentLines(ctx.database(), r.id, period, policy.funds.default);
        const rows = lines.map((l) => [l.payee_type, l.payee_code, l.payee_name, l.fund, l.component, l.claims, formatFen(l.total), formatFen(l.advance), formatFen(l.balance)]);
        await emitTable(ctx, columns(PAYMENT_COLUMNS), rows, { format, out: flags.out, sheet: 'payments', total: true });
        return 0;
      });
    });
}
