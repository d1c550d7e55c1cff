// F_PHONE_SHARED (medium, SPEC §7): one phone number given for phone_shared_persons or more
// distinct ID numbers. Phones compare as digits only, without a leading 86 / +86.

import { normalisePhone } from '../normalise/text.js';
import { makeFlag, type Flag } from './types.js';
import { groupBy, type FlagContext } from './context.js';

export function flagSharedPhones(ctx: FlagContext): Flag[] {
  const threshold = ctx.policy.thresholds.phoneSharedPersons;
  const flags: Flag[] = [];
  const byPhone = groupBy(ctx.claims, (c) => {
    const digits = c.phone ? normalisePhone(c.phone) : '';
    return digits.length >= 7 ? digits : null;
  });
  for (const [phone, claims] of [...byPhone].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const persons = new Set(claims.map((c) => c.idNumber));
    if (persons.size < threshold) continue;
    flags.push(makeFlag({
      rule: 'F_PHONE_SHARED', severity: 'medium', subjectType: 'phone', subject: phone, idNumber: null,
      classIds: claims.map((c) => c.classId), certNumbers: [], institutionCode: null, claimIds: claims.map((c) => c.claimId),
      detail: { key: 'F_PHONE_SHARED', params: { phone: `${phone.slice(0, 3)}****${phone.slice(-4)}`, persons: persons.size, names: [...new Set(claims.map((c) => c.name))].sort().join(', ') } },
      sources: claims.map((c) => c.source),
    }));
  }
  return flags;
}
