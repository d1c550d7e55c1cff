// SPEC §8.4 — (十五) 统计季报、年报 against the targets of (二): the figures of a quarterly or
// annual return, computed from a stored run. A claim counts in the period holding its class's
// end_date, a certificate in the period holding its issue_date. "Paid" is approved or partial.

import { formatFen } from '../normalise/money.js';
import type { Policy } from '../policy/types.js';
import type { Period } from './period.js';

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

const DECISIONS = ['approved', 'partial', 'rejected', 'pending', 'review'] as const;
const isPaid = (c: ReportClaim) => c.decision === 'approved' || c.decision === 'partial';
const ratio = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 10000) / 10000);

function count<T>(items: T[], key: (item: T) => string | string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) {
    const k = key(item);
    for (const one of Array.isArray(k) ? k : [k]) out[one] = (out[one] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function sumFen<T>(items: T[], key: (item: T) => string | null, fen: (item: T) => number): Record<string, string> {
  const out: Record<string, number> = {};
  for (const item of items) {
    const k = key(item);
    if (k === null || fen(item) === 0) continue;
    out[k] = (out[k] ?? 0) + fen(item);
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, formatFen(v)]));
}

function blocks(claims: ReportClaim[], certificates: ReportCertificate[], from: string, to: string, policy: Policy) {
  const inRange = claims.filter((c) => c.endDate >= from && c.endDate <= to);
  const paid = inRange.filter(isPaid);
  const certs = certificates.filter((c) => c.issueDate >= from && c.issueDate <= to);
  const byDecision = Object.fromEntries(DECISIONS.map((d) => [d, 0])) as Record<string, number>;
  for (const c of inRange) byDecision[c.decision]++;
  const byLevel: Record<string, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, none: 0 };
  for (const c of certs) byLevel[c.level === null ? 'none' : String(c.level)]++;
  const withLevel = certs.filter((c) => c.level !== null).length;
  const highSkilled = certs.filter((c) => c.level !== null && c.level <= 3).length;
  const byFund: Record<string, number> = {};
  for (const c of paid) {
    if (c.fund && c.mainFen) byFund[c.fund] = (byFund[c.fund] ?? 0) + c.mainFen;
    if (c.livingFen) byFund[policy.funds.default] = (byFund[policy.funds.default] ?? 0) + c.livingFen;
  }
  const total = (f: (c: ReportClaim) => number) => formatFen(paid.reduce((s, c) => s + f(c), 0));
  return {
    claims: { total: inRange.length, by_decision: byDecision },
    person_times: { subsidised: paid.length, by_training_type: count(paid, (c) => c.trainingType), by_category: count(paid, (c) => c.categories) },
    persons: { subsidised: new Set(paid.map((c) => c.idNumber)).size },
    certificates: {
      total: certs.length, by_type: count(certs, (c) => c.certType), by_level: byLevel, high_skilled_share: ratio(highSkilled, withLevel),
    },
    subsidies: {
      total: total((c) => c.totalFen),
      by_kind: sumFen(paid, (c) => c.kind, (c) => c.mainFen),
      by_fund: Object.fromEntries(Object.entries(byFund).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, formatFen(v)])),
      living_allowance: total((c) => c.livingFen),
      advance: total((c) => c.advanceFen),
      balance: total((c) => c.balanceFen),
    },
  };
}

export type ReturnBlocks = ReturnType<typeof blocks>;

export interface StatisticalReturn extends ReturnBlocks {
  period: { kind: 'quarter' | 'year'; label: string; from: string; to: string };
  policy: string;
  run: number;
  flags: { total: number; by_rule: Record<string, number>; by_severity: Record<string, number> };
  targets: {
    year: number; person_times_target: number | null; person_times_ytd: number; progress: number;
    apprentices_cumulative: number; apprentices_target: number;
  };
  cumulative?: ReturnBlocks;
}

export function computeReturn(
  input: { claims: ReportClaim[]; certificates: ReportCertificate[]; flags: ReportFlag[]; policy: Policy; runId: number },
  period: Period,
): StatisticalReturn {
  const { claims, certificates, flags, policy } = input;
  const yearStart = `${period.year}-01-01`;
  const ytd = claims.filter((c) => isPaid(c) && c.endDate >= yearStart && c.endDate <= period.to).length;
  const target = policy.targets.personTimes[String(period.year)] ?? null;
  const apprentices = new Set(
    claims.filter((c) => isPaid(c) && c.trainingType === 'apprenticeship' && c.endDate >= policy.period.from && c.endDate <= period.to).map((c) => c.idNumber),
  ).size;
  const result: StatisticalReturn = {
    period: { kind: period.kind, label: period.label, from: period.from, to: period.to },
    policy: policy.id,
    run: input.runId,
    ...blocks(claims, certificates, period.from, period.to, policy),
    flags: { total: flags.length, by_rule: count(flags, (f) => f.rule), by_severity: count(flags, (f) => f.severity) },
    targets: {
      year: period.year, person_times_target: target, person_times_ytd: ytd, progress: target ? ratio(ytd, target) : 0,
      apprentices_cumulative: apprentices, apprentices_target: policy.targets.apprenticesTotal,
    },
  };
  if (period.kind === 'year') result.cumulative = blocks(claims, certificates, policy.period.from, period.to, policy);
  return result;
}
