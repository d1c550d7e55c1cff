// Inserting many rows with one statement per batch: a million single-row inserts spend most of
// their time crossing into SQLite (SPEC §2 import, §6 storing a check run).

import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';

/** The SQL that inserts `rows` rows, given as that many groups of placeholders (see `placeholders`). */
export type InsertSql = (rows: number) => string;

/** `(?, ?, …), (?, ?, …), …`: `rows` groups of `perRow` placeholders. */
export function placeholders(rows: number, perRow: number): string {
  return Array(rows).fill(`(${Array(perRow).fill('?').join(', ')})`).join(', ');
}

/** INSERT INTO table (columns) VALUES …, for BatchInsert. */
export function insertValues(table: string, columns: readonly string[]): InsertSql {
  return (rows) => `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${placeholders(rows, columns.length)}`;
}

/** Rows of `perRow` values gathered and inserted `perStatement` at a time; `finish` inserts the rest. */
export class BatchInsert {
  private readonly full: Statement;
  private readonly values: unknown[];
  private at = 0;

  constructor(private readonly db: Db, private readonly sql: InsertSql, private readonly perRow: number, perStatement: number) {
    this.full = db.prepare(sql(perStatement));
    this.values = new Array(perRow * perStatement);
  }

  /** One row's values, in the order of the statement's placeholders. */
  add(row: readonly unknown[]): void {
    const { values } = this;
    for (let c = 0; c < row.length; c++) values[this.at++] = row[c];
    if (this.at === values.length) {
      this.full.run(values);
      this.at = 0;
    }
  }

  /** Inserts the rows still gathered. */
  finish(): void {
    if (this.at === 0) return;
    this.db.prepare(this.sql(this.at / this.perRow)).run(this.values.slice(0, this.at));
    this.at = 0;
  }
}
