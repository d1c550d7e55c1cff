// SPEC §1: the run a reading command reads — the latest, or --run N — and how many files were
// imported after it (they are not in it; the command says so).

import type { Db } from '../store/database.js';
import { findRun, importsAfter, withdrawalsAfter, type RunRecord } from '../store/runs.js';
import { DataError } from '../core/errors.js';

export type { RunRecord };

export function runToRead(db: Db, runId?: number): { run: RunRecord; importedAfter: number; withdrawnAfter: number } {
  const run = findRun(db, runId);
  if (!run) throw new DataError(runId === undefined ? 'no_run' : 'run_not_found', { run: runId ?? '' });
  return { run, importedAfter: importsAfter(db, run), withdrawnAfter: withdrawalsAfter(db, run) };
}

/** Whether any check has been run yet. */
export function hasRun(db: Db): boolean {
  return findRun(db) !== undefined;
}
