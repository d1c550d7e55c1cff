// Commands that read results (approvals, payments, flags, report, person, explain, sample)
// use the latest run or --run N, never re-deciding silently; they warn when data were
// imported after that run (SPEC §1).

import { runToRead, type RunRecord } from '../app/runs.js';
import { UsageError } from '../core/errors.js';
import { parseQuarter, parseYear, QUARTER_FORMS, YEAR_FORMS, type Period } from '../core/report/period.js';
import type { Context } from './context.js';

export function selectRun(ctx: Context, runOption?: string): RunRecord {
  let runId: number | undefined;
  if (runOption !== undefined) {
    if (!/^\d+$/.test(runOption)) throw new UsageError('bad_run', { value: runOption });
    runId = Number(runOption);
  }
  const { run, importedAfter, withdrawnAfter } = runToRead(ctx.database(), runId);
  if (importedAfter > 0) ctx.warn(ctx.t('stale_run', { run: run.id, files: importedAfter }));
  if (withdrawnAfter > 0) ctx.warn(ctx.t('stale_run_withdrawn', { run: run.id, files: withdrawnAfter }));
  return run;
}

export function selectPeriod(quarter: string | undefined, year: string | undefined, command: string): Period | null {
  if (quarter !== undefined && year !== undefined) throw new UsageError('quarter_and_year', { command });
  if (quarter !== undefined) {
    const p = parseQuarter(quarter);
    if (!p) throw new UsageError('bad_period', { value: quarter, accepted: QUARTER_FORMS });
    return p;
  }
  if (year !== undefined) {
    const p = parseYear(year);
    if (!p) throw new UsageError('bad_period', { value: year, accepted: YEAR_FORMS });
    return p;
  }
  return null;
}
