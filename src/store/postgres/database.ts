// The store's port over PostgreSQL (SPEC §11): the calls of better-sqlite3 that store/ and app/
// make, answered synchronously by a connection on another thread (engine/postgres-worker.ts).
// The SQL is SQLite's, translated where the dialects differ only in spelling: `?` and `@name`
// become `$n`, `IS ?` becomes IS NOT DISTINCT FROM, json_array json_build_array, CROSS JOIN … ON
// a JOIN, WHERE 1 WHERE TRUE, and an insert of one row into a table numbered by id returns the id. Statements that differ in more than
// spelling are written once per dialect by the store module that owns them (dialectOf).
//
// Transactions: every write transaction (BEGIN IMMEDIATE, db.transaction) first takes one
// database-wide advisory lock, so that writers take turns as they do on SQLite: run and batch
// numbers have no gaps, and an import sees the imports before it. A plain BEGIN is a read
// snapshot (REPEATABLE READ). A big read goes through a server-side cursor, fetched in chunks.

import type { Db, RunResult, Statement, Transaction, VariableArgFunction } from '../connection.js';
import type { PgAnswer, PgChannel, PgRequest } from './protocol.js';
import { NUMBERED_TABLES } from './migrations.js';

/** The advisory lock every write transaction holds (an arbitrary number, the same for every skillsub). */
export const WRITE_LOCK = 7_351_946_010;

const FETCH_ROWS = 5000;

interface Translated {
  text: string;
  /** For `@name` parameters: the names in $n order. */
  names: string[] | null;
  returnsId: boolean;
}

/** SQLite's spelling of a statement in PostgreSQL's. */
export function translate(sql: string): Translated {
  let s = sql
    .replace(/\bIS\s+NOT\s+\?/gi, 'IS DISTINCT FROM ?')
    .replace(/\bIS\s+\?/gi, 'IS NOT DISTINCT FROM ?')
    .replace(/\bjson_array\(/gi, 'json_build_array(')
    // SQLite takes 1 for true.
    .replace(/\bWHERE\s+1\b(?!\s*[=<>!])/gi, 'WHERE TRUE')
    // SQLite's CROSS JOIN … ON fixes the join order; PostgreSQL's planner chooses it.
    .replace(/\bCROSS\s+JOIN\s+(\w+(?:\s+(?!ON\b)\w+)?)\s+ON\b/gi, 'JOIN $1 ON');
  let out = '';
  let n = 0;
  const names: string[] = [];
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === "'" || ch === '"') {
      const end = s.indexOf(ch, i + 1);
      const stop = end < 0 ? s.length : end;
      out += s.slice(i, stop + 1);
      i = stop;
    } else if (ch === '?') {
      out += `$${++n}`;
    } else if (ch === '@' && /[A-Za-z_]/.test(s[i + 1] ?? '')) {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i + 1))![0];
      let k = names.indexOf(name);
      if (k < 0) k = names.push(name) - 1;
      out += `$${k + 1}`;
      i += name.length;
    } else {
      out += ch;
    }
  }
  s = out;
  const single = /^\s*INSERT\s+INTO\s+(\w+)\s*\([^)]*\)\s*VALUES\s*\([^()]*\)\s*$/i.exec(s);
  const returnsId = single !== null && NUMBERED_TABLES.includes(single[1]);
  if (returnsId) s += ' RETURNING id';
  return { text: s, names: names.length > 0 ? names : null, returnsId };
}

/** better-sqlite3's ways of passing values: a list, one array, or one object of named values. */
function bindValues(params: unknown[], names: string[] | null): unknown[] {
  let values: unknown[];
  if (names) {
    const named = (params[0] ?? {}) as Record<string, unknown>;
    values = names.map((name) => named[name]);
  } else {
    values = params.length === 1 && Array.isArray(params[0]) ? params[0] : params;
  }
  return values.map((v) => (v === undefined ? null : typeof v === 'boolean' ? (v ? 1 : 0) : typeof v === 'string' ? storableText(v) : v));
}

/**
 * PostgreSQL's text cannot hold U+0000. The only ones skillsub stores are the separators inside
 * keys it makes (core/ledger/due.ts payeeKey) — an input file holding one is refused as binary —
 * and those group and sort the same with U+0001 in their place.
 */
export function storableText(text: string): string {
  return text.includes('\u0000') ? text.replace(/\u0000/g, '\u0001') : text;
}

class PgStatement implements Statement {
  private asArrays = false;
  private firstOnly = false;

  constructor(private readonly db: PgDatabase, private readonly sql: Translated) {}

  pluck(toggle = true): Statement {
    this.firstOnly = toggle;
    if (toggle) this.asArrays = false;
    return this;
  }

  raw(toggle = true): Statement {
    this.asArrays = toggle;
    if (toggle) this.firstOnly = false;
    return this;
  }

  private query(params: unknown[]): PgAnswer {
    return this.db.query(this.sql.text, bindValues(params, this.sql.names), this.asArrays || this.firstOnly);
  }

  private shape(row: unknown): unknown {
    return this.firstOnly ? (row as unknown[])[0] : row;
  }

  run(...params: unknown[]): RunResult {
    const answer = this.query(params);
    const first = answer.rows[0] as unknown[] | Record<string, unknown> | undefined;
    const id = !this.sql.returnsId || first === undefined ? 0 : Array.isArray(first) ? first[0] : first.id;
    return { changes: answer.rowCount, lastInsertRowid: Number(id) };
  }

  get(...params: unknown[]): unknown {
    const { rows } = this.query(params);
    return rows.length === 0 ? undefined : this.shape(rows[0]);
  }

  all(...params: unknown[]): unknown[] {
    const { rows } = this.query(params);
    return this.firstOnly ? rows.map((r) => (r as unknown[])[0]) : rows;
  }

  *iterate(...params: unknown[]): IterableIterator<unknown> {
    const cursor = this.db.openCursor(this.sql.text, bindValues(params, this.sql.names));
    try {
      for (;;) {
        const { rows } = this.db.query(`FETCH ${FETCH_ROWS} FROM ${cursor}`, [], this.asArrays || this.firstOnly);
        for (const row of rows) yield this.shape(row);
        if (rows.length < FETCH_ROWS) return;
      }
    } finally {
      this.db.closeCursor(cursor);
    }
  }
}

/** Rows being gathered for a COPY (copy-rows.ts). */
interface Gathering {
  /** Makes the COPY of the rows gathered (see PgDatabase.copyRows). */
  finish(): void;
  /** Forgets the rows gathered. */
  discard(): void;
}

/** A COPY's bytes are moved to the connection's thread (copy-rows.ts gives each its own buffer). */
function transferOf(request: PgRequest): ArrayBuffer[] {
  return request.op === 'copy' ? [request.data.buffer as ArrayBuffer] : [];
}

export class PgDatabase implements Db {
  readonly dialect = 'postgres';
  readonly memory = false;
  private open = true;
  private depth = 0;
  private cursors = 0;
  private readonly statementNames = new Map<string, string>();
  /** Whether a COPY was sent and no request has waited for an answer since. */
  private sent = false;
  /** COPYs made and not sent yet (see lookAhead), in order. */
  private waiting: PgRequest[] = [];
  /** The bulk loads gathering rows for a COPY in this transaction (copy-rows.ts). */
  private readonly gathering = new Set<Gathering>();
  private lookingAhead = false;

  /** name: the URL with its password masked. */
  constructor(private readonly channel: PgChannel, readonly name: string) {}

  /**
   * A request goes to the server, after the COPYs made before it (but for lookAhead's lookups);
   * the refusal of a COPY sent before it, if any, is thrown first.
   */
  private call<T>(request: PgRequest): T {
    if (!this.lookingAhead) this.sendCopies();
    this.sent = false;
    return this.channel.call<T>(request, transferOf(request));
  }

  private sendCopies(): void {
    if (this.waiting.length === 0) return;
    for (const request of this.waiting) this.channel.send(request, transferOf(request));
    this.waiting = [];
    this.sent = true;
  }

  /**
   * Runs `lookups` ahead of the rows gathered for COPY so far, which are sent when the next row is
   * gathered (once the caller has its answers) or before any other statement. The server then
   * stores one batch of an import while the caller makes the next, instead of each waiting for
   * the other. Only for statements whose outcome those rows cannot change nor be checked against:
   * the ids of roster parts and the classes taken (postgres/part-ids.ts, class-holders.ts).
   */
  lookAhead<T>(lookups: () => T): T {
    for (const copy of [...this.gathering]) copy.finish();
    if (this.lookingAhead) return lookups();
    this.lookingAhead = true;
    try {
      return lookups();
    } finally {
      this.lookingAhead = false;
    }
  }

  /** A bulk load gathers rows (copy-rows.ts): the COPYs made before are sent now. */
  startGathering(copy: Gathering): void {
    this.sendCopies();
    this.gathering.add(copy);
  }

  stopGathering(copy: Gathering): void {
    this.gathering.delete(copy);
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  /** One statement; named (prepared once per connection) so that a statement run many times is planned once. */
  query(text: string, values: unknown[], array: boolean): PgAnswer {
    let name = this.statementNames.get(text);
    if (name === undefined && values.length > 0) this.statementNames.set(text, (name = `s${this.statementNames.size + 1}`));
    return this.call<PgAnswer>({ op: 'query', text, values, array, name });
  }

  prepare(sql: string): Statement {
    return new PgStatement(this, translate(sql));
  }

  /** SQLite's transaction words become PostgreSQL's (see the file's head); anything else runs as it is. */
  exec(sql: string): this {
    const words = sql.trim().replace(/;\s*$/, '').replace(/\s+/g, ' ').toUpperCase();
    if (words === 'BEGIN IMMEDIATE' || words === 'BEGIN EXCLUSIVE') this.beginWrite();
    else if (words === 'BEGIN' || words === 'BEGIN DEFERRED' || words === 'BEGIN TRANSACTION') this.beginRead();
    else if (words === 'COMMIT' || words === 'END') this.finish('COMMIT');
    else if (words === 'ROLLBACK') this.finish('ROLLBACK');
    else this.call({ op: 'exec', text: sql });
    return this;
  }

  private beginWrite(): void {
    this.call({ op: 'exec', text: `BEGIN; SELECT pg_advisory_xact_lock(${WRITE_LOCK})` });
    this.depth = 1;
  }

  private beginRead(): void {
    this.call({ op: 'exec', text: 'BEGIN ISOLATION LEVEL REPEATABLE READ' });
    this.depth = 1;
  }

  private finish(how: 'COMMIT' | 'ROLLBACK'): void {
    this.depth = 0;
    // Rows gathered and not sent belong to this transaction: a rollback drops them, and no later lookAhead sends them.
    if (how === 'ROLLBACK') {
      this.waiting = [];
      for (const copy of this.gathering) copy.discard();
    }
    this.gathering.clear();
    this.call({ op: 'exec', text: how });
  }

  /**
   * Rows into a table with COPY (text format): the fastest way in for a bulk load. Sent without
   * waiting (see lookAhead for when), so that the server stores them while the caller reads the
   * next ones; a refusal is thrown by the next statement, which comes before the transaction ends.
   */
  copyRows(table: string, columns: readonly string[], data: Uint8Array): void {
    const request: PgRequest = { op: 'copy', text: `COPY ${table} (${columns.join(', ')}) FROM STDIN`, data };
    // Outside a transaction nothing would stop the statements after a refused COPY: it is waited for.
    if (!this.inTransaction) return void this.call(request);
    this.waiting.push(request);
  }

  openCursor(text: string, values: unknown[]): string {
    const cursor = `skillsub_c${++this.cursors}`;
    // Outside a transaction a cursor must be held past the statement's own (it is read to the end at once).
    this.call({ op: 'query', text: `DECLARE ${cursor} NO SCROLL CURSOR ${this.inTransaction ? '' : 'WITH HOLD '}FOR ${text}`, values });
    return cursor;
  }

  closeCursor(cursor: string): void {
    // A COPY sent meanwhile is answered first, outside the try below that lets a closed cursor's error go.
    if (this.sent || this.waiting.length > 0) this.call({ op: 'exec', text: 'SELECT 1' });
    try {
      this.call({ op: 'exec', text: `CLOSE ${cursor}` });
    } catch {
      // Gone with its transaction (committed, or aborted by an error that is on its way up).
    }
  }

  transaction<F extends VariableArgFunction>(fn: F): Transaction<F> {
    const run = (...args: unknown[]): ReturnType<F> => {
      if (this.inTransaction) {
        // Nested: a savepoint, as better-sqlite3 does.
        const savepoint = `skillsub_s${++this.depth}`;
        this.call({ op: 'exec', text: `SAVEPOINT ${savepoint}` });
        try {
          const result = fn(...args) as ReturnType<F>;
          this.call({ op: 'exec', text: `RELEASE SAVEPOINT ${savepoint}` });
          return result;
        } catch (err) {
          this.call({ op: 'exec', text: `ROLLBACK TO SAVEPOINT ${savepoint}; RELEASE SAVEPOINT ${savepoint}` });
          throw err;
        } finally {
          this.depth--;
        }
      }
      this.beginWrite();
      try {
        const result = fn(...args) as ReturnType<F>;
        this.finish('COMMIT');
        return result;
      } catch (err) {
        if (this.inTransaction) this.finish('ROLLBACK');
        throw err;
      }
    };
    return Object.assign(run, { deferred: run, immediate: run, exclusive: run }) as Transaction<F>;
  }

  close(): void {
    if (!this.open) return;
    this.open = false;
    try {
      if (this.inTransaction) this.finish('ROLLBACK');
      this.call({ op: 'close' });
    } finally {
      this.channel.close();
    }
  }
}
