// SPEC §2.4 and issue #15 items 3 and 6: a record that cannot be read as one row of the file is a
// row error, so that every data line of a file is either imported or reported:
// - R_FIELD_COUNT: its number of fields differs from the header's (blank trailing header cells
//   aside) — a stray quote that swallowed the following lines, a delimiter inside an unquoted
//   value, a truncated line; it names every physical line it covers;
// - R_QUOTE: a quote never closed (the record runs to the end of the file), or the right number
//   of fields but a quoted field holding whole lines that look like rows of the file (a quote
//   opened in one row and closed in a later one), or a record over more lines than a value holds
//   (an address or a note may break a line or two; a name with a thousand breaks swallowed rows);
// - R_ENCODING: a value holds a byte the file's encoding cannot decode (U+FFFD after decoding);
//   a replacement character is never stored.

import type { CsvRecord } from './read-records.js';
import type { HeaderMap } from './columns.js';
import type { RowError } from './normalise-row.js';

/** How much of a record a row error keeps. */
const SHOWN_CHARS = 200;
/** The most physical lines one record may span: a quoted value's few line breaks, never more. */
export const MAX_RECORD_LINES = 10;

export interface RecordShape {
  /** Fields up to the last non-blank header cell. */
  min: number;
  /** Fields in the header row. */
  max: number;
  delimiter: string;
}

export function recordShape(header: string[], delimiter: string): RecordShape {
  let min = header.length;
  while (min > 0 && header[min - 1].trim() === '') min--;
  return { min, max: header.length, delimiter };
}

function shown(fields: string[], delimiter: string): string {
  const text = fields.join(delimiter);
  return text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS)}…` : text;
}

/** R_FIELD_COUNT or R_QUOTE for a record that is not one row of the file, else null. */
export function misshapenRecord(record: CsvRecord, shape: RecordShape): RowError | null {
  const { fields, line, end } = record;
  const n = fields.length;
  const lastLine = end > line ? end : undefined;
  if (record.unclosed) {
    return { line, lastLine, column: '', value: shown(fields, shape.delimiter), code: 'R_QUOTE', expected: '' };
  }
  // Extra fields are an error even when blank: a delimiter inside an unquoted value shifts the
  // row right, and its last (optional) field is usually the blank one pushed out.
  if (n < shape.min || n > shape.max) {
    return {
      line, lastLine, column: '', value: shown(fields, shape.delimiter), code: 'R_FIELD_COUNT',
      expected: `${n} / ${shape.min === shape.max ? shape.max : `${shape.min}–${shape.max}`}`,
    };
  }
  if (lastLine === undefined) return null;
  if (lastLine - line + 1 > MAX_RECORD_LINES) {
    return {
      line, lastLine, column: '', value: shown(fields, shape.delimiter), code: 'R_QUOTE',
      expected: `at most ${MAX_RECORD_LINES} lines, not ${(lastLine - line + 1).toLocaleString('en-US')}`,
    };
  }
  // A line inside a quoted field with as many delimiters as half a row is a row swallowed by a quote.
  const enough = Math.max(2, Math.floor((shape.min - 1) / 2));
  for (const field of fields) {
    if (field.indexOf('\n') < 0 && field.indexOf('\r') < 0) continue;
    for (const inner of field.split(/\r\n|\n|\r/).slice(1)) {
      if (inner.split(shape.delimiter).length - 1 >= enough) {
        return { line, lastLine, column: '', value: shown(fields, shape.delimiter), code: 'R_QUOTE', expected: '' };
      }
    }
  }
  return null;
}

/** R_ENCODING for every recognised value that holds an undecodable byte (U+FFFD). */
export function undecodableValues(record: CsvRecord, map: HeaderMap, encoding: string): RowError[] {
  const errors: RowError[] = [];
  for (const [name, i] of Object.entries(map.index)) {
    const value = record.fields[i];
    if (value === undefined || value.indexOf('\ufffd') < 0) continue;
    errors.push({
      line: record.line, column: map.header[name] ?? name, value: value.length > SHOWN_CHARS ? `${value.slice(0, SHOWN_CHARS)}…` : value,
      code: 'R_ENCODING', expected: encoding,
    });
  }
  return errors;
}
