// Reads the active rows `check` decides on (SPEC §6, §7) as the core's plain objects: claims,
// certificates, the catalogue and the latest verdicts, from one read transaction.
//
// A roster row's class and circumstances are references to parts stored once (ingest/row-parts.ts),
// each parsed the first time it is used; every later row shares what was made for the first. A
// person's ID number, name and phone are fields of the claim, as strings shared by the person's
// rows: the table that finds them lives only while the rows are read (in real exports nearly
// every row is a different person, and an object per person would stay for the whole run).
// Numbers that may be REAL stay separate columns, so nothing is rounded on the way.

import type { Db } from './database.js';
import { DataError } from '../core/errors.js';
import { CERT_SELECT, decodeCertificates, encodeCertificates, type CertificateColumns } from './certificate-columns.js';
import type { CatalogueEntry, Certificate, Claim, ListKind, ListRow } from '../core/decide/types.js';
import type { Category, Household, TrainingType } from '../core/normalise/enums.js';
import type { Verdict } from '../core/check-all.js';
import { CLAIM_ID_SQL, claimIdOf } from '../core/facts/claim-id.js';
import { latestVerdicts } from './verdicts.js';
import { partPositions } from '../ingest/stored-form.js';

/** Where a roster part's columns stand in its stored values (ingest/stored-form.ts). */
const CLASS = partPositions('roster', 'class_ref');
const CIRCUMSTANCES = partPositions('roster', 'circumstances_ref');

/**
 * The select list a claim is read with (see StoredRows.claim); the parts' columns are in ROW_PARTS (ingest/stored-form.ts).
 * A claim_id is made from class_id and id_number (SPEC §2.1) when asked for; only a row whose
 * stored claim_id is not that (a damaged database) comes with it, to be refused.
 */
export const CLAIM_SELECT = `id, nullif(claim_id, ${CLAIM_ID_SQL}), class_ref, circumstances_ref, id_number, name, phone, hours, attendance, months, claimed_amount_fen, file_id, line`;

export function fileNames(db: Db): Map<number, string> {
  const names = new Map<number, string>();
  for (const r of db.prepare('SELECT id, name FROM imported_files').iterate() as Iterable<{ id: number; name: string }>) names.set(r.id, r.name);
  return names;
}

/** The last import's id: every change to the rows is an import, so equal marks mean equal data. */
export function dataMark(db: Db): number {
  return (db.prepare('SELECT coalesce(max(id), 0) AS m FROM imported_files').get() as { m: number }).m;
}

interface ClassPart {
  classId: string; institutionName: string; institutionCode: string; trainingType: TrainingType; projectBased: boolean;
  occupationCode: string | null; occupationName: string; level: number | null; startDate: string; endDate: string;
}
interface CircumstancesPart { categories: readonly Category[]; household: Household | null; employerName: string | null; employerCode: string | null; insured: boolean | null }

/**
 * A claim's figures and file, in an object the rows with the same ones share: a class's rows mostly
 * have the same hours, months and claimed amount and a few dozen attendance rates between them, and
 * each field a row holds costs it 8 bytes (a fractional number 16 more, in a box of its own).
 */
interface RowFigures {
  readonly hours: number | null; readonly attendance: number | null; readonly months: number | null; readonly claimedFen: number | null; readonly file: string;
}

/**
 * A phone as held by a claim: a mobile number's 11 digits as a number (16 bytes, where the string
 * takes 32: a million different phones on a city's roster), any other text as it is.
 */
type StoredPhone = string | number | null;

const MOBILE = /^[1-9][0-9]{10}$/;

function storedPhone(phone: string | null): StoredPhone {
  return phone !== null && MOBILE.test(phone) ? Number(phone) : phone;
}

function phoneText(phone: StoredPhone): string | null {
  return typeof phone === 'number' ? String(phone) : phone;
}

/** How many distinct values of a column the reader shares; beyond that, each row has its own. */
const MAX_SHARED_VALUES = 10_000;

/** A claim as stored: the shared parts behind getters; its claim_id and provenance (`file:line`) made only when asked for. */
class StoredClaim implements Claim {
  constructor(
    readonly rowId: number, private readonly cls: ClassPart, readonly idNumber: string, readonly name: string, private readonly phoneValue: StoredPhone,
    private readonly circumstances: CircumstancesPart, private readonly figures: RowFigures, private readonly line: number,
  ) {}
  get claimId() { return claimIdOf(this.cls.classId, this.idNumber); }
  get classId() { return this.cls.classId; }
  get institutionName() { return this.cls.institutionName; }
  get institutionCode() { return this.cls.institutionCode; }
  get trainingType() { return this.cls.trainingType; }
  get projectBased() { return this.cls.projectBased; }
  get occupationCode() { return this.cls.occupationCode; }
  get occupationName() { return this.cls.occupationName; }
  get level() { return this.cls.level; }
  get startDate() { return this.cls.startDate; }
  get endDate() { return this.cls.endDate; }
  get phone() { return phoneText(this.phoneValue); }
  get hours() { return this.figures.hours; }
  get attendance() { return this.figures.attendance; }
  get months() { return this.figures.months; }
  get claimedFen() { return this.figures.claimedFen; }
  get categories() { return this.circumstances.categories; }
  get household() { return this.circumstances.household; }
  get employerName() { return this.circumstances.employerName; }
  get employerCode() { return this.circumstances.employerCode; }
  get insured() { return this.circumstances.insured; }
  get source(): string {
    return `${this.figures.file}:${this.line}`;
  }
}

/** A roster part's JSON by its id, or undefined when there is none. */
export type PartText = (ref: number) => string | undefined;

/** Every roster part, at its id (for reading all claims). */
export function allRosterParts(db: Db): string[] {
  const texts: string[] = [];
  for (const [id, part] of activeRows(db, 'roster_parts', 'id, part', '')) texts[id as number] = part as string;
  return texts;
}

/** Roster parts read as they are asked for (for a single claim). */
export function rosterPartsByRef(db: Db): PartText {
  const get = db.prepare('SELECT part FROM roster_parts WHERE id = ?').pluck();
  return (ref) => get.get(ref) as string | undefined;
}

/**
 * The parsed roster parts, at their ids whatever their kind (the kinds share the ids): import
 * numbers parts in the order rows first use them, so reading rows in order fills the array in order.
 */
class PartCache {
  private readonly parsed: unknown[] = [];
  constructor(private readonly text: PartText) {}
  get<T>(ref: number, make: (values: unknown[]) => T): T {
    return (this.parsed[ref] ??= this.parse(ref, make)) as T;
  }
  private parse<T>(ref: number, make: (values: unknown[]) => T): T {
    const json = this.text(ref);
    if (json === undefined) throw new DataError('db_part_missing', { ref: String(ref), table: 'roster_parts' });
    return Object.freeze(make(JSON.parse(json) as unknown[]));
  }
}

const CHUNK = 1000;

/**
 * The rows of `SELECT select FROM table` (with `where`) in id order; id must be selected first.
 * Read a thousand at a time, which is about a fifth faster than one by one.
 */
export function* activeRows(db: Db, table: string, select: string, where = 'active = 1 AND'): Generator<unknown[]> {
  const chunk = db.prepare(`SELECT ${select} FROM ${table} WHERE ${where} id > ? ORDER BY id LIMIT ${CHUNK}`).raw(true);
  let last = 0;
  for (;;) {
    const rows = chunk.all(last) as unknown[][];
    for (const row of rows) yield row;
    if (rows.length < CHUNK) return;
    last = rows[CHUNK - 1][0] as number;
  }
}

/**
 * Turns roster rows read with CLAIM_SELECT into claims. One per read: a value that repeats (an
 * institution, a date, an occupation) is one string however many rows carry it, and so are a
 * person's ID number, name and phone.
 */
interface PersonStrings { idNumber: string; name: string; phone: string | null }

export class StoredRows {
  private readonly strings = new Map<string, string>();
  private readonly categoryLists = new Map<string, readonly Category[]>();
  private readonly figureSets = new Map<string, RowFigures>();
  private lastFigures: RowFigures | null = null;
  private readonly rosterParts: PartCache;
  // Persons by ID number; a person's other rows mostly carry the same name and phone.
  private readonly persons = new Map<string, PersonStrings | PersonStrings[]>();
  private readonly makeClass = (v: unknown[]): ClassPart => ({
    classId: this.share(v[CLASS.class_id] as string), institutionName: this.share(v[CLASS.institution_name] as string),
    institutionCode: this.share(v[CLASS.institution_code] as string), trainingType: this.share(v[CLASS.training_type] as TrainingType),
    projectBased: v[CLASS.project_based] === 1, occupationCode: this.share(v[CLASS.occupation_code] as string | null),
    occupationName: this.share(v[CLASS.occupation_name] as string), level: v[CLASS.level] as number | null,
    startDate: this.share(v[CLASS.start_date] as string), endDate: this.share(v[CLASS.end_date] as string),
  });
  private readonly makeCircumstances = (v: unknown[]): CircumstancesPart => ({
    categories: this.categoryList(v[CIRCUMSTANCES.categories] as string), household: v[CIRCUMSTANCES.household] as Household | null,
    employerName: this.share(v[CIRCUMSTANCES.employer_name] as string | null), employerCode: this.share(v[CIRCUMSTANCES.employer_code] as string | null),
    insured: v[CIRCUMSTANCES.insured] === null ? null : v[CIRCUMSTANCES.insured] === 1,
  });

  constructor(private readonly files: ReadonlyMap<number, string>, rosterPart: PartText) {
    this.rosterParts = new PartCache(rosterPart);
  }

  /** The strings of the first row with these values. */
  private person(idNumber: string, name: string, phone: string | null): PersonStrings {
    const known = this.persons.get(idNumber);
    if (known === undefined) {
      const person = { idNumber, name, phone };
      this.persons.set(idNumber, person);
      return person;
    }
    const variants = Array.isArray(known) ? known : [known];
    for (const p of variants) if (p.name === name && p.phone === phone) return p;
    const person = { idNumber: variants[0].idNumber, name, phone };
    this.persons.set(idNumber, [...variants, person]);
    return person;
  }

  /**
   * One frozen list for each distinct text of categories: circumstances differ by employer far
   * more than by categories, and the rules remember their answer per list (decide/category.ts).
   */
  private categoryList(text: string): readonly Category[] {
    const known = this.categoryLists.get(text);
    if (known !== undefined) return known;
    const list = Object.freeze(text.split(';')) as readonly Category[];
    if (this.categoryLists.size < MAX_SHARED_VALUES) this.categoryLists.set(text, list);
    return list;
  }

  /** The figures of the rows with these values: the last row's most of the time, else found by their text. */
  private figuresOf(hours: number | null, attendance: number | null, months: number | null, claimedFen: number | null, file: string): RowFigures {
    const last = this.lastFigures;
    if (last !== null && last.hours === hours && last.attendance === attendance && last.months === months && last.claimedFen === claimedFen && last.file === file) {
      return last;
    }
    const key = `${hours}|${attendance}|${months}|${claimedFen}|${file}`;
    let figures = this.figureSets.get(key);
    if (figures === undefined) {
      figures = Object.freeze({ hours, attendance, months, claimedFen, file });
      if (this.figureSets.size < MAX_SHARED_VALUES) this.figureSets.set(key, figures);
    }
    return (this.lastFigures = figures);
  }

  private share<T extends string | null>(value: T): T {
    if (value === null) return value;
    const known = this.strings.get(value);
    if (known !== undefined) return known as T;
    this.strings.set(value, value);
    return value;
  }

  /** A claim from the values of CLAIM_SELECT, in order. */
  claim(v: readonly unknown[]): Claim {
    if (v[1] !== null) throw new DataError('db_claim_id_mismatch', { row: String(v[0]), claim_id: String(v[1]) });
    const parts = this.rosterParts;
    const person = this.person(v[4] as string, v[5] as string, v[6] as string | null);
    return new StoredClaim(
      v[0] as number, parts.get(v[2] as number, this.makeClass), person.idNumber, person.name, storedPhone(person.phone),
      parts.get(v[3] as number, this.makeCircumstances),
      this.figuresOf(v[7] as number | null, v[8] as number | null, v[9] as number | null, v[10] as number | null, this.files.get(v[11] as number) ?? '?'),
      v[12] as number,
    );
  }
}

/** The active claims, in row order (which costs nothing: the table is kept in it; the core does not depend on it). */
export function readClaims(db: Db, files: ReadonlyMap<number, string>): Claim[] {
  // The texts are needed only until each part has been parsed.
  const rosterTexts = allRosterParts(db);
  const rows = new StoredRows(files, (ref) => rosterTexts[ref]);
  const claims: Claim[] = [];
  for (const values of activeRows(db, 'roster_rows', CLAIM_SELECT)) claims.push(rows.claim(values));
  return claims;
}

/** The active certificates as columns, with the data mark of the snapshot they come from. */
export function readCertificateColumns(db: Db): CertificateColumns {
  return encodeCertificates(activeRows(db, 'certificates', CERT_SELECT), dataMark(db));
}

/**
 * The certificates as they stood for a run: of each key, the latest version imported up to the
 * run's data mark (the named parameter `mark`). Explain, person and the returns read them so.
 */
export const CERTIFICATES_OF_RUN = `FROM certificates c WHERE c.file_id <= @mark
  AND c.file_id NOT IN (SELECT file_id FROM file_withdrawals WHERE after_run < @run)
  AND c.id = (SELECT max(id) FROM certificates c2 WHERE c2.cert_number = c.cert_number AND c2.id_number = c.id_number AND c2.file_id <= @mark
              AND c2.file_id NOT IN (SELECT file_id FROM file_withdrawals WHERE after_run < @run))`;

/** A roster row's values by its id, as CLAIM_SELECT reads them (StoredRows.claim makes the claim). */
export function claimValuesById(db: Db): (rosterRowId: number) => unknown[] {
  const statement = db.prepare(`SELECT ${CLAIM_SELECT} FROM roster_rows WHERE id = ?`).raw(true);
  return (rosterRowId) => statement.get(rosterRowId) as unknown[];
}

/** Every stored version of a claim's roster row (one per import that brought it), oldest first. */
export function rosterVersionsOf(db: Db, claimId: string): { id: number; file_id: number; line: number }[] {
  return db.prepare('SELECT id, file_id, line FROM roster_rows WHERE claim_id = ? ORDER BY id').all(claimId) as { id: number; file_id: number; line: number }[];
}

/** Every stored version of a person's roster rows and certificates (active, replaced or withdrawn), in date order. */
export function rowsOfPerson(db: Db, idNumber: string): { roster: Record<string, unknown>[]; certificates: Record<string, unknown>[] } {
  return {
    roster: db.prepare('SELECT * FROM roster_rows WHERE id_number = ? ORDER BY start_date, class_id, id').all(idNumber) as Record<string, unknown>[],
    certificates: db.prepare('SELECT * FROM certificates WHERE id_number = ? ORDER BY issue_date, cert_number, id').all(idNumber) as Record<string, unknown>[],
  };
}

/** The certificates one person held as they stood at data mark `mark` (for explain). */
export function certificatesOfPerson(db: Db, idNumber: string, mark: number, runId: number, files: ReadonlyMap<number, string>): Certificate[] {
  const rows = db.prepare(`SELECT ${CERT_SELECT} ${CERTIFICATES_OF_RUN} AND c.id_number = @idNumber`).raw(true).all({ mark, run: runId, idNumber }) as unknown[][];
  return decodeCertificates(encodeCertificates(rows, mark), files);
}

type Row = Record<string, unknown>;

function catalogueEntry(r: Row, files: ReadonlyMap<number, string>): CatalogueEntry {
  return {
    code: r.institution_code as string, name: r.institution_name as string, validFrom: (r.valid_from as string | null) ?? null,
    validTo: (r.valid_to as string | null) ?? null, source: `${files.get(r.file_id as number) ?? '?'}:${r.line as number}`,
  };
}

/** The active catalogue (SPEC §2.3). */
export function readCatalogue(db: Db, files: ReadonlyMap<number, string>): CatalogueEntry[] {
  return (db.prepare('SELECT * FROM institutions WHERE active = 1 ORDER BY id').all() as Row[]).map((r) => catalogueEntry(r, files));
}

/** The catalogue as it stood at data mark `mark` (for explain). */
export function catalogueAt(db: Db, mark: number, runId: number, files: ReadonlyMap<number, string>): CatalogueEntry[] {
  return (db.prepare(
    `SELECT * FROM institutions i WHERE file_id <= @mark AND file_id NOT IN (SELECT file_id FROM file_withdrawals WHERE after_run < @run)
       AND id = (SELECT max(id) FROM institutions i2 WHERE i2.institution_code = i.institution_code
                 AND coalesce(i2.valid_from, '') = coalesce(i.valid_from, '') AND i2.file_id <= @mark
                 AND i2.file_id NOT IN (SELECT file_id FROM file_withdrawals WHERE after_run < @run))`,
  ).all({ mark, run: runId }) as Row[]).map((r) => catalogueEntry(r, files));
}

/** The select list a list row is read with (listRow). */
const LIST_SELECT = 'id, list_kind, id_number, name, from_date, to_date, employer_code, employer_name, file_id, line';

/** A stored outside-list row; its provenance (`file:line`) made only when asked for. */
class StoredListRow implements ListRow {
  constructor(
    readonly kind: ListKind, readonly idNumber: string, readonly name: string | null, readonly from: string, readonly to: string | null,
    readonly employerCode: string | null, readonly employerName: string | null, private readonly file: string, private readonly line: number,
  ) {}
  get source(): string {
    return `${this.file}:${this.line}`;
  }
}

/** Every outside-list row of one person, active or replaced, in date order (for person, SPEC §8.5). */
export function listRowsOfPerson(db: Db, idNumber: string): { row: ListRow; active: boolean; fileId: number }[] {
  const files = fileNames(db);
  return (db.prepare(`SELECT ${LIST_SELECT}, active FROM list_rows WHERE id_number = ? ORDER BY from_date, id`).raw(true).all(idNumber) as unknown[][])
    .map((v) => ({
      row: new StoredListRow(
        v[1] as ListKind, v[2] as string, v[3] as string | null, v[4] as string, v[5] as string | null, v[6] as string | null, v[7] as string | null,
        files.get(v[8] as number) ?? '?', v[9] as number,
      ),
      active: v[10] === 1,
      fileId: v[8] as number,
    }));
}

/** The latest verdict of each flag, as check and explain decide with it (see latestVerdicts). */
export function loadVerdicts(db: Db, until?: string): Map<string, Verdict> {
  return new Map([...latestVerdicts(db, until)].map(([flagId, v]) => [flagId, v.verdict]));
}
