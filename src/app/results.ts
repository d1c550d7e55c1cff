// SPEC §8.1 and §8.2: the approval list and the payment summary of a stored run, as rows of
// output values (yuan with two decimals), and the public notice ((十四) 公开): paid claims in
// nine columns, names and ID numbers masked.

import type { Db } from '../store/database.js';
import { claimIdRangeWhere, decisionRows, type ClaimIdRange, type DecisionRow } from '../store/runs.js';

export { claimIdCuts, type ClaimIdRange } from '../store/runs.js';
import { formatFen } from '../core/normalise/money.js';
import { idFacts, maskIdNumber } from '../core/normalise/id-number.js';
import { inPeriod, type Period } from '../core/report/period.js';
import { isPaid } from '../core/facts/paid.js';
import { advanceShares } from '../core/ledger/due.js';

export const APPROVAL_COLUMNS = [
  'claim_id', 'class_id', 'institution_code', 'institution_name', 'training_type', 'project_based', 'name', 'id_number', 'sex',
  'birth_date', 'categories', 'occupation_code', 'occupation_name', 'level', 'start_date', 'end_date', 'cert_number', 'cert_type',
  'cert_issue_date', 'decision', 'reasons', 'flags', 'kind', 'payee_type', 'payee_name', 'payee_code', 'fund', 'main_subsidy',
  'living_allowance', 'total', 'advance', 'balance', 'claimed_amount', 'source',
] as const;
/**
 * §8.1 (十四) 公开: the public notice's columns, and nothing else — no flags, reasons, codes or
 * claim ids, nothing an outsider could compute from personal data.
 */
export const PUBLIC_COLUMNS = [
  'institution_name', 'class_id', 'name', 'id_number', 'training_type', 'occupation_name', 'level', 'kind', 'total',
] as const;

export type ApprovalRow = Record<(typeof APPROVAL_COLUMNS)[number], string | number | null>;

export function approvalRow(d: DecisionRow, asOf: string): ApprovalRow {
  const facts = idFacts(d.id_number, asOf);
  return {
    claim_id: d.claim_id,
    class_id: d.class_id,
    institution_code: d.institution_code,
    institution_name: d.institution_name,
    training_type: d.training_type,
    project_based: d.project_based ? 'yes' : 'no',
    name: d.name,
    id_number: d.id_number,
    sex: facts.sex ?? '',
    birth_date: facts.birthDate ?? '',
    categories: d.categories,
    occupation_code: d.occupation_code ?? '',
    occupation_name: d.occupation_name,
    level: d.level ?? '',
    start_date: d.start_date,
    end_date: d.end_date,
    cert_number: d.cert_number ?? '',
    cert_type: d.cert_type ?? '',
    cert_issue_date: d.cert_issue_date ?? '',
    decision: d.decision,
    reasons: d.reasons,
    flags: d.flags,
    kind: d.kind ?? '',
    payee_type: d.payee_type ?? '',
    payee_name: d.payee_name ?? '',
    payee_code: d.payee_code ?? '',
    fund: d.fund ?? '',
    main_subsidy: formatFen(d.main_fen),
    living_allowance: formatFen(d.living_fen),
    total: formatFen(d.total_fen),
    advance: formatFen(d.advance_fen),
    balance: formatFen(d.balance_fen),
    claimed_amount: d.claimed_amount_fen === null ? '' : formatFen(d.claimed_amount_fen),
    source: `${d.file_name}:${d.line}`,
  };
}

/** §8.1: the name's first character, then `*` for each further one (张* , 欧阳**). */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length === 0 ? '' : chars[0] + '*'.repeat(chars.length - 1);
}

export type PublicRow = Record<(typeof PUBLIC_COLUMNS)[number], string | number | null>;

export function publicRow(d: DecisionRow): PublicRow {
  return {
    institution_name: d.institution_name,
    class_id: d.class_id,
    name: maskName(d.name),
    id_number: maskIdNumber(d.id_number),
    training_type: d.training_type,
    occupation_name: d.occupation_name,
    level: d.level ?? '',
    kind: d.kind ?? '',
    total: formatFen(d.total_fen),
  };
}

/**
 * §8.1: the run's claims by claim_id, read as they are written out (a million rows are never held
 * at once); `claimIds`: only those of a range (a list written in ranges, on two cores).
 */
export function* listApprovals(
  db: Db, runId: number, asOf: string, options: { period: Period | null; decision?: string; claimIds?: ClaimIdRange },
): Generator<ApprovalRow> {
  const range = options.claimIds ? claimIdRangeWhere(options.claimIds) : { where: '', params: [] };
  for (const d of decisionRows(db, runId, range.where, range.params)) {
    if (!inPeriod(d.end_date, options.period)) continue;
    if (options.decision && d.decision !== options.decision) continue;
    yield approvalRow(d, asOf);
  }
}

/** §8.1 --public: the approved and partial claims only, in the public columns. */
export function* listPublicNotice(db: Db, runId: number, options: { period: Period | null; decision?: string }): Generator<PublicRow> {
  for (const d of decisionRows(db, runId)) {
    if (!isPaid(d.decision)) continue;
    if (!inPeriod(d.end_date, options.period)) continue;
    if (options.decision && d.decision !== options.decision) continue;
    yield publicRow(d);
  }
}

export interface PaymentLine {
  payee_type: string;
  payee_code: string;
  payee_name: string;
  fund: string;
  /** `main` (the subsidy of step 9 to its payee) or `living` (step 12's allowance to the person). */
  component: 'main' | 'living';
  claims: number;
  total: number;
  advance: number;
  balance: number;
}

export const PAYMENT_COLUMNS = ['payee_type', 'payee_code', 'payee_name', 'fund', 'component', 'claims', 'total', 'advance', 'balance'] as const;

/** §8.2's order, compared by code point: payee_type, payee_code, fund, component (then the name, for employers without a code). */
const PAYMENT_ORDER: readonly (keyof PaymentLine)[] = ['payee_type', 'payee_code', 'fund', 'component', 'payee_name'];

function comparePaymentLines(a: PaymentLine, b: PaymentLine): number {
  for (const key of PAYMENT_ORDER) {
    const x = String(a[key]);
    const y = String(b[key]);
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * §8.2: one line per payee, fund and component for paid claims (approved, partial); the living
 * allowance is a line of its own for the person, from funds.default, apart from a main subsidy
 * paid to the same person from the same fund. A claim's advance is shared between its main
 * subsidy and its living allowance in proportion as §10 shares it (the main share half up, the
 * living share the rest), so every line adds up and matches what the ledger pays.
 */
export function paymentLines(db: Db, runId: number, period: Period | null, defaultFund: string): PaymentLine[] {
  const lines = new Map<string, PaymentLine>();
  const add = (component: PaymentLine['component'], payeeType: string, code: string, name: string, fund: string, total: number, advance: number) => {
    const key = [payeeType, code, name, fund, component].join('\u0000');
    const line = lines.get(key) ?? { payee_type: payeeType, payee_code: code, payee_name: name, fund, component, claims: 0, total: 0, advance: 0, balance: 0 };
    line.claims++;
    line.total += total;
    line.advance += advance;
    line.balance += total - advance;
    lines.set(key, line);
  };
  for (const d of decisionRows(db, runId)) {
    if (!isPaid(d.decision)) continue;
    if (!inPeriod(d.end_date, period)) continue;
    // The same shares the ledger pays while the class runs (SPEC §10).
    const share = advanceShares(d.advance_fen, d.main_fen, d.total_fen);
    if (d.main_fen > 0) add('main', d.payee_type!, d.payee_code ?? '', d.payee_name ?? '', d.fund!, d.main_fen, share.main);
    if (d.living_fen > 0) add('living', 'person', d.id_number, d.name, defaultFund, d.living_fen, share.living);
  }
  return [...lines.values()].sort(comparePaymentLines);
}
