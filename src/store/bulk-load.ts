// What a large import's inserts skip row by row and ask once for the whole file instead, inside
// the file's transaction (SQLite only). A crash or a rollback before the commit brings everything
// back as it was, and no other connection ever sees a table without its indexes or triggers: the
// import holds the write lock, and readers read the last committed schema. Whatever ordinary SQL
// writes later meets the same triggers and indexes as before.
//
// - Secondary indexes: a million rows inserted into an index whose keys come in no order
//   (certificate numbers, ID numbers) each touch a random page of an index larger than the page
//   cache; CREATE INDEX, from the index's own stored SQL, sorts them once instead.
// - BEFORE INSERT triggers of the form `WHEN condition BEGIN SELECT RAISE(ABORT, message); END`
//   (migrations.ts): the condition is asked once over each batch's new rows, with the row in the
//   place of NEW, and the same message refuses the file. The batch's rows are asked right after
//   they went in and before anything else changes (a class moved by --force-class is moved before
//   the batch's rows go in), so they meet the database as the trigger would have met them. A `_no_replace` trigger is not asked
//   again: it guards against INSERT OR REPLACE, and the import's plain INSERTs cannot replace a
//   row (the key's uniqueness refuses them), which its condition asked after the fact cannot tell.

import Database from 'better-sqlite3';
import { dialectOf, type Db, type Statement } from './connection.js';

/**
 * Below this many bytes of file for each row already in the table, the rows go into the indexes
 * as they are: a small file added to a large table would pay for sorting the whole table again.
 * Rows take 150–260 bytes in the exports (certificates, roster), so a file of this many bytes a
 * stored row brings about as many rows as the table holds, or more.
 */
const BYTES_PER_STORED_ROW = 256;

/** Whether a file of `bytes` is large enough next to a table of `storedRows` to make its indexes again after it. */
export function indexesWorthRemaking(storedRows: number, bytes: number): boolean {
  return bytes >= storedRows * BYTES_PER_STORED_ROW;
}

interface SchemaEntry {
  name: string;
  sql: string;
}

/** `BEFORE INSERT ON t WHEN condition BEGIN SELECT RAISE(ABORT, 'message'); END`: its condition and message. */
const REFUSAL = /^CREATE TRIGGER (?:IF NOT EXISTS )?\S+ BEFORE INSERT ON \S+\s+WHEN\s+([\s\S]+?)\s+BEGIN SELECT RAISE\(ABORT, '((?:[^']|'')*)'\); END$/i;

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

export class BulkLoad {
  private indexes: SchemaEntry[] = [];
  private readonly triggers: SchemaEntry[] = [];
  /** The dropped triggers' conditions still to ask of the new rows, with their messages. */
  private readonly checks: { ask: Statement; message: string }[] = [];
  private readonly lastId: Statement | null = null;
  /** The rows up to this id have been asked. */
  private askedUpTo: number;

  /**
   * Takes down `table`'s refusing BEFORE INSERT triggers, and its indexes when `remakeIndexes`
   * (the ids up to storedRows are the table's before the file).
   */
  constructor(private readonly db: Db, table: string, storedRows: number, remakeIndexes: boolean) {
    this.askedUpTo = storedRows;
    if (dialectOf(db) !== 'sqlite') return;
    this.lastId = db.prepare(`SELECT coalesce(max(id), 0) FROM ${quoted(table)}`).pluck();
    const schema = db.prepare('SELECT name, sql FROM sqlite_master WHERE type = ? AND tbl_name = ? AND sql IS NOT NULL ORDER BY name');
    for (const trigger of schema.all('trigger', table) as SchemaEntry[]) {
      const refusal = REFUSAL.exec(trigger.sql);
      if (!refusal) continue;
      if (!trigger.name.endsWith('_no_replace')) {
        const ask = db.prepare(`SELECT 1 FROM ${quoted(table)} AS NEW WHERE NEW.id > ? AND NEW.id <= ? AND (${refusal[1]}) LIMIT 1`);
        this.checks.push({ ask, message: refusal[2].replace(/''/g, "'") });
      }
      this.triggers.push(trigger);
      db.exec(`DROP TRIGGER ${quoted(trigger.name)}`);
    }
    if (remakeIndexes) {
      this.indexes = schema.all('index', table) as SchemaEntry[];
      for (const index of this.indexes) db.exec(`DROP INDEX ${quoted(index.name)}`);
    }
  }

  /** Whether there are triggers' conditions to ask of each batch's rows (on SQLite, once they are in). */
  get asksRows(): boolean {
    return this.checks.length > 0;
  }

  /** Makes the indexes again (before anything reads the table by them); once is enough. */
  restoreIndexes(): void {
    for (const index of this.indexes) this.db.exec(index.sql);
    this.indexes = [];
  }

  /** Asks the triggers' conditions of the rows inserted since the last time, refusing as the trigger would. */
  askNewRows(): void {
    if (this.checks.length === 0) return;
    const last = this.lastId!.get() as number;
    for (const { ask, message } of this.checks) {
      if (ask.get(this.askedUpTo, last) !== undefined) throw new Database.SqliteError(message, 'SQLITE_CONSTRAINT_TRIGGER');
    }
    this.askedUpTo = last;
  }

  /** Asks the rows not asked yet, makes the indexes again and puts the triggers back. */
  finish(): void {
    this.askNewRows();
    this.restoreIndexes();
    for (const trigger of this.triggers) this.db.exec(trigger.sql);
    this.triggers.length = 0;
  }
}
