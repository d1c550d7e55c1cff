// SPEC §6: decides every claim in the database — steps 1–8 (evaluate-claim), the amounts
// (9, 11–13), fraud flags (SPEC §7) and auditors' verdicts (§7.1), caps in the stated order
// (10), and the hold for review (14). Pure: the same input always gives the same outcomes.

import type { Policy } from '../policy/types.js';
import type { Flag } from '../flags/types.js';
import { raiseFlags } from '../flags/raise-flags.js';
import { evaluateClaim, type Evaluation, type EvaluationContext } from './evaluate-claim.js';
import { mainSubsidy, livingAllowance, splitAdvance } from './amount.js';
import { choosePayee } from './payee.js';
import { applyCaps, type CapCandidate, type CapResult } from './caps.js';
import type { CatalogueEntry, Certificate, Claim, ClaimOutcome, Payment } from './types.js';

export type Verdict = 'cleared' | 'confirmed';

export interface DecideInput {
  claims: Claim[];
  certificates: Certificate[];
  catalogue: CatalogueEntry[];
  policy: Policy;
  asOf: string;
  verdicts: ReadonlyMap<string, Verdict>;
}

export interface DecideOutput {
  outcomes: ClaimOutcome[];
  flags: Flag[];
}

export function evaluationContext(input: Pick<DecideInput, 'certificates' | 'catalogue' | 'policy' | 'asOf'>): EvaluationContext {
  const certificatesByPerson = new Map<string, Certificate[]>();
  for (const cert of input.certificates) {
    const list = certificatesByPerson.get(cert.idNumber);
    if (list) list.push(cert);
    else certificatesByPerson.set(cert.idNumber, [cert]);
  }
  let catalogue: Map<string, CatalogueEntry[]> | null = null;
  if (input.catalogue.length > 0) {
    catalogue = new Map();
    for (const e of input.catalogue) {
      const list = catalogue.get(e.code);
      if (list) list.push(e);
      else catalogue.set(e.code, [e]);
    }
  }
  return { policy: input.policy, asOf: input.asOf, certificatesByPerson, catalogue };
}

const NO_RATES: Payment['rates'] = Object.freeze([]) as unknown as Payment['rates'];

/** Steps 9 and 11–13 for a claim that passed 1–8; `withRates` keeps the rates used (for explain). */
export function computePayment(claim: Claim, certificate: Certificate | null, policy: Policy, withRates = false): { payment: Payment; warning: string | null; noRate: boolean } {
  const payee = choosePayee(claim, certificate, policy);
  const main = mainSubsidy(claim, certificate, payee.kind, policy);
  const living = livingAllowance(claim, policy);
  const totalFen = main.fen + living.fen;
  const { advanceFen, balanceFen } = splitAdvance(totalFen, claim, policy);
  return {
    payment: {
      kind: payee.kind, payeeType: payee.payeeType, payeeName: payee.payeeName, payeeCode: payee.payeeCode, fund: payee.fund,
      mainFen: main.fen, livingFen: living.fen, totalFen, advanceFen, balanceFen, rates: withRates ? [...main.rates, ...living.rates] : NO_RATES,
    },
    warning: main.warning,
    noRate: main.noRate,
  };
}

const NONE: readonly string[] = Object.freeze([]);

function outcome(
  claim: Claim, evaluation: Evaluation, flagIds: readonly string[], decision: ClaimOutcome['decision'], reasons: readonly string[],
  payment: Payment | null, cap: CapResult | null,
): ClaimOutcome {
  return {
    claim, decision, reasons: reasons as string[], flagIds: flagIds as string[], certificate: evaluation.match?.chosen ?? null, payment,
    capClaims: (cap?.against ?? NONE) as string[], capOrder: cap?.order ?? null,
  };
}

/** onStage is called as each stage begins ('evaluate', 'flags', 'caps', 'outcomes'), for timing by the caller. */
export function decideClaims(input: DecideInput, onStage?: (stage: string) => void): DecideOutput {
  const { policy, claims, verdicts } = input;
  onStage?.('evaluate');
  const ctx = evaluationContext(input);
  // Keyed by the claim object: identity lookups are cheaper than hashing a million claim ids.
  const evaluations = new Map<Claim, Evaluation>();
  const payments = new Map<Claim, { payment: Payment; warning: string | null }>();
  for (const claim of claims) {
    const evaluation = evaluateClaim(claim, ctx);
    evaluations.set(claim, evaluation);
    if (evaluation.reasons.length > 0) continue;
    const computed = computePayment(claim, evaluation.match?.chosen ?? null, policy);
    if (computed.noRate) evaluation.reasons = ['E_NO_RATE'];
    else payments.set(claim, computed);
  }

  onStage?.('flags');
  const flags = raiseFlags({ claims, certificates: input.certificates, policy, asOf: input.asOf, evaluations, payments }, ctx.certificatesByPerson);
  const flagsByClaim = new Map<string, Flag[]>();
  for (const flag of flags) {
    for (const claimId of flag.claimIds) {
      const list = flagsByClaim.get(claimId);
      if (list) list.push(flag);
      else flagsByClaim.set(claimId, [flag]);
    }
  }
  // §7.1: a confirmed flag rejects its claims before the caps, so they never count.
  const confirmed = (claim: Claim) => flagsByClaim.get(claim.claimId)?.some((f) => verdicts.get(f.flagId) === 'confirmed') ?? false;

  onStage?.('caps');
  // The candidates are in claim order; the outcomes below walk the claims in the same order.
  const capCandidates: CapCandidate[] = [];
  for (const claim of claims) {
    const evaluation = evaluations.get(claim)!;
    if (evaluation.reasons.length > 0 || confirmed(claim)) continue;
    capCandidates.push({ claim, certificate: evaluation.match?.chosen ?? null, capped: evaluation.paysCertificate });
  }
  const caps = applyCaps(capCandidates, policy);

  onStage?.('outcomes');
  let candidate = 0;
  const outcomes: ClaimOutcome[] = new Array(claims.length);
  for (let k = 0; k < claims.length; k++) {
    const claim = claims[k];
    const evaluation = evaluations.get(claim)!;
    const claimFlags = flagsByClaim.get(claim.claimId);
    const flagIds = claimFlags ? claimFlags.map((f) => f.flagId).sort() : NONE;
    if (evaluation.reasons.length > 0) {
      const decision = evaluation.reasons.some((r) => r.startsWith('E_')) ? 'rejected' : 'pending';
      outcomes[k] = outcome(claim, evaluation, flagIds, decision, evaluation.reasons, null, null);
      continue;
    }
    if (confirmed(claim)) {
      outcomes[k] = outcome(claim, evaluation, flagIds, 'rejected', ['E_FRAUD_CONFIRMED'], null, null);
      continue;
    }
    const cap = caps[candidate];
    if (capCandidates[candidate++].claim !== claim) throw new Error('cap candidates out of step with the claims');
    const paid = payments.get(claim)!;
    if (cap.codes.length > 0) {
      outcomes[k] = outcome(claim, evaluation, flagIds, 'rejected', cap.codes, paid.payment, cap);
      continue;
    }
    const held = claimFlags !== undefined && claimFlags.some((f) => f.severity === 'high' && verdicts.get(f.flagId) !== 'cleared');
    const decision = held ? 'review' : paid.warning ? 'partial' : 'approved';
    outcomes[k] = outcome(claim, evaluation, flagIds, decision, paid.warning ? [paid.warning] : NONE, paid.payment, cap);
  }
  return { outcomes, flags };
}
