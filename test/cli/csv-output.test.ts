import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { csvChunks, toCsv } from '../../src/cli/render/csv.js';

describe('CSV output (RFC 4180, SPEC §9)', () => {
  const awkward = ['a,b', 'say "hi"', 'two\nlines', 'cr\r\nlf', '', '张三', ' spaced ', '=1+1', '-3'];

  it('reads back every field unchanged but a formula-looking one, which gets its leading quote', () => {
    const text = toCsv(['h1', 'h2'], [awkward, [1, null], []]);
    expect(text.startsWith('\ufeffh1,h2\r\n')).toBe(true);
    const rows = parse(text.slice(1), { relax_column_count: true, skip_empty_lines: false }) as string[][];
    expect(rows[1]).toEqual([...awkward.slice(0, 7), "'=1+1", "'-3"]);
    expect(rows[2]).toEqual(['1', '']);
  });

  it('quotes only what needs it, doubling quotes, with CRLF between records', () => {
    expect(toCsv(['x'], [['a,b', 'say "hi"', 'plain', 'x\ny']])).toBe('\ufeffx\r\n"a,b","say ""hi""",plain,"x\ny"\r\n');
  });

  it('streams a long list in chunks that join to the whole', () => {
    const rows = Array.from({ length: 1234 }, (_, k) => [`r${k}`, k]);
    const chunks = [...csvChunks(['name', 'n'], rows)];
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.join('')).toBe(`\ufeffname,n\r\n${rows.map(([a, b]) => `${a},${b}\r\n`).join('')}`);
  });
});
