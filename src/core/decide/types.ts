// The plain data the decision steps (SPEC §6) and fraud rules (SPEC §7) work on.
// Built by the app layer from the store; no I/O here.

import type { Category, CertType, Household, TrainingType } from '../normalise/enums.js';
import type { Fund, Kind, ResolvedValue } from '../policy/types.js';

export interface Claim {
  rowId: number;
  /** Always `<classId>/<idNumber>` (SPEC §2.1). */
  claimId: string;
  classId: string;
  institutionName: string;
  institutionCode: string;
  trainingType: TrainingType;
  projectBased: boolean;
  occupationCode: string | null;
  occupationName: string;
  level: number | null;
  startDate: string;
  endDate: string;
  hours: number | null;
  attendance: number | null;
  name: string;
  idNumber: string;
  phone: string | null;
  categories: readonly Category[];
  household: Household | null;
  employerName: string | null;
  employerCode: string | null;
  insured: boolean | null;
  months: number | null;
  claimedFen: number | null;
  /** file:line of the active row. */
  source: string;
}

export interface Certificate {
  rowId: number;
  certNumber: string;
  certType: CertType;
  name: string;
  idNumber: string;
  occupationCode: string | null;
  occupationName: string;
  level: number | null;
  issueDate: string;
  issuer: string | null;
  source: string;
}

/** SPEC §2.5: the kinds of outside list, in the order of §1's `--kind`. */
export const LIST_KINDS = ['pension', 'public_staff', 'student', 'death', 'insured'] as const;
export type ListKind = (typeof LIST_KINDS)[number];

/** SPEC §2.5: one row of an outside list — one person, or one period of one person. */
export interface ListRow {
  kind: ListKind;
  /** As §4.1 cleans it; a number failing the checksum is kept as it is. */
  idNumber: string;
  name: string | null;
  /** The first day (a year-month's first day). Retired from (pension), died on (death). */
  from: string;
  /** The last day, or null for open; always null on pension and death rows (their `to` is ignored). */
  to: string | null;
  employerCode: string | null;
  employerName: string | null;
  /** file:line of the row. */
  source: string;
}

/** The outside lists a check sees (SPEC §2.5). */
export interface OutsideLists {
  /** The kinds with at least one active row: a rule whose list is not loaded raises nothing. */
  loaded: ReadonlySet<ListKind>;
  /**
   * The active rows of one kind by ID number; rows of persons with no claim may be left out (they
   * can match none). Asked for when the rules of that kind run, so a caller may read the rows then
   * (facts/outside-lists.ts listsOfRows holds them as rows).
   */
  byIdNumber(kind: ListKind): ListRowsByIdNumber;
}

/** One kind of list's rows of each person, in the order they were read. */
export interface ListRowsByIdNumber {
  get(idNumber: string): readonly ListRow[] | undefined;
}

export interface CatalogueEntry {
  code: string;
  name: string;
  validFrom: string | null;
  validTo: string | null;
  source: string;
}

/** SPEC §6: every claim gets one of these. */
export const DECISIONS = ['approved', 'partial', 'rejected', 'pending', 'review'] as const;
export type Decision = (typeof DECISIONS)[number];
export type PayeeType = 'institution' | 'employer' | 'person';

/** What one step saw and concluded, for `explain` (SPEC §8.6). */
export interface StepTrace {
  step: number;
  name: string;
  code: string | null;
  facts: Record<string, unknown>;
}

export interface Payment {
  kind: Kind;
  payeeType: PayeeType;
  fund: Fund;
  mainFen: number;
  livingFen: number;
  totalFen: number;
  advanceFen: number;
  balanceFen: number;
  /** The rates the amounts came from. */
  rates: ResolvedValue[];
}

export interface ClaimOutcome {
  claim: Claim;
  decision: Decision;
  reasons: string[];
  flagIds: string[];
  certificate: Certificate | null;
  /** Amounts as computed; zero in the stored decision unless paid or held for review. */
  payment: Payment | null;
  /** Steps 10 and 14: the earlier claims that blocked or used this claim's cap. */
  capClaims: string[];
  /** The claim's position in the step-10 order (certificate claims that reached it), else null. */
  capOrder: number | null;
}
