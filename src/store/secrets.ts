// The database's own secrets, made once by a migration (store/migrations.ts): the key of the
// flag ids (SPEC §7.1, §8.1), so that nothing in public output can be computed by an outsider.

import type { Db } from './database.js';
import { DataError } from '../core/errors.js';

export function readFlagKey(db: Db): string {
  const row = db.prepare("SELECT value FROM secrets WHERE name = 'flag_key'").get() as { value: string } | undefined;
  if (!row) throw new DataError('db_part_missing', { ref: 'flag_key', table: 'secrets' });
  return row.value;
}
