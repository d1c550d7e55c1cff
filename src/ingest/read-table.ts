// A small sheet a person fills in (the auditor's verdicts, issue #20 item 7), read whole as
// records with their lines: an .xlsx by cells (read-xlsx.ts), anything else as CSV text with
// its encoding detected (decode.ts) — the same readers the imports use.

import { readHead, detectEncoding, decodeFile } from './decode.js';
import { readRecords, type CsvRecord } from './read-records.js';
import { looksLikeXlsx, readXlsxRecords } from './read-xlsx.js';

export async function readTable(path: string, file: string, sheet?: string): Promise<CsvRecord[]> {
  const head = readHead(path);
  const batches = looksLikeXlsx(head)
    ? readXlsxRecords(path, file, sheet)
    : readRecords(decodeFile(path, detectEncoding(head, file)), file);
  const records: CsvRecord[] = [];
  for await (const batch of batches) records.push(...batch);
  return records;
}
