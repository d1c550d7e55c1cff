// Hardening II, the rest (issue #15 items 3, 4, 6, 8, 11 and the also-noticed header kinds):
// class ownership, tamper triggers, encodings, rows that vanish, policy amounts.

import { describe, it, expect } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { workspace, csv } from '../helpers/cli.js';
import { rosterRow, ROSTER_HEADER_EN, INSTITUTION_CODE, EMPLOYER_CODE, certRow, CERT_HEADER_EN } from '../helpers/rows.js';
import { personId } from '../helpers/claims.js';
import { query } from '../helpers/query.js';


const OTHER_CODE = EMPLOYER_CODE;
/** Distinct valid ID numbers for i = 1, 2, 3… (thousands of them). */
const person = (i: number) => personId(`${1970 + (i % 30)}-0${1 + (i % 9)}-1${i % 10}`, 'male', (i % 499) + 1);

describe('a class belongs to one institution (SPEC §2.1, item 4)', () => {
  it('refuses rows of a class held by another institution, naming it and its file, and never replaces its rows', async () => {
    const w = workspace();
    const first = [1, 2, 3].map((i) => rosterRow({ class_id: 'K1', id_number: person(i), name: `张${i}` }));
    expect((await w.run('import', 'roster', w.file('a.csv', csv([ROSTER_HEADER_EN, ...first])))).code).toBe(0);
    // Another institution's file reusing K1 (same trainees: the keys collide), and the holder
    // writing its own code with spaces, lower case and full-width characters.
    const second = [
      ...[1, 2].map((i) => rosterRow({ class_id: 'K1', institution_code: OTHER_CODE, institution_name: '别的学校', id_number: person(i), name: `李${i}` })),
      rosterRow({ class_id: 'K1', institution_code: ' ９１110000 600037341l ', id_number: person(4), name: '王4' }),
    ];
    const r = await w.run('import', 'roster', w.file('b.csv', csv([ROSTER_HEADER_EN, ...second])), '--errors-out', 'errors.csv');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('imported 1 rows from b.csv; 2 row errors');
    expect(r.stderr).toMatch(/b\.csv line 2, column class_id: \[R_CLASS_CONFLICT\] class K1 belongs to another institution: \*+L 渝中职校 \(a\.csv\)/);
    expect(r.stderr).toContain('b.csv line 3, column class_id: [R_CLASS_CONFLICT]');
    const active = query<{ name: string; institution_code: string }>(w.db, "SELECT name, institution_code FROM roster_rows WHERE active = 1 AND class_id = 'K1' ORDER BY id");
    expect(active).toEqual([
      { name: '张1', institution_code: INSTITUTION_CODE }, { name: '张2', institution_code: INSTITUTION_CODE },
      { name: '张3', institution_code: INSTITUTION_CODE }, { name: '王4', institution_code: INSTITUTION_CODE },
    ]);
    expect((await w.run('check', '--as-of', '2021-12-31')).code).toBe(0);
    const approvals = JSON.parse((await w.run('approvals', '--format', 'json')).stdout) as { institution_code: string }[];
    expect(new Set(approvals.map((a) => a.institution_code))).toEqual(new Set([INSTITUTION_CODE]));
  });

  it('refuses a class that an earlier row of the same file gave to another institution', async () => {
    const w = workspace();
    const rows = [
      rosterRow({ class_id: 'K2', id_number: person(1) }),
      rosterRow({ class_id: 'K2', institution_code: OTHER_CODE, institution_name: '别的学校', id_number: person(2) }),
    ];
    const r = await w.run('import', 'roster', w.file('same.csv', csv([ROSTER_HEADER_EN, ...rows])));
    expect(r.code).toBe(0);
    // (An 18-character code looks like an ID number: messages mask it.)
    expect(r.stderr).toMatch(/same\.csv line 3, column class_id: \[R_CLASS_CONFLICT\] class K2 belongs to another institution: \*+L 渝中职校 \(same\.csv\)/);
    expect(query(w.db, 'SELECT class_id, institution_code FROM classes')).toEqual([{ class_id: 'K2', institution_code: INSTITUTION_CODE }]);
  });

  it('moves a class to the new institution with --force-class, in the audit log; the option is for rosters only', async () => {
    const w = workspace();
    await w.run('import', 'roster', w.file('a.csv', csv([ROSTER_HEADER_EN, rosterRow({ class_id: 'K3', id_number: person(1) })])));
    const fixed = csv([ROSTER_HEADER_EN, rosterRow({ class_id: 'K3', institution_code: OTHER_CODE, institution_name: '真学校', id_number: person(1) })]);
    const r = await w.run('import', 'roster', w.file('fixed.csv', fixed), '--force-class');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/fixed\.csv: class K3 moved from \*+L 渝中职校 \(a\.csv\) to 91350100M000100Y43/);
    expect(query(w.db, "SELECT institution_code FROM roster_rows WHERE active = 1")).toEqual([{ institution_code: OTHER_CODE }]);
    const log = JSON.parse((await w.run('log', '--format', 'json')).stdout) as { details: { classes_moved?: unknown } }[];
    expect(log.at(-1)!.details.classes_moved).toEqual([{ class_id: 'K3', from: INSTITUTION_CODE, from_file: 'a.csv', to: OTHER_CODE }]);
    const misuse = await w.run('import', 'certificates', w.file('c.csv', 'x\n'), '--force-class');
    expect(misuse.code).toBe(2);
  });

  it('is enforced by the database: a roster row written directly under another institution is refused', async () => {
    const w = workspace();
    await w.run('import', 'roster', w.file('a.csv', csv([ROSTER_HEADER_EN, rosterRow({ class_id: 'K4', id_number: person(1) })])));
    const conn = new Database(w.db);
    try {
      const insert = () => conn.prepare(
        `INSERT INTO roster_rows (claim_id, class_id, institution_name, institution_code, training_type, project_based, occupation_name,
          start_date, end_date, name, id_number, categories, line, file_id)
         SELECT 'K4/x', 'K4', 'x', ?, training_type, 0, 'x', start_date, end_date, 'x', 'x', categories, 9, file_id FROM roster_rows LIMIT 1`,
      ).run(OTHER_CODE);
      expect(insert).toThrow(/held by another institution/);
      expect(() => conn.prepare("DELETE FROM classes").run()).toThrow();
    } finally {
      conn.close();
    }
  });
});

describe('the database refuses ordinary SQL that would rewrite history (item 8)', () => {
  async function historyWorkspace() {
    const w = workspace();
    const rows = [1, 2].map((i) => rosterRow({ class_id: 'T1', id_number: person(i), name: `张${i}`, institution_code: '123' }));
    expect((await w.run('import', 'roster', w.file('r.csv', csv([ROSTER_HEADER_EN, ...rows])))).code).toBe(0);
    expect((await w.run('import', 'certificates', w.file('c.csv', csv([CERT_HEADER_EN, certRow({ id_number: person(1), name: '张1' })])))).code).toBe(0);
    expect((await w.run('import', 'institutions', w.file('i.csv', 'institution_code,institution_name,valid_from,valid_to\n123,渝中职校,2019-01-01,\n'))).code).toBe(0);
    expect((await w.run('import', 'list', w.file('p.csv', `id_number,name,from\n${person(2)},张2,2010-01-01\n`), '--kind', 'pension')).code).toBe(0);
    expect((await w.run('check', '--as-of', '2021-12-31')).code).toBe(0);
    const [flag] = JSON.parse((await w.run('flags', '--format', 'json')).stdout) as { flag_id: string }[];
    expect((await w.run('flags', 'resolve', flag.flag_id, '--confirmed', '--note', 'the code is fake')).code).toBe(0);
    return w;
  }

  it('refuses deletes of verdicts, REPLACE into every kept table, additions to a finished run and edits of the rows it refers to', async () => {
    const w = await historyWorkspace();
    const approvals = async () => (await w.run('approvals', '--run', '1', '--format', 'json')).stdout;
    const before = await approvals();
    const conn = new Database(w.db);
    const replaceItself = (table: string) => `INSERT OR REPLACE INTO ${table} SELECT * FROM ${table} LIMIT 1`;
    const statements = [
      'DELETE FROM verdicts',
      "INSERT OR REPLACE INTO verdicts (id, flag_id, verdict, note, os_user, at) SELECT id, flag_id, 'cleared', 'nothing', os_user, at FROM verdicts",
      "INSERT OR REPLACE INTO audit_log (id, at, os_user, tool_version, command, action, details) SELECT id, at, 'mallory', tool_version, command, action, '{}' FROM audit_log",
      "REPLACE INTO runs SELECT id, created_at, os_user, 'other', policy_sha256, policy_text, as_of, data_mark, claims, flags FROM runs",
      "INSERT OR REPLACE INTO decision_outcomes (id, run_id, decision, reasons, main_fen, living_fen, total_fen, advance_fen, balance_fen) SELECT id, run_id, 'approved', '', 1, 0, 1, 0, 1 FROM decision_outcomes",
      "INSERT OR REPLACE INTO decision_rows (run_id, roster_row_id, cert_row_id, flags, cap_order, cap_claims, outcome_id) SELECT run_id, roster_row_id, cert_row_id, '', cap_order, cap_claims, outcome_id FROM decision_rows",
      "INSERT OR REPLACE INTO flags SELECT run_id, flag_id, rule, 'low', subject_type, subject, id_number, class_ids, cert_numbers, institution_code, claim_ids, detail_key, detail_params, sources FROM flags",
      "INSERT OR REPLACE INTO secrets (name, value) VALUES ('flag_key', 'known')",
      ...['runs', 'audit_log', 'verdicts', 'decision_rows', 'decision_outcomes', 'flags', 'secrets', 'roster_rows', 'certificates', 'institutions', 'roster_parts', 'imported_files', 'classes', 'run_seals'].map(replaceItself),
      // Additions to a finished run.
      "INSERT INTO decision_rows (run_id, roster_row_id, cert_row_id, flags, cap_order, cap_claims, outcome_id) SELECT run_id, 999, NULL, '', NULL, '', outcome_id FROM decision_rows LIMIT 1",
      "INSERT INTO decision_outcomes (run_id, decision, reasons, main_fen, living_fen, total_fen, advance_fen, balance_fen) VALUES (1, 'approved', '', 1, 0, 1, 0, 1)",
      "INSERT INTO flags SELECT run_id, 'F_X-1', rule, severity, subject_type, subject, id_number, class_ids, cert_numbers, institution_code, claim_ids, detail_key, detail_params, sources FROM flags LIMIT 1",
      'DELETE FROM run_seals',
      // The rows a run refers to.
      "UPDATE roster_rows SET name = 'x'", 'UPDATE roster_rows SET active = 0', 'DELETE FROM roster_rows',
      "UPDATE certificates SET issue_date = '2020-07-02'", 'UPDATE certificates SET active = 0', 'DELETE FROM certificates',
      "UPDATE institutions SET valid_to = '2019-01-02'", 'DELETE FROM institutions',
      "UPDATE roster_parts SET part = '[]'", 'DELETE FROM roster_parts',
      "UPDATE imported_files SET name = 'x'", 'UPDATE imported_files SET rows = 0', 'DELETE FROM imported_files',
      "UPDATE roster_rows SET active = 0, name = 'x' WHERE id = 1",
      "UPDATE list_rows SET from_date = '2030-01-01'", 'UPDATE list_rows SET active = 0', 'DELETE FROM list_rows', replaceItself('list_rows'),
    ];
    try {
      for (const sql of statements) expect(() => conn.exec(sql), sql).toThrow();
    } finally {
      conn.close();
    }
    expect(await approvals()).toBe(before);
    expect(JSON.parse((await w.run('flags', '--format', 'json')).stdout)[0].verdict).toBe('confirmed');
    // The tool's own writes still work: a new version of a row, and a second run.
    expect((await w.run('import', 'roster', w.file('r2.csv', csv([ROSTER_HEADER_EN, rosterRow({ class_id: 'T1', id_number: person(1), name: '张1', institution_code: '123', level: '4' })])))).code).toBe(0);
    expect((await w.run('check', '--as-of', '2021-12-31')).code).toBe(0);
    expect(await approvals()).toBe(before);
  });

  it('refuses changes to row errors, withdrawals and class holders, and reads no run written without its seal', async () => {
    const w = await historyWorkspace();
    const certs = w.file('c2.csv', csv([CERT_HEADER_EN, certRow({ id_number: person(2), name: '张2', cert_number: 'C-2' }), certRow({ id_number: person(3), issue_date: '2020-13-45' })]));
    expect((await w.run('import', 'certificates', certs)).stderr).toContain('[R_DATE]');
    expect((await w.run('import', 'withdraw', 'c2.csv', '--note', 'sent twice')).code).toBe(0);
    expect((await w.run('disburse', '--date', '2021-12-31')).code).toBe(0);
    // A roster imported after the run: the newest file, read by no run yet, its import finished.
    expect((await w.run('import', 'roster', w.file('r3.csv', csv([ROSTER_HEADER_EN, rosterRow({ class_id: 'T5', id_number: person(5), institution_code: OTHER_CODE })])))).code).toBe(0);
    const approvals = async () => (await w.run('approvals', '--format', 'json')).stdout;
    const before = await approvals();
    const conn = new Database(w.db);
    const statements = [
      "UPDATE row_errors SET value = 'x'", 'UPDATE row_errors SET line = line + 1', 'DELETE FROM row_errors',
      'INSERT OR REPLACE INTO row_errors SELECT * FROM row_errors LIMIT 1', 'REPLACE INTO row_errors SELECT * FROM row_errors LIMIT 1',
      "INSERT INTO row_errors SELECT * FROM row_errors LIMIT 1 ON CONFLICT DO UPDATE SET value = 'x'",
      'INSERT OR REPLACE INTO file_withdrawals SELECT * FROM file_withdrawals', "REPLACE INTO file_withdrawals SELECT file_id, withdrawn_at, 'mallory', note, after_run, audit_id FROM file_withdrawals",
      `UPDATE classes SET institution_code = '${OTHER_CODE}'`, "UPDATE classes SET institution_name = 'x'", "UPDATE classes SET class_id = 'T9'",
      'UPDATE classes SET file_id = (SELECT max(id) FROM imported_files)', `UPDATE OR REPLACE classes SET institution_code = '${OTHER_CODE}'`,
      `UPDATE classes SET institution_code = '${OTHER_CODE}', file_id = (SELECT max(id) FROM imported_files) WHERE class_id = 'T1'`,
      "INSERT OR REPLACE INTO batches SELECT * FROM batches", "UPDATE batches SET payments_fen = 0", 'DELETE FROM ledger_lines',
      'UPDATE ledger_lines SET amount_fen = 1', 'INSERT OR REPLACE INTO ledger_lines SELECT * FROM ledger_lines LIMIT 1',
      "INSERT OR IGNORE INTO verdicts SELECT * FROM verdicts", "INSERT INTO verdicts SELECT * FROM verdicts ON CONFLICT DO UPDATE SET verdict = 'cleared'",
    ];
    try {
      for (const sql of statements) expect(() => conn.exec(sql), sql).toThrow();
      // A run row written by hand, without its seal, is not read as the latest run.
      conn.exec("INSERT INTO runs (created_at, os_user, policy_id, policy_sha256, policy_text, as_of, data_mark, claims, flags) SELECT created_at, os_user, policy_id, policy_sha256, policy_text, as_of, data_mark, 0, 0 FROM runs");
    } finally {
      conn.close();
    }
    expect(await approvals()).toBe(before);
    expect((await w.run('approvals', '--run', '2')).code).toBe(3);
    expect(query(w.db, 'SELECT count(*) AS n FROM row_errors')).toEqual([{ n: 1 }]);
  });
});

describe('encodings: one bad byte is one row error, never mojibake or U+FFFD (item 3)', () => {
  const names = ['张三丰', '李四光', '王五福', '赵六顺', '钱七巧', '孙八戒', '周九龄', '吴十全'];
  const rows = names.map((name, i) => rosterRow({ class_id: 'E1', id_number: person(i + 1), name }));
  const text = csv([ROSTER_HEADER_EN, ...rows]);
  /** The file's bytes with `bad` put just after the n-th occurrence of a name's first character. */
  function withBadByte(bytes: Buffer, name: Buffer, bad: number[]): Buffer {
    const at = bytes.indexOf(name) + name.length;
    return Buffer.concat([bytes.subarray(0, at), Buffer.from(bad), bytes.subarray(at)]);
  }
  const stored = (db: string) => query<{ name: string }>(db, 'SELECT name FROM roster_rows ORDER BY id').map((r) => r.name);

  it('keeps a UTF-8 file with one invalid byte UTF-8, and reports that row as R_ENCODING with its line and column', async () => {
    const w = workspace();
    const bytes = withBadByte(Buffer.from(text, 'utf8'), Buffer.from('李四光'), [0xff]);
    const path = w.file('bad-utf8.csv', '');
    (await import('node:fs')).writeFileSync(path, bytes);
    const res = await w.run('import', 'roster', path);
    expect(res.code).toBe(0);
    expect(res.stderr).toContain('bad-utf8.csv line 3, column name: [R_ENCODING] "李四光\ufffd" holds a byte that is not valid UTF-8');
    expect(res.stderr).toContain('imported 7 rows from bad-utf8.csv; 1 row errors');
    expect(query(w.db, "SELECT encoding FROM imported_files WHERE name = 'bad-utf8.csv'")).toEqual([{ encoding: 'utf8' }]);
    expect(stored(w.db).filter((n) => names.includes(n))).toEqual(names.filter((n) => n !== '李四光'));
  });

  it('keeps a short UTF-8 file with four bad bytes in one row UTF-8: the other rows\' names are stored as written, never as GB18030 mojibake', async () => {
    const w = workspace();
    // Few Chinese characters: only the names (the rest ASCII), as few as the bad bytes of line 5.
    const header = 'class_id,institution_name,institution_code,training_type,occupation_name,start_date,end_date,name,id_number,categories';
    const short = [1, 2, 3, 4].map((i) => `E2,Centre${i},${INSTITUTION_CODE},entrepreneurship,SYB,2021-06-16,2021-07-10,${names[i].slice(0, 2)},${person(i)},other`);
    const bytes = Buffer.from(`${[header, ...short].join('\n')}\n`, 'utf8');
    const at = bytes.indexOf(Buffer.from('Centre4')) + 'Centre4'.length;
    const path = w.file('short.csv', '');
    (await import('node:fs')).writeFileSync(path, Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff, 0xfe, 0xc3, 0xff]), bytes.subarray(at)]));
    const res = await w.run('import', 'roster', path);
    expect(res.code).toBe(0);
    expect(res.stderr).toContain('short.csv line 5, column institution_name: [R_ENCODING]');
    expect(res.stderr).toContain('is not valid UTF-8');
    expect(stored(w.db)).toEqual(names.slice(1, 4).map((n) => n.slice(0, 2)));
  });

  it('reads a UTF-16 file without a BOM that holds 一 (a NUL byte in its code unit) as UTF-16, and reports a lone surrogate as R_ENCODING', async () => {
    const w = workspace();
    const withYi = text.replace('张三丰', '张一丰');
    const units = Buffer.from(withYi, 'utf16le');
    const at = units.indexOf(Buffer.from('李', 'utf16le'));
    units.writeUInt16LE(0xd800, at); // 李 → a high surrogate with no low one after it
    const path = w.file('u16.csv', '');
    (await import('node:fs')).writeFileSync(path, units);
    const res = await w.run('import', 'roster', path);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).toMatch(/u16\.csv line 3, column name: \[R_ENCODING\] "\ufffd四光"/);
    expect(res.stderr).toContain('imported 7 rows from u16.csv; 1 row errors');
    expect(stored(w.db)).toEqual(['张一丰', ...names.slice(2)]);
  });

  it('reports an invalid byte in a GB18030 file as R_ENCODING instead of storing U+FFFD', async () => {
    const w = workspace();
    const iconv = (await import('iconv-lite')).default;
    const bytes = withBadByte(iconv.encode(text, 'gb18030'), iconv.encode('王五福', 'gb18030'), [0xff]);
    const path = w.file('bad-gbk.csv', '');
    (await import('node:fs')).writeFileSync(path, bytes);
    const res = await w.run('import', 'roster', path);
    expect(res.code).toBe(0);
    expect(res.stderr).toMatch(/bad-gbk\.csv line 4, column name: \[R_ENCODING\] "王五福\ufffd" holds a byte that is not valid GB18030/);
    expect(query(w.db, 'SELECT encoding FROM imported_files')).toEqual([{ encoding: 'gb18030' }]);
    expect(stored(w.db)).toEqual(names.filter((n) => n !== '王五福'));
    expect(query(w.db, "SELECT count(*) AS n FROM roster_rows WHERE instr(name || institution_name || occupation_name, char(65533)) > 0")).toEqual([{ n: 0 }]);
  });

  it('still stops a file detected as UTF-8 that turns out to be GB18030 after its first MiB, naming --encoding', async () => {
    const w = workspace();
    const iconv = (await import('iconv-lite')).default;
    const ascii = Array.from({ length: 7000 }, (_, i) => rosterRow({ class_id: 'E2', id_number: person(i + 1), name: `Zhang San ${i}`, institution_name: 'School', occupation_name: 'electrician', project_based: 'no', training_type: 'employment_skills', categories: 'rural_migrant', household: 'rural' }));
    const chinese = Array.from({ length: 200 }, (_, i) => rosterRow({ class_id: 'E3', id_number: person(i + 9000), name: `张三${i}` }));
    const head = Buffer.from(csv([ROSTER_HEADER_EN, ...ascii]), 'utf8');
    expect(head.length).toBeGreaterThan(1 << 20);
    const path = w.file('late-gbk.csv', '');
    (await import('node:fs')).writeFileSync(path, Buffer.concat([head, iconv.encode(csv(chinese), 'gb18030')]));
    const res = await w.run('import', 'roster', path);
    expect(res.code).toBe(3);
    expect(res.stderr).toMatch(/late-gbk\.csv is not valid UTF-8 at byte \d+\. .*--encoding gb18030/);
    expect(query(w.db, 'SELECT count(*) AS n FROM roster_rows')).toEqual([{ n: 0 }]);
    const told = await w.run('import', 'roster', path, '--encoding', 'gb18030');
    expect(told.code).toBe(0);
    expect(told.stderr).toContain('imported 7,200 rows from late-gbk.csv; 0 row errors');
  });
});

describe('every data line is imported or reported (item 6)', () => {
  const line = (fields: Record<string, string>) => rosterRow(fields).join(',');
  const header = ROSTER_HEADER_EN.join(',');

  it('reports a stray opening quote that swallows the following lines as one R_FIELD_COUNT naming every line', async () => {
    const w = workspace();
    const good = (i: number, name = `张${i}`) => line({ class_id: 'V1', id_number: person(i), name });
    // The stray quote in 李四's name runs until the quote that opens a later row's categories.
    const lines = [header, good(1), good(2, '"李四'), good(3), good(4), good(5), good(6), good(7),
      line({ class_id: 'V1', id_number: person(8), name: '张8', categories: '"农民工"' }), good(10)];
    const res = await w.run('import', 'roster', w.file('quote.csv', `${lines.join('\r\n')}\r\n`), '--errors-out', 'errors.csv');
    expect(res.stderr).toMatch(/quote\.csv lines 3–9: \[R_FIELD_COUNT\] this record has \d+ fields where the header has 22/);
    expect(res.code).toBe(0);
    expect(res.stderr).toContain('imported 2 rows from quote.csv; 1 row errors');
    const written = (await import('node:fs')).readFileSync(join(w.dir, 'errors.csv'), 'utf8');
    expect(written).toMatch(/^\ufefffile,line,column,value,code,message,last_line\r?\nquote\.csv,3,,.*,R_FIELD_COUNT,.*,9\r?\n$/s);
    expect(query(w.db, 'SELECT line, last_line, code FROM row_errors')).toEqual([{ line: 3, last_line: 9, code: 'R_FIELD_COUNT' }]);
    // Closed in the same column, the count fits: the swallowed rows still make it an error.
    const same = [header, good(1), good(2, '"李四'), good(3), good(4), good(5, '"王五"'), good(6)];
    const again = await w.run('import', 'roster', w.file('quote2.csv', `${same.join('\r\n')}\r\n`));
    expect(again.stderr).toContain('quote2.csv lines 3–6: [R_QUOTE]');
    expect(again.stderr).toContain('imported 2 rows from quote2.csv; 1 row errors');
  });

  it('reports a quote never closed as R_QUOTE over every line to the end of the file, and imports the rows before it', async () => {
    const w = workspace();
    const good = (i: number, name = `张${i}`) => line({ class_id: 'V3', id_number: person(i), name });
    const lines = [header, good(1), good(2), good(3, '"李四'), good(4), good(5)];
    const res = await w.run('import', 'roster', w.file('open.csv', `${lines.join('\n')}\n`));
    expect(res.code).toBe(0);
    expect(res.stderr).toContain('open.csv lines 4–6: [R_QUOTE]');
    expect(res.stderr).toContain('imported 2 rows from open.csv; 1 row errors');
  });

  it('reports rows with a field too many or too few, and reports a quote that swallows whole rows even when the count fits', async () => {
    const w = workspace();
    const cells = (i: number, name = `张${i}`) => rosterRow({ class_id: 'V2', id_number: person(i), name });
    const lines = [
      header,
      cells(1).join(','),
      [...cells(2).slice(0, 13), '张,二', ...cells(2).slice(14)].join(','), // an unquoted comma in the name
      cells(3).slice(0, 20).join(','), // cut short
      cells(4).join(','),
      [...cells(5).slice(0, 21), '"100'].join(','), // a quote opened in the last field ...
      cells(6).join(','),
      `${cells(7).slice(0, 21).join(',')},200"`, // ... and closed two rows later
      cells(8).join(','),
    ];
    const res = await w.run('import', 'roster', w.file('shape.csv', `${lines.join('\n')}\n`));
    expect(res.code).toBe(0);
    expect(res.stderr).toContain('shape.csv line 3: [R_FIELD_COUNT] this record has 23 fields where the header has 22');
    expect(res.stderr).toContain('shape.csv line 4: [R_FIELD_COUNT] this record has 20 fields where the header has 22');
    expect(res.stderr).toContain('shape.csv lines 6–8: [R_QUOTE]');
    expect(res.stderr).toContain('imported 3 rows from shape.csv; 3 row errors');
    expect(query(w.db, 'SELECT line FROM roster_rows ORDER BY line').map((r) => (r as { line: number }).line)).toEqual([2, 5, 9]);
  });

  it('reports a record over more lines than a value holds as R_QUOTE naming every line, in LF and CRLF files, and keeps a value with a few line breaks', async () => {
    const w = workspace();
    const quoted = (i: number, breaks: number, eol: string) => {
      const cells = rosterRow({ class_id: 'V4', id_number: person(i), name: `张${i}` });
      cells[ROSTER_HEADER_EN.indexOf('employer_name')] = `"${Array.from({ length: breaks + 1 }, (_, k) => `第${k}段`).join(eol)}"`;
      return cells.join(',');
    };
    for (const eol of ['\n', '\r\n']) {
      const lines = [header, line({ class_id: 'V4', id_number: person(1), name: '张1' }), quoted(2, 2, eol), quoted(3, 999, eol), line({ class_id: 'V4', id_number: person(4), name: '张4' })];
      const name = eol === '\n' ? 'lf.csv' : 'crlf.csv';
      const res = await w.run('import', 'roster', w.file(name, `${lines.join(eol)}${eol}`));
      expect(res.code).toBe(0);
      expect(res.stderr).toContain(`${name} lines 6–1005: [R_QUOTE] a quoted value in this record runs over more lines than a value holds (at most 10 lines, not 1,000)`);
      expect(res.stderr).toContain(`imported 3 rows from ${name}; 1 row errors`);
    }
    expect(query(w.db, "SELECT count(*) AS n FROM roster_rows WHERE employer_name LIKE '第0段%第2段'")).toEqual([{ n: 2 }]);
  });
});

describe('policy amounts are money, and keys are known (item 11)', () => {
  const SHIPPED = join(import.meta.dirname, '..', '..', 'src', 'policies', 'yuzhong-2019.yaml');
  const shipped = () => readFileSync(SHIPPED, 'utf8');

  it('refuses 1e300, 500.005, a negative rate and an oversized count, naming each path', async () => {
    const w = workspace();
    const bad = join(w.dir, 'bad.yaml');
    writeFileSync(bad, shipped()
      .replace('apprenticeship_per_year: 4000', 'apprenticeship_per_year: 1e300')
      .replace('work_based_per_month: 500', 'work_based_per_month: 500.005')
      .replace('living_allowance_per_day: 30', 'living_allowance_per_day: -30')
      .replace('living_allowance_max_days: 30', 'living_allowance_max_days: 1e9')
      .replace('skills_upgrading: {5: 1000,', 'skills_upgrading: {5: 1000000.01,'));
    const r = await w.run('policy', 'check', bad);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('rates.apprenticeship_per_year: 1e+300 yuan is above the ceiling of 1,000,000 yuan for one rate');
    expect(r.stderr).toContain('rates.work_based_per_month: 500.005 has more than two decimals');
    expect(r.stderr).toContain('rates.living_allowance_per_day: expected an amount in yuan ≥ 0');
    expect(r.stderr).toContain('rates.living_allowance_max_days: expected a number from 0 to 3660');
    expect(r.stderr).toContain('rates.skills_upgrading.5: 1000000.01 yuan is above the ceiling');
    expect((await w.run('check', '--policy', bad)).code).toBe(3);
  });

  it('accepts yuan with two decimals and dated values, and reports unknown or misspelt keys with the nearest valid one', async () => {
    const w = workspace();
    const good = join(w.dir, 'good.yaml');
    // The shipped policy has a notice block of its own: this one replaces it.
    writeFileSync(good, `${shipped().replace('work_based_per_month: 500', 'work_based_per_month: {2019-01-01: 500.50, 2021-01-01: 1000000}').replace(/\nnotice:\n(?: {2}.*\n)+/, '\n')}
notice:
  title: 渝中区职业技能提升行动培训补贴公示
  period_days: 5
  phone: "023-63700000"
`);
    const ok = await w.run('policy', 'check', good);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const bad = join(w.dir, 'typo.yaml');
    writeFileSync(bad, shipped().replace(/^limits:/m, 'limts:').replace('  pass_rate: 0.98', '  pass_rat: 0.98').replace(/^returns:/m, 'colour: blue\nreturns:'));
    const r = await w.run('policy', 'check', bad);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('limts: unknown key; did you mean limits?');
    expect(r.stderr).toContain('thresholds.pass_rat: unknown key; did you mean thresholds.pass_rate?');
    expect(r.stderr).toMatch(/colour: unknown key; expected one of id, title, document, period, limits/);
    expect(r.stderr).toContain('limits: missing');
  });

  it('refuses a policy file over 1 MB before reading it', async () => {
    const w = workspace();
    const big = join(w.dir, 'big.yaml');
    writeFileSync(big, `${shipped()}\n# ${'x'.repeat(1 << 20)}\n`);
    const r = await w.run('policy', 'check', big);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/big\.yaml is \d+ bytes: a policy file is a page of YAML, at most 1048576 bytes/);
    expect((await w.run('check', '--policy', big)).code).toBe(3);
  });
});

describe('a file imported as the wrong kind (also noticed)', () => {
  it('refuses a roster imported as institutions or certificates, naming roster, and imports nothing', async () => {
    const w = workspace();
    const roster = w.file('roster.csv', csv([ROSTER_HEADER_EN, rosterRow()]));
    for (const kind of ['institutions', 'certificates']) {
      const r = await w.run('import', kind, roster);
      expect(r.code, kind).toBe(3);
      expect(r.stderr).toContain(`roster.csv: its headers are those of a roster file (22 of its columns, against ${kind === 'institutions' ? 2 : 5} for ${kind}); nothing was imported. Import it with "skillsub import roster roster.csv".`);
    }
    expect(query(w.db, 'SELECT count(*) AS n FROM institutions')).toEqual([{ n: 0 }]);
    // The catalogue itself still imports as institutions, and duplicate header columns still stop a file.
    expect((await w.run('import', 'institutions', w.file('i.csv', 'institution_code,institution_name,valid_from,valid_to\n123,渝中职校,2019-01-01,\n'))).code).toBe(0);
    const dup = await w.run('import', 'roster', w.file('dup.csv', csv([[...ROSTER_HEADER_EN, '机构名称'], [...rosterRow(), 'x']])));
    expect(dup.code).toBe(3);
    expect(dup.stderr).toContain('both name the column institution_name');
  });
});
