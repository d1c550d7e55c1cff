// Issue #20 item 5: `import withdraw FILE_ID` (audited; later runs only) and `import --dry-run`.

import { describe, it, expect } from 'vitest';
import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspace, csv } from '../helpers/cli.js';
import { rosterRow, ROSTER_HEADER_EN, certRow, CERT_HEADER_EN, VALID_ID } from '../helpers/rows.js';
import { personId } from '../helpers/claims.js';
import { query } from '../helpers/query.js';


const OTHER_ID = '110105194912310021';

async function twoVersions() {
  const w = workspace();
  await w.run('import', 'roster', w.file('v1.csv', csv([ROSTER_HEADER_EN, rosterRow({ attendance: '90%' })])));
  await w.run('import', 'roster', w.file('v2.csv', csv([ROSTER_HEADER_EN, rosterRow({ attendance: '60%' }), rosterRow({ class_id: 'NEW', id_number: OTHER_ID })])));
  return w;
}

const versions = (db: string) => query<{ name: string; attendance: number; active: number }>(
  db, 'SELECT f.name, r.attendance, r.active FROM roster_rows r JOIN imported_files f ON f.id = r.file_id ORDER BY r.id');

describe('import withdraw', () => {
  it('takes a mistaken file out of later runs and gives back the versions it had replaced; finished runs are unchanged', async () => {
    const w = await twoVersions();
    expect((await w.run('check', '--as-of', '2020-12-31')).code).toBe(0);
    const before = await w.run('approvals', '--format', 'json');
    const log = JSON.parse((await w.run('log', '--format', 'json')).stdout) as { action: string; details: { file: string; file_id: number } }[];
    const v2 = log.find((e) => e.details.file === 'v2.csv')!.details.file_id;

    const r = await w.run('import', 'withdraw', String(v2), '--note', 'the wrong attendance sheet');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('withdrew v2.csv (file 2, roster): 2 of its rows are no longer active; 1 earlier version(s) it had replaced are active again.');
    expect(versions(w.db)).toEqual([
      { name: 'v1.csv', attendance: 0.9, active: 1 },
      { name: 'v2.csv', attendance: 0.6, active: 0 },
      { name: 'v2.csv', attendance: 0.95, active: 0 },
    ]);

    // Run 1 still reads as it did, and says that a file was withdrawn since.
    const after = await w.run('approvals', '--run', '1', '--format', 'json');
    expect(after.stdout).toBe(before.stdout);
    expect(after.stderr).toContain('1 file(s) were withdrawn after run 1; its results still include them.');
    // The next run decides on v1's row alone.
    expect((await w.run('check', '--as-of', '2020-12-31')).code).toBe(0);
    const run2 = JSON.parse((await w.run('approvals', '--format', 'json')).stdout) as { claim_id: string; source: string }[];
    expect(run2.map((c) => [c.claim_id, c.source])).toEqual([[`CQ2020-001/${VALID_ID}`, 'v1.csv:2']]);

    const entry = JSON.parse((await w.run('log', '--format', 'json')).stdout).find((e: { action: string }) => e.action === 'import withdraw');
    expect(entry.details).toMatchObject({ file_id: v2, file: 'v2.csv', kind: 'roster', note: 'the wrong attendance sheet' });
    // person tells the withdrawn row from a replaced one.
    const person = JSON.parse((await w.run('person', VALID_ID, '--format', 'json')).stdout) as { roster_rows: { version: string; source: string }[] };
    expect(person.roster_rows.map((r) => [r.source, r.version])).toEqual([['v1.csv:2', 'active'], ['v2.csv:2', 'withdrawn']]);
    const zh = await w.run('--lang', 'zh', 'person', VALID_ID);
    expect(zh.stdout).toContain('已撤回');
    // Withdrawn content may be imported again (it is not "already imported").
    expect((await w.run('import', 'roster', join(w.dir, 'v2.csv'))).stderr).toContain('imported 2 rows from v2.csv');
  });

  it('lets go of a class only the withdrawn file brought, so the right institution can bring it', async () => {
    const w = workspace();
    const wrong = w.file('wrong.csv', csv([ROSTER_HEADER_EN, rosterRow({ class_id: 'CQ2020-099', institution_code: '91500103MA5U8XJ51D', institution_name: '别的机构' })]));
    await w.run('import', 'roster', wrong);
    const right = w.file('right.csv', csv([ROSTER_HEADER_EN, rosterRow({ class_id: 'CQ2020-099' })]));
    expect((await w.run('import', 'roster', right)).stderr).toContain('R_CLASS_CONFLICT');
    expect((await w.run('import', 'withdraw', 'wrong.csv', '--note', 'sent by mistake under our class id')).code).toBe(0);
    const again = await w.run('import', 'roster', right, '--force');
    expect(again.stderr).toContain('imported 1 rows from right.csv; 0 row errors');
    const conn = new Database(w.db);
    try {
      expect(() => conn.prepare("DELETE FROM classes WHERE class_id = 'CQ2020-099'").run()).toThrow(/a class keeps its institution/);
    } finally {
      conn.close();
    }
  });

  it('refuses by hand what only import withdraw may do: switching rows off or on, writing or erasing a withdrawal', async () => {
    const w = await twoVersions();
    const conn = new Database(w.db);
    try {
      expect(() => conn.prepare('UPDATE roster_rows SET active = 0 WHERE active = 1').run()).toThrow(/imported rows are kept as imported/);
      expect(() => conn.prepare('UPDATE roster_rows SET active = 1 WHERE active = 0').run()).toThrow(/imported rows are kept as imported/);
      expect(() => conn.prepare("INSERT INTO file_withdrawals (file_id, withdrawn_at, os_user, note, after_run, audit_id) VALUES (2, 'x', 'mallory', 'x', 0, 1)").run())
        .toThrow(/a withdrawal is made by import withdraw/);
    } finally {
      conn.close();
    }
    expect((await w.run('import', 'withdraw', '2', '--note', 'mistake')).code).toBe(0);
    const again = new Database(w.db);
    try {
      expect(() => again.prepare('DELETE FROM file_withdrawals').run()).toThrow(/append-only/);
      expect(() => again.prepare("UPDATE file_withdrawals SET note = 'x'").run()).toThrow(/append-only/);
      // The withdrawn file's rows cannot be switched back on, nor the restored version off.
      expect(() => again.prepare('UPDATE roster_rows SET active = 1 WHERE file_id = 2').run()).toThrow(/imported rows are kept as imported/);
      expect(() => again.prepare('UPDATE roster_rows SET active = 0 WHERE file_id = 1').run()).toThrow(/imported rows are kept as imported/);
    } finally {
      again.close();
    }
    expect(versions(w.db).map((v) => v.active)).toEqual([1, 0, 0]);
  });

  it('keeps a finished run\'s certificates when their file is withdrawn, and leaves them out of the next run', async () => {
    const w = workspace();
    const A = personId('1990-01-01', 'male');
    await w.run('import', 'roster', w.file('r.csv', csv([ROSTER_HEADER_EN, rosterRow({ id_number: A, categories: '失业人员' })])));
    await w.run('import', 'certificates', w.file('c.csv', csv([CERT_HEADER_EN, certRow({ id_number: A })])));
    await w.run('check', '--as-of', '2020-12-31');
    const claim = `CQ2020-001/${A}`;
    const explained = (await w.run('explain', claim, '--run', '1', '--format', 'json')).stdout;
    expect((await w.run('import', 'withdraw', 'c.csv', '--note', 'certificates of another district')).code).toBe(0);
    expect((await w.run('explain', claim, '--run', '1', '--format', 'json')).stdout).toBe(explained);
    await w.run('check', '--as-of', '2020-12-31');
    const [now] = JSON.parse((await w.run('approvals', '--format', 'json')).stdout) as { decision: string }[];
    const [then] = JSON.parse((await w.run('approvals', '--run', '1', '--format', 'json')).stdout) as { decision: string }[];
    expect(then.decision).toBe('approved');
    expect(now.decision).not.toBe('approved');
  });

  it('says what is wrong: an unknown file (listing the latest), a file withdrawn already, no note, several files', async () => {
    const w = await twoVersions();
    const unknown = await w.run('import', 'withdraw', '9', '--note', 'x');
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('no imported file is "9". Give a file id or name; the latest imports are: 2 v2.csv (roster,');
    expect((await w.run('import', 'withdraw', '2')).code).toBe(2);
    expect((await w.run('import', 'withdraw', '1', '2', '--note', 'x')).code).toBe(2);
    expect((await w.run('import', 'withdraw', 'v2.csv', '--note', 'x')).code).toBe(0);
    const twice = await w.run('import', 'withdraw', '2', '--note', 'x');
    expect(twice.code).toBe(3);
    expect(twice.stderr).toContain('v2.csv (file 2) was withdrawn already');
    const zh = await w.run('--lang', 'zh', 'import', 'withdraw', '1', '--note', '错误');
    expect(zh.stderr).toContain('已撤回 v1.csv（文件 1');
  });
});

describe('import --dry-run', () => {
  it('checks the rows and writes --errors-out, and keeps nothing in the database', async () => {
    const w = workspace();
    await w.run('import', 'roster', w.file('v1.csv', csv([ROSTER_HEADER_EN, rosterRow()])));
    const logBefore = (await w.run('log', '--format', 'json')).stdout;
    const f = w.file('new.csv', csv([ROSTER_HEADER_EN, rosterRow({ attendance: '60%' }), rosterRow({ class_id: 'B', start_date: '2020-02-31' })]));
    const r = await w.run('import', 'roster', f, '--dry-run', '--errors-out', 'e.csv');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('dry run: 1 rows of new.csv would be imported; 1 row errors. Nothing was written to the database.');
    expect(readFileSync(join(w.dir, 'e.csv'), 'utf8')).toContain('R_DATE');
    expect(versions(w.db)).toEqual([{ name: 'v1.csv', attendance: 0.95, active: 1 }]);
    expect((await w.run('log', '--format', 'json')).stdout).toBe(logBefore);
    // The file was not imported: a real import now goes ahead.
    expect((await w.run('import', 'roster', f)).stderr).toContain('imported 1 rows from new.csv; 1 row errors');
  });

  it('creates no database when there is none', async () => {
    const w = workspace();
    const r = await w.run('import', 'roster', w.file('r.csv', csv([ROSTER_HEADER_EN, rosterRow()])), '--dry-run');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('dry run: 1 rows of r.csv would be imported; 0 row errors.');
    expect(existsSync(w.db)).toBe(false);
  });
});
