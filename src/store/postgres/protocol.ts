// What the store asks of the PostgreSQL connection's thread (engine/postgres-worker.ts) and what
// it answers: one statement at a time, or a COPY of rows into a table.

export type PgRequest =
  | { op: 'query'; text: string; values?: unknown[]; array?: boolean; name?: string }
  | { op: 'exec'; text: string }
  | { op: 'copy'; text: string; data: string }
  | { op: 'close' };

export interface PgAnswer {
  rows: unknown[];
  rowCount: number;
}

/** Sends a request and waits for its answer (engine/blocking-worker.ts). */
export interface PgChannel {
  call<T>(request: PgRequest): T;
  /** Sends a request without waiting; the next call throws its error, if it failed. */
  send(request: PgRequest): void;
  close(): void;
}
