// SPEC §1 --lang zh: enum values show their Chinese labels and codes show as `标签(CODE)` in table,
// CSV, XLSX, Markdown and HTML output; --lang en and JSON keep the English identifiers. Run on
// the bundled samples, with a confirmed flag and a second batch so that recoveries have reasons.

import { describe, it, expect, beforeAll } from 'vitest';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { workspace, importSamples } from '../helpers/cli.js';
import { CODE_LABELS } from '../../src/cli/labels.js';
import { FLAG_RULES } from '../../src/core/flags/raise-flags.js';

const SAMPLES = join(import.meta.dirname, '..', '..', 'samples');
let w: ReturnType<typeof workspace>;

beforeAll(async () => {
  w = workspace();
  await importSamples(w);
  for (const [file, kind] of [['list-pension-gb18030.csv', 'pension'], ['list-public-staff.csv', 'public_staff'], ['list-student.csv', 'student'],
    ['list-death.csv', 'death'], ['list-insured-ac20.csv', 'insured']]) {
    expect((await w.run('import', 'list', join(SAMPLES, file), '--kind', kind)).code).toBe(0);
  }
  expect((await w.run('check', '--as-of', '2021-12-31')).code).toBe(0);
  expect((await w.run('disburse', '--date', '2021-12-31', '--format', 'csv')).code).toBe(0);
  // A confirmed flag rejects claims already paid: the next batch recovers them, with reasons.
  const approvals = JSON.parse((await w.run('approvals', '--decision', 'approved', '--format', 'json')).stdout) as { flags: string }[];
  const paidFlag = approvals.find((a) => a.flags !== '')!.flags.split(';')[0];
  expect((await w.run('flags', 'resolve', paidFlag, '--confirmed', '--note', 'checked')).code).toBe(0);
  expect((await w.run('check', '--as-of', '2021-12-31')).code).toBe(0);
  expect((await w.run('disburse', '--date', '2021-12-31', '--format', 'csv')).code).toBe(0);
}, 180_000);

const zh = (...args: string[]) => w.run('--lang', 'zh', ...args);

/** A snake_case identifier such as two_after or employment_subsidy. */
const SNAKE_ID = /\b[a-z]+_[a-z_]+\b/g;
const CODE_OR_ENUM: Record<string, Record<string, string>> = { training_type: { employment_skills: '就业技能培训', entrepreneurship: '创业培训', labor_preparation: '劳动预备培训', job_skills: '岗位技能提升培训', safety_skills: '安全技能培训' } };
/** A code standing on its own, not inside `标签(…)`. */
const BARE_CODE = /(?<![(\w])(?:[EPWF]_[A-Z_]+|PAYEE_CHANGED|FUND_CHANGED|AMOUNT_CHANGED)\b(?!\))/g;

function rowsOf(csvText: string): Record<string, string>[] {
  return parse(csvText.replace(/^\ufeff/, ''), { columns: true, skip_empty_lines: true, relax_column_count: true }) as Record<string, string>[];
}

describe('--lang zh labels enum values and codes', () => {
  it('leaves no English identifier and no bare code in the zh CSV of approvals, payments, flags, disbursements and the return', async () => {
    const outputs: Record<string, string> = {
      approvals: (await zh('approvals', '--format', 'csv')).stdout,
      public: (await zh('approvals', '--public', '--format', 'csv')).stdout,
      payments: (await zh('payments', '--format', 'csv')).stdout,
      disbursements: (await zh('disbursements', '--format', 'csv')).stdout,
      recoveries: (await zh('disbursements', '--recoveries', '--format', 'csv')).stdout,
      byPayee: (await zh('disbursements', '--by', 'payee', '--format', 'csv')).stdout,
      institutions: (await zh('institutions', '--format', 'csv')).stdout,
      issuers: (await zh('issuers', '--format', 'csv')).stdout,
      report: (await zh('report', 'annual', '2020', '--format', 'csv')).stdout,
      reportMd: (await zh('report', 'quarterly', '2020Q3', '--format', 'md')).stdout,
      reportHtml: (await zh('report', 'quarterly', '2020Q3', '--format', 'html')).stdout.replace(/<[^>]*>/g, ' '),
    };
    // The flag id is the handle an auditor gives `flags resolve`: kept whole, in its own column.
    const flagRows = rowsOf((await zh('flags', '--format', 'csv')).stdout);
    outputs.flags = flagRows.map((r) => Object.entries(r).filter(([k]) => k !== '疑点编号').map(([, v]) => v).join(',')).join('\n');
    for (const [name, text] of Object.entries(outputs)) {
      expect(text.length, name).toBeGreaterThan(100);
      expect(text.match(SNAKE_ID) ?? [], name).toEqual([]);
      expect(text.match(BARE_CODE) ?? [], name).toEqual([]);
    }
    expect(outputs.recoveries).toContain('追回');
    expect(outputs.recoveries).toMatch(/经核查确认违规\(E_FRAUD_CONFIRMED\)/);
  });

  it('shows the first §3 label, a short word for other values, and 标签(CODE) for codes', async () => {
    const rows = rowsOf((await zh('approvals', '--format', 'csv')).stdout);
    const json = JSON.parse((await w.run('approvals', '--format', 'json')).stdout) as Record<string, string>[];
    expect(rows).toHaveLength(json.length);
    const i = json.findIndex((r) => r.categories.includes(';'));
    const k = json.findIndex((r) => r.reasons.includes(';'));
    expect(Math.min(i, k)).toBeGreaterThanOrEqual(0);
    const [en, cn] = [json[i], rows[i]];
    const CATEGORY: Record<string, string> = { two_after: '两后生', poor_labor: '贫困劳动力', employment_difficult: '就业困难人员', urban_dibao: '城市低保家庭', laid_off: '下岗失业人员', rural_migrant: '农村转移就业劳动者', employee: '企业职工', disabled: '残疾人' };
    for (const [k, v] of Object.entries(CATEGORY)) {
      if (en.categories.split(';').includes(k)) expect(cn['人员类别'].split(';')).toContain(v);
    }
    expect(rows[k]['原因'].split(';')).toEqual(json[k].reasons.split(';').map((c) => `${CODE_LABELS[c]}(${c})`));
    const byDecision = { approved: '通过', partial: '部分通过', rejected: '不予补贴', pending: '待定', review: '暂缓待核' } as Record<string, string>;
    json.forEach((r, j) => expect(rows[j]['审核结果']).toBe(byDecision[r.decision]));
    const employment = json.findIndex((r) => r.training_type === 'employment_skills');
    expect(rows[employment]['培训类型']).toBe('就业技能培训');
    const female = json.findIndex((r) => r.sex === 'female');
    expect(rows[female]['性别']).toBe('女');
  });

  it('labels every reason code, flag rule and recovery reason', () => {
    for (const rule of FLAG_RULES.map((r) => r.rule)) expect(CODE_LABELS[rule], rule).toBeTruthy();
    for (const code of ['E_ID_INVALID', 'E_AGE', 'E_PERIOD', 'E_INSTITUTION', 'E_CATEGORY', 'E_EMPLOYER', 'E_ATTENDANCE', 'P_IN_TRAINING',
      'E_CERT_WINDOW', 'P_AWAITING_CERT', 'E_NO_CERT', 'E_FRAUD_CONFIRMED', 'E_NO_RATE', 'W_MONTHS_CAPPED', 'E_REPEAT', 'E_LOWER_LEVEL',
      'E_ANNUAL_CAP', 'PAYEE_CHANGED', 'FUND_CHANGED', 'AMOUNT_CHANGED', 'F_CERT_BURST']) expect(CODE_LABELS[code], code).toBeTruthy();
  });

  it('labels the values of a zh workbook and table too', async () => {
    const out = join(w.dir, 'approvals-zh.xlsx');
    expect((await zh('approvals', '--out', out)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0];
    const text: string[] = [];
    ws.eachRow((row) => row.eachCell((cell) => text.push(String(cell.value))));
    expect(text.join('\n').match(SNAKE_ID) ?? []).toEqual([]);
    const table = (await zh('flags', '--format', 'table')).stdout;
    expect(table).toMatch(/高|中|低/);
    expect(table.match(SNAKE_ID) ?? []).toEqual([]);
  });

  it('heads a person\'s record in Chinese, its decisions labelled', async () => {
    const json = JSON.parse((await w.run('approvals', '--decision', 'approved', '--format', 'json')).stdout) as Record<string, string>[];
    const r = await zh('person', json[0].id_number);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('## 花名册记录');
    expect(r.stdout).toMatch(/剩余 \d+ 次/);
    const decisions = r.stdout.slice(r.stdout.indexOf('## 审核结果'), r.stdout.indexOf('## 拨付'));
    expect(decisions).toContain('通过');
    expect(decisions).not.toMatch(/\bapproved\b/);
  });

  it('explains a claim in Chinese: its decision, reasons and steps labelled', async () => {
    const json = JSON.parse((await w.run('approvals', '--decision', 'rejected', '--format', 'json')).stdout) as Record<string, string>[];
    const r = await zh('explain', json[0].claim_id);
    expect(r.code).toBe(0);
    const first = r.stdout.split('\n')[0];
    expect(first).toContain('不予补贴');
    for (const code of json[0].reasons.split(';')) expect(first).toContain(`(${code})`);
    expect(r.stdout).toMatch(/ 1\. 身份证号 /);
  });

  it('names every fact of explain in Chinese and labels its values, the policy\'s parameter paths kept; English under en', async () => {
    const json = JSON.parse((await w.run('approvals', '--format', 'json')).stdout) as Record<string, string>[];
    const claims = [json.find((c) => c.decision === 'approved' && c.living_allowance !== '0.00')!, json.find((c) => c.decision === 'rejected')!];
    for (const claim of claims) {
      const r = await zh('explain', claim.claim_id);
      expect(r.code).toBe(0);
      const facts = r.stdout.split('\n').map((l) => /^ {8}([^:]+): (.*)$/.exec(l)).filter((m): m is RegExpExecArray => m !== null && !m[1].includes('.csv'));
      expect(facts.length, claim.claim_id).toBeGreaterThan(15);
      for (const [, key, value] of facts) {
        expect(key).toMatch(/^[\u4e00-\u9fff（）]+$/);
        if (key !== '补贴标准') expect(value.match(SNAKE_ID) ?? [], `${key}: ${value}`).toEqual([]);
        expect(value.match(BARE_CODE) ?? [], `${key}: ${value}`).toEqual([]);
      }
    }
    const approved = (await zh('explain', claims[0].claim_id)).stdout;
    expect(approved).toContain(`        培训类型: ${CODE_OR_ENUM.training_type[claims[0].training_type] ?? claims[0].training_type}`);
    expect(approved).toMatch(/ {8}取证期限: \d{4}-\d\d-\d\d 至 \d{4}-\d\d-\d\d/);
    expect(approved).toMatch(/ {8}资金渠道: (就业补助资金|失业保险基金)\n/);
    const en = (await w.run('--lang', 'en', 'explain', claims[0].claim_id)).stdout;
    expect(en).toContain(`        training_type: ${claims[0].training_type}\n`);
    expect(en).toMatch(/ {8}window: \["\d{4}-\d\d-\d\d","\d{4}-\d\d-\d\d"\]\n/);
  });

  it('heads the audit log in Chinese and names each action in words, the command kept beside it', async () => {
    const rows = rowsOf((await zh('log', '--format', 'csv')).stdout);
    expect(Object.keys(rows[0])).toEqual(['编号', '时间', '操作系统用户', '版本', '操作', '命令行', '详情']);
    expect(rows.map((r) => r['操作'])).toContain('导入花名册(import roster)');
    expect(rows.map((r) => r['操作'])).toContain('审核(check)');
    expect((await zh('log', '--format', 'table')).stdout).toMatch(/^#1 .* 导入机构目录\(import institutions\)$/m);
    expect(JSON.parse((await zh('log', '--format', 'json')).stdout)[0].action).toBe('import institutions');
  });

  it('keeps the English identifiers with --lang en and in JSON under zh', async () => {
    const en = (await w.run('--lang', 'en', 'approvals', '--format', 'csv')).stdout;
    expect(en).toMatch(/employment_skills/);
    expect(en).toMatch(/\bapproved\b/);
    const json = (await zh('approvals', '--format', 'json')).stdout;
    expect(json).toMatch(/"decision": "approved"/);
    expect(json).not.toMatch(/通过/);
    const reportJson = (await zh('report', 'quarterly', '2020Q3', '--format', 'json')).stdout;
    expect(reportJson).toMatch(/"employment_subsidy"/);
  });
});
