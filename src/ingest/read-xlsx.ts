// Issue #20 item 5, SPEC §2: an .xlsx export read directly, so the institution never has to
// round-trip it through CSV (the round trip that destroys ID numbers). The first sheet, or the
// one named by --sheet, becomes the same records a CSV gives: the physical row number as the
// "line" (the header is the first non-blank row), every cell as the text a caseworker sees in
// Excel — which is also what Excel writes when the sheet is saved as CSV, so an .xlsx and its CSV
// twin import alike:
// - a date cell is YYYY-MM-DD;
// - a number is shown by its format: General as Excel's General (at most 11 characters, so an
//   18-digit ID number stored as a number shows as 5.00103E+17, which §2.4 reports as
//   R_ID_DAMAGED: Excel kept only 15 of its digits), 0 / 0.00 / 0% as such, @ as plain text;
// - a formula is its cached result, rich text its plain text, a boolean TRUE/FALSE.

import type ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataError } from '../core/errors.js';
import type { CsvRecord } from './read-records.js';

/** An .xlsx (or any OOXML zip) starts with a local-file header: PK\x03\x04. */
export function looksLikeXlsx(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

/**
 * An Excel 97–2003 workbook (.xls) is an OLE compound file: D0 CF 11 E0 A1 B1 1A E1. skillsub
 * does not read that format; the message says to save it as .xlsx.
 */
export function refuseOldXls(head: Uint8Array, file: string): void {
  const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  if (head.length >= 8 && ole.every((b, i) => head[i] === b)) throw new DataError('xls_old_format', { file });
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Excel's General format in a standard column: at most 11 characters, else scientific with 6 significant digits. */
export function excelGeneral(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (n === 0) return '0';
  const abs = Math.abs(n);
  if (abs >= 1e-9 && abs < 1e11) {
    // As many decimals as fit in 11 characters (Excel rounds, it never shows scientific here).
    const intDigits = Math.max(1, Math.floor(Math.log10(abs)) + 1);
    const room = Math.max(0, 11 - intDigits - 1 - (n < 0 ? 1 : 0));
    const text = n.toFixed(Math.min(room, 20));
    const trimmed = text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
    if (trimmed !== '0' && trimmed !== '-0') return trimmed;
  }
  const [mantissa, exponent] = n.toExponential(5).split('e');
  const m = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa;
  const e = Number(exponent);
  return `${m}E${e < 0 ? '-' : '+'}${pad2(Math.abs(e))}`;
}

/** A number as its cell format shows it; formats skillsub cannot render fall back to General. */
export function formatNumber(n: number, numFmt: string | undefined): string {
  const fmt = (numFmt ?? '').split(';')[0].replace(/"[^"]*"|\\./g, '').trim();
  // Excel keeps 15 significant digits: a longer integer (an ID number typed into a number cell)
  // has lost its last digits whatever the format shows, so it reads as the damage it is.
  if (fmt === '' || /^general$/i.test(fmt) || Math.abs(n) >= 1e15) return excelGeneral(n);
  if (fmt === '@') return String(n);
  const percent = fmt.endsWith('%');
  const body = percent ? fmt.slice(0, -1) : fmt;
  const m = /^#?,?#*0+(?:\.(0+))?$/.exec(body.replace(/#,##/, '#'));
  if (!m) return excelGeneral(n);
  const decimals = m[1]?.length ?? 0;
  const value = percent ? n * 100 : n;
  return `${value.toFixed(decimals)}${percent ? '%' : ''}`;
}

function dateText(d: Date): string {
  // exceljs reads a date serial as that day at UTC midnight.
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

function valueText(value: ExcelJS.CellValue, numFmt: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value, numFmt);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('error' in value) return String(value.error);
    if ('formula' in value || 'sharedFormula' in value) return valueText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue, numFmt);
    if ('text' in value) return typeof value.text === 'string' ? value.text : valueText(value.text as ExcelJS.CellValue, numFmt);
  }
  return String(value);
}

/** A cell as its sheet shows it. */
export function cellText(cell: ExcelJS.Cell): string {
  return valueText(cell.value, cell.numFmt);
}

/**
 * Reads a sheet to its end. exceljs removes a sheet's temporary file once the reader has gone past
 * it, and a sheet whose file is removed before its stream has opened it fails the whole thread:
 * every sheet is read through, the ones not wanted too.
 */
async function drain(worksheet: AsyncIterable<unknown>): Promise<void> {
  for await (const _row of worksheet) {
    // nothing: the rows of a sheet not asked for
  }
}

/** What os.tmpdir() reads, on POSIX and on Windows. */
const TMP_VARS = ['TMPDIR', 'TMP', 'TEMP'] as const;

/** The sheet wanted: the one named (case and surrounding spaces ignored), else the first in the workbook's tab order. */
const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The records of one sheet of an .xlsx file, in batches, each with its physical row number.
 * Read as a stream (exceljs' WorkbookReader), so that memory is bounded by the batch whatever the
 * sheet's size, as for a CSV.
 */
export async function* readXlsxRecords(path: string, file: string, sheet?: string, batchSize = 2000): AsyncGenerator<CsvRecord[]> {
  // exceljs parks each sheet in a temporary file until it has read the shared strings; those hold
  // personal data, so they go in a folder of our own (0700) that is removed whatever happens.
  const privateDir = mkdtempSync(join(tmpdir(), 'skillsub-xlsx-'));
  const savedEnv = TMP_VARS.map((v) => process.env[v]);
  for (const v of TMP_VARS) process.env[v] = privateDir;
  let lost = false;
  try {
    for (let attempt = 1; ; attempt++) {
      let yielded = false;
      try {
        for await (const batch of readXlsxOnce(path, file, sheet, batchSize)) {
          yielded = true;
          yield batch;
        }
        return;
      } catch (err) {
        if (!lostWorkbookEntry(err)) throw err;
        lost = true;
        if (yielded || attempt === READS_WHEN_ENTRY_LOST) throw new DataError('xlsx_unreadable', { file, reason: (err as Error).message });
      }
    }
  } finally {
    // A failed read leaves exceljs opening a parked sheet it will never read: its folder stays
    // until that open is done, or the open would fail with nobody to hear it.
    if (lost) await new Promise((resolve) => setTimeout(resolve, 100));
    TMP_VARS.forEach((v, i) => {
      if (savedEnv[i] === undefined) delete process.env[v];
      else process.env[v] = savedEnv[i];
    });
    try {
      rmSync(privateDir, { recursive: true, force: true });
    } catch {
      // a file still open (Windows): the operating system's temporary folder keeps it, 0600
    }
  }
}

/**
 * exceljs' streaming reader sometimes misses the workbook's last zip entry (xl/workbook.xml, where
 * the sheets are named) and then fails on `model.sheets` (exceljs issue #3064, a race in its
 * one-pass unzipping). It fails before any row is read, and reading a file has no effects: the
 * file is read again, a few times, before the failure is the user's to hear about.
 */
const READS_WHEN_ENTRY_LOST = 4;
const lostWorkbookEntry = (err: unknown) => err instanceof TypeError && /reading 'sheets'/.test(err.message);

async function* readXlsxOnce(path: string, file: string, sheet: string | undefined, batchSize: number): AsyncGenerator<CsvRecord[]> {
  // Loaded when a workbook is read: loading exceljs takes a fifth of a second the parser of a CSV would wait for.
  const { default: excel } = await import('exceljs');
  const reader = new excel.stream.xlsx.WorkbookReader(path, {
    entries: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit',
  });
  const names: string[] = [];
  let found = false;
  let width = 0;
  let batch: CsvRecord[] = [];
  const sheets = (reader as unknown as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  let finished = false;
  try {
    for (;;) {
      const next = await sheets.next();
      if (next.done) break;
      const worksheet = next.value as { name: string } & AsyncIterable<ExcelJS.Row>;
      names.push(worksheet.name);
      const first = (reader as unknown as { model?: { sheets?: { name: string }[] } }).model?.sheets?.[0]?.name ?? names[0];
      if (found || (sheet !== undefined ? !sameName(worksheet.name, sheet) : worksheet.name !== first)) {
        await drain(worksheet);
        continue;
      }
      found = true;
      for await (const row of worksheet) {
        const fields: string[] = [];
        for (let c = 1; c <= row.cellCount; c++) fields.push(cellText(row.getCell(c)));
        while (fields.length > 0 && fields[fields.length - 1].trim() === '') fields.pop();
        if (fields.length === 0) continue;
        if (width === 0) width = fields.length;
        // Trailing blank cells are not fields: pad to the header's width, as a CSV export writes them.
        while (fields.length < width) fields.push('');
        batch.push({ line: row.number, end: row.number, fields });
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
    }
    finished = true;
  } catch (err) {
    if (err instanceof DataError || lostWorkbookEntry(err)) throw err;
    throw new DataError('xlsx_unreadable', { file, reason: (err as Error).message });
  } finally {
    // exceljs keeps each sheet in a temporary file until the reader has gone past it: a reader left
    // midway (the file stopped by a missing column, say) would leave rows of personal data there.
    if (!finished) {
      try {
        for (let next = await sheets.next(); !next.done; next = await sheets.next()) await drain(next.value as AsyncIterable<unknown>);
      } catch {
        // the file's own error is the one to report
      }
    }
  }
  if (!found && sheet !== undefined) throw new DataError('sheet_not_found', { file, sheet, sheets: names.join(', ') });
  if (width === 0) throw new DataError('empty_file', { file });
  if (batch.length > 0) yield batch;
}
