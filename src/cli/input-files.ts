// The files a command reads, as a user names them (issue #20 item 5): `-` is standard input,
// and a name with wildcards (`*`, `?`, `[…]`) is expanded by skillsub itself, because a Windows
// shell (cmd, PowerShell) passes `exports\*.csv` unexpanded where a Unix shell would have expanded
// it. A name that exists as a file is taken as it is, wildcards or not; a pattern matching no
// file stops the command (exit 3) naming the pattern. Standard input is copied to a private file
// (0600, in a folder of its own, removed when the command ends), so that it is read, hashed and
// recorded like any other input; it is named `stdin` in messages and in the audit log.

import { createWriteStream, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { DataError, UsageError } from '../core/errors.js';
import type { Context } from './context.js';

export const STDIN = '-';

const WILDCARD = /[*?[]/;
const FOLDS_CASE = process.platform === 'win32' || process.platform === 'darwin';

/** One segment of a pattern as a regular expression: `*` any run, `?` one character, `[…]` a class; a leading dot matched only by a dot. */
function segmentPattern(segment: string): RegExp {
  let source = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '*') source += '[^/\\\\]*';
    else if (c === '?') source += '[^/\\\\]';
    else if (c === '[') {
      const end = segment.indexOf(']', i + 2);
      if (end < 0) source += '\\[';
      else {
        const body = segment.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
        source += `[${body}]`;
        i = end;
      }
    } else source += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, FOLDS_CASE ? 'iu' : 'u');
}

const isDirectory = (path: string) => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/** The files a pattern names, in code-point order; wildcards may stand in any segment. */
export function expandPattern(pattern: string, cwd: string): string[] {
  const absolute = isAbsolute(pattern);
  const segments = pattern.split(/[\\/]+/).filter((s, i) => s !== '' || i === 0);
  let bases = [absolute ? (segments[0] === '' ? sep : `${segments[0]}${sep}`) : ''];
  const rest = absolute ? segments.slice(1) : segments;
  rest.forEach((segment, k) => {
    const last = k === rest.length - 1;
    const next: string[] = [];
    for (const base of bases) {
      const folder = resolve(cwd, base || '.');
      if (!WILDCARD.test(segment)) {
        next.push(join(base, segment));
        continue;
      }
      const re = segmentPattern(segment);
      let names: string[];
      try {
        names = readdirSync(folder);
      } catch {
        continue;
      }
      for (const name of names) {
        if (name.startsWith('.') && !segment.startsWith('.')) continue;
        if (re.test(name)) next.push(join(base, name));
      }
    }
    bases = last ? next : next.filter((b) => isDirectory(resolve(cwd, b)));
  });
  return bases.filter((b) => !isDirectory(resolve(cwd, b))).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
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
