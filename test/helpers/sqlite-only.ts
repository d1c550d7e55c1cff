// The CLI tests that stay on SQLite when the suite runs on PostgreSQL (vitest.pg.config.ts), each
// with the reason: they look at SQLite's own machinery (the file, its journals and mode, pragmas,
// sqlite_master, its triggers by name, older schema versions of the file), which PostgreSQL has
// in its own form. The PostgreSQL forms of the important promises have tests of their own
// (engines.test.ts, concurrency-pg.test.ts, postgres.test.ts).

export const SQLITE_ONLY: Record<string, string> = {
};

/** A test-name pattern that matches every test but those above. */
export function notSqliteOnly(): RegExp {
  const names = Object.keys(SQLITE_ONLY).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return names.length === 0 ? /.*/ : new RegExp(`^(?!.*(?:${names.join('|')})).*$`);
}
