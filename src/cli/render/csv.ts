// SPEC §9: CSV outputs are UTF-8 with a BOM (Excel then shows Chinese correctly) and
// formula-safe. Files are written by Context.writeFile (0600, atomic).

import { stringify } from 'csv-stringify/sync';
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

/**
 * Rows a chunk: few enough that a chunk's cells die young (a garbage collection then copies
 * little: a million rows written in chunks of 2,000 spent more time collecting than writing).
 */
const ROWS_A_CHUNK = 50;

/**
 * RFC 4180 with CRLF records. csv-stringify quotes a field holding a quote, the delimiter or the
 * record delimiter; a lone line feed or carriage return would otherwise split the row in Excel.
 */
const OPTIONS = { record_delimiter: '\r\n', quoted_match: /[\r\n]/ };

/** The same CSV as chunks of text, some rows each, so that a million-row list streams. */
export function* csvChunks(header: string[], rows: Iterable<Cell[]>, money: readonly boolean[] = []): Generator<string> {
  yield csvHeader(header);
  yield* csvLines(rows, money);
}

/** The header line, after the BOM. */
export function csvHeader(header: string[]): string {
  return `\ufeff${stringify([header.map(safeCell)], OPTIONS)}`;
}

/** The rows' lines, ROWS_A_CHUNK rows a chunk (output.ts writes a file's in a worker thread). */
export function* csvLines(rows: Iterable<Cell[]>, money: readonly boolean[] = []): Generator<string> {
  const cell = (c: Cell, i: number) => (c === null || c === undefined ? '' : money[i] && AMOUNT.test(String(c)) ? String(c) : safeCell(String(c)));
  let chunk: string[][] = [];
  for (const row of rows) {
    chunk.push(row.map(cell));
    if (chunk.length === ROWS_A_CHUNK) {
      yield stringify(chunk, OPTIONS);
      chunk = [];
    }
  }
  if (chunk.length > 0) yield stringify(chunk, OPTIONS);
}
