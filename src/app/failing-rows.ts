// Issue #20 item 6: the rows of an import that failed, as the file holds them, for an errors
// workbook an institution can correct and send back. The file is read again (as the import read
// it, without normalising) and only the records on the failing lines are kept.

import { recordsOf } from '../ingest/read-table.js';
import type { Encoding } from '../ingest/decode.js';

export interface FailingRows {
  /** The file's header row as written. */
  header: string[];
  /** Each failing record's fields, by the line it starts on. */
  rows: Map<number, string[]>;
}

export async function failingRows(path: string, file: string, lines: ReadonlySet<number>, options: { sheet?: string; encoding?: Encoding } = {}): Promise<FailingRows> {
  let header: string[] | null = null;
  const rows = new Map<number, string[]>();
  for await (const batch of recordsOf(path, file, options)) {
    for (const record of batch) {
      if (header === null) header = record.fields.map((h) => h.replace(/^\ufeff/, '').trim());
      else if (lines.has(record.line)) rows.set(record.line, record.fields);
    }
  }
  return { header: header ?? [], rows };
}
