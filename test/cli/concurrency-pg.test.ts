// SPEC §11: several offices write one PostgreSQL database at once. Four processes import
// different district files while a fifth runs check: every import lands, nothing waits forever,
// and the run sees a consistent snapshot — the files committed before it, whole, and none after.
// Runs on PostgreSQL only (npm run test:pg).

import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { csv, freshPgDatabase, runCli, tempDir, TEST_PG_SERVER } from '../helpers/cli.js';
import { ROSTER_HEADER_EN, rosterRow } from '../helpers/rows.js';
// @ts-expect-error plain JavaScript without type declarations
import { makeId, makeUscc, rng } from '../../samples/generate.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'skillsub.js');

function skillsub(db: string, cwd: string, ...args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, '--db', db, '--lang', 'en', '--quiet', ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

/** A district's roster: its own institution and classes, `rows` trainees of its own. */
function districtRoster(district: number, rows: number): string {
  const r = rng(district);
  const code = makeUscc(r) as string;
  const lines = [ROSTER_HEADER_EN];
  for (let i = 0; i < rows; i++) {
    lines.push(rosterRow({
      class_id: `D${district}-${String(Math.floor(i / 40)).padStart(4, '0')}`, institution_name: `第${district}区职校`, institution_code: code,
      id_number: makeId('500103', `19${70 + (i % 25)}-0${1 + (i % 9)}-1${i % 10}`, 100 + district * 10 + (Math.floor(i / 250) % 10)) as string,
      name: `学员${district}-${i}`,
    }));
  }
  return csv(lines);
}

describe.skipIf(!TEST_PG_SERVER)('four offices importing while a fifth checks (needs SKILLSUB_TEST_PG)', () => {
  it('keeps every import and gives the run a consistent snapshot, without deadlock', { timeout: 300_000 }, async () => {
    const dir = tempDir();
    const db = freshPgDatabase();
    const { writeFileSync } = await import('node:fs');
    const sizes = [600, 900, 1200, 1500];
    const files = sizes.map((rows, k) => {
      const path = join(dir, `district-${k + 1}.csv`);
      writeFileSync(path, districtRoster(k + 1, rows));
      return path;
    });
    const base = join(dir, 'district-0.csv');
    writeFileSync(base, districtRoster(9, 300));
    expect((await runCli(['--db', db, 'import', 'roster', base], { cwd: dir })).code).toBe(0);

    const started = [...files.map((f) => skillsub(db, dir, 'import', 'roster', f)), skillsub(db, dir, 'check', '--as-of', '2021-12-31')];
    const results = await Promise.all(started);
    for (const r of results) expect(r, r.stderr).toMatchObject({ code: 0 });

    const log = JSON.parse((await runCli(['--db', db, 'log', '--format', 'json'], { cwd: dir })).stdout) as { action: string; details: string | Record<string, unknown> }[];
    const details = (e: { details: string | Record<string, unknown> }) => (typeof e.details === 'string' ? JSON.parse(e.details) : e.details) as Record<string, unknown>;
    const imports = log.filter((e) => e.action === 'import roster').map(details).sort((a, b) => Number(a.file_id) - Number(b.file_id));
    expect(imports.map((d) => d.rows_imported).sort()).toEqual([300, ...sizes].sort());
    // The run saw a prefix of the imports in the order they committed: whole files, none half.
    const run = details(log.find((e) => e.action === 'check')!);
    const approvals = JSON.parse((await runCli(['--db', db, 'approvals', '--run', String(run.run), '--format', 'json'], { cwd: dir })).stdout) as { source: string }[];
    const seen = new Set(approvals.map((a) => a.source.split(':')[0]));
    const prefix = imports.slice(0, seen.size).map((d) => d.file);
    expect([...seen].sort()).toEqual([...prefix].sort());
    expect(approvals).toHaveLength(imports.slice(0, seen.size).reduce((n, d) => n + Number(d.rows_imported), 0));
    expect(run.claims).toBe(approvals.length);

    // Nothing lost: a check after them all decides every row.
    const last = await runCli(['--db', db, 'check', '--as-of', '2021-12-31'], { cwd: dir });
    expect(last.code).toBe(0);
    const all = JSON.parse((await runCli(['--db', db, 'approvals', '--format', 'json'], { cwd: dir })).stdout) as unknown[];
    expect(all).toHaveLength(300 + sizes.reduce((a, b) => a + b, 0));
  });
});
