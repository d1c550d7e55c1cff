// `npm run bench`: speed and memory of skillsub's own work on a large generated data set,
// printed as a table (never asserted). Rows: import of a 1,000,000-row roster and of
// 1,000,000 certificates, with `sqlite3 .import` of the same files as the reference
// when the sqlite3 command is installed; then `check` over them, with its stages (the
// fraud-flag stage among them) from the audit log, and the same check at 100,000 rows for
// the growth ratio (no quadratic step: target ≤ 12×); then `institutions` and `issuers` over the
// large run (SPEC §8.8, target ≤ 5 s each).
//
// On a shared machine one run's wall time can be off by a third, so every measurement is taken
// BENCH_REPEAT times (3 unless told) and printed as the median with the range; peak RSS is the
// highest of the runs.
//
//   BENCH_ROWS=100000 npm run bench     (a smaller data set)
//   BENCH_REPEAT=1 npm run bench        (one run of each)

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeLargeRoster, writeLargeCertificates } from './generate-large.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const repeat = Math.max(1, Number(process.env.BENCH_REPEAT ?? 3));
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
/** The median of some numbers. */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Seconds as `median (min–max)`, or the one figure. */
function seconds(values) {
  const s = (ms) => (ms / 1000).toFixed(2);
  return values.length === 1 ? s(values[0]) : `${s(median(values))} (${s(Math.min(...values))}–${s(Math.max(...values))})`;
}

/** The stage durations `check` wrote to the audit log. */
function checkStages(file) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'skillsub.js'), '--db', file, 'log', '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(r.stdout).filter((e) => e.action === 'check').pop().details.durations_ms;
}

// Each round imports both files into a fresh database, each followed by the reference import.
const imports = { roster: [], certificates: [] };
let db;
for (let round = 0; round < repeat; round++) {
  db = freshDb('bench.db');
  for (const [kind, file] of [['roster', roster], ['certificates', certs]]) {
    const m = skillsub(db, 'import', kind, file);
    imports[kind].push({ m, ref: hasSqlite ? sqliteImport(file) : null });
  }
}
console.table(Object.entries(imports).map(([kind, runs]) => {
  const walls = runs.map((r) => r.m.wallMs);
  const ratios = runs.filter((r) => r.ref).map((r) => r.ref / r.m.wallMs);
  return {
    stage: `import ${kind}`,
    rows,
    'wall s': seconds(walls),
    'rows/s': Math.round(rows / (median(walls) / 1000)).toLocaleString('en-US'),
    'peak RSS MB': Math.round(Math.max(...runs.map((r) => r.m.maxRssMb))),
    'sqlite3 .import s': ratios.length ? seconds(runs.map((r) => r.ref)) : 'n/a',
    'vs sqlite3': ratios.length ? `${median(ratios).toFixed(2)}× (target ≥ 0.33×)` : 'n/a',
    exit: Math.max(...runs.map((r) => r.m.code)),
  };
}));

// check over the same data, and over a tenth of it for the growth ratio; each run is a new run
// over the same rows.
const small = Math.max(1, Math.floor(rows / 10));
const smallSet = await dataSet(small);
const smallDb = freshDb('bench-small.db');
skillsub(smallDb, 'import', 'roster', smallSet.roster);
skillsub(smallDb, 'import', 'certificates', smallSet.certs);
const checks = [];
for (const [n, file] of [[small, smallDb], [rows, db]]) {
  const runs = [];
  for (let round = 0; round < repeat; round++) runs.push({ m: skillsub(file, 'check', '--as-of', '2021-12-31'), stages: checkStages(file) });
  const walls = runs.map((r) => r.m.wallMs);
  // The stages of the run whose wall time is the median (the middle one of an odd number).
  const middle = runs.find((r) => r.m.wallMs === median(walls)) ?? runs[0];
  checks.push({ rows: n, runs, walls, wall: median(walls), stages: middle.stages });
}
const [s, l] = checks;
console.table(checks.map(({ rows: n, runs, walls, stages }) => ({
  stage: 'check', rows: n, 'wall s': seconds(walls), 'peak RSS MB': Math.round(Math.max(...runs.map((r) => r.m.maxRssMb))),
  'flags stage s': (stages.flags / 1000).toFixed(2),
  'stages s (read/evaluate/flags/caps/outcomes/store)': ['read', 'evaluate', 'flags', 'caps', 'outcomes', 'store'].map((k) => (stages[k] / 1000).toFixed(1)).join(' / '),
  exit: Math.max(...runs.map((r) => r.m.code)),
})));
console.log(`growth ${small.toLocaleString('en-US')} → ${rows.toLocaleString('en-US')} rows (medians): check ${(l.wall / s.wall).toFixed(1)}×, flags stage ${(l.stages.flags / s.stages.flags).toFixed(1)}× (target ≤ 12×; targets at 1,000,000 rows: check ≤ 20 s and < 1 GB, flags ≤ 10 s)`);

// The scorecards of SPEC §8.8 over the large run (target ≤ 5 s each).
const cards = ['institutions', 'issuers'].map((command) => {
  const runs = Array.from({ length: repeat }, () => skillsub(db, command, '--format', 'csv', '--out', join(dir, `${command}.csv`)));
  const walls = runs.map((r) => r.wallMs);
  return { stage: command, rows, 'wall s': `${seconds(walls)} (target ≤ 5 s)`, 'peak RSS MB': Math.round(Math.max(...runs.map((r) => r.maxRssMb))), exit: Math.max(...runs.map((r) => r.code)) };
});
console.table(cards);
