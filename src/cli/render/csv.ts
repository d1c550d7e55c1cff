// SPEC §9: CSV outputs are UTF-8 with a BOM (Excel then shows Chinese correctly) and
// formula-safe. Files are written by Context.writeFile (0600, atomic).

import { safeCell } from './safe-cell.js';

export type Cell = string | number | null | undefined;

/** An amount the tool computed, as formatFen writes it: `4000.00`, `-1500.00`. */
const AMOUNT = /^-?\d+\.\d{2}$/;

/**
 * `money` marks the columns of amounts the tool computed: such a value is written as the number
 * it is (a recovery's `-1500.00` is not a formula, SPEC §9); every other cell is guarded.
 */
export function toCsv(header: string[], rows: Cell[][], money: readonly boolean[] = []): string {
  return [...csvChunks(header, rows, money)].join('');
}

const ROWS_A_CHUNK = 2000;

/** RFC 4180: a field holding a quote, a comma or a line break of any kind is quoted, its quotes doubled. */
const NEEDS_QUOTES = /[",\r\n]/;

function csvRecord(fields: string[]): string {
  let record = '';
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    if (i > 0) record += ',';
    record += NEEDS_QUOTES.test(f) ? `"${f.replaceAll('"', '""')}"` : f;
  }
  return `${record}\r\n`;
}

/** The same CSV as chunks of text, a few thousand rows each, so that a million-row list streams. */
export function* csvChunks(header: string[], rows: Iterable<Cell[]>, money: readonly boolean[] = []): Generator<string> {
  const cell = (c: Cell, i: number) => (c === null || c === undefined ? '' : money[i] && AMOUNT.test(String(c)) ? String(c) : safeCell(String(c)));
  yield `\ufeff${csvRecord(header.map(safeCell))}`;
  let chunk = '';
  let n = 0;
  for (const row of rows) {
    chunk += csvRecord(row.map(cell));
    if (++n === ROWS_A_CHUNK) {
      yield chunk;
      chunk = '';
      n = 0;
    }
  }
  if (n > 0) yield chunk;
}
