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
  private text = '';
  private rows = 0;

  constructor(private readonly db: PgDatabase, private readonly table: string, private readonly columns: readonly string[]) {}

  add(row: readonly unknown[]): void {
    // Most rows hold no character to escape: the row's values joined as they are, checked at once.
    let line = '';
    let plain = true;
    for (let c = 0; c < row.length; c++) {
      const value = row[c];
      let text: string;
      if (value === null || value === undefined) text = '\\N';
      else if (typeof value === 'string') {
        text = value;
        if (plain && SPECIAL.test(text)) plain = false;
      } else text = typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
      line = c === 0 ? text : `${line}\t${text}`;
    }
    this.text += plain ? `${line}\n` : `${row.map(copyText).join('\t')}\n`;
    if (++this.rows >= ROWS_PER_COPY) this.finish();
  }

  finish(): void {
    if (this.rows === 0) return;
    const { text } = this;
    this.text = '';
    this.rows = 0;
    this.db.copyRows(this.table, this.columns, text);
  }
}
