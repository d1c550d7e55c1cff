// SPEC §2: a whole input file → header facts, then batches of normalised rows and row errors.
// Runs in a worker thread (parse-worker.ts) so that decoding and normalising use the
// second core while the main thread inserts.

import { readHead, detectEncoding, decodeFile, type DecodeProgress, type Encoding } from './decode.js';
import { betterKind } from './header-kind.js';
import { misshapenRecord, recordShape, undecodableValues, type RecordShape } from './record-shape.js';
import { readRecords, type CsvRecord } from './read-records.js';
import { looksLikeXlsx, readXlsxRecords, refuseOldXls } from './read-xlsx.js';
import { mapHeader, type InputKind } from './columns.js';
import { normaliseRecord, type RowError } from './normalise-row.js';
import { PartNumberer } from './row-parts.js';
import { KeyHashes } from './key-hashes.js';
import { ROW_PARTS, type StoredValue } from './stored-form.js';
import { DataError } from '../core/errors.js';
import type { ListKind } from '../core/decide/types.js';

/**
 * Records normalised and handed over together. A thousand: a batch's records and rows are alive
 * until it is handed over, and twice as many made the parser copy and promote them in its garbage
 * collections (about a tenth more parser time on a million-row roster).
 */
const RECORDS_PER_BATCH = 1000;

export interface ParseOptions {
  path: string;
  /** The file name shown in messages and stored as provenance. */
  file: string;
  kind: InputKind;
  /** For `list`: which list the file is (SPEC §2.5). */
  listKind?: ListKind;
  encoding?: Encoding;
  /** For an .xlsx file: the sheet to read (default the first). */
  sheet?: string;
}

export type ParseEvent =
  /** columns: each recognised column's header as the file writes it (for row errors found later). */
  | { type: 'header'; encoding: Encoding | 'xlsx'; unknownColumns: string[]; columns: Record<string, string> }
  /**
   * rows: stored values in STORED_FIELDS order, the line number, then the numbers of the row's
   * parts (row-parts.ts); parts: the texts of this batch's parts, by number, and partValues their
   * values (in the order of the part's columns, ROW_PARTS). suspects: for each
   * row whose key may have come before in the file (key-hashes.ts), in line order, the R_DUP_ROW
   * error it is when the writer finds that key among the file's stored rows.
   */
  | { type: 'batch'; rows: StoredValue[][]; parts: string[]; partValues: StoredValue[][]; suspects: RowError[]; errors: RowError[]; records: number; bytes: number };

export async function* parseFile(options: ParseOptions): AsyncGenerator<ParseEvent> {
  const { path, file, kind } = options;
  const head = readHead(path, 4096);
  refuseOldXls(head, file);
  // An .xlsx is read by cells, not decoded: its records go through the same path as a CSV's.
  const xlsx = looksLikeXlsx(head);
  const detected = xlsx ? { encoding: 'utf8' as const, bomLength: 0 } : detectEncoding(readHead(path), file, options.encoding);
  let map: ReturnType<typeof mapHeader> | null = null;
  // Memory is bounded by the batch, not the file: the keys are kept as hashes, the parts numbered per batch.
  const seen = new KeyHashes();
  const partsOfKind = ROW_PARTS[kind];
  const parts = partsOfKind ? new PartNumberer(kind, partsOfKind) : null;
  const progress: DecodeProgress = { bytes: 0 };
  const guessed = !options.encoding && detected.bomLength === 0;
  const found: { delimiter?: string } = {};
  let shape: RecordShape | null = null;
  const encodingName = detected.encoding === 'utf8' ? 'UTF-8' : detected.encoding === 'gb18030' ? 'GB18030' : detected.encoding.toUpperCase();
  const source: AsyncIterable<CsvRecord[]> = xlsx
    ? readXlsxRecords(path, file, options.sheet)
    : readRecords(decodeFile(path, detected, progress, guessed), file, RECORDS_PER_BATCH, found);
  for await (const records of source) {
    const rows: StoredValue[][] = [];
    const suspects: RowError[] = [];
    const errors: RowError[] = [];
    let start = 0;
    if (map === null) {
      const header = records[0];
      if (header.fields.length > 5000) throw new DataError('too_many_columns', { file, count: header.fields.length });
      // Headers that fit another kind better stop the file before it loads as this one.
      const better = betterKind(kind, header.fields);
      if (better) throw new DataError('wrong_kind', { file, kind, other: better.kind, columns: better.recognised, own: better.ownRecognised });
      map = mapHeader(kind, header.fields, file);
      shape = recordShape(header.fields, found.delimiter ?? ',');
      yield { type: 'header', encoding: xlsx ? 'xlsx' : detected.encoding, unknownColumns: map.unknown, columns: map.header };
      start = 1;
    }
    for (let i = start; i < records.length; i++) {
      const record = records[i];
      const { line, fields } = record;
      // Every data line is imported or reported: a record that is not one row, or holds an undecodable byte, is a row error.
      const misshapen = misshapenRecord(record, shape!);
      if (misshapen) {
        errors.push(misshapen);
        continue;
      }
      if (progress.replaced) {
        const undecodable = undecodableValues(record, map, encodingName);
        if (undecodable.length > 0) {
          for (const e of undecodable) errors.push(e);
          continue;
        }
      }
      const result = normaliseRecord(kind, fields, map, line, options.listKind);
      const key = result.row?.key ?? null;
      if (result.row === null) {
        for (const e of result.errors) errors.push(e);
      } else {
        if (key !== null && !seen.add(key)) {
          const idColumn = map.header.id_number ?? map.header.institution_code ?? '';
          suspects.push({ line, column: idColumn, value: key, code: 'R_DUP_ROW', expected: '' });
        }
        result.row.values.push(line);
        parts?.appendNumbers(result.row.values);
        rows.push(result.row.values);
      }
    }
    const taken = parts?.takeBatch();
    yield { type: 'batch', rows, parts: taken?.texts ?? [], partValues: taken?.values ?? [], suspects, errors, records: records.length - start, bytes: progress.bytes };
  }
  if (map === null) throw new DataError('empty_file', { file });
}
