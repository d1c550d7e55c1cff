// SPEC §6 and §7: `check` over every claim in the database, as one synchronous pipeline:
//   steps 1–8 and the amounts (9, 11–13) of each claim → the fraud flags (§7) → the auditors'
//   verdicts (§7.1: a confirmed flag rejects its claims before step 9) → E_NO_RATE (9) → the caps
//   (10) → the hold for review (14).
// Tests and `check` run this same function; the same input always gives the same outcomes.

import type { Policy } from './policy/types.js';
import type { Flag } from './flags/types.js';
import { raiseFlags } from './flags/raise-flags.js';
import { Groupings, type EvaluatedClaim } from './flags/context.js';
import { evaluateClaim, evaluationContext, type PersonFacts } from './decide/evaluate-claim.js';
import { numberPersons } from './decide/persons.js';
import { computePayment, type ComputedPayment } from './decide/payment.js';
import { applyCaps, type FirstBatches } from './decide/caps.js';
import { fraudConfirmedCode, type Verdict } from './decide/fraud-confirmed.js';
import { heldForReview } from './decide/hold.js';
import { idFacts } from './normalise/id-number.js';
import { addIdNumbersOf, claimIdOf } from './facts/claim-id.js';
import { listsOfRows } from './facts/outside-lists.js';
import type { CatalogueEntry, Certificate, Claim, ClaimOutcome, Decision, OutsideLists, Payment } from './decide/types.js';

export type { Verdict };

/**
 * The rows (claims, certificates, catalogue, lists) are read in the 'evaluate' and 'flags' stages
 * only: from 'caps' on, the pipeline works on its own states (which hold each claim and its chosen
 * certificate), so a caller may let go of them then (letGoOfRows).
 */
export interface CheckInput {
  claims: readonly Claim[];
  certificates: readonly Certificate[];
  catalogue: readonly CatalogueEntry[];
  /** The outside lists (SPEC §2.5); none loaded when absent. */
  lists?: OutsideLists;
  policy: Policy;
  asOf: string;
  /** The latest verdict of each flag (§7.1). */
  verdicts: ReadonlyMap<string, Verdict>;
  /** The database's secret that keys flag ids (§7.1, §8.1). */
  flagKey: string;
  /**
   * Step 10's first claims (§10): claim id → the first batch that paid its main subsidy, for the
   * claims whose main subsidy has a net disbursed above zero in batches dated on or before asOf.
   * Absent: nothing has been disbursed.
   */
  firstBatchOf?: FirstBatches;
  /**
   * The form the run keeps each flag in once raised, reading the same values (a caller deciding a
   * million claims keeps them compact: src/engine/kept-flags.ts). Absent: as raised.
   */
  keepFlag?: (flag: Flag) => Flag;
  /**
   * Called when the pipeline has just let go of much (a grouping by person, once the next rule does
   * not need it; an outside list's rows, before the first list rule and after the last), for a
   * caller that reclaims memory then. Absent: nothing.
   */
  afterLetGo?: () => void;
}

export interface CheckOutput {
  /** One per claim, in the order of the claims. */
  outcomes: ClaimOutcome[];
  flags: Flag[];
}

/** Stages, in order, for a caller that times them. */
export type Stage = 'evaluate' | 'flags' | 'caps' | 'outcomes';

/**
 * For a caller's onStage when 'caps' begins: the input no longer holds the rows, so that what no
 * claim refers to (the certificates no claim chose, a list's millions of rows) can be collected
 * while the caps and outcomes are decided.
 */
export function letGoOfRows(input: CheckInput): void {
  input.claims = [];
  input.certificates = [];
  input.catalogue = [];
  input.lists = undefined;
}

/** What is known of a claim as the pipeline goes: its outcome, and what the flags need of steps 1–8. */
interface ClaimState extends ClaimOutcome, EvaluatedClaim {
  /** The claim's person number (decide/persons.ts). */
  person: number;
  /** Step 9's code, for a claim that passed 1–8 (decide/amount.ts). */
  amountCode: ComputedPayment['code'];
}

const NONE: readonly string[] = Object.freeze([]);
const NO_LISTS: OutsideLists = Object.freeze(listsOfRows(new Set(), []));
const NO_CERTIFICATES: readonly Certificate[] = Object.freeze([]);

export function checkAll(input: CheckInput, onStage?: (stage: Stage) => void): CheckOutput {
  const { states, flags } = evaluateAndFlag(input, onStage);

  onStage?.('caps');
  const flagsOf = flagsByClaim(states, flags);
  const candidates = capStep(input, states, flagsOf);

  onStage?.('outcomes');
  for (const state of candidates) if (state.decision !== 'rejected') settle(state, flagsOf.get(state), input.verdicts);
  return { outcomes: states, flags };
}

/** Decides the claims that do not reach step 10, then step 10 on the rest; the claims step 10 let through (its results are left behind). */
function capStep(input: CheckInput, states: readonly ClaimState[], flagsOf: ReadonlyMap<ClaimState, readonly Flag[]>): ClaimState[] {
  const candidates: ClaimState[] = [];
  for (const state of states) if (decideBeforeCaps(state, flagsOf.get(state), input.verdicts)) candidates.push(state);
  const caps = applyCaps(candidates, input.policy.limits, input.firstBatchOf);
  candidates.forEach((state, k) => {
    state.capOrder = caps[k].order;
    state.capClaims = caps[k].against;
    if (caps[k].codes.length > 0) reject(state, caps[k].codes);
  });
  return candidates;
}

/** Steps 1–8 (and 9, 11–13) of every claim, then the flags (§7); the persons' groupings are left behind. */
function evaluateAndFlag(input: CheckInput, onStage?: (stage: Stage) => void): { states: ClaimState[]; flags: Flag[] } {
  onStage?.('evaluate');
  const lists = input.lists ?? NO_LISTS;
  const groups = new Groupings({ claims: input.claims, certificates: input.certificates, lists }, numberPersons(input.claims, input.certificates));
  const states = evaluateAll(input, groups.persons.claims, groups.certificatesByPerson());

  onStage?.('flags');
  const flags = raiseFlags({ ...input, lists, evaluated: states }, groups, input.keepFlag, input.afterLetGo);
  return { states, flags };
}

/** Steps 1–8 of every claim, and steps 9 and 11–13 of those that passed them. */
function evaluateAll(input: CheckInput, personOfClaim: Uint32Array, certificatesByPerson: readonly (readonly Certificate[])[]): ClaimState[] {
  const ctx = evaluationContext(input);
  const sharePayment = paymentSharing();
  return input.claims.map((claim, k) => {
    const n = personOfClaim[k];
    // Made for each claim and let go of at once: on a city's data nearly every person has one claim,
    // and a person's facts kept for the next claim would be a million objects held while deciding.
    const person: PersonFacts = { id: idFacts(claim.idNumber, input.asOf), certificates: certificatesByPerson[n] };
    const { reasons, idValid, paysCertificate, match } = evaluateClaim(claim, person, ctx);
    const certificate = match?.chosen ?? null;
    const computed = reasons.length === 0 ? computePayment(claim, certificate, input.policy) : null;
    const amountCode = computed?.code ?? null;
    const payment = computed && !isRejection(amountCode) ? sharePayment(computed.payment) : null;
    return {
      claim, decision: 'pending', reasons: sharedCodes(reasons), flagIds: NONE as string[], certificate, payment, capClaims: NONE as string[], capOrder: null,
      idValid, paysCertificate, certificatesBefore: match?.before ?? NO_CERTIFICATES, amountCode, person: n,
    };
  });
}

/**
 * One payment object for claims whose payments are equal: a million claims then hold a few hundred
 * payments, not a million (a class's claims mostly follow one another; the others are found by
 * their content, among a bounded number of distinct payments).
 */
function paymentSharing(): (payment: Payment) => Payment {
  const MAX_DISTINCT = 10_000;
  const known = new Map<string, Payment>();
  let last: Payment | null = null;
  return (payment) => {
    if (last !== null && samePayment(last, payment)) return last;
    const key = paymentKey(payment);
    const shared = known.get(key);
    if (shared !== undefined) return (last = shared);
    if (known.size < MAX_DISTINCT) known.set(key, payment);
    return (last = payment);
  };
}

function paymentKey(p: Payment): string {
  return [p.kind, p.payeeType, p.fund, p.mainFen, p.livingFen, p.totalFen, p.advanceFen, p.balanceFen, ...p.rates.map((r) => `${r.path}@${r.since}=${r.value}`)].join('|');
}

function samePayment(a: Payment, b: Payment): boolean {
  return a.kind === b.kind && a.payeeType === b.payeeType && a.fund === b.fund &&
    a.mainFen === b.mainFen && a.livingFen === b.livingFen && a.totalFen === b.totalFen && a.advanceFen === b.advanceFen &&
    a.balanceFen === b.balanceFen && a.rates.length === b.rates.length && a.rates.every((r, k) => r === b.rates[k]);
}

/** The flags attached to each claim that has any. */
function flagsByClaim(states: readonly ClaimState[], flags: readonly Flag[]): Map<ClaimState, readonly Flag[]> {
  const byClaimId = new Map<string, Flag[]>();
  // Most flagged claims have one flag, and a flag about an institution or a class attaches to
  // thousands of claims: the claims with that flag alone share one list of it (and one list of ids).
  // A list of one is always such a shared list; a second flag makes the claim a list of its own.
  for (const flag of flags) {
    let alone: Flag[] | undefined;
    for (const claimId of flag.claimIds) {
      const listed = byClaimId.get(claimId);
      if (listed === undefined) byClaimId.set(claimId, (alone ??= [flag]));
      else if (listed.length === 1) byClaimId.set(claimId, [listed[0], flag]);
      else listed.push(flag);
    }
  }
  const idsOf = new Map<Flag[], string[]>();
  const flagsOf = new Map<ClaimState, readonly Flag[]>();
  if (byClaimId.size === 0) return flagsOf;
  // A claim's id is made only when a flagged claim id may be of its ID number: most claims have no
  // flag, and a million ids made to be looked up are a million strings to collect.
  const endings = new Set<string>();
  for (const claimId of byClaimId.keys()) addIdNumbersOf(claimId, endings);
  for (const state of states) {
    if (!endings.has(state.claim.idNumber)) continue;
    const claimFlags = byClaimId.get(claimIdOf(state.claim.classId, state.claim.idNumber));
    if (claimFlags) {
      flagsOf.set(state, claimFlags);
      let ids = idsOf.get(claimFlags);
      if (ids === undefined) idsOf.set(claimFlags, (ids = claimFlags.map((f) => f.flagId).sort()));
      state.flagIds = ids;
    }
  }
  return flagsOf;
}

/**
 * The decision of a claim that does not reach step 10, whatever steps 1–8 gave: a confirmed flag
 * (§7.1) adds E_FRAUD_CONFIRMED; then any E_ code rejects, a P_ code leaves it pending; a claim
 * that passed 1–8 with no rate for it is rejected (step 9). True for a claim that goes on to step 10.
 */
function decideBeforeCaps(state: ClaimState, claimFlags: readonly Flag[] | undefined, verdicts: ReadonlyMap<string, Verdict>): boolean {
  const fraud = fraudConfirmedCode(claimFlags, verdicts);
  if (fraud) {
    reject(state, [...state.reasons, fraud]);
    return false;
  }
  if (state.reasons.length > 0) {
    state.decision = state.reasons.some(isRejection) ? 'rejected' : 'pending';
    return false;
  }
  if (isRejection(state.amountCode)) {
    reject(state, [state.amountCode]);
    return false;
  }
  return true;
}

/** An E_ code rejects; a P_ code leaves a claim pending; a W_ code makes a paid claim partial (SPEC §6). */
function isRejection(code: string | null): code is string {
  return code !== null && code.startsWith('E_');
}

function reject(state: ClaimState, reasons: readonly string[]): void {
  state.decision = 'rejected';
  state.reasons = sharedCodes([...reasons].sort());
}

/**
 * One list for equal lists of codes: there are a few hundred combinations of reasons, and a
 * quarter of a million rejected claims on a city's data. The lists are frozen; a run never changes one.
 */
const codeLists = new Map<string, string[]>();
function sharedCodes(codes: string[]): string[] {
  if (codes.length === 0) return NONE as string[];
  const key = codes.join(';');
  const known = codeLists.get(key);
  if (known !== undefined) return known;
  if (codeLists.size < 10_000) codeLists.set(key, Object.freeze(codes) as string[]);
  return codes;
}

/** The decision of a claim step 10 let through: held for review (step 14), else partial when cut, else approved. */
function settle(state: ClaimState, claimFlags: readonly Flag[] | undefined, verdicts: ReadonlyMap<string, Verdict>): void {
  const held = heldForReview(claimFlags, verdicts);
  const warning = state.amountCode;
  state.decision = held ? 'review' : warning ? 'partial' : 'approved';
  if (warning) state.reasons = sharedCodes([warning]);
}

export type { Decision };
