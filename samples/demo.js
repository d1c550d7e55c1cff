#!/usr/bin/env node
// `npm run demo`: the main job on the bundled samples, into a fresh database in demo-out/.
// Prints each command as a caseworker would type it, then what skillsub answered.

import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, readdirSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'demo-out');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const db = join(out, 'skillsub.db');
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

console.log(`skillsub demo — database ${rel(db)}`);
skillsub(['import', 'institutions', join(samples, 'institutions.csv')]);
skillsub(['import', 'roster', ...rosters, '--errors-out', join(out, 'row-errors.csv')]);
skillsub(['import', 'certificates', join(samples, 'certificates.csv')]);
skillsub(['import', 'roster', rosters[0]], { showLines: 5 });
skillsub(['check', '--as-of', '2021-12-31']);
skillsub(['approvals', '--format', 'table', '--decision', 'rejected'], { showLines: 8 });
skillsub(['payments', '--year', '2020', '--format', 'table'], { showLines: 12 });
skillsub(['approvals', '--year', '2020', '--out', join(out, 'approvals-2020.xlsx')]);
skillsub(['approvals', '--public', '--decision', 'approved', '--out', join(out, 'public-notice.csv')]);
console.log(`\nwritten: ${rel(join(out, 'approvals-2020.xlsx'))}, ${rel(join(out, 'public-notice.csv'))}`);
skillsub(['log', '--format', 'table'], { showLines: 12 });
process.exitCode = failed ? 1 : 0;
