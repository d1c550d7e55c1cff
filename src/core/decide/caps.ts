// SPEC §6 step 10: caps over all claims that passed steps 1–8, one by one in order of
// certificate issue_date (else end_date), then end_date, then claim_id; each against the
// earlier claims this step did not reject. Only certificate claims are capped. (十二)
//
// The step works on the candidates' facts as columns of numbers (CapColumns), so that it can
// run on a second core while the fraud rules run on the first (app/caps-in-worker.ts) and
// give exactly what it gives here.

import type { Policy } from '../policy/types.js';
import { occupationNameKey } from '../normalise/occupation.js';
import type { Certificate, Claim } from './types.js';
import { Numbering } from '../numbering.js';

export interface CapCandidate {
  claim: Claim;
  certificate: Certificate | null;
  /** Only claims that pay by certificate are capped. */
  paysCertificate: boolean;
}

export type CapCode = 'E_REPEAT' | 'E_LOWER_LEVEL' | 'E_ANNUAL_CAP';

export interface CapResult {
  codes: readonly CapCode[];
  /** The earlier claims that blocked this one, or (when it passed) that counted toward its annual cap. */
  against: readonly string[];
}

export interface CapResults {
  /** At each candidate's index. */
  results: CapResult[];
  /** Each candidate's position in the step-10 order, at its index. */
  order: Uint32Array;
}

export type CapLimits = Policy['limits'];

/** What step 10 needs of each candidate, one entry per candidate in each column. */
export interface CapColumns {
  /** The claim_ids' UTF-16 code units one after another (as bytes when every unit fits one), which order as the texts do. */
  claimIdUnits: Uint8Array<ArrayBuffer> | Uint16Array<ArrayBuffer>;
  /** Candidate k's claim_id is claimIdUnits[claimIdFrom[k] … claimIdFrom[k + 1]). */
  claimIdFrom: Uint32Array<ArrayBuffer>;
  /** Certificate issue_date (else end_date) and end_date as one number, YYYYMMDD × 10⁸ + YYYYMMDD. */
  dates: Float64Array<ArrayBuffer>;
  /** The same number for the same ID number. */
  person: Uint32Array<ArrayBuffer>;
  /** 1 when capped: the claim pays by certificate and has one. */
  capped: Uint8Array<ArrayBuffer>;
  /** Occupation code as a number, 0 when there is none; names as numbers of their §4.6 key. */
  occupationCode: Uint32Array<ArrayBuffer>;
  occupationName: Uint32Array<ArrayBuffer>;
  /** Level, NaN for none. */
  level: Float64Array<ArrayBuffer>;
  certificateRow: Float64Array<ArrayBuffer>;
  /** The certificate's issue year (the first four digits of issue_date). */
  certificateYear: Uint16Array<ArrayBuffer>;
}

const REPEAT = 1;
const LOWER_LEVEL = 2;
const ANNUAL_CAP = 4;

/** Step 10's answer as columns: codes as bits, the earlier claims as candidate indexes. */
export interface CapColumnsResult {
  order: Uint32Array<ArrayBuffer>;
  /** REPEAT | LOWER_LEVEL | ANNUAL_CAP. */
  codes: Uint8Array<ArrayBuffer>;
  /** Candidate k's earlier claims are against[againstFrom[k] … againstFrom[k + 1]). */
  againstFrom: Uint32Array<ArrayBuffer>;
  against: Uint32Array<ArrayBuffer>;
}

/** persons: each candidate's person number (see persons.ts), when the caller has them. */
export function capColumns(candidates: readonly CapCandidate[], persons?: ArrayLike<number>): CapColumns {
  const n = candidates.length;
  const dates = new Float64Array(n);
  const person = new Uint32Array(n);
  const capped = new Uint8Array(n);
  const occupationCode = new Uint32Array(n);
  const occupationName = new Uint32Array(n);
  const level = new Float64Array(n);
  const certificateRow = new Float64Array(n);
  const certificateYear = new Uint16Array(n);
  const numbering = persons ? null : new Numbering();
  const codes = new Numbering(1);
  const names = new Numbering();
  // A class's claims come one after another with the same dates and occupation, and its
  // certificates mostly share an issue date: each is worked out again only when it changes.
  let lastName: string | null = null;
  let lastKey = '';
  let lastEnd = '';
  let lastEndNumber = 0;
  let lastIssue = '';
  let lastIssueNumber = 0;
  for (let k = 0; k < n; k++) {
    const { claim, certificate, paysCertificate } = candidates[k];
    if (claim.endDate !== lastEnd) lastEndNumber = dateNumber((lastEnd = claim.endDate));
    if (certificate && certificate.issueDate !== lastIssue) lastIssueNumber = dateNumber((lastIssue = certificate.issueDate));
    dates[k] = (certificate ? lastIssueNumber : lastEndNumber) * 1e8 + lastEndNumber;
    person[k] = numbering ? numbering.of(claim.idNumber) : persons![k];
    const code = claim.occupationCode;
    if (code) occupationCode[k] = codes.of(code);
    if (claim.occupationName !== lastName) lastKey = occupationNameKey((lastName = claim.occupationName));
    occupationName[k] = names.of(lastKey);
    level[k] = claim.level ?? NaN;
    if (paysCertificate && certificate) {
      capped[k] = 1;
      certificateRow[k] = certificate.rowId;
      certificateYear[k] = Math.floor(lastIssueNumber / 10000);
    }
  }
  return { ...claimIdColumns(candidates), dates, person, capped, occupationCode, occupationName, level, certificateRow, certificateYear };
}

/**
 * The claim_ids as code units: a million strings in a worker's heap would cost more memory and
 * time than their units. A claim_id is `<class_id>/<id_number>` (SPEC §2.1), written from its
 * two parts, which other claims share, so that no claim_id is made here.
 */
function claimIdColumns(candidates: readonly CapCandidate[]): Pick<CapColumns, 'claimIdUnits' | 'claimIdFrom'> {
  const claimIdFrom = new Uint32Array(candidates.length + 1);
  let ascii = true;
  let lastClass = '';
  for (let k = 0; k < candidates.length; k++) {
    const { classId, idNumber } = candidates[k].claim;
    if (classId !== lastClass) ascii &&= isAscii((lastClass = classId));
    ascii &&= isAscii(idNumber);
    claimIdFrom[k + 1] = claimIdFrom[k] + classId.length + 1 + idNumber.length;
  }
  const total = claimIdFrom[candidates.length];
  if (ascii) {
    const bytes = Buffer.from(new ArrayBuffer(total));
    for (let k = 0; k < candidates.length; k++) {
      const { classId, idNumber } = candidates[k].claim;
      const at = claimIdFrom[k] + bytes.write(classId, claimIdFrom[k], 'latin1');
      bytes[at] = SLASH;
      bytes.write(idNumber, at + 1, 'latin1');
    }
    return { claimIdUnits: new Uint8Array(bytes.buffer as ArrayBuffer), claimIdFrom };
  }
  const units = new Uint16Array(total);
  for (let k = 0; k < candidates.length; k++) {
    const id = candidates[k].claim.claimId;
    for (let c = 0; c < id.length; c++) units[claimIdFrom[k] + c] = id.charCodeAt(c);
  }
  return { claimIdUnits: units, claimIdFrom };
}

const SLASH = '/'.charCodeAt(0);

function isAscii(text: string): boolean {
  return Buffer.byteLength(text, 'utf8') === text.length;
}

/** YYYY-MM-DD as the number YYYYMMDD, which orders as the text does. */
function dateNumber(date: string): number {
  let n = 0;
  for (let k = 0; k < 10; k++) if (k !== 4 && k !== 7) n = n * 10 + date.charCodeAt(k) - 48;
  return n;
}

/** normalise/occupation.ts's sameOccupation on the columns: by code when both have one, else by name key. */
function sameOccupationAt({ occupationCode, occupationName }: CapColumns, a: number, b: number): boolean {
  return occupationCode[a] && occupationCode[b] ? occupationCode[a] === occupationCode[b] : occupationName[a] === occupationName[b];
}

/** SPEC §6 step 10 order: certificate issue_date (else end_date), then end_date, then claim_id — as candidate indexes. */
function stepTenOrder({ dates, claimIdUnits: units, claimIdFrom: from }: CapColumns): number[] {
  // Code unit by code unit, as JavaScript compares strings; a prefix comes first.
  const compareIds = (a: number, b: number): number => {
    const aEnd = from[a + 1];
    const bEnd = from[b + 1];
    for (let i = from[a], j = from[b]; i < aEnd && j < bEnd; i++, j++) if (units[i] !== units[j]) return units[i] - units[j];
    return aEnd - from[a] - (bEnd - from[b]);
  };
  return Array.from(dates, (_, k) => k).sort((a, b) => dates[a] - dates[b] || compareIds(a, b));
}

/** Step 10 over the candidates' columns (see CapColumns). */
export function capsOnColumns(columns: CapColumns, limits: CapLimits): CapColumnsResult {
  const { person, capped, level, certificateRow, certificateYear } = columns;
  const count = columns.dates.length;
  const sequence = stepTenOrder(columns);
  const order = new Uint32Array(count);
  const codes = new Uint8Array(count);
  // The certificate claims each person has been paid so far, in step-10 order, as a chain of
  // candidate indexes (first, then next of each): a list per person would cost a million arrays.
  // A certificate is matched only to its holder's claims, so "already funded this certificate" is
  // a per-person question too.
  let persons = 0;
  for (let k = 0; k < count; k++) persons = Math.max(persons, person[k] + 1);
  const firstPaid = new Int32Array(persons).fill(-1);
  const lastPaid = new Int32Array(persons);
  const nextPaid = new Int32Array(count).fill(-1);
  // Each candidate's earlier claims, as a stretch of `listed`.
  const listedFrom = new Uint32Array(count);
  const listedCount = new Uint32Array(count);
  const listed: number[] = [];
  const repeated: number[] = [];
  const higher: number[] = [];
  const sameYear: number[] = [];
  const { certificateSubsidiesPerYear, sameOccupationLevelOnce, noLowerLevelAfterHigher } = limits;
  for (let position = 0; position < count; position++) {
    const k = sequence[position];
    order[k] = position;
    if (!capped[k]) continue;
    const p = person[k];
    if (firstPaid[p] < 0 && certificateSubsidiesPerYear > 0) {
      // A person's first certificate claim: nothing before it to count against.
      firstPaid[p] = lastPaid[p] = k;
      continue;
    }
    // One pass over the person's paid claims: the same occupation and level (or the same
    // certificate) repeats; a higher level of the same occupation makes this one lower; the
    // same certificate year counts toward the annual cap.
    repeated.length = higher.length = sameYear.length = 0;
    for (let e = firstPaid[p]; e >= 0; e = nextPaid[e]) {
      const occupation = sameOccupationAt(columns, e, k);
      const sameLevel = level[e] === level[k] || (Number.isNaN(level[e]) && Number.isNaN(level[k]));
      if ((sameOccupationLevelOnce && occupation && sameLevel) || certificateRow[e] === certificateRow[k]) repeated.push(e);
      if (noLowerLevelAfterHigher && occupation && level[e] < level[k]) higher.push(e);
      if (certificateYear[e] === certificateYear[k]) sameYear.push(e);
    }
    const overCap = sameYear.length >= certificateSubsidiesPerYear;
    codes[k] = (repeated.length > 0 ? REPEAT : 0) | (higher.length > 0 ? LOWER_LEVEL : 0) | (overCap ? ANNUAL_CAP : 0);
    listedFrom[k] = listed.length;
    if (codes[k] === 0) {
      if (firstPaid[p] < 0) firstPaid[p] = k;
      else nextPaid[lastPaid[p]] = k;
      lastPaid[p] = k;
      listed.push(...sameYear);
    } else {
      listed.push(...new Set([...repeated, ...higher, ...(overCap ? sameYear : [])]));
    }
    listedCount[k] = listed.length - listedFrom[k];
  }
  const againstFrom = new Uint32Array(count + 1);
  for (let k = 0; k < count; k++) againstFrom[k + 1] = againstFrom[k] + listedCount[k];
  const against = new Uint32Array(againstFrom[count]);
  for (let k = 0; k < count; k++) for (let a = 0; a < listedCount[k]; a++) against[againstFrom[k] + a] = listed[listedFrom[k] + a];
  return { order, codes, againstFrom, against };
}

const NONE: readonly string[] = Object.freeze([]);
const PASSED: readonly CapCode[] = Object.freeze([]);
const PASSED_ALONE: CapResult = Object.freeze({ codes: PASSED, against: NONE });
const CODES: readonly [number, CapCode][] = [[ANNUAL_CAP, 'E_ANNUAL_CAP'], [LOWER_LEVEL, 'E_LOWER_LEVEL'], [REPEAT, 'E_REPEAT']];

/**
 * The results for the candidates the columns were made of. A claim that passed lists the earlier
 * claims of its certificate year in step-10 order; a rejected one lists what blocked it, by claim_id.
 */
export function capResultsFrom(candidates: readonly CapCandidate[], answer: CapColumnsResult): CapResults {
  const { codes, againstFrom, against } = answer;
  const results: CapResult[] = new Array(candidates.length);
  for (let k = 0; k < candidates.length; k++) {
    const from = againstFrom[k];
    const to = againstFrom[k + 1];
    if (codes[k] === 0 && from === to) {
      results[k] = PASSED_ALONE;
      continue;
    }
    const ids: string[] = [];
    for (let a = from; a < to; a++) ids.push(candidates[against[a]].claim.claimId);
    if (codes[k] === 0) results[k] = { codes: PASSED, against: ids };
    else results[k] = { codes: CODES.filter(([bit]) => codes[k] & bit).map(([, code]) => code), against: [...new Set(ids)].sort() };
  }
  return { results, order: answer.order };
}

export function applyCaps(candidates: readonly CapCandidate[], policy: Policy): CapResults {
  return capResultsFrom(candidates, capsOnColumns(capColumns(candidates), policy.limits));
}
