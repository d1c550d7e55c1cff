// F_PENSIONER (high, SPEC §7): the person is on a `pension` list retired from a day on or before
// the class's start_date (离退休人员参训). One flag per claim, whatever its decision.

import { claimListFlag } from '../facts/outside-lists.js';
import type { Flag } from './types.js';
import type { FlagContext } from './context.js';

export function flagPensioners(ctx: FlagContext): Flag[] {
  if (!ctx.lists.loaded.has('pension')) return [];
  const pension = ctx.groups.listRowsByIdNumber('pension');
  const flags: Flag[] = [];
  for (const claim of ctx.claims) {
    const rows = pension.get(claim.idNumber);
    if (!rows) continue;
    const matched = rows.filter((r) => r.from <= claim.startDate);
    if (matched.length > 0) flags.push(claimListFlag('F_PENSIONER', 'high', claim, matched));
  }
  return flags;
}
