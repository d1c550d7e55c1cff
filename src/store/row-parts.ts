// A row's repeated columns, stored once (SPEC §2 keeps every row's columns as the record; the
// parts are derived from them). A million roster rows carry some thirty thousand classes and a
// few hundred thousand persons, and a million certificates a few hundred thousand holders:
// `check` reads each row's references and each distinct part once, instead of the same text a
// million times.
//
// A part is the JSON array of the row's own values, in the column order below. Import writes the
// references in the same transaction as the row (FileWriter); migration 3 wrote them for older rows.

import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';
import type { InputKind } from '../ingest/columns.js';
import { STORED_FIELDS, type StoredValue } from '../ingest/normalise-row.js';

interface PartsOfKind {
  table: 'roster_parts' | 'certificate_parts';
  /** Each reference column and the columns of its part, in the order FileWriter appends the references. */
  refs: readonly (readonly [string, readonly string[]])[];
}

export const ROW_PARTS: Partial<Record<InputKind, PartsOfKind>> = {
  roster: {
    table: 'roster_parts',
    refs: [
      ['class_ref', ['class_id', 'institution_name', 'institution_code', 'training_type', 'project_based', 'occupation_code', 'occupation_name', 'level', 'start_date', 'end_date']],
      ['person_ref', ['id_number', 'name', 'phone']],
      ['circumstances_ref', ['categories', 'household', 'employer_name', 'employer_code', 'insured']],
    ],
  },
  certificates: {
    table: 'certificate_parts',
    refs: [
      ['details_ref', ['cert_type', 'occupation_code', 'occupation_name', 'level', 'issue_date', 'issuer']],
      ['person_ref', ['id_number', 'name']],
    ],
  },
};

/** Finds or adds the parts of the rows of one file being imported; one per write transaction. */
export class PartWriter {
  readonly refColumns: readonly string[];
  private readonly positions: number[][];
  private readonly ids = new Map<string, number>();
  private readonly insert: Statement;
  // Rows of one class (and often their circumstances) come one after another: the last part of
  // each kind is compared value by value before any text is made.
  private readonly lastValues: StoredValue[][];
  private readonly lastIds: number[];

  constructor(db: Db, kind: InputKind, { table, refs }: PartsOfKind) {
    this.refColumns = refs.map(([column]) => column);
    this.positions = refs.map(([, columns]) => columns.map((c) => STORED_FIELDS[kind].indexOf(c)));
    this.lastValues = refs.map(() => []);
    this.lastIds = refs.map(() => 0);
    for (const { id, part } of db.prepare(`SELECT id, part FROM ${table}`).iterate() as Iterable<{ id: number; part: string }>) this.ids.set(part, id);
    this.insert = db.prepare(`INSERT INTO ${table} (part) VALUES (?)`);
  }

  /** Appends the row's references (refColumns) to it; `row` holds its STORED_FIELDS first. */
  appendRefs(row: StoredValue[]): void {
    for (let kind = 0; kind < this.positions.length; kind++) {
      const at = this.positions[kind];
      const last = this.lastValues[kind];
      let same = last.length === at.length;
      for (let k = 0; same && k < at.length; k++) same = row[at[k]] === last[k];
      if (!same) {
        const values: StoredValue[] = new Array(at.length);
        for (let k = 0; k < at.length; k++) values[k] = row[at[k]];
        this.lastValues[kind] = values;
        this.lastIds[kind] = this.idOf(JSON.stringify(values));
      }
      row.push(this.lastIds[kind]);
    }
  }

  private idOf(part: string): number {
    let id = this.ids.get(part);
    if (id === undefined) {
      id = Number(this.insert.run(part).lastInsertRowid);
      this.ids.set(part, id);
    }
    return id;
  }
}
