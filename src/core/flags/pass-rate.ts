// F_PASS_RATE (low, SPEC §7): an institution with at least pass_rate_min_enrollments
// certificate-type claims, of which a share ≥ pass_rate has a certificate in its window.

import { makeFlag, type Flag } from './types.js';
import type { FlagContext } from './context.js';

export function flagPassRates(ctx: FlagContext): Flag[] {
  const { passRate, passRateMinEnrollments } = ctx.policy.thresholds;
  const flags: Flag[] = [];
  for (const [code, all] of [...ctx.groups.claimsByInstitution()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (all.length < passRateMinEnrollments) continue;
    let passed = 0;
    const claims = [];
    for (const c of all) {
      const e = ctx.evaluations.get(c)!;
      if (!e.paysCertificate) continue;
      claims.push(c);
      if (e.match?.chosen) passed++;
    }
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
