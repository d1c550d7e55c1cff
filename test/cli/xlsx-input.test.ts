// Issue #20 item 5: .xlsx inputs read directly, through the same import path as CSV (SPEC §2).

import { describe, it, expect } from 'vitest';
import ExcelJS from 'exceljs';
import { readFileSync, copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { workspace, csv } from '../helpers/cli.js';
import { rosterRow, ROSTER_HEADER_EN, VALID_ID } from '../helpers/rows.js';
import { excelGeneral, formatNumber } from '../../src/ingest/read-xlsx.js';
import { query } from '../helpers/query.js';

const SAMPLES = join(import.meta.dirname, '..', '..', 'samples');


/** A cell as an institution's Excel holds it: dates as dates, counts as numbers, 94% as 0.94 formatted 0%. */
function typedCell(cell: ExcelJS.Cell, header: string, text: string): void {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const percent = /^(\d+)%$/.exec(text);
  if (date) {
    cell.value = new Date(Date.UTC(+date[1], +date[2] - 1, +date[3]));
    cell.numFmt = 'yyyy-mm-dd';
  } else if (percent) {
    cell.value = Number(percent[1]) / 100;
    cell.numFmt = '0%';
  } else if (/^[1-9]\d{0,5}$/.test(text) && header !== 'level') {
    cell.value = Number(text);
  } else {
    cell.value = text;
  }
}

async function writeXlsx(path: string, rows: string[][], options: { sheet?: string; before?: string } = {}): Promise<void> {
  const wb = new ExcelJS.Workbook();
  if (options.before) wb.addWorksheet(options.before).addRow(['说明：本工作簿第二个工作表为花名册']);
  const ws = wb.addWorksheet(options.sheet ?? 'Sheet1');
  const [header, ...body] = rows;
  ws.addRow(header);
  for (const r of body) {
    const row = ws.addRow([]);
    r.forEach((text, i) => typedCell(row.getCell(i + 1), header[i], text));
  }
  await wb.xlsx.writeFile(path);
}

describe('import from .xlsx', () => {
  it('shows numbers as Excel shows them: an 18-digit ID stored as a number is 5.00103E+17', () => {
    expect(excelGeneral(500103199001011234)).toBe('5.00103E+17');
    expect(excelGeneral(120)).toBe('120');
    expect(excelGeneral(1500.5)).toBe('1500.5');
    expect(excelGeneral(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(0.92, '0%')).toBe('92%');
    expect(formatNumber(1500, '#,##0.00')).toBe('1500.00');
    expect(formatNumber(500103199001011234, '0')).toBe('5.00103E+17');
    expect(formatNumber(110105491231002, '0')).toBe('110105491231002');
    expect(excelGeneral(110105491231002)).toBe('1.10105E+14');
  });

  it('imports an .xlsx roster with the same decisions as its CSV twin', async () => {
    const text = readFileSync(join(SAMPLES, 'roster-jiefangbei-center.csv'), 'utf8');
    const rows = parse(text, { bom: true }) as string[][];
    const a = workspace();
    const b = workspace();
    const csvPath = join(a.dir, 'roster.csv');
    copyFileSync(join(SAMPLES, 'roster-jiefangbei-center.csv'), csvPath);
    const xlsxPath = join(b.dir, 'roster.xlsx');
    await writeXlsx(xlsxPath, rows);
    const ra = await a.run('import', 'roster', csvPath);
    const rb = await b.run('import', 'roster', xlsxPath);
    expect(rb.code).toBe(ra.code);
    expect(rb.stderr.replaceAll('roster.xlsx', 'roster.csv')).toBe(ra.stderr);
    for (const w of [a, b]) expect((await w.run('check', '--as-of', '2021-12-31')).code).toBe(0);
    const ja = await a.run('approvals', '--format', 'json');
    const jb = await b.run('approvals', '--format', 'json');
    expect(JSON.parse(ja.stdout).length).toBeGreaterThan(5);
    // Flag ids are keyed by each database's own secret: compare their rules.
    const same = (t: string) => t.replaceAll('roster.xlsx', 'roster.csv').replace(/(F_[A-Z_]+)-[0-9a-f]{12}/g, '$1');
    expect(same(jb.stdout)).toBe(same(ja.stdout));
    // Provenance: the workbook's own SHA-256 and the sheet's row numbers as lines.
    const [file] = query<{ name: string; sha256: string; encoding: string }>(b.db, 'SELECT name, sha256, encoding FROM imported_files');
    expect(file.name).toBe('roster.xlsx');
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(file.encoding).toBe('xlsx');
    expect(query<{ line: number }>(b.db, 'SELECT line FROM roster_rows ORDER BY id')).toEqual(
      query<{ line: number }>(a.db, 'SELECT line FROM roster_rows ORDER BY id'));
    // The same workbook again is skipped, as a CSV would be.
    expect((await b.run('import', 'roster', xlsxPath)).stderr).toContain('skipped');
  });

  it('reports an ID number Excel stored as a number as R_ID_DAMAGED on its sheet row', async () => {
    const w = workspace();
    const path = join(w.dir, '花名册.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(ROSTER_HEADER_EN);
    ws.addRow(rosterRow({ class_id: 'A' }));
    ws.addRow([]);
    const damaged = ws.addRow(rosterRow({ class_id: 'B', id_number: '' }));
    damaged.getCell(ROSTER_HEADER_EN.indexOf('id_number') + 1).value = 500103199001011234;
    await wb.xlsx.writeFile(path);
    const r = await w.run('import', 'roster', path, '--errors-out', 'e.csv');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('imported 1 rows from 花名册.xlsx; 1 row errors');
    const errors = parse(readFileSync(join(w.dir, 'e.csv'), 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
    expect(errors.map((e) => [e.line, e.column, e.value, e.code])).toEqual([['4', 'id_number', '5.00103E+17', 'R_ID_DAMAGED']]);
    expect(query<{ claim_id: string }>(w.db, 'SELECT claim_id FROM roster_rows')).toEqual([{ claim_id: `A/${VALID_ID}` }]);
  });

  it('reads the sheet --sheet names, and says which sheets there are when it has none of that name', async () => {
    const w = workspace();
    const path = join(w.dir, 'book.xlsx');
    await writeXlsx(path, [ROSTER_HEADER_EN, rosterRow({ class_id: 'S2' })], { sheet: '学员名单', before: '说明' });
    const wrong = await w.run('import', 'roster', path, '--sheet', '名单');
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toContain('book.xlsx has no sheet named "名单". Its sheets: 说明, 学员名单.');
    const r = await w.run('import', 'roster', path, '--sheet', '学员名单');
    expect(r.code).toBe(0);
    expect(query<{ class_id: string }>(w.db, 'SELECT class_id FROM roster_rows')).toEqual([{ class_id: 'S2' }]);
    // Without --sheet the first sheet is read: a note, not a roster.
    const w2 = workspace();
    expect((await w2.run('import', 'roster', path)).code).toBe(3);
  });

  it('refuses an Excel 97–2003 .xls with the fix: save it as .xlsx (exit 3)', async () => {
    const w = workspace();
    const path = join(w.dir, '花名册.xls');
    writeFileSync(path, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]));
    const r = await w.run('import', 'roster', path);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('花名册.xls is an Excel 97–2003 workbook (.xls), which skillsub does not read. Open it in Excel and save it as "Excel Workbook (*.xlsx)"');
  });

  it('imports a certificates workbook with date cells', async () => {
    const w = workspace();
    const path = join(w.dir, 'certs.xlsx');
    await writeXlsx(path, parse(csv([
      ['证书编号', '证书类型', '姓名', '身份证号', '职业', '等级', '发证日期'],
      ['C1', '职业技能等级证书', '张三', VALID_ID, '电工', '5', '2020-08-01'],
    ]), {}) as string[][]);
    expect((await w.run('import', 'certificates', path)).code).toBe(0);
    expect(query<{ issue_date: string }>(w.db, 'SELECT issue_date FROM certificates')).toEqual([{ issue_date: '2020-08-01' }]);
  });
});
