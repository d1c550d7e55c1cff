// Runs the real, built CLI (dist/) in-process against a temporary database, capturing
// stdout and stderr the way a caseworker's terminal would see them (not a TTY). The database is
// a SQLite file, or, when SKILLSUB_TEST_PG names a PostgreSQL server (a URL, or `env` for the
// server the PG* variables name, as pg_virtualenv sets them), a fresh database on that server:
// `npm run test:pg` runs the same tests on PostgreSQL (SPEC §11).

import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
// @ts-expect-error the built JavaScript has no type declarations
import { main } from '../../dist/cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function tempDir(prefix = 'skillsub-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; stdin?: string | Buffer; stdinIsTTY?: boolean; stdoutIsTTY?: boolean } = {}): Promise<CliResult & { stdoutBytes: Buffer }> {
  let stdout = '';
  let stderr = '';
  const bytes: Buffer[] = [];
  // Standard input as a pipe would give it: the bytes, in chunks; absent, as a terminal gives none.
  const stdin = Object.assign(Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]), { isTTY: options.stdinIsTTY ?? options.stdin === undefined });
  const io = {
    stdout: {
      write: (s: string | Uint8Array) => {
        bytes.push(Buffer.from(s));
        return (stdout += typeof s === 'string' ? s : Buffer.from(s).toString('utf8'));
      },
      isTTY: options.stdoutIsTTY ?? false,
    },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    stdin,
    env: { LANG: 'en_US.UTF-8', ...options.env },
    cwd: options.cwd ?? process.cwd(),
  };
  const code = (await main(args, io)) as number;
  return { code, stdout, stderr, stdoutBytes: Buffer.concat(bytes) };
}

/** The PostgreSQL server the tests use, or null for SQLite. */
export const TEST_PG_SERVER: string | null = (() => {
  const given = process.env.SKILLSUB_TEST_PG;
  if (!given) return null;
  if (given !== 'env') return given;
  const env = process.env;
  const user = encodeURIComponent(env.PGUSER ?? 'postgres');
  const password = env.PGPASSWORD ? `:${encodeURIComponent(env.PGPASSWORD)}` : '';
  return `postgres://${user}${password}@${env.PGHOST ?? 'localhost'}:${env.PGPORT ?? '5432'}/${env.PGDATABASE ?? 'postgres'}`;
})();

/** Which engine the CLI tests run on. */
export const ENGINE: 'sqlite' | 'postgres' = TEST_PG_SERVER ? 'postgres' : 'sqlite';

/** A fresh, empty PostgreSQL database on the test server; its URL. */
export function freshPgDatabase(server = TEST_PG_SERVER!): string {
  const name = `skillsub_t_${randomBytes(6).toString('hex')}`;
  execFileSync('psql', [server, '-qX', '-v', 'ON_ERROR_STOP=1', '-c', `CREATE DATABASE ${name}`], { stdio: ['ignore', 'ignore', 'inherit'] });
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A test database in its own folder (on PostgreSQL: a fresh database), and a CLI bound to it. */
export function workspace() {
  const dir = tempDir();
  const db = TEST_PG_SERVER ? freshPgDatabase() : join(dir, 'test.db');
  return {
    dir,
    db,
    run: (...args: string[]) => runCli(['--db', db, ...args], { cwd: dir }),
    runEnv: (env: NodeJS.ProcessEnv, ...args: string[]) => runCli(['--db', db, ...args], { cwd: dir, env }),
    /** The CLI with `input` piped to its standard input. */
    runStdin: (input: string | Buffer, ...args: string[]) => runCli(['--db', db, ...args], { cwd: dir, stdin: input }),
    /** The CLI with standard output a terminal (what it prints is what a caseworker's screen gets). */
    runOnTerminal: (...args: string[]) => runCli(['--db', db, ...args], { cwd: dir, stdoutIsTTY: true }),
    file(name: string, text: string, encoding: 'utf8' | 'utf8bom' | 'gb18030' | 'utf16le' = 'utf8'): string {
      const path = join(dir, name);
      let bytes: Buffer;
      if (encoding === 'gb18030') bytes = iconv.encode(text, 'gb18030');
      else if (encoding === 'utf16le') bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      else bytes = Buffer.from((encoding === 'utf8bom' ? '\ufeff' : '') + text, 'utf8');
      writeFileSync(path, bytes);
      return path;
    },
  };
}

/** CSV text from rows of cells (quoted where needed), CRLF line ends. */
export function csv(rows: (string | number)[][], delimiter = ','): string {
  return (
    rows
      .map((r) => r.map((c) => {
        const s = String(c);
        return s.includes(delimiter) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
      }).join(delimiter))
      .join('\r\n') + '\r\n'
  );
}

const SAMPLE_DIR = join(import.meta.dirname, '..', '..', 'samples');

/** Imports the bundled sample exports (catalogue, every roster, the certificates) as the demo does. */
export async function importSamples(w: ReturnType<typeof workspace>): Promise<void> {
  await w.run('import', 'institutions', join(SAMPLE_DIR, 'institutions.csv'));
  await w.run('import', 'roster', ...readdirSync(SAMPLE_DIR).filter((f) => f.startsWith('roster-')).sort().map((f) => join(SAMPLE_DIR, f)));
  await w.run('import', 'certificates', join(SAMPLE_DIR, 'certificates.csv'));
}
