// Reads the active rows the decision steps need, as plain core objects (SPEC §6, §7).
// Call inside one read transaction so that claims, certificates and the catalogue agree.

import type { Db } from './database.js';
import type { CatalogueEntry, Certificate, Claim } from '../core/decide/types.js';
import type { Category, CertType, Household, TrainingType } from '../core/normalise/enums.js';
import type { Verdict } from '../core/decide/decide-claims.js';

type Row = Record<string, unknown>;

const CLAIM_COLUMNS = [
  'id', 'claim_id', 'class_id', 'institution_name', 'institution_code', 'training_type', 'project_based', 'occupation_code',
  'occupation_name', 'level', 'start_date', 'end_date', 'hours', 'attendance', 'name', 'id_number', 'phone', 'categories',
  'household', 'employer_name', 'employer_code', 'insured', 'months', 'claimed_amount_fen', 'file_id', 'line',
];
const CERT_COLUMNS = ['id', 'cert_number', 'cert_type', 'name', 'id_number', 'occupation_code', 'occupation_name', 'level', 'issue_date', 'issuer', 'file_id', 'line'];

/** A raw row as the column-named record claimFromRow / certificateFromRow read. */
function rowOf(columns: readonly string[], values: unknown[]): Row {
  const row: Row = {};
  for (let i = 0; i < columns.length; i++) row[columns[i]] = values[i];
  return row;
}

export function fileNames(db: Db): Map<number, string> {
  const names = new Map<number, string>();
  for (const r of db.prepare('SELECT id, name FROM imported_files').iterate() as Iterable<{ id: number; name: string }>) names.set(r.id, r.name);
  return names;
}

export function dataMark(db: Db): number {
  return (db.prepare('SELECT coalesce(max(id), 0) AS m FROM imported_files').get() as { m: number }).m;
}

/**
 * Values that repeat down a column (institutions, dates, occupations, types) share one string,
 * so a million claims stay small.
 */
class Interner {
  private readonly strings = new Map<string, string>();
  get<T extends string | null>(value: T): T {
    if (value === null) return value;
    const known = this.strings.get(value);
    if (known !== undefined) return known as T;
    if (this.strings.size > 200_000) this.strings.clear();
    this.strings.set(value, value);
    return value;
  }
}

export function claimFromRow(r: Row, files: Map<number, string>, intern: Interner = new Interner()): Claim {
  const categories = r.categories as string;
  const i = <T extends string | null>(v: unknown) => intern.get((v ?? null) as T);
  return {
    rowId: r.id as number,
    claimId: r.claim_id as string,
    classId: i(r.class_id),
    institutionName: i(r.institution_name),
    institutionCode: i(r.institution_code),
    trainingType: i(r.training_type) as TrainingType,
    projectBased: r.project_based === 1,
    occupationCode: i(r.occupation_code),
    occupationName: i(r.occupation_name),
    level: (r.level as number | null) ?? null,
    startDate: i(r.start_date),
    endDate: i(r.end_date),
    hours: (r.hours as number | null) ?? null,
    attendance: (r.attendance as number | null) ?? null,
    name: r.name as string,
    idNumber: r.id_number as string,
    phone: (r.phone as string | null) ?? null,
    categories: categoryList(categories),
    household: i(r.household) as Household | null,
    employerName: i(r.employer_name),
    employerCode: i(r.employer_code),
    insured: r.insured === null ? null : r.insured === 1,
    months: (r.months as number | null) ?? null,
    claimedFen: (r.claimed_amount_fen as number | null) ?? null,
    source: `${files.get(r.file_id as number) ?? '?'}:${r.line as number}`,
  };
}

export function certificateFromRow(r: Row, files: Map<number, string>, intern: Interner = new Interner()): Certificate {
  const i = <T extends string | null>(v: unknown) => intern.get((v ?? null) as T);
  return {
    rowId: r.id as number,
    certNumber: r.cert_number as string,
    certType: i(r.cert_type) as CertType,
    name: r.name as string,
    idNumber: r.id_number as string,
    occupationCode: i(r.occupation_code),
    occupationName: i(r.occupation_name),
    level: (r.level as number | null) ?? null,
    issueDate: i(r.issue_date),
    issuer: i(r.issuer),
    source: `${files.get(r.file_id as number) ?? '?'}:${r.line as number}`,
  };
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
  const intern = new Interner();
  const claims: Claim[] = [];
  // Row order (id): the decision core does not depend on input order, and a sort here costs a pass over
  // the index. Raw arrays with named columns: reading a million rows is most of a check's time.
  const claimRows = db.prepare(`SELECT ${CLAIM_COLUMNS.join(', ')} FROM roster_rows WHERE active = 1`).raw(true);
  for (const values of claimRows.iterate() as Iterable<unknown[]>) claims.push(claimFromRow(rowOf(CLAIM_COLUMNS, values), files, intern));
  const certificates: Certificate[] = [];
  const certRows = db.prepare(`SELECT ${CERT_COLUMNS.join(', ')} FROM certificates WHERE active = 1`).raw(true);
  for (const values of certRows.iterate() as Iterable<unknown[]>) certificates.push(certificateFromRow(rowOf(CERT_COLUMNS, values), files, intern));
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
