// F_INSURED_UNEMPLOYED (high, SPEC §7): a row with a `categories.no_employer` category (laid off,
// overcapacity unemployed) while an `insured` period of the person covers its start_date — an
// employee contributing through an employer passed off as unemployed (在职参保人员冒充失业人员).
// One flag per claim, whatever its decision.

import { claimListFlag, earliestFirst, periodCovers } from '../facts/outside-lists.js';
import type { Flag } from './types.js';
import type { FlagContext } from './context.js';

export function flagInsuredUnemployed(ctx: FlagContext): Flag[] {
  if (!ctx.lists.loaded.has('insured')) return [];
  const insured = ctx.groups.listRowsByIdNumber('insured');
  const noEmployer = ctx.policy.categories.noEmployer;
  const flags: Flag[] = [];
  for (const claim of ctx.claims) {
    const rows = insured.get(claim.idNumber);
    if (!rows) continue;
    const categories = claim.categories.filter((c) => noEmployer.includes(c));
    if (categories.length === 0) continue;
    const matched = rows.filter((r) => periodCovers(r, claim.startDate));
    if (matched.length === 0) continue;
    const first = earliestFirst(matched)[0];
    flags.push(claimListFlag('F_INSURED_UNEMPLOYED', 'high', claim, matched, {
      params: { categories: categories.join(';'), employer: first.employerName ?? first.employerCode ?? '' },
    }));
  }
  return flags;
}
