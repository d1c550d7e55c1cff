// `skillsub import list FILE... --kind K` through the real CLI (SPEC §1, §2.5), and the list rules
// (§7) as a caseworker meets them: flags with their evidence, `person`, the returns' counts.

import { describe, it, expect } from 'vitest';
import Database from 'better-sqlite3';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/cli.js';
import { generateSamples } from '../../samples/generate.js';
import { workspace, csv } from '../helpers/cli.js';
import { rosterRow, ROSTER_HEADER_EN, certRow, CERT_HEADER_EN } from '../helpers/rows.js';
import { personId } from '../helpers/claims.js';
// @ts-expect-error the built JavaScript has no type declarations
import { MIGRATIONS } from '../../dist/store/migrations.js';
import { query } from '../helpers/query.js';

const P = personId('1990-01-01', 'male');
const Q = personId('1985-05-05', 'female');
/** A readable ID number whose check character is wrong (kept as it is, SPEC §2.5). */
const BAD_CHECK = `${P.slice(0, 17)}${P[17] === '0' ? '1' : '0'}`;

interface StoredListRow { list_kind: string; id_number: string; name: string | null; from_date: string; to_date: string | null; employer_code: string | null; employer_name: string | null; line: number }


const listRows = (db: string) => query<StoredListRow>(db, 'SELECT list_kind, id_number, name, from_date, to_date, employer_code, employer_name, line FROM list_rows WHERE active = 1 ORDER BY id');

describe('import list', () => {
  it('imports a GB18030 pension list with Chinese headers, keeping provenance; a `to` on a pension row is ignored', async () => {
    const w = workspace();
    const f = w.file('养老金领取人员.csv', csv([
      ['公民身份号码', '姓名', '待遇开始日期', '终止日期'],
      [P, '张三', '2015年3月1日', '2010-01-01'],
      [Q, '李四', '2019-06', 'not a date'],
    ]), 'gb18030');
    const r = await w.run('import', 'list', f, '--kind', 'pension');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('imported 2 rows from 养老金领取人员.csv; 0 row errors');
    expect(listRows(w.db)).toEqual([
      { list_kind: 'pension', id_number: P, name: '张三', from_date: '2015-03-01', to_date: null, employer_code: null, employer_name: null, line: 2 },
      { list_kind: 'pension', id_number: Q, name: '李四', from_date: '2019-06-01', to_date: null, employer_code: null, employer_name: null, line: 3 },
    ]);
    expect(query<{ kind: string; list_kind: string; encoding: string; rows: number }>(w.db, 'SELECT kind, list_kind, encoding, rows FROM imported_files'))
      .toEqual([{ kind: 'list', list_kind: 'pension', encoding: 'gb18030', rows: 2 }]);
    const log = query<{ action: string; details: string }>(w.db, "SELECT action, details FROM audit_log WHERE action = 'import list'");
    expect(JSON.parse(log[0].details)).toMatchObject({ list_kind: 'pension', file: '养老金领取人员.csv', rows_imported: 2 });
  });

  it('reads the social-insurance field codes as headers and each year-month form, a single month in `from` being that month', async () => {
    const w = workspace();
    const f = w.file('insured.csv', csv([
      ['AAC002', 'AAC003', 'AAE003', 'AAB004', '单位统一社会信用代码'],
      [P, '张三', '2020-07', '重庆某公司', '91350100m000100y43'],
      [P, '张三', '202008', '重庆某公司', ''],
      [P, '张三', '2020年9月', '', ''],
      [P, '张三', '2020-02', '', ''],
    ]));
    expect((await w.run('import', 'list', f, '--kind', 'insured')).code).toBe(0);
    expect(listRows(w.db).map((r) => [r.from_date, r.to_date, r.employer_name, r.employer_code])).toEqual([
      ['2020-07-01', '2020-07-31', '重庆某公司', '91350100M000100Y43'],
      ['2020-08-01', '2020-08-31', '重庆某公司', null],
      ['2020-09-01', '2020-09-30', null, null],
      ['2020-02-01', '2020-02-29', null, null],
    ]);
  });

  it('takes a year-month `to` as its last day, a date as itself, and a blank `to` as open', async () => {
    const w = workspace();
    const f = w.file('staff.csv', csv([
      ['身份证号', '起始日期', '截止日期', '单位名称', '统一社会信用代码'],
      [P, '2018-09', '2021年2月', '渝中区某局', ''],
      [Q, '2019/3/15', '', '渝中区某中心', ''],
      [P, '2019-01', '2019-01', '', ''],
    ]));
    expect((await w.run('import', 'list', f, '--kind', 'public_staff')).code).toBe(0);
    expect(listRows(w.db).map((r) => [r.from_date, r.to_date, r.employer_name])).toEqual([
      ['2018-09-01', '2021-02-28', '渝中区某局'],
      ['2019-03-15', null, '渝中区某中心'],
      ['2019-01-01', '2019-01-31', null],
    ]);
  });

  it('reads every other alias of §2.5: 入学日期/毕业日期, 死亡日期, 缴费起始年月/缴费终止年月, 参保单位', async () => {
    const w = workspace();
    const student = w.file('s.csv', csv([['身份证号码', '姓名', '入学日期', '毕业日期'], [P, '张三', '2016-09-01', '2020-06-30']]));
    const death = w.file('d.csv', csv([['证件号码', '死亡日期'], [Q, '20200815']]));
    const insured = w.file('i.csv', csv([['身份证号', '缴费起始年月', '缴费终止年月', '参保单位'], [P, '202001', '202006', '某公司']]));
    expect((await w.run('import', 'list', student, '--kind', 'student')).code).toBe(0);
    expect((await w.run('import', 'list', death, '--kind', 'death')).code).toBe(0);
    expect((await w.run('import', 'list', insured, '--kind', 'insured')).code).toBe(0);
    expect(listRows(w.db).map((r) => [r.list_kind, r.from_date, r.to_date, r.employer_name])).toEqual([
      ['student', '2016-09-01', '2020-06-30', null],
      ['death', '2020-08-15', null, null],
      ['insured', '2020-01-01', '2020-06-30', '某公司'],
    ]);
  });

  it('reports R_MISSING, R_ID_DAMAGED, R_DATE and R_END_BEFORE_START with line and column, keeps a checksum-failing ID, and never R_DUP_ROW', async () => {
    const w = workspace();
    const f = w.file('students.csv', csv([
      ['身份证号', '姓名', '入学日期', '毕业日期'],
      [P, '张三', '2016-09-01', '2020-06-30'],         // 2 ok
      [P, '张三', '2016-09-01', '2020-06-30'],         // 3 the same row again: imported, not R_DUP_ROW
      ['', '李四', '2016-09-01', ''],                  // 4 R_MISSING
      ['5.00103E+17', '王五', '2016-09-01', ''],       // 5 R_ID_DAMAGED
      [Q, '赵六', '2020-13', ''],                      // 6 R_DATE
      [Q, '赵六', '2020-09-01', '2020-06'],            // 7 R_END_BEFORE_START
      [Q, '赵六', '', ''],                             // 8 R_MISSING (from)
      [BAD_CHECK, '钱七', '2017-09-01', '2021-06-30'], // 9 ok: kept as it is
    ]));
    const r = await w.run('import', 'list', f, '--kind', 'student');
    expect(r.code).toBe(0);
    const codes = [...r.stderr.matchAll(/line (\d+), column ([^:]+): \[(R_[A-Z_]+)\]/g)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
    expect(codes).toEqual([
      '4 身份证号 R_MISSING', '5 身份证号 R_ID_DAMAGED', '6 入学日期 R_DATE', '7 毕业日期 R_END_BEFORE_START', '8 入学日期 R_MISSING',
    ]);
    expect(r.stderr).toContain('imported 3 rows from students.csv; 5 row errors');
    expect(listRows(w.db).map((x) => [x.line, x.id_number])).toEqual([[2, P], [3, P], [9, BAD_CHECK]]);
  });

  it('with --strict imports nothing from a file with a row error (exit 3)', async () => {
    const w = workspace();
    const f = w.file('d.csv', csv([['身份证号', '死亡日期'], [P, '2020-01-01'], [Q, 'yesterday']]));
    const r = await w.run('import', 'list', f, '--kind', 'death', '--strict');
    expect(r.code).toBe(3);
    expect(listRows(w.db)).toEqual([]);
  });

  it('skips a file already imported as that list, --force replaces its earlier import, and the same file may be another list', async () => {
    const w = workspace();
    const f = w.file('p.csv', csv([['身份证号', '离退休日期'], [P, '2015-01-01'], [Q, '2016-01-01']]));
    expect((await w.run('import', 'list', f, '--kind', 'pension')).code).toBe(0);
    const again = await w.run('import', 'list', f, '--kind', 'pension');
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('skipped p.csv');
    expect(listRows(w.db)).toHaveLength(2);
    expect((await w.run('import', 'list', f, '--kind', 'pension', '--force')).code).toBe(0);
    expect(listRows(w.db)).toHaveLength(2);
    expect(query<{ n: number }>(w.db, 'SELECT count(*) AS n FROM list_rows')[0].n).toBe(4);
    expect((await w.run('import', 'list', f, '--kind', 'death')).stderr).toContain('imported 2 rows');
    expect(listRows(w.db).map((r) => r.list_kind)).toEqual(['pension', 'pension', 'death', 'death']);
  });

  it('stops a file without an id_number or from column, naming what is missing (exit 3)', async () => {
    const w = workspace();
    const r = await w.run('import', 'list', w.file('x.csv', csv([['姓名', '单位名称'], ['张三', '某公司']])), '--kind', 'insured');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/required column\(s\) missing for list: id_number \(.*AAC002\), from \(.*AAE003.*\)/);
  });

  it('is a usage error (exit 2) without --kind, with an unknown kind, or with --kind on another import', async () => {
    const w = workspace();
    const f = w.file('p.csv', csv([['身份证号', '离退休日期'], [P, '2015-01-01']]));
    const none = await w.run('import', 'list', f);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('"import list" needs --kind pension|public_staff|student|death|insured');
    const unknown = await w.run('import', 'list', f, '--kind', 'retired');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--kind must be one of pension, public_staff, student, death, insured, not "retired".');
    expect((await w.run('import', 'roster', f, '--kind', 'pension')).code).toBe(2);
    expect(existsSync(w.db)).toBe(false);
  });

  it('migrates a database made before lists: every file, row and foreign key kept', async () => {
    const w = workspace();
    // A database as the version before lists made it, with an imported file and a row referring to it.
    const conn = new Database(w.db);
    const before = (MIGRATIONS as (string | ((db: Database.Database) => void))[]).slice(0, -1);
    for (const m of before) (typeof m === 'string' ? conn.exec(m) : m(conn));
    conn.pragma(`user_version = ${before.length}`);
    conn.prepare("INSERT INTO imported_files (kind, name, path, sha256, bytes, encoding, imported_at) VALUES ('roster', 'r.csv', '/r.csv', 'abc', 1, 'utf8', 'then')").run();
    conn.prepare("INSERT INTO row_errors (file_id, line, column_name, value, code, expected) VALUES (1, 2, 'name', '', 'R_MISSING', '')").run();
    conn.close();
    const r = await w.run('import', 'list', w.file('p.csv', csv([['身份证号', '离退休日期'], [P, '2015-01-01']])), '--kind', 'pension');
    expect(r.code).toBe(0);
    const after = new Database(w.db, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(after.pragma('foreign_key_check')).toEqual([]);
    expect(after.prepare('SELECT id, kind, list_kind, name FROM imported_files ORDER BY id').all())
      .toEqual([{ id: 1, kind: 'roster', list_kind: null, name: 'r.csv' }, { id: 2, kind: 'list', list_kind: 'pension', name: 'p.csv' }]);
    expect(after.prepare('SELECT file_id, code FROM row_errors').all()).toEqual([{ file_id: 1, code: 'R_MISSING' }]);
    after.close();
    // Foreign keys are enforced again after the migration.
    const again = new Database(w.db);
    again.pragma('foreign_keys = ON');
    expect(() => again.prepare("INSERT INTO row_errors (file_id, line, column_name, value, code, expected) VALUES (99, 2, 'x', '', 'R_MISSING', '')").run()).toThrow(/FOREIGN KEY/);
    again.close();
  });
});

describe('the list rules in check, flags, person and the returns', () => {
  async function pensionerCase() {
    const w = workspace();
    await w.run('import', 'roster', w.file('roster.csv', csv([
      ROSTER_HEADER_EN,
      rosterRow({ class_id: 'A', id_number: P, name: '张三' }),
      rosterRow({ class_id: 'A', id_number: Q, name: '李四' }),
    ])));
    await w.run('import', 'certificates', w.file('certs.csv', csv([
      CERT_HEADER_EN, certRow({ cert_number: 'C1', id_number: P, name: '张三' }), certRow({ cert_number: 'C2', id_number: Q, name: '李四' }),
    ])));
    await w.run('import', 'list', w.file('退休.csv', csv([
      ['AAC002', 'AAC003', '退休日期'],
      [P, '张三', '2020-07-01'],   // the class's first day: a hit
      [Q, '李四', '2020-07-02'],   // the day after: a near miss
    ]), 'gb18030'), '--kind', 'pension');
    expect((await w.run('check', '--as-of', '2021-01-31')).code).toBe(0);
    return w;
  }

  it('flags --rule F_PENSIONER shows the hit with its evidence, and holds the claim for review', async () => {
    const w = await pensionerCase();
    const flags = JSON.parse((await w.run('flags', '--rule', 'F_PENSIONER', '--format', 'json')).stdout) as Record<string, string>[];
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({
      rule: 'F_PENSIONER', severity: 'high', subject_type: 'claim', subject: `A/${P}`, id_number: P, claim_ids: `A/${P}`,
      sources: `pension:退休.csv:2:2020-07-01..;roster.csv:2`, verdict: 'open',
    });
    expect(flags[0].detail).toContain('pension list, retired from 2020-07-01 (退休.csv:2)');
    const zh = JSON.parse((await w.run('--lang', 'zh', 'flags', '--rule', 'F_PENSIONER', '--format', 'json')).stdout) as Record<string, string>[];
    expect(zh[0].detail).toContain('养老金领取人员名单中，2020-07-01 起离退休（退休.csv:2）');
    const approvals = JSON.parse((await w.run('approvals', '--format', 'json')).stdout) as { claim_id: string; decision: string }[];
    expect(Object.fromEntries(approvals.map((a) => [a.claim_id, a.decision]))).toEqual({ [`A/${P}`]: 'review', [`A/${Q}`]: 'approved' });
  });

  it('person shows the outside-list rows, and the returns count the new rules', async () => {
    const w = await pensionerCase();
    const person = JSON.parse((await w.run('person', P, '--format', 'json')).stdout) as { list_rows: unknown[]; flags: { rule: string }[] };
    expect(person.list_rows).toEqual([
      { list: 'pension', from: '2020-07-01', to: null, name: '张三', employer_code: null, employer_name: null, version: 'active', source: '退休.csv:2' },
    ]);
    expect(person.flags.map((f) => f.rule)).toEqual(['F_PENSIONER']);
    const table = (await w.run('person', Q)).stdout;
    expect(table).toContain('## outside lists (1)');
    const report = JSON.parse((await w.run('report', 'quarterly', '2020Q3', '--format', 'json')).stdout) as { flags: { by_rule: Record<string, number> } };
    expect(report.flags.by_rule).toMatchObject({ F_PENSIONER: 1, F_PUBLIC_STAFF: 0, F_STUDENT: 0, F_DECEASED: 0, F_INSURED_UNEMPLOYED: 0, F_NOT_EMPLOYED: 0 });
  });

  it('F_NOT_EMPLOYED and F_INSURED_UNEMPLOYED from monthly contribution rows with ministry-code headers', async () => {
    const w = workspace();
    await w.run('import', 'roster', w.file('roster.csv', csv([
      ROSTER_HEADER_EN,
      rosterRow({ class_id: 'APP', training_type: '企业新型学徒制', categories: '企业职工', employer_name: '重庆某公司', employer_code: '91350100M000100Y43', id_number: P, start_date: '2020-03-01', end_date: '2020-08-31' }),
      rosterRow({ class_id: 'APP', training_type: '企业新型学徒制', categories: '企业职工', employer_name: '重庆某公司', employer_code: '91350100M000100Y43', id_number: Q, start_date: '2020-03-01', end_date: '2020-08-31' }),
      rosterRow({ class_id: 'UNEMP', categories: '失业人员', id_number: Q, start_date: '2020-09-01', end_date: '2020-09-20' }),
    ])));
    const months = (id: string, code: string, from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, k) => [id, '', `2020${String(from + k).padStart(2, '0')}`, '某单位', code]);
    await w.run('import', 'list', w.file('ac20.csv', csv([
      ['AAC002', 'AAC003', 'AAE002', 'AAB004', '单位统一社会信用代码'],
      ...months(P, '91350100M000100Y43', 1, 2),   // P: with the employer, but only before the class
      ...months(Q, '91350100M000100Y43', 5, 9),   // Q: with the employer during the class, and in September
    ])), '--kind', 'insured');
    expect((await w.run('check', '--as-of', '2021-06-30')).code).toBe(0);
    const flags = JSON.parse((await w.run('flags', '--format', 'json')).stdout) as Record<string, string>[];
    const listFlags = flags.filter((f) => ['F_NOT_EMPLOYED', 'F_INSURED_UNEMPLOYED'].includes(f.rule)).map((f) => [f.rule, f.subject, f.sources]);
    expect(listFlags).toEqual([
      ['F_INSURED_UNEMPLOYED', `UNEMP/${Q}`, `insured:ac20.csv:8:2020-09-01..2020-09-30;roster.csv:4`],
      ['F_NOT_EMPLOYED', `APP/${P}`, 'roster.csv:2'],
    ]);
  });
});

describe('the insured list as check reads it (store/list-columns.ts)', () => {
  const X = personId('1970-07-07', 'male', 3);
  const R = personId('1988-08-08', 'female', 4);

  async function listed() {
    const w = workspace();
    await w.run('import', 'roster', w.file('roster.csv', csv([
      ROSTER_HEADER_EN,
      rosterRow({ class_id: 'UNEMP', categories: '失业人员', id_number: Q, name: '李四', start_date: '2020-09-01', end_date: '2020-09-20' }),
      rosterRow({ class_id: 'UNEMP', categories: '失业人员', id_number: R, name: '王五', start_date: '2020-09-01', end_date: '2020-09-20' }),
    ])));
    // Q's rows are spread over two files, between rows of R and of a person with no claim; the first
    // file names Q otherwise, without an employer; both have a row from September's first day. R's
    // row is from October, after R's class started.
    await w.run('import', 'list', w.file('a.csv', csv([
      ['AAC002', 'AAC003', 'AAE002', 'AAB004'],
      [X, '赵六', '202009', '某厂'],
      [Q, '李 四', '202009', ''],
      [R, '王五', '202010', '某店'],
      [X, '赵六', '202010', '某厂'],
    ])), '--kind', 'insured');
    await w.run('import', 'list', w.file('b.csv', csv([
      ['AAC002', 'AAC003', 'AAE002', 'AAB004'],
      [Q, '李四', '202009', '某公司'],
      [Q, '李四', '202008', '某公司'],
    ])), '--kind', 'insured');
    return w;
  }

  it('finds a person\'s rows across files in the order read, with their names and employers, and only the rows of persons with a claim', async () => {
    const w = await listed();
    expect((await w.run('check', '--as-of', '2021-06-30')).code).toBe(0);
    const flags = JSON.parse((await w.run('flags', '--rule', 'F_INSURED_UNEMPLOYED', '--format', 'json', '--lang', 'en')).stdout) as Record<string, string>[];
    expect(flags.map((f) => [f.subject, f.sources])).toEqual([
      [`UNEMP/${Q}`, 'insured:a.csv:3:2020-09-01..2020-09-30;insured:b.csv:2:2020-09-01..2020-09-30;roster.csv:2'],
    ]);
    // The earliest row matched is a.csv's (read first); it names no employer.
    expect(flags[0].detail).toContain('shows contributions for 2020-09-01..2020-09-30 (a.csv:3, and 1 more row(s))');
    const { readDecisionData } = await import('../../dist/engine/snapshot-reader.js');
    const db = new Database(w.db, { readonly: true });
    const data = await readDecisionData(db);
    const insured = data.lists.byIdNumber('insured');
    expect([...data.lists.loaded]).toEqual(['insured']);
    expect(insured.get(X)).toBeUndefined();
    expect(insured.get(R)!.map((r) => [r.name, r.from, r.employerName, r.source])).toEqual([['王五', '2020-10-01', '某店', 'a.csv:4']]);
    expect(insured.get(Q)!.map((r) => ({ kind: r.kind, idNumber: r.idNumber, name: r.name, from: r.from, to: r.to, employerCode: r.employerCode, employerName: r.employerName, source: r.source }))).toEqual([
      { kind: 'insured', idNumber: Q, name: '李 四', from: '2020-09-01', to: '2020-09-30', employerCode: null, employerName: null, source: 'a.csv:3' },
      { kind: 'insured', idNumber: Q, name: '李四', from: '2020-09-01', to: '2020-09-30', employerCode: null, employerName: '某公司', source: 'b.csv:2' },
      { kind: 'insured', idNumber: Q, name: '李四', from: '2020-08-01', to: '2020-08-31', employerCode: null, employerName: '某公司', source: 'b.csv:3' },
    ]);
    expect(data.lists.byIdNumber('pension').get(Q)).toBeUndefined();
    data.endSnapshot();
    db.close();
  });

  it('keeps every value of a long list, past the widths its first values fit in', async () => {
    const w = workspace();
    await w.run('import', 'roster', w.file('roster.csv', csv([ROSTER_HEADER_EN, rosterRow({ id_number: Q, name: '李四' })])));
    const n = 70_000;
    const rows = Array.from({ length: n }, (_, k) => [Q, '李四', `2020${String((k % 12) + 1).padStart(2, '0')}`, `某厂${k}`]);
    expect((await w.run('import', 'list', w.file('big.csv', csv([['AAC002', 'AAC003', 'AAE002', 'AAB004'], ...rows])), '--kind', 'insured')).code).toBe(0);
    const { readDecisionData } = await import('../../dist/engine/snapshot-reader.js');
    const db = new Database(w.db, { readonly: true });
    const data = await readDecisionData(db);
    const got = data.lists.byIdNumber('insured').get(Q)!;
    expect(got).toHaveLength(n);
    for (const k of [0, 255, 256, 65_534, 65_535, n - 1]) {
      expect([got[k].source, got[k].employerName, got[k].from, got[k].name], String(k)).toEqual([`big.csv:${k + 2}`, `某厂${k}`, `2020-${String((k % 12) + 1).padStart(2, '0')}-01`, '李四']);
    }
    data.endSnapshot();
    db.close();
  }, 60_000);

  it('reads the list from the check\'s snapshot, however late its rules ask: a list imported meanwhile is not in it', async () => {
    const w = await listed();
    const { readDecisionData } = await import('../../dist/engine/snapshot-reader.js');
    const db = new Database(w.db);
    const data = await readDecisionData(db);
    expect(db.inTransaction).toBe(true);
    await w.run('import', 'list', w.file('c.csv', csv([['AAC002', 'AAE002', 'AAB004'], [R, '202009', '某店']])), '--kind', 'insured');
    expect(data.lists.byIdNumber('insured').get(R)!.map((r) => r.source)).toEqual(['a.csv:4']);
    data.endSnapshot();
    data.endSnapshot();
    expect(db.inTransaction).toBe(false);
    const later = await readDecisionData(db);
    expect(later.lists.byIdNumber('insured').get(R)!.map((r) => r.source)).toEqual(['a.csv:4', 'c.csv:2']);
    later.endSnapshot();
    // Without a list loaded, the snapshot ends with the reading.
    const none = workspace();
    await none.run('import', 'roster', none.file('roster.csv', csv([ROSTER_HEADER_EN, rosterRow({ id_number: Q })])));
    const plain = new Database(none.db);
    const read = await readDecisionData(plain);
    expect(read.lists.loaded.size).toBe(0);
    expect(plain.inTransaction).toBe(false);
    plain.close();
    db.close();
  });
});

describe('the sample lists', () => {
  const SAMPLES = join(import.meta.dirname, '..', '..', 'samples');

  it('are made deterministically: the generator writes the committed bytes again', () => {
    const dir = tempDir();
    generateSamples(dir);
    for (const file of readdirSync(SAMPLES).filter((f) => f.startsWith('list-'))) {
      expect(readFileSync(join(dir, file)).equals(readFileSync(join(SAMPLES, file))), file).toBe(true);
    }
  });

  it('raise their true hits and none of their near misses when the demo imports them', async () => {
    const w = workspace();
    const files = readdirSync(SAMPLES);
    await w.run('import', 'roster', ...files.filter((f) => f.startsWith('roster-')).sort().map((f) => join(SAMPLES, f)));
    await w.run('import', 'certificates', join(SAMPLES, 'certificates.csv'));
    for (const [file, kind] of [['list-pension-gb18030.csv', 'pension'], ['list-public-staff.csv', 'public_staff'], ['list-student.csv', 'student'], ['list-death.csv', 'death'], ['list-insured-ac20.csv', 'insured']]) {
      const r = await w.run('import', 'list', join(SAMPLES, file), '--kind', kind);
      expect(r.stderr, file).toMatch(/; 0 row errors/);
    }
    expect((await w.run('check', '--as-of', '2021-12-31')).code).toBe(0);
    const flags = JSON.parse((await w.run('flags', '--format', 'json')).stdout) as { rule: string }[];
    const count = (rule: string) => flags.filter((f) => f.rule === rule).length;
    // pension: retired long before and on the start day (not the day after); public staff: in post
    // on the first day (not one who left the day before); students: one enrolled, one graduate whose
    // study ends the next year (not one in the year of graduation); death: on the certificate's
    // issue date (not the day after); insured on the first day (not stopped the month before);
    // apprentices: none, another employer, stopped the month before (not from the last month).
    expect(Object.fromEntries(['F_PENSIONER', 'F_PUBLIC_STAFF', 'F_STUDENT', 'F_DECEASED', 'F_INSURED_UNEMPLOYED', 'F_NOT_EMPLOYED'].map((rule) => [rule, count(rule)])))
      .toEqual({ F_PENSIONER: 2, F_PUBLIC_STAFF: 1, F_STUDENT: 2, F_DECEASED: 1, F_INSURED_UNEMPLOYED: 1, F_NOT_EMPLOYED: 3 });
  }, 60_000);
});
