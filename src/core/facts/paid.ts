// SPEC §6 and §8.4: which decisions mean money. "Paid" is approved or partial; a claim held for
// review is payable but not paid (step 14), so it is not in a payment list, a return or the
// ledger. The amounts of a paid or held claim are shown; every other decision shows zeros.

/** Paid (SPEC §8.2, §8.4, §10): approved or partial. */
export function isPaid(decision: string): boolean {
  return decision === 'approved' || decision === 'partial';
}

/** Whose amounts are shown (SPEC §6 step 14, §8.1): paid, or payable but held for review. */
export function showsAmounts(decision: string): boolean {
  return isPaid(decision) || decision === 'review';
}

/**
 * Counts against the caps (SPEC §6 step 10): the claim passed step 10 and so uses its person's
 * quota, whether it is paid or held for review; a claim step 10 or anything before it rejected does not.
 */
export function countsAgainstCaps(decision: string): boolean {
  return showsAmounts(decision);
}
