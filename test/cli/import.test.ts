// `skillsub import` through the real CLI on a temporary database (SPEC §2, §2.4, §4).

import { describe, it, expect } from 'vitest';
import Database from 'better-sqlite3';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { workspace, csv } from '../helpers/cli.js';
import { rosterRow, ROSTER_HEADER_EN, certRow, CERT_HEADER_EN, VALID_ID } from '../helpers/rows.js';
import { query } from '../helpers/query.js';

const ZH_HEADER = ['班级编号', '培训机构', '统一社会信用代码', '培训类型', '是否项目制', '职业编码', '职业（工种）', '技能等级', '开班日期', '结业日期', '学时', '出勤率', '学员姓名', '身份证号码*', '手机号码', '人员类别', '户口性质', '工作单位', '单位代码', '是否参保', '月数', '申请金额'];


describe('import roster', () => {
  it('imports a GB18030 file with Chinese headers, trailing stars and mixed date forms', async () => {
    const w = workspace();
    const rows = [
      rosterRow({ class_id: 'A', start_date: '2020/7/1', end_date: '2020年7月20日' }),
      rosterRow({ class_id: 'B', start_date: '20200801', end_date: '44058', id_number: "'110105491231002" }),
    ];
    const f = w.file('花名册.csv', csv([ZH_HEADER, ...rows]), 'gb18030');
    const r = await w.run('import', 'roster', f);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('imported 2 rows from 花名册.csv; 0 row errors');
    const stored = query<{ claim_id: string; start_date: string; end_date: string; name: string; line: number }>(
      w.db, 'SELECT claim_id, start_date, end_date, name, line FROM roster_rows ORDER BY id');
    expect(stored).toEqual([
      { claim_id: `A/${VALID_ID}`, start_date: '2020-07-01', end_date: '2020-07-20', name: '张三', line: 2 },
      { claim_id: `B/${VALID_ID}`, start_date: '2020-08-01', end_date: '2020-08-15', name: '张三', line: 3 },
    ]);
    expect(query<{ encoding: string }>(w.db, 'SELECT encoding FROM imported_files')[0].encoding).toBe('gb18030');
  });

  it('imports UTF-16 with a BOM, and UTF-8 with a BOM', async () => {
    const w = workspace();
    const a = w.file('u16.csv', csv([ROSTER_HEADER_EN, rosterRow({ class_id: 'U16' })]), 'utf16le');
    const b = w.file('bom.csv', csv([ZH_HEADER, rosterRow({ class_id: 'BOM' })]), 'utf8bom');
    expect((await w.run('import', 'roster', a, b)).code).toBe(0);
    expect(query<{ class_id: string }>(w.db, 'SELECT class_id FROM roster_rows ORDER BY id').map((r) => r.class_id)).toEqual(['U16', 'BOM']);
  });

  it('detects tab and semicolon delimiters from the header line', async () => {
    const w = workspace();
    const tab = w.file('t.tsv', csv([ROSTER_HEADER_EN, rosterRow({ class_id: 'T', employer_name: 'a,b' })], '\t'));
    const semi = w.file('s.csv', csv([ROSTER_HEADER_EN, rosterRow({ class_id: 'S', employer_name: 'c,d' })], ';'));
    expect((await w.run('import', 'roster', tab, semi)).code).toBe(0);
    expect(query<{ employer_name: string }>(w.db, 'SELECT employer_name FROM roster_rows ORDER BY id').map((r) => r.employer_name)).toEqual(['a,b', 'c,d']);
  });

  it('reads quoted newlines inside a field (stored names fold them to spaces) and counts physical lines for the rows after it', async () => {
    const w = workspace();
    const text = csv([
      ROSTER_HEADER_EN,
      rosterRow({ class_id: 'Q', employer_name: '重庆\n某某\r\n公司' }),
      rosterRow({ class_id: 'R', start_date: 'bad' }),
    ]);
    const r = await w.run('import', 'roster', w.file('q.csv', text));
    expect(r.code).toBe(0);
    expect(query<{ employer_name: string }>(w.db, 'SELECT employer_name FROM roster_rows')[0].employer_name).toBe('重庆 某某 公司');
    expect(r.stderr).toContain('q.csv line 5, column start_date: [R_DATE] "bad" is not a date.');
  });

  it('reports every row-error code with its line and column, and imports the good rows', async () => {
    const w = workspace();
    const rows = [
      rosterRow({ class_id: 'OK' }),
      rosterRow({ class_id: 'M', name: '' }),                           // line 3 R_MISSING
      rosterRow({ class_id: 'D', id_number: '5.00103E+17' }),            // line 4 R_ID_DAMAGED
      rosterRow({ class_id: 'T', start_date: '31/02/2020' }),            // line 5 R_DATE
      rosterRow({ class_id: 'E', training_type: '厨艺培训' }),             // line 6 R_ENUM
      rosterRow({ class_id: 'N', claimed_amount: '-100' }),              // line 7 R_NUMBER
      rosterRow({ class_id: 'OK' }),                                     // line 8 R_DUP_ROW
      rosterRow({ class_id: 'B', start_date: '2020-07-20', end_date: '2020-07-01' }), // line 9 R_END_BEFORE_START
      rosterRow({ class_id: 'X', level: '六级', categories: '农民工、外星人', hours: 'many' }), // line 10: three errors
    ];
    const out = join(w.dir, 'errors.csv');
    const r = await w.run('import', 'roster', w.file('r.csv', csv([ROSTER_HEADER_EN, ...rows])), '--errors-out', out);
    expect(r.code).toBe(0);
    const errors = query<{ line: number; column_name: string; code: string }>(w.db, 'SELECT line, column_name, code FROM row_errors ORDER BY line, id');
    expect(errors).toEqual([
      { line: 3, column_name: 'name', code: 'R_MISSING' },
      { line: 4, column_name: 'id_number', code: 'R_ID_DAMAGED' },
      { line: 5, column_name: 'start_date', code: 'R_DATE' },
      { line: 6, column_name: 'training_type', code: 'R_ENUM' },
      { line: 7, column_name: 'claimed_amount', code: 'R_NUMBER' },
      { line: 8, column_name: 'id_number', code: 'R_DUP_ROW' },
      { line: 9, column_name: 'end_date', code: 'R_END_BEFORE_START' },
      { line: 10, column_name: 'level', code: 'R_ENUM' },
      { line: 10, column_name: 'hours', code: 'R_NUMBER' },
      { line: 10, column_name: 'categories', code: 'R_ENUM' },
    ]);
    expect(query(w.db, 'SELECT claim_id FROM roster_rows')).toHaveLength(1);
    expect(r.stderr).toContain('imported 1 rows from r.csv; 10 row errors');
    expect(r.stderr).toContain('r.csv line 6, column training_type: [R_ENUM] "厨艺培训" is not an accepted value. Accepted: employment_skills (就业技能培训)');
    const written = readFileSync(out, 'utf8');
    expect(written.startsWith('\ufefffile,line,column,value,code,message')).toBe(true);
    expect(written).toContain('r.csv,4,id_number,5.00103E+17,R_ID_DAMAGED,');
    expect(written).toContain("r.csv,7,claimed_amount,'-100,R_NUMBER");
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it('skips rows of empty cells that spreadsheets leave at the end, without row errors', async () => {
    const w = workspace();
    const empty = ROSTER_HEADER_EN.map(() => '').join(',');
    const text = `${csv([ROSTER_HEADER_EN, rosterRow()])}${empty}\r\n${empty}\r\n${csv([rosterRow({ class_id: 'L5', start_date: 'x' })])}`;
    const r = await w.run('import', 'roster', w.file('r.csv', text));
    expect(r.stderr).toContain('imported 1 rows from r.csv; 1 row errors');
    expect(r.stderr).toContain('r.csv line 5, column start_date');
  });

  it('prints the first 20 row errors and then a count', async () => {
    const w = workspace();
    const rows = Array.from({ length: 25 }, (_, i) => rosterRow({ class_id: `C${i}`, start_date: 'soon' }));
    const r = await w.run('import', 'roster', w.file('r.csv', csv([ROSTER_HEADER_EN, ...rows])));
    expect(r.stderr.match(/\[R_DATE\]/g)).toHaveLength(20);
    expect(r.stderr).toContain('… and 5 more row error(s).');
  });

  it('imports a readable ID that fails its checksum (it is judged by check, not dropped)', async () => {
    const w = workspace();
    const r = await w.run('import', 'roster', w.file('r.csv', csv([ROSTER_HEADER_EN, rosterRow({ id_number: '360426199101010072' })])));
    expect(r.code).toBe(0);
    expect(query<{ id_number: string }>(w.db, 'SELECT id_number FROM roster_rows')[0].id_number).toBe('360426199101010072');
  });

  it('stops a file with a missing required column, naming it and the headers found (exit 3)', async () => {
    const w = workspace();
    const header = ROSTER_HEADER_EN.filter((h) => h !== 'categories');
    const r = await w.run('import', 'roster', w.file('r.csv', csv([header, rosterRow().slice(0, 15)])));
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('r.csv: required column(s) missing for roster: categories (人员类别/学员类别/类别). Headers found: class_id');
    expect(query(w.db, 'SELECT * FROM imported_files')).toHaveLength(0);
  });

  it('stops a file whose two headers name the same column, naming both (exit 3)', async () => {
    const w = workspace();
    const header = ROSTER_HEADER_EN.map((h) => (h === 'institution_name' ? '培训机构' : h));
    const r = await w.run('import', 'roster', w.file('r.csv', csv([[...header, '机构名称'], [...rosterRow(), '另一个机构']])));
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('r.csv: the headers "培训机构" (column 2) and "机构名称" (column 23) both name the column institution_name.');
    expect(query(w.db, 'SELECT * FROM roster_rows')).toHaveLength(0);
    expect(query(w.db, 'SELECT * FROM imported_files')).toHaveLength(0);
  });

  it('stops a certificate file that gives the same header twice (exit 3)', async () => {
    const w = workspace();
    const r = await w.run('import', 'certificates', w.file('c.csv', csv([[...CERT_HEADER_EN, ' Level* '], [...certRow(), '4']])));
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('c.csv: the headers "level" (column 7) and "Level*" (column 10) both name the column level.');
  });

  it('says a file without its header row has none, and echoes nothing of its first line (a person\'s row)', async () => {
    const w = workspace();
    const r = await w.run('import', 'roster', w.file('r.csv', csv([rosterRow(), rosterRow({ class_id: 'B' })])));
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(`error: r.csv: its first line names none of the columns of a roster file (${ROSTER_HEADER_EN.length} values, not shown: without its header row, a file's first line is a person's row). Put the header row first — "skillsub help columns" lists the names and their Chinese aliases — and import again.\n`);
    // A header with some known names still lists what it found.
    const some = await w.run('import', 'roster', w.file('s.csv', csv([['class_id', '姓名x'], ['A', 'B']])));
    expect(some.stderr).toContain('Headers found: class_id, 姓名x');
  });

  it('reports an ID number that is neither 15 nor 18 characters after clean-up as damaged, and imports the 15- and 18-character ones', async () => {
    const w = workspace();
    const rows = [
      rosterRow({ class_id: 'A', id_number: '11010519491231002' }),      // line 2: 17 characters
      rosterRow({ class_id: 'B', id_number: '11010519491231002X1' }),    // line 3: 19 characters
      rosterRow({ class_id: 'C', id_number: '无' }),                      // line 4
      rosterRow({ class_id: 'D', id_number: '110105491231002' }),         // 15 digits: converted
      rosterRow({ class_id: 'E', id_number: "'1101051949123100AB" }),     // 18 characters: imported, judged by check
      rosterRow({ class_id: 'F', id_number: ' 110105 19491231 002x ' }),  // 18 after clean-up
    ];
    const r = await w.run('import', 'roster', w.file('r.csv', csv([ROSTER_HEADER_EN, ...rows])));
    expect(r.code).toBe(0);
    expect(query(w.db, 'SELECT line, column_name, code FROM row_errors ORDER BY line')).toEqual([
      { line: 2, column_name: 'id_number', code: 'R_ID_DAMAGED' },
      { line: 3, column_name: 'id_number', code: 'R_ID_DAMAGED' },
      { line: 4, column_name: 'id_number', code: 'R_ID_DAMAGED' },
    ]);
    expect(query(w.db, 'SELECT class_id, id_number FROM roster_rows ORDER BY class_id')).toEqual([
      { class_id: 'D', id_number: '11010519491231002X' },
      { class_id: 'E', id_number: '1101051949123100AB' },
      { class_id: 'F', id_number: '11010519491231002X' },
    ]);
    expect(r.stderr).toContain('r.csv line 4, column id_number: [R_ID_DAMAGED] "无" is not a readable ID number: it should have 18 characters (15 before 1999).');
  });

  it('warns once about unknown columns and imports the rest', async () => {
    const w = workspace();
    const r = await w.run('import', 'roster', w.file('r.csv', csv([[...ROSTER_HEADER_EN, '备注'], [...rosterRow(), 'x']])));
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: r.csv: ignored unknown column(s): 备注');
  });

  it('skips a file already imported and re-imports it with --force', async () => {
    const w = workspace();
    const f = w.file('r.csv', csv([ROSTER_HEADER_EN, rosterRow()]));
    await w.run('import', 'roster', f);
    const again = await w.run('import', 'roster', f);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/skipped r.csv: the same content was imported on .* as r.csv. Pass --force/);
    expect(query(w.db, 'SELECT * FROM roster_rows')).toHaveLength(1);
    await w.run('import', 'roster', f, '--force');
    expect(query(w.db, 'SELECT * FROM roster_rows')).toHaveLength(2);
    expect(query(w.db, 'SELECT * FROM roster_rows WHERE active = 1')).toHaveLength(1);
  });

  it('with --strict leaves the database untouched when a row fails, and exits 3', async () => {
    const w = workspace();
    await w.run('import', 'roster', w.file('first.csv', csv([ROSTER_HEADER_EN, rosterRow({ class_id: 'KEEP' })])));
    const before = query(w.db, 'SELECT * FROM roster_rows');
    const r = await w.run('import', 'roster', '--strict',
      w.file('bad.csv', csv([ROSTER_HEADER_EN, rosterRow({ class_id: 'KEEP', name: '李四' }), rosterRow({ class_id: 'Z', end_date: 'x' })])));
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('bad.csv: 1 row error(s); with --strict nothing from this file was imported.');
    expect(query(w.db, 'SELECT * FROM roster_rows')).toEqual(before);
    expect(query(w.db, 'SELECT name FROM imported_files')).toEqual([{ name: 'first.csv' }]);
  });

  it('with --strict keeps nothing of a rejected file when the next file of the command is imported', async () => {
    const w = workspace();
    const r = await w.run('import', 'roster', '--strict',
      w.file('bad.csv', csv([ROSTER_HEADER_EN, rosterRow({ class_id: 'K1', name: '李四' }), rosterRow({ class_id: 'Z', end_date: 'x' })])),
      w.file('good.csv', csv([ROSTER_HEADER_EN, rosterRow({ class_id: 'K2', name: '王五' })])));
    expect(r.code).toBe(3);
    expect(query(w.db, 'SELECT r.name, r.class_id, f.name AS file FROM roster_rows r JOIN imported_files f ON f.id = r.file_id'))
      .toEqual([{ name: '王五', class_id: 'K2', file: 'good.csv' }]);
  });

  it('replaces a claim on re-import and keeps the earlier version', async () => {
    const w = workspace();
    await w.run('import', 'roster', w.file('v1.csv', csv([ROSTER_HEADER_EN, rosterRow({ attendance: '90%' })])));
    await w.run('import', 'roster', w.file('v2.csv', csv([ROSTER_HEADER_EN, rosterRow({ attendance: '60%' })])));
    const versions = query<{ attendance: number; active: number; name: string; line: number }>(
      w.db, 'SELECT r.attendance, r.active, f.name, r.line FROM roster_rows r JOIN imported_files f ON f.id = r.file_id ORDER BY r.id');
    expect(versions).toEqual([
      { attendance: 0.9, active: 0, name: 'v1.csv', line: 2 },
      { attendance: 0.6, active: 1, name: 'v2.csv', line: 2 },
    ]);
  });

  it('records provenance: file name, SHA-256 and line on every row', async () => {
    const w = workspace();
    const f = w.file('p.csv', csv([ROSTER_HEADER_EN, rosterRow()]));
    await w.run('import', 'roster', f);
    const [row] = query<{ name: string; sha256: string; line: number }>(w.db, 'SELECT f.name, f.sha256, r.line FROM roster_rows r JOIN imported_files f ON f.id = r.file_id');
    const { createHash } = await import('node:crypto');
    expect(row).toEqual({ name: 'p.csv', sha256: createHash('sha256').update(readFileSync(f)).digest('hex'), line: 2 });
  });

  it('creates the database with mode 0600', async () => {
    const w = workspace();
    await w.run('import', 'roster', w.file('r.csv', csv([ROSTER_HEADER_EN, rosterRow()])));
    expect(statSync(w.db).mode & 0o777).toBe(0o600);
  });

  it('speaks Chinese with --lang zh', async () => {
    const w = workspace();
    const r = await w.run('--lang', 'zh', 'import', 'roster', w.file('r.csv', csv([ROSTER_HEADER_EN, rosterRow({ start_date: '2020-02-30' })])));
    expect(r.stderr).toContain('r.csv 第 2 行，start_date 列: [R_DATE] "2020-02-30" 不是日期。');
    expect(r.stderr).toContain('已从 r.csv 导入 0 行；行错误 1 条');
  });

  it('takes the language from LANG when --lang is absent', async () => {
    const w = workspace();
    const r = await w.runEnv({ LANG: 'zh_CN.UTF-8' }, 'import', 'roster', w.file('r.csv', csv([ROSTER_HEADER_EN, rosterRow()])));
    expect(r.stderr).toContain('已从 r.csv 导入 1 行');
  });

  it('masks ID numbers in printed row errors', async () => {
    const w = workspace();
    const r = await w.run('import', 'roster', w.file('r.csv', csv([ROSTER_HEADER_EN, rosterRow(), rosterRow()])));
    expect(r.stderr).toContain('[R_DUP_ROW]');
    expect(r.stderr).not.toContain(VALID_ID);
  });
});

describe('organisation codes', () => {
  it('imports a row whose credit code is wrong, and check flags it (F_ORG_CODE_INVALID) instead of dropping it', async () => {
    const w = workspace();
    const r = await w.run('import', 'roster', w.file('r.csv', csv([ROSTER_HEADER_EN, rosterRow({ institution_code: '91110000600037341M' }), rosterRow({ class_id: 'OK2', institution_code: '915001037100000080' })])));
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('imported 2 rows from r.csv; 0 row errors');
    await w.run('check', '--as-of', '2021-12-31');
    const flags = JSON.parse((await w.run('flags', '--rule', 'F_ORG_CODE_INVALID', '--format', 'json')).stdout);
    expect(flags.map((f: { subject: string }) => f.subject)).toEqual(['91110000600037341M']);
  });
});

describe('import certificates and institutions', () => {
  it('keeps one certificate number held by two ID numbers as two rows', async () => {
    const w = workspace();
    const f = w.file('c.csv', csv([CERT_HEADER_EN, certRow(), certRow({ id_number: '110105491231002', name: '李四' }), certRow({ id_number: '500103199001010012', name: '王五' })]));
    const r = await w.run('import', 'certificates', f);
    expect(r.stderr).toContain('[R_DUP_ROW]');
    expect(query(w.db, 'SELECT cert_number, id_number FROM certificates')).toEqual([
      { cert_number: 'C0001', id_number: VALID_ID },
      { cert_number: 'C0001', id_number: '500103199001010012' },
    ]);
  });

  it('reads the institution catalogue with open validity ends', async () => {
    const w = workspace();
    const f = w.file('i.csv', csv([['统一社会信用代码', '机构名称', '有效期起', '有效期止'], ['91110000600037341L', '渝中职校', '2019-01-01', ''], ['91350100M000100Y43', '某中心', '', '2020/12/31']]));
    expect((await w.run('import', 'institutions', f)).code).toBe(0);
    expect(query(w.db, 'SELECT institution_code, valid_from, valid_to FROM institutions ORDER BY id')).toEqual([
      { institution_code: '91110000600037341L', valid_from: '2019-01-01', valid_to: null },
      { institution_code: '91350100M000100Y43', valid_from: null, valid_to: '2020-12-31' },
    ]);
  });
});

describe('the command line', () => {
  it('exits 2 on an unknown command, an unknown import kind and a bad --encoding', async () => {
    const w = workspace();
    expect((await w.run('frobnicate')).code).toBe(2);
    expect((await w.run('import', 'people', 'x.csv')).code).toBe(2);
    expect((await w.run('import', 'roster', 'x.csv', '--encoding', 'latin1')).code).toBe(2);
  });

  it('exits 3 on a file that does not exist, naming it', async () => {
    const w = workspace();
    const r = await w.run('import', 'roster', 'nope.csv');
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('nope.csv cannot be read (ENOENT)');
  });

  it('logs every import with user, version, command, file and SHA-256 and refuses to rewrite the log', async () => {
    const w = workspace();
    await w.run('import', 'roster', w.file('r.csv', csv([ROSTER_HEADER_EN, rosterRow(), rosterRow({ start_date: 'x' })])));
    const r = await w.run('log', '--format', 'json');
    const [entry] = JSON.parse(r.stdout);
    expect(entry.action).toBe('import roster');
    expect(entry.tool_version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(entry.command).toContain('import roster');
    expect(entry.details).toMatchObject({ file: 'r.csv', rows_imported: 1, rows_rejected: 1 });
    expect(entry.details.sha256).toMatch(/^[0-9a-f]{64}$/);
    const conn = new Database(w.db);
    expect(() => conn.prepare('UPDATE audit_log SET os_user = ?').run('mallory')).toThrow(/append-only/);
    expect(() => conn.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    conn.close();
  });

  it('has help with a runnable example for every command', async () => {
    const w = workspace();
    const commands = [['import'], ['check'], ['approvals'], ['payments'], ['flags'], ['flags', 'resolve'], ['report'], ['sample'], ['person'], ['explain'], ['policy', 'show'], ['policy', 'check'], ['log']];
    for (const cmd of commands) {
      const r = await w.run(...cmd, '--help');
      expect(r.code).toBe(0);
      expect(r.stdout, cmd.join(' ')).toMatch(/Examples?:\n\s+\$ skillsub /);
    }
  });
});
