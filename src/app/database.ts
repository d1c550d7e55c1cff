// The database a command works on: a SQLite file (store/database.ts: mode 0600, migrated on
// opening), or, for a postgres:// URL, a PostgreSQL database (SPEC §11, store/postgres/).

import { openDatabase as openSqlite, type Db } from '../store/database.js';
import { dialectOf } from '../store/connection.js';
import { openPostgres } from '../store/postgres/open.js';
import { isPostgresUrl } from '../store/postgres/url.js';
import { postgresChannel } from '../engine/postgres-channel.js';

export { openScratchDatabase, openReadOnly, type Db } from '../store/database.js';
export { isPostgresUrl, maskDatabaseUrl, maskUrlsIn } from '../store/postgres/url.js';

/** create: make the database when there is none (import); otherwise a missing one is an error. */
export function openDatabase(path: string, options: { create?: boolean } = { create: true }): Db {
  return isPostgresUrl(path) ? openPostgres(path, postgresChannel(path), options) : openSqlite(path, options);
}

/** The file a second connection (a worker's) can open to read what `db` holds, or null: in memory, PostgreSQL. */
export function fileForSecondConnection(db: Db): string | null {
  return db.memory || dialectOf(db) === 'postgres' ? null : db.name;
}
