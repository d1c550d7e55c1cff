// A roster row's class and circumstances, stored once (SPEC §2 keeps every row's columns as the
// record; the parts are derived from them). A million roster rows carry some thirty thousand
// classes: `check` reads each row's references and each distinct part once, instead of the same
// text a million times. (Persons are not parts: a few hundred thousand distinct texts cost import
// more in looking them up than they save check.)
//
// A part is the JSON array of the row's own values, in the column order below. The parser
// numbers the distinct parts of each batch of rows (PartNumberer, on the parser's thread); the
// writer turns those numbers into the ids of stored parts, finding a part already stored by its
// text (store/imports.ts). Numbering per batch keeps the parser's memory bounded by the batch:
// a city-wide export has hundreds of thousands of distinct circumstances (one per trainee of
// many employers), which a file-wide numbering kept as strings to the end (issue #14).
// Migration 3 did the same in SQL for the rows imported before it.

import type { InputKind } from './columns.js';
import { STORED_FIELDS, type PartsOfKind, type StoredValue } from './stored-form.js';

// Characters that JSON must escape, and lone surrogates (which JSON.stringify escapes too).
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * JSON.stringify(values), made a few times faster for the usual values (numbers, null, and text
 * that needs no escaping), which matters at a million rows.
 */
export function partText(values: readonly StoredValue[]): string {
  let text = '[';
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (k > 0) text += ',';
    if (typeof v === 'string') text += NEEDS_ESCAPE.test(v) ? JSON.stringify(v) : `"${v}"`;
    else text += JSON.stringify(v);
  }
  return `${text}]`;
}

const RECENT = 8;

/** Numbers the distinct parts of one batch of rows, 0, 1, 2… in the order rows first use them. */
export class PartNumberer {
  private readonly positions: number[][];
  private readonly numbers = new Map<string, number>();
  private fresh: string[] = [];
  /** The values of each fresh part, in its columns' order (its text is their partText). */
  private freshValues: StoredValue[][] = [];
  // Rows of one class come one after another, and a file has only a few distinct circumstances:
  // each kind's few most recent parts are compared value by value before any text is made.
  private readonly recent: { values: StoredValue[]; number: number }[][];

  constructor(kind: InputKind, { refs }: PartsOfKind) {
    this.positions = refs.map(([, columns]) => columns.map((c) => STORED_FIELDS[kind].indexOf(c)));
    this.recent = refs.map(() => []);
  }

  /** Appends the number of each of the row's parts to it; `row` holds its STORED_FIELDS first. */
  appendNumbers(row: StoredValue[]): void {
    for (let kind = 0; kind < this.positions.length; kind++) {
      const at = this.positions[kind];
      const recent = this.recent[kind];
      let number = -1;
      for (let r = recent.length - 1; r >= 0 && number < 0; r--) {
        const { values } = recent[r];
        let same = true;
        for (let k = 0; same && k < at.length; k++) same = row[at[k]] === values[k];
        if (same) number = recent[r].number;
      }
      if (number < 0) {
        // Built by push: a packed array crosses to the writer's thread twice as fast as a holey one.
        const values: StoredValue[] = [];
        for (let k = 0; k < at.length; k++) values.push(row[at[k]]);
        number = this.numberOf(partText(values), values);
        if (recent.length === RECENT) recent.shift();
        recent.push({ values, number });
      }
      row.push(number);
    }
  }

  /**
   * The texts of this batch's parts and their values, in number order; the next rows start a new
   * batch, numbered from 0.
   */
  takeBatch(): { texts: string[]; values: StoredValue[][] } {
    const taken = { texts: this.fresh, values: this.freshValues };
    this.fresh = [];
    this.freshValues = [];
    this.numbers.clear();
    for (const recent of this.recent) recent.length = 0;
    return taken;
  }

  private numberOf(part: string, values: StoredValue[]): number {
    let n = this.numbers.get(part);
    if (n === undefined) {
      this.numbers.set(part, (n = this.numbers.size));
      this.fresh.push(part);
      this.freshValues.push(values);
    }
    return n;
  }
}
