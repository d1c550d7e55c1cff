// SPEC §7.2: the telephone call-back sample (电话回访) — from each class, a reproducible share of
// its paid claims (core/report/sample.ts draws from each class on its own).

import type { Db } from '../store/database.js';
import { decisionRows } from '../store/runs.js';
import { drawFromClass } from '../core/report/sample.js';
import { isPaid } from '../core/facts/paid.js';

export const SAMPLE_COLUMNS = ['class_id', 'institution_name', 'claim_id', 'name', 'phone', 'start_date', 'end_date'] as const;
export type SampleRow = Record<(typeof SAMPLE_COLUMNS)[number], string | null>;

export function callbackSample(db: Db, runId: number, options: { share: number; min: number; seed: number }): SampleRow[] {
  const byClass = new Map<string, string[]>();
  const details = new Map<string, SampleRow>();
  for (const d of decisionRows(db, runId)) {
    if (!isPaid(d.decision)) continue;
    const ids = byClass.get(d.class_id);
    if (ids) ids.push(d.claim_id);
    else byClass.set(d.class_id, [d.claim_id]);
    details.set(d.claim_id, {
      class_id: d.class_id, institution_name: d.institution_name, claim_id: d.claim_id, name: d.name, phone: d.phone, start_date: d.start_date, end_date: d.end_date,
    });
  }
  const rows: SampleRow[] = [];
  for (const classId of [...byClass.keys()].sort()) {
    for (const claimId of drawFromClass(classId, byClass.get(classId)!, options.share, options.min, options.seed)) rows.push(details.get(claimId)!);
  }
  return rows;
}
