// SPEC §8.4 — (十五) 统计季报、年报 against the targets of (二): the figures of a quarterly or
// annual return, computed from a stored run. A claim counts in the period holding its class's
// end_date, a certificate in the period holding its issue_date. "Paid" is approved or partial.
// A period outside the policy period counts by the same keys; its year has no target (null).
// Every map lists every key it can have, zeros included; a ratio over zero is 0.

import { formatFen } from '../normalise/money.js';
import { CATEGORIES, CERT_TYPES, TRAINING_TYPES } from '../normalise/enums.js';
import { FUNDS, KINDS, type Policy } from '../policy/types.js';
import { FLAG_RULES } from '../flags/raise-flags.js';
import type { Period } from './period.js';
import { isPaid } from '../facts/paid.js';
import { DECISIONS } from '../decide/types.js';

export interface ReportClaim {
  endDate: string;
  decision: string;
  trainingType: string;
  categories: string[];
  idNumber: string;
  kind: string | null;
  fund: string | null;
  mainFen: number;
  livingFen: number;
  totalFen: number;
  advanceFen: number;
  balanceFen: number;
}

export interface ReportCertificate {
  issueDate: string;
  certType: string;
  level: number | null;
}

export interface ReportFlag {
  rule: string;
  severity: string;
}

/** One ledger line (§10): positive a payment, negative a recovery. */
export interface ReportLedgerLine {
  batch: number;
  /** The batch's payment date. */
  date: string;
  fund: string;
  amountFen: number;
}

const SEVERITIES = ['high', 'medium', 'low'] as const;
const LEVEL_KEYS = ['1', '2', '3', '4', '5', 'none'] as const;
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sortedKeys = (o: object) => Object.keys(o).sort(byCodePoint);
const paidClaim = (c: ReportClaim) => isPaid(c.decision);
const ratio = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 10000) / 10000);

/** A count for every key in `keys` (in that order), zeros included; a value outside them is added after. */
function count<T>(items: T[], keys: readonly string[], key: (item: T) => string | string[]): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(keys.map((k) => [k, 0]));
  for (const item of items) {
    const k = key(item);
    for (const one of Array.isArray(k) ? k : [k]) out[one] = (out[one] ?? 0) + 1;
  }
  return out;
}

/** Yuan with two decimals for every key in `keys`, zeros included. */
function sumFen(keys: readonly string[], add: (into: (key: string, fen: number) => void) => void): Record<string, string> {
  const out: Record<string, number> = Object.fromEntries(keys.map((k) => [k, 0]));
  add((key, fen) => {
    out[key] = (out[key] ?? 0) + fen;
  });
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, formatFen(v)]));
}

/** The figures of claims whose class ended, and certificates issued, from `from` to `to` (inclusive). */
export function returnBlocks(claims: readonly ReportClaim[], certificates: readonly ReportCertificate[], from: string, to: string, policy: Policy) {
  const inRange = claims.filter((c) => c.endDate >= from && c.endDate <= to);
  const paid = inRange.filter(paidClaim);
  const certs = certificates.filter((c) => c.issueDate >= from && c.issueDate <= to);
  const byDecision = count(inRange, DECISIONS, (c) => c.decision);
  const byLevel = count(certs, LEVEL_KEYS, (c) => (c.level === null ? 'none' : String(c.level)));
  const withLevel = certs.filter((c) => c.level !== null).length;
  const highSkilled = certs.filter((c) => c.level !== null && c.level <= 3).length;
  const total = (f: (c: ReportClaim) => number) => formatFen(paid.reduce((s, c) => s + f(c), 0));
  return {
    claims: { total: inRange.length, by_decision: byDecision },
    person_times: {
      subsidised: paid.length,
      by_training_type: count(paid, sortedKeys(TRAINING_TYPES), (c) => c.trainingType),
      by_category: count(paid, sortedKeys(CATEGORIES), (c) => c.categories),
    },
    persons: { subsidised: new Set(paid.map((c) => c.idNumber)).size },
    certificates: {
      total: certs.length, by_type: count(certs, sortedKeys(CERT_TYPES), (c) => c.certType), by_level: byLevel, high_skilled_share: ratio(highSkilled, withLevel),
    },
    subsidies: {
      total: total((c) => c.totalFen),
      by_kind: sumFen([...KINDS].sort(byCodePoint), (add) => {
        for (const c of paid) if (c.kind) add(c.kind, c.mainFen);
      }),
      // The main subsidy by its fund, the living allowance under funds.default: adds up to total.
      by_fund: sumFen([...FUNDS].sort(byCodePoint), (add) => {
        for (const c of paid) {
          if (c.fund) add(c.fund, c.mainFen);
          add(policy.funds.default, c.livingFen);
        }
      }),
      living_allowance: total((c) => c.livingFen),
      advance: total((c) => c.advanceFen),
      balance: total((c) => c.balanceFen),
    },
  };
}

export type ReturnBlocks = ReturnType<typeof returnBlocks>;

export interface StatisticalReturn extends ReturnBlocks {
  period: { kind: 'quarter' | 'year'; label: string; from: string; to: string };
  policy: string;
  run: number;
  /** The policy's `returns` block: 表号, 制表机关, 填报单位 ('' to be filled in by hand). */
  header: { form_number: string; compiled_by: string; reporting_unit: string };
  flags: { total: number; by_rule: Record<string, number>; by_severity: Record<string, number> };
  disbursed: { payments: string; recoveries: string; net: string; by_fund: Record<string, string>; batches: number };
  targets: {
    year: number; person_times_target: number | null; person_times_ytd: number; progress: number | null;
    apprentices_cumulative: number; apprentices_target: number; high_skilled_share_target: number;
  };
  cumulative?: ReturnBlocks;
}

/** What a return is computed from: a stored run's claims and flags, the active certificates, the ledger. */
export interface ReturnInput {
  claims: ReportClaim[];
  certificates: ReportCertificate[];
  flags: ReportFlag[];
  ledger?: ReportLedgerLine[];
  policy: Policy;
  runId: number;
}

export function computeReturn(input: ReturnInput, period: Period): StatisticalReturn {
  const { claims, certificates, flags, policy } = input;
  const yearStart = `${period.year}-01-01`;
  const ytd = claims.filter((c) => paidClaim(c) && c.endDate >= yearStart && c.endDate <= period.to).length;
  // A year without a target (outside the plan, or not set) has none: null, not 0.
  const target = policy.targets.personTimes[String(period.year)] ?? null;
  const apprentices = apprenticesIn(claims, policy.period.from, period.to);
  const result: StatisticalReturn = {
    period: { kind: period.kind, label: period.label, from: period.from, to: period.to },
    policy: policy.id,
    run: input.runId,
    header: { form_number: policy.returns.formNumber, compiled_by: policy.returns.compiledBy, reporting_unit: policy.returns.reportingUnit },
    ...returnBlocks(claims, certificates, period.from, period.to, policy),
    flags: {
      total: flags.length,
      by_rule: count(flags, FLAG_RULES.map((r) => r.rule).sort(byCodePoint), (f) => f.rule),
      by_severity: count(flags, SEVERITIES, (f) => f.severity),
    },
    disbursed: disbursedIn(input.ledger ?? [], period.from, period.to),
    targets: {
      year: period.year, person_times_target: target, person_times_ytd: ytd, progress: target === null ? null : ratio(ytd, target),
      apprentices_cumulative: apprentices, apprentices_target: policy.targets.apprenticesTotal,
      high_skilled_share_target: policy.targets.highSkilledShare2021,
    },
  };
  if (period.kind === 'year') result.cumulative = returnBlocks(claims, certificates, policy.period.from, period.to, policy);
  return result;
}

/** Distinct persons with a paid apprenticeship claim whose class ended from `from` to `to` (the plan's 2,000 new apprentices). */
export function apprenticesIn(claims: readonly ReportClaim[], from: string, to: string): number {
  return new Set(claims.filter((c) => paidClaim(c) && c.trainingType === 'apprenticeship' && c.endDate >= from && c.endDate <= to).map((c) => c.idNumber)).size;
}

/** The ledger lines of batches dated from `from` to `to`, whatever run they came from (§8.4 `disbursed`). */
export function disbursedIn(ledger: readonly ReportLedgerLine[], from: string, to: string): StatisticalReturn['disbursed'] {
  const lines = ledger.filter((l) => l.date >= from && l.date <= to);
  const payments = lines.reduce((s, l) => s + Math.max(0, l.amountFen), 0);
  const recoveries = lines.reduce((s, l) => s + Math.max(0, -l.amountFen), 0);
  return {
    payments: formatFen(payments),
    recoveries: formatFen(recoveries),
    net: formatFen(payments - recoveries),
    by_fund: sumFen([...FUNDS].sort(byCodePoint), (add) => {
      for (const l of lines) add(l.fund, l.amountFen);
    }),
    batches: new Set(lines.map((l) => l.batch)).size,
  };
}
