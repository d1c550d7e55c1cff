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

export interface CapResult {
  codes: ('E_REPEAT' | 'E_LOWER_LEVEL' | 'E_ANNUAL_CAP')[];
  /** The earlier claims that blocked this one, or (when it passed) that counted toward its annual cap. */
  against: string[];
  order: number;
}

/** SPEC §6 step 10 order: certificate issue_date (else end_date), then end_date, then claim_id. */
function compareCandidates(a: CapCandidate, b: CapCandidate): number {
  const a1 = a.certificate?.issueDate ?? a.claim.endDate;
  const b1 = b.certificate?.issueDate ?? b.claim.endDate;
  if (a1 !== b1) return a1 < b1 ? -1 : 1;
  if (a.claim.endDate !== b.claim.endDate) return a.claim.endDate < b.claim.endDate ? -1 : 1;
  return a.claim.claimId < b.claim.claimId ? -1 : a.claim.claimId > b.claim.claimId ? 1 : 0;
}

interface Counted {
  claimId: string;
  occupation: Claim;
  level: number | null;
  year: string;
}

export function applyCaps(candidates: CapCandidate[], policy: Policy): Map<string, CapResult> {
  const results = new Map<string, CapResult>();
  const ordered = [...candidates].sort(compareCandidates);
  const byPerson = new Map<string, Counted[]>();
  const usedCertificates = new Map<number, string>();
  const { certificateSubsidiesPerYear, sameOccupationLevelOnce, noLowerLevelAfterHigher } = policy.limits;
  const NONE: string[] = [];
  const PASSED: CapResult['codes'] = [];
  ordered.forEach((candidate, order) => {
    const { claim, certificate } = candidate;
    if (!candidate.capped || !certificate) {
      results.set(claim.claimId, { codes: PASSED, against: NONE, order });
      return;
    }
    const earlier = byPerson.get(claim.idNumber);
    const year = certificate.issueDate.slice(0, 4);
    const funder = usedCertificates.get(certificate.rowId);
    if (!earlier && !funder && certificateSubsidiesPerYear > 0) {
      // A person's first certificate claim: nothing before it to count against.
      byPerson.set(claim.idNumber, [{ claimId: claim.claimId, occupation: claim, level: claim.level, year }]);
      usedCertificates.set(certificate.rowId, claim.claimId);
      results.set(claim.claimId, { codes: PASSED, against: NONE, order });
      return;
    }
    const before = earlier ?? [];
    const codes: CapResult['codes'] = [];
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
      results.set(claim.claimId, { codes, against: sameYear.map((e) => e.claimId), order });
    } else {
      results.set(claim.claimId, { codes, against: [...against].sort(), order });
    }
  });
  return results;
}
