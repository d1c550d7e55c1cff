// SPEC §10: the disbursement ledger in SQLite — batches and their lines (immutable by triggers,
// see migrations), what earlier batches disbursed under each key, and step 10's first batches.

import { dialectOf, type Db } from './connection.js';
import { BatchInsert } from './batch-insert.js';
import type { Component, Payee } from '../core/ledger/due.js';
import { payeeKey } from '../core/ledger/due.js';
import type { KeyedAmount, LedgerLine } from '../core/ledger/batch-lines.js';
import type { PayeeType } from '../core/decide/types.js';

export interface BatchRecord {
  id: number;
  date: string;
  run_id: number;
  created_at: string;
  os_user: string;
  lines: number;
  payments_fen: number;
  recoveries_fen: number;
}

/** The latest recorded batch (the highest number: dates never go back), or undefined. */
export function latestBatch(db: Db): BatchRecord | undefined {
  return db.prepare('SELECT * FROM batches ORDER BY id DESC LIMIT 1').get() as BatchRecord | undefined;
}

export function findBatch(db: Db, id: number): BatchRecord | undefined {
  return db.prepare('SELECT * FROM batches WHERE id = ?').get(id) as BatchRecord | undefined;
}

/**
 * Per claim, what all recorded batches disbursed under each of its keys (the net of the key's
 * lines, zero included); a key's payee code and name as its latest line printed them. With
 * `claims`, only the claims whose ids lie in (after, upTo] (a page of disburse's claims).
 */
export function disbursedByKey(db: Db, claims?: { after: string; upTo: string }): Map<string, KeyedAmount[]> {
  const byClaim = new Map<string, KeyedAmount[]>();
  const page = claims ? 'WHERE l.claim_id > ? AND l.claim_id <= ?' : '';
  const rows = db.prepare(dialectOf(db) === 'sqlite'
    ? `SELECT l.claim_id, l.component, l.payee_type, l.fund, sum(l.amount_fen) AS net, max(l.id) AS last, l.payee_code, l.payee_name
         FROM ledger_lines l JOIN batches b ON b.id = l.batch_id
        ${page}
        GROUP BY l.claim_id, l.component, l.payee_type, l.payee_key, l.fund`
    // PostgreSQL has no bare columns beside max(): the latest line's code and name are asked for by name.
    : `SELECT l.claim_id, l.component, l.payee_type, l.fund, sum(l.amount_fen) AS net, max(l.id) AS last,
              (array_agg(l.payee_code ORDER BY l.id DESC))[1], (array_agg(l.payee_name ORDER BY l.id DESC))[1]
         FROM ledger_lines l JOIN batches b ON b.id = l.batch_id
        ${page}
        GROUP BY l.claim_id, l.component, l.payee_type, l.payee_key, l.fund
        ORDER BY l.claim_id, l.component, l.payee_type, l.payee_key, l.fund`,
  ).raw(true).iterate(...(claims ? [claims.after, claims.upTo] : [])) as Iterable<[string, Component, PayeeType, string, number, number, string, string]>;
  for (const [claimId, component, type, fund, net, , code, name] of rows) {
    const entry: KeyedAmount = { claimId, component, payee: { type, code, name }, fund, netFen: net };
    const list = byClaim.get(claimId);
    if (list) list.push(entry);
    else byClaim.set(claimId, [entry]);
  }
  return byClaim;
}

/** What the ledger reads of a run's decision of a claim (app/disburse.ts makes a LedgerClaim of it). */
export type LedgerDecision = [
  claimId: string, idNumber: string, decision: string, reasons: string, startDate: string, endDate: string,
  mainFen: number, livingFen: number, totalFen: number, advanceFen: number, payeeType: PayeeType | null, fund: string | null,
  institutionName: string, institutionCode: string, employerName: string | null, employerCode: string | null, name: string,
  fileName: string, line: number,
];

/**
 * Up to `limit` of the run's decisions whose claim ids come after `after`, in claim_id order
 * (code point order), with only what the ledger needs. Read through the claim index, so that no
 * million-row sort is made, and a page at a time, so that the batch's lines can be written
 * between pages (SQLite writes nothing while a read is under way on the connection).
 */
export function ledgerDecisions(db: Db, runId: number, after: string, limit: number): LedgerDecision[] {
  return db.prepare(
    `SELECT r.claim_id, r.id_number, o.decision, o.reasons, r.start_date, r.end_date, o.main_fen, o.living_fen, o.total_fen, o.advance_fen,
            o.payee_type, o.fund, r.institution_name, r.institution_code, r.employer_name, r.employer_code, r.name, f.name, r.line
       FROM roster_rows r
       CROSS JOIN decision_rows d ON d.run_id = ? AND d.roster_row_id = r.id
       CROSS JOIN decision_outcomes o ON o.id = d.outcome_id
       JOIN imported_files f ON f.id = r.file_id
      WHERE r.claim_id > ?
      ORDER BY r.claim_id
      LIMIT ?`,
  ).raw(true).all(runId, after, limit) as LedgerDecision[];
}

/**
 * SPEC §6 step 10 with §10: claim id → its first batch (the lowest number holding a positive main
 * line for it), for the claims whose main lines over all keys sum above zero, counting only
 * batches dated on or before `asOf` — and numbered up to `upTo` (the batches a run saw), when given.
 * `mark` is the latest batch number there is (or was, up to `upTo`).
 */
export function firstBatches(db: Db, asOf: string, upTo?: number): { firstBatchOf: Map<string, number>; mark: number } {
  const mark = Math.min(latestBatch(db)?.id ?? 0, upTo ?? Infinity);
  const first = new Map<string, number>();
  const rows = db.prepare(
    `SELECT l.claim_id, min(CASE WHEN l.amount_fen > 0 THEN l.batch_id END)
       FROM ledger_lines l JOIN batches b ON b.id = l.batch_id
      WHERE l.component = 'main' AND b.date <= ? AND b.id <= ?
      GROUP BY l.claim_id HAVING sum(l.amount_fen) > 0`,
  ).raw(true).iterate(asOf, mark) as Iterable<[string, number]>;
  for (const [claimId, batch] of rows) first.set(claimId, batch);
  return { firstBatchOf: first, mark };
}

const LINE_COLUMNS = ['batch_id', 'claim_id', 'id_number', 'component', 'payee_type', 'payee_code', 'payee_name', 'payee_key', 'fund', 'amount_fen', 'reasons', 'source'];

/**
 * Writes the next batch: its lines as they come, then the batch row that seals them (the triggers
 * check the number and the count). Use inside a write transaction taken with BEGIN IMMEDIATE; a
 * batch with no lines is never sealed (nothing was written). Lines go in a hundred to a statement:
 * a statement that may fire the sealing trigger opens a statement journal, which one statement a
 * line would open a million times.
 */
export class BatchWriter {
  readonly id: number;
  private readonly insertLines: BatchInsert;
  private lines = 0;
  private payments = 0;
  private recoveries = 0;

  constructor(private readonly db: Db) {
    this.id = (latestBatch(db)?.id ?? 0) + 1;
    this.insertLines = new BatchInsert(db, 'ledger_lines', LINE_COLUMNS, 100);
  }

  add(l: LedgerLine): void {
    this.insertLines.add([this.id, l.claimId, l.idNumber, l.component, l.payee.type, l.payee.code, l.payee.name, payeeKey(l.payee), l.fund, l.amountFen, l.reasons.join(';'), l.source]);
    this.lines++;
    if (l.amountFen > 0) this.payments += l.amountFen;
    else this.recoveries -= l.amountFen;
  }

  seal(batch: Omit<BatchRecord, 'id' | 'lines' | 'payments_fen' | 'recoveries_fen'>): BatchRecord {
    this.insertLines.finish();
    const record: BatchRecord = { ...batch, id: this.id, lines: this.lines, payments_fen: this.payments, recoveries_fen: this.recoveries };
    this.db.prepare(
      'INSERT INTO batches (id, date, run_id, created_at, os_user, lines, payments_fen, recoveries_fen) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(record.id, record.date, record.run_id, record.created_at, record.os_user, record.lines, record.payments_fen, record.recoveries_fen);
    return record;
  }
}

/** A recorded line with its batch. */
export interface LedgerRow {
  batch: number;
  date: string;
  run: number;
  claim_id: string;
  id_number: string;
  component: Component;
  payee_type: PayeeType;
  payee_code: string;
  payee_name: string;
  fund: string;
  amount_fen: number;
  reasons: string;
  source: string;
}

const LINE_ROWS = `SELECT b.id, b.date, b.run_id, l.claim_id, l.id_number, l.component, l.payee_type, l.payee_code, l.payee_name,
                           l.fund, l.amount_fen, l.reasons, l.source
                      FROM ledger_lines l JOIN batches b ON b.id = l.batch_id`;

/** A row of LINE_ROWS read raw: better-sqlite3 makes an object a row at several times the cost of an array. */
function lineRow(
  [batch, date, run, claim_id, id_number, component, payee_type, payee_code, payee_name, fund, amount_fen, reasons, source]:
    [number, string, number, string, string, Component, PayeeType, string, string, string, number, string, string],
): LedgerRow {
  return { batch, date, run, claim_id, id_number, component, payee_type, payee_code, payee_name, fund, amount_fen, reasons, source };
}

/**
 * Recorded lines, by batch then §10's order (claim_id, component, payee_type, payee_code, fund;
 * BINARY collation: code point order), optionally filtered (`where` on b. and l.).
 */
export function ledgerRows(db: Db, where = '', params: unknown[] = []): LedgerRow[] {
  return (db.prepare(
    `${LINE_ROWS} WHERE 1 = 1 ${where} ORDER BY b.id, l.claim_id, l.component, l.payee_type, l.payee_code, l.fund, l.payee_key, l.id`,
  ).raw(true).all(...params) as Parameters<typeof lineRow>[0][]).map(lineRow);
}

/** One batch's lines as they are read, in the order BatchWriter wrote them, which is §10's. */
export function* batchRows(db: Db, batch: number): Generator<LedgerRow> {
  for (const t of db.prepare(`${LINE_ROWS} WHERE l.batch_id = ? ORDER BY l.id`).raw(true).iterate(batch)) yield lineRow(t as Parameters<typeof lineRow>[0]);
}

/** A person's lines, in date order (§8.5). */
export function personLedgerRows(db: Db, idNumber: string): LedgerRow[] {
  return ledgerRows(db, 'AND l.id_number = ?', [idNumber]);
}

/** Every recorded line's batch, date, fund and amount (the returns' `disbursed` block, §8.4). */
export function ledgerAmounts(db: Db): { batch: number; date: string; fund: string; amountFen: number }[] {
  return (db.prepare(
    'SELECT b.id, b.date, l.fund, sum(l.amount_fen) FROM ledger_lines l JOIN batches b ON b.id = l.batch_id GROUP BY b.id, l.fund, l.amount_fen > 0',
  ).raw(true).all() as [number, string, string, number][]).map(([batch, date, fund, amountFen]) => ({ batch, date, fund, amountFen }));
}

export type { Payee };
