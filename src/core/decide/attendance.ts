// SPEC §6 step 7 (E_ATTENDANCE): attendance, when given, must reach the policy's min_attendance.

import type { Policy } from '../policy/types.js';
import type { Claim } from './types.js';

export function attendanceCode(claim: Claim, policy: Policy): 'E_ATTENDANCE' | null {
  return claim.attendance !== null && claim.attendance < policy.limits.minAttendance ? 'E_ATTENDANCE' : null;
}
