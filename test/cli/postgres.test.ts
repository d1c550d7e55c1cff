// SPEC §11 on PostgreSQL itself: the immutability rules of *Data safety* hold as plpgsql triggers
// (TRUNCATE too), money comes back as exact integers, and a password in the URL is never printed
// or stored. Runs on PostgreSQL only (npm run test:pg).

import { describe, expect, it } from 'vitest';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { csv, freshPgDatabase, runCli, tempDir, TEST_PG_SERVER } from '../helpers/cli.js';
import { ROSTER_HEADER_EN, rosterRow } from '../helpers/rows.js';
import { personId } from '../helpers/claims.js';
// @ts-expect-error the built JavaScript has no type declarations
import { openPostgres } from '../../dist/store/postgres/open.js';
// @ts-expect-error the built JavaScript has no type declarations
import { postgresChannel } from '../../dist/engine/postgres-channel.js';
// @ts-expect-error the built JavaScript has no type declarations
import { CopyRows } from '../../dist/store/postgres/copy-rows.js';

const SAMPLES = join(import.meta.dirname, '..', '..', 'samples');

interface Conn {
  prepare(sql: string): { get(...p: unknown[]): unknown; all(...p: unknown[]): unknown[]; run(...p: unknown[]): unknown; pluck(): { get(...p: unknown[]): unknown } };
  exec(sql: string): unknown;
  close(): void;
}
const connect = (url: string): Conn => openPostgres(url, postgresChannel(url), { create: false }) as Conn;

async function demoDatabase(): Promise<{ url: string; run: (...args: string[]) => ReturnType<typeof runCli> }> {
  const dir = tempDir();
  const url = freshPgDatabase();
  const run = (...args: string[]) => runCli(['--db', url, '--lang', 'en', ...args], { cwd: dir });
  await run('import', 'institutions', join(SAMPLES, 'institutions.csv'));
  await run('import', 'roster', ...readdirSync(SAMPLES).filter((f) => f.startsWith('roster-')).sort().map((f) => join(SAMPLES, f)));
  await run('import', 'certificates', join(SAMPLES, 'certificates.csv'));
  expect((await run('check', '--as-of', '2021-12-31')).code).toBe(0);
  expect((await run('disburse', '--date', '2021-12-31')).code).toBe(0);
  return { url, run };
}

describe.skipIf(!TEST_PG_SERVER)('PostgreSQL keeps what SQLite keeps (needs SKILLSUB_TEST_PG)', () => {
  it('refuses by hand every change the triggers forbid, statement by statement', { timeout: 300_000 }, async () => {
    const { url } = await demoDatabase();
    const conn = connect(url);
    try {
      const refused = (sql: string) => {
        let error: unknown = null;
        try {
          conn.exec(sql);
        } catch (err) {
          error = err;
        }
        return (error as { code?: string } | null)?.code ?? 'allowed';
      };
      // restrict_violation: refused by a skillsub trigger, not by chance.
      for (const sql of [
        "UPDATE audit_log SET details = '{}'", 'DELETE FROM audit_log', 'TRUNCATE audit_log CASCADE',
        'UPDATE runs SET claims = 0', 'DELETE FROM run_seals', 'TRUNCATE runs CASCADE',
        "UPDATE decision_rows SET flags = ''", 'DELETE FROM decision_outcomes', "UPDATE flags SET severity = 'low'",
        "UPDATE secrets SET value = 'x'", 'DELETE FROM batches', 'UPDATE ledger_lines SET amount_fen = 1',
        'DELETE FROM roster_rows', "UPDATE roster_rows SET name = 'x'", 'UPDATE roster_rows SET active = 0',
        'UPDATE certificates SET active = 0', 'DELETE FROM imported_files', "UPDATE imported_files SET name = 'x'",
        'DELETE FROM classes', 'UPDATE roster_parts SET part = part',
        "UPDATE row_errors SET value = 'x'", 'DELETE FROM row_errors', 'TRUNCATE row_errors',
        "UPDATE classes SET institution_code = 'X'", "UPDATE classes SET class_id = class_id || 'x'",
        'UPDATE classes SET file_id = (SELECT max(id) FROM imported_files)',
        "INSERT INTO audit_log SELECT * FROM audit_log ON CONFLICT (id) DO UPDATE SET details = '{}'",
        "INSERT INTO flags (run_id, flag_id, rule, severity, subject_type, subject, class_ids, cert_numbers, claim_ids, detail_key, detail_params, sources) VALUES (1, 'F_X-000000000000', 'F_X', 'low', 'person', 's', '', '', '', 'k', '{}', '')",
        "INSERT INTO ledger_lines (batch_id, claim_id, id_number, component, payee_type, payee_code, payee_name, payee_key, fund, amount_fen, reasons, source) SELECT 1, claim_id, id_number, component, payee_type, payee_code, payee_name, payee_key, fund, 1, '', '' FROM ledger_lines LIMIT 1",
      ]) expect({ sql, code: refused(sql) }).toEqual({ sql, code: '23001' });
      // A run is numbered without gaps, and must hold its decisions before it is sealed.
      expect(refused("INSERT INTO runs (created_at, os_user, policy_id, policy_sha256, policy_text, as_of, data_mark, claims, flags) VALUES ('t', 'u', 'p', 's', '', '2021-01-01', 1, 5, 0); INSERT INTO run_seals (run_id) VALUES (2)")).toBe('23001');
    } finally {
      conn.close();
    }
  });

  it('reads money back as exact integers of fen, sums included', { timeout: 300_000 }, async () => {
    const { url, run } = await demoDatabase();
    const conn = connect(url);
    try {
      const total = conn.prepare('SELECT sum(amount_fen) FROM ledger_lines').pluck().get();
      const paid = conn.prepare('SELECT payments_fen FROM batches WHERE id = 1').pluck().get();
      expect(typeof total).toBe('number');
      expect(Number.isInteger(total)).toBe(true);
      expect(total).toBe(paid);
      const batches = JSON.parse((await run('disbursements', '--by', 'payee', '--format', 'json')).stdout) as { net: string }[];
      const net = batches.reduce((fen, b) => fen + Math.round(Number(b.net.replace(/,/g, "")) * 100), 0);
      expect(net).toBe(total);
    } finally {
      conn.close();
    }
  });

  it('refuses rows copied in under a file it does not hold, by the next statement, COMMIT included, and keeps none', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const url = freshPgDatabase();
    expect((await runCli(['--db', url, 'import', 'institutions', join(SAMPLES, 'institutions.csv')], { cwd: dir })).code).toBe(0);
    const conn = connect(url);
    const count = () => conn.prepare('SELECT count(*) FROM institutions').pluck().get();
    try {
      const before = count();
      const copyOne = (fileId: number) => {
        const rows = new CopyRows(conn, 'institutions', ['institution_code', 'institution_name', 'valid_from', 'valid_to', 'line', 'file_id']);
        rows.add(['91500103MA5U000001', '新学校', null, null, 2, fileId]);
        rows.finish();
      };
      const codeOf = (fn: () => unknown) => {
        try {
          fn();
          return 'allowed';
        } catch (err) {
          return (err as { code?: string }).code;
        }
      };
      // The COPY goes without waiting for its answer: its refusal (foreign_key_violation) comes with the next statement.
      conn.exec('BEGIN IMMEDIATE');
      copyOne(999);
      expect(codeOf(() => count())).toBe('23503');
      conn.exec('ROLLBACK');
      // A COMMIT right after it fails too, instead of ending the aborted transaction as if nothing happened.
      conn.exec('BEGIN IMMEDIATE');
      copyOne(999);
      expect(codeOf(() => conn.exec('COMMIT'))).toBe('23503');
      expect(count()).toBe(before);
      // The same row under the file that exists goes in.
      conn.exec('BEGIN IMMEDIATE');
      copyOne(1);
      conn.exec('COMMIT');
      expect(count()).toBe(Number(before) + 1);
    } finally {
      conn.close();
    }
  });

  it('stores exactly the values COPY must escape, multi-byte text, and a row larger than a copy starts with', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const url = freshPgDatabase();
    expect((await runCli(['--db', url, 'import', 'institutions', join(SAMPLES, 'institutions.csv')], { cwd: dir })).code).toBe(0);
    const conn = connect(url);
    try {
      const names = ['新学校', 'tab\there', 'new\nline', 'back\\slash \\N', 'return\r', '渝中'.repeat(400_000), '最后一行'];
      conn.exec('BEGIN IMMEDIATE');
      const rows = new CopyRows(conn, 'institutions', ['institution_code', 'institution_name', 'valid_from', 'valid_to', 'line', 'file_id']);
      names.forEach((name, k) => rows.add([`91500103MA5U00${String(k).padStart(4, '0')}`, name, null, null, 100 + k, 1]));
      rows.finish();
      conn.exec('COMMIT');
      expect(conn.prepare('SELECT institution_name FROM institutions WHERE line >= 100 ORDER BY line').pluck().all()).toEqual(names);
    } finally {
      conn.close();
    }
  });

  it('gives a table an import filled its planner statistics, so that a page of rows is read through the index, not by sorting the table', { timeout: 300_000 }, async () => {
    const dir = tempDir();
    const url = freshPgDatabase();
    // 12,000 different trainees in 300 classes: born on one of 30 days, 400 to a day.
    const born = (k: number) => new Date(Date.UTC(1970, 0, 1 + Math.floor(k / 400))).toISOString().slice(0, 10);
    const rows = Array.from({ length: 12_000 }, (_, k) => rosterRow({ class_id: `CQ2020-${String(k % 300).padStart(3, '0')}`, id_number: personId(born(k), 'male', (k % 400) + 1) }));
    const file = join(dir, 'roster.csv');
    writeFileSync(file, csv([ROSTER_HEADER_EN, ...rows]));
    const imported = await runCli(['--db', url, 'import', 'roster', file], { cwd: dir });
    expect(imported.stderr).toContain('imported 12,000 rows from roster.csv; 0 row errors');
    expect(imported.code).toBe(0);
    const conn = connect(url);
    try {
      // analyze_count counts ANALYZE as a statement, not autovacuum's.
      expect(Number(conn.prepare("SELECT analyze_count FROM pg_stat_user_tables WHERE relname = 'roster_rows'").pluck().get())).toBeGreaterThanOrEqual(1);
      const plan = (conn.prepare('EXPLAIN SELECT id FROM roster_rows WHERE active = 1 AND id > 100 ORDER BY id LIMIT 1000').all() as Record<string, string>[])
        .map((r) => Object.values(r)[0]).join('\n');
      expect(plan).toContain('Index Scan');
      expect(plan).not.toContain('Sort');
    } finally {
      conn.close();
    }
  });

  it('never prints, logs or stores the password of the URL', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const url = new URL(freshPgDatabase());
    // A server that trusts its clients ignores the password; one that asks for it has it in the URL.
    if (!url.password) url.password = 'not-shown-anywhere';
    const secret = decodeURIComponent(url.password);
    const imported = await runCli(['--db', url.toString(), 'import', 'institutions', join(SAMPLES, 'institutions.csv')], { cwd: dir });
    expect(imported.code).toBe(0);
    const log = await runCli(['--db', url.toString(), 'log', '--format', 'json'], { cwd: dir });
    expect(log.stdout).toContain(':***@');
    expect(`${imported.stdout}${imported.stderr}${log.stdout}${log.stderr}`).not.toContain(secret);
    // A server that does not answer: exit 3, the URL masked.
    const nowhere = `postgres://clerk:${secret}@127.0.0.1:1/skillsub`;
    for (const args of [['check'], ['import', 'institutions', join(SAMPLES, 'institutions.csv')], ['--debug', 'log']]) {
      const failed = await runCli(['--db', nowhere, ...args], { cwd: dir });
      expect(failed.code).toBe(3);
      expect(failed.stderr).toContain('postgres://clerk:***@127.0.0.1:1/skillsub');
      expect(failed.stderr).not.toContain(secret);
    }
    // A database without skillsub's schema: a read command says there is none, and makes none.
    const empty = new URL(freshPgDatabase());
    empty.password = url.password;
    for (const args of [['approvals'], ['log'], ['check', '--as-of', '2021-12-31']]) {
      const none = await runCli(['--db', empty.toString(), ...args], { cwd: dir });
      expect(none.code).toBe(3);
      expect(none.stderr).toContain(`there is no database at postgres://${empty.username}:***@${empty.host}${empty.pathname}`);
      expect(none.stderr).not.toContain(secret);
    }
    const env = await runCli(['check'], { cwd: dir, env: { SKILLSUB_DB: nowhere } });
    expect(env.code).toBe(3);
    expect(env.stderr).not.toContain(secret);
  });
});
