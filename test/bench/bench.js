// `npm run bench`: speed and memory of skillsub's own work on a large generated data set,
// printed as a table (never asserted). Rows: import of a 1,000,000-row roster and of
// 1,000,000 certificates, with `sqlite3 .import` of the same files as the reference
// when the sqlite3 command is installed.
//
//   BENCH_ROWS=100000 npm run bench     (a smaller data set)

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeLargeRoster, writeLargeCertificates } from './generate-large.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const dir = join(root, 'bench-out');
mkdirSync(dir, { recursive: true });

const roster = join(dir, `roster-${rows}.csv`);
const certs = join(dir, `certificates-${rows}.csv`);
if (!existsSync(roster)) await writeLargeRoster(roster, rows);
if (!existsSync(certs)) await writeLargeCertificates(certs, rows);

function skillsub(db, ...args) {
  const out = execFileSync(process.execPath, [join(root, 'test', 'bench', 'measure.js'), '--db', db, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(out.trim().split('\n').pop());
}

function sqliteImport(file) {
  const db = join(dir, 'reference.db');
  rmSync(db, { force: true });
  const t = process.hrtime.bigint();
  const r = spawnSync('sqlite3', [db, '.mode csv', `.import ${file} t`], { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  rmSync(db, { force: true });
  return r.status === 0 ? ms : null;
}

const hasSqlite = spawnSync('sqlite3', ['-version']).status === 0;
const db = join(dir, 'bench.db');
for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });

const table = [];
const stages = [
  ['import roster', roster, () => skillsub(db, 'import', 'roster', roster)],
  ['import certificates', certs, () => skillsub(db, 'import', 'certificates', certs)],
];
for (const [label, file, run] of stages) {
  const m = run();
  const ref = hasSqlite ? sqliteImport(file) : null;
  const rate = rows / (m.wallMs / 1000);
  const refRate = ref ? rows / (ref / 1000) : null;
  table.push({
    stage: label,
    rows,
    'wall s': (m.wallMs / 1000).toFixed(2),
    'rows/s': Math.round(rate).toLocaleString('en-US'),
    'peak RSS MB': Math.round(m.maxRssMb),
    'sqlite3 .import s': ref ? (ref / 1000).toFixed(2) : 'n/a',
    'vs sqlite3': refRate ? `${(rate / refRate).toFixed(2)}× (target ≥ 0.33×)` : 'n/a',
    exit: m.code,
  });
}
console.table(table);
