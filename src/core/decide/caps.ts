// SPEC §6 step 10: caps over all claims that passed steps 1–8, one by one in order of
// certificate issue_date (else end_date), then end_date, then claim_id; each against the
// earlier claims this step did not reject. Only certificate claims are capped. (十二)

import type { Policy } from '../policy/types.js';
import { sameOccupation } from '../normalise/occupation.js';
import type { Certificate, Claim } from './types.js';

export interface CapCandidate {
  claim: Claim;
  certificate: Certificate | null;
  /** Pays by certificate (only these are capped). */
  capped: boolean;
}

export type CapCode = 'E_REPEAT' | 'E_LOWER_LEVEL' | 'E_ANNUAL_CAP';

export interface CapResult {
  codes: readonly CapCode[];
  /** The earlier claims that blocked this one, or (when it passed) that counted toward its annual cap. */
  against: readonly string[];
  /** The claim's position in the step-10 order. */
  order: number;
}

interface Ordered {
  index: number;
  /** certificate issue_date, else end_date */
  first: string;
  endDate: string;
  claimId: string;
}

/** SPEC §6 step 10 order: certificate issue_date (else end_date), then end_date, then claim_id. */
function compareOrdered(a: Ordered, b: Ordered): number {
  if (a.first !== b.first) return a.first < b.first ? -1 : 1;
  if (a.endDate !== b.endDate) return a.endDate < b.endDate ? -1 : 1;
  return a.claimId < b.claimId ? -1 : a.claimId > b.claimId ? 1 : 0;
}

interface Counted {
  claimId: string;
  occupation: Claim;
  level: number | null;
  year: string;
}

const NONE: readonly string[] = Object.freeze([]);
const PASSED: readonly CapCode[] = Object.freeze([]);

/** The result of every candidate, at the candidate's index. */
export function applyCaps(candidates: readonly CapCandidate[], policy: Policy): CapResult[] {
  const ordered: Ordered[] = candidates.map(({ claim, certificate }, index) => ({
    index, first: certificate?.issueDate ?? claim.endDate, endDate: claim.endDate, claimId: claim.claimId,
  }));
  ordered.sort(compareOrdered);
  const results: CapResult[] = new Array(candidates.length);
  const byPerson = new Map<string, Counted[]>();
  const usedCertificates = new Map<number, string>();
  const { certificateSubsidiesPerYear, sameOccupationLevelOnce, noLowerLevelAfterHigher } = policy.limits;
  for (let order = 0; order < ordered.length; order++) {
    const { index } = ordered[order];
    const { claim, certificate, capped } = candidates[index];
    if (!capped || !certificate) {
      results[index] = { codes: PASSED, against: NONE, order };
      continue;
    }
    const earlier = byPerson.get(claim.idNumber);
    const year = certificate.issueDate.slice(0, 4);
    const funder = usedCertificates.get(certificate.rowId);
    if (!earlier && !funder && certificateSubsidiesPerYear > 0) {
      // A person's first certificate claim: nothing before it to count against.
      byPerson.set(claim.idNumber, [{ claimId: claim.claimId, occupation: claim, level: claim.level, year }]);
      usedCertificates.set(certificate.rowId, claim.claimId);
      results[index] = { codes: PASSED, against: NONE, order };
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
      results[index] = { codes: PASSED, against: sameYear.length > 0 ? sameYear.map((e) => e.claimId) : NONE, order };
    } else {
      results[index] = { codes: codes.sort(), against: [...against].sort(), order };
    }
  }
  return results;
}
