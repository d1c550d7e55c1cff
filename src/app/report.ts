// SPEC §8.4: loads what a return needs from a stored run and computes it (core/report/returns),
// or its filed layout (core/report/filed-return).

import type { Db } from '../store/database.js';
import { flagCounts, type RunRecord } from '../store/runs.js';
import { ledgerAmounts } from '../store/ledger.js';
import { computeReturn, type ReportClaim, type ReturnInput, type StatisticalReturn } from '../core/report/returns.js';
import { computeFiledReturn, type FiledReturn } from '../core/report/filed-return.js';
import type { Period } from '../core/report/period.js';
import { parsePolicyText } from './policy.js';
import { CERTIFICATES_OF_RUN } from '../store/reader.js';

export function buildReturn(db: Db, run: RunRecord, period: Period): StatisticalReturn {
  return computeReturn(returnInput(db, run), period);
}

/** The return laid out for filing: 本期, 本年累计 and 行动累计 beside the plan's targets. */
export function buildFiledReturn(db: Db, run: RunRecord, period: Period): FiledReturn {
  return computeFiledReturn(returnInput(db, run), period, run.as_of);
}

function returnInput(db: Db, run: RunRecord): ReturnInput {
  const policy = parsePolicyText(run.policy_text, `run ${run.id}`);
  // A period outside the policy period is a return like any other (payments go on after the action ends).
  const claims = (db.prepare(
    `SELECT r.end_date, d.decision, r.training_type, r.categories, r.id_number, d.kind, d.fund, d.main_fen, d.living_fen, d.total_fen,
            d.advance_fen, d.balance_fen
       FROM decisions d JOIN roster_rows r ON r.id = d.roster_row_id WHERE d.run_id = ?`,
  ).raw(true).all(run.id) as unknown[][]).map((v): ReportClaim => ({
    endDate: v[0] as string, decision: v[1] as string, trainingType: v[2] as string, categories: (v[3] as string).split(';'),
    idNumber: v[4] as string, kind: v[5] as string | null, fund: v[6] as string | null, mainFen: v[7] as number, livingFen: v[8] as number,
    totalFen: v[9] as number, advanceFen: v[10] as number, balanceFen: v[11] as number,
  }));
  const certificates = (db.prepare(`SELECT issue_date, cert_type, level ${CERTIFICATES_OF_RUN}`).all({ mark: run.data_mark, run: run.id }) as { issue_date: string; cert_type: string; level: number | null }[])
    .map((c) => ({ issueDate: c.issue_date, certType: c.cert_type, level: c.level }));
  const flags = flagCounts(db, run.id).map((f) => ({ rule: f.rule, severity: f.severity }));
  // §8.4 `disbursed`: every recorded ledger line (§10), whatever run its batch came from; the core keeps those dated in the period.
  return { claims, certificates, flags, ledger: ledgerAmounts(db), policy, runId: run.id };
}
