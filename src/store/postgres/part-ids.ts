// The ids of a batch's roster parts on PostgreSQL (store/imports.ts PartIds): found and stored
// with one statement for the whole batch, where SQLite asks part by part (a question costs a
// round trip to the server here, and realistic exports have a new part on nearly every row).
// New parts are numbered in the order the parser first met them, as on SQLite.

import type { Db } from '../connection.js';
import type { PgDatabase } from './database.js';

export function partIdsAtOnce(db: Db, table: string, texts: readonly string[]): number[] {
  // Parts are neither read nor checked by the rows of the batches before (PgDatabase.lookAhead).
  return (db as PgDatabase).lookAhead(() => findOrStore(db, table, texts));
}

/**
 * Each distinct text's id, in the order given: the oldest stored, else a new one stored in that
 * order. The texts are the statement's one parameter ($1, looked up through the index as an array).
 */
function findOrStore(db: Db, table: string, texts: readonly string[]): number[] {
  const distinct = [...new Set(texts)];
  const ids = db.prepare(
    `WITH given AS (SELECT p, k FROM unnest(?::text[]) WITH ORDINALITY AS u (p, k)),
          found AS (SELECT part, min(id) AS id FROM ${table} WHERE part = ANY($1::text[]) GROUP BY part),
          stored AS (INSERT INTO ${table} (part)
                       SELECT p FROM given WHERE p NOT IN (SELECT part FROM found) ORDER BY k RETURNING part, id)
     SELECT coalesce(f.id, s.id) FROM given g LEFT JOIN found f ON f.part = g.p LEFT JOIN stored s ON s.part = g.p ORDER BY g.k`,
  ).pluck().all([distinct]) as number[];
  const idOf = new Map<string, number>();
  for (let k = 0; k < distinct.length; k++) idOf.set(distinct[k], ids[k]);
  return texts.map((t) => idOf.get(t)!);
}
