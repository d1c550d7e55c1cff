// F_PASS_RATE (low, SPEC §7): an institution with at least pass_rate_min_enrollments
// certificate-type claims, of which a share ≥ pass_rate has a certificate in its window; attached
// to those claims.
// §8.8's `pass_rate` column counts the same way (passRateOf).

import { makeFlag, type Flag } from './types.js';
import type { FlagContext } from './context.js';
import type { Claim } from '../decide/types.js';

/** What the rule counts of one institution: its certificate-type claims (any decision), and those with a certificate (step 8). */
export interface PassRateCount {
  enrolled: number;
  certified: number;
}

/** Counts one claim: only a claim whose type pays on a certificate is enrolled. */
export function countForPassRate(count: PassRateCount, paysCertificate: boolean, certified: boolean): void {
  if (!paysCertificate) return;
  count.enrolled++;
  if (certified) count.certified++;
}

/** The share certified, or null below pass_rate_min_enrollments (too few to judge). */
export function passRateOf(count: PassRateCount, minEnrollments: number): number | null {
  return count.enrolled < minEnrollments ? null : count.certified / count.enrolled;
}

export function flagPassRates(ctx: FlagContext): Flag[] {
  const { passRate, passRateMinEnrollments } = ctx.policy.thresholds;
  const flags: Flag[] = [];
  const byInstitution = new Map<string, { claims: Claim[]; count: PassRateCount }>();
  for (const { claim, paysCertificate, certificate } of ctx.evaluated) {
    if (!paysCertificate) continue;
    let institution = byInstitution.get(claim.institutionCode);
    if (!institution) byInstitution.set(claim.institutionCode, (institution = { claims: [], count: { enrolled: 0, certified: 0 } }));
    institution.claims.push(claim);
    countForPassRate(institution.count, paysCertificate, certificate !== null);
  }
  for (const [code, { claims, count }] of [...byInstitution].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const share = passRateOf(count, passRateMinEnrollments);
    if (share === null || share < passRate) continue;
    flags.push(makeFlag({
      rule: 'F_PASS_RATE', severity: 'low', subjectType: 'institution', subject: code, idNumber: null,
      classIds: claims.map((c) => c.classId), certNumbers: [], institutionCode: code, claimIds: claims.map((c) => c.claimId),
      detail: { key: 'F_PASS_RATE', params: { institution: claims[0].institutionName, enrolled: count.enrolled, certified: count.certified, share: `${(share * 100).toFixed(1)}%` } },
      sources: [],
    }));
  }
  return flags;
}
