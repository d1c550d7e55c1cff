// F_PASS_RATE (low, SPEC §7): an institution with at least pass_rate_min_enrollments
// certificate-type claims, of which a share ≥ pass_rate has a certificate in its window.

import { makeFlag, type Flag } from './types.js';
import type { FlagContext } from './context.js';
import type { Claim } from '../decide/types.js';

export function flagPassRates(ctx: FlagContext): Flag[] {
  const { passRate, passRateMinEnrollments } = ctx.policy.thresholds;
  const flags: Flag[] = [];
  const byInstitution = new Map<string, { claims: Claim[]; passed: number }>();
  for (const { claim, paysCertificate, certificate } of ctx.evaluated) {
    if (!paysCertificate) continue;
    let institution = byInstitution.get(claim.institutionCode);
    if (!institution) byInstitution.set(claim.institutionCode, (institution = { claims: [], passed: 0 }));
    institution.claims.push(claim);
    if (certificate) institution.passed++;
  }
  for (const [code, { claims, passed }] of [...byInstitution].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (claims.length < passRateMinEnrollments) continue;
    const share = passed / claims.length;
    if (share < passRate) continue;
    flags.push(makeFlag({
      rule: 'F_PASS_RATE', severity: 'low', subjectType: 'institution', subject: code, idNumber: null,
      classIds: claims.map((c) => c.classId), certNumbers: [], institutionCode: code, claimIds: [],
      detail: { key: 'F_PASS_RATE', params: { institution: claims[0].institutionName, enrolled: claims.length, certified: passed, share: `${(share * 100).toFixed(1)}%` } },
      sources: [],
    }));
  }
  return flags;
}
