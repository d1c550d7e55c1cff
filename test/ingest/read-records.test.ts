// The CSV reader's records against csv-parse's reading of the same text (SPEC §2: RFC 4180, a
// quote inside an unquoted field is text): the records the reader splits itself — plain lines,
// and one-line records with quoted fields — and those it hands to csv-parse alike.

import { describe, it, expect } from 'vitest';
import { parse } from 'csv-parse/sync';
import { readRecords } from '../../src/ingest/read-records.js';

async function fields(text: string): Promise<string[][]> {
  const out: string[][] = [];
  async function* chunks() {
    for (let i = 0; i < text.length; i += 5) yield text.slice(i, i + 5);
  }
  for await (const batch of readRecords(chunks(), 't.csv')) for (const r of batch) out.push(r.fields);
  return out;
}

const RECORDS = [
  'a,"1,200.00",c', '"a","b","c"', '"",x,""', '"say ""hi""",b,', '"a"', 'x,"中文,字段",y', '"q""",b,c',
  'ab"c,d,e', 'a, "b",c', '"a"b,c,d', '"a" ,b,c', '"multi\nline",b,c', '"a\r\nb",c,d', '"""",b,c', ',,"x"',
];

describe('readRecords', () => {
  it.each(RECORDS)('reads %j as csv-parse does, with LF and CRLF line ends', async (record) => {
    for (const eol of ['\n', '\r\n']) {
      const text = `h1,h2,h3${eol}${record}${eol}last,row,here${eol}`;
      expect(await fields(text)).toEqual(parse(text, { relax_quotes: true, relax_column_count: true }));
    }
  });
});

describe('line numbers across chunks', () => {
  async function lines(text: string, size: number): Promise<number[]> {
    const out: number[] = [];
    async function* chunks() {
      for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
    }
    for await (const batch of readRecords(chunks(), 't.csv')) for (const r of batch) out.push(r.line);
    return out;
  }

  it('counts a CRLF split between two chunks as one line end', async () => {
    const text = 'h1,h2\r\na,b\r\nc,d\r\n"e",f\r\ng,h\r\n';
    for (let size = 1; size <= text.length; size++) expect(await lines(text, size)).toEqual([1, 2, 3, 4, 5]);
    // A lone CR still ends a line, also last in a chunk.
    for (let size = 1; size <= 12; size++) expect(await lines('h1,h2\ra,b\rc,d\r', size)).toEqual([1, 2, 3]);
  });
});
