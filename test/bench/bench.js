// `npm run bench`: speed and memory of skillsub's own work on a large generated data set,
// printed as a table (never asserted). Rows: import of a 1,000,000-row roster and of
// 1,000,000 certificates, with `sqlite3 .import` of the same files as the reference
// when the sqlite3 command is installed; then `check` over them, with its stages (the
// fraud-flag stage among them) from the audit log, and the same check at 100,000 rows for
// the growth ratio (no quadratic step: target ≤ 12×).
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

async function dataSet(n) {
  const roster = join(dir, `roster-${n}.csv`);
  const certs = join(dir, `certificates-${n}.csv`);
  if (!existsSync(roster)) await writeLargeRoster(roster, n);
  if (!existsSync(certs)) await writeLargeCertificates(certs, n);
  return { roster, certs };
}
const { roster, certs } = await dataSet(rows);

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
function freshDb(name) {
  const db = join(dir, name);
  for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  return db;
}
const db = freshDb('bench.db');

/** The stage durations `check` wrote to the audit log. */
function checkStages(file) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'skillsub.js'), '--db', file, 'log', '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(r.stdout).filter((e) => e.action === 'check').pop().details.durations_ms;
}

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

// check over the same data, and over a tenth of it for the growth ratio.
const checks = [];
const small = Math.max(1, Math.floor(rows / 10));
const smallSet = await dataSet(small);
const smallDb = freshDb('bench-small.db');
skillsub(smallDb, 'import', 'roster', smallSet.roster);
skillsub(smallDb, 'import', 'certificates', smallSet.certs);
for (const [n, file] of [[small, smallDb], [rows, db]]) {
  const m = skillsub(file, 'check', '--as-of', '2021-12-31');
  checks.push({ rows: n, m, stages: checkStages(file) });
}
const [s, l] = checks;
console.table(checks.map(({ rows: n, m, stages }) => ({
  stage: 'check', rows: n, 'wall s': (m.wallMs / 1000).toFixed(2), 'peak RSS MB': Math.round(m.maxRssMb),
  'flags stage s': (stages.flags / 1000).toFixed(2),
  'stages s (read/evaluate/flags/caps/outcomes/store)': ['read', 'evaluate', 'flags', 'caps', 'outcomes', 'store'].map((k) => (stages[k] / 1000).toFixed(1)).join(' / '),
  exit: m.code,
})));
console.log(`growth ${small.toLocaleString('en-US')} → ${rows.toLocaleString('en-US')} rows: check ${(l.m.wallMs / s.m.wallMs).toFixed(1)}×, flags stage ${(l.stages.flags / s.stages.flags).toFixed(1)}× (target ≤ 12×; targets at 1,000,000 rows: check ≤ 20 s and < 1 GB, flags ≤ 10 s)`);
