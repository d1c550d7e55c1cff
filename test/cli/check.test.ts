// check, approvals, payments, person, explain and policy through the real CLI (SPEC §5, §6, §8).

import { describe, it, expect, beforeAll } from 'vitest';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { dropSchemaAfter } from '../helpers/schema.js';
import { workspace, csv } from '../helpers/cli.js';
import { rosterRow, ROSTER_HEADER_EN, certRow, CERT_HEADER_EN } from '../helpers/rows.js';
import { personId } from '../helpers/claims.js';
import { MIGRATIONS } from '../../src/store/migrations.js';

const SHIPPED = join(import.meta.dirname, '..', '..', 'src', 'policies', 'yuzhong-2019.yaml');
const A = personId('1990-01-01', 'male');
const B = personId('1985-05-05', 'female', 2);
const C = personId('1999-09-09', 'male', 3);

async function seeded() {
  const w = workspace();
  await w.run('import', 'roster', w.file('roster.csv', csv([
    ROSTER_HEADER_EN,
    rosterRow({ class_id: 'K1', id_number: A, name: '张三', categories: '建档立卡贫困劳动力', project_based: '是' }),
    rosterRow({ class_id: 'K1', id_number: B, name: '李四', level: '4', categories: '失业人员' }),
    rosterRow({ class_id: 'K1', id_number: C, name: '王五', categories: '农民工' }),
    rosterRow({ class_id: 'K2', id_number: C, name: '王五', start_date: '2020-09-01', end_date: '2020-09-20', categories: '农民工', attendance: '50%' }),
  ])));
  await w.run('import', 'certificates', w.file('certs.csv', csv([
    CERT_HEADER_EN,
    certRow({ cert_number: 'Z1', id_number: A, name: '张三' }),
    certRow({ cert_number: 'Z2', id_number: B, name: '李四', level: '4' }),
    certRow({ cert_number: 'Z3', id_number: C, name: '王五' }),
  ])));
  return w;
}

/** Turns a database's decisions back into schema 3's single table (before decision_rows and decision_outcomes). */
function toSchema3Decisions(conn: Database.Database): void {
  dropSchemaAfter(conn, 5);
  conn.exec(`CREATE TEMP TABLE old_decisions AS SELECT * FROM decisions;
    DROP VIEW decisions; DROP TABLE decision_rows; DROP TABLE decision_outcomes;
    CREATE TABLE decisions (
      run_id INTEGER NOT NULL REFERENCES runs (id), roster_row_id INTEGER NOT NULL, cert_row_id INTEGER, decision TEXT NOT NULL,
      reasons TEXT NOT NULL, flags TEXT NOT NULL, kind TEXT, payee_type TEXT, fund TEXT, main_fen INTEGER NOT NULL,
      living_fen INTEGER NOT NULL, total_fen INTEGER NOT NULL, advance_fen INTEGER NOT NULL, balance_fen INTEGER NOT NULL,
      cap_order INTEGER, cap_claims TEXT NOT NULL, PRIMARY KEY (run_id, roster_row_id)
    ) WITHOUT ROWID;
    INSERT INTO decisions SELECT * FROM old_decisions; DROP TABLE old_decisions;
    CREATE TRIGGER decisions_immutable_update BEFORE UPDATE ON decisions BEGIN SELECT RAISE(ABORT, 'check runs are immutable'); END;
    CREATE TRIGGER decisions_immutable_delete BEFORE DELETE ON decisions BEGIN SELECT RAISE(ABORT, 'check runs are immutable'); END;
    PRAGMA user_version = 3;`);
}

/** Every column of a run's decisions, in roster-row order. */
function allDecisions(db: string, run: number): unknown[] {
  const c = new Database(db, { readonly: true });
  try {
    return c.prepare('SELECT * FROM decisions WHERE run_id = ? ORDER BY roster_row_id').all(run);
  } finally {
    c.close();
  }
}

describe('check', () => {
  it('decides every claim and prints a summary', async () => {
    const w = await seeded();
    const r = await w.run('check', '--as-of', '2021-12-31');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('run 1: 4 claims — approved 3, partial 0, rejected 1, pending 0, review 0');
    const rows = JSON.parse((await w.run('approvals', '--format', 'json')).stdout);
    const byClaim = Object.fromEntries(rows.map((x: Record<string, string>) => [x.claim_id, x]));
    expect(byClaim[`K1/${A}`]).toMatchObject({ decision: 'approved', kind: 'training', payee_type: 'institution', main_subsidy: '1000.00', living_allowance: '600.00', total: '1600.00', advance: '800.00', balance: '800.00', sex: 'male', birth_date: '1990-01-01', source: 'roster.csv:2', cert_number: 'Z1' });
    expect(byClaim[`K1/${B}`]).toMatchObject({ decision: 'approved', main_subsidy: '1500.00', total: '1500.00' });
    // Z3 was issued before K2 started, so it cannot fund K2 either.
    expect(byClaim[`K2/${C}`]).toMatchObject({ decision: 'rejected', reasons: 'E_ATTENDANCE;E_NO_CERT', total: '0.00' });
  });

  it('gives identical runs twice and on a copy of the database', async () => {
    const w = await seeded();
    await w.run('check', '--as-of', '2021-12-31');
    await w.run('check', '--as-of', '2021-12-31');
    const copy = join(w.dir, 'copy.db');
    const src = new Database(w.db);
    await src.backup(copy);
    src.close();
    const { runCli } = await import('../helpers/cli.js');
    await runCli(['--db', copy, 'check', '--as-of', '2021-12-31']);
    const dump = (db: string, run: number) => {
      const conn = new Database(db, { readonly: true });
      const rows = conn.prepare('SELECT roster_row_id, cert_row_id, decision, reasons, flags, kind, payee_type, fund, main_fen, living_fen, total_fen, advance_fen, balance_fen, cap_order, cap_claims FROM decisions WHERE run_id = ? ORDER BY roster_row_id').all(run);
      const flags = conn.prepare('SELECT flag_id, rule, subject, claim_ids, detail_params FROM flags WHERE run_id = ? ORDER BY flag_id').all(run);
      conn.close();
      return { rows, flags };
    };
    expect(dump(w.db, 2)).toEqual(dump(w.db, 1));
    expect(dump(copy, 3)).toEqual(dump(w.db, 1));
    expect(dump(w.db, 1).rows).toHaveLength(4);
  });

  it('uses the rates of another policy file: nothing is hard-coded', async () => {
    const w = await seeded();
    const text = readFileSync(SHIPPED, 'utf8')
      .replace('skill_level:    {5: 1000, 4: 1500', 'skill_level:    {5: 1111, 4: 2222')
      .replace('living_allowance_per_day: 30', 'living_allowance_per_day: 45')
      .replace('id: yuzhong-2019', 'id: test-rates');
    const other = join(w.dir, 'other.yaml');
    writeFileSync(other, text);
    expect((await w.run('check', '--policy', other, '--as-of', '2021-12-31')).code).toBe(0);
    const rows = JSON.parse((await w.run('approvals', '--format', 'json')).stdout);
    const a = rows.find((x: Record<string, string>) => x.claim_id === `K1/${A}`);
    expect(a).toMatchObject({ main_subsidy: '1111.00', living_allowance: '900.00', total: '2011.00', advance: '1005.50' });
    expect(rows.find((x: Record<string, string>) => x.claim_id === `K1/${B}`).main_subsidy).toBe('2222.00');
    const log = JSON.parse((await w.run('log', '--format', 'json')).stdout);
    expect(log.at(-1).details).toMatchObject({ policy_id: 'test-rates', run: 1 });
  });

  it('refuses an invalid policy, naming every problem by path (exit 3), and stores no run', async () => {
    const w = await seeded();
    const bad = join(w.dir, 'bad.yaml');
    writeFileSync(bad, readFileSync(SHIPPED, 'utf8').replace('skill_level:    {5: 1000, 4: 1500, 3: 2500', 'skill_level:    {5: 1000, 4: abc, 3: 2500').replace('min_attendance: 0.8', 'min_attendance: 8'));
    const r = await w.run('check', '--policy', bad);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('rates.certificate.skill_level.4: expected a number or dated values');
    expect(r.stderr).toContain('limits.min_attendance: expected a number from 0 to 1');
    expect((await w.run('policy', 'check', bad)).code).toBe(3);
    expect((await w.run('approvals')).code).toBe(3);
  });

  it('exits 2 on a bad --as-of, and 3 when results are asked for before any check', async () => {
    const w = await seeded();
    expect((await w.run('check', '--as-of', '2021-02-30')).code).toBe(2);
    const r = await w.run('approvals');
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('no check run yet. Run "skillsub check" first.');
  });

  it('warns on stderr when data were imported after the run', async () => {
    const w = await seeded();
    await w.run('check', '--as-of', '2021-12-31');
    await w.run('import', 'roster', w.file('late.csv', csv([ROSTER_HEADER_EN, rosterRow({ class_id: 'K9' })])));
    const r = await w.run('approvals');
    expect(r.stderr).toContain('1 file(s) were imported after run 1');
  });
});

describe('approvals and payments', () => {
  let w: Awaited<ReturnType<typeof seeded>>;
  beforeAll(async () => {
    w = await seeded();
    await w.run('check', '--as-of', '2021-12-31');
  });

  it('filters by quarter and decision, and exits 2 on a bad period naming the accepted forms', async () => {
    const q3 = JSON.parse((await w.run('approvals', '--quarter', '2020Q3', '--format', 'json')).stdout);
    expect(q3).toHaveLength(4);
    expect(JSON.parse((await w.run('approvals', '--quarter', '2020Q2', '--format', 'json')).stdout)).toHaveLength(0);
    expect(JSON.parse((await w.run('approvals', '--decision', 'rejected', '--format', 'json')).stdout)).toHaveLength(1);
    const bad = await w.run('approvals', '--quarter', '2020Q5');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"2020Q5" is not a period. Accepted: 2020Q1 … 2020Q4');
  });

  it('writes a UTF-8 CSV with a BOM and the SPEC columns, in Chinese headers with --lang zh', async () => {
    const en = (await w.run('approvals', '--format', 'csv')).stdout;
    expect(en.startsWith('\ufeffclaim_id,class_id,institution_code,institution_name,training_type,project_based,name,id_number,sex,birth_date,categories,occupation_code,occupation_name,level,start_date,end_date,cert_number,cert_type,cert_issue_date,decision,reasons,flags,kind,payee_type,payee_name,payee_code,fund,main_subsidy,living_allowance,total,advance,balance,claimed_amount,source\r\n')).toBe(true);
    const zh = (await w.run('--lang', 'zh', 'approvals', '--format', 'csv')).stdout;
    expect(zh.split('\r\n')[0]).toContain('申请编号,班级编号');
  });

  it('masks ID numbers and drops birth dates and sources in the public list', async () => {
    const out = (await w.run('approvals', '--public', '--format', 'csv')).stdout;
    expect(out).not.toMatch(/\d{17}[\dX]/);
    expect(out).not.toContain('1990-01-01');
    expect(out).not.toContain('birth_date');
    expect(out).not.toContain('roster.csv');
    expect(out).toContain(`${A.slice(0, 6)}********${A.slice(-4)}`);
  });

  it('sums payments per payee and fund, with the living allowance on its own line for the person', async () => {
    const lines = JSON.parse((await w.run('payments', '--format', 'json')).stdout);
    expect(lines).toEqual([
      { payee_type: 'institution', payee_code: '91110000600037341L', payee_name: '渝中职校', fund: 'employment_subsidy', component: 'main', claims: 3, total: '3500.00', advance: '500.00', balance: '3000.00' },
      { payee_type: 'person', payee_code: A, payee_name: '张三', fund: 'employment_subsidy', component: 'living', claims: 1, total: '600.00', advance: '300.00', balance: '300.00' },
    ]);
  });

  it('keeps a person\'s living allowance apart from the main subsidy paid to them from the same fund, sorted by payee, fund and component', async () => {
    const w2 = workspace();
    const D = personId('1980-03-03', 'female', 4);
    await w2.run('import', 'roster', w2.file('r.csv', csv([
      ROSTER_HEADER_EN,
      rosterRow({ class_id: 'K3', id_number: D, name: '赵六', categories: '就业困难人员' }),
      rosterRow({ class_id: 'K4', id_number: A, name: '张三', categories: '建档立卡贫困劳动力' }),
    ])));
    await w2.run('import', 'certificates', w2.file('c.csv', csv([CERT_HEADER_EN, certRow({ cert_number: 'Z4', id_number: D, name: '赵六' }), certRow({ cert_number: 'Z5', id_number: A, name: '张三' })])));
    await w2.run('check', '--as-of', '2021-12-31');
    const out = await w2.run('payments', '--format', 'csv');
    expect(out.stdout.split('\r\n')).toEqual([
      '\ufeffpayee_type,payee_code,payee_name,fund,component,claims,total,advance,balance',
      'institution,91110000600037341L,渝中职校,employment_subsidy,main,1,1000.00,0.00,1000.00',
      `person,${D},赵六,employment_subsidy,living,1,600.00,0.00,600.00`,
      `person,${D},赵六,employment_subsidy,main,1,1000.00,0.00,1000.00`,
      `person,${A},张三,employment_subsidy,living,1,600.00,0.00,600.00`,
      '',
    ]);
  });

  it('writes an XLSX workbook to --out, mode 0600, with formula-looking cells neutralised', async () => {
    const w2 = workspace();
    await w2.run('import', 'roster', w2.file('r.csv', csv([ROSTER_HEADER_EN, rosterRow({ name: '=HYPERLINK("http://evil")', institution_name: '+cmd' })])));
    await w2.run('import', 'certificates', w2.file('c.csv', csv([CERT_HEADER_EN, certRow({ name: '=HYPERLINK("http://evil")' })])));
    await w2.run('check', '--as-of', '2021-12-31');
    const out = join(w2.dir, 'a.xlsx');
    expect((await w2.run('approvals', '--out', out)).code).toBe(0);
    const { statSync } = await import('node:fs');
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0];
    const header = (ws.getRow(1).values as string[]).slice(1);
    const row = (ws.getRow(2).values as unknown[]).slice(1);
    expect(row[header.indexOf('name')]).toBe(`'=HYPERLINK("http://evil")`);
    expect(row[header.indexOf('institution_name')]).toBe("'+cmd");
    const csvOut = (await w2.run('approvals', '--format', 'csv')).stdout;
    expect(csvOut).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });
});

describe('person and explain', () => {
  it('shows one person\'s rows, certificates, decisions and remaining quota', async () => {
    const w = await seeded();
    await w.run('check', '--as-of', '2021-12-31');
    const r = await w.run('person', C, '--format', 'json');
    expect(r.code).toBe(0);
    const rec = JSON.parse(r.stdout);
    expect(rec.roster_rows.map((x: { claim_id: string }) => x.claim_id)).toEqual([`K1/${C}`, `K2/${C}`]);
    expect(rec.certificates.map((x: { cert_number: string }) => x.cert_number)).toEqual(['Z3']);
    expect(rec.decisions.map((x: { decision: string }) => x.decision)).toEqual(['approved', 'rejected']);
    expect(rec.subsidised_pairs).toEqual([{ occupation: '电工', level: 5, claim_id: `K1/${C}` }]);
    expect(rec.quota.limit).toBe(3);
  });

  it('explains every step of a claim with the rate, its date and the sources', async () => {
    const w = await seeded();
    await w.run('check', '--as-of', '2021-12-31');
    const r = await w.run('explain', `K1/${A}`, '--format', 'json');
    expect(r.code).toBe(0);
    const e = JSON.parse(r.stdout);
    expect(e.steps.map((s: { step: number; name: string }) => s.name)).toEqual([
      'id_number', 'age', 'period', 'institution', 'category', 'employer', 'attendance', 'certificate', 'fraud_confirmed',
      'amount', 'caps', 'kind_payee_fund', 'living_allowance', 'total_advance', 'flags',
    ]);
    expect(e.steps.map((s: { step: number }) => s.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 8, 9, 10, 11, 12, 13, 14]);
    expect(e.steps[7].facts.chosen).toMatchObject({ cert_number: 'Z1', source: 'certs.csv:2' });
    expect(e.steps[9].facts.rates[0]).toEqual({ path: 'rates.certificate.skill_level.5', value: 1000, since: null });
    expect(e.versions).toEqual([{ source: 'roster.csv:2', active_in_run: true }]);
    const text = await w.run('explain', `K2/${C}`);
    expect(text.stdout).toContain('E_ATTENDANCE');
    expect((await w.run('explain', 'nope/1')).code).toBe(3);
  });
});

describe('explain and person ask step 10 of the core', () => {
  it('explains a fourth certificate claim of one year with the cap and the claims that used it, as the decision row and person say', async () => {
    const w = workspace();
    const occupations = [['4-01-01-01', '甲'], ['4-01-01-02', '乙'], ['4-01-01-03', '丙'], ['4-01-01-04', '丁']];
    await w.run('import', 'roster', w.file('roster.csv', csv([
      ROSTER_HEADER_EN,
      ...occupations.map(([code, name], k) => rosterRow({
        class_id: `Q${k + 1}`, id_number: A, occupation_code: code, occupation_name: name,
        start_date: `2020-0${k + 2}-01`, end_date: `2020-0${k + 2}-10`,
      })),
    ])));
    await w.run('import', 'certificates', w.file('certs.csv', csv([
      CERT_HEADER_EN,
      ...occupations.map(([code, name], k) => certRow({ cert_number: `Z${k + 1}`, id_number: A, occupation_code: code, occupation_name: name, issue_date: `2020-0${k + 2}-15` })),
    ])));
    expect((await w.run('check', '--as-of', '2021-12-31')).code).toBe(0);
    const approvals = JSON.parse((await w.run('approvals', '--format', 'json')).stdout) as { claim_id: string; decision: string; reasons: string }[];
    expect(approvals.map((a) => [a.claim_id, a.decision, a.reasons])).toEqual([
      [`Q1/${A}`, 'approved', ''], [`Q2/${A}`, 'approved', ''], [`Q3/${A}`, 'approved', ''], [`Q4/${A}`, 'rejected', 'E_ANNUAL_CAP'],
    ]);
    const e = JSON.parse((await w.run('explain', `Q4/${A}`, '--format', 'json')).stdout);
    const step10 = e.steps.find((s: { step: number }) => s.step === 10);
    expect(step10.code).toBe('E_ANNUAL_CAP');
    expect(step10.facts.earlier_claims).toEqual([`Q1/${A}`, `Q2/${A}`, `Q3/${A}`]);
    const passed = JSON.parse((await w.run('explain', `Q3/${A}`, '--format', 'json')).stdout).steps.find((s: { step: number }) => s.step === 10);
    expect(passed).toMatchObject({ code: null, facts: { reached: true, earlier_claims: [`Q1/${A}`, `Q2/${A}`] } });
    const person = JSON.parse((await w.run('person', A, '--format', 'json')).stdout);
    expect(person.decisions.map((d: { claim_id: string; decision: string }) => [d.claim_id, d.decision])).toEqual(approvals.map((a) => [a.claim_id, a.decision]));
    expect(person.subsidised_pairs.map((p: { claim_id: string }) => p.claim_id)).toEqual([`Q1/${A}`, `Q2/${A}`, `Q3/${A}`]);
  });

  it('explains a claim a confirmed flag rejected with E_FRAUD_CONFIRMED before step 9 and no amounts, and an older run with the verdicts it had', async () => {
    const w = workspace();
    await w.run('import', 'roster', w.file('roster.csv', csv([
      ROSTER_HEADER_EN,
      rosterRow({ class_id: 'O1', id_number: A, start_date: '2020-07-01', end_date: '2020-07-20' }),
      rosterRow({ class_id: 'O2', id_number: A, start_date: '2020-07-15', end_date: '2020-07-30', occupation_code: '4-10-01-02', occupation_name: '育婴员' }),
    ])));
    await w.run('import', 'certificates', w.file('certs.csv', csv([
      CERT_HEADER_EN,
      certRow({ cert_number: 'Z1', id_number: A, issue_date: '2020-08-01' }),
      certRow({ cert_number: 'Z2', id_number: A, issue_date: '2020-08-01', occupation_code: '4-10-01-02', occupation_name: '育婴员' }),
    ])));
    expect((await w.run('check', '--as-of', '2021-12-31')).code).toBe(0);
    const [flag] = JSON.parse((await w.run('flags', '--format', 'json')).stdout) as { flag_id: string; rule: string }[];
    expect(flag.rule).toBe('F_OVERLAP');
    expect((await w.run('flags', 'resolve', flag.flag_id, '--confirmed', '--note', 'one trainee, two classes at once')).code).toBe(0);
    expect((await w.run('check', '--as-of', '2021-12-31')).code).toBe(0);
    const explain = async (run: string) => JSON.parse((await w.run('explain', `O1/${A}`, '--run', run, '--format', 'json')).stdout) as
      { decision: string; reasons: string; steps: { step: number; name: string; code: string | null; facts: Record<string, unknown> }[] };
    const now = await explain('2');
    expect([now.decision, now.reasons]).toEqual(['rejected', 'E_FRAUD_CONFIRMED']);
    expect(now.steps.map((s) => [s.step, s.name, s.code])).toEqual([
      [1, 'id_number', null], [2, 'age', null], [3, 'period', null], [4, 'institution', null], [5, 'category', null], [6, 'employer', null],
      [7, 'attendance', null], [8, 'certificate', null], [8, 'fraud_confirmed', 'E_FRAUD_CONFIRMED'], [14, 'flags', null],
    ]);
    expect(now.steps.find((s) => s.name === 'fraud_confirmed')!.facts).toEqual({ confirmed_flags: [flag.flag_id] });
    // Run 1 was decided before the verdict: held for review, as its decision row says.
    const before = await explain('1');
    expect([before.decision, before.reasons]).toEqual(['review', '']);
    expect(before.steps.filter((s) => s.code !== null)).toEqual([
      { step: 14, name: 'flags', code: 'review', facts: { flags: [{ flag_id: flag.flag_id, rule: 'F_OVERLAP', severity: 'high', verdict: null }] } },
    ]);
    expect(before.steps.map((s) => s.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 8, 9, 10, 11, 12, 13, 14]);
  });

  it('explains a claim without a rate as rejected at step 9: no caps, payee or amounts after it', async () => {
    const w = await seeded();
    const policy = w.file('no-rate.yaml', readFileSync(SHIPPED, 'utf8').replace('skill_level:    {5: 1000, 4: 1500', 'skill_level:    {4: 1500'));
    expect((await w.run('check', '--policy', policy, '--as-of', '2021-12-31')).code).toBe(0);
    const e = JSON.parse((await w.run('explain', `K1/${A}`, '--format', 'json')).stdout);
    expect([e.decision, e.reasons]).toEqual(['rejected', 'E_NO_RATE']);
    expect(e.steps.map((s: { step: number; code: string | null }) => [s.step, s.code]).slice(7)).toEqual([[8, null], [8, null], [9, 'E_NO_RATE'], [14, null]]);
  });
});

describe('the as-of date and --run (SPEC §1)', () => {
  it('decides on today\'s date in the machine\'s time zone when --as-of is not given, and records it in the run', async () => {
    const w = await seeded();
    const bin = join(import.meta.dirname, '..', '..', 'bin', 'skillsub.js');
    // Two zones 25 hours apart: on most instants their dates differ, and each run must take its own.
    for (const [zone, run] of [['Pacific/Kiritimati', 1], ['Pacific/Pago_Pago', 2]] as const) {
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
      const r = spawnSync(process.execPath, [bin, '--db', w.db, 'check'], { encoding: 'utf8', env: { ...process.env, TZ: zone, LANG: 'en_US.UTF-8' } });
      expect(r.status, r.stderr).toBe(0);
      const e = JSON.parse((await w.run('explain', `K1/${A}`, '--run', String(run), '--format', 'json')).stdout);
      expect(e.as_of).toBe(today);
      const log = JSON.parse((await w.run('log', '--format', 'json')).stdout);
      expect(log.at(-1).details).toMatchObject({ run, as_of: today });
    }
  });

  it('lets every command that reads a run read an older one with --run N, and refuses a run that does not exist (exit 3)', async () => {
    const w = await seeded();
    await w.run('check', '--as-of', '2020-07-10');
    await w.run('check', '--as-of', '2021-12-31');
    const json = async (...args: string[]) => {
      const r = await w.run(...args, '--format', 'json');
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      return JSON.parse(r.stdout);
    };
    const decisions = (rows: { claim_id: string; decision: string; reasons: string }[]) => rows.map((x) => [x.claim_id, x.decision, x.reasons]);
    expect(decisions(await json('approvals', '--run', '1'))).toEqual([
      [`K1/${B}`, 'pending', 'P_IN_TRAINING'], [`K1/${A}`, 'pending', 'P_IN_TRAINING'], [`K1/${C}`, 'pending', 'P_IN_TRAINING'],
      [`K2/${C}`, 'rejected', 'E_ATTENDANCE;P_IN_TRAINING'],
    ]);
    expect(decisions(await json('approvals')).map((d) => d[1])).toEqual(['approved', 'approved', 'approved', 'rejected']);
    expect(await json('payments', '--run', '1')).toEqual([]);
    expect(await json('payments', '--run', '2')).toHaveLength(2);
    expect(await json('flags', '--run', '1')).toEqual([]);
    const report = await json('report', 'quarterly', '2020Q3', '--run', '1');
    expect(report.run).toBe(1);
    expect(report.claims.by_decision).toEqual({ approved: 0, partial: 0, rejected: 1, pending: 3, review: 0 });
    expect(await json('sample', '--per-class', '1', '--run', '1')).toEqual([]);
    expect(await json('sample', '--per-class', '1', '--run', '2')).toHaveLength(3);
    const person = await json('person', C, '--run', '1');
    expect([person.run, person.decisions.map((d: { decision: string }) => d.decision), person.quota.year]).toEqual([1, ['pending', 'rejected'], '2020']);
    const e = await json('explain', `K1/${A}`, '--run', '1');
    expect([e.run, e.as_of, e.decision, e.steps[7].code]).toEqual([1, '2020-07-10', 'pending', 'P_IN_TRAINING']);
    expect(e.steps[7].facts.passed_over).toMatchObject([{ cert_number: 'Z1', issue_date: '2020-08-01', why: 'after_as_of' }]);
    for (const args of [['approvals'], ['payments'], ['flags'], ['report', 'quarterly', '2020Q3'], ['sample'], ['person', C], ['explain', `K1/${A}`]]) {
      const r = await w.run(...args, '--run', '9');
      expect(r.code, args.join(' ')).toBe(3);
      expect(r.stderr).toContain('there is no check run 9.');
    }
  });
});

describe('policy', () => {
  it('shows every value with its source paragraph or "assumed"', async () => {
    const w = workspace();
    const r = await w.run('policy', 'show');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/limits\.certificate_subsidies_per_year\s+3\s+\(十二\)/);
    expect(r.stdout).toMatch(/rates\.work_based_per_month\s+500\s+assumed/);
    // A bureau's own policy names its sources in `references`: a value takes its own path's, else its section's.
    const shipped = readFileSync(SHIPPED, 'utf8').replace(/  "rates\.work_based_per_month": .*\n/, '  "rates.work_based_per_month": "渝人社发〔2020〕12号"\n');
    const own = w.file('own.yaml', `${shipped}  "document": "区局党组会议纪要 2020-03"\n`);
    const shown = (await w.run('policy', 'show', own)).stdout;
    expect(shown).toMatch(/rates\.work_based_per_month\s+500\s+渝人社发〔2020〕12号/);
    expect(shown).toMatch(/limits\.certificate_subsidies_per_year\s+3\s+\(十二\)/);
    expect(shown).toMatch(/limits\.working_age\.max_female\s+55\s+\(四\)/);
    expect(shown).toMatch(/document\s+渝中府办〔2019〕51号\s+区局党组会议纪要 2020-03/);
    expect((await w.run('policy', 'show', w.file('bare.yaml', shipped.replace(/\nreferences:[\s\S]*$/, '\n')))).stdout).toMatch(/rates\.work_based_per_month\s+500\s+—/);
    expect((await w.run('policy', 'check', SHIPPED)).stdout).toContain('valid policy yuzhong-2019');
  });
});

describe('reading for check', () => {
  it('gives a database from before roster parts (schema 2) its parts on opening, and decides as before', async () => {
    const w = await seeded();
    await w.run('check', '--as-of', '2021-12-31');
    const old = join(w.dir, 'old.db');
    copyFileSync(w.db, old);
    const conn = new Database(old);
    toSchema3Decisions(conn);
    conn.exec(`DROP TABLE roster_parts; ALTER TABLE roster_rows DROP COLUMN class_ref; ALTER TABLE roster_rows DROP COLUMN circumstances_ref;
      PRAGMA user_version = 2;`);
    conn.close();
    const { runCli } = await import('../helpers/cli.js');
    expect((await runCli(['--db', old, 'check', '--as-of', '2021-12-31'])).code).toBe(0);
    const decisions = (db: string, run: number) => {
      const c = new Database(db, { readonly: true });
      const rows = c.prepare('SELECT roster_row_id, cert_row_id, decision, reasons, total_fen, cap_claims FROM decisions WHERE run_id = ? ORDER BY roster_row_id').all(run);
      const parts = c.prepare('SELECT count(*) AS rows, count(DISTINCT class_ref) AS classes, count(circumstances_ref) AS circumstances FROM roster_rows').get();
      c.close();
      return { rows, parts };
    };
    expect(decisions(old, 2)).toEqual(decisions(w.db, 1));
    expect(decisions(old, 2).parts).toEqual({ rows: 4, classes: 4, circumstances: 4 });
    // A missing part is named, not read as empty.
    const broken = new Database(old);
    broken.exec('DROP TRIGGER roster_parts_no_delete');
    broken.exec('DELETE FROM roster_parts WHERE id = (SELECT max(class_ref) FROM roster_rows)');
    broken.close();
    const r = await runCli(['--db', old, 'check', '--as-of', '2021-12-31']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/the database is damaged: part \d+ of roster_parts, which a row refers to, is missing/);
  });


  it('refuses a roster row whose claim_id is not its class_id/id_number, naming the row', async () => {
    const w = await seeded();
    const conn = new Database(w.db);
    // Damage that went past the triggers (a byte edited on disk, a tool that drops them).
    conn.exec('DROP TRIGGER roster_rows_only_replaced');
    conn.exec("UPDATE roster_rows SET claim_id = 'K9/1' WHERE id = 2");
    conn.close();
    const r = await w.run('check', '--as-of', '2021-12-31');
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('the database is damaged: roster row 2 has claim_id K9/1, which is not its class_id/id_number');
  });

  it('moves the runs of a database from before shared outcomes (schema 3) over unchanged on opening', async () => {
    const w = await seeded();
    await w.run('check', '--as-of', '2021-12-31');
    await w.run('import', 'roster', w.file('more.csv', csv([ROSTER_HEADER_EN, rosterRow({ class_id: 'K3', id_number: A, name: '张三', level: '4' })])));
    await w.run('check', '--as-of', '2021-06-30');
    const before = [allDecisions(w.db, 1), allDecisions(w.db, 2)];
    expect(before[0]).toHaveLength(4);
    expect(before[1]).toHaveLength(5);
    const old = join(w.dir, 'old.db');
    copyFileSync(w.db, old);
    const conn = new Database(old);
    toSchema3Decisions(conn);
    conn.close();
    const { runCli } = await import('../helpers/cli.js');
    const approvals = (db: string) => runCli(['--db', db, 'approvals', '--run', '1', '--format', 'json']);
    const migrated = await approvals(old);
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toBe((await approvals(w.db)).stdout);
    expect([allDecisions(old, 1), allDecisions(old, 2)]).toEqual(before);
    const c = new Database(old, { readonly: true });
    expect(c.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(c.prepare("SELECT type FROM sqlite_master WHERE name = 'decisions'").pluck().get()).toBe('view');
    c.close();
  });

  it('refuses to change or delete a stored decision, its shared outcome or the view', async () => {
    const w = await seeded();
    await w.run('check', '--as-of', '2021-12-31');
    const conn = new Database(w.db);
    expect(() => conn.exec('UPDATE decision_rows SET flags = 1')).toThrow('check runs are immutable');
    expect(() => conn.exec('DELETE FROM decision_rows')).toThrow('check runs are immutable');
    expect(() => conn.exec("UPDATE decision_outcomes SET decision = 'approved'")).toThrow('check runs are immutable');
    expect(() => conn.exec('DELETE FROM decision_outcomes')).toThrow('check runs are immutable');
    expect(() => conn.exec("UPDATE decisions SET decision = 'approved'")).toThrow(/cannot modify decisions/);
    conn.close();
    expect(allDecisions(w.db, 1)).toHaveLength(4);
  });

  const plain = (c: Record<string, unknown>) => ({
    rowId: c.rowId, certNumber: c.certNumber, certType: c.certType, name: c.name, idNumber: c.idNumber, occupationCode: c.occupationCode,
    occupationName: c.occupationName, level: c.level, issueDate: c.issueDate, issuer: c.issuer, source: c.source,
  });

  it('reads the same certificates on the second core as on its own connection, and its own when the worker saw other imports', async () => {
    const w = await seeded();
    await w.run('import', 'certificates', w.file('more.csv', csv([
      CERT_HEADER_EN,
      certRow({ cert_number: 'Z9', id_number: A, name: '张三', occupation_name: '育婴员', issuer: '=HYPERLINK("x")' }),
      certRow({ cert_number: 'Z2', id_number: B, name: '李 四', level: '3' }),
      certRow({ cert_number: 'Z8', id_number: personId('1970-07-07', 'female', 4), name: '赵六' }),
      certRow({ cert_number: 'Z1', id_number: C, name: '王五' }),
    ])));
    const { readDecisionData } = await import('../../dist/engine/snapshot-reader.js');
    const { readCertificateColumns, fileNames } = await import('../../dist/store/reader.js');
    const { decodeCertificates } = await import('../../dist/store/certificate-columns.js');
    const db = new Database(w.db, { readonly: true });
    const here = decodeCertificates(readCertificateColumns(db), fileNames(db)).map((c) => plain(c as never));
    expect(here).toHaveLength(6);
    expect(here.find((c) => c.certNumber === 'Z2')).toMatchObject({ name: '李 四', level: 3 });
    const data = await readDecisionData(db);
    expect(data.certificates.map((c) => plain(c as never))).toEqual(here);
    expect(data.claims).toHaveLength(4);
    expect(data.dataMark).toBe(3);
    // As if an import had committed between the worker's snapshot and this thread's.
    const real = readCertificateColumns(db);
    const stale = { ...real, mark: real.mark + 1, certNumbers: real.certNumbers.map((n) => `${n}-stale`) };
    const own = await readDecisionData(db, async () => stale);
    expect(own.certificates.map((c) => plain(c as never))).toEqual(here);
    // A worker that fails is an error the user sees, never a silent second path.
    await expect(readDecisionData(db, async () => { throw new Error('worker died'); })).rejects.toThrow('worker died');
    db.close();
  });
});
