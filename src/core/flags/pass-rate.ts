// F_PASS_RATE (low, SPEC §7): an institution with at least pass_rate_min_enrollments
// certificate-type claims, of which a share ≥ pass_rate has a certificate in its window.

import { makeFlag, type Flag } from './types.js';
import { groupBy, type FlagContext } from './context.js';

export function flagPassRates(ctx: FlagContext): Flag[] {
  const { passRate, passRateMinEnrollments } = ctx.policy.thresholds;
  const flags: Flag[] = [];
  const certificateClaims = ctx.claims.filter((c) => ctx.evaluations.get(c.claimId)!.paysCertificate);
  for (const [code, claims] of [...groupBy(certificateClaims, (c) => c.institutionCode)].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (claims.length < passRateMinEnrollments) continue;
    const passed = claims.filter((c) => ctx.evaluations.get(c.claimId)!.match?.chosen).length;
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
