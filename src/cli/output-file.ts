// The one way the CLI writes a file (--out, --errors-out): never over the database (or its
// -wal/-shm/-journal) nor over an input of the same command, compared by what the paths
// resolve to (symlinks followed, hard links by device and inode); written 0600 to a temporary
// file in the same folder and renamed into place, so a kill or a full disk leaves the old file
// whole. README "Data safety"; issue #15 item 1.

import { closeSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../core/errors.js';

/** What an output must not replace: the database's files and the command's inputs. */
export interface ProtectedPaths {
  database: string | null;
  inputs: readonly string[];
}

const DB_COMPANIONS = ['', '-wal', '-shm', '-journal'];

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** The path a name resolves to: the real path of the file, else of its folder plus the name. */
function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    try {
      return join(realpathSync(dirname(path)), basename(path));
    } catch {
      return resolve(path);
    }
  }
}

const FOLDS_CASE = process.platform === 'darwin' || process.platform === 'win32';

function sameFile(a: string, aStat: Stats | null, b: string): boolean {
  const bStat = statOrNull(b);
  if (aStat && bStat) return aStat.dev === bStat.dev && aStat.ino === bStat.ino;
  const [x, y] = [canonical(a), canonical(b)];
  return FOLDS_CASE ? x.toLowerCase() === y.toLowerCase() : x === y;
}

/**
 * Refuses (exit 2) an output path that is the database, one of its journals, or an input; and
 * (exit 3) one whose folder does not exist, before the command does any work. SQLite keeps the
 * journals beside the file a symlinked database resolves to: those are compared too.
 */
export function assertSafeOutput(path: string, option: string, guard: ProtectedPaths): void {
  const target = statOrNull(path);
  if (guard.database) {
    const databases = new Set([guard.database, canonical(guard.database)]);
    for (const database of databases) {
      for (const suffix of DB_COMPANIONS) {
        if (sameFile(path, target, database + suffix)) {
          throw new UsageError('out_is_database', { option, file: path, db: guard.database });
        }
      }
    }
  }
  for (const input of guard.inputs) {
    if (sameFile(path, target, input)) throw new UsageError('out_is_input', { option, file: path });
  }
  if (!target) {
    const folder = statOrNull(dirname(path));
    if (!folder || !folder.isDirectory()) throw systemError(folder ? 'ENOTDIR' : 'ENOENT', path);
  }
}

/** An error as the system would give it for `path` (main.ts names it: what and what to do). */
function systemError(code: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${path}`), { code, path, syscall: 'open' });
}

/** An error on the temporary file or its rename names the output the user gave, not the temporary name. */
function namedAs(err: unknown, path: string): unknown {
  const e = err as NodeJS.ErrnoException;
  if (e && typeof e === 'object' && e.code) e.path = path;
  return err;
}

/** What an output file holds: one text or buffer, or text chunks written one by one (a long list streams). */
export type OutputContent = string | Buffer | Iterable<string>;

/**
 * Writes content to path, after assertSafeOutput. A regular file (or a new name) is replaced
 * atomically; a device or pipe (/dev/stdout, a FIFO) is written to directly, never renamed over.
 */
export function writeOutputFile(path: string, content: OutputContent, option: string, guard: ProtectedPaths): void {
  const out = openOutputFile(path, option, guard);
  try {
    writeContent(out.fd, content);
  } catch (err) {
    out.abandon();
    throw namedAfter(err, path);
  }
  out.commit();
}

/**
 * An output file being written (by this thread or another, through `fd`): `commit` puts it in
 * place, `abandon` leaves the old file whole. A regular file (or a new name) is written 0600 to a
 * temporary file beside it, synced and renamed over it; a device or pipe is written directly.
 */
export interface OutputFile {
  fd: number;
  path: string;
  commit(): void;
  abandon(): void;
}

export function openOutputFile(path: string, option: string, guard: ProtectedPaths): OutputFile {
  assertSafeOutput(path, option, guard);
  try {
    return openReplacement(path);
  } catch (err) {
    throw namedAfter(err, path);
  }
}

/** A write on an open file says no path: name the output, for the message (main.ts). */
export function namedAfter(err: unknown, path: string): unknown {
  const e = err as NodeJS.ErrnoException;
  if (e && typeof e === 'object' && e.code && !e.path) e.path = path;
  return err;
}

function openReplacement(path: string): OutputFile {
  let open = true;
  const close = (fd: number) => {
    if (open) closeSync(fd);
    open = false;
  };
  const existing = statOrNull(path);
  if (existing && !existing.isFile()) {
    const fd = openSync(path, 'w');
    return { fd, path, commit: () => close(fd), abandon: () => close(fd) };
  }
  // Through a symlink to the file it names, so the link stays a link.
  const real = canonical(path);
  // A short name of its own: a long output name plus a suffix could pass the file system's limit.
  const temp = join(dirname(real), `.skillsub-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  let fd: number;
  try {
    fd = openSync(temp, 'wx', 0o600);
  } catch (err) {
    throw namedAs(err, path);
  }
  const abandon = () => {
    try {
      close(fd);
    } finally {
      try {
        unlinkSync(temp);
      } catch {
        // already renamed or never made
      }
    }
  };
  return {
    fd,
    path,
    commit: () => {
      try {
        try {
          fsyncSync(fd);
        } finally {
          close(fd);
        }
        renameSync(temp, real);
      } catch (err) {
        abandon();
        throw namedAs(err, path);
      }
    },
    abandon,
  };
}

function writeContent(fd: number, content: OutputContent): void {
  if (typeof content === 'string' || Buffer.isBuffer(content)) writeAll(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
  else for (const chunk of content) writeAll(fd, Buffer.from(chunk, 'utf8'));
}

export function writeAll(fd: number, bytes: Buffer): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
}
