// Opening the PostgreSQL store (SPEC §11): the schema created and migrated on first use, under
// the writers' lock, so that several commands starting together on a new database migrate it
// once. Only a command that brings data creates the schema; any other finds "no database".

import { DataError } from '../../core/errors.js';
import { PgDatabase } from './database.js';
import { PG_MIGRATIONS } from './migrations.js';
import type { PgChannel } from './protocol.js';
import { maskDatabaseUrl, maskUrlsIn } from './url.js';

export function openPostgres(url: string, channel: PgChannel, options: { create?: boolean } = { create: true }): PgDatabase {
  const db = new PgDatabase(channel, maskDatabaseUrl(url));
  try {
    migrate(db, !!options.create);
    return db;
  } catch (err) {
    try {
      db.close();
    } catch {
      // the connection may be what failed
    }
    if (err instanceof DataError) throw err;
    const e = err as { message?: string; code?: string };
    // A server that does not answer, a refused login, a database that does not exist.
    throw new DataError('db_unreadable', { path: db.name, reason: maskUrlsIn(`${e.code ? `${e.code}: ` : ''}${e.message ?? String(err)}`) });
  }
}

function schemaVersion(db: PgDatabase): number | null {
  const exists = db.prepare("SELECT to_regclass('skillsub_schema') IS NOT NULL").pluck().get() as boolean;
  if (!exists) return null;
  return (db.prepare('SELECT max(version) FROM skillsub_schema').pluck().get() as number | null) ?? 0;
}

function migrate(db: PgDatabase, create: boolean): void {
  const known = PG_MIGRATIONS.length;
  const before = schemaVersion(db);
  if (before === known) return;
  if (before === null && !create) throw new DataError('no_database', { path: db.name });
  if (before !== null && before > known) throw new DataError('db_too_new', { version: before, known });
  db.exec('BEGIN IMMEDIATE');
  try {
    db.exec('CREATE TABLE IF NOT EXISTS skillsub_schema (version integer NOT NULL)');
    const current = (db.prepare('SELECT max(version) FROM skillsub_schema').pluck().get() as number | null) ?? 0;
    if (current > known) throw new DataError('db_too_new', { version: current, known });
    for (let v = current; v < known; v++) {
      const migration = PG_MIGRATIONS[v];
      if (typeof migration === 'string') db.exec(migration);
      else migration(db);
    }
    if (current < known) {
      db.exec('DELETE FROM skillsub_schema');
      db.prepare('INSERT INTO skillsub_schema (version) VALUES (?)').run(known);
    }
    db.exec('COMMIT');
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
}
