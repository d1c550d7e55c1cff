// SPEC §6 step 6 (E_EMPLOYER): the training type requires an employer and none is named; or
// work_based for categories that need an insured employer and insured is not yes (when the row
// has several categories, any eligible one that needs no insured employer suffices). (十一)

import type { Category } from '../normalise/enums.js';
import type { TrainingTypeRule } from '../policy/types.js';
import type { Claim } from './types.js';

export type EmployerProblem = 'no_employer' | 'not_insured';

/** E_EMPLOYER: no employer named where one is required; or only categories that need an insured employer, and not insured. */
export function employerProblem(claim: Claim, rule: TrainingTypeRule, eligible: readonly Category[]): EmployerProblem | null {
  if (rule.employerRequired && !claim.employerName) return 'no_employer';
  if (rule.insuredEmployerRequiredFor.length > 0 && eligible.length > 0 && claim.insured !== true) {
    const someNeedNoInsurance = eligible.some((c) => !rule.insuredEmployerRequiredFor.includes(c));
    if (!someNeedNoInsurance) return 'not_insured';
  }
  return null;
}

export function employerCode(problem: EmployerProblem | null): 'E_EMPLOYER' | null {
  return problem ? 'E_EMPLOYER' : null;
}
