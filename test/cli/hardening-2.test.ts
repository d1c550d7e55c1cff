// Hardening II (issue #15): outputs never replace the database or an input, the public notice
// holds nothing computable from personal data, environment failures are named, terminals get
// no control characters, and the schema is created once under concurrent first use.

import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { chmodSync, chownSync, closeSync, existsSync, linkSync, openSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { workspace, csv, tempDir } from '../helpers/cli.js';
import { rosterRow, ROSTER_HEADER_EN, certRow, CERT_HEADER_EN } from '../helpers/rows.js';
import { personId } from '../helpers/claims.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'skillsub.js');

function spawnCli(args: string[], options: { stdout?: 'ignore' | 'pipe' | number; uid?: number } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const user = options.uid === undefined ? {} : { uid: options.uid, gid: options.uid };
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', options.stdout ?? 'pipe', 'pipe'], env: { ...process.env, LANG: 'en_US.UTF-8' }, ...user });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

function rowCount(db: string): number {
  const conn = new Database(db, { readonly: true });
  try {
    return (conn.prepare('SELECT count(*) AS n FROM roster_rows').get() as { n: number }).n;
  } finally {
    conn.close();
  }
}

async function checkedWorkspace() {
  const w = workspace();
  const rows = [1, 2, 3].map((i) => rosterRow({ id_number: personId('1990-01-01', 'male', i), name: `张三${i}` }));
  expect((await w.run('import', 'roster', w.file('r.csv', csv([ROSTER_HEADER_EN, ...rows])))).code).toBe(0);
  expect((await w.run('check', '--as-of', '2021-12-31')).code).toBe(0);
  return w;
}

describe('outputs never replace the database or an input (item 1)', () => {
  it('refuses --out naming the database, its journals, a symlink or a hard link to it, in every command that writes', async () => {
    const w = await checkedWorkspace();
    const before = readFileSync(w.db);
    symlinkSync(w.db, join(w.dir, 'link.csv'));
    linkSync(w.db, join(w.dir, 'hard.csv'));
    const targets = [w.db, `${w.db}-wal`, `${w.db}-shm`, `${w.db}-journal`, join(w.dir, 'link.csv'), join(w.dir, 'hard.csv'), join(w.dir, '..', w.dir.split('/').at(-1)!, 'test.db')];
    const commands = [['approvals'], ['approvals', '--public'], ['payments'], ['flags'], ['sample'], ['report', 'quarterly', '2020Q3']];
    for (const target of targets) {
      for (const args of commands) {
        const r = await w.run(...args, '--format', 'csv', '--out', target);
        expect(r.code, `${args.join(' ')} --out ${target}`).toBe(2);
        expect(r.stderr).toContain('is the database');
      }
    }
    const r = await w.run('import', 'roster', w.file('r2.csv', csv([ROSTER_HEADER_EN, rosterRow({ class_id: 'K9' })])), '--errors-out', w.db);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: --errors-out .* is the database/);
    expect(rowCount(w.db)).toBe(3);
    expect(readFileSync(w.db).subarray(0, 16).toString()).toBe(before.subarray(0, 16).toString());
    const zh = await w.run('--lang', 'zh', 'approvals', '--out', w.db);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('就是数据库');
  });

  it('refuses --out onto the journals beside the file a symlinked --db resolves to, where SQLite keeps them', async () => {
    const w = await checkedWorkspace();
    const link = join(w.dir, 'link.db');
    symlinkSync(w.db, link);
    for (const suffix of ['-wal', '-shm', '-journal']) {
      const r = await w.run('--db', link, 'approvals', '--format', 'csv', '--out', `${w.db}${suffix}`);
      expect(r.code, suffix).toBe(2);
      expect(r.stderr).toContain('is the database');
    }
    expect(existsSync(`${w.db}-journal`)).toBe(false);
  });

  it('refuses --errors-out naming one of the files being imported, and leaves that file as it was', async () => {
    const w = workspace();
    const text = csv([ROSTER_HEADER_EN, rosterRow(), rosterRow()]);
    const a = w.file('a.csv', text);
    const r = await w.run('import', 'roster', a, '--errors-out', 'a.csv');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is also an input file');
    expect(readFileSync(a, 'utf8')).toBe(text);
  });

  it('replaces an existing output file whole, 0600, leaving no temporary file behind', async () => {
    const w = await checkedWorkspace();
    const out = join(w.dir, 'approvals.csv');
    writeFileSync(out, 'old', { mode: 0o644 });
    expect((await w.run('approvals', '--out', out)).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('claim_id');
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readdirSync(w.dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    // Through a symlink, the file it names is replaced and the link stays.
    symlinkSync(out, join(w.dir, 'latest.csv'));
    expect((await w.run('payments', '--out', join(w.dir, 'latest.csv'))).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('payee_type');
  });
});

/** One person on two overlapping classes (F_OVERLAP), certified for both; the flag cleared and checked again. */
async function clearedOverlap() {
  const w = workspace();
  const p = personId('1990-01-01', 'male');
  await w.run('import', 'roster', w.file('roster.csv', csv([
    ROSTER_HEADER_EN,
    rosterRow({ class_id: 'CQ2020-017', id_number: p, name: '欧阳娜娜', start_date: '2020-07-01', end_date: '2020-07-20' }),
    rosterRow({ class_id: 'CQ2020-031', id_number: p, name: '欧阳娜娜', start_date: '2020-07-15', end_date: '2020-08-02', occupation_code: '4-10-01-02', occupation_name: '育婴员' }),
    rosterRow({ class_id: 'CQ2020-031', id_number: personId('1991-02-03', 'female'), name: '李四', start_date: '2020-07-15', end_date: '2020-08-02', occupation_code: '4-10-01-02', occupation_name: '育婴员' }),
  ])));
  await w.run('import', 'certificates', w.file('certs.csv', csv([
    CERT_HEADER_EN,
    certRow({ cert_number: 'Z1', id_number: p, name: '欧阳娜娜', issue_date: '2020-08-01' }),
    certRow({ cert_number: 'Z2', id_number: p, name: '欧阳娜娜', occupation_code: '4-10-01-02', occupation_name: '育婴员', issue_date: '2020-08-20' }),
  ])));
  expect((await w.run('check', '--as-of', '2021-12-31')).code).toBe(0);
  const [flag] = JSON.parse((await w.run('flags', '--format', 'json')).stdout) as { flag_id: string; rule: string; subject: string }[];
  expect(flag.rule).toBe('F_OVERLAP');
  expect((await w.run('flags', 'resolve', flag.flag_id, '--cleared', '--note', 'evening and weekend classes')).code).toBe(0);
  expect((await w.run('check', '--as-of', '2021-12-31')).code).toBe(0);
  return { w, p, flag };
}

const unkeyed = (rule: string, subject: string) => `${rule}-${createHash('sha256').update(`${rule}\u0000${subject}`).digest('hex').slice(0, 12)}`;

describe('the public notice holds nothing computable from personal data (item 2)', () => {
  it('has exactly the nine public columns, paid claims only, names and ID numbers masked, no flag ids', async () => {
    const { w, p, flag } = await clearedOverlap();
    const all = JSON.parse((await w.run('approvals', '--format', 'json')).stdout) as { decision: string; flags: string }[];
    expect(all.some((a) => a.flags === flag.flag_id && a.decision === 'approved')).toBe(true);
    const text = (await w.run('approvals', '--public', '--format', 'csv')).stdout;
    expect(text.split('\r\n')[0]).toBe('\ufeffinstitution_name,class_id,name,id_number,training_type,occupation_name,level,kind,total');
    expect(text).not.toContain(flag.flag_id);
    expect(text).not.toContain('F_');
    const rows = JSON.parse((await w.run('approvals', '--public', '--format', 'json')).stdout) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({
      institution_name: '渝中职校', class_id: 'CQ2020-017', name: '欧***', id_number: `${p.slice(0, 6)}********${p.slice(-4)}`,
      training_type: 'employment_skills', occupation_name: '电工', level: 5, kind: 'training', total: rows[0].total,
    });
  });

  it('keys flag ids by a secret of the database: not the unkeyed hash, and different in another database', async () => {
    const a = await clearedOverlap();
    const b = await clearedOverlap();
    expect(a.flag.flag_id).not.toBe(unkeyed(a.flag.rule, a.flag.subject));
    expect(b.flag.subject).toBe(a.flag.subject);
    expect(b.flag.flag_id).not.toBe(a.flag.flag_id);
    // Stable within one database: the next run gives the flag the same id.
    const [again] = JSON.parse((await a.w.run('flags', '--format', 'json')).stdout) as { flag_id: string }[];
    expect(again.flag_id).toBe(a.flag.flag_id);
  });

  it('gives a database made before the key its key, and carries every verdict, run and decision over to the keyed ids', async () => {
    const { w, flag } = await clearedOverlap();
    // Put the database back as the previous version wrote it: unkeyed ids, no secrets table.
    const old = unkeyed(flag.rule, flag.subject);
    const conn = new Database(w.db);
    const triggers = conn.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('flags', 'decision_rows', 'verdicts', 'secrets')").all() as { sql: string }[];
    const triggerNames = (conn.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    for (const t of conn.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('flags', 'decision_rows', 'verdicts', 'secrets')").all() as { name: string }[]) conn.exec(`DROP TRIGGER ${t.name}`);
    conn.prepare('UPDATE flags SET flag_id = ?').run(old);
    conn.prepare("UPDATE decision_rows SET flags = ? WHERE flags <> ''").run(old);
    conn.prepare('UPDATE verdicts SET flag_id = ?').run(old);
    conn.exec('DROP TABLE secrets');
    for (const t of triggers) if (!t.sql.includes('secrets')) conn.exec(t.sql);
    conn.pragma('user_version = 4');
    conn.close();

    const flags = JSON.parse((await w.run('flags', '--format', 'json')).stdout) as { flag_id: string }[];
    expect(flags).toHaveLength(1);
    expect(flags[0].flag_id).not.toBe(old);
    expect(flags[0].flag_id).toMatch(/^F_OVERLAP-[0-9a-f]{12}$/);
    expect(JSON.parse((await w.run('flags', '--open', '--format', 'json')).stdout)).toEqual([]);
    for (const run of ['1', '2']) {
      const rows = JSON.parse((await w.run('approvals', '--run', run, '--format', 'json')).stdout) as { flags: string }[];
      expect(rows.filter((r) => r.flags !== '').map((r) => r.flags)).toEqual([flags[0].flag_id, flags[0].flag_id]);
    }
    const check = await w.run('check', '--as-of', '2021-12-31');
    expect(check.code).toBe(0);
    const approvals = JSON.parse((await w.run('approvals', '--format', 'json')).stdout) as { decision: string }[];
    expect(approvals.map((a) => a.decision)).toEqual(['approved', 'approved', 'rejected']);
    const after = new Database(w.db, { readonly: true });
    expect((after.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all() as { name: string }[]).map((t) => t.name)).toEqual(triggerNames);
    after.close();
  });
});

describe('parallel first use (item 13)', () => {
  it('lets four imports started at once create a new database file: all succeed', async () => {
    for (let round = 0; round < 4; round++) {
      const dir = tempDir();
      const db = join(dir, 'new.db');
      const files = [0, 1, 2, 3].map((i) => {
        const path = join(dir, `r${i}.csv`);
        writeFileSync(path, csv([ROSTER_HEADER_EN, rosterRow({ class_id: `K${i}`, id_number: personId('1990-01-01', 'male', i + 1) })]));
        return path;
      });
      const results = await Promise.all(files.map((f) => spawnCli(['--db', db, 'import', 'roster', f])));
      expect(results.map((r) => r.code), results.map((r) => r.stderr).join('')).toEqual([0, 0, 0, 0]);
      expect(rowCount(db)).toBe(4);
    }
  }, 120_000);
});

const STACK = /\n\s+at .+:\d+:\d+/;

describe('a verdict needs its note (item 14)', () => {
  it('refuses a blank or blanks-only --note with exit 2 and records nothing', async () => {
    const { w } = await clearedOverlap();
    const [flag] = JSON.parse((await w.run('flags', '--format', 'json')).stdout) as { flag_id: string }[];
    for (const note of ['', '   ', '\u3000\t', '\u200b', '-', '.', '……', '\u00a0', '\u2028']) {
      const r = await w.run('flags', 'resolve', flag.flag_id, '--confirmed', '--note', note);
      expect(r.code, JSON.stringify(note)).toBe(2);
      expect(r.stderr).toContain('--note is blank or says nothing');
    }
    const sheet = w.file('v.csv', `flag_id,verdict,note\r\n${flag.flag_id},confirmed,-\r\n`);
    const fromSheet = await w.run('flags', 'resolve', '--from', sheet);
    expect(fromSheet.code).toBe(3);
    expect(fromSheet.stderr).toContain('v.csv line 2, column note: the note is blank or says nothing');
    expect((await w.run('import', 'withdraw', '1', '--note', '--')).stderr).toContain('--note is missing or says nothing');
    expect((await w.run('--lang', 'zh', 'flags', 'resolve', flag.flag_id, '--confirmed', '--note', ' ')).stderr).toContain('--note 为空');
    const conn = new Database(w.db, { readonly: true });
    expect(conn.prepare('SELECT verdict FROM verdicts').pluck().all()).toEqual(['cleared']);
    conn.close();
  });
});

describe('standard output failing (item 10)', () => {
  it('says so in one line and exits 3 when stdout is a full disk, with no stack trace', async () => {
    const w = await checkedWorkspace();
    const full = openSync('/dev/full', 'w');
    try {
      for (const args of [['approvals', '--format', 'csv'], ['flags'], ['log'], ['report', 'quarterly', '2020Q3']]) {
        const r = await spawnCli(['--db', w.db, ...args], { stdout: full });
        expect(r.code, args.join(' ')).toBe(3);
        expect(r.stderr).toMatch(/^error: cannot write to standard output \(ENOSPC\)/);
        expect(r.stderr).not.toMatch(STACK);
      }
    } finally {
      closeSync(full);
    }
  });
});

describe('the machine failing, not the data (item 9)', () => {
  it('names an output folder that does not exist and a full disk under --out, exit 3, never "This is a bug"', async () => {
    const w = await checkedWorkspace();
    const missing = await w.run('approvals', '--out', join(w.dir, 'no-such-folder', 'a.csv'));
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/no-such-folder.* does not exist \(ENOENT\)/);
    const full = await w.run('flags', '--format', 'csv', '--out', '/dev/full');
    expect(full.code).toBe(3);
    expect(full.stderr).toContain('the disk is full (ENOSPC) writing /dev/full');
    const zh = await w.run('--lang', 'zh', 'payments', '--out', '/dev/full', '--format', 'csv');
    expect(zh.stderr).toContain('磁盘已满');
    for (const r of [missing, full, zh]) expect(r.stderr).not.toMatch(/This is a bug|缺陷/);
  });

  it('checks the folder of an output before any work, and names the output given, never the temporary file', async () => {
    const w = workspace();
    const rows = w.file('r.csv', csv([ROSTER_HEADER_EN, rosterRow({ class_id: 'K1' }), rosterRow({ class_id: 'K2', start_date: 'bad' })]));
    const missing = join(w.dir, 'no-such-folder', 'errors.csv');
    const r = await w.run('import', 'roster', rows, '--errors-out', missing);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(`error: ${missing} does not exist (ENOENT). Check the path; the folder of an output file must exist already.\n`);
    expect(existsSync(w.db)).toBe(false);
    const notFolder = await w.run('import', 'roster', rows, '--errors-out', join(rows, 'errors.csv'));
    expect(notFolder.code).toBe(3);
    expect(notFolder.stderr).toContain(`${join(rows, 'errors.csv')} does not exist (ENOTDIR)`);
    expect((await w.run('import', 'roster', rows)).code).toBe(0);
    expect((await w.run('check', '--as-of', '2021-12-31')).code).toBe(0);
    const long = join(w.dir, `${'a'.repeat(300)}.csv`);
    const tooLong = await w.run('approvals', '--out', long);
    expect(tooLong.code).toBe(3);
    expect(tooLong.stderr).toContain(`the path ${long} is too long (ENAMETOOLONG)`);
    expect(tooLong.stderr).not.toContain('.skillsub-');
    expect(readdirSync(w.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a policy whose aliases expand without bound (a YAML bomb) as an invalid policy, exit 3', async () => {
    const w = await checkedWorkspace();
    const levels = 'abcdefghi'.split('');
    const bomb = w.file('bomb.yaml', levels.map((l, i) => `${l}: &${l} [${Array(9).fill(i === 0 ? '"x"' : `*${levels[i - 1]}`).join(', ')}]`).join('\n'));
    for (const args of [['policy', 'check', bomb], ['policy', 'show', bomb], ['check', '--policy', bomb, '--as-of', '2021-12-31']]) {
      const r = await w.run(...args);
      expect(r.code, args[0]).toBe(3);
      expect(r.stderr).toContain('(yaml) Excessive alias count');
      expect(r.stderr).not.toMatch(/This is a bug/);
    }
  });

  it('imports the readable files when one input may not be read (EACCES), naming it, exit 3', async () => {
    const w = workspace();
    chmodSync(w.dir, 0o777);
    const secret = w.file('secret.csv', csv([ROSTER_HEADER_EN, rosterRow({ class_id: 'K1' })]));
    const open = w.file('open.csv', csv([ROSTER_HEADER_EN, rosterRow({ class_id: 'K2' })]));
    chmodSync(open, 0o644);
    // root reads everything: run as nobody then.
    const asRoot = process.getuid?.() === 0;
    chmodSync(secret, asRoot ? 0o600 : 0o000);
    const r = await spawnCli(['--db', w.db, 'import', 'roster', secret, open], asRoot ? { uid: 65534 } : {});
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`permission denied on ${secret} (EACCES)`);
    expect(r.stderr).toContain('imported 1 rows from open.csv');
    expect(r.stderr).not.toMatch(STACK);
  });

  it('says a read-only database cannot be written, exit 3, and still reads it', async () => {
    const w = await checkedWorkspace();
    chmodSync(w.dir, 0o777);
    const more = w.file('more.csv', csv([ROSTER_HEADER_EN, rosterRow({ class_id: 'K9' })]));
    chmodSync(more, 0o644);
    const asRoot = process.getuid?.() === 0;
    chmodSync(w.db, asRoot ? 0o644 : 0o444);
    const user = asRoot ? { uid: 65534 } : {};
    const r = await spawnCli(['--db', w.db, 'import', 'roster', more], user);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^error: the database .* cannot be written \(SQLITE_READONLY\)/);
    expect(r.stderr).not.toMatch(STACK);
    expect((await spawnCli(['--db', w.db, 'log'], user)).code).toBe(0);
    expect(rowCount(w.db)).toBe(3);
  });

  it('says a database in a read-only folder cannot be written (SQLite writes its journals beside it), exit 3', async () => {
    const w = await checkedWorkspace();
    const more = w.file('more.csv', csv([ROSTER_HEADER_EN, rosterRow({ class_id: 'K9' })]));
    chmodSync(more, 0o644);
    const asRoot = process.getuid?.() === 0;
    const user = asRoot ? { uid: 65534 } : {};
    if (asRoot) chownSync(w.dir, 65534, 65534);
    if (asRoot) chownSync(w.db, 65534, 65534);
    chmodSync(w.dir, 0o555);
    try {
      for (const args of [['import', 'roster', more], ['approvals', '--format', 'csv']]) {
        const r = await spawnCli(['--db', w.db, ...args], user);
        expect(r.code, args[0]).toBe(3);
        expect(r.stderr).toMatch(/^error: the database .* cannot be written \(SQLITE_READONLY[A-Z_]*\): the file or its folder is read-only/);
        expect(r.stderr).not.toMatch(STACK);
      }
    } finally {
      chmodSync(w.dir, 0o755);
    }
    expect(rowCount(w.db)).toBe(3);
  });

  it('stops an import that hits a file-size limit with exit 3 and a message, keeping the database whole', async () => {
    const w = await checkedWorkspace();
    const big = w.file('big.csv', csv([ROSTER_HEADER_EN, ...Array.from({ length: 3_000 }, (_, i) => rosterRow({ class_id: `B${i % 50}`, id_number: personId('1985-05-05', 'female', i + 1) }))]));
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn('/bin/sh', ['-c', `ulimit -f 200; exec "${process.execPath}" "${BIN}" --db "${w.db}" import roster "${big}"`], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.on('exit', (code) => resolve({ code, stderr }));
    });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/^error: the disk (failed|is full)/);
    expect(r.stderr).not.toMatch(/This is a bug|\n\s+at /);
    expect(rowCount(w.db)).toBe(3);
  });

  it('tells a damaged database to be restored from a backup, exit 3', async () => {
    const w = await checkedWorkspace();
    const conn = new Database(w.db);
    conn.pragma('wal_checkpoint(TRUNCATE)');
    const pageSize = conn.pragma('page_size', { simple: true }) as number;
    conn.close();
    const bytes = readFileSync(w.db);
    for (let at = pageSize; at < bytes.length; at += 7) bytes[at] = (bytes[at] * 31 + 17) & 0xff;
    writeFileSync(w.db, bytes);
    for (const args of [['approvals', '--format', 'csv'], ['check', '--as-of', '2021-12-31'], ['import', 'roster', w.file('x.csv', csv([ROSTER_HEADER_EN, rosterRow({ class_id: 'X' })]))]]) {
      const r = await w.run(...args);
      expect(r.code, `${args[0]}: ${r.stderr}`).toBe(3);
      expect(r.stderr, args[0]).toMatch(/damaged.*Restore the database from a backup/);
    }
  });

  it('tells a check whose certificates (read on the second core) are damaged to restore from a backup, exit 3, no stack', async () => {
    const w = await checkedWorkspace();
    const certs = Array.from({ length: 2_000 }, (_, i) => certRow({ cert_number: `C${i}`, id_number: personId('1980-03-03', 'male', i + 1), name: `李${i}` }));
    expect((await w.run('import', 'certificates', w.file('c.csv', csv([CERT_HEADER_EN, ...certs])))).code).toBe(0);
    const conn = new Database(w.db);
    conn.pragma('wal_checkpoint(TRUNCATE)');
    const pageSize = conn.pragma('page_size', { simple: true }) as number;
    const pages = conn.prepare("SELECT pageno FROM dbstat WHERE name = 'certificates' AND pagetype = 'leaf'").pluck().all() as number[];
    conn.close();
    expect(pages.length).toBeGreaterThan(5);
    const bytes = readFileSync(w.db);
    for (const page of pages) bytes.fill(0xff, (page - 1) * pageSize + 8, (page - 1) * pageSize + 64);
    writeFileSync(w.db, bytes);
    const r = await spawnCli(['--db', w.db, 'check', '--as-of', '2021-12-31']);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/damaged.*Restore the database from a backup/);
    expect(r.stderr).not.toMatch(STACK);
  });

  it('says there is no database for a read command on a path without one, and creates nothing', async () => {
    const w = workspace();
    for (const args of [['approvals'], ['flags'], ['log'], ['person', '11010519491231002X'], ['check', '--as-of', '2021-12-31'], ['flags', 'resolve', 'F_X-1', '--cleared', '--note', 'x']]) {
      const r = await w.run(...args);
      expect(r.code, args.join(' ')).toBe(3);
      expect(r.stderr).toContain(`there is no database at ${w.db}`);
    }
    expect(existsSync(w.db)).toBe(false);
    const empty = join(w.dir, 'empty.db');
    writeFileSync(empty, '');
    const onEmpty = await w.run('--db', empty, 'approvals');
    expect(onEmpty.code).toBe(3);
    expect(onEmpty.stderr).toContain(`there is no database at ${empty}`);
    expect(statSync(empty).size).toBe(0);
    const device = await w.run('--db', '/dev/null', 'import', 'roster', w.file('r.csv', csv([ROSTER_HEADER_EN, rosterRow()])));
    expect(device.code).toBe(3);
    expect(device.stderr).toContain('/dev/null is not a regular file');
    expect(statSync('/dev/null').mode & 0o777).toBe(0o666);
  });
});

describe('field limits and bounded renderers (item 5)', () => {
  it('refuses a 300,000-character name and a 5,000-character field as R_TOO_LONG, echoing only the start, and imports the rest', async () => {
    const w = workspace();
    const r = await w.run('import', 'roster', w.file('long.csv', csv([
      ROSTER_HEADER_EN,
      rosterRow({ class_id: 'K1', name: '张'.repeat(300_000) }),
      rosterRow({ class_id: 'K2', phone: '1'.repeat(5_000) }),
      rosterRow({ class_id: 'K3', name: '李'.repeat(999) }),
    ])), '--errors-out', 'errors.csv');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/long\.csv line 2, column name: \[R_TOO_LONG\] .*at most 1,000 characters, not 300,000/);
    expect(r.stderr).toMatch(/long\.csv line 3, column phone: \[R_TOO_LONG\] .*at most 4,000 characters, not 5,000/);
    expect(r.stderr.length).toBeLessThan(3_000);
    expect(r.stderr).toContain('imported 1 rows from long.csv; 2 row errors');
    expect(readFileSync(join(w.dir, 'errors.csv'), 'utf8').length).toBeLessThan(3_000);
    const conn = new Database(w.db, { readonly: true });
    expect(conn.prepare('SELECT max(length(value)) FROM row_errors').pluck().get()).toBeLessThan(300);
    conn.close();
  });

  it('cuts a long cell of a table with "…" so that no line grows with the value', async () => {
    const w = workspace();
    await w.run('import', 'roster', w.file('r.csv', csv([ROSTER_HEADER_EN, rosterRow({ name: '李'.repeat(999), employer_name: 'x'.repeat(999) })])));
    await w.run('check', '--as-of', '2021-12-31');
    const table = (await w.run('approvals', '--format', 'table')).stdout;
    expect(table).toContain('…');
    for (const line of table.split('\n')) expect(line.length).toBeLessThan(2_000);
    expect(JSON.parse((await w.run('approvals', '--format', 'json')).stdout)[0].name).toBe('李'.repeat(999));
    // Every human output cuts the name, the heading of a person's record too.
    const { VALID_ID } = await import('../helpers/rows.js');
    for (const args of [['person', VALID_ID], ['flags', '--format', 'table'], ['institutions', '--format', 'table']]) {
      const out = (await w.run(...args)).stdout;
      expect(out, args[0]).not.toContain('李'.repeat(60));
      expect(out, args[0]).not.toContain('x'.repeat(120));
    }
  });
});

describe('no control characters reach a terminal (item 7)', () => {
  const ESC = '\u001b';
  const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

  it('shows escape sequences, bell and bidi overrides escaped in tables, messages and the log, and stores them as received', async () => {
    const w = workspace();
    const name = `A${ESC}]0;pwned\u0007B\u202eC`;
    const file = w.file(`r${ESC}[2J.csv`, csv([
      ROSTER_HEADER_EN,
      rosterRow({ class_id: `K${ESC}[1A`, name, institution_name: `机构\u2066x\u2069\u009b` }),
      rosterRow({ class_id: 'K2', start_date: `${ESC}[2J2020-01-01` }),
    ]));
    const imported = await w.run('import', 'roster', file);
    expect(imported.code).toBe(0);
    expect(imported.stderr).toContain('[R_DATE]');
    expect(imported.stderr).toContain('\\u001b[2J');
    await w.run('check', '--as-of', '2021-12-31');
    const outputs = [
      imported.stderr,
      (await w.run('approvals', '--format', 'table')).stdout,
      (await w.run('log', '--format', 'table')).stdout,
      (await w.run('person', VALID)).stdout,
      (await w.run('explain', `K${ESC}[1A/${VALID}`)).stdout,
      (await w.run('explain', `nope${ESC}[2J/1`)).stderr,
      (await w.run('import', 'roster', file)).stderr,
    ];
    for (const [i, text] of outputs.entries()) {
      expect(text.length, `output ${i}`).toBeGreaterThan(0);
      expect(text, `output ${i}`).not.toMatch(RAW);
    }
    expect(outputs[1]).toContain('A\\u001b]0;pwned\\u0007B\\u202eC');
    const rows = JSON.parse((await w.run('approvals', '--format', 'json')).stdout) as { name: string }[];
    expect(rows[0].name).toBe(name);
  });
});

const VALID = '11010519491231002X';

describe('nothing invisible or controlling reaches a terminal, in any format (item 7)', () => {
  // C0 and C1 controls, bidi marks and controls, zero-width characters, line and paragraph separators, BOM.
  const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/;

  it('shows C1 controls, U+2028, bidi marks and zero-width characters escaped in every human output and in CSV, JSON, Markdown and HTML on a terminal', async () => {
    const w = workspace();
    const name = `王\u009b2J\u200e五\u2028六\u200f\u061c\u200b\ufeff`;
    const file = w.file('r.csv', csv([
      ROSTER_HEADER_EN,
      rosterRow({ class_id: 'K\u20291', name, institution_name: `机构\u0085\u202a` }),
      rosterRow({ class_id: 'K2', start_date: 'bad\nimported 999 rows from evil.csv; 0 row errors' }),
    ]));
    const imported = await w.run('import', 'roster', file);
    expect(imported.code).toBe(0);
    expect(imported.stderr).toContain('[R_DATE] "bad\\nimported 999 rows');
    expect(imported.stderr).not.toMatch(/^imported 999/m);
    expect((await w.run('check', '--as-of', '2021-12-31')).code).toBe(0);
    const [{ claim_id: claim }] = JSON.parse((await w.run('approvals', '--format', 'json')).stdout) as { claim_id: string }[];
    const outputs = [
      imported.stderr,
      (await w.run('approvals', '--format', 'table')).stdout,
      (await w.run('person', VALID)).stdout,
      (await w.run('explain', claim)).stdout,
      (await w.run('explain', `K\u20292/${VALID}`)).stderr,
      (await w.run('flags', '--format', 'table')).stdout,
      (await w.run('institutions', '--format', 'table')).stdout,
    ];
    for (const args of [['approvals', '--format', 'csv'], ['approvals', '--format', 'json'], ['institutions', '--format', 'md'], ['institutions', '--format', 'html'], ['log', '--format', 'csv'], ['report', 'quarterly', '2020Q3', '--format', 'md']]) {
      const r = await w.runOnTerminal(...args);
      expect(r.code, args.join(' ')).toBe(0);
      outputs.push(r.stdout);
    }
    for (const [i, text] of outputs.entries()) {
      expect(text.length, `output ${i}`).toBeGreaterThan(0);
      expect(text, `output ${i}`).not.toMatch(RAW);
    }
    expect(outputs[7]).toContain('王\\u009b2J\\u200e五');
    expect(outputs[7].startsWith('claim_id,')).toBe(true);
    // Down a pipe or into a file, data keeps the characters as stored.
    const piped = await w.run('approvals', '--format', 'csv');
    expect(piped.stdout).toContain('王\u009b2J\u200e五');
  });
});

describe('ID numbers masked in every message (item 12)', () => {
  it('masks IDs written with spaces, hyphens or full-width digits in row errors, and echoes at most ~200 characters of a value', async () => {
    const w = workspace();
    const r = await w.run('import', 'roster', w.file('r.csv', csv([
      ROSTER_HEADER_EN,
      rosterRow({ class_id: 'K1', start_date: '110105 19491231 002X' }),
      rosterRow({ class_id: 'K2', start_date: '１１０１０５１９４９１２３１００２Ｘ' }),
      rosterRow({ class_id: 'K3', start_date: '110105-1949-1231-002x' }),
      rosterRow({ class_id: 'K4', start_date: `x${'9'.repeat(3_000)}` }),
    ])));
    expect(r.stderr.match(/\[R_DATE\]/g)).toHaveLength(4);
    expect(r.stderr).not.toMatch(/1949\s*-?\s*1231|１９４９/);
    expect(r.stderr).toContain('110105********002X');
    expect(r.stderr.length).toBeLessThan(2_500);
  });

  it('masks an ID written with dots, underscores, slashes or dashes inside, or with letters around it, in every message', async () => {
    const w = workspace();
    const forms = ['110105.19491231.002X', '110105_19491231_002x', '110105/1949/1231/002X', '110105—19491231—002X', 'ID11010519491231002Xabc', '１１０１０５．１９４９１２３１．００２Ｘ'];
    const r = await w.run('import', 'roster', w.file('r.csv', csv([ROSTER_HEADER_EN, ...forms.map((f, i) => rosterRow({ class_id: `K${i}`, start_date: f }))])));
    expect(r.stderr.match(/\[R_DATE\]/g)).toHaveLength(forms.length);
    expect(r.stderr).not.toMatch(/1949.?1231|１９４９/);
    expect(r.stderr.match(/110105\*{8}002X/g)).toHaveLength(forms.length);
    for (const form of forms.slice(0, 3)) {
      const missing = await w.run('explain', `K1/${form}`);
      expect(missing.stderr, form).not.toMatch(/1949.?1231/);
    }
  });

  it('masks the ID of a claim explain cannot find, and the first row of a file without a header', async () => {
    const w = await checkedWorkspace();
    const missing = await w.run('explain', `CQ2020-001/${VALID}`);
    expect(missing.code).toBe(3);
    expect(missing.stderr).not.toContain(VALID);
    expect(missing.stderr).toContain('110105********002X');
    const headless = await w.run('import', 'roster', w.file('noheader.csv', csv([rosterRow(), rosterRow({ class_id: 'K2' })])));
    expect(headless.code).toBe(3);
    expect(headless.stderr).toContain('noheader.csv');
    expect(headless.stderr).not.toContain(VALID);
  });
});

describe('amounts in workbooks (SPEC §9)', () => {
  it('writes amounts as numeric cells formatted #,##0.00, and input values that look like amounts as text', async () => {
    const { w } = await clearedOverlap();
    // A class id that looks like an amount stays text.
    await w.run('import', 'roster', w.file('odd.csv', csv([ROSTER_HEADER_EN, rosterRow({ class_id: '100.00', id_number: personId('1992-03-04', 'male') })])));
    await w.run('check', '--as-of', '2021-12-31');
    for (const args of [['approvals'], ['payments']]) {
      const out = join(w.dir, `${args[0]}.xlsx`);
      expect((await w.run(...args, '--out', out)).code).toBe(0);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out);
      const ws = wb.worksheets[0];
      const header = (ws.getRow(1).values as string[]).slice(1);
      const total = header.indexOf('total') + 1;
      const cells = Array.from({ length: ws.rowCount - 1 }, (_, i) => ws.getRow(i + 2).getCell(total));
      expect(cells.length).toBeGreaterThan(0);
      for (const c of cells) {
        expect(typeof c.value, args[0]).toBe('number');
        expect(c.numFmt).toBe('#,##0.00');
      }
      expect(cells.some((c) => (c.value as number) > 0)).toBe(true);
      if (args[0] === 'approvals') {
        const classIds = Array.from({ length: ws.rowCount - 1 }, (_, i) => ws.getRow(i + 2).getCell(header.indexOf('class_id') + 1).value);
        expect(classIds).toContain('100.00');
      }
    }
  });
});

describe('the Markdown return (also noticed)', () => {
  it('carries no raw HTML from the policy id', async () => {
    const w = await checkedWorkspace();
    const shipped = readFileSync(join(import.meta.dirname, '..', '..', 'src', 'policies', 'yuzhong-2019.yaml'), 'utf8');
    const policy = w.file('p.yaml', shipped.replace(/^id: .*$/m, 'id: "<img src=x onerror=alert(1)>"'));
    expect((await w.run('check', '--policy', policy, '--as-of', '2021-12-31')).code).toBe(0);
    const md = (await w.run('report', 'quarterly', '2020Q3', '--format', 'md')).stdout;
    expect(md).not.toContain('<img');
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
