// The PostgreSQL connection's thread (postgres-worker.ts), called synchronously (blocking-worker.ts).

import type { PgChannel } from '../store/postgres/protocol.js';
import { startBlockingWorker } from './blocking-worker.js';

export function postgresChannel(url: string): PgChannel {
  return startBlockingWorker(new URL('./postgres-worker.js', import.meta.url), { url });
}
