// SPEC §6: `check` — reads every active row in one snapshot, decides every claim and raises the
// flags (core/check-all.ts, run within memory by engine/check-within-memory.ts), then stores the
// result as a new numbered run (one transaction) and logs it.

import type { Decision } from '../core/decide/types.js';
import type { Db } from '../store/database.js';
import { appendAudit, type AuditContext } from '../store/audit-log.js';
import { checkWithinMemory } from '../engine/check-within-memory.js';
import { insertRun } from '../store/runs.js';
import { readFlagKey } from '../store/secrets.js';
import { firstBatches } from '../store/ledger.js';
import type { LoadedPolicy } from './policy.js';

export interface CheckSummary {
  runId: number;
  claims: number;
  byDecision: Record<Decision, number>;
  flags: number;
  flagsBySeverity: Record<string, number>;
}

export async function runCheck(db: Db, loaded: LoadedPolicy, asOf: string, audit: AuditContext, onPhase?: (phase: string) => void): Promise<CheckSummary> {
  // Stage durations go to the audit log (operations data, not part of the reproducible run).
  const durations: Record<string, number> = {};
  let stage = '';
  let started = performance.now();
  const enter = (next: string) => {
    const now = performance.now();
    if (stage) durations[stage] = Math.round(now - started);
    stage = next;
    started = now;
    onPhase?.(next);
  };
  // §6 step 10: the claims money was disbursed for (§10) come first; the run keeps which batches it saw.
  const ledger = firstBatches(db, asOf);
  const { outcomes, flags, dataMark } = await checkWithinMemory(db, { policy: loaded.policy, asOf, flagKey: readFlagKey(db), firstBatchOf: ledger.firstBatchOf }, enter);
  enter('store');
  const byDecision: Record<Decision, number> = { approved: 0, partial: 0, rejected: 0, pending: 0, review: 0 };
  for (const o of outcomes) byDecision[o.decision]++;
  const flagsBySeverity: Record<string, number> = { high: 0, medium: 0, low: 0 };
  for (const f of flags) flagsBySeverity[f.severity]++;
  const store = db.transaction(() => {
    const runId = insertRun(db, {
      created_at: audit.now(), os_user: audit.osUser, policy_id: loaded.policy.id, policy_sha256: loaded.sha256,
      policy_text: loaded.text, as_of: asOf, data_mark: dataMark, claims: outcomes.length, flags: flags.length,
      batch_mark: ledger.mark,
    }, outcomes, flags);
    appendAudit(db, audit, 'check', {
      run: runId, policy_id: loaded.policy.id, policy_sha256: loaded.sha256, policy_file: loaded.path, as_of: asOf,
      claims: outcomes.length, by_decision: byDecision, flags: flags.length, durations_ms: { ...durations, store: Math.round(performance.now() - started) },
    });
    return runId;
  });
  const runId = store.immediate();
  return { runId, claims: outcomes.length, byDecision, flags: flags.length, flagsBySeverity };
}
