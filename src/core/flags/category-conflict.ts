// F_CATEGORY_CONFLICT (medium, SPEC §7): a row with a no_employer category (laid off,
// overcapacity unemployed) that also names an employer (身份造假). One flag per claim.

import { maskIdNumber } from '../normalise/id-number.js';
import { makeFlag, type Flag } from './types.js';
import type { FlagContext } from './context.js';
import type { Category } from '../normalise/enums.js';

export function flagCategoryConflicts(ctx: FlagContext): Flag[] {
  const noEmployer = ctx.policy.categories.noEmployer;
  // Rows of a class mostly share one list of categories: each list is looked at once in a row.
  let lastCategories: readonly Category[] | null = null;
  let lastConflicts = false;
  const conflicting = (categories: readonly Category[]): boolean => {
    if (categories !== lastCategories) lastConflicts = (lastCategories = categories).some((cat) => noEmployer.includes(cat));
    return lastConflicts;
  };
  return ctx.claims
    .filter((c) => c.employerName && conflicting(c.categories))
    .map((c) => makeFlag({
      rule: 'F_CATEGORY_CONFLICT', severity: 'medium', subjectType: 'claim', subject: c.claimId, idNumber: c.idNumber,
      classIds: [c.classId], certNumbers: [], institutionCode: c.institutionCode, claimIds: [c.claimId],
      detail: {
        key: 'F_CATEGORY_CONFLICT',
        params: { name: c.name, id: maskIdNumber(c.idNumber), categories: c.categories.filter((cat) => noEmployer.includes(cat)).join(';'), employer: c.employerName!, classId: c.classId },
      },
      sources: [c.source],
    }));
}
