// SPEC §10: `disburse` — a batch of payments and recoveries from a stored run for a payment date
// (core/ledger/batch-lines.ts), recorded as the next numbered batch and logged; and the ledger's
// readings: the lines of recorded batches, by payee, and by claim against what a run makes due.

import type { Db } from '../store/database.js';
import { appendAudit, type AuditContext } from '../store/audit-log.js';
import type { RunRecord } from '../store/runs.js';
import { BatchWriter, batchRows, disbursedByKey, findBatch, latestBatch, ledgerDecisions, ledgerRows, type LedgerDecision, type LedgerRow } from '../store/ledger.js';
import { batchLines, type KeyedAmount, type LedgerLine } from '../core/ledger/batch-lines.js';
import { dueOn, type LedgerClaim, type Payee } from '../core/ledger/due.js';
import { payeeOf, type PayeeParties } from '../core/decide/payee.js';
import type { Decision, PayeeType } from '../core/decide/types.js';
import { formatFen } from '../core/normalise/money.js';
import { inPeriod, type Period } from '../core/report/period.js';
import { DataError } from '../core/errors.js';
import { parsePolicyText } from './policy.js';

/** §10's columns of a line, in order. */
export const DISBURSEMENT_COLUMNS = [
  'batch', 'date', 'run', 'claim_id', 'component', 'payee_type', 'payee_code', 'payee_name', 'fund', 'type', 'amount', 'reasons', 'source',
] as const;
export const BY_PAYEE_COLUMNS = ['payee_type', 'payee_code', 'payee_name', 'fund', 'payments', 'recoveries', 'net'] as const;
export const BY_CLAIM_COLUMNS = ['claim_id', 'disbursed', 'due_now', 'difference'] as const;

export type DisbursementRow = Record<(typeof DISBURSEMENT_COLUMNS)[number], string | number>;

function payee(parties: PayeeParties, type: PayeeType): Payee {
  const { code, name } = payeeOf(parties, type);
  return { type, code, name };
}

/** A run's decision of a claim as the ledger reads it: amounts, payees and funds. */
function ledgerClaim(d: LedgerDecision, livingFund: string): LedgerClaim {
  const [claimId, idNumber, decision, reasons, startDate, endDate, mainFen, livingFen, totalFen, advanceFen, payeeType, fund,
    institutionName, institutionCode, employerName, employerCode, name, fileName, line] = d;
  const parties = { institutionName, institutionCode, employerName, employerCode, name, idNumber };
  return {
    claimId, idNumber, decision: decision as Decision, reasons: reasons === '' ? [] : reasons.split(';'),
    startDate, endDate, mainFen, livingFen, totalFen, advanceFen,
    main: payeeType && fund ? { payee: payee(parties, payeeType), fund } : null,
    living: { payee: payee(parties, 'person'), fund: livingFund },
    source: `${fileName}:${line}`,
  };
}

/** How many claims are read, and their lines made and written, at a time. */
const CLAIMS_A_PAGE = 2000;

/**
 * Every claim the run holds, as the ledger reads it, in claim_id order, a page at a time, each
 * page with the claim ids it covers: (after, upTo].
 */
function* ledgerClaimPages(db: Db, run: RunRecord): Generator<{ claims: LedgerClaim[]; after: string; upTo: string }> {
  const livingFund = parsePolicyText(run.policy_text, `run ${run.id}`).funds.default;
  let after = '';
  for (;;) {
    const page = ledgerDecisions(db, run.id, after, CLAIMS_A_PAGE);
    if (page.length === 0) return;
    const claims = page.map((d) => ledgerClaim(d, livingFund));
    const upTo = claims[claims.length - 1].claimId;
    yield { claims, after, upTo };
    after = upTo;
  }
}

/** Where a batch's lines can go as they are made (an output file). */
export interface LineWriter {
  add(row: DisbursementRow): void;
  /** Called before the batch is recorded: every line added is written, or it throws. */
  flush(): void;
}

export interface DisburseResult {
  /** The recorded batch's number; null for a dry run or when there was nothing to disburse. */
  batch: number | null;
  date: string;
  run: number;
  /** How many lines the batch has. */
  lineCount: number;
  /**
   * The lines in §10's order, as `disbursements` shows them: a recorded batch's read back as they
   * are read; none when they went to `lines` as they were made.
   */
  rows: Iterable<DisbursementRow>;
  payments: number;
  recoveries: number;
}

/**
 * §10: builds the batch of run `run` for payment date `date` and, unless `dryRun`, records it.
 * Serialised: the write lock is taken first (BEGIN IMMEDIATE), so a second `disburse` waits and
 * then sees the first's lines. A date earlier than the latest batch's is refused (exit 3), also
 * on a dry run; a batch with no lines is not recorded. The claims are read a page at a time and
 * each page's lines written before the next is read, so a recorded batch holds no more than a
 * page in memory; a dry run keeps its lines to print them. With `lines`, each line goes there as
 * it is made, in the same order and form (a file put in place once the batch is recorded, instead
 * of the batch read back), and is flushed before the commit: an error it throws undoes the batch.
 */
export function disburse(
  db: Db, run: RunRecord, date: string, options: { dryRun: boolean; lines?: LineWriter }, audit: AuditContext,
): DisburseResult {
  const work = db.transaction((): DisburseResult => {
    const latest = latestBatch(db);
    if (latest && date < latest.date) throw new DataError('disburse_date_before', { date, batch: latest.id, latest: latest.date });
    const writer = options.dryRun ? null : new BatchWriter(db);
    const kept: LedgerLine[] = [];
    let lineCount = 0;
    let payments = 0;
    let recoveries = 0;
    for (const page of ledgerClaimPages(db, run)) {
      for (const line of batchLines(page.claims, disbursedByKey(db, page), date)) {
        lineCount++;
        if (line.amountFen > 0) payments += line.amountFen;
        else recoveries -= line.amountFen;
        if (writer) writer.add(line);
        if (options.lines) options.lines.add(disbursementRow(writer ? writer.id : null, date, run.id, line));
        else if (!writer) kept.push(line);
      }
    }
    options.lines?.flush();
    const result = { date, run: run.id, lineCount, payments, recoveries };
    if (!writer || lineCount === 0) return { ...result, batch: null, rows: unrecordedRows(kept, date, run.id) };
    const sealed = writer.seal({ date, run_id: run.id, created_at: audit.now(), os_user: audit.osUser });
    appendAudit(db, audit, 'disburse', {
      batch: sealed.id, run: run.id, date, lines: sealed.lines, payments: formatFen(payments), recoveries: formatFen(recoveries), net: formatFen(payments - recoveries),
    });
    return { ...result, batch: sealed.id, rows: options.lines ? [] : readBack(db, sealed.id) };
  });
  return options.dryRun ? work.deferred() : work.immediate();
}

/** The lines of a batch not recorded (a dry run's), as they are printed. */
function* unrecordedRows(lines: LedgerLine[], date: string, run: number): Generator<DisbursementRow> {
  for (const l of lines) yield disbursementRow(null, date, run, l);
}

/** A recorded batch's lines, read when first asked for: after the transaction, which a read under way would keep from committing. */
function* readBack(db: Db, batch: number): Generator<DisbursementRow> {
  for (const r of batchRows(db, batch)) yield storedRow(r);
}

/** A line of a batch as §10's `disbursements` shows it (a dry run's batch blank). */
function disbursementRow(batch: number | null, date: string, run: number, l: LedgerLine): DisbursementRow {
  return {
    batch: batch ?? '', date, run, claim_id: l.claimId, component: l.component, payee_type: l.payee.type, payee_code: l.payee.code,
    payee_name: l.payee.name, fund: l.fund, type: l.type, amount: formatFen(l.amountFen), reasons: l.reasons.join(';'), source: l.source,
  };
}

function storedRow(r: LedgerRow): DisbursementRow {
  return {
    batch: r.batch, date: r.date, run: r.run, claim_id: r.claim_id, component: r.component, payee_type: r.payee_type, payee_code: r.payee_code,
    payee_name: r.payee_name, fund: r.fund, type: r.amount_fen < 0 ? 'recovery' : 'payment', amount: formatFen(r.amount_fen), reasons: r.reasons,
    source: r.source,
  };
}

export function batchExists(db: Db, batch: number): boolean {
  return findBatch(db, batch) !== undefined;
}

export interface LineSelection {
  batch?: number;
  period?: Period | null;
  recoveriesOnly?: boolean;
}

/** Recorded lines selected by batch number or by the batch's date in a period; recoveries only (追回清单) when asked. */
export function selectedLines(db: Db, selection: LineSelection): LedgerRow[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (selection.batch !== undefined) {
    where.push('AND b.id = ?');
    params.push(selection.batch);
  }
  if (selection.recoveriesOnly) where.push('AND l.amount_fen < 0');
  return ledgerRows(db, where.join(' '), params).filter((r) => inPeriod(r.date, selection.period ?? null));
}

export function listDisbursements(db: Db, selection: LineSelection): DisbursementRow[] {
  return selectedLines(db, selection).map(storedRow);
}

export type ByPayeeRow = Record<(typeof BY_PAYEE_COLUMNS)[number], string>;

/** `--by payee`: one row per payee_type, payee_code, payee_name, fund with payments, recoveries and net. */
export function disbursementsByPayee(db: Db, selection: LineSelection): ByPayeeRow[] {
  const sums = new Map<string, { type: string; code: string; name: string; fund: string; payments: number; recoveries: number }>();
  for (const r of selectedLines(db, selection)) {
    const key = [r.payee_type, r.payee_code, r.payee_name, r.fund].join('\u0000');
    const s = sums.get(key) ?? { type: r.payee_type, code: r.payee_code, name: r.payee_name, fund: r.fund, payments: 0, recoveries: 0 };
    if (r.amount_fen > 0) s.payments += r.amount_fen;
    else s.recoveries -= r.amount_fen;
    sums.set(key, s);
  }
  const cmp = byCodePoint;
  return [...sums.values()]
    .sort((a, b) => cmp(a.type, b.type) || cmp(a.code, b.code) || cmp(a.name, b.name) || cmp(a.fund, b.fund))
    .map((s) => ({
      payee_type: s.type, payee_code: s.code, payee_name: s.name, fund: s.fund,
      payments: formatFen(s.payments), recoveries: formatFen(s.recoveries), net: formatFen(s.payments - s.recoveries),
    }));
}

export type ByClaimRow = Record<(typeof BY_CLAIM_COLUMNS)[number], string>;

/**
 * `--by claim`: one row per claim with money disbursed (in the selected lines) or due now:
 * disbursed, due_now (what run `run` makes due on `date`; a held claim's is what was disbursed
 * for it), difference = due_now − disbursed. Claims with all three zero are left out.
 */
export function disbursementsByClaim(db: Db, selection: LineSelection, run: RunRecord, date: string): ByClaimRow[] {
  const disbursed = new Map<string, number>();
  for (const r of selectedLines(db, selection)) disbursed.set(r.claim_id, (disbursed.get(r.claim_id) ?? 0) + r.amount_fen);
  const allDisbursed = new Map<string, number>();
  for (const [claimId, keys] of disbursedByKey(db)) allDisbursed.set(claimId, keys.reduce((s, k) => s + k.netFen, 0));
  const dueNow = new Map<string, number>();
  for (const page of ledgerClaimPages(db, run)) {
    for (const c of page.claims) {
      const due = dueOn(c, date);
      dueNow.set(c.claimId, due.held ? allDisbursed.get(c.claimId) ?? 0 : due.components.reduce((s, x) => s + x.dueFen, 0));
    }
  }
  const rows: ByClaimRow[] = [];
  for (const claimId of [...new Set([...disbursed.keys(), ...dueNow.keys()])].sort(byCodePoint)) {
    const paid = disbursed.get(claimId) ?? 0;
    // A claim the run does not hold is held: what was disbursed for it stays due.
    const due = dueNow.get(claimId) ?? allDisbursed.get(claimId) ?? 0;
    if (paid === 0 && due === 0) continue;
    rows.push({ claim_id: claimId, disbursed: formatFen(paid), due_now: formatFen(due), difference: formatFen(due - paid) });
  }
  return rows;
}

export type { KeyedAmount, LedgerLine };

function byCodePoint(a: string, b: string): number {
  if (a === b) return 0;
  // Code point order (§8): compare by code points, not UTF-16 units.
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i].codePointAt(0)! - y[i].codePointAt(0)!;
  return x.length - y.length;
}
