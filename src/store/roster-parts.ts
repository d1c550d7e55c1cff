// A roster row's class, person and circumstances, stored once each (SPEC §2 keeps every row's
// columns as the record; these are derived from them). A million rows carry some thirty
// thousand classes and a few hundred thousand persons: `check` reads each row's three
// references and each distinct part once, instead of the same text a million times.
//
// A part is the JSON array of the row's own values, in the column order below. Import writes the
// references in the same transaction as the row (FileWriter); migration 3 wrote them for older rows.

import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';
import { STORED_FIELDS, type StoredValue } from '../ingest/normalise-row.js';

export const ROSTER_PARTS = {
  class: ['class_id', 'institution_name', 'institution_code', 'training_type', 'project_based', 'occupation_code', 'occupation_name', 'level', 'start_date', 'end_date'],
  person: ['id_number', 'name', 'phone'],
  circumstances: ['categories', 'household', 'employer_name', 'employer_code', 'insured'],
} as const;

/** The reference columns of roster_rows, in the order FileWriter appends them. */
export const ROSTER_REF_COLUMNS = ['class_ref', 'person_ref', 'circumstances_ref'] as const;

const positions = (columns: readonly string[]) => columns.map((c) => STORED_FIELDS.roster.indexOf(c));
const PART_POSITIONS = [positions(ROSTER_PARTS.class), positions(ROSTER_PARTS.person), positions(ROSTER_PARTS.circumstances)];

/** Finds or adds the parts of roster rows being imported; one per write transaction. */
export class RosterPartWriter {
  private readonly ids = new Map<string, number>();
  private readonly insert: Statement;
  // Rows of one class (and often their circumstances) come one after another: the last part of
  // each kind is compared value by value before any text is made.
  private readonly lastValues: StoredValue[][] = PART_POSITIONS.map(() => []);
  private readonly lastIds: number[] = PART_POSITIONS.map(() => 0);

  constructor(db: Db) {
    for (const { id, part } of db.prepare('SELECT id, part FROM roster_parts').iterate() as Iterable<{ id: number; part: string }>) this.ids.set(part, id);
    this.insert = db.prepare('INSERT INTO roster_parts (part) VALUES (?)');
  }

  /** Appends the row's three references (ROSTER_REF_COLUMNS) to it; `row` holds STORED_FIELDS.roster first. */
  appendRefs(row: StoredValue[]): void {
    for (let kind = 0; kind < PART_POSITIONS.length; kind++) {
      const at = PART_POSITIONS[kind];
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
