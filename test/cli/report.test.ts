// `skillsub report` (SPEC §8.4) on the bundled samples: golden files for JSON, CSV and Markdown
// (regenerate on purpose with UPDATE_GOLDEN=1), figures recomputed independently from the
// approvals output, the workbook read back, and the HTML page rendered and printed in headless
// Chromium.

import { describe, it, expect, beforeAll } from 'vitest';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { workspace, importSamples } from '../helpers/cli.js';
import { parse } from 'csv-parse/sync';
import { ensureCjkFont, findChromium, printPage, renderPage } from '../helpers/chromium.js';

const SAMPLES = join(import.meta.dirname, '..', '..', 'samples');
const GOLDEN = join(import.meta.dirname, '..', 'golden');

let w: ReturnType<typeof workspace>;

beforeAll(async () => {
  w = workspace();
  await importSamples(w);
  const r = await w.run('check', '--as-of', '2021-12-31');
  expect(r.code).toBe(0);
}, 120_000);

/** The time a return was made is the only line that changes from one run to the next. */
const stable = (text: string) => text.replace(/(Made: |生成时间：)\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d\d:\d\d/g, '$1<time made>');

function golden(name: string, actual: string): void {
  actual = stable(actual);
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

  it('writes the return on one sheet, figures as numbers with their formats, the flags on an internal annex sheet', async () => {
    const out = join(w.dir, 'q3.xlsx');
    expect((await w.run('report', 'quarterly', '2020Q3', '--out', out)).code).toBe(0);
    const report = JSON.parse((await w.run('report', 'quarterly', '2020Q3', '--format', 'json')).stdout);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['return', 'annex-flags']);
    const ws = wb.getWorksheet('return')!;
    // Printed as the paper form is: A4 upright, as wide as the page, the columns' header on every page.
    expect(ws.pageSetup).toMatchObject({ orientation: 'portrait', paperSize: 9, fitToWidth: 1 });
    expect(ws.pageSetup.printTitlesRow).toMatch(/^(\d+):\1$/);
    const rows = new Map<string, ExcelJS.Row>();
    ws.eachRow((row) => rows.set(String(row.getCell(1).value ?? '').trim(), row));
    const header = rows.get('Indicator')!;
    expect([3, 4, 5, 6, 7, 8].map((i) => header.getCell(i).value)).toEqual(['This period', 'Year to date', 'Since the action began', 'Target', 'Completion', 'Time elapsed']);
    // Amounts are numeric cells (SPEC §9), so that a spreadsheet's SUM adds them.
    const paid = rows.get('subsidies paid')!;
    expect(paid.getCell(2).value).toBe('yuan');
    expect(paid.getCell(3).value).toBe(Number(report.subsidies.total));
    expect(paid.getCell(3).numFmt).toBe('#,##0.00');
    const year = rows.get('subsidised person-times (target of the year)')!;
    expect([3, 4, 6, 7].map((i) => year.getCell(i).value)).toEqual([report.person_times.subsidised, report.targets.person_times_ytd, 20100, report.targets.progress]);
    expect(year.getCell(7).numFmt).toBe('0.0%');
    const share = rows.get('high-skilled share (levels 1–3; target for 2021)')!;
    expect([share.getCell(3).value, share.getCell(6).value, share.getCell(3).numFmt]).toEqual([report.certificates.high_skilled_share, 0.32, '0.0%']);
    // The statistics filed upward hold no fraud flag: those are on the annex sheet.
    expect([...rows.keys()].some((k) => /F_[A-Z]/.test(k))).toBe(false);
    const annex = new Map<string, unknown>();
    wb.getWorksheet('annex-flags')!.eachRow((row) => annex.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(annex.get('total')).toBe(report.flags.total);
    expect(annex.get('F_OVERLAP')).toBe(report.flags.by_rule.F_OVERLAP);
    expect([...rows.keys()]).toContain('Head of unit: ______________   Head of statistics: ______________   Prepared by: ______________   Date reported: ____-__-__');
  });

  it('sets this period, the year to date and the action so far side by side, each as the approvals list counts it', async () => {
    const table = parse((await w.run('report', 'quarterly', '2020Q3', '--format', 'csv')).stdout.replace(/^\ufeff/, ''), { relax_column_count: true }) as string[][];
    const line = (label: string) => table.find((r) => r[0].trim() === label)!;
    const all = JSON.parse((await w.run('approvals', '--format', 'json')).stdout) as Record<string, string>[];
    const paidIn = (from: string, to: string) => all.filter((r) => (r.decision === 'approved' || r.decision === 'partial') && r.end_date >= from && r.end_date <= to);
    const [q3, ytd, action] = [paidIn('2020-07-01', '2020-09-30'), paidIn('2020-01-01', '2020-09-30'), paidIn('2019-01-01', '2020-09-30')];
    expect(ytd.length).toBeGreaterThan(q3.length);
    expect(action.length).toBeGreaterThan(ytd.length);
    // 2020's target is read against the year so far, with the share of 2020 gone by 30 September (274 of 366 days).
    expect(line('subsidised person-times (target of the year)')).toEqual([
      'subsidised person-times (target of the year)', 'person-times', String(q3.length), String(ytd.length), String(action.length), '20100',
      String(Math.round((ytd.length / 20100) * 10000) / 10000), String(Math.round((274 / 366) * 10000) / 10000),
    ]);
    // The three-year target (16,000 + 20,100 + 24,100) against the action so far: 639 of its 1,096 days gone.
    expect(line('subsidised person-times (three-year target)').slice(4)).toEqual([
      String(action.length), '60200', String(Math.round((action.length / 60200) * 10000) / 10000), String(Math.round((639 / 1096) * 10000) / 10000),
    ]);
    const yuan = (rows: Record<string, string>[]) => (rows.reduce((s, r) => s + Math.round(Number(r.total) * 100), 0) / 100).toFixed(2);
    expect(line('subsidies paid').slice(1, 5)).toEqual(['yuan', yuan(q3), yuan(ytd), yuan(action)]);
    expect(line('persons subsidised').slice(2, 5)).toEqual([q3, ytd, action].map((rows) => String(new Set(rows.map((r) => r.id_number)).size)));
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
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['统计表', '附件-疑点（内部）']);
    const lines: string[] = [];
    wb.getWorksheet('统计表')!.eachRow((row) => lines.push(String(row.getCell(1).value ?? '')));
    expect(lines.slice(0, 2)).toEqual(['职业技能提升行动培训补贴统计季报', '表号: ______________   制表机关: 重庆市渝中区人力资源和社会保障局   填报单位: ______________']);
    expect(lines.at(-1)).toBe('单位负责人: ______________   统计负责人: ______________   填表人: ______________   报出日期: ____年__月__日');
  });

  it('prints a return laid out for filing, in Chinese with --lang zh: units, the as-of date, the time made, the flags apart', async () => {
    const r = await w.runEnv({ SOURCE_DATE_EPOCH: '1609502400' }, '--lang', 'zh', 'report', 'quarterly', '2020Q3', '--format', 'table');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('职业技能提升行动培训补贴统计季报');
    expect(lines).toContain('报告期：2020年第三季度（2020-07-01 至 2020-09-30）');
    expect(lines).toContain('本年累计：2020-01-01 至 2020-09-30   行动累计：2019-01-01 至 2020-09-30');
    // SOURCE_DATE_EPOCH fixes the time made (2021-01-01 12:00 UTC: the same day in any zone).
    expect(r.stdout).toMatch(/数据截至：2021-12-31（审核批次 1，政策 yuzhong-2019） {3}生成时间：2021-01-01 \d\d:00:00 [+-]\d\d:\d\d/);
    expect(lines.find((l) => l.startsWith('指标'))!.split(/\s+/)).toEqual(['指标', '计量单位', '本期', '本年累计', '行动累计', '目标', '完成率', '时间进度']);
    const json = JSON.parse((await w.run('report', 'quarterly', '2020Q3', '--format', 'json')).stdout);
    const total = Number(json.subsidies.total).toLocaleString('en-US', { minimumFractionDigits: 2 });
    expect(total).toMatch(/^\d{1,3},\d{3}\.\d\d$/);
    expect(lines.find((l) => l.startsWith('补贴资金合计'))).toMatch(new RegExp(`^补贴资金合计\\s+元\\s+${total.replace('.', '\\.')}\\s+`));
    expect(lines.find((l) => l.startsWith('补贴培训人次（三年行动目标）'))).toMatch(/人次\s+[\d,]+\s+60,200\s+\d+\.\d%\s+58\.3%$/);
    const share = `${(json.certificates.high_skilled_share * 100).toFixed(1)}%`;
    expect(lines.find((l) => l.startsWith('高技能人才占比'))).toMatch(new RegExp(`%\\s+${share.replace('.', '\\.')}\\s+\\d+\\.\\d%\\s+\\d+\\.\\d%\\s+32\\.0%\\s+\\d+\\.\\d%$`));
    // The flags come after the signature block, in the internal annex.
    const annex = lines.indexOf('附件（内部资料，不随报表报送）：疑点统计');
    expect(annex).toBeGreaterThan(lines.findIndex((l) => l.startsWith('单位负责人')));
    expect(lines.findIndex((l) => /F_OVERLAP/.test(l))).toBeGreaterThan(annex);
  });

  it('renders the zh return in headless Chromium: the header, the five columns with their figures, Chinese glyphs, A4 pages', async () => {
    const html = join(w.dir, 'q3.html');
    expect((await w.run('--lang', 'zh', 'report', 'quarterly', '2020Q3', '--out', html)).code).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page.match(/<svg /g)?.length).toBe(5);
    expect(page).not.toMatch(/(src|href)=["']?(https?:)?\/\//i);
    expect(page).not.toMatch(/@import|url\(/);
    const chromium = findChromium();
    if (!chromium) {
      console.warn('skipped the rendering: Chromium is not installed and could not be installed here');
      return;
    }
    const png = join(w.dir, 'q3.png');
    const shot = renderPage(chromium, html, png, w.dir, '1000,2400');
    expect(existsSync(png), shot.stderr).toBe(true);
    expect(statSync(png).size).toBeGreaterThan(10_000);
    // What the browser built: the form's header, the columns in order, and a row's figures as the CSV gives them.
    const text = (fragment: string) => fragment.replace(/<[^>]*>/g, '').trim();
    for (const label of ['表号', '制表机关', '填报单位', '单位负责人', '统计负责人', '填表人', '报出日期']) expect(shot.dom).toContain(`${label}: `);
    const thead = /<table class="return">\s*<thead>(.*?)<\/thead>/s.exec(shot.dom)![1];
    expect([...thead.matchAll(/<th[^>]*>(.*?)<\/th>/g)].map((m) => text(m[1]))).toEqual(['指标', '计量单位', '本期', '本年累计', '行动累计', '目标', '完成率', '时间进度']);
    const csvRows = parse((await w.run('--lang', 'zh', 'report', 'quarterly', '2020Q3', '--format', 'csv')).stdout.replace(/^\ufeff/, ''), { relax_column_count: true }) as string[][];
    const fromCsv = csvRows.find((r) => r[0] === '补贴培训人次（年度目标）')!;
    const row = [...shot.dom.matchAll(/<tr class="depth1">(.*?)<\/tr>/gs)].map((m) => [...m[1].matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((c) => text(c[1])))
      .find((cells) => cells[0] === '补贴培训人次（年度目标）')!;
    expect(row).toEqual(['补贴培训人次（年度目标）', '人次', ...fromCsv.slice(2, 5).map((n) => Number(n).toLocaleString('en-US')), '20,100',
      `${(Number(fromCsv[6]) * 100).toFixed(1)}%`, `${(Number(fromCsv[7]) * 100).toFixed(1)}%`]);
    expect(shot.dom.match(/<rect class="bar"/g)?.length ?? 0).toBeGreaterThan(4);
    expect(shot.dom.match(/<line class="pace"/g)?.length).toBe(3);
    // Printed, the page is A4 (595 × 842 points), not the browser's default Letter.
    const pdf = join(w.dir, 'q3.pdf');
    const printed = printPage(chromium, html, pdf, w.dir);
    expect(existsSync(pdf), printed).toBe(true);
    const boxes = readFileSync(pdf).toString('latin1').match(/\/MediaBox \[0 0 [\d.]+ [\d.]+\]/g) ?? [];
    expect(boxes.length).toBeGreaterThan(0);
    for (const box of boxes) expect(box).toMatch(/^\/MediaBox \[0 0 59[45]\.\d* 84[12]\.\d*\]$/);
  }, 600_000);

  it('finds a CJK font for the return\'s font stack, so Chinese shows as glyphs, not boxes', async () => {
    const chromium = findChromium();
    if (!chromium) {
      console.warn('skipped the rendering: Chromium is not installed and could not be installed here');
      return;
    }
    expect(ensureCjkFont(), 'no CJK font: install fonts-noto-cjk (.ci/run does)').toBe(true);
    const page = (await w.run('--lang', 'zh', 'report', 'quarterly', '2020Q3', '--format', 'html')).stdout;
    const stack = /body \{ font-family: ([^;]+);/.exec(page)![1];
    expect(stack).toMatch(/Microsoft YaHei.*PingFang SC.*Noto Sans CJK SC.*WenQuanYi/);
    // Two different characters of the return in its font stack: drawn as glyphs they differ;
    // without a CJK font both are the same empty box, and the two screenshots are the same picture.
    const shoot = (char: string, env: NodeJS.ProcessEnv = {}) => {
      const file = join(w.dir, `glyph-${char}-${Object.keys(env).length}.html`);
      writeFileSync(file, `<!DOCTYPE html><html><head><meta charset="utf-8"><style>body { margin: 0; font-family: ${stack}; font-size: 96px; }</style></head><body>${char}</body></html>`);
      const png = file.replace(/\.html$/, '.png');
      renderPage(chromium, file, png, join(w.dir, `profile-${char}-${Object.keys(env).length}`), '200,200', env);
      return readFileSync(png);
    };
    expect(shoot('本').equals(shoot('期'))).toBe(false);
    // The check itself can fail: with fontconfig told of DejaVu only, both characters are the same box.
    const dejavu = '/usr/share/fonts/truetype/dejavu';
    if (existsSync(dejavu)) {
      const conf = join(w.dir, 'fonts.conf');
      writeFileSync(conf, `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><dir>${dejavu}</dir><cachedir>${join(w.dir, 'fc-cache')}</cachedir></fontconfig>`);
      expect(shoot('本', { FONTCONFIG_FILE: conf }).equals(shoot('期', { FONTCONFIG_FILE: conf }))).toBe(true);
    }
  }, 600_000);
});

