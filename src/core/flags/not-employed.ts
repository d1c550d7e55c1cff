// F_NOT_EMPLOYED (medium, SPEC §7): once any `insured` row is loaded, an apprenticeship or
// work_based claim (the employer is paid for employing the trainee) whose person has no `insured`
// period with the row's employer overlapping the class (虚构劳动关系). The employer matches by
// employer_code when both have one, else by name compared as §7's names; a row without an
// employer has none. The evidence is the person's insured periods during the class with other
// employers, if any. One flag per claim, whatever its decision.

import { claimListFlag, earliestFirst, periodOverlaps } from '../facts/outside-lists.js';
import { sameEmployer } from '../facts/same-employer.js';
import type { ListRow } from '../decide/types.js';
import type { Flag } from './types.js';
import type { FlagContext } from './context.js';

const NONE: readonly ListRow[] = [];

export function flagNotEmployed(ctx: FlagContext): Flag[] {
  if (!ctx.lists.loaded.has('insured')) return [];
  const insured = ctx.groups.listRowsByIdNumber('insured');
  const flags: Flag[] = [];
  for (const claim of ctx.claims) {
    if (claim.trainingType !== 'apprenticeship' && claim.trainingType !== 'work_based') continue;
    const during = (insured.get(claim.idNumber) ?? NONE).filter((r) => periodOverlaps(r, claim.startDate, claim.endDate));
    if (during.some((r) => sameEmployer(r, claim))) continue;
    const other = earliestFirst(during)[0];
    flags.push(claimListFlag('F_NOT_EMPLOYED', 'medium', claim, during, {
      params: {
        type: claim.trainingType, employer: claim.employerName ?? claim.employerCode ?? '',
        other: other ? other.employerName ?? other.employerCode ?? '' : '',
      },
    }));
  }
  return flags;
}
