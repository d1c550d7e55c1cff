// SPEC §8.6: every step that decided one claim in a stored run, with the values it used.
// Every step is asked again of the same core functions, on the rows as they stood for that run
// (its data mark), the policy text stored with it, the run's flags and the verdicts recorded before
// it: steps 1–8, the confirmed flags (§6: E_FRAUD_CONFIRMED, before step 9), steps 9–13 for a
// claim that passed them, step 10 on the person's claims that reached it in the run, in the run's
// order, and the hold for review (14).

import type { Db } from '../store/database.js';
import { StoredRows, catalogueAt, certificatesOfPerson, claimValuesById, fileNames, loadVerdicts, rosterPartsByRef, rosterVersionsOf } from '../store/reader.js';
import { decisionRows, flagRows, type RunRecord } from '../store/runs.js';
import { firstBatches } from '../store/ledger.js';
import { evaluateClaim, evaluationContext } from '../core/decide/evaluate-claim.js';
import { computePayment } from '../core/decide/payment.js';
import { payeeOf } from '../core/decide/payee.js';
import { applyCaps, type CapCandidate, type CapResult } from '../core/decide/caps.js';
import { fraudConfirmedCode } from '../core/decide/fraud-confirmed.js';
import { heldForReview } from '../core/decide/hold.js';
import type { Severity } from '../core/flags/types.js';
import type { Certificate } from '../core/decide/types.js';
import type { Policy } from '../core/policy/types.js';
import type { StepTrace } from '../core/decide/types.js';
import { formatFen } from '../core/normalise/money.js';
import { idFacts } from '../core/normalise/id-number.js';
import { parsePolicyText } from './policy.js';
import { DataError } from '../core/errors.js';

export interface Explanation {
  run: number;
  policy: { id: string; sha256: string };
  as_of: string;
  claim_id: string;
  decision: string;
  reasons: string;
  steps: StepTrace[];
  versions: { source: string; active_in_run: boolean }[];
}

/**
 * Step 10 for one claim, asked again of the core: caps work person by person, so the person's
 * claims that reached the step in the run, in the run's order, give the claim's answer.
 */
function capsOfPerson(db: Db, run: RunRecord, rows: StoredRows, certificates: readonly Certificate[], policy: Policy, rosterRowId: number): CapResult {
  const reached = [...decisionRows(db, run.id, 'AND r.id_number = (SELECT id_number FROM roster_rows WHERE id = ?) AND d.cap_order IS NOT NULL', [rosterRowId])];
  const claimValues = claimValuesById(db);
  const candidates: CapCandidate[] = reached.map((d) => {
    const claim = rows.claim(claimValues(d.roster_row_id));
    return {
      claim, certificate: certificates.find((c) => c.rowId === d.cert_row_id) ?? null,
      paysCertificate: policy.trainingTypes[claim.trainingType].pays === 'certificate', person: 0,
    };
  });
  // The same first batches the run's step 10 had: the batches it saw, dated by its as-of date.
  const { firstBatchOf } = firstBatches(db, run.as_of, run.batch_mark);
  return applyCaps(candidates, policy.limits, firstBatchOf)[reached.findIndex((d) => d.roster_row_id === rosterRowId)];
}

export function explainClaim(db: Db, run: RunRecord, claimId: string): Explanation {
  const [stored] = [...decisionRows(db, run.id, 'AND r.claim_id = ?', [claimId])];
  if (!stored) throw new DataError('claim_not_found', { claim: claimId, run: run.id });
  const files = fileNames(db);
  const policy = parsePolicyText(run.policy_text, `run ${run.id}`);
  const rows = new StoredRows(files, rosterPartsByRef(db));
  const claim = rows.claim(claimValuesById(db)(stored.roster_row_id));
  const certificates = certificatesOfPerson(db, claim.idNumber, run.data_mark, run.id, files);
  const ctx = evaluationContext({ catalogue: catalogueAt(db, run.data_mark, run.id, files), policy, asOf: run.as_of });
  const evaluation = evaluateClaim(claim, { id: idFacts(claim.idNumber, run.as_of), certificates }, ctx, true);
  const steps = [...evaluation.traces!];
  // The run's flags on the claim, and the verdicts the run had: those recorded before it was stored
  // (a run keeps no mark of the verdicts it read, so one recorded while a check was deciding counts as its).
  const verdicts = loadVerdicts(db, run.created_at);
  const claimFlags = flagRows(db, run.id).filter((f) => f.claim_ids.split(';').includes(claimId))
    .map((f) => ({ flagId: f.flag_id, rule: f.rule, severity: f.severity as Severity }));
  const fraud = fraudConfirmedCode(claimFlags, verdicts);
  steps.push({
    step: 8, name: 'fraud_confirmed', code: fraud,
    facts: { confirmed_flags: claimFlags.filter((f) => verdicts.get(f.flagId) === 'confirmed').map((f) => f.flagId) },
  });
  let payable = false;
  const computed = evaluation.reasons.length === 0 && fraud === null ? computePayment(claim, evaluation.match?.chosen ?? null, policy) : null;
  if (computed) {
    const { payment, code } = computed;
    steps.push({
      step: 9, name: 'amount', code,
      facts: { main_subsidy: formatFen(payment.mainFen), rates: payment.rates, months: claim.months },
    });
  }
  // Steps 10–13 for a claim step 9 did not reject (E_NO_RATE): a capped claim still shows what steps
  // 11–13 give it, which F_OVERCLAIM compares with (§7).
  if (computed && !computed.code?.startsWith('E_')) {
    const { payment } = computed;
    const caps = stored.cap_order === null ? null : capsOfPerson(db, run, rows, certificates, policy, stored.roster_row_id);
    payable = caps !== null && caps.codes.length === 0;
    steps.push({
      step: 10, name: 'caps', code: caps && caps.codes.length > 0 ? caps.codes.join(';') : null,
      facts: {
        reached: caps !== null, order: stored.cap_order, earlier_claims: caps?.against ?? [],
        // §10: money was disbursed for the claim, so it came before the claims nothing was paid for.
        ...(caps?.firstBatch ? { ordered_first: 'money was disbursed for this claim', first_batch: caps.firstBatch } : {}),
        certificate_subsidies_per_year: policy.limits.certificateSubsidiesPerYear,
      },
    });
    steps.push({ step: 11, name: 'kind_payee_fund', code: null, facts: { kind: payment.kind, payee_type: payment.payeeType, payee_name: payeeOf(claim, payment.payeeType).name, fund: payment.fund } });
    steps.push({ step: 12, name: 'living_allowance', code: null, facts: { living_allowance: formatFen(payment.livingFen), household: claim.household, categories: claim.categories } });
    steps.push({
      step: 13, name: 'total_advance', code: null,
      facts: { total: formatFen(payment.totalFen), advance: formatFen(payment.advanceFen), balance: formatFen(payment.balanceFen), project_based: claim.projectBased, ratio: policy.limits.projectAdvanceRatio },
    });
  }
  steps.push({
    step: 14, name: 'flags', code: payable && heldForReview(claimFlags, verdicts) ? 'review' : null,
    facts: { flags: claimFlags.map((f) => ({ flag_id: f.flagId, rule: f.rule, severity: f.severity, verdict: verdicts.get(f.flagId) ?? null })) },
  });
  const versions = rosterVersionsOf(db, claimId)
    .map((v) => ({ source: `${files.get(v.file_id)}:${v.line}`, active_in_run: v.id === stored.roster_row_id }));
  return {
    run: run.id, policy: { id: run.policy_id, sha256: run.policy_sha256 }, as_of: run.as_of, claim_id: claimId,
    decision: stored.decision, reasons: stored.reasons, steps, versions,
  };
}
