// Inserting roster rows into SQLite without binding their parts' columns row by row. A roster
// row's class is ten values that its twenty to sixty trainees' rows repeat (ingest/row-parts.ts);
// handing a value to SQLite costs about as much as storing it, so each part's values are bound
// once, into a temporary table by the part's id, and a row's INSERT takes them from there by the
// row's reference to the part. The rows stored are the same, value for value: a row whose part
// columns differ from the ones held for its part's id (a part's id stands for one text of values,
// so only a caller that breaks that would give one) has its own values held instead, after the
// rows gathered before it are in; and the temporary table's columns have no type, so that each
// value meets the stored column's affinity as if bound to it.

import type { Db, Statement } from './connection.js';
import { placeholders, StatementsByRows } from './batch-insert.js';

/** How many parts the temporary table holds before it is emptied (the rows of a class follow one another). */
const PARTS_HELD = 4096;

interface JoinedPart {
  /** Where the part's id stands in a row, and its columns. */
  refAt: number;
  columnsAt: number[];
  table: string;
  put: Statement;
  /** The values held in the table, by the part's id. */
  held: Map<number, unknown[]>;
}

/** Whether the row holds `values` at `columnsAt` (Object.is: -0 and 0 may be stored apart). */
function sameValues(values: readonly unknown[], row: readonly unknown[], columnsAt: readonly number[]): boolean {
  for (let k = 0; k < columnsAt.length; k++) if (!Object.is(values[k], row[columnsAt[k]])) return false;
  return true;
}

export class PartsJoinedInsert {
  private readonly statements = new StatementsByRows((rows) => this.statement(rows));
  private readonly full: Statement;
  /** Where the bound values stand in a row. */
  private readonly boundAt: number[];
  private readonly parts: JoinedPart[];
  private readonly values: unknown[];
  private at = 0;

  /**
   * columns: the row's, in its order; parts: each joined part's reference column and the columns
   * its values fill; fixed: columns given one integer for every row (the file's id), written into
   * the statement instead of bound a million times.
   */
  constructor(
    private readonly db: Db, private readonly table: string, private readonly columns: readonly string[],
    parts: readonly (readonly [string, readonly string[]])[], perStatement: number, private readonly fixed: Readonly<Record<string, number>> = {},
  ) {
    const joinedAt = new Set<number>();
    this.parts = parts.map(([ref, partColumns]) => {
      const name = `temp.import_${ref}`;
      db.exec(`DROP TABLE IF EXISTS ${name}`);
      db.exec(`CREATE TABLE ${name} (id INTEGER PRIMARY KEY, ${partColumns.join(', ')})`);
      const columnsAt = partColumns.map((c) => columns.indexOf(c));
      for (const at of columnsAt) joinedAt.add(at);
      return {
        refAt: columns.indexOf(ref), columnsAt, table: name, held: new Map<number, unknown[]>(),
        put: db.prepare(`INSERT OR REPLACE INTO ${name} VALUES (${Array(partColumns.length + 1).fill('?').join(', ')})`),
      };
    });
    this.boundAt = columns.map((_, k) => k).filter((k) => !joinedAt.has(k));
    this.full = this.statements.of(perStatement);
    this.values = new Array(this.boundAt.length * perStatement);
  }

  /** One row's values, in the order of `columns`. */
  add(row: readonly unknown[]): void {
    for (const part of this.parts) {
      const id = row[part.refAt] as number;
      const held = part.held.get(id);
      if (held !== undefined && sameValues(held, row, part.columnsAt)) continue;
      // The rows gathered take the values held now: they go in before these change.
      if (held !== undefined || part.held.size >= PARTS_HELD) this.finish();
      if (held === undefined && part.held.size >= PARTS_HELD) {
        this.db.exec(`DELETE FROM ${part.table}`);
        part.held.clear();
      }
      const values: unknown[] = [];
      for (const at of part.columnsAt) values.push(row[at]);
      part.put.run(id, ...values);
      part.held.set(id, values);
    }
    const { values, boundAt } = this;
    for (let c = 0; c < boundAt.length; c++) values[this.at++] = row[boundAt[c]];
    if (this.at === values.length) {
      this.full.run(values);
      this.at = 0;
    }
  }

  /** Inserts the rows still gathered. */
  finish(): void {
    if (this.at === 0) return;
    this.statements.of(this.at / this.boundAt.length).run(this.values.slice(0, this.at));
    this.at = 0;
  }

  /** Inserts the rows still gathered and drops the temporary tables. */
  close(): void {
    this.finish();
    for (const part of this.parts) this.db.exec(`DROP TABLE ${part.table}`);
  }

  private statement(rows: number): Statement {
    const { columns, boundAt } = this;
    const names = boundAt.map((k) => columns[k]);
    const picks = boundAt.map((_, j) => `v.column${j + 1}`);
    for (const [column, value] of Object.entries(this.fixed)) {
      names.push(column);
      picks.push(String(Math.trunc(value)));
    }
    const joins: string[] = [];
    this.parts.forEach((part, p) => {
      for (const at of part.columnsAt) {
        names.push(columns[at]);
        picks.push(`j${p}.${columns[at]}`);
      }
      // LEFT JOIN: the rows keep their order, and a part missing from the table would leave its
      // columns empty, which their NOT NULL refuses, instead of leaving the row out.
      joins.push(`LEFT JOIN ${part.table} AS j${p} ON j${p}.id = v.column${boundAt.indexOf(part.refAt) + 1}`);
    });
    return this.db.prepare(
      `INSERT INTO ${this.table} (${names.join(', ')}) SELECT ${picks.join(', ')} FROM (VALUES ${placeholders(rows, boundAt.length)}) AS v ${joins.join(' ')}`,
    );
  }
}
