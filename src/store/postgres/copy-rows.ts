// Bulk rows into PostgreSQL with COPY (SPEC §11): gathered as COPY's text format and sent a few
// thousand at a time, inside the caller's transaction, so a file stays all-or-nothing. The
// table's triggers run on every row as they do for an INSERT.

import { storableText, type PgDatabase } from './database.js';

const ROWS_PER_COPY = 5000;

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

  constructor(private readonly db: PgDatabase, private readonly table: string, private readonly columns: readonly string[]) {}

  add(row: readonly unknown[]): void {
    this.lines.push(row.map(copyText).join('\t'));
    if (this.lines.length >= ROWS_PER_COPY) this.finish();
  }

  finish(): void {
    if (this.lines.length === 0) return;
    const text = `${this.lines.join('\n')}\n`;
    this.lines = [];
    this.db.copyRows(this.table, this.columns, text);
  }
}
