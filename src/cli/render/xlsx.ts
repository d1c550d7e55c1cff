// SPEC §9: workbooks written with exceljs; every text cell that a spreadsheet would read as a
// formula gets a leading `'`; numbers stay numbers, and amounts are numbers shown `#,##0.00`. exceljs is loaded only when a workbook
// is written: loading it takes about a third of a second and 30 MB, which every other command
// (check among them) would pay for nothing.

import { safeCell } from './safe-cell.js';
import type { Cell } from './csv.js';

export interface Sheet {
  name: string;
  header: string[];
  rows: Cell[][];
  /** Columns of amounts the tool computed (yuan with two decimals): numeric cells, `#,##0.00` (SPEC §9). */
  money?: readonly boolean[];
}

const MONEY_FORMAT = '#,##0.00';
const AMOUNT = /^-?\d+(\.\d+)?$/;

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
    const money = sheet.money ?? [];
    for (const row of sheet.rows) {
      const added = ws.addRow(row.map((c, i) => {
        if (c === null || c === undefined) return '';
        if (typeof c === 'number') return c;
        return money[i] && AMOUNT.test(c) ? Number(c) : fit(safeCell(c));
      }));
      money.forEach((isMoney, i) => {
        if (isMoney) added.getCell(i + 1).numFmt = MONEY_FORMAT;
      });
    }
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
