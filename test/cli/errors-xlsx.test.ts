// Issue #20 item 6: `--errors-out 行错误.xlsx` — the failing rows as they were, the cell at fault
// highlighted, and what to fix (in Chinese under zh).

import { describe, it, expect } from 'vitest';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { workspace, csv } from '../helpers/cli.js';
import { rosterRow, ROSTER_HEADER_EN } from '../helpers/rows.js';

const ZH_HEADER = ['班级编号', '培训机构', '统一社会信用代码', '培训类型', '是否项目制', '职业编码', '职业（工种）', '技能等级', '开班日期', '结业日期', '学时', '出勤率', '学员姓名', '身份证号码*', '手机号码', '人员类别', '户口性质', '工作单位', '单位代码', '是否参保', '月数', '申请金额'];

const values = (row: ExcelJS.Row) => (row.values as unknown[]).slice(1).map((v) => (v === undefined || v === null ? '' : v));

describe('--errors-out FILE.xlsx', () => {
  it('holds the failing rows as they were, each cell at fault red with its note, and a Chinese column saying what to fix', async () => {
    const w = workspace();
    const f = w.file('花名册.csv', csv([
      ZH_HEADER,
      rosterRow(),
      rosterRow({ class_id: 'B', start_date: '2020-02-31', id_number: '5.00103E+17' }),
      rosterRow({ class_id: 'C', training_type: '烹饪班', phone: '=1+1' }),
    ]), 'gb18030');
    const r = await w.run('--lang', 'zh', 'import', 'roster', f, '--errors-out', '行错误.xlsx');
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(w.dir, '行错误.xlsx'));
    const ws = wb.getWorksheet('花名册')!;
    expect(values(ws.getRow(1))).toEqual(['行号', ...ZH_HEADER, '错误', '如何修改']);
    expect(ws.rowCount).toBe(3);
    const b = values(ws.getRow(2));
    expect(b[0]).toBe(3);
    expect(b.slice(1, 1 + ZH_HEADER.length)).toEqual(rosterRow({ class_id: 'B', start_date: '2020-02-31', id_number: '5.00103E+17' }));
    expect(String(b[ZH_HEADER.length + 1])).toMatch(/\(R_DATE\)/);
    expect(String(b[ZH_HEADER.length + 1])).toMatch(/\(R_ID_DAMAGED\)/);
    const fix = String(b[ZH_HEADER.length + 2]);
    expect(fix).toContain('开班日期: ');
    expect(fix).not.toMatch(/[a-z]{4,}/);
    const at = (row: number, header: string) => ws.getRow(row).getCell(ZH_HEADER.indexOf(header) + 2);
    for (const header of ['开班日期', '身份证号码*']) {
      const cell = at(2, header);
      expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb, header).toBe('FFFFC7CE');
      expect(String(cell.note ?? '').length, header).toBeGreaterThan(0);
    }
    expect((at(2, '班级编号').fill as ExcelJS.FillPattern | undefined)?.fgColor).toBeUndefined();
    // The row with the unknown training type: its cell red, a formula-like value kept as text.
    expect((at(3, '培训类型').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect(at(3, '手机号码').value).toBe("'=1+1");
    expect(at(3, '手机号码').formula).toBeUndefined();
  });

  it('writes one sheet per file, English under en, and a sheet saying so when there are none', async () => {
    const w = workspace();
    const a = w.file('a.csv', csv([ROSTER_HEADER_EN, rosterRow({ class_id: 'A', end_date: '2020-06-01' })]));
    const b = w.file('b.csv', csv([ROSTER_HEADER_EN, rosterRow({ class_id: 'B' })]));
    await w.run('import', 'roster', a, b, '--dry-run', '--errors-out', 'e.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(w.dir, 'e.xlsx'));
    expect(wb.worksheets.map((s) => s.name)).toEqual(['a']);
    const row = values(wb.worksheets[0].getRow(2));
    expect(row.at(-2)).toMatch(/R_END_BEFORE_START/);
    expect(values(wb.worksheets[0].getRow(1)).at(-1)).toBe('what to fix');
    await w.run('import', 'roster', b, '--errors-out', 'none.xlsx');
    const none = new ExcelJS.Workbook();
    await none.xlsx.readFile(join(w.dir, 'none.xlsx'));
    expect(values(none.worksheets[0].getRow(1))).toEqual(['no row errors']);
  });
});
