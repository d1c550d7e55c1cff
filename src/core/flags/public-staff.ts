// F_PUBLIC_STAFF (high, SPEC §7): the person is on a `public_staff` list (财政供养人员) with a
// period overlapping the class, both ends inclusive. One flag per claim, whatever its decision.

import { claimListFlag, periodOverlaps } from '../facts/outside-lists.js';
import type { Flag } from './types.js';
import type { FlagContext } from './context.js';

export function flagPublicStaff(ctx: FlagContext): Flag[] {
  if (!ctx.lists.loaded.has('public_staff')) return [];
  const staff = ctx.groups.listRowsByIdNumber('public_staff');
  const flags: Flag[] = [];
  for (const claim of ctx.claims) {
    const rows = staff.get(claim.idNumber);
    if (!rows) continue;
    const matched = rows.filter((r) => periodOverlaps(r, claim.startDate, claim.endDate));
    if (matched.length > 0) flags.push(claimListFlag('F_PUBLIC_STAFF', 'high', claim, matched));
  }
  return flags;
}
