// SPEC §6 step 3 (E_PERIOD): the class's end_date must lie in the policy's period (二): a class
// that ends outside the action is not paid from it.

import type { Policy } from '../policy/types.js';
import type { Claim } from './types.js';

export function policyPeriodCode(claim: Claim, policy: Policy): 'E_PERIOD' | null {
  return claim.endDate >= policy.period.from && claim.endDate <= policy.period.to ? null : 'E_PERIOD';
}
