// SPEC §10: why money paid under a ledger key comes back (追回), in this order of precedence:
// the claim's reasons in the run when the run rejects it; PAYEE_CHANGED when the key's payee is
// no longer the component's payee; FUND_CHANGED when only its fund changed; else AMOUNT_CHANGED.

import type { Decision } from '../decide/types.js';
import { payeeKey, type Payee } from './due.js';

export type RecoveryCode = 'PAYEE_CHANGED' | 'FUND_CHANGED' | 'AMOUNT_CHANGED';

/**
 * The reasons of a recovery under the key (payee, fund) of a claim's component; `now` is what
 * the run makes of that component (null when the run rejects the claim).
 */
export function recoveryReasons(
  claim: { decision: Decision; reasons: readonly string[] },
  key: { payee: Payee; fund: string },
  now: { payee: Payee; fund: string } | null,
): string[] {
  if (claim.decision === 'rejected' || now === null) return [...claim.reasons];
  if (payeeKey(key.payee) !== payeeKey(now.payee)) return ['PAYEE_CHANGED'];
  if (key.fund !== now.fund) return ['FUND_CHANGED'];
  return ['AMOUNT_CHANGED'];
}
