// Hardening II (issue #15): outputs never replace the database or an input, the public notice
// holds nothing computable from personal data, environment failures are named, terminals get
// no control characters, and the schema is created once under concurrent first use.

import { describe, it, expect } from 'vitest';
import { linkSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { workspace, csv } from '../helpers/cli.js';
import { rosterRow, ROSTER_HEADER_EN } from '../helpers/rows.js';
import { personId } from '../helpers/claims.js';

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
