// Writing one input file into the store: its imported_files record, its rows with provenance,
// its row errors, and the switch of replaced claim versions to inactive (SPEC §2, §2.4). Outside
// lists (§2.5) add up instead: no row replaces another, but a forced re-import of a file takes the
// place of its earlier import.

import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';
import type { InputKind } from '../ingest/columns.js';
import type { RowError } from '../ingest/normalise-row.js';
import { ROW_PARTS, STORED_FIELDS, type PartsOfKind, type StoredValue } from '../ingest/stored-form.js';
import { BatchInsert } from './batch-insert.js';
import type { ListKind } from '../core/decide/types.js';

/** Each kind's table and, where a later row replaces an earlier one, the key compared. */
const TABLES: Record<InputKind, { table: string; key: string | null }> = {
  roster: { table: 'roster_rows', key: 'claim_id' },
  certificates: { table: 'certificates', key: "cert_number || '|' || id_number" },
  institutions: { table: 'institutions', key: "institution_code || '|' || coalesce(valid_from, '')" },
  list: { table: 'list_rows', key: null },
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

/** The first import of this content as this kind (a list: as this kind of list). */
export function findImportedFile(db: Db, sha256: string, kind: InputKind, listKind?: ListKind): { id: number; name: string; imported_at: string } | undefined {
  return db
    .prepare('SELECT id, name, imported_at FROM imported_files WHERE sha256 = ? AND kind = ? AND list_kind IS ? ORDER BY id LIMIT 1')
    .get(sha256, kind, kind === 'list' ? listKind ?? null : null) as { id: number; name: string; imported_at: string } | undefined;
}

/**
 * The ids of the parts a file's rows use, by the parser's numbers: a part already stored (by an
 * earlier file) keeps its id, a new one is stored.
 */
class PartIds {
  private readonly stored = new Map<string, number>();
  private readonly ids: number[] = [];
  private readonly insert: Statement;
  private readonly first: number;

  constructor(db: Db, { table, refs }: PartsOfKind) {
    for (const { id, part } of db.prepare(`SELECT id, part FROM ${table}`).iterate() as Iterable<{ id: number; part: string }>) this.stored.set(part, id);
    this.insert = db.prepare(`INSERT INTO ${table} (part) VALUES (?)`);
    this.first = refs.length;
  }

  add(texts: string[]): void {
    for (const text of texts) this.ids.push(this.stored.get(text) ?? Number(this.insert.run(text).lastInsertRowid));
  }

  /** Replaces the part numbers at the end of the row with ids. */
  toIds(row: StoredValue[]): void {
    for (let k = row.length - this.first; k < row.length; k++) row[k] = this.ids[row[k] as number];
  }
}

/** Inserts for one file inside the caller's transaction. */
export class FileWriter {
  readonly fileId: number;
  private readonly maxIdBefore: number;
  private readonly insertRows: BatchInsert;
  private readonly insertError: Statement;
  /** Roster rows: the ids of their parts (ingest/row-parts.ts). */
  private readonly parts: PartIds | null;
  rows = 0;
  errors = 0;

  constructor(private readonly db: Db, private readonly record: FileRecord) {
    const { table } = TABLES[record.kind];
    this.maxIdBefore = (db.prepare(`SELECT coalesce(max(id), 0) AS m FROM ${table}`).get() as { m: number }).m;
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
    const fields = [...STORED_FIELDS[record.kind], 'line', ...(parts?.refs.map(([column]) => column) ?? []), 'file_id'];
    this.insertRows = new BatchInsert(db, table, fields, 50);
    this.insertError = db.prepare(
      'INSERT INTO row_errors (file_id, line, column_name, value, code, expected, last_line) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
  }

  setEncoding(encoding: string): void {
    this.db.prepare('UPDATE imported_files SET encoding = ? WHERE id = ?').run(encoding, this.fileId);
  }

  /** rows and parts as the parser produces them (a batch of ParseEvent). */
  addRows(rows: StoredValue[][], partTexts: string[]): void {
    const fileId = this.fileId;
    const parts = this.parts;
    parts?.add(partTexts);
    for (const row of rows) {
      parts?.toIds(row);
      row.push(fileId);
      this.insertRows.add(row);
    }
    this.rows += rows.length;
  }

  addErrors(errors: RowError[]): void {
    for (const e of errors) this.insertError.run(this.fileId, e.line, e.column, e.value, e.code, e.expected, e.lastLine ?? e.line);
    this.errors += errors.length;
  }

  /** Inserts the rows still gathered; earlier versions of the keys this file brought are no longer active. */
  finish(): void {
    this.insertRows.finish();
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
