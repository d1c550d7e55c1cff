// `npm run bench -- --db postgres://user@host/db` (issue #19 item 5, SPEC §11): skillsub on
// PostgreSQL against two references measured in the same run — import of the roster and the
// certificates against `psql \copy` of the same file into a plain table, and `check` against
// `check` of the same data on SQLite. The URL names a server and a database to connect to first;
// each measurement gets a fresh database of its own there (CREATE DATABASE), dropped after.
// Prints a table, asserts nothing. Wall time includes the server's work; CPU time is skillsub's
// process only (the server's own CPU is not in it), so the wall ratios are the ones to read.
//
//   npm run bench -- --db postgres://postgres@localhost/postgres            1,000,000 rows
//   BENCH_ROWS=100000 BENCH_REPEAT=1 npm run bench -- --db postgres://…     one smaller run

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { writeRealisticRoster, writeRealisticCertificates } from './generate-realistic.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const server = process.argv[process.argv.indexOf('--db') + 1];
const n = Number(process.env.BENCH_ROWS ?? 1_000_000);
const repeat = Math.max(1, Number(process.env.BENCH_REPEAT ?? 1));
const dir = join(root, 'bench-out');
mkdirSync(dir, { recursive: true });

const masked = server.replace(/^(postgres(?:ql)?:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
const psql = (url, ...args) => execFileSync('psql', [url, '-qX', '-v', 'ON_ERROR_STOP=1', ...args], { encoding: 'utf8' });

function freshPg() {
  const name = `skillsub_bench_${randomBytes(4).toString('hex')}`;
  psql(server, '-c', `CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => psql(server, '-c', `DROP DATABASE ${name}`) };
}

function skillsub(db, ...args) {
  const out = execFileSync(process.execPath, [join(root, 'test', 'bench', 'measure.js'), '--db', db, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(out.trim().split('\n').pop());
}

/** `psql \copy` of the CSV into a plain table of as many text columns: { wallMs, cpuMs } (psql's CPU). */
function psqlCopy(file) {
  const header = execFileSync('head', ['-1', file], { encoding: 'utf8' }).trim().split(',');
  const db = freshPg();
  try {
    psql(db.url, '-c', `CREATE TABLE t (${header.map((_, k) => `c${k} text`).join(', ')})`);
    const started = process.hrtime.bigint();
    const r = spawnSync('/usr/bin/time', ['-f', 'cpu %U %S', 'psql', db.url, '-qX', '-v', 'ON_ERROR_STOP=1', '-c', `\\copy t FROM '${file}' WITH (FORMAT csv, HEADER true)`], { encoding: 'utf8' });
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (r.status !== 0) throw new Error(r.stderr);
    const cpu = /cpu ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
    return { wallMs, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : NaN };
  } finally {
    db.drop();
  }
}

const roster = join(dir, `realistic-roster-${n}.csv`);
const certs = join(dir, `realistic-certificates-${n}.csv`);
if (!existsSync(roster)) await writeRealisticRoster(roster, n);
if (!existsSync(certs)) await writeRealisticCertificates(certs, n);

const s = (ms) => (ms / 1000).toFixed(1);
const rows = [];
for (let round = 0; round < repeat; round++) {
  const pg = freshPg();
  const sqlite = join(dir, `bench-pg-reference-${n}.db`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(sqlite + suffix, { force: true });
  try {
    for (const [kind, file] of [['roster', roster], ['certificates', certs]]) {
      const m = skillsub(pg.url, 'import', kind, file);
      const ref = psqlCopy(file);
      rows.push({ stage: `import ${kind}`, 'wall s': s(m.wallMs), 'CPU s (skillsub)': s(m.cpuMs), 'peak RSS MB': Math.round(m.maxRssMb),
        reference: 'psql \\copy', 'reference wall s': s(ref.wallMs), 'wall vs reference': `${(m.wallMs / ref.wallMs).toFixed(2)}×`, load: loadavg()[0].toFixed(1), exit: m.code });
      skillsub(sqlite, 'import', kind, file);
    }
    const m = skillsub(pg.url, 'check', '--as-of', '2021-12-31');
    const ref = skillsub(sqlite, 'check', '--as-of', '2021-12-31');
    rows.push({ stage: 'check', 'wall s': s(m.wallMs), 'CPU s (skillsub)': s(m.cpuMs), 'peak RSS MB': Math.round(m.maxRssMb),
      reference: 'check on SQLite', 'reference wall s': s(ref.wallMs), 'wall vs reference': `${(m.wallMs / ref.wallMs).toFixed(2)}×`, load: loadavg()[0].toFixed(1), exit: m.code });
    const out = join(dir, 'approvals-pg.csv');
    const a = skillsub(pg.url, 'approvals', '--format', 'csv', '--out', out);
    const b = skillsub(sqlite, 'approvals', '--format', 'csv', '--out', `${out}.sqlite`);
    rows.push({ stage: 'approvals --format csv', 'wall s': s(a.wallMs), 'CPU s (skillsub)': s(a.cpuMs), 'peak RSS MB': Math.round(a.maxRssMb),
      reference: 'approvals on SQLite', 'reference wall s': s(b.wallMs), 'wall vs reference': `${(a.wallMs / b.wallMs).toFixed(2)}×`, load: loadavg()[0].toFixed(1), exit: a.code });
    // Flag ids are keyed by each database's own secret (SPEC §7.1): compared by rule only.
    const unkeyed = (file) => readFileSync(file, 'utf8').replace(/\b(F_[A-Z_]+)-[0-9a-f]{12}\b/g, '$1');
    const same = unkeyed(out) === unkeyed(`${out}.sqlite`);
    rows.push({ stage: 'approvals identical on both engines', 'wall s': same ? 'yes' : 'NO' });
    rmSync(out, { force: true });
    rmSync(`${out}.sqlite`, { force: true });
  } finally {
    pg.drop();
    for (const suffix of ['', '-wal', '-shm']) rmSync(sqlite + suffix, { force: true });
  }
}
console.log(`\nPostgreSQL at ${masked}, ${n.toLocaleString('en-US')} rows of realistic data, ${repeat} run(s); load = 1-minute load average after each (2 cores)`);
console.table(rows);
console.log('targets (issue #19): import ≤ 2× psql \\copy of the same file; check ≤ 2× its SQLite time');
