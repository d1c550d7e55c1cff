// Reads the active rows the decision steps need, as plain core objects (SPEC §6, §7), in one
// read transaction so that claims, certificates and the catalogue agree.
//
// Reading a million rows is most of a check's time, and most of that is making one JavaScript
// string per text cell. A roster row's class, person and circumstances, and a certificate's
// details and holder, are references to parts stored once (row-parts.ts), each parsed the first
// time it is used; every later row shares the parsed part. Numbers that may be REAL stay
// separate columns, so nothing is rounded on the way.

import { Worker } from 'node:worker_threads';
import type { Db } from './database.js';
import { DataError } from '../core/errors.js';
import type { CertificateColumns } from './certificate-columns.js';
import type { CatalogueEntry, Certificate, Claim } from '../core/decide/types.js';
import type { Category, CertType, Household, TrainingType } from '../core/normalise/enums.js';
import type { Verdict } from '../core/decide/decide-claims.js';

type Row = Record<string, unknown>;

/** The select list a claim is read with (see RowReader.claim); the parts' columns are in ROW_PARTS. */
export const CLAIM_SELECT = `id, claim_id, class_ref, person_ref, circumstances_ref, hours, attendance, months, claimed_amount_fen, file_id, line`;

/** The select list a certificate is read with (see RowReader.certificate). */
export const CERT_SELECT = `id, cert_number, details_ref, person_ref, file_id, line`;

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
interface PersonPart { idNumber: string; name: string; phone: string | null }
interface CircumstancesPart { categories: readonly Category[]; household: Household | null; employerName: string | null; employerCode: string | null; insured: boolean | null }
interface CertificatePart { certType: CertType; occupationCode: string | null; occupationName: string; level: number | null; issueDate: string; issuer: string | null }
interface CertificatePerson { idNumber: string; name: string }

/** A claim as stored: the shared parts behind getters; its provenance (`file:line`) made only when asked for. */
class StoredClaim implements Claim {
  constructor(
    readonly rowId: number, readonly claimId: string, private readonly cls: ClassPart, private readonly person: PersonPart,
    private readonly circumstances: CircumstancesPart, readonly hours: number | null, readonly attendance: number | null,
    readonly months: number | null, readonly claimedFen: number | null, readonly fileId: number, readonly line: number,
    private readonly files: ReadonlyMap<number, string>,
  ) {}
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
    return `${this.files.get(this.fileId) ?? '?'}:${this.line}`;
  }
}

class StoredCertificate implements Certificate {
  constructor(
    readonly rowId: number, readonly certNumber: string, private readonly part: CertificatePart, private readonly person: CertificatePerson,
    readonly fileId: number, readonly line: number, private readonly files: ReadonlyMap<number, string>,
  ) {}
  get certType() { return this.part.certType; }
  get occupationCode() { return this.part.occupationCode; }
  get occupationName() { return this.part.occupationName; }
  get level() { return this.part.level; }
  get issueDate() { return this.part.issueDate; }
  get issuer() { return this.part.issuer; }
  get idNumber() { return this.person.idNumber; }
  get name() { return this.person.name; }
  get source(): string {
    return `${this.files.get(this.fileId) ?? '?'}:${this.line}`;
  }
}

/** A part's JSON by its id, or undefined when there is none. */
export type PartText = (ref: number) => string | undefined;

/** Every part of a parts table, at its id (for reading all rows). */
export function allParts(db: Db, table: 'roster_parts' | 'certificate_parts'): string[] {
  const texts: string[] = [];
  for (const [id, part] of activeRows(db, table, 'id, part', '')) texts[id as number] = part as string;
  return texts;
}

/** Parts read as they are asked for (for a single claim). */
export function partsByRef(db: Db, table: 'roster_parts' | 'certificate_parts'): PartText {
  const get = db.prepare(`SELECT part FROM ${table} WHERE id = ?`).pluck();
  return (ref) => get.get(ref) as string | undefined;
}

/**
 * The parsed parts of one parts table, at their ids whatever their kind (the kinds share the
 * ids): import numbers parts in the order rows first use them, so reading rows in order fills
 * the array in order.
 */
class PartCache {
  private readonly parsed: unknown[] = [];
  constructor(private readonly table: string, public text: PartText) {}
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
  private readonly certificateParts: PartCache;
  private readonly makeClass = (v: unknown[]): ClassPart => ({
    classId: this.share(v[0] as string), institutionName: this.share(v[1] as string), institutionCode: this.share(v[2] as string),
    trainingType: this.share(v[3] as TrainingType), projectBased: v[4] === 1, occupationCode: this.share(v[5] as string | null),
    occupationName: this.share(v[6] as string), level: v[7] as number | null, startDate: this.share(v[8] as string), endDate: this.share(v[9] as string),
  });
  // A person's strings are already one per person through the part; sharing them further would cost more than it saves.
  private readonly makePerson = (v: unknown[]): PersonPart => ({ idNumber: v[0] as string, name: v[1] as string, phone: v[2] as string | null });
  private readonly makeCircumstances = (v: unknown[]): CircumstancesPart => ({
    categories: Object.freeze((v[0] as string).split(';')) as Category[], household: v[1] as Household | null, employerName: this.share(v[2] as string | null),
    employerCode: this.share(v[3] as string | null), insured: v[4] === null ? null : v[4] === 1,
  });
  private readonly makeDetails = (v: unknown[]): CertificatePart => ({
    certType: this.share(v[0] as CertType), occupationCode: this.share(v[1] as string | null), occupationName: this.share(v[2] as string),
    level: v[3] as number | null, issueDate: this.share(v[4] as string), issuer: this.share(v[5] as string | null),
  });
  private readonly makeHolder = (v: unknown[]): CertificatePerson => ({ idNumber: v[0] as string, name: v[1] as string });

  /** The parts' texts by id; certificatesFrom brings its own. */
  constructor(private readonly files: ReadonlyMap<number, string>, rosterPart: PartText, certificatePart: PartText) {
    this.rosterParts = new PartCache('roster_parts', rosterPart);
    this.certificateParts = new PartCache('certificate_parts', certificatePart);
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
    const parts = this.rosterParts;
    return new StoredClaim(
      v[0] as number, v[1] as string, parts.get(v[2] as number, this.makeClass), parts.get(v[3] as number, this.makePerson),
      parts.get(v[4] as number, this.makeCircumstances), v[5] as number | null, v[6] as number | null, v[7] as number | null,
      v[8] as number | null, v[9] as number, v[10] as number, this.files,
    );
  }

  /** The certificates a worker read (see certificates-worker.ts), with the parts it sent. */
  certificatesFrom(columns: CertificateColumns): Certificate[] {
    const parts = this.certificateParts;
    parts.text = (ref) => columns.parts[ref];
    const { rowIds, certNumbers, detailsRefs, personRefs, fileIds, lines } = columns;
    const certificates: Certificate[] = new Array(rowIds.length);
    for (let k = 0; k < rowIds.length; k++) {
      certificates[k] = new StoredCertificate(
        rowIds[k], certNumbers[k], parts.get(detailsRefs[k], this.makeDetails), parts.get(personRefs[k], this.makeHolder), fileIds[k], lines[k], this.files,
      );
    }
    return certificates;
  }

  /** A certificate from the values of CERT_SELECT, in order. */
  certificate(v: readonly unknown[]): Certificate {
    const parts = this.certificateParts;
    return new StoredCertificate(
      v[0] as number, v[1] as string, parts.get(v[2] as number, this.makeDetails), parts.get(v[3] as number, this.makeHolder), v[4] as number, v[5] as number, this.files,
    );
  }
}

export interface DecisionData {
  claims: Claim[];
  certificates: Certificate[];
  catalogue: CatalogueEntry[];
  verdicts: Map<string, Verdict>;
  mark: number;
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
    let rosterTexts: string[] | null = allParts(db, 'roster_parts');
    let certificateTexts: string[] | null = null;
    const reader = new RowReader(files, (ref) => rosterTexts![ref], (ref) => (certificateTexts ??= allParts(db, 'certificate_parts'))[ref]);
    // In row order, which costs nothing (the table is kept in it); the decision core does not depend on it.
    const claims: Claim[] = [];
    for (const values of activeRows(db, 'roster_rows', CLAIM_SELECT)) claims.push(reader.claim(values));
    rosterTexts = null;
    const columns = inWorker ? await inWorker.columns : null;
    const certificates = columns && columns.mark === mark ? reader.certificatesFrom(columns) : readCertificates(db, reader);
    const catalogue = (db.prepare('SELECT * FROM institutions WHERE active = 1 ORDER BY id').all() as Row[]).map((r) => ({
      code: r.institution_code as string,
      name: r.institution_name as string,
      validFrom: (r.valid_from as string | null) ?? null,
      validTo: (r.valid_to as string | null) ?? null,
      source: `${files.get(r.file_id as number) ?? '?'}:${r.line as number}`,
    }));
    data = { claims, certificates, catalogue, verdicts: loadVerdicts(db), mark };
  } finally {
    db.exec('COMMIT');
    void inWorker?.stop();
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

/** Starts a worker reading the certificates: its columns, or null when it could not read them (the caller then reads them itself). */
export function readCertificatesInWorker(path: string): { columns: Promise<CertificateColumns | null>; stop: () => Promise<number> } {
  const worker = new Worker(new URL('./certificates-worker.js', import.meta.url), { workerData: { path } });
  const columns = new Promise<CertificateColumns | null>((resolve) => {
    worker.once('message', resolve);
    worker.once('error', () => resolve(null));
    worker.once('exit', () => resolve(null));
  });
  return { columns, stop: () => worker.terminate() };
}

export function loadVerdicts(db: Db): Map<string, Verdict> {
  const verdicts = new Map<string, Verdict>();
  for (const r of db.prepare('SELECT flag_id, verdict FROM verdicts ORDER BY id').iterate() as Iterable<{ flag_id: string; verdict: Verdict }>) {
    verdicts.set(r.flag_id, r.verdict);
  }
  return verdicts;
}
