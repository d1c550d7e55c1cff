// SPEC §8.8: `institutions` and `issuers` against a small database whose every figure is worked
// out by hand, in CSV, JSON and HTML (the issuers' chart drawn by headless Chromium), with --year.

import { describe, it, expect, beforeAll } from 'vitest';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { workspace, csv } from '../helpers/cli.js';
import { findChromium, renderPage } from '../helpers/chromium.js';
import { CERT_HEADER_EN, EMPLOYER_CODE, INSTITUTION_CODE, ROSTER_HEADER_EN, certRow, rosterRow } from '../helpers/rows.js';
import { personId } from '../helpers/claims.js';

const A = INSTITUTION_CODE;
const B = EMPLOYER_CODE;
const C = '91500103MA5U123458';
const P = [1, 2, 3, 4, 5, 6].map((k) => personId(`1990-01-0${k}`, 'male'));
const WELDER = { occupation_code: '6-18-02-04', occupation_name: '焊工' };
const CENTRE = '重庆市职业技能鉴定指导中心';

const w = workspace();

beforeAll(async () => {
  const phone = (k: number) => `1380013800${k}`;
  const roster = csv([ROSTER_HEADER_EN,
    rosterRow({ class_id: 'A1', id_number: P[0], phone: phone(1) }),
    rosterRow({ class_id: 'A1', id_number: P[1], phone: phone(2), institution_name: '渝中 职校' }),
    rosterRow({ class_id: 'A1', id_number: P[2], phone: phone(3) }),
    ...[['B1', P[3], {}], ['B2', P[3], { ...WELDER, start_date: '2021-03-10', end_date: '2021-03-30' }], ['B1', P[4], {}]].map(([classId, id, more], k) => rosterRow({
      class_id: classId as string, id_number: id as string, phone: phone(4 + k), institution_code: B, institution_name: '解放碑培训中心',
      start_date: '2021-03-01', end_date: '2021-03-20', ...(more as object),
    })),
    rosterRow({ class_id: 'C1', id_number: P[5], phone: phone(7), institution_code: C, institution_name: '某公司', start_date: '2021-05-01', end_date: '2021-05-20' }),
  ]);
  const certificates = csv([CERT_HEADER_EN,
    certRow({ cert_number: 'Z1', id_number: P[0], issue_date: '2020-08-01', issuer: CENTRE }),
    certRow({ cert_number: 'Z2', id_number: P[1], issue_date: '2020-08-03', issuer: '新 站' }),
    certRow({ cert_number: 'Z4', id_number: P[3], issue_date: '2021-04-01', issuer: '新站' }),
    certRow({ cert_number: 'Z5', id_number: P[3], issue_date: '2021-04-02', issuer: '新站', ...WELDER }),
    certRow({ cert_number: 'Z6', id_number: P[4], issue_date: '2021-04-01', issuer: '新站' }),
    certRow({ cert_number: 'Z7', id_number: P[2], issue_date: '2020-09-01', issuer: '', occupation_code: '4-03-02-01', occupation_name: '中式烹调师' }),
  ]);
  const catalogue = csv([['institution_code', 'institution_name', 'valid_from', 'valid_to'], [A, '渝中职校', '', ''], [B, '解放碑培训中心', '', '']]);
  const pension = csv([['id_number', 'name', 'from'], [P[4], '张三', '2010-01-01']]);
  // Thresholds low enough that 新站's three certificates of 2021-04 are a burst (n 3 ≥ 3, and ≥ 1 × max(median 3, 1/12)).
  const shipped = readFileSync(join(import.meta.dirname, '..', '..', 'src', 'policies', 'yuzhong-2019.yaml'), 'utf8');
  const policy = w.file('p.yaml', shipped.replace('cert_burst_min: 200', 'cert_burst_min: 3').replace('cert_burst_ratio: 4', 'cert_burst_ratio: 1'));
  expect((await w.run('import', 'institutions', w.file('i.csv', catalogue))).code).toBe(0);
  expect((await w.run('import', 'roster', w.file('r.csv', roster))).code).toBe(0);
  expect((await w.run('import', 'certificates', w.file('c.csv', certificates))).code).toBe(0);
  expect((await w.run('import', 'list', w.file('pension.csv', pension), '--kind', 'pension')).code).toBe(0);
  expect((await w.run('check', '--policy', policy, '--as-of', '2021-12-31')).code).toBe(0);
}, 60_000);

const lines = (text: string) => text.replace(/^\ufeff/, '').trimEnd().split('\r\n');

describe('institutions (SPEC §8.8)', () => {
  it('gives one row per institution, most high-severity flags first, then money paid, then code', async () => {
    const r = await w.run('institutions', '--format', 'csv');
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toEqual([
      'institution_code,institution_name,in_catalogue,classes,trainees,claims,approved,partial,rejected,pending,review,pass_rate,paid_total,flags_high,flags_medium,flags_low,listed_trainees,first_start,last_end',
      // F_OVERLAP (P4 in B1 and B2) and F_PENSIONER (P5) are high; the burst of 新站 in 2021-04 is medium.
      `${B},解放碑培训中心,yes,2,2,3,0,0,0,0,3,,0.00,2,1,0,1,2021-03-01,2021-03-30`,
      // The spelling seen most often; P3 has no certificate (E_NO_CERT).
      `${A},渝中职校,yes,1,3,3,2,0,1,0,0,,2000.00,0,0,0,0,2020-07-01,2020-07-20`,
      `${C},某公司,no,1,1,1,0,0,1,0,0,,0.00,0,0,0,0,2021-05-01,2021-05-20`,
    ]);
  });

  it('with --year counts only the claims whose class ended that year, and gives pass_rate from pass_rate_min_enrollments on', async () => {
    const shipped = readFileSync(join(import.meta.dirname, '..', '..', 'src', 'policies', 'yuzhong-2019.yaml'), 'utf8');
    const low = w.file('low.yaml', shipped.replace('pass_rate_min_enrollments: 30', 'pass_rate_min_enrollments: 3'));
    const w2 = workspace();
    await w2.run('import', 'roster', w2.file('r.csv', csv([ROSTER_HEADER_EN, ...[0, 1, 2].map((k) => rosterRow({ class_id: 'A1', id_number: P[k], phone: `1390000000${k}` })),
      rosterRow({ class_id: 'A9', id_number: P[3], phone: '13900000009', start_date: '2021-01-04', end_date: '2021-01-20' })])));
    await w2.run('import', 'certificates', w2.file('c.csv', csv([CERT_HEADER_EN, certRow({ cert_number: 'Z1', id_number: P[0] }), certRow({ cert_number: 'Z2', id_number: P[1] })])));
    expect((await w2.run('check', '--policy', low, '--as-of', '2021-12-31')).code).toBe(0);
    const json = JSON.parse((await w2.run('institutions', '--year', '2020', '--format', 'json')).stdout);
    expect(json).toEqual([{
      institution_code: A, institution_name: '渝中职校', in_catalogue: '', classes: 1, trainees: 3, claims: 3, approved: 2, partial: 0, rejected: 1,
      pending: 0, review: 0, pass_rate: 0.6667, paid_total: '2000.00', flags_high: 0, flags_medium: 0, flags_low: 0, listed_trainees: 0,
      first_start: '2020-07-01', last_end: '2020-07-20',
    }]);
    expect(JSON.parse((await w2.run('institutions', '--format', 'json')).stdout)[0]).toMatchObject({ classes: 2, claims: 4, pass_rate: 0.5, last_end: '2021-01-20' });
  });

  it('writes a ranked table as HTML', async () => {
    const out = join(w.dir, 'institutions.html');
    expect((await w.run('institutions', '--out', out)).code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<th>Rank</th><th>institution_code</th>');
    expect(html).toContain(`<tr class="high"><td class="num">1</td><td>${B}</td>`);
  });

  it('writes a ranked Markdown table', async () => {
    const md = (await w.run('institutions', '--format', 'md')).stdout.split('\n');
    expect(md[0]).toBe('# Training institutions — audit scorecard');
    expect(md[6]).toBe(`| 1 | ${B} | 解放碑培训中心 | yes | 2 | 2 | 3 | 0 | 0 | 0 | 0 | 3 |  | 0.00 | 2 | 1 | 0 | 1 | 2021-03-01 | 2021-03-30 |`);
  });

  it('refuses a year that is not one (exit 2)', async () => {
    const r = await w.run('institutions', '--year', '20x0');
    expect(r.code).toBe(2);
  });
});

describe('issuers (SPEC §8.8)', () => {
  it('gives one row per issuer compared as §7\'s names, by peak_count then issuer; a blank issuer has none', async () => {
    const r = await w.run('issuers', '--format', 'csv');
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toEqual([
      'issuer,certificates,holders,first_issue,last_issue,peak_month,peak_count,funding_paid_claims,burst_months',
      // 新 站 and 新站 are one issuer; its 2021-04 claims are held for review (not paid).
      '新站,4,3,2020-08-03,2021-04-02,2021-04,3,1,2021-04',
      `${CENTRE},1,1,2020-08-01,2020-08-01,2020-08,1,1,`,
    ]);
    const flags = JSON.parse((await w.run('flags', '--rule', 'F_CERT_BURST', '--format', 'json')).stdout);
    expect(flags.map((f: { subject_type: string; subject: string; severity: string }) => [f.subject_type, f.subject, f.severity])).toEqual([['issuer_month', '新站/2021-04', 'medium']]);
    expect(flags[0].detail).toBe('issuer 新站 issued 3 certificates in 2021-04; that month\'s median over all issuers is 3, and its own monthly average over the 12 months before is 0.08; 3 claim(s) use them.');
    expect(flags[0].cert_numbers).toBe('Z4;Z5;Z6');
  });

  it('with --year counts that year\'s certificates, the claims they fund and that year\'s bursts', async () => {
    const r = await w.run('issuers', '--year', '2020', '--format', 'csv');
    expect(lines(r.stdout)).toEqual([
      'issuer,certificates,holders,first_issue,last_issue,peak_month,peak_count,funding_paid_claims,burst_months',
      // That year's only spelling.
      '新 站,1,1,2020-08-03,2020-08-03,2020-08,1,1,',
      `${CENTRE},1,1,2020-08-01,2020-08-01,2020-08,1,1,`,
    ]);
  });

  it('heads its columns in Chinese with --lang zh', async () => {
    const r = await w.run('--lang', 'zh', 'issuers', '--format', 'csv');
    expect(lines(r.stdout)[0]).toBe('发证机构,证书数,持证人数,最早发证,最晚发证,发证高峰月,高峰月发证数,补贴申请数,突击发证月份');
  });

  it('draws the ten largest issuers\' certificates per month as an SVG chart that Chromium renders', async () => {
    const html = join(w.dir, 'issuers.html');
    expect((await w.run('issuers', '--out', html)).code).toBe(0);
    const text = readFileSync(html, 'utf8');
    expect(text.match(/<polyline class="series"/g)?.length).toBe(2);
    expect(text.match(/<circle class="burst"/g)?.length).toBe(1);
    const chromium = findChromium();
    if (!chromium) {
      console.warn('skipped the rendering: Chromium is not installed and could not be installed here');
      return;
    }
    const png = join(w.dir, 'issuers.png');
    const shot = renderPage(chromium, html, png, w.dir, '1200,900');
    expect(existsSync(png), shot.stderr).toBe(true);
    expect(statSync(png).size).toBeGreaterThan(10_000);
    // The DOM as Chromium parsed it holds the chart: an SVG with a line per issuer and the burst ringed.
    expect(shot.dom).toMatch(/<svg role="img"/);
    expect(shot.dom.match(/<polyline class="series"/g)?.length).toBe(2);
    expect(shot.dom.match(/<circle class="burst"/g)?.length).toBe(1);
  }, 600_000);
});


describe('F_CERT_BURST thresholds in the policy (SPEC §5)', () => {
  it('refuses a cert_burst_min that is not a whole count and a cert_burst_ratio out of range, by path, and takes dated values', async () => {
    const shipped = readFileSync(join(import.meta.dirname, '..', '..', 'src', 'policies', 'yuzhong-2019.yaml'), 'utf8');
    const bad = w.file('bad-burst.yaml', shipped.replace('cert_burst_min: 200', 'cert_burst_min: 199.5').replace('cert_burst_ratio: 4', 'cert_burst_ratio: {2019-01-01: 4, 2021-01-01: 5000}'));
    const r = await w.run('policy', 'check', bad);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('thresholds.cert_burst_min: expected a whole number from 0 to 10000000');
    expect(r.stderr).toContain('thresholds.cert_burst_ratio.2021-01-01: expected a number from 0 to 1000');
    const dated = w.file('dated-burst.yaml', shipped.replace('cert_burst_ratio: 4', 'cert_burst_ratio: {2019-01-01: 4, 2021-01-01: 5}'));
    expect((await w.run('policy', 'check', dated)).code).toBe(0);
  });
});

describe('the issuers\' sample export', () => {
  const SAMPLES = join(import.meta.dirname, '..', '..', 'samples');

  it('is made again byte for byte by the sample generator', async () => {
    const { generateSamples } = await import('../../samples/generate.js');
    const { tempDir } = await import('../helpers/cli.js');
    const dir = tempDir();
    generateSamples(dir);
    expect(readFileSync(join(dir, 'certificates-issuers.csv')).equals(readFileSync(join(SAMPLES, 'certificates-issuers.csv')))).toBe(true);
  });

  it('flags the new body\'s two months, and neither the large steady body nor the small one', async () => {
    const s = workspace();
    expect((await s.run('import', 'certificates', join(SAMPLES, 'certificates.csv'), join(SAMPLES, 'certificates-issuers.csv'))).code).toBe(0);
    expect((await s.run('check', '--as-of', '2021-12-31')).code).toBe(0);
    const flags = JSON.parse((await s.run('flags', '--rule', 'F_CERT_BURST', '--format', 'json')).stdout);
    expect(flags.map((f: { subject: string }) => f.subject)).toEqual(['重庆金鼎职业技能鉴定站/2021-11', '重庆金鼎职业技能鉴定站/2021-12']);
    const issuers = JSON.parse((await s.run('issuers', '--format', 'json')).stdout);
    expect(issuers.map((r: { issuer: string; peak_count: number; burst_months: string }) => [r.issuer, r.burst_months])).toEqual([
      ['重庆金鼎职业技能鉴定站', '2021-11;2021-12'], ['重庆市渝州职业技能评价中心', ''], ['渝中区家政服务专项能力考核点', ''], ['重庆市职业技能鉴定指导中心', ''],
    ]);
    expect(issuers[1].peak_count).toBeGreaterThanOrEqual(200);
    expect(issuers[2].peak_count).toBe(190);
  }, 60_000);
});
