// SPEC §6 step 14: a high-severity flag attached to a payable claim holds it for review, unless
// an auditor cleared that flag (§7.1). Review adds no reason code; the flags column names them.

import type { Flag } from '../flags/types.js';
import type { Verdict } from './fraud-confirmed.js';

export function heldForReview(claimFlags: readonly Pick<Flag, 'flagId' | 'severity'>[] | undefined, verdicts: ReadonlyMap<string, Verdict>): boolean {
  return claimFlags?.some((f) => f.severity === 'high' && verdicts.get(f.flagId) !== 'cleared') ?? false;
}
