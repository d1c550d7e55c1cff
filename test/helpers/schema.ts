// Turning a test database back into an older schema: what later migrations added (tables,
// triggers, indexes) is dropped first, so that a test's own downgrade steps meet the schema
// that version really had.

import Database from 'better-sqlite3';
// @ts-expect-error the built JavaScript has no type declarations
import { MIGRATIONS } from '../../dist/store/migrations.js';

type Migration = string | ((db: Database.Database) => void);

/** Drops the tables, triggers and indexes that a new database at `version` would not have (they must hold no row another table refers to). */
export function dropSchemaAfter(conn: Database.Database, version: number): void {
  const fresh = new Database(':memory:');
  for (const m of (MIGRATIONS as Migration[]).slice(0, version)) {
    if (typeof m === 'string') fresh.exec(m);
    else m(fresh);
  }
  const names = (db: Database.Database, type: string) => new Set(db.prepare('SELECT name FROM sqlite_master WHERE type = ?').pluck().all(type) as string[]);
  for (const type of ['trigger', 'index', 'table']) {
    const keep = names(fresh, type);
    for (const name of names(conn, type)) {
      if (!keep.has(name) && !name.startsWith('sqlite_')) conn.exec(`DROP ${type.toUpperCase()} IF EXISTS "${name}"`);
    }
  }
  fresh.close();
}

/** The schema version a database has once every migration is applied. */
export const SCHEMA_VERSION: number = (MIGRATIONS as Migration[]).length;
