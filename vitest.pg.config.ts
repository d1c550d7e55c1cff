// The CLI tests on PostgreSQL (`npm run test:pg`, SPEC §11): the same test files, each test on a
// fresh database of the server SKILLSUB_TEST_PG names (test/helpers/cli.ts). A test that opens its
// database itself gets a PostgreSQL connection in better-sqlite3's place (helpers/database-on-either.ts);
// the tests that look at SQLite's own machinery are left out by name (helpers/sqlite-only.ts).

import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import { notSqliteOnly } from './test/helpers/sqlite-only.js';

export default defineConfig({
  resolve: {
    alias: { 'better-sqlite3': fileURLToPath(new URL('./test/helpers/database-on-either.ts', import.meta.url)) },
  },
  test: {
    include: ['test/cli/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['test/helpers/temp-root.ts'],
    testNamePattern: notSqliteOnly(),
  },
});
