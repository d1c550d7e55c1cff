// Writing one input file into the store: its imported_files record, its rows with provenance,
// its row errors, and the switch of replaced claim versions to inactive (SPEC §2, §2.4). Outside
// lists (§2.5) add up instead: no row replaces another, but a forced re-import of a file takes the
// place of its earlier import.

import { dialectOf, type Db, type Statement } from './connection.js';
import { partIdsAtOnce } from './postgres/part-ids.js';
import type { InputKind } from '../ingest/columns.js';
import type { RowError } from '../ingest/normalise-row.js';
import { ROW_PARTS, STORED_FIELDS, type PartsOfKind, type StoredValue } from '../ingest/stored-form.js';
import { BatchInsert } from './batch-insert.js';
import { PartsJoinedInsert } from './parts-joined-insert.js';
import { BulkLoad, indexesWorthRemaking } from './bulk-load.js';
import { KeyHashes } from '../ingest/key-hashes.js';
import type { ListKind } from '../core/decide/types.js';

/**
 * Each kind's table and, where a later row replaces an earlier one, the key compared; keyColumns:
 * the same key column by column (indexed), to confirm a suspected R_DUP_ROW within a file.
 */
const TABLES: Record<InputKind, { table: string; key: string | null; keyColumns: readonly string[] }> = {
  roster: { table: 'roster_rows', key: 'claim_id', keyColumns: ['claim_id'] },
  certificates: { table: 'certificates', key: "cert_number || '|' || id_number", keyColumns: ['cert_number', 'id_number'] },
  institutions: { table: 'institutions', key: "institution_code || '|' || coalesce(valid_from, '')", keyColumns: ['institution_code', 'valid_from'] },
  list: { table: 'list_rows', key: null, keyColumns: [] },
};

export interface FileRecord {
  kind: InputKind;
  /** For `list`: which list (SPEC §2.5). */
  listKind?: ListKind;
  name: string;
  path: string;
  sha256: string;
  bytes: number;
  encoding: string;
  importedAt: string;
  forced: boolean;
}

/** The first import of this content as this kind (a list: as this kind of list) that was not withdrawn. */
export function findImportedFile(db: Db, sha256: string, kind: InputKind, listKind?: ListKind): { id: number; name: string; imported_at: string } | undefined {
  return db
    .prepare(`SELECT id, name, imported_at FROM imported_files WHERE sha256 = ? AND kind = ? AND list_kind IS ?
                AND id NOT IN (SELECT file_id FROM file_withdrawals) ORDER BY id LIMIT 1`)
    .get(sha256, kind, kind === 'list' ? listKind ?? null : null) as { id: number; name: string; imported_at: string } | undefined;
}

/** How many part texts the writer remembers with their ids before it starts again (a bound, issue #14). */
const REMEMBERED_PARTS = 20_000;

/**
 * Imported rows go in fifty to a statement on SQLite, while the tables' insert triggers are down
 * (bulk-load.ts; with them, SQLite copies a many-row INSERT's rows into a temporary table first).
 * Measured on 400,000 realistic rows inside one transaction: certificates cost a sixth less than
 * one to a statement, roster parts half, roster rows the same. PostgreSQL copies them in anyway (BatchInsert).
 */
const ROWS_PER_STATEMENT = 50;

/**
 * The ids of the parts a batch's rows use, by the parser's numbers: a part already stored (by an
 * earlier file or batch) keeps its id, found by its text (indexed, migration 8), a new one is
 * given the next id and stored. The texts recently met are
 * remembered, up to a bound: the rows of a class follow one another, and a file has some tens of
 * thousands of classes but often one circumstance per row.
 *
 * Into an empty table (SQLite), the texts this file stored are known instead by a 64-bit hash of
 * each with its id (12 bytes a part, KeyHashes): a text whose hash is not there is new, and one
 * whose hash is there is confirmed by reading the part at that id. The text index is then made
 * once at the end (bulk-load.ts) instead of taking a million texts in no order one by one; a hash
 * shared by two texts makes it at once and falls back to finding texts by it.
 */
class PartIds {
  private remembered = new Map<string, number>();
  private texts: string[] = [];
  private ids: (number | undefined)[] = [];
  private readonly find: Statement;
  private readonly lastId: Statement;
  private readonly stored: BatchInsert;
  private readonly bulk: BulkLoad;
  /** The hashes of the texts stored by this file, with their ids, while the table had no other. */
  private storedHere: KeyHashes | null = null;
  private readonly partAt: Statement;
  private nextId = 0;
  private readonly first: number;

  constructor(private readonly db: Db, private readonly parts: PartsOfKind) {
    const { table, refs } = parts;
    this.find = db.prepare(`SELECT id FROM ${table} WHERE part = ? LIMIT 1`).pluck();
    this.lastId = db.prepare(`SELECT coalesce(max(id), 0) FROM ${table}`).pluck();
    this.partAt = db.prepare(`SELECT part FROM ${table} WHERE id = ?`).pluck();
    this.stored = new BatchInsert(db, table, ['id', 'part'], ROWS_PER_STATEMENT);
    const empty = this.lastId.get() === 0 && dialectOf(db) === 'sqlite';
    if (empty) this.storedHere = new KeyHashes(1 << 16, true);
    this.bulk = new BulkLoad(db, table, this.lastId.get() as number, empty);
    this.first = refs.length;
  }

  /** The texts of a batch's parts, by number; ids are found or given when a row uses them. */
  startBatch(texts: string[]): void {
    this.finish();
    this.texts = texts;
    if (dialectOf(this.db) === 'postgres') {
      this.ids = partIdsAtOnce(this.db, this.parts.table, texts);
    } else {
      this.nextId = (this.lastId.get() as number) + 1;
      this.ids = new Array(texts.length);
    }
  }

  /** Replaces the part numbers at the end of the row with ids. */
  toIds(row: StoredValue[]): void {
    for (let k = row.length - this.first; k < row.length; k++) {
      const n = row[k] as number;
      row[k] = this.ids[n] ?? (this.ids[n] = this.idOf(this.texts[n]));
    }
  }

  /** Stores the new parts still gathered. */
  finish(): void {
    this.stored.finish();
  }

  /** Stores the new parts still gathered, and puts the table's index and triggers back. */
  close(): void {
    this.finish();
    this.bulk.finish();
  }

  private idOf(text: string): number {
    let id = this.remembered.get(text) ?? this.storedId(text);
    if (id === undefined) {
      id = this.nextId++;
      this.stored.add([id, text]);
      this.storedHere?.put(text, id);
    }
    if (this.remembered.size >= REMEMBERED_PARTS) {
      // What is forgotten must be found in the table.
      this.finish();
      this.remembered = new Map();
    }
    this.remembered.set(text, id);
    return id;
  }

  /** The id of the text if the table holds it. */
  private storedId(text: string): number | undefined {
    if (this.storedHere === null) return this.find.get(text) as number | undefined;
    const id = this.storedHere.get(text);
    if (id === undefined) return undefined;
    this.finish();
    if (this.partAt.get(id) === text) return id;
    this.storedHere = null;
    this.bulk.restoreIndexes();
    return this.find.get(text) as number | undefined;
  }
}

/** Inserts for one file inside the caller's transaction. */
export class FileWriter {
  readonly fileId: number;
  private readonly maxIdBefore: number;
  private readonly insertRows: BatchInsert | PartsJoinedInsert;
  /** Whether the file's id is bound with each row (or written once into the insert). */
  private readonly rowsTakeFileId: boolean = true;
  private readonly insertError: Statement;
  /** Whether a key is among this file's stored rows (a suspected R_DUP_ROW), and where the key's values stand in a row. */
  private readonly findKey: Statement | null;
  private readonly keyPositions: number[];
  /** Roster rows: the ids of their parts (ingest/row-parts.ts). */
  private readonly parts: PartIds | null;
  /** The table's indexes and triggers, while the file's rows go in (bulk-load.ts). */
  private readonly bulk: BulkLoad;
  rows = 0;
  errors = 0;

  constructor(private readonly db: Db, private readonly record: FileRecord) {
    const { table } = TABLES[record.kind];
    this.maxIdBefore = (db.prepare(`SELECT coalesce(max(id), 0) AS m FROM ${table}`).get() as { m: number }).m;
    this.bulk = new BulkLoad(db, table, this.maxIdBefore, indexesWorthRemaking(this.maxIdBefore, record.bytes));
    this.fileId = Number(
      db
        .prepare(
          'INSERT INTO imported_files (kind, list_kind, name, path, sha256, bytes, encoding, imported_at, forced) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(record.kind, record.listKind ?? null, record.name, record.path, record.sha256, record.bytes, record.encoding, record.importedAt, record.forced ? 1 : 0)
        .lastInsertRowid,
    );
    const parts = ROW_PARTS[record.kind];
    this.parts = parts ? new PartIds(db, parts) : null;
    const fields = [...STORED_FIELDS[record.kind], 'line', ...(parts?.refs.map(([column]) => column) ?? [])];
    // On SQLite, a row's parts' columns are bound once a part (parts-joined-insert.ts); PostgreSQL copies rows as they are.
    if (parts && dialectOf(db) === 'sqlite') {
      this.insertRows = new PartsJoinedInsert(db, table, fields, parts.refs, ROWS_PER_STATEMENT, { file_id: this.fileId });
      this.rowsTakeFileId = false;
    } else {
      this.insertRows = new BatchInsert(db, table, [...fields, 'file_id'], ROWS_PER_STATEMENT);
    }
    const { keyColumns } = TABLES[record.kind];
    this.findKey = keyColumns.length === 0 ? null
      : db.prepare(`SELECT 1 FROM ${table} WHERE ${keyColumns.map((c) => `${c} IS ?`).join(' AND ')} AND file_id = ? LIMIT 1`).pluck();
    this.keyPositions = keyColumns.map((c) => STORED_FIELDS[record.kind].indexOf(c));
    this.insertError = db.prepare(
      'INSERT INTO row_errors (file_id, line, column_name, value, code, expected, last_line) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
  }

  setEncoding(encoding: string): void {
    this.db.prepare('UPDATE imported_files SET encoding = ? WHERE id = ?').run(encoding, this.fileId);
  }

  /**
   * rows, parts and suspects as the parser produces them (a batch of ParseEvent; rows may have
   * been left out since). Returns the R_DUP_ROW errors of the suspects whose key this file has
   * stored already (the first row wins); those rows are not stored, and the caller records the errors.
   */
  addRows(rows: StoredValue[][], partTexts: string[], suspects: readonly RowError[] = []): RowError[] {
    const fileId = this.fileId;
    const parts = this.parts;
    parts?.startBatch(partTexts);
    const duplicates: RowError[] = [];
    const lineAt = STORED_FIELDS[this.record.kind].length;
    let next = 0;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      const line = row[lineAt] as number;
      while (next < suspects.length && suspects[next].line < line) next++;
      if (next < suspects.length && suspects[next].line === line && this.hasKeyOf(row)) {
        duplicates.push(suspects[next]);
        continue;
      }
      parts?.toIds(row);
      if (this.rowsTakeFileId) row.push(fileId);
      this.insertRows.add(row);
    }
    this.rows += rows.length - duplicates.length;
    if (this.bulk.asksRows) {
      // The batch's rows meet the conditions of the triggers set aside before the next batch goes in.
      // (On PostgreSQL the rows stream on in one COPY: its checks run per COPY, BULK_CHECKS.)
      this.insertRows.finish();
      this.bulk.askNewRows();
    }
    return duplicates;
  }

  /** Whether this file's stored rows hold the row's key (the rows gathered are inserted first). */
  private hasKeyOf(row: StoredValue[]): boolean {
    if (this.findKey === null) return false;
    this.insertRows.finish();
    this.bulk.restoreIndexes();
    return this.findKey.get(...this.keyPositions.map((p) => row[p]), this.fileId) !== undefined;
  }

  addErrors(errors: RowError[]): void {
    for (const e of errors) this.insertError.run(this.fileId, e.line, e.column, e.value, e.code, e.expected, e.lastLine ?? e.line);
    this.errors += errors.length;
  }

  /** Inserts the rows still gathered; earlier versions of the keys this file brought are no longer active. */
  finish(): void {
    if (this.insertRows instanceof PartsJoinedInsert) this.insertRows.close();
    else this.insertRows.finish();
    this.parts?.close();
    this.bulk.finish();
    const { table, key } = TABLES[this.record.kind];
    if (key === null) {
      // A list: the same content imported again replaces its earlier import, and nothing else.
      if (this.record.forced) {
        this.db.prepare(
          `UPDATE ${table} SET active = 0 WHERE active = 1 AND file_id IN
             (SELECT id FROM imported_files WHERE sha256 = ? AND kind = ? AND list_kind IS ? AND id <> ?)`,
        ).run(this.record.sha256, this.record.kind, this.record.listKind ?? null, this.fileId);
      }
    } else if (this.maxIdBefore > 0 && this.rows > 0) {
      this.db
        .prepare(
          `UPDATE ${table} SET active = 0 WHERE id <= ? AND active = 1 AND ${key} IN (SELECT ${key} FROM ${table} WHERE id > ?)`,
        )
        .run(this.maxIdBefore, this.maxIdBefore);
    }
    this.db.prepare('UPDATE imported_files SET rows = ?, row_errors = ? WHERE id = ?').run(this.rows, this.errors, this.fileId);
  }
}

export interface ImportedFileRecord {
  id: number;
  kind: InputKind;
  list_kind: ListKind | null;
  name: string;
  sha256: string;
  imported_at: string;
  rows: number;
  withdrawn_at: string | null;
}

const FILE_SELECT = `SELECT f.id, f.kind, f.list_kind, f.name, f.sha256, f.imported_at, f.rows, w.withdrawn_at
  FROM imported_files f LEFT JOIN file_withdrawals w ON w.file_id = f.id`;

/** Imported files by id, or by name (newest first), for `import withdraw`. */
export function findFilesByRef(db: Db, ref: string): ImportedFileRecord[] {
  if (/^\d+$/.test(ref)) return db.prepare(`${FILE_SELECT} WHERE f.id = ?`).all(Number(ref)) as ImportedFileRecord[];
  return db.prepare(`${FILE_SELECT} WHERE f.name = ? ORDER BY f.id DESC`).all(ref) as ImportedFileRecord[];
}

/** The latest imported files, newest first (to show a caseworker which ids there are). */
export function latestFiles(db: Db, limit: number): ImportedFileRecord[] {
  return db.prepare(`${FILE_SELECT} ORDER BY f.id DESC LIMIT ?`).all(limit) as ImportedFileRecord[];
}

/**
 * Issue #20 item 5: takes a file out of later runs, inside the caller's transaction and after its
 * audit-log entry (the database refuses a withdrawal without one). Its rows go inactive; for each
 * key it held, the latest version from a file not withdrawn becomes active again (the version it
 * had replaced), unless a later import replaced it already. Outside lists have no versions: the
 * file's rows just go inactive.
 */
export function withdrawFileRows(
  db: Db, file: ImportedFileRecord, withdrawal: { at: string; osUser: string; note: string; auditId: number },
): { deactivated: number; reactivated: number } {
  const afterRun = (db.prepare('SELECT coalesce(max(id), 0) AS n FROM runs').get() as { n: number }).n;
  db.prepare('INSERT INTO file_withdrawals (file_id, withdrawn_at, os_user, note, after_run, audit_id) VALUES (?, ?, ?, ?, ?, ?)')
    .run(file.id, withdrawal.at, withdrawal.osUser, withdrawal.note, afterRun, withdrawal.auditId);
  const { table, key } = TABLES[file.kind];
  const deactivated = db.prepare(`UPDATE ${table} SET active = 0 WHERE file_id = ? AND active = 1`).run(file.id).changes;
  if (file.kind === 'roster') releaseClasses(db, file.id);
  if (key === null) return { deactivated, reactivated: 0 };
  const reactivated = db.prepare(
    `UPDATE ${table} SET active = 1 WHERE active = 0 AND id IN (
       SELECT max(id) FROM ${table}
        WHERE file_id NOT IN (SELECT file_id FROM file_withdrawals)
          AND ${key} IN (SELECT ${key} FROM ${table} WHERE file_id = ?)
        GROUP BY ${key})`,
  ).run(file.id).changes;
  return { deactivated, reactivated };
}

/** The ids of the files withdrawn (import withdraw). */
export function withdrawnFiles(db: Db): Set<number> {
  return new Set(db.prepare('SELECT file_id FROM file_withdrawals').pluck().all() as number[]);
}

/**
 * SPEC §2.1 after a withdrawal: each class the file had rows of is held as if the file had never
 * come — by the institution of its latest row from a file not withdrawn, or, with none, by no one.
 */
function releaseClasses(db: Db, fileId: number): void {
  const live = 'file_id NOT IN (SELECT file_id FROM file_withdrawals)';
  const classIds = db.prepare('SELECT DISTINCT class_id FROM roster_rows WHERE file_id = ?').pluck().all(fileId) as string[];
  const latest = db.prepare(`SELECT institution_code, institution_name, file_id FROM roster_rows WHERE class_id = ? AND ${live} ORDER BY id DESC LIMIT 1`);
  const hold = db.prepare('UPDATE classes SET institution_code = ?, institution_name = ?, file_id = ? WHERE class_id = ? AND institution_code IS NOT ?');
  const letGo = db.prepare('DELETE FROM classes WHERE class_id = ?');
  for (const classId of classIds) {
    const row = latest.get(classId) as { institution_code: string; institution_name: string; file_id: number } | undefined;
    if (row) hold.run(row.institution_code, row.institution_name, row.file_id, classId, row.institution_code);
    else letGo.run(classId);
  }
}
