// SPEC §6 step 10 (十二): the caps on certificate subsidies, over all claims in the database that
// passed steps 1–9, taken one by one in the step's order: first the claims money was already
// disbursed for (§10), in the order of their first batch, so that a claim imported late never
// takes the place of a paid one; then the rest. Each claim is checked against the
// claims before it that count against the caps (those this step did not reject), and gets every
// cap code that applies. Only certificate claims are capped; apprenticeship and work_based pass.

import type { Policy } from '../policy/types.js';
import { sameOccupation } from '../normalise/occupation.js';
import { isHigherLevel, sameLevel } from '../normalise/level.js';
import { claimIdOf, compareClaimIds } from '../facts/claim-id.js';
import type { Certificate, Claim } from './types.js';

export interface CapCandidate {
  claim: Claim;
  /** The certificate step 8 chose, or null. */
  certificate: Certificate | null;
  /** The claim's training type pays by certificate. */
  paysCertificate: boolean;
  /** The same number for the same ID number (decide/persons.ts). */
  person: number;
}

export type CapCode = 'E_ANNUAL_CAP' | 'E_LOWER_LEVEL' | 'E_REPEAT';

export interface CapResult {
  /** The claim's position in the step's order. */
  order: number;
  /** The claim's first batch (§10) when money was disbursed for it and it was ordered first by it, else null. */
  firstBatch: number | null;
  /** Sorted; empty when the claim passed. */
  codes: CapCode[];
  /**
   * Rejected: the earlier claims that blocked it, by claim_id. Passed: the earlier claims of its
   * certificate year that used the annual quota, in the step's order.
   */
  against: string[];
}

export type CapLimits = Policy['limits'];

/** A certificate claim that reached the caps. */
interface Capped extends CapCandidate {
  certificate: Certificate;
}

function isCapped(c: CapCandidate): c is Capped {
  return c.paysCertificate && c.certificate !== null;
}

/**
 * Claim id → the number of the claim's first batch (§10), for the claims money has been disbursed
 * for (net main subsidy above zero in batches dated on or before the run's as-of date).
 */
export type FirstBatches = ReadonlyMap<string, number>;

const NO_BATCHES: FirstBatches = new Map();

/**
 * Each candidate's first batch, or Infinity when no money was disbursed for it. Claim ids are
 * made only when some money was disbursed at all.
 */
function firstBatches(candidates: readonly CapCandidate[], firstBatchOf: FirstBatches): number[] {
  if (firstBatchOf.size === 0) return candidates.map(() => Infinity);
  return candidates.map((c) => firstBatchOf.get(claimIdOfCandidate(c)) ?? Infinity);
}

/**
 * The candidates' indexes in the step's order: first the claims money was disbursed for, by their
 * first batch; then (and among claims of one batch) certificate issue_date (claims without one:
 * end_date), then end_date, then claim_id.
 */
function inCapOrder(candidates: readonly CapCandidate[], firstBatch: readonly number[]): number[] {
  const firstDate = candidates.map((c) => c.certificate?.issueDate ?? c.claim.endDate);
  const endDate = candidates.map((c) => c.claim.endDate);
  const byBatch = (a: number, b: number) => (firstBatch[a] === firstBatch[b] ? 0 : firstBatch[a] < firstBatch[b] ? -1 : 1);
  const byDates = (a: number, b: number) =>
    firstDate[a] !== firstDate[b] ? (firstDate[a] < firstDate[b] ? -1 : 1) : endDate[a] !== endDate[b] ? (endDate[a] < endDate[b] ? -1 : 1) : 0;
  return candidates.map((_, k) => k).sort((a, b) => byBatch(a, b) || byDates(a, b) || compareClaimIds(candidates[a].claim, candidates[b].claim));
}

const issueYear = (c: Capped) => c.certificate.issueDate.slice(0, 4);

/** E_REPEAT: the same occupation and level (when same_occupation_level_once), or the same certificate. */
function repeats(earlier: Capped, claim: Capped, limits: CapLimits): boolean {
  if (earlier.certificate.rowId === claim.certificate.rowId) return true;
  return limits.sameOccupationLevelOnce && sameOccupation(earlier.claim, claim.claim) && sameLevel(earlier.claim.level, claim.claim.level);
}

/** E_LOWER_LEVEL: the same occupation at a higher level (when no_lower_level_after_higher). */
function isLowerThan(earlier: Capped, claim: Capped, limits: CapLimits): boolean {
  return limits.noLowerLevelAfterHigher && sameOccupation(earlier.claim, claim.claim) && isHigherLevel(earlier.claim.level, claim.claim.level);
}

/** E_ANNUAL_CAP: certificate_subsidies_per_year claims already counted in this certificate's calendar year. */
function sameCertificateYear(earlier: Capped, claim: Capped): boolean {
  return issueYear(earlier) === issueYear(claim);
}

const PASSED: CapResult['codes'] = [];
const NO_CLAIMS: Capped[] = [];
const NONE: CapResult['against'] = [];

/** Step 10's result for each candidate, at the candidate's index. */
export function applyCaps(candidates: readonly CapCandidate[], limits: CapLimits, firstBatchOf: FirstBatches = NO_BATCHES): CapResult[] {
  const results: CapResult[] = new Array(candidates.length);
  const firstBatch = firstBatches(candidates, firstBatchOf);
  const inOrder = inCapOrder(candidates, firstBatch);
  // Per person, the certificate claims that count against the caps so far, in the step's order.
  const counted: Capped[][] = [];
  for (let position = 0; position < inOrder.length; position++) {
    const k = inOrder[position];
    const claim = candidates[k];
    const batch = firstBatch[k] === Infinity ? null : firstBatch[k];
    if (!isCapped(claim)) {
      results[k] = { order: position, firstBatch: batch, codes: PASSED, against: NONE };
      continue;
    }
    const earlier = counted[claim.person] ?? NO_CLAIMS;
    const repeated = earlier.filter((e) => repeats(e, claim, limits));
    const higher = earlier.filter((e) => isLowerThan(e, claim, limits));
    const sameYear = earlier.filter((e) => sameCertificateYear(e, claim));
    const overCap = sameYear.length >= limits.certificateSubsidiesPerYear;
    const codes: CapCode[] = [];
    if (overCap) codes.push('E_ANNUAL_CAP');
    if (higher.length > 0) codes.push('E_LOWER_LEVEL');
    if (repeated.length > 0) codes.push('E_REPEAT');
    if (codes.length === 0) {
      if (earlier === NO_CLAIMS) counted[claim.person] = [claim];
      else earlier.push(claim);
      results[k] = { order: position, firstBatch: batch, codes: PASSED, against: sameYear.length === 0 ? NONE : sameYear.map(claimIdOfCandidate) };
    } else {
      const blocking = [...new Set([...repeated, ...higher, ...(overCap ? sameYear : [])].map(claimIdOfCandidate))].sort();
      results[k] = { order: position, firstBatch: batch, codes, against: blocking };
    }
  }
  return results;
}

function claimIdOfCandidate(c: CapCandidate): string {
  return claimIdOf(c.claim.classId, c.claim.idNumber);
}
