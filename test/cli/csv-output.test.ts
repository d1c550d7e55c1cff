// SPEC §9: the CSV writer — RFC 4180 quoting (a field holding a quote, comma or any line break is
// quoted, its quotes doubled), a BOM, CRLF records, formula-safe cells and unguarded amounts.

import { describe, it, expect } from 'vitest';
import { parse } from 'csv-parse/sync';
import { csvChunks, toCsv } from '../../src/cli/render/csv.js';

describe('toCsv', () => {
  it('quotes a field with a comma, a quote or a line break of any kind, so that it reads back as one field', () => {
    const cells = ['a,b', 'say "hi"', 'line\nbreak', 'carriage\rreturn', 'both\r\nends', 'plain', ''];
    const text = toCsv(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7'], [cells]);
    expect(text).toBe('\ufeffh1,h2,h3,h4,h5,h6,h7\r\n"a,b","say ""hi""","line\nbreak","carriage\rreturn","both\r\nends",plain,\r\n');
    expect(parse(text.slice(1), { relax_column_count: true })).toEqual([['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7'], cells]);
  });

  it('guards a cell a spreadsheet would read as a formula, but not an amount the tool computed', () => {
    expect(toCsv(['name', 'amount'], [['=SUM(A1)', '-1500.00'], ['-1500.00', 12]], [false, true])).toBe(
      "\ufeffname,amount\r\n'=SUM(A1),-1500.00\r\n'-1500.00,12\r\n",
    );
  });

  it('streams a long list in chunks that join to the whole', () => {
    const rows = Array.from({ length: 1234 }, (_, k) => [`r${k}`, k]);
    const chunks = [...csvChunks(['name', 'n'], rows)];
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.join('')).toBe(`\ufeffname,n\r\n${rows.map(([a, b]) => `${a},${b}\r\n`).join('')}`);
  });
});
