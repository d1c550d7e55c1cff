// F_DECEASED (high, SPEC §7): the person's death date (`death` list: died on `from`) is on or
// before the later of the class's end_date and the issue_date of the claim's certificate (step 8)
// — nobody trains or is certified after death. One flag per claim, whatever its decision.

import { claimListFlag } from '../facts/outside-lists.js';
import type { Flag } from './types.js';
import type { FlagContext } from './context.js';

export function flagDeceased(ctx: FlagContext): Flag[] {
  if (!ctx.lists.loaded.has('death')) return [];
  const deaths = ctx.groups.listRowsByIdNumber('death');
  const flags: Flag[] = [];
  for (const { claim, certificate } of ctx.evaluated) {
    const rows = deaths.get(claim.idNumber);
    if (!rows) continue;
    const certified = certificate !== null && certificate.issueDate > claim.endDate;
    const latest = certified ? certificate.issueDate : claim.endDate;
    const matched = rows.filter((r) => r.from <= latest);
    if (matched.length === 0) continue;
    flags.push(claimListFlag('F_DECEASED', 'high', claim, matched, {
      params: { latest, cert: certified ? certificate.certNumber : '' }, certificate: certified ? certificate : null,
    }));
  }
  return flags;
}
