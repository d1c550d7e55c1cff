// SPEC §10: the lines of a disbursement batch. A line is keyed by claim, component, payee and
// fund; it is what the run makes due on the batch's date less what earlier batches disbursed
// under that key. Above zero it is a payment (no reasons); below zero a recovery with its reasons
// (recovery-reason.ts); money under a key that is no longer the component's comes back and the
// new key is paid. A held claim (pending, review, or not in the run) has no line; zero lines are
// left out; lines are sorted by claim_id, component, payee_type, payee_code, fund.

import { dueOn, payeeKey, COMPONENTS, type Component, type ComponentDue, type LedgerClaim, type Payee } from './due.js';
import { recoveryReasons } from './recovery-reason.js';

/** What earlier batches disbursed under one key: the net of its lines. */
export interface KeyedAmount {
  claimId: string;
  component: Component;
  payee: Payee;
  fund: string;
  netFen: number;
}

export interface LedgerLine {
  claimId: string;
  /** The claim's person. */
  idNumber: string;
  component: Component;
  payee: Payee;
  fund: string;
  type: 'payment' | 'recovery';
  /** Negative for a recovery. */
  amountFen: number;
  /** A recovery's reasons, sorted as the run gives them; none for a payment. */
  reasons: string[];
  /** file:line of the roster row the run decided. */
  source: string;
}

const NOTHING: readonly KeyedAmount[] = [];

const sameKey = (a: { payee: Payee; fund: string }, b: { payee: Payee; fund: string }) => a.fund === b.fund && payeeKey(a.payee) === payeeKey(b.payee);

/** The lines one claim adds to a batch on `date`, given what earlier batches disbursed for it. */
export function claimLines(claim: LedgerClaim, earlier: readonly KeyedAmount[], date: string): LedgerLine[] {
  const due = dueOn(claim, date);
  if (due.held) return [];
  const lines: LedgerLine[] = [];
  const line = (key: { component: Component; payee: Payee; fund: string }, amountFen: number, reasons: () => string[]) => {
    if (amountFen === 0) return;
    const recovery = amountFen < 0;
    lines.push({
      claimId: claim.claimId, idNumber: claim.idNumber, component: key.component, payee: key.payee, fund: key.fund, type: recovery ? 'recovery' : 'payment', amountFen,
      reasons: recovery ? reasons() : [], source: claim.source,
    });
  };
  for (const component of COMPONENTS) {
    const now: ComponentDue | null = due.components.find((c) => c.component === component) ?? null;
    let paidUnderNow = 0;
    for (const key of earlier) {
      if (key.component !== component) continue;
      if (now !== null && sameKey(key, now)) paidUnderNow += key.netFen;
      else line(key, -key.netFen, () => recoveryReasons(claim, key, now));
    }
    if (now !== null) line(now, now.dueFen - paidUnderNow, () => recoveryReasons(claim, now, now));
  }
  return lines;
}

/**
 * A batch's lines, claim by claim, in §10's order: every claim of the run on `date`, the claims
 * coming in claim_id order (as the store reads a run) and each claim's lines sorted. Earlier keys
 * of a claim are one entry each (the store sums a key's lines); a claim absent from `claims` (the
 * run does not hold it) is held.
 */
export function* batchLines(claims: Iterable<LedgerClaim>, disbursed: ReadonlyMap<string, readonly KeyedAmount[]>, date: string): Generator<LedgerLine> {
  let previous: string | null = null;
  for (const claim of claims) {
    if (previous !== null && byCodePoint(previous, claim.claimId) >= 0) throw new Error(`batchLines: claims out of claim_id order (${claim.claimId} after ${previous})`);
    previous = claim.claimId;
    yield* claimLines(claim, disbursed.get(claim.claimId) ?? NOTHING, date).sort(compareLines);
  }
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** §10's order by code point: claim_id, component, payee_type, payee_code, fund (then the compared name of an employer without a code). */
export function compareLines(a: Omit<LedgerLine, 'type' | 'reasons' | 'source' | 'amountFen'>, b: Omit<LedgerLine, 'type' | 'reasons' | 'source' | 'amountFen'>): number {
  return byCodePoint(a.claimId, b.claimId) || byCodePoint(a.component, b.component) || byCodePoint(a.payee.type, b.payee.type) ||
    byCodePoint(a.payee.code, b.payee.code) || byCodePoint(a.fund, b.fund) || byCodePoint(payeeKey(a.payee), payeeKey(b.payee));
}
