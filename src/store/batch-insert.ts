// Inserting many rows (SPEC §2 import, §6 storing a check run, §10 a batch's lines), a chosen
// number to a statement on SQLite, by COPY on PostgreSQL. How many a statement pays is measured
// table by table: for narrow rows (a run's decision rows, a batch's lines) a hundred to a
// statement saves most of the cost of crossing into SQLite; an import's rows go in fifty to a
// statement while their tables' insert triggers are down (store/imports.ts, bulk-load.ts), since
// SQLite copies a many-row INSERT into a table with a BEFORE INSERT trigger to a temporary table first.

import { dialectOf, type Db, type Statement } from './connection.js';
import { CopyRows } from './postgres/copy-rows.js';
import type { PgDatabase } from './postgres/database.js';

/** `(?, ?, …), (?, ?, …), …`: `rows` groups of `perRow` placeholders. */
export function placeholders(rows: number, perRow: number): string {
  return Array(rows).fill(`(${Array(perRow).fill('?').join(', ')})`).join(', ');
}

/**
 * On PostgreSQL, how many rows a bulk write adds to a table before its planner statistics are
 * made again (ANALYZE, inside the writer's transaction). A table filled by COPY has none until
 * autovacuum comes round, and without them the planner reads a page of `id > ? ORDER BY id LIMIT n`
 * by scanning and sorting the whole table: a check over 100,000 fresh rows read them in 8 s
 * instead of 1.3 s, and a million took minutes.
 */
const ANALYZE_AFTER_ROWS = 10_000;

/** Statements by their number of rows, each made once: a batch's rest comes again and again. */
export class StatementsByRows {
  private readonly made = new Map<number, Statement>();

  constructor(private readonly make: (rows: number) => Statement) {}

  of(rows: number): Statement {
    let statement = this.made.get(rows);
    if (!statement) this.made.set(rows, (statement = this.make(rows)));
    return statement;
  }
}

/**
 * Rows of `columns` values gathered and inserted `perStatement` at a time; `finish` inserts the
 * rest. On PostgreSQL the rows go in with COPY instead (postgres/copy-rows.ts), and `finish`
 * refreshes the table's statistics once ANALYZE_AFTER_ROWS have gone in since it last did.
 */
export class BatchInsert {
  private readonly statements = new StatementsByRows((rows) => this.statement(rows));
  private readonly full: Statement;
  private readonly values: unknown[];
  private at = 0;
  private readonly copy: CopyRows | null;
  private copiedSinceAnalyze = 0;

  constructor(private readonly db: Db, private readonly table: string, private readonly columns: readonly string[], perStatement: number) {
    this.copy = dialectOf(db) === 'postgres' ? new CopyRows(db as PgDatabase, table, columns) : null;
    this.full = this.statements.of(perStatement);
    this.values = new Array(columns.length * perStatement);
  }

  /** One row's values, in the order of `columns`. */
  add(row: readonly unknown[]): void {
    if (this.copy) {
      this.copiedSinceAnalyze++;
      return this.copy.add(row);
    }
    const { values } = this;
    for (let c = 0; c < row.length; c++) values[this.at++] = row[c];
    if (this.at === values.length) {
      this.full.run(values);
      this.at = 0;
    }
  }

  /** Inserts the rows still gathered. */
  finish(): void {
    if (this.copy) {
      this.copy.finish();
      if (this.copiedSinceAnalyze >= ANALYZE_AFTER_ROWS) {
        this.db.exec(`ANALYZE ${this.table}`);
        this.copiedSinceAnalyze = 0;
      }
      return;
    }
    if (this.at === 0) return;
    this.statements.of(this.at / this.columns.length).run(this.values.slice(0, this.at));
    this.at = 0;
  }

  private statement(rows: number): Statement {
    return this.db.prepare(`INSERT INTO ${this.table} (${this.columns.join(', ')}) VALUES ${placeholders(rows, this.columns.length)}`);
  }
}
