// The ids of a batch's roster parts on PostgreSQL (store/imports.ts PartIds): found and stored
// with two statements for the whole batch, where SQLite asks part by part (a question costs a
// round trip to the server here, and realistic exports have a new part on nearly every row).
// New parts are numbered in the order the parser first met them, as on SQLite.

import type { Db } from '../connection.js';
import type { PgDatabase } from './database.js';

export function partIdsAtOnce(db: Db, table: string, texts: readonly string[]): number[] {
  // Parts are neither read nor checked by the rows of the batches before (PgDatabase.lookAhead).
  return (db as PgDatabase).lookAhead(() => findOrStore(db, table, texts));
}

function findOrStore(db: Db, table: string, texts: readonly string[]): number[] {
  const ids = new Map<string, number>();
  const distinct = [...new Set(texts)];
  for (const [part, id] of db.prepare(`SELECT part, min(id) FROM ${table} WHERE part = ANY(?::text[]) GROUP BY part`).raw(true).all([distinct]) as [string, number][]) {
    ids.set(part, id);
  }
  const missing = distinct.filter((t) => !ids.has(t));
  if (missing.length > 0) {
    const stored = db.prepare(
      `INSERT INTO ${table} (part) SELECT p FROM unnest(?::text[]) WITH ORDINALITY AS u (p, k) ORDER BY k RETURNING part, id`,
    ).raw(true).all([missing]) as [string, number][];
    for (const [part, id] of stored) ids.set(part, id);
  }
  return texts.map((t) => ids.get(t)!);
}
