// What every command gets: where to write, the language, colours, and the database.
// Only cli/ knows the process; tests pass their own Io to run the real CLI in-process.

import { Chalk, type ChalkInstance } from 'chalk';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { isPostgresUrl, maskUrlsIn, openDatabase, type Db } from '../app/database.js';
import type { AuditContext } from '../app/audit.js';
import { message, type Lang } from './messages.js';
import { UsageError, type MessageParams } from '../core/errors.js';
import { messageSafe, terminalSafe } from './render/terminal-text.js';
import { assertSafeOutput, openOutputFile, writeOutputFile, type OutputContent, type OutputFile, type ProtectedPaths } from './output-file.js';

export interface Io {
  /** Text, or a workbook's bytes when `--out -` sends one down a pipe. */
  stdout: { write(data: string | Uint8Array): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  /** What `-` reads as an input file. */
  stdin?: AsyncIterable<Uint8Array | string> & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function processIo(): Io {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() };
}

/** `--out -` and `--errors-out -`: standard output. */
export const STDOUT = '-';

export interface GlobalOptions {
  db?: string;
  lang?: Lang;
  color: boolean;
  quiet?: boolean;
  debug?: boolean;
}

export const TOOL_VERSION = '0.1.0';

export class Context {
  readonly lang: Lang;
  readonly chalk: ChalkInstance;
  readonly quiet: boolean;
  readonly debug: boolean;
  readonly dbPath: string;
  private db: Db | null = null;
  /** The files this command reads: no output may replace them. */
  private readonly inputs: string[] = [];

  /** The command being run (`flags resolve`), for messages that point to its help. */
  readonly command: string;

  /** Where the command writes; on a terminal, standard output shows control characters escaped, whatever the format. */
  readonly io: Io;

  constructor(io: Io, options: GlobalOptions, lang: Lang, readonly argv: string[], command = '') {
    this.io = io.stdout.isTTY ? { ...io, stdout: terminalStdout(io.stdout) } : io;
    this.command = command;
    this.lang = lang;
    this.quiet = !!options.quiet;
    this.debug = !!options.debug;
    const colour = options.color && !io.env.NO_COLOR && !!io.stderr.isTTY;
    this.chalk = new Chalk({ level: colour ? 1 : 0 });
    const db = options.db ?? io.env.SKILLSUB_DB ?? 'skillsub.db';
    this.dbPath = isPostgresUrl(db) ? db : resolve(io.cwd, db);
  }

  /** Long work shows a progress bar only when both streams are terminals and not --quiet. */
  get showProgress(): boolean {
    return !this.quiet && !!this.io.stdout.isTTY && !!this.io.stderr.isTTY;
  }

  /**
   * The database, opened (and migrated) on first use. Only a command that brings data (import)
   * creates the file; any other says there is none (exit 3) rather than make an empty one.
   */
  database(options: { create?: boolean } = {}): Db {
    this.db ??= openDatabase(this.dbPath, { create: !!options.create });
    return this.db;
  }

  /** Declares the command's input files, which its outputs must never replace. */
  protectInputs(paths: readonly string[]): void {
    this.inputs.push(...paths.map((p) => resolve(this.io.cwd, p)));
  }

  private guard(): ProtectedPaths {
    return { database: this.dbPath, inputs: this.inputs };
  }

  /** Refuses (exit 2) an output file that is the database or an input; call before any work. */
  checkOutput(file: string, option = '--out'): void {
    if (file === STDOUT) return;
    assertSafeOutput(resolve(this.io.cwd, file), option, this.guard());
  }

  /** Every output file goes through here: checked, written 0600 beside it, renamed into place. */
  writeFile(file: string, content: OutputContent, option = '--out'): void {
    if (file === STDOUT) return this.writeStdout(content);
    writeOutputFile(resolve(this.io.cwd, file), content, option, this.guard());
  }

  /** An output file written a part at a time, by this thread or a worker (a file, never `-`): checked, opened 0600 beside it; its commit renames it into place. */
  openFile(file: string, option = '--out'): OutputFile {
    return openOutputFile(resolve(this.io.cwd, file), option, this.guard());
  }

  /** An output named `-`: text as it is; a workbook's bytes only down a pipe or into a file, never onto a terminal. */
  private writeStdout(content: OutputContent): void {
    if (Buffer.isBuffer(content)) {
      if (this.io.stdout.isTTY) throw new UsageError('xlsx_needs_out', { command: this.command });
      this.io.stdout.write(content);
    } else if (typeof content === 'string') this.io.stdout.write(content);
    else for (const chunk of content) this.io.stdout.write(chunk);
  }

  close(): void {
    this.db?.close();
    this.db = null;
  }

  audit(): AuditContext {
    let osUser = 'unknown';
    try {
      osUser = userInfo().username;
    } catch {
      osUser = this.io.env.USER ?? 'unknown';
    }
    return {
      osUser,
      toolVersion: TOOL_VERSION,
      // A database URL's password is never stored (SPEC §11).
      commandLine: maskUrlsIn(['skillsub', ...this.argv].join(' ')),
      now: () => new Date().toISOString(),
    };
  }

  t(key: string, params: MessageParams = {}): string {
    return message(this.lang, key, params);
  }

  /** Human-readable text on stdout: control characters shown escaped (data formats go through writeOutput). */
  out(text: string): void {
    const safe = terminalSafe(text);
    this.io.stdout.write(safe.endsWith('\n') ? safe : `${safe}\n`);
  }

  /** Progress, summaries and warnings go to stderr; --quiet silences them. IDs masked, controls escaped. */
  info(text: string): void {
    if (!this.quiet) this.io.stderr.write(`${messageSafe(text)}\n`);
  }

  warn(text: string): void {
    this.io.stderr.write(`${this.chalk.yellow(this.lang === 'zh' ? '警告' : 'warning')}: ${messageSafe(text)}\n`);
  }

  error(text: string): void {
    this.io.stderr.write(`${this.chalk.red(this.lang === 'zh' ? '错误' : 'error')}: ${messageSafe(text)}\n`);
  }

  /** One line of a message on stderr that is not a warning or an error (a row error). */
  say(text: string): void {
    this.io.stderr.write(`${messageSafe(text)}\n`);
  }
}

/**
 * Standard output when it is a terminal: text in any format (a CSV, JSON or Markdown asked for
 * with --format) goes through terminalSafe, its CRLF line ends kept as line ends; issue #15 item 7.
 */
function terminalStdout(stdout: Io['stdout']): Io['stdout'] {
  const stream = stdout as Io['stdout'] & { once?: (event: string, listener: () => void) => unknown };
  return {
    isTTY: true,
    // A CSV's byte-order mark is for Excel; a terminal shows nothing for it.
    write: (data: string | Uint8Array) => stdout.write(typeof data === 'string' ? terminalSafe(data.replace(/^\ufeff/, '').replace(/\r\n/g, '\n')) : data),
    ...(stream.once ? { once: (event: string, listener: () => void) => stream.once!(event, listener) } : {}),
  };
}

/** How a command hands its work to main(): the action gets the Context and returns the exit code. */
export type Runner = (action: (ctx: Context) => Promise<number>) => Promise<void>;
