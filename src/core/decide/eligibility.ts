// SPEC §6 steps 5 and 6: who may take a training type (E_CATEGORY), and whether it needs an
// employer, or for work_based an insured employer (E_EMPLOYER). (十一)

import type { Category } from '../normalise/enums.js';
import type { TrainingTypeRule } from '../policy/types.js';
import type { Claim } from './types.js';

// Rows that share a category list (one array per distinct list when read from the store) share the answer.
const remembered = new WeakMap<TrainingTypeRule, WeakMap<readonly Category[], readonly Category[]>>();

/** The claim's categories this training type admits. */
export function eligibleCategories(claim: Claim, rule: TrainingTypeRule): readonly Category[] {
  const { categories } = claim;
  let byList = remembered.get(rule);
  if (!byList) remembered.set(rule, (byList = new WeakMap()));
  let eligible = byList.get(categories);
  if (!eligible) {
    const allowed = rule.eligible;
    byList.set(categories, (eligible = Object.freeze(allowed === 'all' ? [...categories] : categories.filter((c) => allowed.includes(c)))));
  }
  return eligible;
}

/** E_EMPLOYER: no employer named where one is required; or only categories that need an insured employer, and not insured. */
export function employerProblem(claim: Claim, rule: TrainingTypeRule, eligible = eligibleCategories(claim, rule)): 'no_employer' | 'not_insured' | null {
  if (rule.employerRequired && !claim.employerName) return 'no_employer';
  if (rule.insuredEmployerRequiredFor.length > 0 && eligible.length > 0 && claim.insured !== true) {
    const someNeedNoInsurance = eligible.some((c) => !rule.insuredEmployerRequiredFor.includes(c));
    if (!someNeedNoInsurance) return 'not_insured';
  }
  return null;
}
