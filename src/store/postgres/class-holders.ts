// The classes a roster batch brings, on PostgreSQL (store/classes.ts ClassOwnership): their
// holders found, and the classes nobody held taken, with one statement each for the whole batch,
// where SQLite asks class by class (a question costs a round trip to the server here, and a
// realistic export brings a new class every few dozen rows).

import type { Db } from '../connection.js';
import type { PgDatabase } from './database.js';
import type { ClassHolder } from '../classes.js';

/** The holders of the classes among `classIds` that the database holds. */
export function classHoldersAtOnce(db: Db, classIds: readonly string[]): Map<string, ClassHolder> {
  const holders = new Map<string, ClassHolder>();
  // The rows of the batches before hold classes already held: they change no holder (PgDatabase.lookAhead).
  const found = (db as PgDatabase).lookAhead(() => db.prepare(
    `SELECT c.class_id, c.institution_code, c.institution_name, f.name
       FROM classes c JOIN imported_files f ON f.id = c.file_id WHERE c.class_id = ANY(?::text[])`,
  ).raw(true).all([classIds])) as [string, string, string, string][];
  for (const [classId, code, name, file] of found) holders.set(classId, { code, name, file });
  return holders;
}

/** Classes taken by a file's institution: [class_id, institution_code, institution_name] each. */
export function takeClassesAtOnce(db: Db, fileId: number, taken: readonly (readonly [string, string, string])[]): void {
  if (taken.length === 0) return;
  // A class taken is one no row before held, so those rows are not checked against it (PgDatabase.lookAhead).
  (db as PgDatabase).lookAhead(() => db.prepare(
    `INSERT INTO classes (class_id, institution_code, institution_name, file_id)
       SELECT c, i, n, ? FROM unnest(?::text[], ?::text[], ?::text[]) WITH ORDINALITY AS u (c, i, n, k) ORDER BY k`,
  ).run(fileId, taken.map((t) => t[0]), taken.map((t) => t[1]), taken.map((t) => t[2])));
}
