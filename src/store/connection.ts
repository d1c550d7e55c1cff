// The store's port: the few methods of a database connection that store/ and app/ use, in the
// shape of better-sqlite3's (which is one implementation as it is). The other is PostgreSQL
// (store/postgres/database.ts, SPEC §11), which answers the same calls synchronously.

/** What a write statement reports. */
export interface RunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

/** A prepared statement: `?` or `@name` parameters, rows as objects, or arrays with raw(), first values with pluck(). */
export interface Statement {
  run(...params: unknown[]): RunResult;
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  iterate(...params: unknown[]): IterableIterator<unknown>;
  pluck(toggle?: boolean): Statement;
  raw(toggle?: boolean): Statement;
}

/** A function run in one transaction; its variants say how the transaction begins (SQLite's words). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- better-sqlite3's own declaration, so that its Database is a Db
export type VariableArgFunction = (...params: any[]) => unknown;
type ArgumentTypes<F> = F extends (...args: infer A) => unknown ? A : never;

export interface Transaction<F extends VariableArgFunction> {
  (...params: ArgumentTypes<F>): ReturnType<F>;
  deferred(...params: ArgumentTypes<F>): ReturnType<F>;
  immediate(...params: ArgumentTypes<F>): ReturnType<F>;
  exclusive(...params: ArgumentTypes<F>): ReturnType<F>;
}

export interface Db {
  prepare(sql: string): Statement;
  exec(sql: string): unknown;
  transaction<F extends VariableArgFunction>(fn: F): Transaction<F>;
  close(): unknown;
  readonly inTransaction: boolean;
  /** An in-memory database (SQLite), which no other connection can open. */
  readonly memory: boolean;
  /** The file (SQLite) or the URL with its password masked (PostgreSQL). */
  readonly name: string;
}

export type Dialect = 'sqlite' | 'postgres';

/** Which SQL the connection speaks, for the few statements written once per dialect. */
export function dialectOf(db: Db): Dialect {
  return (db as { dialect?: Dialect }).dialect ?? 'sqlite';
}
