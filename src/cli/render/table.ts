// Plain-text tables for a terminal: columns padded by display width (CJK characters take two).
// A cell shows control characters escaped and at most MAX_CELL_WIDTH columns, cut with `…`, so
// a hostile or huge value can neither drive the terminal nor blow up the table (issue #15).

import { terminalSafe } from './terminal-text.js';

export const MAX_CELL_WIDTH = 100;

const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += WIDE.test(ch) ? 2 : 1;
  return w;
}

function pad(text: string, width: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
}

/** The cell as shown: escaped, and cut to MAX_CELL_WIDTH display columns with `…`. */
export function tableCell(text: string): string {
  const safe = terminalSafe(text, { cell: true });
  if (safe.length * 2 <= MAX_CELL_WIDTH) return safe;
  let w = 0;
  let end = 0;
  for (const ch of safe) {
    const cw = WIDE.test(ch) ? 2 : 1;
    if (w + cw > MAX_CELL_WIDTH - 1) return `${safe.slice(0, end)}…`;
    w += cw;
    end += ch.length;
  }
  return safe;
}

export function formatTable(header: string[], body: string[][], numeric: boolean[] = []): string {
  const rows = body.map((r) => r.map((c) => tableCell(c ?? '')));
  header = header.map((h) => tableCell(h));
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => pad(c ?? '', widths[i], numeric[i] ?? false)).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}
