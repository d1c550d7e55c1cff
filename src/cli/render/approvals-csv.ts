// SPEC §8.1: the approval list as CSV lines, range by range of claim ids (csv-in-ranges.ts writes
// a long one on two cores: this thread and approvals-csv-worker.ts make the same lines here).

import { APPROVAL_COLUMNS, listApprovals, type ApprovalRow, type ClaimIdRange } from '../../app/results.js';
import type { Db } from '../../app/database.js';
import type { Period } from '../../core/report/period.js';
import { columns } from '../columns.js';
import type { Lang } from '../messages.js';
import { csvLines, type Cell } from './csv.js';
import { mapRows, rowLabeller } from './output.js';

export interface ApprovalsList {
  runId: number;
  asOf: string;
  period: Period | null;
  decision?: string;
  lang: Lang;
  /** The claim ids the ranges start at, after the first (store/runs.ts claimIdCuts). */
  cuts: string[];
}

/** Each row's values in the columns' order, as the rows come. */
export function* cellsOf<K extends string>(rows: Iterable<Record<K, string | number | null>>, keys: readonly K[]): Generator<Cell[]> {
  for (const row of rows) yield keys.map((k) => row[k]);
}

/** The range's claim ids: from the cut before it (the first from the start) to its own (the last to the end). */
function rangeOf(list: ApprovalsList, range: number): ClaimIdRange {
  return { from: range === 0 ? null : list.cuts[range - 1], below: range < list.cuts.length ? list.cuts[range] : null };
}

export function approvalLines(db: Db, list: ApprovalsList, range: number): Iterable<string> {
  const cols = columns([...APPROVAL_COLUMNS]);
  const rows: Iterable<ApprovalRow> = listApprovals(db, list.runId, list.asOf, { period: list.period, decision: list.decision, claimIds: rangeOf(list, range) });
  return csvLines(mapRows(cellsOf(rows, APPROVAL_COLUMNS), rowLabeller(list.lang, cols)), cols.map((c) => !!c.money));
}
