// A small sheet a person fills in (the auditor's verdicts, issue #20 item 7), read whole as
// records with their lines: an .xlsx by cells (read-xlsx.ts), anything else as CSV text with
// its encoding detected (decode.ts) — the same readers the imports use.

import { readHead, detectEncoding, decodeFile, type Encoding } from './decode.js';
import { readRecords, type CsvRecord } from './read-records.js';
import { looksLikeXlsx, readXlsxRecords, refuseOldXls } from './read-xlsx.js';

/** A file's records in batches, as an import reads them (the header first), without normalising them. */
export function recordsOf(path: string, file: string, options: { sheet?: string; encoding?: Encoding } = {}): AsyncGenerator<CsvRecord[]> {
  const head = readHead(path);
  refuseOldXls(head, file);
  return looksLikeXlsx(head)
    ? readXlsxRecords(path, file, options.sheet)
    : readRecords(decodeFile(path, detectEncoding(head, file, options.encoding)), file);
}

export async function readTable(path: string, file: string, sheet?: string): Promise<CsvRecord[]> {
  const records: CsvRecord[] = [];
  for await (const batch of recordsOf(path, file, { sheet })) records.push(...batch);
  return records;
}
