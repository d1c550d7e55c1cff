// SPEC §1 exit codes: a usage error exits 2, a data error that stops the command exits 3.
// Errors carry a stable message key and the values to show; the CLI words them in zh or en.

export type MessageParams = Record<string, string | number>;

export class SkillsubError extends Error {
  constructor(
    readonly key: string,
    readonly params: MessageParams,
    readonly exitCode: 2 | 3,
  ) {
    super(`${key} ${JSON.stringify(params)}`);
  }
}

export class UsageError extends SkillsubError {
  constructor(key: string, params: MessageParams = {}) {
    super(key, params, 2);
    this.name = 'UsageError';
  }
}

export class DataError extends SkillsubError {
  constructor(key: string, params: MessageParams = {}) {
    super(key, params, 3);
    this.name = 'DataError';
  }
}

/**
 * Failures of the machine rather than of the data or the code (issue #15 item 9): a file that
 * may not be read, a full disk, a read-only folder, a damaged database. One table from the
 * operating system's and SQLite's codes to a message key; the message says what and what to do.
 */
const ENVIRONMENT_KEYS: Record<string, string> = {
  EACCES: 'env_permission', EPERM: 'env_permission',
  ENOENT: 'env_missing', ENOTDIR: 'env_missing',
  ENOSPC: 'env_disk_full', EDQUOT: 'env_disk_full', SQLITE_FULL: 'env_disk_full',
  EROFS: 'env_read_only',
  EFBIG: 'env_file_too_big', SQLITE_TOOBIG: 'env_file_too_big',
  ENAMETOOLONG: 'env_path_too_long',
  EISDIR: 'env_is_directory',
  EMFILE: 'env_too_many_files', ENFILE: 'env_too_many_files',
  EIO: 'env_io', ENXIO: 'env_io',
  SQLITE_CORRUPT: 'db_corrupt', SQLITE_NOTADB: 'db_corrupt',
  SQLITE_READONLY: 'db_read_only', SQLITE_CANTOPEN: 'db_cannot_open', SQLITE_PERM: 'db_read_only',
  SQLITE_BUSY: 'db_busy', SQLITE_LOCKED: 'db_busy',
  SQLITE_IOERR: 'db_io',
};

/** A DataError (exit 3) for an operating-system or SQLite failure, else null. `where` names the database, for SQLite's errors. */
export function environmentError(err: unknown, where: string): DataError | null {
  const e = err as { code?: unknown; path?: unknown; dest?: unknown } | null;
  if (!e || typeof e.code !== 'string') return null;
  const code = e.code;
  // SQLite's extended codes (SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED, SQLITE_CORRUPT_INDEX) go by their family.
  const family = code.startsWith('SQLITE_') ? code.split('_').slice(0, 2).join('_') : code;
  const key = ENVIRONMENT_KEYS[code] ?? ENVIRONMENT_KEYS[family] ?? (/^E[A-Z0-9]+$/.test(code) && 'syscall' in e ? 'env_other' : null);
  if (!key) return null;
  const path = typeof e.path === 'string' ? e.path : code.startsWith('SQLITE_') ? where : '?';
  return new DataError(key, { path, code });
}
