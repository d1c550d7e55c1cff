// SPEC §6 step 5 (E_CATEGORY): none of the row's categories is eligible for its training type. (十一)

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

export function categoryCode(eligible: readonly Category[]): 'E_CATEGORY' | null {
  return eligible.length > 0 ? null : 'E_CATEGORY';
}
