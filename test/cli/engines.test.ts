// SPEC §11: for the same inputs, PostgreSQL writes the same outputs as SQLite, byte for byte.
// The demo's work runs on a SQLite file and on a fresh PostgreSQL database side by side. Flag ids
// are keyed by each database's own secret (§7.1), so they are compared by rule only. Runs on
// PostgreSQL only (npm run test:pg), since it needs a server.

import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readdirSync } from 'node:fs';
import { freshPgDatabase, runCli, tempDir, TEST_PG_SERVER } from '../helpers/cli.js';

const SAMPLES = join(import.meta.dirname, '..', '..', 'samples');
const rosters = readdirSync(SAMPLES).filter((f) => f.startsWith('roster-')).sort().map((f) => join(SAMPLES, f));

/** What may differ between two databases: flag ids (keyed by each database's secret), the clock (UTC and local), and the --db given. */
function comparable(text: string, db = ''): string {
  return (db ? text.split(db).join('DB') : text)
    .replace(/postgres:\/\/[^\s"]*/g, 'DB')
    .replace(/\b(F_[A-Z_]+)-[0-9a-f]{12}\b/g, '$1-…')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, 'T')
    .replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [+-]\d{2}:\d{2}/g, 'T')
    .replace(/"durations_ms":\s*\{[^}]*\}/g, '"durations_ms":{}');
}

const WORK: string[][] = [
  ['import', 'institutions', join(SAMPLES, 'institutions.csv')],
  ['import', 'roster', ...rosters],
  ['import', 'certificates', join(SAMPLES, 'certificates.csv'), join(SAMPLES, 'certificates-issuers.csv')],
  ['import', 'roster', rosters[0]],
  ['import', 'list', join(SAMPLES, 'list-pension-gb18030.csv'), '--kind', 'pension'],
  ['import', 'list', join(SAMPLES, 'list-public-staff.csv'), '--kind', 'public_staff'],
  ['import', 'list', join(SAMPLES, 'list-student.csv'), '--kind', 'student'],
  ['import', 'list', join(SAMPLES, 'list-death.csv'), '--kind', 'death'],
  ['import', 'list', join(SAMPLES, 'list-insured-ac20.csv'), '--kind', 'insured'],
  ['check', '--as-of', '2021-12-31'],
  ['approvals', '--format', 'csv'],
  ['approvals', '--public', '--decision', 'approved', '--format', 'csv'],
  ['payments', '--year', '2020', '--format', 'csv'],
  ['flags', '--format', 'json'],
  ['sample', '--per-class', '0.1', '--seed', '2020', '--format', 'csv'],
  ['report', 'quarterly', '2020Q3', '--format', 'json'],
  ['report', 'annual', '2020', '--format', 'md'],
  ['institutions', '--format', 'csv'],
  ['issuers', '--format', 'csv'],
  ['disburse', '--date', '2020-10-20', '--format', 'csv'],
  ['check', '--as-of', '2021-12-31'],
  ['disburse', '--date', '2021-03-01', '--format', 'csv'],
  ['disbursements', '--format', 'csv'],
  ['disbursements', '--by', 'payee', '--format', 'csv'],
  ['disbursements', '--by', 'claim', '--date', '2021-03-01', '--format', 'csv'],
  ['disbursements', '--recoveries', '--format', 'csv'],
  ['log', '--format', 'json'],
];

describe.skipIf(!TEST_PG_SERVER)('the same outputs on PostgreSQL as on SQLite (needs SKILLSUB_TEST_PG)', () => {
  it('writes the demo work byte for byte alike on both engines', { timeout: 300_000 }, async () => {
    const dir = tempDir();
    const engines = { sqlite: join(dir, 'demo.db'), postgres: freshPgDatabase() };
    for (const args of WORK) {
      const [sqlite, postgres] = await Promise.all([engines.sqlite, engines.postgres].map((db) => runCli(['--db', db, '--lang', 'en', ...args], { cwd: dir })));
      const label = args.filter((a) => !a.startsWith('/')).join(' ');
      expect({ label, code: postgres.code }).toEqual({ label, code: sqlite.code });
      expect(comparable(postgres.stdout), label).toBe(comparable(sqlite.stdout, engines.sqlite));
      expect(comparable(postgres.stderr), label).toBe(comparable(sqlite.stderr, engines.sqlite));
    }
  });

  it('follows a claim and a person alike on both engines', { timeout: 300_000 }, async () => {
    const dir = tempDir();
    const engines = [join(dir, 'demo.db'), freshPgDatabase()];
    const outputs: string[][] = [[], []];
    for (const [k, db] of engines.entries()) {
      const run = (...args: string[]) => runCli(['--db', db, '--lang', 'en', ...args], { cwd: dir });
      for (const args of WORK.slice(0, 10)) await run(...args);
      const approvals = (await run('approvals', '--format', 'json')).stdout;
      const claims = (JSON.parse(approvals) as { claim_id: string; id_number: string }[]).filter((_, i) => i % 97 === 0);
      for (const c of claims) {
        outputs[k].push(comparable((await run('explain', c.claim_id, '--format', 'json')).stdout));
        outputs[k].push(comparable((await run('person', c.id_number, '--format', 'json')).stdout));
      }
    }
    expect(outputs[1]).toEqual(outputs[0]);
  });
});
