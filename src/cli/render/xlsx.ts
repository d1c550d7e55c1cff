// SPEC §9: workbooks written with exceljs, native to Excel: every text cell that a spreadsheet
// would read as a formula gets a leading `'`; amounts are numbers shown `#,##0.00`, dates real
// date cells (`yyyy-mm-dd`), ratios numbers shown `0.0%`, ID numbers and codes text cells (`@`)
// that Excel never turns into numbers; columns as wide as their content, the header frozen with
// an autofilter, printed landscape (a filed return upright) and fit to the page's width;
// optional title lines above the header (the public notice's, §8.1), a bold total row, and lines
// below the table (a return's signature block). exceljs is loaded only when a workbook is
// written: loading it takes about a third of a second and 30 MB, which every other command
// (check among them) would pay for nothing.

import { safeCell } from './safe-cell.js';
import { displayWidth } from './table.js';
import type { Cell } from './csv.js';

/** How a column's (or one cell's) values are stored and shown. */
export type CellType = 'money' | 'number' | 'date' | 'percent' | 'id';

export interface Sheet {
  name: string;
  header: string[];
  rows: Cell[][];
  /** Columns of amounts the tool computed (yuan with two decimals): numeric cells, `#,##0.00` (SPEC §9). */
  money?: readonly boolean[];
  /** Each column's type; overrides `money`. */
  types?: readonly (CellType | undefined)[];
  /** One cell's type where it differs from its column's (a ratio in a return's value column). */
  cellType?: (row: number, column: number) => CellType | undefined;
  /** Lines above the header (a title, the 公示期 …), each in its own row. */
  titleLines?: readonly string[];
  /** Lines below the table (a filed return's signature block), each in its own row. */
  footerLines?: readonly string[];
  /** Printed upright (a filed return, as its paper form), not landscape as a wide list is. */
  portrait?: boolean;
  /** An autofilter on the header (default): a list has one, a filed return does not. */
  autoFilter?: boolean;
  /** A last row, in bold: the label in the first column and the column totals (a 合计 row). */
  totalRow?: Cell[];
  /** Cells at fault (an errors workbook): their note, shown as the cell's comment on a red fill. */
  fault?: (row: number, column: number) => string | undefined;
}

const FAULT_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } } as const;

const FORMATS: Record<CellType, string> = { money: '#,##0.00', number: 'General', date: 'yyyy-mm-dd', percent: '0.0%', id: '@' };
const NUMBER = /^-?\d+(\.\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MAX_WIDTH = 60;

/** Excel refuses a cell over 32,767 characters: a longer value is cut, with `…`. */
const MAX_XLSX_CHARS = 32_000;
const fit = (text: string) => (text.length > MAX_XLSX_CHARS ? `${text.slice(0, MAX_XLSX_CHARS)}…` : text);

/** Excel's sheet names: at most 31 characters, none of \ / ? * [ ] :, unique in the workbook. */
function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[\\/?*[\]:]/g, '_').slice(0, 31) || 'sheet';
  let chosen = base;
  for (let i = 2; taken.has(chosen.toLowerCase()); i++) chosen = `${base.slice(0, 31 - String(i).length - 1)}_${i}`;
  taken.add(chosen.toLowerCase());
  return chosen;
}

/** The value a cell holds: a number, a date, or guarded text. */
function cellValue(c: Cell, type: CellType | undefined): string | number | Date {
  if (c === null || c === undefined) return '';
  if (typeof c === 'number') return c;
  if ((type === 'money' || type === 'number' || type === 'percent') && NUMBER.test(c)) return Number(c);
  const date = type === 'date' ? ISO_DATE.exec(c) : null;
  if (date) return new Date(Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3])));
  return fit(safeCell(c));
}

/** How wide a value shows, in Excel's character units (CJK characters count double). */
function shownWidth(value: string | number | Date, type: CellType | undefined): number {
  if (value instanceof Date) return 10;
  if (typeof value === 'number') return type === 'money' ? value.toFixed(2).length + Math.floor(Math.abs(Math.trunc(value)).toString().length / 3) : String(value).length;
  return Math.max(...value.split('\n').map(displayWidth));
}

export async function toXlsx(sheets: Sheet[]): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'skillsub';
  const taken = new Set<string>();
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheetName(sheet.name, taken), {
      pageSetup: { orientation: sheet.portrait ? 'portrait' : 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
    });
    const types = sheet.header.map((_, i) => sheet.types?.[i] ?? (sheet.money?.[i] ? 'money' : undefined));
    const widths = sheet.header.map((h) => displayWidth(h));
    const titles = sheet.titleLines ?? [];
    for (const line of titles) {
      ws.addRow([fit(safeCell(line))]).font = { bold: line === titles[0] };
    }
    const headerRow = titles.length + 1;
    ws.addRow(sheet.header.map(safeCell)).font = { bold: true };
    const addRow = (row: Cell[], rowIndex: number) => {
      const cellTypes = row.map((_, i) => sheet.cellType?.(rowIndex, i) ?? types[i]);
      const values = row.map((c, i) => cellValue(c, cellTypes[i]));
      const added = ws.addRow(values);
      values.forEach((v, i) => {
        const type = cellTypes[i];
        if (type && (typeof v !== 'string' || type === 'id')) added.getCell(i + 1).numFmt = FORMATS[type];
        widths[i] = Math.max(widths[i] ?? 0, shownWidth(v, type));
        const fault = rowIndex < sheet.rows.length ? sheet.fault?.(rowIndex, i) : undefined;
        if (fault !== undefined) {
          const cell = added.getCell(i + 1);
          cell.fill = FAULT_FILL;
          cell.note = fit(fault);
        }
      });
      return added;
    };
    sheet.rows.forEach((row, i) => addRow(row, i));
    if (sheet.totalRow) addRow(sheet.totalRow, sheet.rows.length).font = { bold: true };
    for (const line of sheet.footerLines ?? []) ws.addRow([fit(safeCell(line))]);
    ws.columns.forEach((column, i) => {
      column.width = Math.min(MAX_WIDTH, Math.max(6, (widths[i] ?? 0) + 2));
    });
    ws.views = [{ state: 'frozen', ySplit: headerRow }];
    if (sheet.header.length > 0 && sheet.autoFilter !== false) ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: sheet.header.length } };
    ws.pageSetup.printTitlesRow = `${headerRow}:${headerRow}`;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
