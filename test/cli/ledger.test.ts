// The disbursement ledger through the real CLI (SPEC §10, §6 step 10, §8.4, §8.5): advance and
// balance, recoveries, payee changes, a late certificate, dry runs, refused dates, concurrent
// batches, immutability, and a property test over random sequences of import, check, resolve and
// disburse: a claim is never paid twice.

import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { workspace, csv } from '../helpers/cli.js';
import { rosterRow, ROSTER_HEADER_EN, certRow, CERT_HEADER_EN, EMPLOYER_CODE, type RosterFields } from '../helpers/rows.js';
import { personId } from '../helpers/claims.js';
import { rng } from '../../samples/generate.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'skillsub.js');
const A = personId('1990-01-01', 'male');
const B = personId('1985-05-05', 'female', 2);

type Ws = ReturnType<typeof workspace>;
type Line = Record<string, string | number>;

let fileSeq = 0;
/** Imports the rows as a new roster file and gives its name. */
async function roster(w: Ws, ...rows: RosterFields[]): Promise<string> {
  const name = `roster-${++fileSeq}.csv`;
  const r = await w.run('import', 'roster', w.file(name, csv([ROSTER_HEADER_EN, ...rows.map((f) => rosterRow(f))])));
  expect(r.code, r.stderr).toBe(0);
  return name;
}
async function certs(w: Ws, ...rows: Partial<Record<string, string>>[]) {
  const r = await w.run('import', 'certificates', w.file(`certs-${++fileSeq}.csv`, csv([CERT_HEADER_EN, ...rows.map((f) => certRow(f))])));
  expect(r.code, r.stderr).toBe(0);
}
async function check(w: Ws, asOf: string) {
  const r = await w.run('check', '--as-of', asOf);
  expect(r.code, r.stderr).toBe(0);
}
async function disburse(w: Ws, date: string, ...more: string[]): Promise<{ code: number; lines: Line[]; stderr: string }> {
  const r = await w.run('disburse', '--date', date, '--format', 'json', ...more);
  return { code: r.code, lines: r.code === 0 ? JSON.parse(r.stdout) : [], stderr: r.stderr };
}
async function ledger(w: Ws, ...more: string[]): Promise<Line[]> {
  const r = await w.run('disbursements', '--format', 'json', ...more);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}
const brief = (lines: Line[]) => lines.map((l) => `${l.batch} ${l.component} ${l.payee_type} ${l.type} ${l.amount} ${l.reasons}`);

function spawnCli(db: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, '--db', db, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('disburse: advance and balance (十二) 先拨付50%', () => {
  it('pays nothing before the class starts, the advance shares while it runs, and the balance from its end date', async () => {
    const w = workspace();
    // project-based, poor labour: main 1000.00 to the institution, living 600.00 (20 days) to the person; advance 800.00.
    await roster(w, { class_id: 'P1', id_number: A, project_based: '是', categories: '建档立卡贫困劳动力' });
    await certs(w, { id_number: A, issue_date: '2020-07-10' });
    await check(w, '2020-07-15');
    expect((await disburse(w, '2020-06-30')).lines).toEqual([]);
    const advance = await disburse(w, '2020-07-15');
    expect(advance.code).toBe(0);
    expect(advance.lines).toEqual([
      { batch: 1, date: '2020-07-15', run: 1, claim_id: `P1/${A}`, component: 'living', payee_type: 'person', payee_code: A, payee_name: '张三', fund: 'employment_subsidy', type: 'payment', amount: '300.00', reasons: '', source: 'roster-1.csv:2' },
      { batch: 1, date: '2020-07-15', run: 1, claim_id: `P1/${A}`, component: 'main', payee_type: 'institution', payee_code: '91110000600037341L', payee_name: '渝中职校', fund: 'employment_subsidy', type: 'payment', amount: '500.00', reasons: '', source: 'roster-1.csv:2' },
    ]);
    expect(advance.stderr).toContain('batch 1 recorded: 2020-07-15, run 1, 2 line(s) — payments 800.00, recoveries 0.00, net 800.00');
    expect(brief((await disburse(w, '2020-07-20')).lines)).toEqual(['2 living person payment 300.00 ', '2 main institution payment 500.00 ']);
    const again = await disburse(w, '2020-07-20');
    expect(again).toMatchObject({ code: 0, lines: [] });
    expect(again.stderr).toContain('nothing to disburse');
    expect((await ledger(w)).map((l) => l.batch)).toEqual([1, 1, 2, 2]);
  });

  it('pays an apprenticeship\'s advance to the employer during the apprenticeship and the balance after it', async () => {
    const w = workspace();
    await roster(w, {
      class_id: 'AP1', id_number: A, training_type: '企业新型学徒制', categories: '企业职工', employer_name: '重庆某公司', employer_code: EMPLOYER_CODE,
      start_date: '2020-01-01', end_date: '2020-12-31',
    });
    await check(w, '2020-06-30');
    expect(brief((await disburse(w, '2020-06-30')).lines)).toEqual(['1 main employer payment 2000.00 ']);
    await check(w, '2021-01-10');
    expect(brief((await disburse(w, '2021-01-10')).lines)).toEqual(['2 main employer payment 2000.00 ']);
    expect(await ledger(w, '--by', 'claim', '--date', '2021-01-10')).toEqual([{ claim_id: `AP1/${A}`, disbursed: '4000.00', due_now: '4000.00', difference: '0.00' }]);
  });
});

describe('disburse: recoveries (追回)', () => {
  it('recovers a paid claim after an auditor confirms its flag, with E_FRAUD_CONFIRMED, and lists it in the recovery list', async () => {
    const w = workspace();
    // laid off yet naming an employer: F_CATEGORY_CONFLICT (medium), so the claim is paid until confirmed
    await roster(w, { class_id: 'K1', id_number: A, categories: '失业人员', employer_name: '某公司' }, { class_id: 'K1', id_number: B, name: '李四' });
    await certs(w, { id_number: A }, { cert_number: 'C0002', id_number: B, name: '李四' });
    await check(w, '2020-09-01');
    expect(brief((await disburse(w, '2020-09-01')).lines)).toEqual(['1 main institution payment 1000.00 ', '1 main institution payment 1000.00 ']);
    const flags = JSON.parse((await w.run('flags', '--format', 'json')).stdout) as { flag_id: string; rule: string }[];
    const conflict = flags.find((f) => f.rule === 'F_CATEGORY_CONFLICT')!;
    expect((await w.run('flags', 'resolve', conflict.flag_id, '--confirmed', '--note', 'employed all year')).code).toBe(0);
    await check(w, '2020-10-01');
    const second = await disburse(w, '2020-10-01');
    expect(second.lines).toMatchObject([{ batch: 2, claim_id: `K1/${A}`, component: 'main', type: 'recovery', amount: '-1000.00', reasons: 'E_FRAUD_CONFIRMED' }]);
    expect(second.lines).toHaveLength(1);
    const recoveries = await ledger(w, '--recoveries');
    expect(brief(recoveries)).toEqual(['2 main institution recovery -1000.00 E_FRAUD_CONFIRMED']);
    // CSV: the recovery's amount is a number, not guarded text (SPEC §9)
    const text = (await w.run('disbursements', '--recoveries', '--format', 'csv')).stdout;
    const [header, row] = parse(text.replace(/^\ufeff/, '')) as string[][];
    expect(header).toEqual(['batch', 'date', 'run', 'claim_id', 'component', 'payee_type', 'payee_code', 'payee_name', 'fund', 'type', 'amount', 'reasons', 'source']);
    expect(row[10]).toBe('-1000.00');
    const xlsx = join(w.dir, 'recoveries.xlsx');
    expect((await w.run('disbursements', '--recoveries', '--out', xlsx)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.worksheets[0].getRow(2).getCell(11).value).toBe(-1000);
    const zh = (await w.runEnv({ LANG: 'zh_CN.UTF-8' }, 'disbursements', '--format', 'csv')).stdout.split('\r\n')[0];
    expect(zh).toBe('\ufeff拨付批次,拨付日期,审核运行,申请编号,补贴项目,收款方类型,收款方代码,收款方,资金渠道,类型,金额,原因,来源');
    expect(await ledger(w, '--by', 'payee')).toEqual([
      { payee_type: 'institution', payee_code: '91110000600037341L', payee_name: '渝中职校', fund: 'employment_subsidy', payments: '2000.00', recoveries: '1000.00', net: '1000.00' },
    ]);
    // the returns (§8.4) and the person's record (§8.5)
    const q3 = JSON.parse((await w.run('report', 'quarterly', '2020Q3', '--format', 'json')).stdout);
    const q4 = JSON.parse((await w.run('report', 'quarterly', '2020Q4', '--format', 'json')).stdout);
    expect(q3.disbursed).toEqual({ payments: '2000.00', recoveries: '0.00', net: '2000.00', by_fund: { employment_subsidy: '2000.00', unemployment_insurance: '0.00' }, batches: 1 });
    expect(q4.disbursed).toMatchObject({ payments: '0.00', recoveries: '1000.00', net: '-1000.00', batches: 1 });
    const person = JSON.parse((await w.run('person', A, '--format', 'json')).stdout);
    expect(person.disbursements.map((l: Line) => `${l.batch} ${l.type} ${l.amount}`)).toEqual(['1 payment 1000.00', '2 recovery -1000.00']);
  });

  it('moves the money to the new payee when a corrected roster changes it: PAYEE_CHANGED and a payment', async () => {
    const w = workspace();
    await roster(w, { class_id: 'K1', id_number: A, categories: '农民工' });
    await certs(w, { id_number: A });
    await check(w, '2020-09-01');
    expect(brief((await disburse(w, '2020-09-01')).lines)).toEqual(['1 main institution payment 1000.00 ']);
    // the corrected row: a college graduate, paid in person
    const corrected = await roster(w, { class_id: 'K1', id_number: A, categories: '高校毕业生' });
    await check(w, '2020-10-01');
    const second = await disburse(w, '2020-10-01');
    expect(brief(second.lines)).toEqual(['2 main institution recovery -1000.00 PAYEE_CHANGED', '2 main person payment 1000.00 ']);
    expect(second.lines[1]).toMatchObject({ payee_code: A, payee_name: '张三', source: `${corrected}:2` });
    expect(second.lines[0]).toMatchObject({ payee_code: '91110000600037341L', payee_name: '渝中职校', source: `${corrected}:2` });
  });
});

describe('step 10 with the ledger (SPEC §6 step 10)', () => {
  /** Three paid certificate claims in 2020, and a fourth whose certificate, issued earlier, arrives late. */
  async function lateCertificate(disburseFirst: boolean) {
    const w = workspace();
    const cls = (k: string, code: string, name: string, start: string, end: string): RosterFields =>
      ({ class_id: k, id_number: A, occupation_code: code, occupation_name: name, start_date: start, end_date: end });
    await roster(w, cls('D', '1-01', '甲', '2020-01-01', '2020-01-10'), cls('K2', '1-02', '乙', '2020-03-01', '2020-03-10'),
      cls('K3', '1-03', '丙', '2020-04-01', '2020-04-10'), cls('K4', '1-04', '丁', '2020-05-01', '2020-05-10'));
    await certs(w, { cert_number: 'Z2', id_number: A, occupation_code: '1-02', occupation_name: '乙', issue_date: '2020-03-20' },
      { cert_number: 'Z3', id_number: A, occupation_code: '1-03', occupation_name: '丙', issue_date: '2020-04-20' },
      { cert_number: 'Z4', id_number: A, occupation_code: '1-04', occupation_name: '丁', issue_date: '2020-05-20' });
    await check(w, '2020-06-30');
    if (disburseFirst) expect((await disburse(w, '2020-06-30')).lines).toHaveLength(3);
    await certs(w, { cert_number: 'Z1', id_number: A, occupation_code: '1-01', occupation_name: '甲', issue_date: '2020-01-20' });
    await check(w, '2020-07-05');
    const rows = JSON.parse((await w.run('approvals', '--format', 'json')).stdout) as Line[];
    return { w, decisions: Object.fromEntries(rows.map((r) => [String(r.class_id), `${r.decision} ${r.reasons}`])) };
  }

  it('never lets a certificate imported late displace a claim already paid', async () => {
    const { w, decisions } = await lateCertificate(true);
    expect(decisions).toEqual({ D: 'rejected E_ANNUAL_CAP', K2: 'approved ', K3: 'approved ', K4: 'approved ' });
    const second = await disburse(w, '2020-07-05');
    expect(second).toMatchObject({ code: 0, lines: [] });
    const explained = JSON.parse((await w.run('explain', `K2/${A}`, '--format', 'json')).stdout);
    expect(explained.steps.find((s: { step: number }) => s.step === 10).facts).toMatchObject({ ordered_first: 'money was disbursed for this claim', first_batch: 1 });
    const late = JSON.parse((await w.run('explain', `D/${A}`, '--format', 'json')).stdout);
    const step10 = late.steps.find((s: { step: number }) => s.step === 10);
    expect(step10.code).toBe('E_ANNUAL_CAP');
    expect(step10.facts.earlier_claims).toEqual([`K2/${A}`, `K3/${A}`, `K4/${A}`]);
    expect(step10.facts.ordered_first).toBeUndefined();
  });

  it('orders by certificate as before when nothing was disbursed', async () => {
    const { decisions } = await lateCertificate(false);
    expect(decisions).toEqual({ D: 'approved ', K2: 'approved ', K3: 'approved ', K4: 'rejected E_ANNUAL_CAP' });
  });
});

describe('disburse: dry runs, dates, numbering, immutability', () => {
  async function paidOne() {
    const w = workspace();
    await roster(w, { class_id: 'K1', id_number: A, categories: '农民工' });
    await certs(w, { id_number: A });
    await check(w, '2020-09-01');
    return w;
  }
  const counts = (db: string) => {
    const c = new Database(db, { readonly: true });
    try {
      return ['batches', 'ledger_lines', 'audit_log'].map((t) => (c.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n);
    } finally {
      c.close();
    }
  };

  it('prints a dry run with a blank batch and records nothing', async () => {
    const w = await paidOne();
    const before = counts(w.db);
    const dry = await disburse(w, '2020-09-01', '--dry-run');
    expect(dry.lines).toMatchObject([{ batch: '', run: 1, type: 'payment', amount: '1000.00' }]);
    expect(dry.stderr).toContain('dry run: 1 line(s)');
    expect(counts(w.db)).toEqual(before);
    expect((await disburse(w, '2020-09-01')).lines).toMatchObject([{ batch: 1 }]);
  });

  it('refuses a date before the latest batch (exit 3), with --dry-run too, and allows the same date', async () => {
    const w = await paidOne();
    await disburse(w, '2020-09-10');
    for (const extra of [[], ['--dry-run']]) {
      const r = await w.run('disburse', '--date', '2020-09-09', ...extra);
      expect(r.code).toBe(3);
      expect(r.stderr).toBe('error: --date 2020-09-09 is earlier than batch 1, dated 2020-09-10; a batch may not be dated before the latest one. Use 2020-09-10 or a later date.\n');
    }
    expect((await w.run('disburse', '--date', '2020-09-10')).code).toBe(0);
    expect((await w.run('disburse', '--date', '2020-13-01')).code).toBe(2);
    expect((await w.run('disburse')).code).toBe(2);
  });

  it('logs a recorded batch with its run, date, line count and totals', async () => {
    const w = await paidOne();
    await disburse(w, '2020-09-10');
    const log = JSON.parse((await w.run('log', '--format', 'json')).stdout) as { action: string; details: unknown }[];
    expect(log.filter((e) => e.action === 'disburse').map((e) => e.details)).toEqual([
      { batch: 1, run: 1, date: '2020-09-10', lines: 1, payments: '1000.00', recoveries: '0.00', net: '1000.00' },
    ]);
  });

  it('keeps batches immutable: updates, deletes, replaces and lines added to a recorded batch are refused', async () => {
    const w = await paidOne();
    await disburse(w, '2020-09-10');
    const c = new Database(w.db);
    try {
      for (const sql of [
        'UPDATE batches SET date = \'2020-01-01\'', 'DELETE FROM batches', 'UPDATE ledger_lines SET amount_fen = 1', 'DELETE FROM ledger_lines',
        `INSERT OR REPLACE INTO batches (id, date, run_id, created_at, os_user, lines, payments_fen, recoveries_fen) VALUES (1, '2020-01-01', 1, 'x', 'x', 1, 1, 0)`,
        `REPLACE INTO ledger_lines (id, batch_id, claim_id, id_number, component, payee_type, payee_code, payee_name, payee_key, fund, amount_fen, reasons, source)
           SELECT id, batch_id, claim_id, id_number, component, payee_type, payee_code, payee_name, payee_key, fund, 1, reasons, source FROM ledger_lines`,
        `INSERT INTO ledger_lines (batch_id, claim_id, id_number, component, payee_type, payee_code, payee_name, payee_key, fund, amount_fen, reasons, source)
           VALUES (1, 'K1/x', 'x', 'main', 'person', 'x', 'x', 'x', 'employment_subsidy', 100, '', 'x')`,
        `INSERT INTO batches (id, date, run_id, created_at, os_user, lines, payments_fen, recoveries_fen) VALUES (3, '2021-01-01', 1, 'x', 'x', 0, 0, 0)`,
      ]) expect(() => c.exec(sql), sql).toThrow(/immutable|numbered|CHECK/);
    } finally {
      c.close();
    }
    expect(await ledger(w)).toMatchObject([{ batch: 1, amount: '1000.00' }]);
  });

  it('serialises two disburse commands at once: two batches, numbered 1 and 2, whose lines do not overlap', async () => {
    const w = workspace();
    // run 1: A paid, B awaiting its certificate; run 2: A held for review (a new overlapping class), B paid
    await roster(w, { class_id: 'K1', id_number: A }, { class_id: 'K1', id_number: B, name: '李四' });
    await certs(w, { id_number: A, issue_date: '2020-07-25' }, { cert_number: 'C0002', id_number: B, name: '李四', issue_date: '2020-08-10' });
    await check(w, '2020-08-01');
    await roster(w, { class_id: 'K9', id_number: A, occupation_code: '4-03-02-01', occupation_name: '中式烹调师', start_date: '2020-07-05', end_date: '2020-07-15' });
    await check(w, '2020-09-01');
    const [one, two] = await Promise.all([
      spawnCli(w.db, ['disburse', '--run', '1', '--date', '2020-09-01', '--format', 'json']),
      spawnCli(w.db, ['disburse', '--run', '2', '--date', '2020-09-01', '--format', 'json']),
    ]);
    expect([one.code, two.code], one.stderr + two.stderr).toEqual([0, 0]);
    const batches = [JSON.parse(one.stdout), JSON.parse(two.stdout)] as Line[][];
    expect(batches.map((b) => b[0].batch).sort()).toEqual([1, 2]);
    expect(batches[0].map((l) => l.claim_id)).toEqual([`K1/${A}`]);
    expect(batches[1].map((l) => l.claim_id)).toEqual([`K1/${B}`]);
    expect((await ledger(w)).map((l) => `${l.batch} ${l.claim_id} ${l.amount}`).sort()).toEqual(
      [`${batches[0][0].batch} K1/${A} 1000.00`, `${batches[1][0].batch} K1/${B} 1000.00`].sort(),
    );
  });
});

describe('disburse over more claims than it reads at a time', () => {
  it('pays every claim once, in claim order, and recovers a class whose claims lie on both sides of a page of 2,000', async () => {
    const w = workspace();
    // 141 classes of 30: claim 2,000 in claim_id order is the 21st of class K066.
    const people = Array.from({ length: 141 * 30 }, (_, k) => ({
      classId: `K${String(Math.floor(k / 30)).padStart(3, '0')}`,
      id: personId(new Date(Date.UTC(1980, 0, 1 + (k % 2000))).toISOString().slice(0, 10), 'male', 1 + Math.floor(k / 2000)),
    }));
    const rows = (attendance: (classId: string) => string) => people.map((p) => ({ class_id: p.classId, id_number: p.id, attendance: attendance(p.classId) }));
    await roster(w, ...rows(() => '95%'));
    await certs(w, ...people.map((p, k) => ({ id_number: p.id, cert_number: `C${k}` })));
    await check(w, '2020-09-01');
    const first = await disburse(w, '2020-09-10');
    expect(first.code, first.stderr).toBe(0);
    const paid = first.lines.filter((l) => l.component === 'main').map((l) => l.claim_id);
    const claimIds = people.map((p) => `${p.classId}/${p.id}`).sort();
    expect(paid).toEqual(claimIds);
    expect(first.lines.every((l) => l.batch === 1 && l.type === 'payment' && l.amount === '1000.00')).toBe(true);
    expect((await disburse(w, '2020-09-10')).lines).toEqual([]);
    // The class on the page boundary is corrected: its attendance was 50 %, so its money comes back.
    await roster(w, ...rows((classId) => (classId === 'K066' ? '50%' : '95%')).filter((r) => r.class_id === 'K066'));
    await check(w, '2020-09-20');
    const second = await disburse(w, '2020-09-20');
    expect(second.lines.map((l) => `${l.claim_id} ${l.type} ${l.amount} ${l.reasons}`)).toEqual(
      claimIds.filter((id) => id.startsWith('K066/')).map((id) => `${id} recovery -1000.00 E_ATTENDANCE`),
    );
    expect((await disburse(w, '2020-09-20')).lines).toEqual([]);
  });
});

describe('a claim is never paid twice (property test over random sequences)', () => {
  interface Approval { claim_id: string; decision: string; main_subsidy: string; living_allowance: string; total: string; advance: string; start_date: string; end_date: string }
  const fen = (s: string) => Math.round(Number(s) * 100);
  const isPaid = (d: string) => d === 'approved' || d === 'partial';
  const held = (d: string) => d === 'pending' || d === 'review';

  /** SPEC §10's due amounts, written out again independently of the core. */
  function due(a: Approval, date: string): { main: number; living: number } {
    if (!isPaid(a.decision)) return { main: 0, living: 0 };
    const main = fen(a.main_subsidy);
    const living = fen(a.living_allowance);
    const advance = fen(a.advance);
    if (advance === 0 || date >= a.end_date) return { main, living };
    if (date < a.start_date) return { main: 0, living: 0 };
    const total = fen(a.total);
    const mainShare = Math.floor((2 * advance * main + total) / (2 * total));
    return { main: mainShare, living: advance - mainShare };
  }

  /** Lines written over all seeds: the sequences must move money both ways to prove anything. */
  const moved = { payments: 0, recoveries: 0 };

  async function net(w: Ws): Promise<Map<string, number>> {
    const m = new Map<string, number>();
    for (const l of await ledger(w)) {
      const k = `${l.claim_id} ${l.component}`;
      m.set(k, (m.get(k) ?? 0) + fen(String(l.amount)));
    }
    return m;
  }

  const PEOPLE = [A, B, personId('1999-09-09', 'male', 3)];
  const NAMES = ['张三', '李四', '王五'];
  const CATEGORIES = ['农民工', '农民工', '建档立卡贫困劳动力', '高校毕业生', '失业人员', '企业职工'];
  /** Two classes: dates and occupation (code, name). */
  const CLASSES: Record<string, [string, string, string, string]> = {
    K1: ['2020-07-01', '2020-07-20', '6-31-01-03', '电工'], K2: ['2020-08-01', '2020-08-31', '4-03-02-01', '中式烹调师'],
  };
  const DAYS = ['2020-06-20', '2020-07-05', '2020-07-15', '2020-07-25', '2020-08-10', '2020-08-25', '2020-09-30', '2020-12-31', '2021-03-31'];

  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`holds for seed ${seed}: net paid never above the latest paid decision, and equal to what is due after each batch`, async () => {
      const r = rng(seed);
      const w = workspace();
      let day = 0;
      let checkDay = 0;
      let latestRun = 0;
      const latestPaid = new Map<string, { main: number; living: number }>();
      const steps: string[] = [];
      const rosterVariant = (k: number, cls = r.pick(Object.keys(CLASSES))): RosterFields => {
        const [start, end, code, occupation] = CLASSES[cls];
        return {
          class_id: cls, id_number: PEOPLE[k], name: NAMES[k], categories: r.pick(CATEGORIES), project_based: r.chance(0.5) ? '是' : '否',
          attendance: r.chance(0.1) ? '50%' : '95%', employer_name: r.chance(0.2) ? '某公司' : '', start_date: start, end_date: end,
          occupation_code: code, occupation_name: occupation,
        };
      };
      let certSeq = 0;
      /** A certificate for person k of one class's occupation, issued during it, soon after it, or a month later. */
      const certificate = (k: number, cls = r.pick(Object.keys(CLASSES))) => {
        const [start, end, code, occupation] = CLASSES[cls];
        return { cert_number: `Z${++certSeq}`, id_number: PEOPLE[k], name: NAMES[k], occupation_code: code, occupation_name: occupation, issue_date: r.pick([start.slice(0, 8) + '10', end.slice(0, 8) + '28', '2020-09-15']) };
      };
      await roster(w, ...PEOPLE.flatMap((_, k) => Object.keys(CLASSES).map((cls) => rosterVariant(k, cls))));
      await certs(w, ...PEOPLE.flatMap((_, k) => Object.keys(CLASSES).filter(() => r.chance(0.7)).map((cls) => certificate(k, cls))));
      // Rounds of: a change to the data (a corrected row, a certificate, a verdict), then perhaps a check, then perhaps a batch.
      const ops: string[] = [];
      for (let round = 0; round < 16; round++) {
        ops.push(r.pick(['import', 'import', 'cert', 'resolve']));
        if (r.chance(0.6)) ops.push('check');
        if (r.chance(0.6)) ops.push('disburse');
      }
      for (const op of ops) {
        steps.push(op);
        if (op === 'import') {
          await roster(w, rosterVariant(r.int(0, PEOPLE.length - 1)));
        } else if (op === 'cert') {
          await certs(w, certificate(r.int(0, PEOPLE.length - 1)));
        } else if (op === 'check') {
          checkDay = Math.min(DAYS.length - 1, checkDay + r.int(1, 2));
          await check(w, DAYS[checkDay]);
          latestRun++;
        } else if (op === 'resolve' && latestRun > 0) {
          const flags = JSON.parse((await w.run('flags', '--format', 'json')).stdout) as { flag_id: string }[];
          if (flags.length > 0) {
            const res = await w.run('flags', 'resolve', r.pick(flags).flag_id, r.chance(0.6) ? '--confirmed' : '--cleared', '--note', 'checked');
            expect(res.code).toBe(0);
          }
        } else if (op === 'disburse' && latestRun > 0) {
          day = Math.min(DAYS.length - 1, Math.max(day, checkDay - 1) + r.int(0, 1));
          const date = DAYS[day];
          const before = await net(w);
          const result = await disburse(w, date);
          expect(result.code, `${steps.join(' ')}: ${result.stderr}`).toBe(0);
          const after = await net(w);
          const approvals = JSON.parse((await w.run('approvals', '--format', 'json')).stdout) as Approval[];
          for (const a of approvals) {
            const dueNow = due(a, date);
            if (isPaid(a.decision)) latestPaid.set(a.claim_id, { main: fen(a.main_subsidy), living: fen(a.living_allowance) });
            for (const component of ['main', 'living'] as const) {
              const k = `${a.claim_id} ${component}`;
              const got = after.get(k) ?? 0;
              const context = `${steps.join(' ')} → ${k} ${a.decision} on ${date}`;
              // never more than its latest paid decision allows, never below zero
              expect(got, context).toBeLessThanOrEqual(latestPaid.get(a.claim_id)?.[component] ?? 0);
              expect(got, context).toBeGreaterThanOrEqual(0);
              // a batch on the latest run leaves exactly what is due; a held claim keeps what it had
              expect(got, context).toBe(held(a.decision) ? before.get(k) ?? 0 : dueNow[component]);
            }
          }
          moved.payments += result.lines.filter((l) => l.type === 'payment').length;
          moved.recoveries += result.lines.filter((l) => l.type === 'recovery').length;
          if (process.env.LEDGER_DEBUG) console.log(seed, date, steps.join(' '), result.lines.map((l) => `${String(l.claim_id).slice(0, 4)} ${l.component} ${l.type} ${l.amount} ${l.reasons}`));
          // every line of the batch moves money under exactly one key; no key appears twice in a batch
          const keys = result.lines.map((l) => `${l.claim_id} ${l.component} ${l.payee_type} ${l.payee_code} ${l.fund}`);
          expect(new Set(keys).size).toBe(keys.length);
        }
      }
    }, 120_000);
  }

  it('moved money both ways over the seeds above', () => {
    if (process.env.LEDGER_DEBUG) console.log(moved);
    expect(moved.payments).toBeGreaterThan(20);
    expect(moved.recoveries).toBeGreaterThan(3);
  });
});
