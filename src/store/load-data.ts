// Reads the active rows the decision steps need, as plain core objects (SPEC §6, §7).
// Call inside one read transaction so that claims, certificates and the catalogue agree.

import type { Db } from './database.js';
import type { CatalogueEntry, Certificate, Claim } from '../core/decide/types.js';
import type { Category, CertType, Household, TrainingType } from '../core/normalise/enums.js';
import type { Verdict } from '../core/decide/decide-claims.js';

type Row = Record<string, unknown>;

export const CLAIM_COLUMNS = [
  'id', 'claim_id', 'class_id', 'institution_name', 'institution_code', 'training_type', 'project_based', 'occupation_code',
  'occupation_name', 'level', 'start_date', 'end_date', 'hours', 'attendance', 'name', 'id_number', 'phone', 'categories',
  'household', 'employer_name', 'employer_code', 'insured', 'months', 'claimed_amount_fen', 'file_id', 'line',
] as const;
export const CERT_COLUMNS = ['id', 'cert_number', 'cert_type', 'name', 'id_number', 'occupation_code', 'occupation_name', 'level', 'issue_date', 'issuer', 'file_id', 'line'] as const;

export function fileNames(db: Db): Map<number, string> {
  const names = new Map<number, string>();
  for (const r of db.prepare('SELECT id, name FROM imported_files').iterate() as Iterable<{ id: number; name: string }>) names.set(r.id, r.name);
  return names;
}

export function dataMark(db: Db): number {
  return (db.prepare('SELECT coalesce(max(id), 0) AS m FROM imported_files').get() as { m: number }).m;
}

/**
 * Values that repeat (institutions, dates, occupations, types; an ID number or a name on every
 * row of one person) share one string, so a million claims stay small.
 */
export class Interner {
  private readonly strings = new Map<string, string>();
  constructor(private readonly limit = 200_000) {}
  get<T extends string | null>(value: T): T {
    if (value === null) return value;
    const known = this.strings.get(value);
    if (known !== undefined) return known as T;
    if (this.strings.size >= this.limit) this.strings.clear();
    this.strings.set(value, value);
    return value;
  }
}

export interface Interners {
  values: Interner;
  people: Interner;
}

export const newInterners = (): Interners => ({ values: new Interner(), people: new Interner(Infinity) });

/** A claim as stored: its provenance (`file:line`) is made only when asked for. */
class StoredClaim implements Claim {
  rowId: number; claimId: string; classId: string; institutionName: string; institutionCode: string; trainingType: TrainingType;
  projectBased: boolean; occupationCode: string | null; occupationName: string; level: number | null; startDate: string; endDate: string;
  hours: number | null; attendance: number | null; name: string; idNumber: string; phone: string | null; categories: readonly Category[];
  household: Household | null; employerName: string | null; employerCode: string | null; insured: boolean | null; months: number | null;
  claimedFen: number | null; fileId: number; line: number; files: Map<number, string>;

  constructor(v: readonly unknown[], files: Map<number, string>, { values: i, people }: Interners) {
    this.rowId = v[0] as number;
    this.claimId = v[1] as string;
    this.classId = i.get(v[2] as string);
    this.institutionName = i.get(v[3] as string);
    this.institutionCode = i.get(v[4] as string);
    this.trainingType = i.get(v[5] as string) as TrainingType;
    this.projectBased = v[6] === 1;
    this.occupationCode = i.get(v[7] as string | null);
    this.occupationName = i.get(v[8] as string);
    this.level = v[9] as number | null;
    this.startDate = i.get(v[10] as string);
    this.endDate = i.get(v[11] as string);
    this.hours = v[12] as number | null;
    this.attendance = v[13] as number | null;
    this.name = people.get(v[14] as string);
    this.idNumber = people.get(v[15] as string);
    this.phone = people.get(v[16] as string | null);
    this.categories = categoryList(v[17] as string);
    this.household = i.get(v[18] as string | null) as Household | null;
    this.employerName = i.get(v[19] as string | null);
    this.employerCode = i.get(v[20] as string | null);
    this.insured = v[21] === null ? null : v[21] === 1;
    this.months = v[22] as number | null;
    this.claimedFen = v[23] as number | null;
    this.fileId = v[24] as number;
    this.line = v[25] as number;
    this.files = files;
  }

  get source(): string {
    return `${this.files.get(this.fileId) ?? '?'}:${this.line}`;
  }
}

class StoredCertificate implements Certificate {
  rowId: number; certNumber: string; certType: CertType; name: string; idNumber: string; occupationCode: string | null;
  occupationName: string; level: number | null; issueDate: string; issuer: string | null; fileId: number; line: number;
  files: Map<number, string>;

  constructor(v: readonly unknown[], files: Map<number, string>, { values: i, people }: Interners) {
    this.rowId = v[0] as number;
    this.certNumber = v[1] as string;
    this.certType = i.get(v[2] as string) as CertType;
    this.name = people.get(v[3] as string);
    this.idNumber = people.get(v[4] as string);
    this.occupationCode = i.get(v[5] as string | null);
    this.occupationName = i.get(v[6] as string);
    this.level = v[7] as number | null;
    this.issueDate = i.get(v[8] as string);
    this.issuer = i.get(v[9] as string | null);
    this.fileId = v[10] as number;
    this.line = v[11] as number;
    this.files = files;
  }

  get source(): string {
    return `${this.files.get(this.fileId) ?? '?'}:${this.line}`;
  }
}

/** A claim from the values of CLAIM_COLUMNS, in order. */
export function claimFromValues(values: readonly unknown[], files: Map<number, string>, interners = newInterners()): Claim {
  return new StoredClaim(values, files, interners);
}

/** A certificate from the values of CERT_COLUMNS, in order. */
export function certificateFromValues(values: readonly unknown[], files: Map<number, string>, interners = newInterners()): Certificate {
  return new StoredCertificate(values, files, interners);
}

const categoryLists = new Map<string, Category[]>();
/** Category lists repeat across rows; one shared (frozen) array per distinct value. */
function categoryList(joined: string): Category[] {
  let list = categoryLists.get(joined);
  if (!list) categoryLists.set(joined, (list = Object.freeze(joined.split(';')) as Category[]));
  return list;
}

export interface DecisionData {
  claims: Claim[];
  certificates: Certificate[];
  catalogue: CatalogueEntry[];
  verdicts: Map<string, Verdict>;
  mark: number;
}

export function loadDecisionData(db: Db): DecisionData {
  const files = fileNames(db);
  const interners = newInterners();
  const claims: Claim[] = [];
  // Row order (id): the decision core does not depend on input order, and a sort here costs a pass over
  // the index. Raw arrays with named columns: reading a million rows is most of a check's time.
  const claimRows = db.prepare(`SELECT ${CLAIM_COLUMNS.join(', ')} FROM roster_rows WHERE active = 1`).raw(true);
  for (const values of claimRows.iterate() as Iterable<unknown[]>) claims.push(new StoredClaim(values, files, interners));
  const certificates: Certificate[] = [];
  const certRows = db.prepare(`SELECT ${CERT_COLUMNS.join(', ')} FROM certificates WHERE active = 1`).raw(true);
  for (const values of certRows.iterate() as Iterable<unknown[]>) certificates.push(new StoredCertificate(values, files, interners));
  const catalogue = (db.prepare('SELECT * FROM institutions WHERE active = 1 ORDER BY id').all() as Row[]).map((r) => ({
    code: r.institution_code as string,
    name: r.institution_name as string,
    validFrom: (r.valid_from as string | null) ?? null,
    validTo: (r.valid_to as string | null) ?? null,
    source: `${files.get(r.file_id as number) ?? '?'}:${r.line as number}`,
  }));
  return { claims, certificates, catalogue, verdicts: loadVerdicts(db), mark: dataMark(db) };
}

export function loadVerdicts(db: Db): Map<string, Verdict> {
  const verdicts = new Map<string, Verdict>();
  for (const r of db.prepare('SELECT flag_id, verdict FROM verdicts ORDER BY id').iterate() as Iterable<{ flag_id: string; verdict: Verdict }>) {
    verdicts.set(r.flag_id, r.verdict);
  }
  return verdicts;
}
