// SPEC §6 and §8.4: which decisions mean money. "Paid" is approved or partial; a claim held for
// review is payable but not paid (step 14), so it is not in a payment list, a return or the
// ledger. The amounts of a paid or held claim are shown; every other decision shows zeros.

import type { Decision } from '../decide/types.js';

/** Paid (SPEC §8.2, §8.4, §10): approved or partial. */
export const PAID_DECISIONS: readonly Decision[] = ['approved', 'partial'];

export function isPaid(decision: string): boolean {
  return decision === 'approved' || decision === 'partial';
}

/** Whose amounts are shown (SPEC §6 step 14, §8.1): paid, or payable but held for review. */
export function showsAmounts(decision: string): boolean {
  return isPaid(decision) || decision === 'review';
}
