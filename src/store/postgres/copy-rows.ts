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

/** The bytes a COPY's rows start in; a chunk that needs more moves to a buffer twice as large. */
const FIRST_BYTES = 1 << 20;

export class CopyRows {
  private rows = 0;
  /** The rows gathered, in UTF-8, and how many bytes of it they fill. */
  private bytes: Buffer | null = null;
  private used = 0;
  private readonly cells: string[] = [];

  constructor(private readonly db: PgDatabase, private readonly table: string, private readonly columns: readonly string[]) {}

  add(row: readonly unknown[]): void {
    if (this.rows === 0) this.db.startGathering(this);
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
    const line = `${plain ? cells.join('\t') : row.map(copyText).join('\t')}\n`;
    // Encoded as it comes, so that the chunk goes to the connection's thread as bytes, moved and not copied.
    const room = line.length * 3;
    if (this.bytes === null || this.used + room > this.bytes.length) this.grow(room);
    this.used += this.bytes!.write(line, this.used);
    if (++this.rows >= ROWS_PER_COPY) this.finish();
  }

  discard(): void {
    this.rows = 0;
    this.bytes = null;
    this.used = 0;
  }

  finish(): void {
    if (this.rows === 0) return;
    // A buffer of its own (allocUnsafeSlow), so that moving it to the other thread takes nothing else with it.
    const data = new Uint8Array(this.bytes!.buffer, 0, this.used);
    this.discard();
    this.db.stopGathering(this);
    this.db.copyRows(this.table, this.columns, data);
  }

  /** Room for `more` bytes after the ones used (UTF-8 takes at most three bytes per UTF-16 unit). */
  private grow(more: number): void {
    const bigger = Buffer.allocUnsafeSlow(Math.max(FIRST_BYTES, 2 * (this.used + more)));
    this.bytes?.copy(bigger, 0, 0, this.used);
    this.bytes = bigger;
  }
}
