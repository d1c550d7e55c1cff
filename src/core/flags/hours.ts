// F_HOURS (low, SPEC §7): a class whose largest hours ÷ days is strictly greater than
// max_hours_per_day. One flag per class, attached to the class's claims; its evidence is the rows
// above the limit.

import { classDays } from '../decide/periods.js';
import { makeFlag, type Flag } from './types.js';
import type { FlagContext } from './context.js';

export function flagHours(ctx: FlagContext): Flag[] {
  const max = ctx.policy.limits.maxHoursPerDay;
  const flags: Flag[] = [];
  for (const [classId, claims] of [...ctx.groups.claimsByClass()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    let worst = null as null | { perDay: number; hours: number; days: number };
    for (const c of claims) {
      if (c.hours === null) continue;
      const days = classDays(c.startDate, c.endDate);
      const perDay = c.hours / days;
      if (!worst || perDay > worst.perDay) worst = { perDay, hours: c.hours, days };
    }
    if (!worst || worst.perDay <= max) continue;
    const over = claims.filter((c) => c.hours !== null && c.hours / classDays(c.startDate, c.endDate) > max);
    flags.push(makeFlag({
      rule: 'F_HOURS', severity: 'low', subjectType: 'class', subject: classId, idNumber: null,
      classIds: [classId], certNumbers: [], institutionCode: claims[0].institutionCode, claimIds: claims.map((c) => c.claimId),
      detail: { key: 'F_HOURS', params: { classId, hours: worst.hours, days: worst.days, perDay: worst.perDay.toFixed(1), max } },
      sources: over.map((c) => c.source),
    }));
  }
  return flags;
}
