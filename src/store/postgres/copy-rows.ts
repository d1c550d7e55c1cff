// Bulk rows into PostgreSQL with COPY (SPEC §11): gathered as COPY's text format and sent a few
// thousand at a time, inside the caller's transaction, so a file stays all-or-nothing. The
// table's triggers run as they do for an INSERT.

import { storableText, type PgDatabase } from './database.js';

const ROWS_PER_COPY = 5000;

/** Characters a value in COPY's text format cannot hold as they are (U+0000: see storableText). */
const SPECIAL = /[\\\t\n\r\u0000]/;

/** A value in COPY's text format: \N for null, backslash escapes for the characters that delimit. */
function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? '1' : '0';
  const text = storableText(String(value));
  return /[\\\t\n\r]/.test(text)
    ? text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : text;
}

export class CopyRows {
  private lines: string[] = [];
  private readonly cells: string[] = [];

  constructor(private readonly db: PgDatabase, private readonly table: string, private readonly columns: readonly string[]) {}

  add(row: readonly unknown[]): void {
    if (this.lines.length === 0) this.db.startGathering(this);
    // Most rows hold no character to escape: their values are joined as they are, after one test each.
    const cells = this.cells;
    let plain = true;
    for (let c = 0; c < row.length; c++) {
      const value = row[c];
      if (value === null || value === undefined) cells[c] = '\\N';
      else if (typeof value === 'string') {
        cells[c] = value;
        if (plain && SPECIAL.test(value)) plain = false;
      } else cells[c] = typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
    }
    cells.length = row.length;
    this.lines.push(plain ? cells.join('\t') : row.map(copyText).join('\t'));
    if (this.lines.length >= ROWS_PER_COPY) this.finish();
  }

  discard(): void {
    this.lines = [];
  }

  finish(): void {
    if (this.lines.length === 0) return;
    // Joined into one flat string, which goes to the connection's thread as one copy.
    const text = `${this.lines.join('\n')}\n`;
    this.lines = [];
    this.db.stopGathering(this);
    this.db.copyRows(this.table, this.columns, text);
  }
}
