#!/usr/bin/env node
// `npm run demo`: the main job on the bundled samples, into a fresh database in demo-out/.
// Prints each command as a caseworker would type it, then what skillsub answered.

import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, readdirSync, readFileSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'demo-out');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
// SKILLSUB_DB=postgres://… runs the demo on that (empty) PostgreSQL database instead (SPEC §11).
const pgUrl = /^postgres(ql)?:\/\//i.test(process.env.SKILLSUB_DB ?? '') ? process.env.SKILLSUB_DB : null;
const db = pgUrl ?? join(out, 'skillsub.db');
const samples = join(root, 'samples');
const rosters = readdirSync(samples).filter((f) => f.startsWith('roster-')).map((f) => join(samples, f));
const rel = (p) => relative(root, p);

let failed = false;
function skillsub(args, { showLines = 40, expect = [0] } = {}) {
  console.log(`\n$ skillsub ${args.map((a) => (a.startsWith('/') ? rel(a) : a)).join(' ')}`);
  const r = spawnSync(process.execPath, [join(root, 'bin', 'skillsub.js'), '--db', db, '--lang', 'en', ...args], {
    encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1' },
  });
  const text = `${r.stderr}${r.stdout}`.trimEnd().split('\n');
  console.log(text.slice(0, showLines).join('\n'));
  if (text.length > showLines) console.log(`… (${text.length - showLines} more lines)`);
  if (!expect.includes(r.status)) {
    console.error(`demo: the command above exited ${r.status}`);
    failed = true;
  }
  return r;
}

console.log(`skillsub demo — database ${pgUrl ? pgUrl.replace(/^(postgres(?:ql)?:\/\/[^:/@]*):[^@/]*@/i, '$1:***@') : rel(db)}`);
skillsub(['import', 'institutions', join(samples, 'institutions.csv')]);
skillsub(['import', 'roster', ...rosters, '--errors-out', join(out, 'row-errors.csv')]);
skillsub(['import', 'certificates', join(samples, 'certificates.csv')]);
// The assessment bodies' own export: a large steady body, a small one, and a new one with a burst (F_CERT_BURST).
skillsub(['import', 'certificates', join(samples, 'certificates-issuers.csv')]);
skillsub(['import', 'roster', rosters[0]], { showLines: 5 });
// Outside lists for the cross-checks (SPEC §2.5): each file with its kind.
for (const [file, kind] of [
  ['list-pension-gb18030.csv', 'pension'], ['list-public-staff.csv', 'public_staff'], ['list-student.csv', 'student'],
  ['list-death.csv', 'death'], ['list-insured-ac20.csv', 'insured'],
]) skillsub(['import', 'list', join(samples, file), '--kind', kind], { showLines: 5 });
skillsub(['check', '--as-of', '2021-12-31']);
skillsub(['approvals', '--format', 'table', '--decision', 'rejected'], { showLines: 6 });
skillsub(['payments', '--year', '2020', '--format', 'table'], { showLines: 12 });
skillsub(['approvals', '--year', '2020', '--out', join(out, 'approvals-2020.xlsx')]);
skillsub(['approvals', '--public', '--decision', 'approved', '--out', join(out, 'public-notice.csv')]);
skillsub(['flags', '--format', 'json', '--out', join(out, 'flags.json')]);
// The flags, one line each: rule, severity and what was seen.
const flags = JSON.parse(readFileSync(join(out, 'flags.json'), 'utf8'));
console.log(`${flags.length} flags:`);
for (const f of flags) console.log(`  ${f.severity.padEnd(6)} ${f.rule.padEnd(22)} ${f.detail}`);
skillsub(['flags', '--rule', 'F_PENSIONER', '--format', 'csv'], { showLines: 6 });
const [first] = flags;
if (first) skillsub(['explain', first.claim_ids.split(';')[0] || 'none'], { showLines: 30, expect: [0, 3] });
skillsub(['sample', '--per-class', '0.1', '--seed', '2020', '--out', join(out, 'callback-sample.csv')]);
for (const [kind, label] of [['quarterly', '2020Q3'], ['annual', '2020']]) {
  skillsub(['report', kind, label, '--format', 'table'], { showLines: kind === 'quarterly' ? 40 : 12 });
  skillsub(['report', kind, label, '--out', join(out, `report-${label}.html`)]);
  skillsub(['report', kind, label, '--out', join(out, `report-${label}.xlsx`)]);
}
// Where to send the auditors (SPEC §8.8): institutions ranked by their flags, issuers with their monthly counts.
skillsub(['institutions', '--format', 'table'], { showLines: 12 });
skillsub(['issuers', '--format', 'table'], { showLines: 8 });
skillsub(['institutions', '--out', join(out, 'institutions.html')]);
skillsub(['issuers', '--out', join(out, 'issuers.html')]);
console.log(`\nwritten to ${rel(out)}/: ${readdirSync(out).filter((f) => !f.startsWith('skillsub.db')).sort().join(', ')}`);
skillsub(['log', '--format', 'table'], { showLines: 12 });
process.exitCode = failed ? 1 : 0;
