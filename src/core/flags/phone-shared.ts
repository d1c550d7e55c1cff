// F_PHONE_SHARED (medium, SPEC §7): one phone number given for phone_shared_persons or more
// distinct ID numbers. Phones compare as digits only, without a leading 86 / +86.

import { normalisePhone } from '../normalise/text.js';
import { makeFlag, type Flag } from './types.js';
import type { FlagContext } from './context.js';
import { groupBy } from '../group-by.js';

export function flagSharedPhones(ctx: FlagContext): Flag[] {
  const threshold = ctx.policy.thresholds.phoneSharedPersons;
  const flags: Flag[] = [];
  // Count distinct ID numbers per phone; a set is made only once a second person shows up.
  const holders = new Map<string, string | Set<string>>();
  for (const { phone, idNumber } of ctx.claims) {
    if (!phone) continue;
    const digits = normalisePhone(phone);
    if (digits.length < 7) continue;
    const seen = holders.get(digits);
    if (seen === undefined) holders.set(digits, idNumber);
    else if (typeof seen === 'string') {
      if (seen !== idNumber) holders.set(digits, new Set([seen, idNumber]));
    } else seen.add(idNumber);
  }
  const wanted = new Set([...holders].filter(([, h]) => typeof h !== 'string' && h.size >= threshold).map(([p]) => p));
  if (wanted.size === 0) return flags;
  const byPhone = groupBy(ctx.claims, (c) => {
    const digits = c.phone ? normalisePhone(c.phone) : null;
    return digits !== null && wanted.has(digits) ? digits : null;
  });
  for (const [phone, claims] of [...byPhone].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const persons = new Set(claims.map((c) => c.idNumber));
    flags.push(makeFlag({
      rule: 'F_PHONE_SHARED', severity: 'medium', subjectType: 'phone', subject: phone, idNumber: null,
      classIds: claims.map((c) => c.classId), certNumbers: [], institutionCode: null, claimIds: claims.map((c) => c.claimId),
      detail: { key: 'F_PHONE_SHARED', params: { phone: `${phone.slice(0, 3)}****${phone.slice(-4)}`, persons: persons.size, names: [...new Set(claims.map((c) => c.name))].sort().join(', ') } },
      sources: claims.map((c) => c.source),
    }));
  }
  return flags;
}
