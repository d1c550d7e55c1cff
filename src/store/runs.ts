// Storing and reading check runs: the run record, one decision per claim and the run's flags
// (SPEC §6, §8.1–§8.3). Runs are immutable: triggers refuse UPDATE and DELETE.

import type { Db } from './database.js';
import { BatchInsert, placeholders } from './batch-insert.js';
import type { ClaimOutcome, Payment, PayeeType } from '../core/decide/types.js';
import { payeeOf } from '../core/decide/payee.js';
import type { Flag } from '../core/flags/types.js';
import { showsAmounts } from '../core/facts/paid.js';

export interface RunRecord {
  id: number;
  created_at: string;
  os_user: string;
  policy_id: string;
  policy_sha256: string;
  policy_text: string;
  as_of: string;
  data_mark: number;
  claims: number;
  flags: number;
  /** The latest disbursement batch the run's step 10 saw (§10; store/ledger.ts firstBatches). */
  batch_mark: number;
}


/** What a claim's decision shares with many others: a class's claims mostly come out alike (see migrations: decision_outcomes). */
const OUTCOME_COLUMNS = ['decision', 'reasons', 'kind', 'payee_type', 'fund', 'main_fen', 'living_fen', 'total_fen', 'advance_fen', 'balance_fen'];
const FLAG_COLUMNS = [
  'run_id', 'flag_id', 'rule', 'severity', 'subject_type', 'subject', 'id_number', 'class_ids', 'cert_numbers', 'institution_code',
  'claim_ids', 'detail_key', 'detail_params', 'sources',
];
/** What is each claim's own (decision_rows). */
const ROW_COLUMNS = ['run_id', 'roster_row_id', 'cert_row_id', 'flags', 'cap_order', 'cap_claims', 'outcome_id'];

/**
 * One row per outcome, referring to its shared part: each distinct combination of the shared
 * columns is stored once per run, so that a row binds seven values instead of sixteen (binding
 * and storing them is most of the time a million rows take).
 */
function insertDecisions(db: Db, runId: number, outcomes: ClaimOutcome[]): void {
  const insertOutcome = db.prepare(`INSERT INTO decision_outcomes (run_id, ${OUTCOME_COLUMNS.join(', ')}) VALUES ${placeholders(1, OUTCOME_COLUMNS.length + 1)}`);
  const rows = new BatchInsert(db, 'decision_rows', ROW_COLUMNS, 100);
  // By content; claims of a class mostly share one payment object and come one after another.
  const outcomeIds = new Map<string, number>();
  let last: { payment: Payment | null; decision: string; reasons: string[]; id: number } | null = null;
  const outcomeId = (payment: Payment | null, decision: string, reasons: string[]): number => {
    if (last && last.payment === payment && last.decision === decision && last.reasons === reasons) return last.id;
    const values = [
      decision, reasons.join(';'), payment?.kind ?? null, payment?.payeeType ?? null, payment?.fund ?? null,
      payment?.mainFen ?? 0, payment?.livingFen ?? 0, payment?.totalFen ?? 0, payment?.advanceFen ?? 0, payment?.balanceFen ?? 0,
    ];
    const key = values.join('\t');
    let id = outcomeIds.get(key);
    if (id === undefined) outcomeIds.set(key, (id = Number(insertOutcome.run(runId, ...values).lastInsertRowid)));
    last = { payment, decision, reasons, id };
    return id;
  };
  // In roster-row order, so that the table grows at its end (claims are usually read in that order already).
  const inOrder = outcomes.every((o, k) => k === 0 || outcomes[k - 1].claim.rowId < o.claim.rowId);
  const ordered = inOrder ? outcomes : [...outcomes].sort((a, b) => a.claim.rowId - b.claim.rowId);
  for (const o of ordered) {
    const payment = showsAmounts(o.decision) ? o.payment : null;
    rows.add([runId, o.claim.rowId, o.certificate?.rowId ?? null, o.flagIds.join(';'), o.capOrder, o.capClaims.join(';'), outcomeId(payment, o.decision, o.reasons)]);
  }
  rows.finish();
}

function byFlagId(a: Flag, b: Flag): number {
  return a.flagId < b.flagId ? -1 : a.flagId > b.flagId ? 1 : 0;
}

export function insertRun(
  db: Db,
  run: Omit<RunRecord, 'id'>,
  outcomes: ClaimOutcome[],
  flags: Flag[],
): number {
  const runId = Number(
    db.prepare(
      'INSERT INTO runs (created_at, os_user, policy_id, policy_sha256, policy_text, as_of, data_mark, claims, flags, batch_mark) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(run.created_at, run.os_user, run.policy_id, run.policy_sha256, run.policy_text, run.as_of, run.data_mark, run.claims, run.flags, run.batch_mark).lastInsertRowid,
  );
  insertDecisions(db, runId, outcomes);
  // Many at a time: a realistic run raises a flag for about one claim in five. In flag_id order, so
  // that they go in at the end of the table's key (run_id, flag_id): in the order raised, the ids
  // (keyed hashes) fall anywhere, and each of a city's flags touched a page of its own.
  const insertFlags = new BatchInsert(db, 'flags', FLAG_COLUMNS, 50);
  for (const f of [...flags].sort(byFlagId)) {
    insertFlags.add([
      runId, f.flagId, f.rule, f.severity, f.subjectType, f.subject, f.idNumber, f.classIds.join(';'), f.certNumbers.join(';'),
      f.institutionCode, f.claimIds.join(';'), f.detail.key, JSON.stringify(f.detail.params), f.sources.join(';'),
    ]);
  }
  insertFlags.finish();
  // Last: the database refuses to seal a run that lacks a decision or flag, and to add one after.
  db.prepare('INSERT INTO run_seals (run_id) VALUES (?)').run(runId);
  return runId;
}

/** A finished run: only a sealed one (a run row written by hand, without its seal, is not a run). */
export function findRun(db: Db, runId?: number): RunRecord | undefined {
  const sealed = 'id IN (SELECT run_id FROM run_seals)';
  return (runId === undefined
    ? db.prepare(`SELECT * FROM runs WHERE ${sealed} ORDER BY id DESC LIMIT 1`).get()
    : db.prepare(`SELECT * FROM runs WHERE id = ? AND ${sealed}`).get(runId)) as RunRecord | undefined;
}

/** Files withdrawn after the run (import withdraw): the run still holds their rows. */
export function withdrawalsAfter(db: Db, run: RunRecord): number {
  return (db.prepare('SELECT count(*) AS n FROM file_withdrawals WHERE after_run >= ?').get(run.id) as { n: number }).n;
}

/** Files imported after the run's data was read: the run no longer reflects them. */
export function importsAfter(db: Db, run: RunRecord): number {
  return (db.prepare('SELECT count(*) AS n FROM imported_files WHERE id > ?').get(run.data_mark) as { n: number }).n;
}

export interface DecisionRow {
  claim_id: string;
  class_id: string;
  institution_code: string;
  institution_name: string;
  training_type: string;
  project_based: number;
  name: string;
  id_number: string;
  phone: string | null;
  categories: string;
  occupation_code: string | null;
  occupation_name: string;
  level: number | null;
  start_date: string;
  end_date: string;
  cert_number: string | null;
  cert_type: string | null;
  cert_issue_date: string | null;
  decision: string;
  reasons: string;
  flags: string;
  kind: string | null;
  payee_type: string | null;
  payee_name: string | null;
  payee_code: string | null;
  fund: string | null;
  main_fen: number;
  living_fen: number;
  total_fen: number;
  advance_fen: number;
  balance_fen: number;
  claimed_amount_fen: number | null;
  file_name: string;
  line: number;
  roster_row_id: number;
  cert_row_id: number | null;
  cap_order: number | null;
  cap_claims: string;
  household: string | null;
  insured: number | null;
  employer_name: string | null;
  employer_code: string | null;
}

/**
 * A decision row as read: its values come as an array (better-sqlite3's raw mode) and are set in
 * one order, so that every row has the same hidden class (an object of forty named columns made
 * by the driver is a dictionary, several times slower to make and to read).
 */
class StoredDecisionRow implements DecisionRow {
  claim_id: string; class_id: string; institution_code: string; institution_name: string; training_type: string; project_based: number;
  name: string; id_number: string; phone: string | null; categories: string; occupation_code: string | null; occupation_name: string;
  level: number | null; start_date: string; end_date: string; household: string | null; insured: number | null; employer_name: string | null;
  cert_number: string | null; cert_type: string | null; cert_issue_date: string | null; decision: string; reasons: string; flags: string;
  kind: string | null; payee_type: string | null; employer_code: string | null; fund: string | null; main_fen: number; living_fen: number;
  total_fen: number; advance_fen: number; balance_fen: number; claimed_amount_fen: number | null; file_name: string; line: number;
  roster_row_id: number; cert_row_id: number | null; cap_order: number | null; cap_claims: string;
  payee_name: string | null = null;
  payee_code: string | null = null;

  constructor(v: readonly unknown[]) {
    this.claim_id = v[0] as string; this.class_id = v[1] as string; this.institution_code = v[2] as string; this.institution_name = v[3] as string;
    this.training_type = v[4] as string; this.project_based = v[5] as number; this.name = v[6] as string; this.id_number = v[7] as string;
    this.phone = v[8] as string | null; this.categories = v[9] as string; this.occupation_code = v[10] as string | null; this.occupation_name = v[11] as string;
    this.level = v[12] as number | null; this.start_date = v[13] as string; this.end_date = v[14] as string; this.household = v[15] as string | null;
    this.insured = v[16] as number | null; this.employer_name = v[17] as string | null; this.cert_number = v[18] as string | null;
    this.cert_type = v[19] as string | null; this.cert_issue_date = v[20] as string | null; this.decision = v[21] as string; this.reasons = v[22] as string;
    this.flags = v[23] as string; this.kind = v[24] as string | null; this.payee_type = v[25] as string | null; this.employer_code = v[26] as string | null;
    this.fund = v[27] as string | null; this.main_fen = v[28] as number; this.living_fen = v[29] as number; this.total_fen = v[30] as number;
    this.advance_fen = v[31] as number; this.balance_fen = v[32] as number; this.claimed_amount_fen = v[33] as number | null;
    this.file_name = v[34] as string; this.line = v[35] as number; this.roster_row_id = v[36] as number; this.cert_row_id = v[37] as number | null;
    this.cap_order = v[38] as number | null; this.cap_claims = v[39] as string;
  }
}

/**
 * A run's decision rows by claim_id (§8.1's order), with `where` narrowing them (on r: roster_rows,
 * d: decisions). The roster rows are the outer loop, read through their claim_id index, so the rows
 * come in order as they are read: a million rows need no sort, and the first is written at once.
 */
export function decisionRows(db: Db, runId: number, where = '', params: unknown[] = []): Iterable<DecisionRow> {
  const rows = db.prepare(
    `SELECT r.claim_id, r.class_id, r.institution_code, r.institution_name, r.training_type, r.project_based, r.name, r.id_number,
            r.phone, r.categories, r.occupation_code, r.occupation_name, r.level, r.start_date, r.end_date, r.household, r.insured,
            r.employer_name, c.cert_number, c.cert_type, c.issue_date AS cert_issue_date, d.decision, d.reasons, d.flags, d.kind,
            d.payee_type, r.employer_code,
            d.fund, d.main_fen, d.living_fen, d.total_fen, d.advance_fen, d.balance_fen,
            r.claimed_amount_fen, f.name AS file_name, r.line, d.roster_row_id, d.cert_row_id, d.cap_order, d.cap_claims
       FROM roster_rows r
      CROSS JOIN decisions d ON d.run_id = ? AND d.roster_row_id = r.id
       JOIN imported_files f ON f.id = r.file_id
       LEFT JOIN certificates c ON c.id = d.cert_row_id
      WHERE 1 ${where}
      ORDER BY r.claim_id`,
  ).raw(true).iterate(runId, ...params) as Iterable<unknown[]>;
  return withPayee(rows);
}

/** The rows with their payee (step 11's payee type, named from the roster row as the core names it). */
function* withPayee(rows: Iterable<unknown[]>): Generator<DecisionRow> {
  for (const values of rows) {
    const r = new StoredDecisionRow(values);
    const payee = r.payee_type
      ? payeeOf({
        institutionName: r.institution_name, institutionCode: r.institution_code, employerName: r.employer_name, employerCode: r.employer_code,
        name: r.name, idNumber: r.id_number,
      }, r.payee_type as PayeeType)
      : null;
    r.payee_name = payee?.name ?? null;
    r.payee_code = payee?.code ?? null;
    yield r;
  }
}

/** A span of claim ids, `from` included and `below` not; null: unbounded on that side. */
export interface ClaimIdRange {
  from: string | null;
  below: string | null;
}

/** decisionRows' narrowing to the claims of a range (read through the claim_id index). */
export function claimIdRangeWhere(range: ClaimIdRange): { where: string; params: string[] } {
  const where: string[] = [];
  const params: string[] = [];
  if (range.from !== null) {
    where.push('AND r.claim_id >= ?');
    params.push(range.from);
  }
  if (range.below !== null) {
    where.push('AND r.claim_id < ?');
    params.push(range.below);
  }
  return { where: where.join(' '), params };
}

/**
 * Claim ids that cut the roster, in claim_id order, into spans of about `rows` rows each (every
 * row counted, replaced ones too: the spans are even enough to share work, not exact); the index
 * alone is read, a few hundredths of a second for a million rows.
 */
export function claimIdCuts(db: Db, rows: number): string[] {
  const next = db.prepare('SELECT claim_id FROM roster_rows WHERE claim_id > ? ORDER BY claim_id LIMIT 1 OFFSET ?').pluck();
  const cuts: string[] = [];
  for (let last = ''; ;) {
    const cut = next.get(last, rows - 1) as string | undefined;
    if (cut === undefined) return cuts;
    cuts.push(cut);
    last = cut;
  }
}

export interface FlagRow {
  flag_id: string;
  rule: string;
  severity: string;
  subject_type: string;
  subject: string;
  id_number: string | null;
  class_ids: string;
  cert_numbers: string;
  institution_code: string | null;
  claim_ids: string;
  detail_key: string;
  detail_params: string;
  sources: string;
}

/** A run's flags (with `rule`, only that rule's) in §8.3's order: severity (high, medium, low), then rule, then subject (BINARY: code point order). */
export function flagRows(db: Db, runId: number, rule?: string): FlagRow[] {
  return db.prepare(
    `SELECT flag_id, rule, severity, subject_type, subject, id_number, class_ids, cert_numbers, institution_code, claim_ids,
            detail_key, detail_params, sources
       FROM flags WHERE run_id = ?${rule === undefined ? '' : ' AND rule = ?'}
      ORDER BY CASE severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, rule, subject, flag_id`,
  ).all(...(rule === undefined ? [runId] : [runId, rule])) as FlagRow[];
}

/** A run's flags with only what the scorecards and the returns count, unordered (flagRows reads every column and sorts). */
export function flagCounts(db: Db, runId: number): Pick<FlagRow, 'flag_id' | 'rule' | 'severity' | 'subject_type' | 'subject'>[] {
  return db.prepare('SELECT flag_id, rule, severity, subject_type, subject FROM flags WHERE run_id = ?').all(runId) as FlagRow[];
}

/** The certificate (step 8) each claim of a run uses, with the claim's decision (§8.8: the claims an issuer's certificates fund). */
export function certificateUses(db: Db, runId: number): Iterable<[certRowId: number, decision: string]> {
  return db.prepare('SELECT cert_row_id, decision FROM decisions WHERE run_id = ? AND cert_row_id IS NOT NULL').raw(true).iterate(runId) as Iterable<[number, string]>;
}

/**
 * A run's claims with only what §8.8's institutions need, unordered: decisionRows names the
 * payee and sorts by claim_id, which for a million claims takes several times as long.
 */
export function scorecardClaims(db: Db, runId: number): Iterable<[
  institutionCode: string, institutionName: string, classId: string, idNumber: string, decision: string, totalFen: number,
  startDate: string, endDate: string, trainingType: string, certRowId: number | null, flags: string,
]> {
  return db.prepare(
    `SELECT r.institution_code, r.institution_name, r.class_id, r.id_number, d.decision, d.total_fen, r.start_date, r.end_date,
            r.training_type, d.cert_row_id, d.flags
       FROM decisions d JOIN roster_rows r ON r.id = d.roster_row_id
      WHERE d.run_id = ?`,
  ).raw(true).iterate(runId) as Iterable<[string, string, string, string, string, number, string, string, string, number | null, string]>;
}
