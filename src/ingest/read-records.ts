// SPEC §2: RFC 4180 records (csv-parse) with the physical line each record starts on
// (header = line 1), the delimiter detected from the header line.

import { parse } from 'csv-parse';
import { DataError } from '../core/errors.js';

export interface CsvRecord {
  line: number;
  fields: string[];
}

/** Comma, tab or semicolon: whichever the header line (outside quotes) has most of. */
export function detectDelimiter(firstText: string): string {
  const counts: Record<string, number> = { ',': 0, '\t': 0, ';': 0 };
  let quoted = false;
  for (const ch of firstText) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch]++;
  }
  let best = ',';
  for (const d of ['\t', ';']) if (counts[d] > counts[best]) best = d;
  return best;
}

function countLineBreaks(fields: string[]): number {
  let n = 0;
  for (const f of fields) {
    if (f.length === 0 || (f.indexOf('\n') < 0 && f.indexOf('\r') < 0)) continue;
    n += f.replace(/\r\n/g, '\n').replace(/[^\n\r]/g, '').length;
  }
  return n;
}

/**
 * Records of decoded text, in batches. Blank lines are skipped but counted, so every
 * record knows the line it starts on.
 */
export async function* readRecords(
  chunks: AsyncIterable<string>,
  file: string,
  batchSize = 2000,
): AsyncGenerator<CsvRecord[]> {
  const iterator = chunks[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done || first.value.length === 0) throw new DataError('empty_file', { file });
  const delimiter = detectDelimiter(first.value);
  const parser = parse({
    delimiter,
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    relax_quotes: false,
    skip_empty_lines: false,
    bom: true,
    max_record_size: 16 << 20,
  });
  let line = 1;
  let batch: CsvRecord[] = [];
  const out: CsvRecord[][] = [];
  let failure: unknown = null;
  parser.on('readable', () => {
    let fields: string[] | null;
    while ((fields = parser.read() as string[] | null) !== null) {
      const start = line;
      line += 1 + countLineBreaks(fields);
      if (fields.length === 1 && fields[0].trim() === '') continue;
      batch.push({ line: start, fields });
      if (batch.length >= batchSize) {
        out.push(batch);
        batch = [];
      }
    }
  });
  parser.on('error', (err: Error & { code?: string; lines?: number }) => {
    failure = new DataError('csv_syntax', { file, line: err.lines ?? line, reason: err.message });
  });
  const feed = async (text: string) => {
    if (!parser.write(text)) await new Promise<void>((resolve) => parser.once('drain', resolve));
  };
  const ended = new Promise<void>((resolve) => parser.on('end', resolve).on('error', () => resolve()));
  let next: IteratorResult<string> = first;
  while (!next.done) {
    await feed(next.value);
    if (failure) throw failure;
    while (out.length > 0) yield out.shift()!;
    next = await iterator.next();
  }
  parser.end();
  await ended;
  if (failure) throw failure;
  while (out.length > 0) yield out.shift()!;
  if (batch.length > 0) yield batch;
}
