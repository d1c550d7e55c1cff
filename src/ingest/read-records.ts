// SPEC §2: RFC 4180 records with the physical line each record starts on (header = line 1),
// the delimiter detected from the header line.
//
// Most export lines hold no quote at all: those are split directly, which is what makes a
// million-row import fast. A record that has a quoted field is cut out whole (its quotes may
// hold delimiters and line breaks). When it is plainly formed — on one line, each quote opening
// a field and closing it just before a delimiter or the record's end — it is split here too, as
// exports quote amounts with thousands separators on every row; anything else is handed to
// csv-parse, which owns the RFC 4180 rules.

import { parse as parseSync } from 'csv-parse/sync';
import { DataError } from '../core/errors.js';

export interface CsvRecord {
  line: number;
  /** The physical line the record ends on (a quoted field may hold line breaks). */
  end: number;
  fields: string[];
  /** A quote opened in the record is never closed: it runs to the end of the file (fields: its text). */
  unclosed?: boolean;
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

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * Where the record starting at `start` ends: the index of its terminating line feed (or of a
 * lone carriage return), or -1 when the text runs out first. Quotes count only where a field
 * begins, as in csv-parse's relax_quotes mode (a stray quote inside a field is text).
 */
function quotedRecordEnd(text: string, start: number, delimiter: number): number {
  let inQuotes = false;
  let fieldStart = true;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inQuotes) {
      if (c === QUOTE) {
        if (text.charCodeAt(i + 1) === QUOTE) i++;
        else if (i + 1 >= text.length) return -1; // "" may continue in the next chunk
        else inQuotes = false;
      }
    } else if (c === QUOTE && fieldStart) {
      inQuotes = true;
      fieldStart = false;
    } else if (c === delimiter) {
      fieldStart = true;
    } else if (c === LF) {
      return i;
    } else if (c === CR) {
      if (i + 1 >= text.length) return -1;
      if (text.charCodeAt(i + 1) !== LF) return i;
    } else {
      fieldStart = false;
    }
  }
  return -1;
}

/** A row of empty cells (",,,,", as spreadsheets write trailing rows) is a blank line. */
function isBlankRecord(fields: string[]): boolean {
  for (const f of fields) if (f.length > 0 && f.trim() !== '') return false;
  return true;
}

function countLineBreaks(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) n++;
  }
  return n;
}

/**
 * The fields of a one-line record whose quotes each open a field and close it before a delimiter
 * or the end (a doubled quote inside is one quote), or undefined for any other record.
 */
function splitPlainQuotedRecord(text: string, delimiter: string): string[] | undefined {
  const n = text.endsWith('\r') ? text.length - 1 : text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) return undefined;
  }
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (text.charCodeAt(i) === QUOTE) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0 || q >= n) return undefined;
        if (text.charCodeAt(q + 1) === QUOTE && q + 1 < n) {
          value += text.slice(from, q + 1);
          from = q + 2;
          continue;
        }
        value += text.slice(from, q);
        i = q + 1;
        break;
      }
      fields.push(value);
      if (i === n) return fields;
      if (text[i] !== delimiter) return undefined;
      i++;
    } else {
      const d = text.indexOf(delimiter, i);
      const stop = d < 0 || d > n ? n : d;
      const value = text.slice(i, stop);
      if (value.includes('"')) return undefined;
      fields.push(value);
      if (stop === n) return fields;
      i = stop + 1;
    }
  }
}

function parseQuotedRecord(text: string, delimiter: string, file: string, line: number): string[] | null {
  const plain = splitPlainQuotedRecord(text, delimiter);
  if (plain) return plain;
  try {
    const records = parseSync(text, { delimiter, relax_quotes: true, relax_column_count: true }) as string[][];
    return records[0] ?? [''];
  } catch (err) {
    // A quote never closed swallowed the rest of the file: a row error over those lines, not the file's end.
    if ((err as { code?: string }).code === 'CSV_QUOTE_NOT_CLOSED') return null;
    throw new DataError('csv_syntax', { file, line, reason: (err as Error).message });
  }
}

/**
 * Records of decoded text, in batches. Blank lines are skipped but counted, so every
 * record knows the line it starts on.
 */
export async function* readRecords(
  chunks: AsyncIterable<string>, file: string, batchSize = 2000, found: { delimiter?: string } = {},
): AsyncGenerator<CsvRecord[]> {
  let buffer = '';
  let delimiter = '';
  let delimiterCode = 0;
  let lineNo = 1;
  let batch: CsvRecord[] = [];
  let sawText = false;

  const take = (final: boolean): void => {
    let pos = 0;
    const text = buffer;
    // The next quote and lone-CR candidates, searched again only once passed (keeps this linear).
    let quote = -2;
    let cr = -2;
    while (pos < text.length) {
      let nl = text.indexOf('\n', pos);
      if (quote !== -1 && quote < pos) quote = text.indexOf('"', pos);
      if (cr !== -1 && cr < pos) cr = text.indexOf('\r', pos);
      let end: number;
      let next: number;
      if (quote >= 0 && (nl < 0 || quote < nl)) {
        end = quotedRecordEnd(text, pos, delimiterCode);
        if (end < 0) {
          if (!final) break;
          end = text.length;
        }
        next = end + 1;
        const raw = text.slice(pos, end);
        const fields = parseQuotedRecord(raw, delimiter, file, lineNo);
        const body = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
        const breaks = countLineBreaks(body);
        if (fields === null) batch.push({ line: lineNo, end: lineNo + breaks - (/(\r\n|\n|\r)$/.test(body) ? 1 : 0), fields: [body], unclosed: true });
        else if (!isBlankRecord(fields)) batch.push({ line: lineNo, end: lineNo + breaks, fields });
        lineNo += 1 + breaks;
        pos = next;
        continue;
      }
      if (cr >= 0 && (nl < 0 || cr < nl - 1)) {
        // A CR last in the text read so far may be the first half of a CRLF the next chunk ends.
        if (!final && nl < 0 && cr === text.length - 1) break;
        nl = cr; // a lone CR ends a line (old Mac exports)
      }
      if (nl < 0) {
        if (!final) break;
        nl = text.length;
      }
      end = nl > pos && text.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
      if (end > pos) {
        const fields = text.slice(pos, end).split(delimiter);
        if (!isBlankRecord(fields)) batch.push({ line: lineNo, end: lineNo, fields });
      }
      lineNo++;
      pos = nl + 1;
    }
    buffer = pos >= text.length ? '' : text.slice(pos);
  };

  for await (const chunk of chunks) {
    if (chunk.length === 0) continue;
    if (!delimiter) {
      delimiter = detectDelimiter(chunk);
      delimiterCode = delimiter.charCodeAt(0);
      found.delimiter = delimiter;
    }
    sawText = true;
    buffer += chunk;
    take(false);
    if (buffer.length > 64 << 20) throw new DataError('csv_syntax', { file, line: lineNo, reason: 'a record longer than 64 MiB' });
    while (batch.length >= batchSize) yield batch.splice(0, batchSize);
  }
  if (!sawText) throw new DataError('empty_file', { file });
  take(true);
  while (batch.length > 0) yield batch.splice(0, batchSize);
}
