// SPEC §6 steps 5 and 6: who may take a training type (E_CATEGORY), and whether it needs an
// employer, or for work_based an insured employer (E_EMPLOYER). (十一)

import type { Category } from '../normalise/enums.js';
import type { TrainingTypeRule } from '../policy/types.js';
import type { Claim } from './types.js';

export function eligibleCategories(claim: Claim, rule: TrainingTypeRule): Category[] {
  if (rule.eligible === 'all') return [...claim.categories];
  const allowed = rule.eligible;
  return claim.categories.filter((c) => allowed.includes(c));
}

/** E_EMPLOYER: no employer named where one is required; or only categories that need an insured employer, and not insured. */
export function employerProblem(claim: Claim, rule: TrainingTypeRule): 'no_employer' | 'not_insured' | null {
  if (rule.employerRequired && !claim.employerName) return 'no_employer';
  const eligible = eligibleCategories(claim, rule);
  if (rule.insuredEmployerRequiredFor.length > 0 && eligible.length > 0 && claim.insured !== true) {
    const someNeedNoInsurance = eligible.some((c) => !rule.insuredEmployerRequiredFor.includes(c));
    if (!someNeedNoInsurance) return 'not_insured';
  }
  return null;
}
