// Reads the active rows the decision steps need, as plain core objects (SPEC §6, §7), in one
// read transaction so that claims, certificates and the catalogue agree.
//
// Reading a million rows is most of a check's time, and most of that is making one JavaScript
// string per text cell. A roster row's class and circumstances are references to parts stored
// once (ingest/row-parts.ts), each parsed the first time it is used; its person is one object per
// ID number, name and phone, found by ID number; a certificate's holder likewise by ID number
// and name. A certificate's other repeated columns but its issue date (which changes from row to
// row more than they do) come out of SQLite as one JSON text, parsed the first time that text
// is seen. Every later row shares what was made for the first. Numbers
// that may be REAL stay separate columns, so nothing is rounded on the way.

import { Worker } from 'node:worker_threads';
import type { Db } from './database.js';
import { DataError } from '../core/errors.js';
import { Holders, type CertificateColumns } from './certificate-columns.js';
import type { CatalogueEntry, Certificate, Claim } from '../core/decide/types.js';
import type { Category, CertType, Household, TrainingType } from '../core/normalise/enums.js';
import type { Verdict } from '../core/decide/decide-claims.js';
import type { PersonNumbers } from '../core/decide/persons.js';

type Row = Record<string, unknown>;

/**
 * The select list a claim is read with (see RowReader.claim); the parts' columns are in ROW_PARTS.
 * A claim_id is `<class_id>/<id_number>` (SPEC §2.1): it is made from those when asked for, and
 * only a row whose claim_id is not (a damaged database) comes with it, to be refused.
 */
export const CLAIM_SELECT = `id, nullif(claim_id, class_id || '/' || id_number), class_ref, circumstances_ref, id_number, name, phone, hours, attendance, months, claimed_amount_fen, file_id, line`;

/** The select list a certificate is read with (see RowReader.certificate). */
export const CERT_SELECT = `id, cert_number, json_array(cert_type, occupation_code, occupation_name, level, issuer), issue_date, id_number, name, file_id, line`;

/**
 * The certificate numbers held by two or more ID numbers among the active certificates
 * (F_CERT_SHARED, SPEC §7): the worker asks SQLite, whose index on (cert_number, id_number)
 * answers it without a million-entry map.
 */
export const SHARED_CERT_NUMBERS = `SELECT cert_number FROM certificates WHERE active = 1 GROUP BY cert_number HAVING count(DISTINCT id_number) > 1 ORDER BY cert_number`;

export function fileNames(db: Db): Map<number, string> {
  const names = new Map<number, string>();
  for (const r of db.prepare('SELECT id, name FROM imported_files').iterate() as Iterable<{ id: number; name: string }>) names.set(r.id, r.name);
  return names;
}

export function dataMark(db: Db): number {
  return (db.prepare('SELECT coalesce(max(id), 0) AS m FROM imported_files').get() as { m: number }).m;
}

interface ClassPart {
  classId: string; institutionName: string; institutionCode: string; trainingType: TrainingType; projectBased: boolean;
  occupationCode: string | null; occupationName: string; level: number | null; startDate: string; endDate: string;
}
interface PersonPart { idNumber: string; name: string; phone: string | null; number: number }
interface CircumstancesPart { categories: readonly Category[]; household: Household | null; employerName: string | null; employerCode: string | null; insured: boolean | null }
interface CertificatePart { certType: CertType; occupationCode: string | null; occupationName: string; level: number | null; issuer: string | null }
interface CertificatePerson { idNumber: string; name: string; number: number }

/** A claim as stored: the shared parts behind getters; its claim_id and provenance (`file:line`) made only when asked for. */
class StoredClaim implements Claim {
  constructor(
    readonly rowId: number, private readonly cls: ClassPart, private readonly person: PersonPart,
    private readonly circumstances: CircumstancesPart, readonly hours: number | null, readonly attendance: number | null,
    readonly months: number | null, readonly claimedFen: number | null, private readonly file: string, private readonly line: number,
  ) {}
  get claimId() { return `${this.cls.classId}/${this.person.idNumber}`; }
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
  get idNumber() { return this.person.idNumber; }
  get name() { return this.person.name; }
  get phone() { return this.person.phone; }
  get categories() { return this.circumstances.categories; }
  get household() { return this.circumstances.household; }
  get employerName() { return this.circumstances.employerName; }
  get employerCode() { return this.circumstances.employerCode; }
  get insured() { return this.circumstances.insured; }
  get source(): string {
    return `${this.file}:${this.line}`;
  }
}

class StoredCertificate implements Certificate {
  constructor(
    readonly rowId: number, readonly certNumber: string, private readonly part: CertificatePart, readonly issueDate: string,
    private readonly person: CertificatePerson, private readonly file: string, private readonly line: number,
  ) {}
  get certType() { return this.part.certType; }
  get occupationCode() { return this.part.occupationCode; }
  get occupationName() { return this.part.occupationName; }
  get level() { return this.part.level; }
  get issuer() { return this.part.issuer; }
  get idNumber() { return this.person.idNumber; }
  get name() { return this.person.name; }
  get source(): string {
    return `${this.file}:${this.line}`;
  }
}

/** A part's JSON by its id, or undefined when there is none. */
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

/** Parsed parts by their JSON text: each distinct part is parsed (and its strings made) once. */
class PartsByText<T> {
  private readonly parsed = new Map<string, T>();
  constructor(private readonly make: (values: unknown[]) => T) {}
  get(json: string): T {
    let part = this.parsed.get(json);
    if (part === undefined) this.parsed.set(json, (part = Object.freeze(this.make(JSON.parse(json) as unknown[]))));
    return part;
  }
}

/**
 * The parsed roster parts, at their ids whatever their kind (the kinds share the ids): import
 * numbers parts in the order rows first use them, so reading rows in order fills the array in order.
 */
class PartCache {
  private readonly parsed: unknown[] = [];
  constructor(private readonly table: string, private readonly text: PartText) {}
  get<T>(ref: number, make: (values: unknown[]) => T): T {
    return (this.parsed[ref] ??= this.parse(ref, make)) as T;
  }
  private parse<T>(ref: number, make: (values: unknown[]) => T): T {
    const json = this.text(ref);
    if (json === undefined) throw new DataError('db_part_missing', { ref: String(ref), table: this.table });
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
 * Turns rows read with CLAIM_SELECT and CERT_SELECT into claims and certificates. One reader
 * per read: a value that repeats (an institution, a date, an occupation) is one string however
 * many rows carry it, and a person's values are one per person.
 */
export class RowReader {
  private readonly strings = new Map<string, string>();
  private readonly rosterParts: PartCache;
  // Persons by ID number; a person's other rows mostly carry the same name and phone. A person
  // known only from certificates so far is just their number.
  private readonly persons = new Map<string, PersonPart | PersonPart[] | number>();
  private readonly claimPersons: number[] = [];
  private readonly certificatePersons: number[] = [];
  private readonly makeClass = (v: unknown[]): ClassPart => ({
    classId: this.share(v[0] as string), institutionName: this.share(v[1] as string), institutionCode: this.share(v[2] as string),
    trainingType: this.share(v[3] as TrainingType), projectBased: v[4] === 1, occupationCode: this.share(v[5] as string | null),
    occupationName: this.share(v[6] as string), level: v[7] as number | null, startDate: this.share(v[8] as string), endDate: this.share(v[9] as string),
  });
  private readonly makeCircumstances = (v: unknown[]): CircumstancesPart => ({
    categories: Object.freeze((v[0] as string).split(';')) as Category[], household: v[1] as Household | null, employerName: this.share(v[2] as string | null),
    employerCode: this.share(v[3] as string | null), insured: v[4] === null ? null : v[4] === 1,
  });
  private readonly certParts = new PartsByText<CertificatePart>((v) => ({
    certType: this.share(v[0] as CertType), occupationCode: this.share(v[1] as string | null), occupationName: this.share(v[2] as string),
    level: v[3] as number | null, issuer: this.share(v[4] as string | null),
  }));
  // Certificate holders by ID number and name, at their index in `holders`.
  private readonly holders = new Holders();
  private readonly holderParts: CertificatePerson[] = [];

  constructor(private readonly files: ReadonlyMap<number, string>, rosterPart: PartText) {
    this.rosterParts = new PartCache('roster_parts', rosterPart);
  }

  /** The one person object for these values. */
  private person(idNumber: string, name: string, phone: string | null): PersonPart {
    const known = this.persons.get(idNumber);
    if (known === undefined || typeof known === 'number') {
      const person = Object.freeze({ idNumber, name, phone, number: known ?? this.persons.size });
      this.persons.set(idNumber, person);
      return person;
    }
    const variants = Array.isArray(known) ? known : [known];
    for (const p of variants) if (p.name === name && p.phone === phone) return p;
    const person = Object.freeze({ idNumber: variants[0].idNumber, name, phone, number: variants[0].number });
    this.persons.set(idNumber, [...variants, person]);
    return person;
  }

  private holder(idNumber: string, name: string): CertificatePerson {
    return Object.freeze({ idNumber, name, number: this.personNumber(idNumber) });
  }

  /** A file's name (its provenance's first half), '?' if unknown. */
  private fileName(id: number): string {
    return this.files.get(id) ?? '?';
  }

  /** The person number of an ID number (see core/decide/persons.ts): numbered in the order first seen. */
  private personNumber(idNumber: string): number {
    const known = this.persons.get(idNumber);
    if (known === undefined) {
      const number = this.persons.size;
      this.persons.set(idNumber, number);
      return number;
    }
    return typeof known === 'number' ? known : Array.isArray(known) ? known[0].number : known.number;
  }

  /** The person numbers of the claims and certificates made so far, in the order they were made. */
  personNumbers(): PersonNumbers {
    return { claims: Uint32Array.from(this.claimPersons), certificates: Uint32Array.from(this.certificatePersons), count: this.persons.size };
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
    this.claimPersons.push(person.number);
    return new StoredClaim(
      v[0] as number, parts.get(v[2] as number, this.makeClass), person,
      parts.get(v[3] as number, this.makeCircumstances), v[7] as number | null, v[8] as number | null, v[9] as number | null,
      v[10] as number | null, this.fileName(v[11] as number), v[12] as number,
    );
  }

  /** The certificates a worker read (see certificates-worker.ts). */
  certificatesFrom(columns: CertificateColumns): Certificate[] {
    const parts = columns.parts.map((json) => this.certParts.get(json));
    const persons = columns.personIds.map((idNumber, k) => this.holder(idNumber, columns.personNames[k]));
    const issueDates = columns.issueDates.map((date) => this.share(date));
    const { rowIds, certNumbers, partIndex, issueDateIndex, personIndex, fileIds, lines } = columns;
    const certificates: Certificate[] = new Array(rowIds.length);
    for (let k = 0; k < rowIds.length; k++) {
      const person = persons[personIndex[k]];
      this.certificatePersons.push(person.number);
      certificates[k] = new StoredCertificate(
        rowIds[k], certNumbers[k], parts[partIndex[k]], issueDates[issueDateIndex[k]], person, this.fileName(fileIds[k]), lines[k],
      );
    }
    return certificates;
  }

  /** A certificate from the values of CERT_SELECT, in order. */
  certificate(v: readonly unknown[]): Certificate {
    const k = this.holders.indexOf(v[4] as string, v[5] as string);
    const person = (this.holderParts[k] ??= this.holder(v[4] as string, v[5] as string));
    this.certificatePersons.push(person.number);
    return new StoredCertificate(
      v[0] as number, v[1] as string, this.certParts.get(v[2] as string), this.share(v[3] as string), person, this.fileName(v[6] as number), v[7] as number,
    );
  }
}

export interface DecisionData {
  claims: Claim[];
  certificates: Certificate[];
  catalogue: CatalogueEntry[];
  verdicts: Map<string, Verdict>;
  mark: number;
  persons: PersonNumbers;
  /** From the worker, after the certificates (see SHARED_CERT_NUMBERS); null when it did not read them, and the flag rule finds them itself. */
  sharedCertificateNumbers: Promise<readonly string[] | null>;
}

/**
 * Everything `check` decides on, from one snapshot. The certificates are read on a second core
 * (a worker with its own connection) while this thread reads the claims; they are used only when
 * the worker's snapshot has the same data mark (every change to the rows is an import, which
 * adds a file), else read here.
 */
export async function loadDecisionData(db: Db, startWorker = readCertificatesInWorker): Promise<DecisionData> {
  const inWorker = db.memory ? null : startWorker(db.name);
  let data: DecisionData;
  db.exec('BEGIN');
  try {
    const mark = dataMark(db);
    const files = fileNames(db);
    // The texts are needed only until each part has been parsed.
    let rosterTexts: string[] | null = allRosterParts(db);
    const reader = new RowReader(files, (ref) => rosterTexts![ref]);
    // In row order, which costs nothing (the table is kept in it); the decision core does not depend on it.
    const claims: Claim[] = [];
    for (const values of activeRows(db, 'roster_rows', CLAIM_SELECT)) claims.push(reader.claim(values));
    rosterTexts = null;
    const worker = inWorker ? await inWorker.columns : null;
    const columns = worker !== null && worker.mark === mark ? worker : null;
    const certificates = columns ? reader.certificatesFrom(columns) : readCertificates(db, reader);
    const catalogue = (db.prepare('SELECT * FROM institutions WHERE active = 1 ORDER BY id').all() as Row[]).map((r) => ({
      code: r.institution_code as string,
      name: r.institution_name as string,
      validFrom: (r.valid_from as string | null) ?? null,
      validTo: (r.valid_to as string | null) ?? null,
      source: `${files.get(r.file_id as number) ?? '?'}:${r.line as number}`,
    }));
    data = {
      claims, certificates, catalogue, verdicts: loadVerdicts(db), mark, persons: reader.personNumbers(),
      sharedCertificateNumbers: columns && inWorker ? inWorker.sharedNumbers : Promise.resolve(null),
    };
    // The worker is let go once it has sent the shared numbers, or now if its rows are not used.
    if (columns && inWorker) void inWorker.sharedNumbers.finally(() => inWorker.stop());
    else void inWorker?.stop();
  } catch (err) {
    void inWorker?.stop();
    throw err;
  } finally {
    db.exec('COMMIT');
  }
  // The worker's columns came in a message, and code that runs on from its delivery keeps the
  // message alive (in a native handle scope) for as long as it runs: check would carry tens of
  // megabytes through every stage. One turn of the event loop lets them go.
  await new Promise((resolve) => setImmediate(resolve));
  return data;
}

export function readCertificates(db: Db, reader: RowReader): Certificate[] {
  const certificates: Certificate[] = [];
  for (const values of activeRows(db, 'certificates', CERT_SELECT)) certificates.push(reader.certificate(values));
  return certificates;
}

export interface CertificatesInWorker {
  /** Its columns, or null when it could not read them (the caller then reads them itself). */
  columns: Promise<CertificateColumns | null>;
  /** Then the certificate numbers two ID numbers share, in the same snapshot; null if they do not come. */
  sharedNumbers: Promise<string[] | null>;
  stop: () => Promise<number>;
}

/** Starts a worker reading the certificates (see certificates-worker.ts). */
export function readCertificatesInWorker(path: string): CertificatesInWorker {
  const worker = new Worker(new URL('./certificates-worker.js', import.meta.url), { workerData: { path } });
  // Its two messages in order; whatever has not come when it stops is null.
  const expected: ((message: unknown) => void)[] = [];
  const columns = new Promise<CertificateColumns | null>((resolve) => expected.push(resolve as (message: unknown) => void));
  const sharedNumbers = new Promise<string[] | null>((resolve) => expected.push(resolve as (message: unknown) => void));
  let received = 0;
  worker.on('message', (message: unknown) => expected[received++]?.(message));
  const failed = () => {
    for (const resolve of expected) resolve(null);
  };
  worker.once('error', failed);
  worker.once('exit', failed);
  return { columns, sharedNumbers, stop: () => worker.terminate() };
}

export function loadVerdicts(db: Db): Map<string, Verdict> {
  const verdicts = new Map<string, Verdict>();
  for (const r of db.prepare('SELECT flag_id, verdict FROM verdicts ORDER BY id').iterate() as Iterable<{ flag_id: string; verdict: Verdict }>) {
    verdicts.set(r.flag_id, r.verdict);
  }
  return verdicts;
}
