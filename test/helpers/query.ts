// A test's look inside its database: the rows of one statement, on a read-only connection opened
// and closed around it. Under `npm run test:pg` better-sqlite3 is database-on-either.ts, so a
// PostgreSQL URL reads the same rows there.

import Database from 'better-sqlite3';

export function query<T>(db: string, sql: string, ...params: unknown[]): T[] {
  const conn = new Database(db, { readonly: true });
  try {
    return conn.prepare(sql).all(...params) as T[];
  } finally {
    conn.close();
  }
}
