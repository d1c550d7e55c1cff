#!/usr/bin/env node
// `npm run faults`: crash safety, proved by force. N times (default 50) it starts an import or a
// check on generated data, kills it with SIGKILL at a random moment, then verifies that the
// database is sound (PRAGMA integrity_check), that every file is either wholly present or
// absent, that every run is complete or absent, and that the next command succeeds.
// Prints one tally line: `50 kills, 0 corrupt, 0 partial, 0 failed next`. Exits 1 on any fault.
//
//   node test/faults/faults.js [--kills N] [--rows N] [--seed N]

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { writeLargeRoster, writeLargeCertificates } from '../bench/generate-large.js';
import { rng } from '../../samples/generate.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(root, 'bin', 'skillsub.js');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const kills = arg('--kills', 50);
const rows = arg('--rows', 20_000);
const r = rng(arg('--seed', 11));

const dir = mkdtempSync(join(tmpdir(), 'skillsub-faults-'));
const db = join(dir, 'faults.db');
const run = (args) => spawnSync(process.execPath, [BIN, '--db', db, '--quiet', ...args], { encoding: 'utf8' });

/** Sound, whole files, whole runs. */
function verify() {
  const conn = new Database(db, { readonly: true });
  try {
    const integrity = conn.pragma('integrity_check', { simple: true });
    const partialFiles = conn.prepare(`
      SELECT count(*) AS n FROM imported_files f
       WHERE f.rows <> (SELECT count(*) FROM roster_rows WHERE file_id = f.id)
                     + (SELECT count(*) FROM certificates WHERE file_id = f.id)
                     + (SELECT count(*) FROM institutions WHERE file_id = f.id)`).get().n;
    const orphanRows = conn.prepare(`SELECT (SELECT count(*) FROM roster_rows WHERE file_id NOT IN (SELECT id FROM imported_files))
      + (SELECT count(*) FROM certificates WHERE file_id NOT IN (SELECT id FROM imported_files)) AS n`).get().n;
    const partialRuns = conn.prepare(`
      SELECT count(*) AS n FROM runs r
       WHERE r.claims <> (SELECT count(*) FROM decisions WHERE run_id = r.id)
          OR r.flags <> (SELECT count(*) FROM flags WHERE run_id = r.id)`).get().n;
    return { corrupt: integrity !== 'ok', partial: partialFiles + orphanRows + partialRuns };
  } finally {
    conn.close();
  }
}

const tally = { kills: 0, corrupt: 0, partial: 0, failedNext: 0 };
const certs = join(dir, 'certs.csv');
await writeLargeCertificates(certs, rows, 1);
if (run(['import', 'certificates', certs]).status !== 0) throw new Error('could not import the certificates');

for (let k = 0; k < kills; k++) {
  const doCheck = k % 3 === 2;
  let args;
  if (doCheck) {
    args = ['check', '--as-of', '2021-12-31'];
  } else {
    const file = join(dir, `roster-${k}.csv`);
    await writeLargeRoster(file, rows, 100 + k);
    args = ['import', 'roster', file];
  }
  const child = spawn(process.execPath, [BIN, '--db', db, '--quiet', ...args], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const delay = Math.floor(r.next() * (doCheck ? 3000 : 2500));
  await new Promise((resolve) => setTimeout(resolve, delay));
  child.kill('SIGKILL');
  await exited;
  tally.kills++;
  const seen = verify();
  if (seen.corrupt) tally.corrupt++;
  if (seen.partial > 0) tally.partial++;
  const next = run(args);
  if (next.status !== 0) {
    tally.failedNext++;
    process.stderr.write(`kill ${k}: the next "${args.join(' ')}" exited ${next.status}: ${next.stderr}\n`);
  }
  const after = verify();
  if (after.corrupt) tally.corrupt++;
  if (after.partial > 0) tally.partial++;
}

rmSync(dir, { recursive: true, force: true });
console.log(`${tally.kills} kills, ${tally.corrupt} corrupt, ${tally.partial} partial, ${tally.failedNext} failed next`);
process.exitCode = tally.corrupt + tally.partial + tally.failedNext > 0 ? 1 : 0;
