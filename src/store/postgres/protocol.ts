// What the store asks of the PostgreSQL connection's thread (engine/postgres-worker.ts) and what
// it answers: one statement at a time, or a COPY of rows into a table.

export type PgRequest =
  | { op: 'query'; text: string; values?: unknown[]; array?: boolean; name?: string }
  | { op: 'exec'; text: string }
  /** data: the rows in COPY's text format, UTF-8, moved to the connection's thread rather than copied. */
  | { op: 'copy'; text: string; data: Uint8Array }
  | { op: 'close' };

export interface PgAnswer {
  rows: unknown[];
  rowCount: number;
}

/** Sends a request and waits for its answer (engine/blocking-worker.ts). */
export interface PgChannel {
  call<T>(request: PgRequest, transfer?: ArrayBuffer[]): T;
  /** Sends a request without waiting; the next call throws its error, if it failed. transfer: buffers moved, not copied. */
  send(request: PgRequest, transfer?: ArrayBuffer[]): void;
  close(): void;
}
