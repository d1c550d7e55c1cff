// Opening the SQLite store: created 0600 (it holds personal data), WAL with synchronous=NORMAL
// so a power cut cannot cost committed imports, foreign keys on, a generous busy timeout so
// a second caseworker's command waits instead of failing, and the schema migrated.

import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, openSync, statSync } from 'node:fs';
import { MIGRATIONS } from './migrations.js';
import { DataError, environmentError } from '../core/errors.js';
import type { Db } from './connection.js';

export type { Db } from './connection.js';
type SqliteDb = Database.Database;

const BUSY_TIMEOUT_MS = 10 * 60 * 1000;

/** create: make the file when there is none (import); otherwise a missing file is an error. */
export function openDatabase(path: string, options: { create?: boolean } = { create: true }): Db {
  if (!existsSync(path)) {
    if (!options.create) throw new DataError('no_database', { path });
    closeSync(openSync(path, 'a', 0o600));
  }
  const st = statSync(path);
  if (st.isDirectory()) throw new DataError('db_is_directory', { path });
  if (!st.isFile()) throw new DataError('db_not_a_file', { path });
  // An empty file (touched, or left by a copy that failed) holds no database either: a read does not make one.
  if (!options.create && st.size === 0 && sizeOrZero(`${path}-wal`) === 0) throw new DataError('no_database', { path });
  if (st.mode & 0o077) {
    try {
      // Only taken away: group and others lose access; an owner's read-only file stays read-only.
      chmodSync(path, st.mode & 0o600);
    } catch {
      // Not the owner (a shared database): its mode is the owner's business.
    }
  }
  const db = untilNotBusy(() => openAndMigrate(path));
  for (const suffix of ['-wal', '-shm']) {
    try {
      chmodSync(path + suffix, 0o600);
    } catch {
      // created lazily by SQLite; absent is fine
    }
  }
  return db;
}

function sizeOrZero(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function openAndMigrate(path: string): SqliteDb {
  let db: SqliteDb;
  try {
    db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
    db.pragma('journal_mode = WAL');
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) throw err;
    if (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT')) throw new DataError('db_corrupt', { path, code });
    // A file or folder that may not be written (SQLite puts its -wal and -shm files beside the
    // database), a full disk: said as such, with what to do, not as a file that is no database.
    if (typeof code === 'string' && /^SQLITE_(READONLY|CANTOPEN|PERM|FULL|IOERR)/.test(code)) throw environmentError(err, path) ?? err;
    throw new DataError('db_unreadable', { path, reason: (err as Error).message });
  }
  try {
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // A page cache of up to 32 MB (SQLite's default is 2 MB): writing a batch or a run adds rows to
    // indexes in an order of their own (claim ids, ID numbers), which a small cache turns into
    // rereading the same pages from disk again and again.
    db.pragma('cache_size = -32768');
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * SQLite does not call its busy handler where waiting could deadlock: two commands turning a new
 * file to WAL at once, or one upgrading its read lock while another writes. Such an answer means
 * "try again", not "broken", so opening is tried again, with a little randomness so that two
 * waiting commands do not keep colliding, until the same timeout a locked write would wait.
 */
function untilNotBusy<T>(attempt: () => T): T {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let tries = 1; ; tries++) {
    try {
      return attempt();
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      const busy = typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
      if (!busy || Date.now() >= deadline) throw err;
      Atomics.wait(pause, 0, 0, Math.min(1000, 20 * tries) * (0.5 + Math.random()));
    }
  }
}

/**
 * A second, read-only connection to a database file another connection of this command has opened
 * (and migrated): a worker thread reads on it what the command reads, on the second core.
 */
export function openReadOnly(path: string): Db {
  return new Database(path, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
}

/** A fresh database in memory, for a dry run when there is no database file yet: nothing is written. */
export function openScratchDatabase(): Db {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

function schemaVersion(db: SqliteDb): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new DataError('db_too_new', { version: current, known: MIGRATIONS.length });
  }
  return current;
}

/**
 * Brings the schema up to date in one transaction. Two commands opening a new file at once
 * both see version 0: the write lock is taken first and the version read again inside it, so
 * the second finds the work done. Foreign keys are not enforced while migrating (a migration may
 * make a referenced table again, SQLite's way to change a constraint) and are checked whole
 * before the commit.
 */
function migrate(db: SqliteDb): void {
  if (schemaVersion(db) === MIGRATIONS.length) return;
  db.pragma('foreign_keys = OFF');
  db.exec('BEGIN IMMEDIATE');
  try {
    for (let v = schemaVersion(db); v < MIGRATIONS.length; v++) {
      const migration = MIGRATIONS[v];
      if (typeof migration === 'string') db.exec(migration);
      else migration(db);
      db.pragma(`user_version = ${v + 1}`);
    }
    const broken = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
    if (broken.length > 0) throw new Error(`migration left ${broken.length} row(s) without their ${broken[0].parent} (${broken[0].table} row ${broken[0].rowid})`);
    db.exec('COMMIT');
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  } finally {
    db.pragma('foreign_keys = ON');
  }
}
