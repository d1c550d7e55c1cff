// SPEC §9: CSV outputs are UTF-8 with a BOM (Excel then shows Chinese correctly) and
// formula-safe. Files are written by Context.writeFile (0600, atomic).

import { stringify } from 'csv-stringify/sync';
import { safeCell } from './safe-cell.js';

export type Cell = string | number | null | undefined;

export function toCsv(header: string[], rows: Cell[][]): string {
  const safe = rows.map((row) => row.map((c) => (c === null || c === undefined ? '' : safeCell(String(c)))));
  return `\ufeff${stringify([header.map(safeCell), ...safe], { record_delimiter: '\r\n' })}`;
}
