// SPEC §6 step 10: caps over all claims that passed steps 1–8, one by one in order of
// certificate issue_date (else end_date), then end_date, then claim_id; each against the
// earlier claims this step did not reject. Only certificate claims are capped. (十二)

import type { Policy } from '../policy/types.js';
import { sameOccupation } from '../normalise/occupation.js';
import type { Certificate, Claim } from './types.js';

export interface CapCandidate {
  claim: Claim;
  certificate: Certificate | null;
  /** Only claims that pay by certificate are capped. */
  paysCertificate: boolean;
}

export type CapCode = 'E_REPEAT' | 'E_LOWER_LEVEL' | 'E_ANNUAL_CAP';

export interface CapResult {
  codes: readonly CapCode[];
  /** The earlier claims that blocked this one, or (when it passed) that counted toward its annual cap. */
  against: readonly string[];
}

export interface CapResults {
  /** At each candidate's index. */
  results: CapResult[];
  /** Each candidate's position in the step-10 order, at its index. */
  order: Uint32Array;
}

const NONE: readonly string[] = Object.freeze([]);
const PASSED: readonly CapCode[] = Object.freeze([]);
const PASSED_ALONE: CapResult = Object.freeze({ codes: PASSED, against: NONE });

/** SPEC §6 step 10 order: certificate issue_date (else end_date), then end_date, then claim_id — as candidate indexes. */
function stepTenOrder(candidates: readonly CapCandidate[]): number[] {
  // The keys side by side, the two dates as one number: the sort compares them some twenty million times.
  const dates = new Float64Array(candidates.length);
  const id: string[] = new Array(candidates.length);
  for (let k = 0; k < candidates.length; k++) {
    const { claim, certificate } = candidates[k];
    dates[k] = dateNumber(certificate?.issueDate ?? claim.endDate) * 1e8 + dateNumber(claim.endDate);
    id[k] = claim.claimId;
  }
  return Array.from(candidates, (_, k) => k).sort((a, b) => dates[a] - dates[b] || (id[a] < id[b] ? -1 : id[a] > id[b] ? 1 : 0));
}

/** YYYY-MM-DD as the number YYYYMMDD, which orders as the text does. */
function dateNumber(date: string): number {
  let n = 0;
  for (let k = 0; k < 10; k++) if (k !== 4 && k !== 7) n = n * 10 + date.charCodeAt(k) - 48;
  return n;
}

export function applyCaps(candidates: readonly CapCandidate[], policy: Policy): CapResults {
  const sequence = stepTenOrder(candidates);
  const results: CapResult[] = new Array(candidates.length);
  const order = new Uint32Array(candidates.length);
  // Each candidate's person as a number, found in the candidates' own order (the step-10 order
  // jumps about, and a map lookup per jump costs more than an array's).
  const personNumbers = new Map<string, number>();
  const personOf = new Uint32Array(candidates.length);
  for (let k = 0; k < candidates.length; k++) {
    const idNumber = candidates[k].claim.idNumber;
    let n = personNumbers.get(idNumber);
    if (n === undefined) personNumbers.set(idNumber, (n = personNumbers.size));
    personOf[k] = n;
  }
  // The certificate claims each person has been paid so far, in step-10 order. A certificate is
  // matched only to its holder's claims, so "already funded this certificate" is a per-person question too.
  const paidByPerson: (CapCandidate[] | undefined)[] = new Array(personNumbers.size);
  const { certificateSubsidiesPerYear, sameOccupationLevelOnce, noLowerLevelAfterHigher } = policy.limits;
  for (let position = 0; position < sequence.length; position++) {
    const index = sequence[position];
    order[index] = position;
    const candidate = candidates[index];
    const { claim, certificate, paysCertificate } = candidate;
    if (!paysCertificate || !certificate) {
      results[index] = PASSED_ALONE;
      continue;
    }
    const person = personOf[index];
    const before = paidByPerson[person];
    if (!before && certificateSubsidiesPerYear > 0) {
      // A person's first certificate claim: nothing before it to count against.
      paidByPerson[person] = [candidate];
      results[index] = PASSED_ALONE;
      continue;
    }
    const earlier = before ?? [];
    // One pass over the person's paid claims: the same occupation and level (or the same
    // certificate) repeats; a higher level of the same occupation makes this one lower; the
    // same certificate year counts toward the annual cap.
    let repeated: string[] = NO_IDS;
    let higher: string[] = NO_IDS;
    let sameYear: string[] = NO_IDS;
    for (const e of earlier) {
      const occupation = sameOccupation(e.claim, claim);
      const id = e.claim.claimId;
      if ((sameOccupationLevelOnce && occupation && e.claim.level === claim.level) || e.certificate!.rowId === certificate.rowId) repeated = added(repeated, id);
      if (noLowerLevelAfterHigher && occupation && claim.level !== null && e.claim.level !== null && e.claim.level < claim.level) higher = added(higher, id);
      if (sameYearOf(e.certificate!.issueDate, certificate.issueDate)) sameYear = added(sameYear, id);
    }
    const codes: CapCode[] = [];
    if (repeated.length > 0) codes.push('E_REPEAT');
    if (higher.length > 0) codes.push('E_LOWER_LEVEL');
    const overCap = sameYear.length >= certificateSubsidiesPerYear;
    if (overCap) codes.push('E_ANNUAL_CAP');
    if (codes.length === 0) {
      // A new list of exactly the right length: a pushed-to array keeps room for 16 more.
      paidByPerson[person] = [...earlier, candidate];
      results[index] = sameYear.length > 0 ? { codes: PASSED, against: sameYear } : PASSED_ALONE;
    } else {
      results[index] = { codes: codes.sort(), against: [...new Set([...repeated, ...higher, ...(overCap ? sameYear : [])])].sort() };
    }
  }
  return { results, order };
}

const NO_IDS: string[] = Object.freeze([]) as unknown as string[];

/** The list with id appended; the shared empty list is never written to. */
function added(list: string[], id: string): string[] {
  if (list === NO_IDS) return [id];
  list.push(id);
  return list;
}

/** Two ISO dates in the same calendar year. */
function sameYearOf(a: string, b: string): boolean {
  return a.charCodeAt(0) === b.charCodeAt(0) && a.charCodeAt(1) === b.charCodeAt(1) && a.charCodeAt(2) === b.charCodeAt(2) && a.charCodeAt(3) === b.charCodeAt(3);
}
