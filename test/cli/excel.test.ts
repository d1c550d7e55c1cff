// Workbooks native to Excel (SPEC §9, issue #20): dates as date cells, ratios as percentages, ID
// numbers as text, widths from content, a frozen header with an autofilter, landscape printing,
// Chinese sheet names under zh, a total row in payments; the public notice's header (§8.1);
// the CSV hint for ID numbers; --encoding's Windows names; the log in local time.

import { describe, it, expect, beforeAll } from 'vitest';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { csv, workspace, importSamples } from '../helpers/cli.js';
import { rosterRow, ROSTER_HEADER_EN } from '../helpers/rows.js';
import { localTime } from '../../src/cli/local-time.js';

let w: ReturnType<typeof workspace>;

beforeAll(async () => {
  w = workspace();
  await importSamples(w);
  expect((await w.run('check', '--as-of', '2021-12-31')).code).toBe(0);
}, 120_000);

async function workbook(...args: string[]): Promise<ExcelJS.Workbook> {
  const out = join(w.dir, `${args.join('-').replace(/[^\w-]/g, '')}.xlsx`);
  const r = await w.run(...args, '--out', out);
  expect(r.code, r.stderr).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  return wb;
}

function columnOf(ws: ExcelJS.Worksheet, header: string, headerRow = 1): number {
  let found = 0;
  ws.getRow(headerRow).eachCell((cell, i) => {
    if (cell.value === header) found = i;
  });
  expect(found, header).toBeGreaterThan(0);
  return found;
}

describe('workbooks native to Excel', () => {
  it('stores dates as date cells, ID numbers as text, amounts as numbers; widths from content; frozen header with a filter; landscape', async () => {
    const wb = await workbook('approvals');
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('approvals');
    const start = ws.getRow(2).getCell(columnOf(ws, 'start_date'));
    expect(start.value).toBeInstanceOf(Date);
    expect(start.numFmt).toBe('yyyy-mm-dd');
    const json = JSON.parse((await w.run('approvals', '--format', 'json')).stdout) as Record<string, string>[];
    expect((start.value as Date).toISOString().slice(0, 10)).toBe(json[0].start_date);
    const id = ws.getRow(2).getCell(columnOf(ws, 'id_number'));
    expect(typeof id.value).toBe('string');
    expect(id.numFmt).toBe('@');
    expect(ws.getRow(2).getCell(columnOf(ws, 'total')).value).toBe(Number(json[0].total));
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.getColumn(columnOf(ws, 'institution_name')).width).toBeGreaterThan(20);
    expect(ws.getColumn(columnOf(ws, 'level')).width).toBeLessThan(10);
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.fitToWidth).toBe(1);
  });

  it('names the sheets in Chinese under zh, and shows the return\'s ratios as percentages', async () => {
    expect((await workbook('--lang', 'zh', 'approvals')).worksheets[0].name).toBe('审核名单');
    expect((await workbook('--lang', 'zh', 'flags')).worksheets[0].name).toBe('疑点');
    const zh = await workbook('--lang', 'zh', 'report', 'quarterly', '2020Q3');
    expect(zh.worksheets.map((s) => s.name)).toEqual(['统计表', '附件-疑点（内部）']);
    const ws = (await workbook('report', 'quarterly', '2020Q3')).getWorksheet('return')!;
    const report = JSON.parse((await w.run('report', 'quarterly', '2020Q3', '--format', 'json')).stdout);
    let progress: ExcelJS.Cell | null = null;
    ws.eachRow((row) => {
      if (row.getCell(1).value === 'subsidised person-times (target of the year)') progress = row.getCell(7);
    });
    expect(progress!.value).toBe(report.targets.progress);
    expect(progress!.numFmt).toBe('0.0%');
  });

  it('ends the payments workbook with a bold total row that adds up the amounts and claims', async () => {
    const json = JSON.parse((await w.run('payments', '--format', 'json')).stdout) as Record<string, string | number>[];
    const ws = (await workbook('--lang', 'zh', 'payments')).worksheets[0];
    expect(ws.name).toBe('拨付汇总');
    expect(ws.rowCount).toBe(json.length + 2);
    const last = ws.getRow(ws.rowCount);
    expect(last.getCell(1).value).toBe('合计');
    const fen = (v: string | number) => Math.round(Number(v) * 100);
    expect(fen(last.getCell(columnOf(ws, '合计')).value as number)).toBe(json.reduce((s, r) => s + fen(r.total), 0));
    expect(last.getCell(columnOf(ws, '人次')).value).toBe(json.reduce((s, r) => s + Number(r.claims), 0));
    expect(last.getCell(columnOf(ws, '合计')).numFmt).toBe('#,##0.00');
    expect(last.font?.bold).toBe(true);
  });

  it('says once on stderr that a CSV file with ID numbers is not for double-clicking, and not for stdout', async () => {
    const file = await w.run('approvals', '--out', join(w.dir, 'a.csv'));
    expect(file.stderr).toMatch(/holds ID numbers.*--out FILE\.xlsx/);
    expect((await w.run('--lang', 'zh', 'approvals', '--out', join(w.dir, 'b.csv'))).stderr).toContain('含身份证号');
    expect((await w.run('approvals', '--format', 'csv')).stderr).not.toContain('ID numbers');
    expect((await w.run('--quiet', 'approvals', '--out', join(w.dir, 'c.csv'))).stderr).toBe('');
    expect((await w.run('approvals', '--out', join(w.dir, 'd.xlsx'))).stderr).toBe('');
  });
});

describe('the public notice\'s header (§8.1)', () => {
  it('prints the title and the 公示期 from the run\'s as-of date, and leaves out a blank 监督电话', async () => {
    const r = await w.run('--lang', 'zh', 'approvals', '--public', '--format', 'table');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 3)).toEqual(['渝中区职业技能提升行动培训补贴公示', '公示期：2021-12-31 至 2022-01-04', '']);
    expect(r.stdout).not.toContain('监督电话');
    const from = await w.run('--lang', 'zh', 'approvals', '--public', '--format', 'table', '--notice-from', '2022-02-27');
    expect(from.stdout.split('\n')[1]).toBe('公示期：2022-02-27 至 2022-03-03');
    expect((await w.run('approvals', '--public', '--notice-from', '2022-02-30')).code).toBe(2);
    // CSV and JSON stay plain lists.
    expect((await w.run('--lang', 'zh', 'approvals', '--public', '--format', 'csv')).stdout.split('\r\n')[0]).toBe('\ufeff培训机构,班级编号,姓名,身份证号码,培训类型,职业(工种),等级,补贴类别,合计');
  });

  it('puts the header above the workbook\'s table, the header row frozen below it', async () => {
    const ws = (await workbook('--lang', 'zh', 'approvals', '--public')).worksheets[0];
    expect(ws.name).toBe('公示名单');
    expect(ws.getRow(1).getCell(1).value).toBe('渝中区职业技能提升行动培训补贴公示');
    expect(ws.getRow(2).getCell(1).value).toBe('公示期：2021-12-31 至 2022-01-04');
    expect(ws.getRow(3).getCell(1).value).toBe('培训机构');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
  });

  it('takes the lines from the run\'s policy: a phone shown, a blank title and no period left out; a bad block refused', async () => {
    const w2 = workspace();
    const shipped = readFileSync(join(import.meta.dirname, '..', '..', 'src', 'policies', 'yuzhong-2019.yaml'), 'utf8');
    const custom = shipped.replace('title: 渝中区职业技能提升行动培训补贴公示', 'title: ""').replace('period_days: 5', 'period_days: null').replace(/(notice:[\s\S]*?phone: )""/, '$1"023-63800000"');
    const policy = w2.file('p.yaml', custom);
    await w2.run('import', 'roster', w2.file('r.csv', csv([ROSTER_HEADER_EN, rosterRow()])));
    await w2.run('import', 'certificates', w2.file('c.csv', 'cert_number,cert_type,name,id_number,occupation_code,occupation_name,level,issue_date\r\nC1,职业技能等级证书,张三,11010519491231002X,6-31-01-03,电工,5,2020-08-01\r\n'));
    expect((await w2.run('check', '--policy', policy, '--as-of', '2021-12-31')).code).toBe(0);
    const r = await w2.run('approvals', '--public', '--format', 'table');
    expect(r.stdout.split('\n').slice(0, 2)).toEqual(['Complaints hotline: 023-63800000', '']);
    const bad = await w2.run('policy', 'check', w2.file('bad.yaml', shipped.replace('period_days: 5', 'period_days: 0')));
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('notice.period_days: expected a whole number');
  });
});

describe('--encoding and the log', () => {
  it('reads gbk, gb2312 and cp936 (any case) as gb18030, and refuses an unknown name with exit 2', async () => {
    for (const name of ['gbk', 'GB2312', 'cp936']) {
      const w2 = workspace();
      const r = await w2.run('import', 'roster', w2.file('r.csv', csv([ROSTER_HEADER_EN, rosterRow()]), 'gb18030'), '--encoding', name);
      expect(r.code, `${name}: ${r.stderr}`).toBe(0);
      expect(JSON.parse((await w2.run('check', '--as-of', '2021-12-31')).code === 0 ? (await w2.run('approvals', '--format', 'json')).stdout : '[]')[0].name).toBe('张三');
    }
    const bad = await w.run('--lang', 'zh', 'import', 'roster', 'x.csv', '--encoding', 'latin1');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("错误: 选项 '--encoding <encoding>' 的取值 'latin1' 无效");
  });

  it('shows the log\'s times in the machine\'s zone with its offset; JSON keeps UTC', async () => {
    const before = process.env.TZ;
    process.env.TZ = 'Asia/Shanghai';
    try {
      expect(localTime('2020-10-20T14:03:05.123Z')).toBe('2020-10-20 22:03:05 +08:00');
      const csvLog = (await w.run('log', '--format', 'csv')).stdout.split('\r\n')[1];
      expect(csvLog).toMatch(/^\d+,\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+08:00,/);
      expect((await w.run('log', '--format', 'table')).stdout).toMatch(/^#1 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+08:00 /);
      expect(JSON.parse((await w.run('log', '--format', 'json')).stdout)[0].at).toMatch(/Z$/);
      const flag = JSON.parse((await w.run('flags', '--format', 'json')).stdout)[0].flag_id as string;
      expect((await w.run('flags', 'resolve', flag, '--cleared', '--note', 'checked by phone')).code).toBe(0);
      const listed = (await w.run('flags', '--format', 'csv')).stdout.split('\r\n').find((l) => l.startsWith(flag))!;
      expect(listed).toMatch(/,\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+08:00$/);
      expect(JSON.parse((await w.run('flags', '--format', 'json')).stdout).find((f: { flag_id: string }) => f.flag_id === flag).verdict_at).toMatch(/Z$/);
      process.env.TZ = 'America/New_York';
      expect(localTime('2020-01-15T12:00:00Z')).toBe('2020-01-15 07:00:00 -05:00');
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});
