// SPEC §6: decides every claim in the database — steps 1–8 (evaluate-claim), the amounts
// (9, 11–13), fraud flags (SPEC §7) and auditors' verdicts (§7.1), caps in the stated order
// (10), and the hold for review (14). Pure: the same input always gives the same outcomes,
// whether step 10 runs here or elsewhere (decideClaimsInParallel) while the flags are raised.

import type { Policy } from '../policy/types.js';
import type { Flag } from '../flags/types.js';
import { raiseFlags } from '../flags/raise-flags.js';
import { evaluateClaim, type EvaluationContext, type PersonRecord } from './evaluate-claim.js';
import { groupByPerson, numberPersons, type PersonNumbers } from './persons.js';
import { idFacts } from '../normalise/id-number.js';
import type { EvaluatedClaim } from '../flags/context.js';
import { mainSubsidy, livingAllowance, splitAdvance } from './amount.js';
import { choosePayee } from './payee.js';
import { applyCaps, capColumns, capResultsFrom, type CapColumnsResult, type CapColumns, type CapLimits, type CapResults } from './caps.js';
import { groupBy } from '../group-by.js';
import type { CatalogueEntry, Certificate, Claim, ClaimOutcome, Payment } from './types.js';

export type Verdict = 'cleared' | 'confirmed';

export interface DecideInput {
  claims: Claim[];
  certificates: Certificate[];
  catalogue: CatalogueEntry[];
  policy: Policy;
  asOf: string;
  verdicts: ReadonlyMap<string, Verdict>;
  /** The database's secret that keys flag ids (SPEC §7.1, §8.1). */
  flagKey: string;
  /** The claims' and certificates' person numbers when the caller has them (the store's reader does); else worked out here. */
  persons?: PersonNumbers;
  /** The certificate numbers held by two or more ID numbers, when the caller has them (F_CERT_SHARED); else worked out there. */
  sharedCertificateNumbers?: readonly string[];
}

export interface DecideOutput {
  outcomes: ClaimOutcome[];
  flags: Flag[];
}

export function evaluationContext(input: Pick<DecideInput, 'catalogue' | 'policy' | 'asOf'>): EvaluationContext {
  const catalogue = input.catalogue.length > 0 ? groupBy(input.catalogue, (e) => e.code) : null;
  return { policy: input.policy, asOf: input.asOf, catalogue };
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

function samePayment(a: Payment, b: Payment): boolean {
  return a.kind === b.kind && a.payeeType === b.payeeType && a.payeeName === b.payeeName && a.payeeCode === b.payeeCode && a.fund === b.fund &&
    a.mainFen === b.mainFen && a.livingFen === b.livingFen && a.totalFen === b.totalFen && a.advanceFen === b.advanceFen &&
    a.balanceFen === b.balanceFen && a.rates === b.rates;
}

/**
 * Everything decided about one claim, filled in stage by stage: steps 1–8 and the amounts, then
 * the flags, the caps and the decision. One object per claim, which is also its outcome.
 */
interface ClaimState extends ClaimOutcome, EvaluatedClaim {
  /** W_MONTHS_CAPPED when the amounts were cut (a partial payment). */
  warning: string | null;
}

const NO_CERTIFICATES: readonly Certificate[] = Object.freeze([]);

/** Steps 1–8 and the amounts of every claim (SPEC §6 1–9, 11–13). Its person records are dropped when it returns. */
function evaluateAll(input: DecideInput, persons: PersonNumbers, certificatesByPerson: readonly (readonly Certificate[])[]): ClaimState[] {
  const { policy, claims } = input;
  const ctx = evaluationContext(input);
  const records: (PersonRecord | undefined)[] = new Array(persons.count);
  const states: ClaimState[] = new Array(claims.length);
  let lastPayment: Payment | null = null;
  for (let k = 0; k < claims.length; k++) {
    const claim = claims[k];
    const n = persons.claims[k];
    const person = (records[n] ??= { id: idFacts(claim.idNumber, input.asOf), certificates: certificatesByPerson[n] });
    const { reasons, idValid, paysCertificate, match } = evaluateClaim(claim, person, ctx);
    const state: ClaimState = {
      claim, decision: 'pending', reasons, flagIds: NONE as string[], certificate: match?.chosen ?? null, payment: null,
      capClaims: NONE as string[], capOrder: null, idValid, paysCertificate, certificatesBefore: match?.before ?? NO_CERTIFICATES, warning: null,
    };
    if (reasons.length === 0) {
      const computed = computePayment(claim, state.certificate, policy);
      if (computed.noRate) state.reasons = ['E_NO_RATE'];
      else {
        // A class's claims mostly come out with equal amounts and payee: they share one payment.
        if (!lastPayment || !samePayment(lastPayment, computed.payment)) lastPayment = computed.payment;
        state.payment = lastPayment;
        state.warning = computed.warning;
      }
    }
    states[k] = state;
  }
  return states;
}

interface Evaluated {
  states: ClaimState[];
  /** Grouped for step 8, used again by the flags. */
  certificatesByPerson: readonly (readonly Certificate[])[];
}

/** Steps 1–8 and the amounts of every claim (SPEC §6 1–9, 11–13). */
function evaluate(input: DecideInput, persons: PersonNumbers, onStage?: (stage: string) => void): Evaluated {
  onStage?.('evaluate');
  const certificatesByPerson = groupByPerson(input.certificates, persons.certificates, persons.count);
  return { states: evaluateAll(input, persons, certificatesByPerson), certificatesByPerson };
}

/** The fraud flags (§7) over the evaluated claims. */
function flag(input: DecideInput, persons: PersonNumbers, { states, certificatesByPerson }: Evaluated, onStage?: (stage: string) => void): Flag[] {
  onStage?.('flags');
  return raiseFlags({
    claims: input.claims, certificates: input.certificates, policy: input.policy, asOf: input.asOf, flagKey: input.flagKey, evaluated: states,
    sharedCertificateNumbers: input.sharedCertificateNumbers,
  }, persons, certificatesByPerson);
}

interface Sorted {
  /** The claims that reach step 10, in the order of the states. */
  candidates: ClaimState[];
  /** The flags of each claim that has any. */
  flagsOf: Map<ClaimState, Flag[]>;
}

/**
 * Each claim's flags, found by claim_id. A claim_id is `<class_id>/<id_number>`, so a claim whose
 * ID number ends no flagged claim_id has none, and its claim_id (made when asked for) is not made.
 */
function flagsByClaim(states: readonly ClaimState[], flags: readonly Flag[]): Map<ClaimState, Flag[]> {
  const byClaimId = new Map<string, Flag[]>();
  const idNumbers = new Set<string>();
  for (const flag of flags) {
    for (const claimId of flag.claimIds) {
      const list = byClaimId.get(claimId);
      if (list) list.push(flag);
      else byClaimId.set(claimId, [flag]);
      // Whatever '/' the class id or an invalid ID number holds, one of these is the ID number.
      for (let at = claimId.indexOf('/'); at >= 0; at = claimId.indexOf('/', at + 1)) idNumbers.add(claimId.slice(at + 1));
    }
  }
  const flagsOf = new Map<ClaimState, Flag[]>();
  if (byClaimId.size === 0) return flagsOf;
  for (const state of states) {
    if (!idNumbers.has(state.claim.idNumber)) continue;
    const claimFlags = byClaimId.get(state.claim.claimId);
    if (claimFlags) flagsOf.set(state, claimFlags);
  }
  return flagsOf;
}

/** Each claim's flags; the decision of the claims steps 1–8 stopped; the candidates for step 10. */
function sortOut(states: ClaimState[], flags: Flag[], verdicts: ReadonlyMap<string, Verdict>): Sorted {
  const flagsOf = flagsByClaim(states, flags);
  // §7.1: a confirmed flag rejects its claims before the caps, so they never count. The list is
  // made at the length it can reach and cut to what it got (a million pushes leave garbage behind).
  let passed = 0;
  for (const state of states) if (state.reasons.length === 0) passed++;
  const candidates: ClaimState[] = new Array(passed);
  let count = 0;
  for (const state of states) {
    const claimFlags = flagsOf.get(state);
    if (claimFlags) state.flagIds = claimFlags.map((f) => f.flagId).sort();
    if (state.reasons.length > 0) {
      state.decision = state.reasons.some((r) => r.startsWith('E_')) ? 'rejected' : 'pending';
    } else if (claimFlags?.some((f) => verdicts.get(f.flagId) === 'confirmed')) {
      state.decision = 'rejected';
      state.reasons = ['E_FRAUD_CONFIRMED'];
      state.payment = null;
    } else {
      candidates[count++] = state;
    }
  }
  candidates.length = count;
  return { candidates, flagsOf };
}

/** Steps 10 and 14: the candidates' cap results, then the hold for review. */
function settle({ candidates, flagsOf }: Sorted, caps: CapResults, verdicts: ReadonlyMap<string, Verdict>): void {
  for (let k = 0; k < candidates.length; k++) {
    const state = candidates[k];
    const cap = caps.results[k];
    state.capOrder = caps.order[k];
    state.capClaims = cap.against as string[];
    if (cap.codes.length > 0) {
      state.decision = 'rejected';
      state.reasons = cap.codes as string[];
      continue;
    }
    const claimFlags = flagsOf.get(state);
    const held = claimFlags !== undefined && claimFlags.some((f) => f.severity === 'high' && verdicts.get(f.flagId) !== 'cleared');
    state.decision = held ? 'review' : state.warning ? 'partial' : 'approved';
    if (state.warning) state.reasons = [state.warning];
  }
}

/** onStage is called as each stage begins ('evaluate', 'flags', 'caps', 'outcomes'), for timing by the caller. */
export function decideClaims(input: DecideInput, onStage?: (stage: string) => void): DecideOutput {
  const persons = input.persons ?? numberPersons(input.claims, input.certificates);
  const { states, flags } = evaluateAndFlag(input, persons, onStage);
  onStage?.('caps');
  const sorted = sortOut(states, flags, input.verdicts);
  const caps = applyCaps(sorted.candidates, input.policy);
  onStage?.('outcomes');
  settle(sorted, caps, input.verdicts);
  return { outcomes: states, flags };
}

/** Steps 1–8, the amounts and the flags; the grouping of certificates by person is dropped when this returns, before the caps. */
function evaluateAndFlag(input: DecideInput, persons: PersonNumbers, onStage?: (stage: string) => void): { states: ClaimState[]; flags: Flag[] } {
  const evaluated = evaluate(input, persons, onStage);
  return { states: evaluated.states, flags: flag(input, persons, evaluated, onStage) };
}

/** Step 10 run elsewhere (another thread): its answer for the columns, or null when it could not run. */
export type CapsElsewhere = (columns: CapColumns, limits: CapLimits) => Promise<CapColumnsResult | null>;

export interface InParallel {
  capsElsewhere: CapsElsewhere;
  /** The certificate numbers held by two or more ID numbers, on their way (null if they will not come): awaited before the flags. */
  sharedCertificateNumbers?: Promise<readonly string[] | null>;
  /** As for decideClaims. */
  onStage?: (stage: string) => void;
}

/** Sends the claims that passed steps 1–8 to step 10 elsewhere: how many, and the answer to come. */
function sendPassed(states: ClaimState[], persons: PersonNumbers, limits: CapLimits, capsElsewhere: CapsElsewhere): { passed: number; answer: Promise<CapColumnsResult | null> } {
  // Made at their exact lengths: a million pushes leave tens of megabytes of garbage behind.
  let passed = 0;
  for (const state of states) if (state.reasons.length === 0) passed++;
  const passing: ClaimState[] = new Array(passed);
  const numbers = new Uint32Array(passed);
  for (let k = 0, c = 0; k < states.length; k++) {
    if (states[k].reasons.length > 0) continue;
    passing[c] = states[k];
    numbers[c++] = persons.claims[k];
  }
  return { passed, answer: capsElsewhere(capColumns(passing, numbers), limits) };
}

/**
 * decideClaims, with step 10 run elsewhere while the flags are raised here. Only a flag an
 * auditor confirmed can take a claim out of step 10 after steps 1–8, so the claims that passed
 * them are sent; if a confirmed flag took any out, step 10 runs again here on the rest. The
 * outcomes are the same either way.
 */
export async function decideClaimsInParallel(input: DecideInput, { capsElsewhere, sharedCertificateNumbers, onStage }: InParallel): Promise<DecideOutput> {
  const persons = input.persons ?? numberPersons(input.claims, input.certificates);
  let evaluated: Evaluated | null = evaluate(input, persons, onStage);
  const { states } = evaluated;
  const { passed, answer } = sendPassed(states, persons, input.policy.limits, capsElsewhere);
  const shared = (await sharedCertificateNumbers) ?? input.sharedCertificateNumbers;
  const flags = flag({ ...input, sharedCertificateNumbers: shared }, persons, evaluated, onStage);
  evaluated = null;
  onStage?.('caps');
  const sorted = sortOut(states, flags, input.verdicts);
  // The candidates are the passed claims in their order, less any a confirmed flag took out.
  const columns = sorted.candidates.length === passed ? await answer : null;
  const caps = columns ? capResultsFrom(sorted.candidates, columns) : applyCaps(sorted.candidates, input.policy);
  onStage?.('outcomes');
  settle(sorted, caps, input.verdicts);
  return { outcomes: states, flags };
}
