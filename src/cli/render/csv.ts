// SPEC §9: CSV outputs are UTF-8 with a BOM (Excel then shows Chinese correctly) and
// formula-safe; files that may hold ID numbers are created 0600.

import { stringify } from 'csv-stringify/sync';
import { writeFileSync, chmodSync } from 'node:fs';
import { safeCell } from './safe-cell.js';

export type Cell = string | number | null | undefined;

export function toCsv(header: string[], rows: Cell[][]): string {
  const safe = rows.map((row) => row.map((c) => (c === null || c === undefined ? '' : safeCell(String(c)))));
  return `\ufeff${stringify([header.map(safeCell), ...safe], { record_delimiter: '\r\n' })}`;
}

/** Writes a file only its owner can read (it may hold personal data). */
export function writePrivateFile(path: string, content: string | Buffer): void {
  writeFileSync(path, content, { mode: 0o600 });
  chmodSync(path, 0o600);
}
