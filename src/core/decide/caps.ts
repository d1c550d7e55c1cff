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

interface Counted {
  claimId: string;
  occupation: Claim;
  level: number | null;
  year: string;
}

const NONE: readonly string[] = Object.freeze([]);
const PASSED: readonly CapCode[] = Object.freeze([]);
const PASSED_ALONE: CapResult = Object.freeze({ codes: PASSED, against: NONE });

/** SPEC §6 step 10 order: certificate issue_date (else end_date), then end_date, then claim_id — as candidate indexes. */
function stepTenOrder(candidates: readonly CapCandidate[]): number[] {
  const first = candidates.map(({ claim, certificate }) => certificate?.issueDate ?? claim.endDate);
  const end = candidates.map(({ claim }) => claim.endDate);
  const id = candidates.map(({ claim }) => claim.claimId);
  return Array.from(candidates, (_, k) => k).sort((a, b) => {
    if (first[a] !== first[b]) return first[a] < first[b] ? -1 : 1;
    if (end[a] !== end[b]) return end[a] < end[b] ? -1 : 1;
    return id[a] < id[b] ? -1 : id[a] > id[b] ? 1 : 0;
  });
}

export function applyCaps(candidates: readonly CapCandidate[], policy: Policy): CapResults {
  const sequence = stepTenOrder(candidates);
  const results: CapResult[] = new Array(candidates.length);
  const order = new Uint32Array(candidates.length);
  const byPerson = new Map<string, Counted[]>();
  const usedCertificates = new Map<number, string>();
  const { certificateSubsidiesPerYear, sameOccupationLevelOnce, noLowerLevelAfterHigher } = policy.limits;
  for (let position = 0; position < sequence.length; position++) {
    const index = sequence[position];
    order[index] = position;
    const { claim, certificate, paysCertificate } = candidates[index];
    if (!paysCertificate || !certificate) {
      results[index] = PASSED_ALONE;
      continue;
    }
    const earlier = byPerson.get(claim.idNumber);
    const year = certificate.issueDate.slice(0, 4);
    const funder = usedCertificates.get(certificate.rowId);
    if (!earlier && !funder && certificateSubsidiesPerYear > 0) {
      // A person's first certificate claim: nothing before it to count against.
      byPerson.set(claim.idNumber, [{ claimId: claim.claimId, occupation: claim, level: claim.level, year }]);
      usedCertificates.set(certificate.rowId, claim.claimId);
      results[index] = PASSED_ALONE;
      continue;
    }
    const before = earlier ?? [];
    const codes: CapCode[] = [];
    const against = new Set<string>();
    if (sameOccupationLevelOnce) {
      for (const e of before) if (e.level === claim.level && sameOccupation(e.occupation, claim)) against.add(e.claimId);
    }
    if (funder) against.add(funder);
    if (against.size > 0) codes.push('E_REPEAT');
    if (noLowerLevelAfterHigher && claim.level !== null) {
      const higher = before.filter((e) => e.level !== null && e.level < claim.level! && sameOccupation(e.occupation, claim));
      if (higher.length > 0) {
        codes.push('E_LOWER_LEVEL');
        for (const e of higher) against.add(e.claimId);
      }
    }
    const sameYear = before.filter((e) => e.year === year);
    if (sameYear.length >= certificateSubsidiesPerYear) {
      codes.push('E_ANNUAL_CAP');
      for (const e of sameYear) against.add(e.claimId);
    }
    if (codes.length === 0) {
      before.push({ claimId: claim.claimId, occupation: claim, level: claim.level, year });
      byPerson.set(claim.idNumber, before);
      usedCertificates.set(certificate.rowId, claim.claimId);
      results[index] = sameYear.length > 0 ? { codes: PASSED, against: sameYear.map((e) => e.claimId) } : PASSED_ALONE;
    } else {
      results[index] = { codes: codes.sort(), against: [...against].sort() };
    }
  }
  return { results, order };
}
