// SPEC §2: each file is imported in one transaction — a kill midway leaves none of its rows.
// This spawns the built bin/ (the one test that does), kills it with SIGKILL, and reopens.

import { describe, it, expect } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tempDir } from '../helpers/cli.js';
// @ts-expect-error plain JavaScript generator
import { writeLargeRoster } from '../bench/generate-large.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'skillsub.js');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('crash safety of import', () => {
  it('the built bin/ prints help and exits 0', () => {
    const r = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('import');
  });

  it('leaves not one row of a file killed midway, a sound database, and imports it next time', async () => {
    const dir = tempDir();
    const db = join(dir, 'k.db');
    const big = join(dir, 'big.csv');
    await writeLargeRoster(big, 300_000);
    // A first, small import so that the database already holds data that must survive.
    const small = join(dir, 'small.csv');
    await writeLargeRoster(small, 100, 99);
    expect(spawnSync(process.execPath, [BIN, '--db', db, 'import', 'roster', small]).status).toBe(0);

    const child = spawn(process.execPath, [BIN, '--db', db, 'import', 'roster', big], { stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    // Wait until rows are being written (the WAL grows), then kill.
    const wal = `${db}-wal`;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && !(existsSync(wal) && statSync(wal).size > 4 << 20)) await sleep(20);
    expect(existsSync(wal) && statSync(wal).size > 4 << 20).toBe(true);
    child.kill('SIGKILL');
    await exited;

    const conn = new Database(db);
    expect(conn.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(conn.prepare("SELECT count(*) AS n FROM imported_files WHERE name = 'big.csv'").get()).toEqual({ n: 0 });
    expect(conn.prepare('SELECT count(*) AS n FROM roster_rows').get()).toEqual({ n: 100 });
    conn.close();

    const again = spawnSync(process.execPath, [BIN, '--db', db, 'import', 'roster', big], { encoding: 'utf8' });
    expect(again.status).toBe(0);
    expect(again.stderr).toContain('imported 300,000 rows from big.csv; 0 row errors');
  });
});
