// Hardening (crash safety, concurrent use, hostile input, personal data, SQL): the proofs that
// run in the test suite. `npm run faults` is the 50-kill version of the first.

import { describe, it, expect } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { workspace, csv, tempDir } from '../helpers/cli.js';
import { rosterRow, ROSTER_HEADER_EN, certRow, CERT_HEADER_EN } from '../helpers/rows.js';
import { personId } from '../helpers/claims.js';
import { rng } from '../../samples/generate.js';
// @ts-expect-error plain JavaScript generator
import { writeLargeRoster } from '../bench/generate-large.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'skillsub.js');
const SAMPLES = join(ROOT, 'samples');

function spawnCli(db: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
  return spawnNode([BIN, '--db', db, ...args]);
}

function spawnNode(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

function integrity(db: string): string {
  const conn = new Database(db, { readonly: true });
  try {
    return conn.pragma('integrity_check', { simple: true }) as string;
  } finally {
    conn.close();
  }
}

describe('crash safety', () => {
  it('survives 5 random kills of imports and checks (npm run faults, short)', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'test', 'faults', 'faults.js'), '--kills', '5', '--rows', '20000'], { encoding: 'utf8', timeout: 300_000 });
    expect(r.stdout.trim()).toBe('5 kills, 0 corrupt, 0 partial, 0 failed next');
    expect(r.status).toBe(0);
  }, 300_000);
});

describe('concurrent use', () => {
  it('lets two processes import different files into one database at once; both succeed with all rows', async () => {
    const dir = tempDir();
    const db = join(dir, 'c.db');
    const a = join(dir, 'a.csv');
    const b = join(dir, 'b.csv');
    await writeLargeRoster(a, 60_000, 1);
    await writeLargeRoster(b, 60_000, 2);
    // b's claims carry other class ids so that nothing replaces anything.
    writeFileSync(b, readFileSync(b, 'utf8').replace(/CQ-/g, 'CB-'));
    // A read command does not create the file; the two imports create it together.
    expect(spawnSync(process.execPath, [BIN, '--db', db, 'log']).status).toBe(3);
    const [ra, rb] = await Promise.all([spawnCli(db, ['import', 'roster', a]), spawnCli(db, ['import', 'roster', b])]);
    expect([ra.code, rb.code], ra.stderr + rb.stderr).toEqual([0, 0]);
    const conn = new Database(db, { readonly: true });
    expect(conn.prepare('SELECT count(*) AS n FROM roster_rows WHERE active = 1').get()).toEqual({ n: 120_000 });
    // Every row refers to the parts made of its own values, across batches and files, and rows share them.
    expect(conn.prepare(`SELECT count(*) AS n FROM roster_rows r
      JOIN roster_parts c ON c.id = r.class_ref JOIN roster_parts s ON s.id = r.circumstances_ref
      WHERE c.part <> json_array(class_id, institution_name, institution_code, training_type, project_based, occupation_code, occupation_name, level, start_date, end_date)
         OR s.part <> json_array(categories, household, employer_name, employer_code, insured)`).get()).toEqual({ n: 0 });
    expect((conn.prepare('SELECT count(*) AS n FROM roster_parts').get() as { n: number }).n).toBeLessThan(12_000);
    conn.close();
    expect(integrity(db)).toBe('ok');
  }, 180_000);

  it('lets two commands open one new database at the same moment, again and again: none is told it is locked', async () => {
    // SQLite answers "locked" without waiting when two connections turn a new file to WAL at once.
    // The moment is narrow: the processes do nothing but open. (On a loaded machine, a shell loop
    // starting two such processes 30 times saw the refusal 12 times before opening tried again.)
    const open = `import(${JSON.stringify(join(ROOT, 'dist', 'store', 'database.js'))}).then((m) => m.openDatabase(process.argv[1]).close())`;
    const dir = tempDir();
    for (let round = 0; round < 20; round++) {
      const db = join(dir, `new-${round}.db`);
      const results = await Promise.all([1, 2].map(() => spawnNode(['-e', open, db])));
      expect(results.map((r) => r.code), results.map((r) => r.stderr).join('')).toEqual([0, 0]);
      expect(integrity(db)).toBe('ok');
    }
  }, 120_000);

  it('gives a check that runs while an import commits a consistent snapshot: all of the file or none of it', async () => {
    const dir = tempDir();
    const db = join(dir, 's.db');
    const base = join(dir, 'base.csv');
    const more = join(dir, 'more.csv');
    await writeLargeRoster(base, 3_000, 3);
    await writeLargeRoster(more, 80_000, 4);
    writeFileSync(more, readFileSync(more, 'utf8').replace(/CQ-/g, 'CM-'));
    expect((await spawnCli(db, ['import', 'roster', base])).code).toBe(0);
    const importing = spawnCli(db, ['import', 'roster', more]);
    const checks = [];
    for (let i = 0; i < 3; i++) checks.push(await spawnCli(db, ['check', '--as-of', '2021-12-31']));
    expect((await importing).code).toBe(0);
    checks.push(await spawnCli(db, ['check', '--as-of', '2021-12-31']));
    expect(checks.map((c) => c.code)).toEqual([0, 0, 0, 0]);
    const conn = new Database(db, { readonly: true });
    const counts = (conn.prepare('SELECT claims FROM runs ORDER BY id').all() as { claims: number }[]).map((r) => r.claims);
    conn.close();
    for (const n of counts) expect([3_000, 83_000]).toContain(n);
    expect(counts.at(-1)).toBe(83_000);
  }, 180_000);
});

describe('malformed and hostile input', () => {
  it('ends every mutated export in exit 0 or 3 with a message naming the file, never a stack trace, and keeps the database intact', async () => {
    const w = workspace();
    const good = w.file('good.csv', csv([ROSTER_HEADER_EN, rosterRow()]));
    expect((await w.run('import', 'roster', good)).code).toBe(0);
    const sample = readFileSync(join(SAMPLES, 'roster-jiefangbei-center.csv'));
    const gbk = readFileSync(join(SAMPLES, 'roster-yuzhong-school-gb18030.csv'));
    const r = rng(42);
    const cases: [string, Buffer, string[]][] = [
      ['empty.csv', Buffer.alloc(0), []],
      ['header-only.csv', Buffer.from(`${ROSTER_HEADER_EN.join(',')}\r\n`), []],
      ['binary.csv', Buffer.from(Array.from({ length: 4096 }, () => Math.floor(r.next() * 256))), []],
      ['nul-later.csv', Buffer.concat([sample.subarray(0, 2000), Buffer.from([0]), sample.subarray(2000)]), []],
      ['unbalanced.csv', Buffer.from(`${ROSTER_HEADER_EN.join(',')}\r\n"CQ1,"x,y\r\n`), []],
      ['wrong-encoding.csv', gbk, ['--encoding', 'utf16le']],
      ['gbk-as-utf8.csv', gbk, ['--encoding', 'utf8']],
      ['huge-field.csv', Buffer.from(`${ROSTER_HEADER_EN.join(',')}\r\n${rosterRow({ name: 'x'.repeat(10 << 20) }).join(',')}\r\n`), []],
      ['wide.csv', Buffer.from(`${Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',')}\r\n1,2,3\r\n`), []],
      ['not-a-roster.csv', readFileSync(join(SAMPLES, 'certificates.csv')), []],
    ];
    for (let i = 0; i < 20; i++) {
      const cut = Math.floor(r.next() * sample.length);
      cases.push([`truncated-${i}.csv`, sample.subarray(0, cut), []]);
      const noisy = Buffer.from(sample);
      for (let j = 0; j < 30; j++) noisy[Math.floor(r.next() * noisy.length)] = Math.floor(r.next() * 256);
      cases.push([`noisy-${i}.csv`, noisy, []]);
    }
    const tally = { ok: 0, refused: 0 };
    for (const [name, bytes, extra] of cases) {
      const path = join(w.dir, name);
      writeFileSync(path, bytes);
      const res = await w.run('import', 'roster', path, ...extra);
      expect([0, 3], `${name}: ${res.stderr}`).toContain(res.code);
      expect(res.stderr, name).toContain(name);
      expect(res.stderr, name).not.toMatch(/\n\s+at .+:\d+:\d+/);
      if (res.code === 0) tally.ok++;
      else tally.refused++;
    }
    console.log(`fuzz: ${cases.length} cases, ${tally.ok} imported (bad rows skipped), ${tally.refused} refused with a message, 0 crashes`);
    expect(integrity(w.db)).toBe('ok');
    const conn = new Database(w.db, { readonly: true });
    expect(conn.prepare("SELECT count(*) AS n FROM roster_rows r JOIN imported_files f ON f.id = r.file_id WHERE f.name = 'good.csv'").get()).toEqual({ n: 1 });
    conn.close();
  }, 240_000);
});

describe('personal data and formula safety', () => {
  const NASTY = ['=HYPERLINK("http://evil","x")', '+1+2', '-3', '@SUM(A1)', '\tTAB', '\rCR'];

  async function nastyWorkspace() {
    const w = workspace();
    const rows = NASTY.map((value, i) => rosterRow({
      class_id: `K${i}`, id_number: personId('1990-01-01', 'male', i + 1), name: value, institution_name: value, employer_name: value,
      categories: '企业职工', training_type: '岗位技能提升培训', phone: '13800138000',
    }));
    const bad = rosterRow({ class_id: '=BAD()', start_date: '=1+1' });
    await w.run('import', 'roster', w.file('r.csv', csv([ROSTER_HEADER_EN, ...rows, bad])), '--errors-out', join(w.dir, 'errors.csv'));
    await w.run('import', 'certificates', w.file('c.csv', csv([CERT_HEADER_EN, ...rows.map((row, i) => certRow({ cert_number: NASTY[i], id_number: row[13], name: NASTY[i] }))])));
    await w.run('check', '--as-of', '2021-12-31');
    return w;
  }

  const dangerous = (cell: unknown) => typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell);

  it('neutralises formula-looking cells in the CSV output of every command', async () => {
    const w = await nastyWorkspace();
    const outputs: Record<string, string> = {
      approvals: (await w.run('approvals', '--format', 'csv')).stdout,
      public: (await w.run('approvals', '--public', '--format', 'csv')).stdout,
      payments: (await w.run('payments', '--format', 'csv')).stdout,
      flags: (await w.run('flags', '--format', 'csv')).stdout,
      sample: (await w.run('sample', '--per-class', '1', '--format', 'csv')).stdout,
      report: (await w.run('report', 'quarterly', '2020Q3', '--format', 'csv')).stdout,
      log: (await w.run('log', '--format', 'csv')).stdout,
      errors: readFileSync(join(w.dir, 'errors.csv'), 'utf8'),
    };
    for (const [name, text] of Object.entries(outputs)) {
      const cells = (parse(text.replace(/^\ufeff/, ''), { relax_column_count: true }) as string[][]).flat();
      expect(cells.length, name).toBeGreaterThan(1);
      expect(cells.filter(dangerous), name).toEqual([]);
    }
    expect(outputs.approvals).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(outputs.approvals).toContain("'+1+2");
  });

  it('neutralises formula-looking cells in every workbook', async () => {
    const w = await nastyWorkspace();
    for (const args of [['approvals'], ['payments'], ['flags'], ['sample', '--per-class', '1'], ['report', 'annual', '2020']]) {
      const out = join(w.dir, `${args[0]}.xlsx`);
      expect((await w.run(...args, '--out', out)).code, args.join(' ')).toBe(0);
      expect(statSync(out).mode & 0o777).toBe(0o600);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out);
      const cells: unknown[] = [];
      wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => cells.push(c.value))));
      expect(cells.filter(dangerous), args.join(' ')).toEqual([]);
      expect(cells.some((c) => typeof c === 'object' && c !== null && 'formula' in c)).toBe(false);
    }
  });

  it('writes no full ID number or birth date in the public list, and masks IDs in error messages', async () => {
    const w = await nastyWorkspace();
    const pub = (await w.run('approvals', '--public', '--format', 'csv')).stdout;
    expect(pub).not.toMatch(/\d{17}[\dX]/);
    expect(pub).not.toContain('1990-01-01');
    const dup = await w.run('import', 'roster', w.file('dup.csv', csv([ROSTER_HEADER_EN, rosterRow(), rosterRow()])));
    expect(dup.stderr).toContain('[R_DUP_ROW]');
    expect(dup.stderr).not.toMatch(/\d{17}[\dX]/);
  });

  it('creates the database and its journal files 0600', async () => {
    const w = await nastyWorkspace();
    for (const f of readdirSync(w.dir).filter((n) => n.startsWith('test.db'))) {
      expect(statSync(join(w.dir, f)).mode & 0o777, f).toBe(0o600);
    }
  });
});

describe('SQL', () => {
  it('stores values that look like SQL exactly, and runs every command unharmed', async () => {
    const w = workspace();
    const evil = `K1'); DROP TABLE roster_rows; --`;
    await w.run('import', 'roster', w.file('r.csv', csv([ROSTER_HEADER_EN, rosterRow({ class_id: evil, name: `Robert'); DROP TABLE audit_log;--`, employer_name: '" OR 1=1 --' })])));
    await w.run('import', 'certificates', w.file('c.csv', csv([CERT_HEADER_EN, certRow({ cert_number: `x' OR '1'='1` })])));
    expect((await w.run('check', '--as-of', '2021-12-31')).code).toBe(0);
    const rows = JSON.parse((await w.run('approvals', '--format', 'json')).stdout);
    expect(rows[0]).toMatchObject({ class_id: evil, name: `Robert'); DROP TABLE audit_log;--` });
    expect((await w.run('explain', rows[0].claim_id)).code).toBe(0);
    expect((await w.run('person', `x' OR '1'='1`)).code).toBe(3);
    const conn = new Database(w.db, { readonly: true });
    const tables = (conn.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    conn.close();
    expect(tables).toEqual(expect.arrayContaining(['audit_log', 'certificates', 'decisions', 'roster_rows', 'runs']));
  });
});
