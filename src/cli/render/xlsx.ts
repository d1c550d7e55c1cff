// SPEC §9: workbooks written with exceljs; every text cell that a spreadsheet would read as a
// formula gets a leading `'`, and numbers stay numbers. exceljs is loaded only when a workbook
// is written: loading it takes about a third of a second and 30 MB, which every other command
// (check among them) would pay for nothing.

import { safeCell } from './safe-cell.js';
import type { Cell } from './csv.js';

export interface Sheet {
  name: string;
  header: string[];
  rows: Cell[][];
}

/** Excel refuses a cell over 32,767 characters: a longer value is cut, with `…`. */
const MAX_XLSX_CHARS = 32_000;
const fit = (text: string) => (text.length > MAX_XLSX_CHARS ? `${text.slice(0, MAX_XLSX_CHARS)}…` : text);

export async function toXlsx(sheets: Sheet[]): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'skillsub';
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name.slice(0, 31).replace(/[\\/?*[\]:]/g, '_'));
    ws.addRow(sheet.header.map(safeCell));
    for (const row of sheet.rows) ws.addRow(row.map((c) => (c === null || c === undefined ? '' : typeof c === 'number' ? c : fit(safeCell(c)))));
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
