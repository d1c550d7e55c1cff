// SPEC §6: `check` — reads every active row in one snapshot, decides every claim and raises the
// flags (core/check-all.ts), then stores the result as a new numbered run (one transaction) and logs it.

import { checkAll, letGoOfRows, type CheckInput } from '../core/check-all.js';
import type { Decision } from '../core/decide/types.js';
import type { Db } from '../store/database.js';
import { appendAudit, type AuditContext } from '../store/audit-log.js';
import { readDecisionData } from '../engine/snapshot-reader.js';
import { collectGarbageNow, tuneHeapForDeciding, tuneHeapForReading } from '../engine/heap.js';
import { flagKeeper } from '../engine/kept-flags.js';
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
  tuneHeapForReading();
  enter('read');
  const flagKey = readFlagKey(db);
  // The rows are held by the input alone (not by a variable here), so that letGoOfRows lets go of them.
  // The snapshot stays open while an outside list is still to be read (the list rules read it).
  const input: CheckInput & { dataMark: number; endSnapshot: () => void } = { ...(await readDecisionData(db)), policy: loaded.policy, asOf, flagKey, keepFlag: flagKeeper(), afterLetGo: collectGarbageNow };
  let ledger: ReturnType<typeof firstBatches>;
  let checked: ReturnType<typeof checkAll>;
  try {
    // §6 step 10: the claims money was disbursed for (§10) come first; the run keeps which batches it saw.
    ledger = firstBatches(db, asOf);
    input.firstBatchOf = ledger.firstBatchOf;
    // The worker's columns came in a message, which stays alive while code run from its delivery
    // goes on: one turn of the event loop lets it go before the decisions are made.
    await new Promise((resolve) => setImmediate(resolve));
    tuneHeapForDeciding();
    checked = checkAll(input, (next) => {
      if (next === 'caps') {
        letGoOfRows(input);
        input.endSnapshot();
        collectGarbageNow();
      }
      enter(next);
    });
  } finally {
    input.endSnapshot();
  }
  const { outcomes, flags } = checked;
  enter('store');
  const byDecision: Record<Decision, number> = { approved: 0, partial: 0, rejected: 0, pending: 0, review: 0 };
  for (const o of outcomes) byDecision[o.decision]++;
  const flagsBySeverity: Record<string, number> = { high: 0, medium: 0, low: 0 };
  for (const f of flags) flagsBySeverity[f.severity]++;
  const store = db.transaction(() => {
    const runId = insertRun(db, {
      created_at: audit.now(), os_user: audit.osUser, policy_id: loaded.policy.id, policy_sha256: loaded.sha256,
      policy_text: loaded.text, as_of: asOf, data_mark: input.dataMark, claims: outcomes.length, flags: flags.length,
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
