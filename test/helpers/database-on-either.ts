// `npm run test:pg` puts this module in the place of better-sqlite3 (vitest.pg.config.ts): a test
// that opens its database to look inside gets, for a PostgreSQL URL, a PostgreSQL connection
// with the same calls (store/postgres/database.ts), so the same test reads the same rows on either
// engine. A file path still opens SQLite, as the built CLI's own modules do.

import { createRequire } from 'node:module';
// @ts-expect-error the built JavaScript has no type declarations
import { openPostgres } from '../../dist/store/postgres/open.js';
// @ts-expect-error the built JavaScript has no type declarations
import { postgresChannel } from '../../dist/engine/postgres-channel.js';
// @ts-expect-error the built JavaScript has no type declarations
import { isPostgresUrl } from '../../dist/store/postgres/url.js';

const SQLite = createRequire(import.meta.url)('better-sqlite3') as new (path: string, options?: object) => object;

function Database(path: string, options?: object): object {
  return isPostgresUrl(path) ? openPostgres(path, postgresChannel(path), { create: false }) : new SQLite(path, options);
}

export default Database as unknown as typeof SQLite;
