// `skillsub report` (SPEC §8.4) on the bundled samples: golden files for JSON, CSV and Markdown
// (regenerate on purpose with UPDATE_GOLDEN=1), figures recomputed independently from the
// approvals output, the workbook read back, and the HTML page rendered in headless Chromium.

import { describe, it, expect, beforeAll } from 'vitest';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { workspace, importSamples } from '../helpers/cli.js';
import { findChromium, renderPage } from '../helpers/chromium.js';

const SAMPLES = join(import.meta.dirname, '..', '..', 'samples');
const GOLDEN = join(import.meta.dirname, '..', 'golden');

let w: ReturnType<typeof workspace>;

beforeAll(async () => {
  w = workspace();
  await importSamples(w);
  const r = await w.run('check', '--as-of', '2021-12-31');
  expect(r.code).toBe(0);
}, 120_000);

function golden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('report', () => {
  it('matches the golden JSON, CSV and Markdown of 2020Q3', async () => {
    golden('quarterly-2020Q3.json', (await w.run('report', 'quarterly', '2020Q3', '--format', 'json')).stdout);
    golden('quarterly-2020Q3.csv', (await w.run('report', 'quarterly', '2020Q3', '--format', 'csv')).stdout);
    golden('quarterly-2020Q3.md', (await w.run('report', 'quarterly', '2020Q3', '--format', 'md')).stdout);
  });

  it('matches the golden annual return of 2020, with its cumulative block', async () => {
    const out = (await w.run('report', 'annual', '2020', '--format', 'json')).stdout;
    golden('annual-2020.json', out);
    const r = JSON.parse(out);
    expect(r.period).toEqual({ kind: 'year', label: '2020', from: '2020-01-01', to: '2020-12-31' });
    expect(Object.keys(r.cumulative)).toEqual(['claims', 'person_times', 'persons', 'certificates', 'subsidies']);
  });

  it('agrees with figures recomputed independently from the approvals list', async () => {
    const report = JSON.parse((await w.run('report', 'quarterly', '2020Q3', '--format', 'json')).stdout);
    const rows = JSON.parse((await w.run('approvals', '--quarter', '2020Q3', '--format', 'json')).stdout) as Record<string, string>[];
    const paid = rows.filter((r) => r.decision === 'approved' || r.decision === 'partial');
    const fen = (s: string) => Math.round(Number(s) * 100);
    const yuan = (n: number) => (n / 100).toFixed(2);
    expect(report.claims.total).toBe(rows.length);
    expect(report.person_times.subsidised).toBe(paid.length);
    expect(report.persons.subsidised).toBe(new Set(paid.map((r) => r.id_number)).size);
    expect(report.subsidies.total).toBe(yuan(paid.reduce((s, r) => s + fen(r.total), 0)));
    expect(report.subsidies.living_allowance).toBe(yuan(paid.reduce((s, r) => s + fen(r.living_allowance), 0)));
    const byFund = Object.values(report.subsidies.by_fund as Record<string, string>).reduce((s, v) => s + fen(v), 0);
    expect(yuan(byFund)).toBe(report.subsidies.total);
    const poor = paid.filter((r) => r.categories.split(';').includes('poor_labor')).length;
    expect(report.person_times.by_category.poor_labor ?? 0).toBe(poor);
    const year = JSON.parse((await w.run('approvals', '--year', '2020', '--format', 'json')).stdout) as Record<string, string>[];
    const ytd = year.filter((r) => (r.decision === 'approved' || r.decision === 'partial') && r.end_date <= '2020-09-30').length;
    expect(report.targets.person_times_ytd).toBe(ytd);
    expect(report.targets.person_times_target).toBe(20100);
    expect(report.targets.progress).toBe(Math.round((ytd / 20100) * 10000) / 10000);
  });

  it('writes a workbook whose figures equal the JSON', async () => {
    const out = join(w.dir, 'q3.xlsx');
    expect((await w.run('report', 'quarterly', '2020Q3', '--out', out)).code).toBe(0);
    const report = JSON.parse((await w.run('report', 'quarterly', '2020Q3', '--format', 'json')).stdout);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = (name: string) => {
      const ws = wb.getWorksheet(name)!;
      const rows: Record<string, unknown> = {};
      ws.eachRow((row, i) => {
        if (i > 1) rows[String(row.getCell(1).value)] = row.getCell(2).value;
      });
      return rows;
    };
    expect(sheet('claims')).toMatchObject({ total: report.claims.total, ...report.claims.by_decision });
    // Amounts are numeric cells (SPEC §9), so that a spreadsheet's SUM adds them.
    expect(sheet('subsidies').total).toBe(Number(report.subsidies.total));
    expect(sheet('by_fund')).toEqual(Object.fromEntries(Object.entries(report.subsidies.by_fund).map(([k, v]) => [k, Number(v)])));
    expect(wb.getWorksheet('subsidies')!.getRow(2).getCell(2).numFmt).toBe('#,##0.00');
    expect(sheet('targets')['person-times, year to date']).toBe(report.targets.person_times_ytd);
  });

  it('exits 2 on a bad period, naming the accepted forms', async () => {
    for (const args of [['quarterly', '2020Q5'], ['quarterly', '20-3'], ['annual', '2020Q3'], ['monthly', '2020']]) {
      const r = await w.run('report', ...args);
      expect(r.code, args.join(' ')).toBe(2);
    }
    expect((await w.run('report', 'quarterly', '2020Q5')).stderr).toContain('Accepted: 2020Q1 … 2020Q4');
  });

  it('accepts a year outside the policy period: null targets, zero ratios, and every key of every map at zero', async () => {
    const r = await w.run('report', 'annual', '2025', '--format', 'json');
    expect(r.code).toBe(0);
    const ret = JSON.parse(r.stdout);
    expect(ret.period).toEqual({ kind: 'year', label: '2025', from: '2025-01-01', to: '2025-12-31' });
    expect(ret.claims).toEqual({ total: 0, by_decision: { approved: 0, partial: 0, rejected: 0, pending: 0, review: 0 } });
    expect(ret.targets).toMatchObject({ year: 2025, person_times_target: null, person_times_ytd: 0, progress: null, apprentices_target: 2000, high_skilled_share_target: 0.32 });
    expect(ret.certificates).toEqual({
      total: 0,
      by_type: { qualification: 0, skill_level: 0, special_ability: 0, special_operation: 0, training_completion: 0 },
      by_level: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, none: 0 },
      high_skilled_share: 0,
    });
    expect(Object.keys(ret.person_times.by_training_type)).toEqual(['apprenticeship', 'employment_skills', 'entrepreneurship', 'job_skills', 'job_transfer', 'labor_preparation', 'pre_job', 'safety_skills', 'work_based']);
    expect(Object.values(ret.person_times.by_category).every((v) => v === 0)).toBe(true);
    expect(Object.keys(ret.person_times.by_category)).toHaveLength(15);
    expect(ret.subsidies.by_kind).toEqual({ apprenticeship: '0.00', skills_upgrading: '0.00', training: '0.00', work_based: '0.00' });
    expect(ret.subsidies.by_fund).toEqual({ employment_subsidy: '0.00', unemployment_insurance: '0.00' });
    expect(Object.keys(ret.flags.by_severity)).toEqual(['high', 'medium', 'low']);
    expect(ret.flags.by_rule).toHaveProperty('F_PASS_RATE');
    const table = (await w.run('report', 'annual', '2025', '--format', 'table'));
    expect(table.code).toBe(0);
  });

  it('counts claims rejected with E_PERIOD in a quarter after the policy period', async () => {
    const w2 = workspace();
    const { csv } = await import('../helpers/cli.js');
    const { rosterRow, ROSTER_HEADER_EN } = await import('../helpers/rows.js');
    await w2.run('import', 'roster', w2.file('r.csv', csv([ROSTER_HEADER_EN, rosterRow({ start_date: '2022-01-04', end_date: '2022-01-20' })])));
    expect((await w2.run('check', '--as-of', '2022-12-31')).code).toBe(0);
    const ret = JSON.parse((await w2.run('report', 'quarterly', '2022Q1', '--format', 'json')).stdout);
    expect(ret.claims.total).toBe(1);
    expect(ret.claims.by_decision.rejected).toBe(1);
    expect(ret.targets.person_times_target).toBeNull();
  });

  it('leaves the header blank for a policy without a returns block, and refuses one whose values are not text', async () => {
    const w2 = workspace();
    const { csv } = await import('../helpers/cli.js');
    const { rosterRow, ROSTER_HEADER_EN } = await import('../helpers/rows.js');
    const shipped = readFileSync(join(import.meta.dirname, '..', '..', 'src', 'policies', 'yuzhong-2019.yaml'), 'utf8');
    const without = w2.file('without.yaml', shipped.slice(0, shipped.indexOf('\nreturns:') + 1));
    await w2.run('import', 'roster', w2.file('r.csv', csv([ROSTER_HEADER_EN, rosterRow()])));
    expect((await w2.run('check', '--policy', without, '--as-of', '2021-12-31')).code).toBe(0);
    const ret = JSON.parse((await w2.run('report', 'quarterly', '2020Q3', '--format', 'json')).stdout);
    expect(ret.header).toEqual({ form_number: '', compiled_by: '', reporting_unit: '' });
    const bad = w2.file('bad.yaml', shipped.replace('form_number: ""', 'form_number: [1, 2]'));
    const r = await w2.run('policy', 'check', bad);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('returns.form_number: expected text');
  });

  it('carries the policy\'s returns header in JSON and the form header and signature block in table, Markdown, HTML and workbook', async () => {
    const json = JSON.parse((await w.run('report', 'quarterly', '2020Q3', '--format', 'json')).stdout);
    expect(json.header).toEqual({ form_number: '', compiled_by: '重庆市渝中区人力资源和社会保障局', reporting_unit: '' });
    expect(json.targets.high_skilled_share_target).toBe(0.32);
    const zh = (await w.run('--lang', 'zh', 'report', 'quarterly', '2020Q3', '--format', 'table')).stdout;
    expect(zh).toContain('表号: ______________   制表机关: 重庆市渝中区人力资源和社会保障局   填报单位: ______________');
    expect(zh).toContain('单位负责人: ______________   统计负责人: ______________   填表人: ______________   报出日期: ____年__月__日');
    const md = (await w.run('--lang', 'zh', 'report', 'quarterly', '2020Q3', '--format', 'md')).stdout;
    expect(md).toContain('制表机关: 重庆市渝中区人力资源和社会保障局');
    expect(md).toContain('报出日期: ____年__月__日');
    const html = (await w.run('--lang', 'zh', 'report', 'quarterly', '2020Q3', '--format', 'html')).stdout;
    for (const label of ['表号', '制表机关', '填报单位', '单位负责人', '统计负责人', '填表人', '报出日期']) expect(html).toContain(`${label}: `);
    const out = join(w.dir, 'q3-zh.xlsx');
    expect((await w.run('--lang', 'zh', 'report', 'quarterly', '2020Q3', '--out', out)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const form = wb.getWorksheet('表头')!;
    const cells: string[][] = [];
    form.eachRow((row) => cells.push([String(row.getCell(1).value ?? ''), String(row.getCell(2).value ?? '')]));
    expect(cells).toEqual([
      ['项目', '数值'], ['表号', ''], ['制表机关', '重庆市渝中区人力资源和社会保障局'], ['填报单位', ''], ['', ''],
      ['单位负责人', ''], ['统计负责人', ''], ['填表人', ''], ['报出日期', ''],
    ]);
  });

  it('prints a return laid out for filing, in Chinese with --lang zh', async () => {
    const r = await w.run('--lang', 'zh', 'report', 'quarterly', '2020Q3', '--format', 'table');
    expect(r.stdout).toContain('职业技能提升行动统计报表');
    expect(r.stdout).toContain('目标任务完成情况');
  });

  it('renders a self-contained HTML page with its charts in headless Chromium', async () => {
    const html = join(w.dir, 'q3.html');
    expect((await w.run('report', 'quarterly', '2020Q3', '--out', html)).code).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page.match(/<svg /g)?.length).toBe(4);
    expect(page).not.toMatch(/(src|href)=["']?(https?:)?\/\//i);
    expect(page).not.toMatch(/@import|url\(/);
    const chromium = findChromium();
    if (!chromium) {
      console.warn('skipped the screenshot: Chromium is not installed and could not be installed here');
      return;
    }
    const png = join(w.dir, 'q3.png');
    const shot = renderPage(chromium, html, png, w.dir, '1000,1600');
    expect(existsSync(png), shot.stderr).toBe(true);
    expect(statSync(png).size).toBeGreaterThan(10_000);
    expect(shot.dom.match(/<rect class="bar"/g)?.length ?? 0).toBeGreaterThan(4);
  }, 600_000);
});

