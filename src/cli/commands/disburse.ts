// `skillsub disburse` and `skillsub disbursements` (SPEC §10): record a disbursement batch from a
// run for a payment date, and list the ledger's lines (by line, by payee, or by claim against
// what a run makes due).

import { Command, Option } from 'commander';
import {
  BY_CLAIM_COLUMNS, BY_PAYEE_COLUMNS, DISBURSEMENT_COLUMNS, batchExists, disburse, disbursementsByClaim, disbursementsByPayee, listDisbursements,
  type DisbursementRow, type LineSelection,
} from '../../app/disburse.js';
import { isIsoDate } from '../../core/normalise/dates.js';
import { formatFen } from '../../core/normalise/money.js';
import { DataError, UsageError } from '../../core/errors.js';
import { selectPeriod, selectRun } from '../run-selection.js';
import { chooseFormat, emitTable, openCsvFile } from '../render/output.js';
import { columns } from '../columns.js';
import { localToday } from './check.js';
import { STDOUT, type Context, type Runner } from '../context.js';

const FORMATS = ['table', 'csv', 'json', 'xlsx'] as const;

function dateOption(option: string, value: string): string {
  if (!isIsoDate(value)) throw new UsageError('bad_date_option', { option, value });
  return value;
}

export function disburseCommand(run: Runner): Command {
  return new Command('disburse')
    .description('record a disbursement batch (拨付): what a run makes due on the payment date, less what earlier batches paid; recoveries for what must come back')
    .requiredOption('--date <date>', 'the payment date, YYYY-MM-DD (not before the latest batch\'s)')
    .option('--run <n>', 'the run to pay from (default: the latest)')
    .option('--dry-run', 'print the lines the batch would have and record nothing')
    .addOption(new Option('--format <format>', 'output format (default: table on a terminal, else csv)').choices([...FORMATS]))
    .option('--out <file>', 'write the lines to a file (format from its extension; - for standard output)')
    .addHelpText('after', '\nExamples:\n  $ skillsub disburse --date 2020-10-20 --dry-run\n  $ skillsub disburse --date 2020-10-20 --out batch-2020-10-20.xlsx')
    .action(async (flags: { date: string; run?: string; dryRun?: boolean; format?: string; out?: string }) => {
      await run(async (ctx) => {
        const date = dateOption('--date', flags.date);
        const format = chooseFormat(ctx, flags.format, flags.out, FORMATS);
        const r = selectRun(ctx, flags.run);
        // A CSV file is written as the lines are made and recorded, and put in place after the commit.
        const file = format === 'csv' && flags.out && flags.out !== STDOUT ? openCsvFile(ctx, columns(DISBURSEMENT_COLUMNS), flags.out) : null;
        let result;
        try {
          const lines = file ? { add: (row: DisbursementRow) => file.add(DISBURSEMENT_COLUMNS.map((k) => row[k])), flush: () => file.flush() } : undefined;
          result = disburse(ctx.database(), r, date, { dryRun: !!flags.dryRun, lines }, ctx.audit());
        } catch (err) {
          await file?.abandon();
          throw err;
        }
        const totals = { run: r.id, date, lines: result.lineCount, payments: formatFen(result.payments), recoveries: formatFen(result.recoveries), net: formatFen(result.payments - result.recoveries) };
        if (result.lineCount === 0) ctx.info(ctx.t('nothing_to_disburse', totals));
        else if (result.batch === null) ctx.info(ctx.t('batch_dry_run', totals));
        else ctx.info(ctx.t('batch_recorded', { ...totals, batch: result.batch }));
        if (file) await file.finish();
        else await emitTable(ctx, columns(DISBURSEMENT_COLUMNS), lineCells(result.rows), { format, out: flags.out, sheet: 'disbursement' });
        return 0;
      });
    });
}

interface ListFlags {
  batch?: string;
  quarter?: string;
  year?: string;
  recoveries?: boolean;
  by?: 'claim' | 'payee';
  run?: string;
  date?: string;
  format?: string;
  out?: string;
}

function selection(ctx: Context, flags: ListFlags): LineSelection {
  const given = [flags.batch, flags.quarter, flags.year].filter((x) => x !== undefined).length;
  if (given > 1) throw new UsageError('one_selection', { command: 'disbursements' });
  let batch: number | undefined;
  if (flags.batch !== undefined) {
    if (!/^\d+$/.test(flags.batch)) throw new UsageError('bad_batch', { value: flags.batch });
    batch = Number(flags.batch);
  }
  const period = selectPeriod(flags.quarter, flags.year, 'disbursements');
  if (batch !== undefined && !batchExists(ctx.database(), batch)) throw new DataError('batch_not_found', { batch });
  return { batch, period, recoveriesOnly: !!flags.recoveries };
}

export function disbursementsCommand(run: Runner): Command {
  return new Command('disbursements')
    .description('the disbursement ledger (拨付台账): every line of the recorded batches; --recoveries for the recovery list (追回清单)')
    .option('--batch <n>', 'only this batch')
    .option('--quarter <quarter>', 'only batches dated in this quarter, e.g. 2020Q3')
    .option('--year <year>', 'only batches dated in this year, e.g. 2020')
    .option('--recoveries', 'only recoveries (追回清单), with their reasons')
    .addOption(new Option('--by <what>', 'one row per payee and fund (payments, recoveries, net), or per claim (disbursed, due now, difference)').choices(['claim', 'payee']))
    .option('--run <n>', 'with --by claim: the run that says what is due (default: the latest)')
    .option('--date <date>', 'with --by claim: the date it is due on, YYYY-MM-DD (default: today)')
    .addOption(new Option('--format <format>', 'output format (default: table on a terminal, else csv)').choices([...FORMATS]))
    .option('--out <file>', 'write to a file (format from its extension; - for standard output)')
    .addHelpText('after', '\nExamples:\n  $ skillsub disbursements --quarter 2020Q4 --out ledger-2020Q4.xlsx\n  $ skillsub disbursements --recoveries --format csv\n  $ skillsub disbursements --by claim --date 2021-01-15')
    .action(async (flags: ListFlags) => {
      await run(async (ctx) => {
        const date = dateOption('--date', flags.date ?? localToday());
        const format = chooseFormat(ctx, flags.format, flags.out, FORMATS);
        const chosen = selection(ctx, flags);
        const db = ctx.database();
        const emit = (keys: readonly string[], rows: Record<string, string | number>[], sheet: string) =>
          emitTable(ctx, columns(keys), rows.map((row) => keys.map((k) => row[k])), { format, out: flags.out, sheet });
        if (flags.by === 'payee') await emit(BY_PAYEE_COLUMNS, disbursementsByPayee(db, chosen), 'by payee');
        else if (flags.by === 'claim') await emit(BY_CLAIM_COLUMNS, disbursementsByClaim(db, chosen, selectRun(ctx, flags.run), date), 'by claim');
        else await emit(DISBURSEMENT_COLUMNS, listDisbursements(db, chosen), flags.recoveries ? 'recoveries' : 'disbursements');
        return 0;
      });
    });
}

/** A batch's lines as §10's columns, one at a time (a first batch has a line per paid claim and component). */
function* lineCells(rows: Iterable<DisbursementRow>): Generator<(string | number)[]> {
  for (const row of rows) yield DISBURSEMENT_COLUMNS.map((k) => row[k]);
}
