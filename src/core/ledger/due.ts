// SPEC §10 (十二) 先拨付50%: what a run makes due on a payment date D for each component of a
// claim — its main subsidy (to its payee, step 11) and its living allowance (to the person).
//   approved, partial: the component's amount; but for a claim with an advance (step 13) only the
//     component's advance share while D < end_date, and nothing while D < start_date;
//   rejected: nothing, under any key;
//   pending, review: held — what was disbursed already stays as it is (no line at all).
// Money is integer fen throughout.

import { isPaid } from '../facts/paid.js';
import { normaliseName } from '../normalise/text.js';
import type { Decision, PayeeType } from '../decide/types.js';

export type Component = 'main' | 'living';
export const COMPONENTS: readonly Component[] = ['main', 'living'];

export interface Payee {
  type: PayeeType;
  /** The code printed: an institution's or employer's USCC (blank for an employer without one), a person's ID number. */
  code: string;
  name: string;
}

/** A claim as a run decided it, with what the ledger needs. */
export interface LedgerClaim {
  claimId: string;
  /** The claim's person: a ledger line is kept under it (person-keyed, SPEC §11). */
  idNumber: string;
  decision: Decision;
  /** The run's reasons for the decision. */
  reasons: readonly string[];
  startDate: string;
  endDate: string;
  mainFen: number;
  livingFen: number;
  totalFen: number;
  advanceFen: number;
  /** Step 11's payee and fund of the main subsidy; null when the run gave none (rejected, pending). */
  main: { payee: Payee; fund: string } | null;
  /** Step 12's payee (the person) and fund (funds.default) of the living allowance. */
  living: { payee: Payee; fund: string };
  /** file:line of the roster row the run decided. */
  source: string;
}

/** What one component of a claim makes due, to whom and from which fund. */
export interface ComponentDue {
  component: Component;
  payee: Payee;
  fund: string;
  dueFen: number;
}

export type Due =
  /** pending, review: held; no line under any key. */
  | { held: true }
  /** rejected: [] (nothing is due under any key); paid: one entry per component. */
  | { held: false; components: ComponentDue[] };

/**
 * The payee as a ledger key (§10): payee_type and payee_code; an employer without a code by its
 * name compared as §7's names; a person by the ID number (the code).
 */
export function payeeKey(payee: Payee): string {
  if (payee.type === 'employer' && payee.code === '') return `employer\u0000name:${normaliseName(payee.name)}`;
  return `${payee.type}\u0000${payee.code}`;
}

/**
 * Step 13's advance shared between the components in proportion: main share = advance × main ÷
 * total rounded half up to the fen, living share = advance − main share. Integer arithmetic.
 */
export function advanceShares(advanceFen: number, mainFen: number, totalFen: number): { main: number; living: number } {
  if (totalFen === 0 || advanceFen === 0) return { main: 0, living: advanceFen };
  // round half up of a / b for non-negative a, b: floor((2a + b) / 2b)
  const twice = advanceFen * mainFen * 2 + totalFen;
  const main = Number.isSafeInteger(twice)
    ? Math.floor(twice / (2 * totalFen))
    : Number((BigInt(advanceFen) * BigInt(mainFen) * 2n + BigInt(totalFen)) / (2n * BigInt(totalFen)));
  return { main, living: advanceFen - main };
}

/** What run's decision of a claim makes due on `date` (YYYY-MM-DD). */
export function dueOn(claim: LedgerClaim, date: string): Due {
  if (claim.decision === 'pending' || claim.decision === 'review') return { held: true };
  if (!isPaid(claim.decision) || claim.main === null) return { held: false, components: [] };
  let main = claim.mainFen;
  let living = claim.livingFen;
  if (claim.advanceFen > 0 && date < claim.endDate) {
    const share = date < claim.startDate ? { main: 0, living: 0 } : advanceShares(claim.advanceFen, claim.mainFen, claim.totalFen);
    main = share.main;
    living = share.living;
  }
  return {
    held: false,
    components: [
      { component: 'main', payee: claim.main.payee, fund: claim.main.fund, dueFen: main },
      { component: 'living', payee: claim.living.payee, fund: claim.living.fund, dueFen: living },
    ],
  };
}
