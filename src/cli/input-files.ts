// The files a command reads, as a user names them (issue #20 item 5): `-` is standard input,
// and a name with wildcards (`*`, `?`, `[…]`) is expanded by skillsub itself, because a Windows
// shell (cmd, PowerShell) passes `exports\*.csv` unexpanded where a Unix shell would have expanded
// it. A name that exists as a file is taken as it is, wildcards or not; a pattern matching no
// file stops the command (exit 3) naming the pattern. Standard input is copied to a private file
// (0600, in a folder of its own, removed when the command ends), so that it is read, hashed and
// recorded like any other input; it is named `stdin` in messages and in the audit log.

import { createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { globSync } from 'tinyglobby';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { DataError, UsageError } from '../core/errors.js';
import type { Context } from './context.js';

export const STDIN = '-';

const WILDCARD = /[*?[]/;
const FOLDS_CASE = process.platform === 'win32' || process.platform === 'darwin';

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The files a pattern names, in code-point order, as absolute paths; wildcards may stand in any
 * segment, and `\` separates segments as `/` does (a Windows path). Matching is tinyglobby's.
 */
export function expandPattern(pattern: string, cwd: string): string[] {
  const segments = pattern.split(/[\\/]+/);
  const firstWild = segments.findIndex((s) => WILDCARD.test(s));
  const folder = resolve(cwd, segments.slice(0, firstWild).join(sep) || (isAbsolute(pattern) ? sep : '.'));
  const rest = segments.slice(firstWild).join('/');
  return globSync(rest, { cwd: folder, absolute: true, onlyFiles: true, dot: false, expandDirectories: false, caseSensitiveMatch: !FOLDS_CASE })
    .map((p) => resolve(p))
    .sort(byCodePoint);
}

/** What the command reads, and how to clean up after it (the copy of standard input). */
export interface InputFiles {
  paths: string[];
  /** The copy of standard input, and `-` as where it came from (for the audit log). */
  origins: Map<string, string>;
  cleanup(): void;
}

/**
 * The command's inputs as paths: `-` read from standard input into a private file, patterns
 * expanded, other names resolved against the working folder and kept as given.
 */
export async function inputFiles(ctx: Context, names: readonly string[], use: { option: string; example: string }): Promise<InputFiles> {
  let folder: string | null = null;
  const cleanup = () => {
    if (folder) rmSync(folder, { recursive: true, force: true });
    folder = null;
  };
  const paths: string[] = [];
  const origins = new Map<string, string>();
  try {
    if (names.filter((n) => n === STDIN).length > 1) throw new UsageError('stdin_twice', { option: use.option });
    for (const name of names) {
      if (name === STDIN) {
        folder = mkdtempSync(join(tmpdir(), 'skillsub-stdin-'));
        const copy = await copyStdin(ctx, join(folder, 'stdin'), use);
        paths.push(copy);
        origins.set(copy, STDIN);
      } else if (WILDCARD.test(name) && !existsSync(resolve(ctx.io.cwd, name))) {
        const found = expandPattern(name, ctx.io.cwd);
        if (found.length === 0) throw new DataError('no_file_matches', { pattern: name, folder: dirname(name) || '.' });
        paths.push(...found.map((f) => resolve(ctx.io.cwd, f)));
      } else {
        paths.push(resolve(ctx.io.cwd, name));
      }
    }
  } catch (err) {
    cleanup();
    throw err;
  }
  return { paths, origins, cleanup };
}

async function copyStdin(ctx: Context, path: string, use: { option: string; example: string }): Promise<string> {
  const stdin = ctx.io.stdin;
  if (!stdin || stdin.isTTY) throw new UsageError('stdin_is_terminal', { ...use, command: ctx.command });
  await pipeline(Readable.from(stdin), createWriteStream(path, { mode: 0o600, flags: 'wx' }));
  return path;
}

/** One input file (`flags resolve --from`, `policy check FILE`): `-` or a pattern naming exactly one file; its copy removed after `action`. */
export async function withInputFile<T>(ctx: Context, name: string, use: { option: string; example: string }, action: (path: string) => Promise<T> | T): Promise<T> {
  const input = await inputFiles(ctx, [name], use);
  try {
    if (input.paths.length !== 1) throw new UsageError('one_input_file', { option: use.option, pattern: name, found: input.paths.length, command: ctx.command });
    return await action(input.paths[0]);
  } finally {
    input.cleanup();
  }
}
