// The CLI tests that stay on SQLite when the suite runs on PostgreSQL (vitest.pg.config.ts), each
// with the reason: they look at SQLite's own machinery (the file, its journals and mode, pragmas,
// sqlite_master, its triggers by name, older schema versions of the file), which PostgreSQL has
// in its own form. The PostgreSQL forms of the important promises have tests of their own
// (engines.test.ts, concurrency-pg.test.ts, postgres.test.ts).

export const SQLITE_ONLY: Record<string, string> = {
  'gives identical runs twice and on a copy of the database': 'copies the file with SQLite\'s backup API',
  'gives a database from before roster parts (schema 2) its parts on opening': 'an older SQLite schema, migrated on opening',
  'moves the runs of a database from before shared outcomes (schema 3) over unchanged on opening': 'an older SQLite schema',
  'gives a database made before the key its key': 'an older SQLite schema',
  'migrates a database made before lists': 'an older SQLite schema',
  'refuses a roster row whose claim_id is not its class_id/id_number': 'drops a SQLite trigger by name to damage the file',
  'refuses to change or delete a stored decision, its shared outcome or the view': 'SQLite\'s words for a view that cannot be changed (postgres.test.ts refuses the same on PostgreSQL)',
  'reads the same certificates on the second core as on its own connection': 'the second SQLite connection in a worker; PostgreSQL reads in one snapshot',
  'refuses --out naming the database, its journals': 'the database file and its journals',
  'says a read-only database cannot be written': 'file permissions of the database file',
  'says a database in a read-only folder cannot be written': 'file permissions of the database file and its folder',
  'stops an import that hits a file-size limit': 'the file-size limit of the SQLite file',
  'tells a damaged database to be restored from a backup': 'damages SQLite pages on disk',
  'tells a check whose certificates (read on the second core) are damaged': 'damages SQLite pages on disk',
  'refuses --out onto the journals beside the file a symlinked --db resolves to': 'the database file and its journals',
  'reports an invalid byte in a GB18030 file as R_ENCODING': 'asks with SQLite\'s instr() and char()',
  'ends every mutated export in exit 0 or 3': 'checks SQLite\'s integrity pragma after each export',
  'stores values that look like SQL exactly, and runs every command unharmed': 'lists SQLite\'s tables in sqlite_master',
  'creates the database with mode 0600': 'the mode of the database file',
  'says there is no database for a read command on a path without one': 'a path with no file (postgres.test.ts: a PostgreSQL database without the schema)',
  'keeps batches immutable: updates, deletes, replaces and lines added': 'INSERT OR REPLACE is SQLite\'s (postgres.test.ts refuses the same changes on PostgreSQL)',
};

/** A test-name pattern that matches every test but those above. */
export function notSqliteOnly(): RegExp {
  const names = Object.keys(SQLITE_ONLY).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return names.length === 0 ? /.*/ : new RegExp(`^(?!.*(?:${names.join('|')})).*$`);
}
