// (十五) 统计季报、年报 as a bureau files them (SPEC §8.4's table, Markdown, HTML and XLSX forms):
// one row per indicator, and side by side the period (本期), the year to the period's end
// (本年累计) and the action since the policy period began (行动累计), with the target of (二)
// where the plan sets one, its completion rate and the share of the target's time already
// gone (时间进度), so a reader sees at once whether the work keeps pace. Each target is read
// against the column it covers: a year's person-times against 本年累计, the three-year total
// (the sum of the yearly targets), the 2,000 apprentices and the 32 % high-skilled share
// against 行动累计. The fraud flags are not statistics the bureau reports upward: they stay
// in an internal annex. The figures themselves are returns.ts's, for three ranges of dates.

import { apprenticesIn, computeReturn, disbursedIn, returnBlocks, type ReturnBlocks, type ReturnInput, type StatisticalReturn } from './returns.js';
import type { Period } from './period.js';

/** How an indicator is counted: the unit printed beside it. */
export type FiledUnit = 'person_times' | 'persons' | 'certificates' | 'yuan' | 'share' | 'batches';

/** What a row is about, for its label: a fixed indicator, or one value of an enum (a decision, a training type …). */
export interface FiledLabel {
  /** A fixed indicator (`claims`, `person_times`, `subsidies` …) or the enum the value belongs to. */
  key: string;
  value?: string;
}

export interface FiledLine {
  label: FiledLabel;
  /** 0: a section heading (no figures); 1: an indicator; 2: a breakdown of the indicator above (其中). */
  depth: 0 | 1 | 2;
  unit: FiledUnit | null;
  /** 本期, 本年累计, 行动累计: counts, yuan (two decimals), or a share between 0 and 1. */
  period: number | null;
  ytd: number | null;
  sinceStart: number | null;
  /** The plan's target for this row, in its unit; null where the plan sets none. */
  target: number | null;
  /** The column the target is read against, divided by the target (4 decimals). */
  completion: number | null;
  /** Share of the target's time gone by the period's end (4 decimals); null for a target without a time line. */
  pace: number | null;
}

export interface FiledReturn {
  /** The return as JSON gives it (SPEC §8.4), for the header, the annex and the charts. */
  statistics: StatisticalReturn;
  /** The run's as-of date: the data the return was decided on. */
  asOf: string;
  /** The date ranges of the three columns. */
  ranges: { period: [string, string]; ytd: [string, string]; sinceStart: [string, string] };
  lines: FiledLine[];
}

const round4 = (x: number) => Math.round(x * 10000) / 10000;
const DAY_MS = 86_400_000;
const days = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;

/** The share of [from, to] gone by `at` (inclusive), between 0 and 1. */
function elapsed(from: string, to: string, at: string): number {
  if (at < from) return 0;
  if (at >= to) return 1;
  return round4(days(from, at) / days(from, to));
}

export function computeFiledReturn(input: ReturnInput, period: Period, asOf: string): FiledReturn {
  const { policy } = input;
  const statistics = computeReturn(input, period);
  const yearFrom = `${period.year}-01-01`;
  const start = policy.period.from;
  const ranges: FiledReturn['ranges'] = { period: [period.from, period.to], ytd: [yearFrom, period.to], sinceStart: [start, period.to] };
  const blocks: ReturnBlocks[] = [
    returnBlocks(input.claims, input.certificates, period.from, period.to, policy),
    returnBlocks(input.claims, input.certificates, yearFrom, period.to, policy),
    returnBlocks(input.claims, input.certificates, start, period.to, policy),
  ];
  const ledger = input.ledger ?? [];
  const disbursed = [disbursedIn(ledger, period.from, period.to), disbursedIn(ledger, yearFrom, period.to), disbursedIn(ledger, start, period.to)];
  const apprentices = [apprenticesIn(input.claims, period.from, period.to), apprenticesIn(input.claims, yearFrom, period.to), apprenticesIn(input.claims, start, period.to)];

  const lines: FiledLine[] = [];
  /** A title row, without figures: a section (depth 0) or a breakdown's (按培训类型分 …, depth 1) above the rows it heads. */
  const title = (key: string, depth: 0 | 1) => lines.push({ label: { key }, depth, unit: null, period: null, ytd: null, sinceStart: null, target: null, completion: null, pace: null });
  const heading = (key: string) => title(key, 0);
  const subheading = (key: string) => title(key, 1);
  const row = (label: FiledLabel, depth: 1 | 2, unit: FiledUnit, values: (number | null)[], goal?: { target: number | null; against: 'ytd' | 'sinceStart'; pace: number | null }) => {
    const [p, y, s] = values;
    const against = goal?.against === 'ytd' ? y : s;
    const target = goal?.target ?? null;
    lines.push({
      label, depth, unit, period: p, ytd: y, sinceStart: s, target,
      completion: target === null || against === null ? null : target === 0 ? 0 : round4(against / target),
      pace: target === null ? null : goal?.pace ?? null,
    });
  };
  const each = (f: (b: ReturnBlocks) => number) => blocks.map(f);
  const yuan = (f: (b: ReturnBlocks) => string) => blocks.map((b) => Number(f(b)));
  const mapRows = (key: string, unit: FiledUnit, get: (b: ReturnBlocks) => Record<string, number | string>) => {
    for (const value of Object.keys(get(blocks[0]))) row({ key, value }, 2, unit, blocks.map((b) => Number(get(b)[value] ?? 0)));
  };

  const yearTarget = policy.targets.personTimes[String(period.year)] ?? null;
  const planYears = Object.entries(policy.targets.personTimes).filter(([y]) => `${y}-01-01` >= start && `${y}-12-31` <= policy.period.to);
  const actionTarget = planYears.length > 0 ? planYears.reduce((sum, [, n]) => sum + n, 0) : null;
  const yearPace = elapsed(yearFrom, `${period.year}-12-31`, period.to);
  const actionPace = elapsed(start, policy.period.to, period.to);

  heading('claims');
  row({ key: 'claims' }, 1, 'person_times', each((b) => b.claims.total));
  mapRows('decision', 'person_times', (b) => b.claims.by_decision);

  heading('training');
  row({ key: 'person_times' }, 1, 'person_times', each((b) => b.person_times.subsidised), { target: yearTarget, against: 'ytd', pace: yearPace });
  // The three-year total is a target of the action as a whole: only its column is shown.
  row({ key: 'person_times_action' }, 1, 'person_times', [null, null, blocks[2].person_times.subsidised], { target: actionTarget, against: 'sinceStart', pace: actionPace });
  subheading('by_training_type');
  mapRows('training_type', 'person_times', (b) => b.person_times.by_training_type);
  subheading('by_category');
  mapRows('categories', 'person_times', (b) => b.person_times.by_category);
  row({ key: 'persons' }, 1, 'persons', each((b) => b.persons.subsidised));
  row({ key: 'apprentices' }, 1, 'persons', apprentices, { target: policy.targets.apprenticesTotal, against: 'sinceStart', pace: actionPace });

  heading('certificates');
  row({ key: 'certificates' }, 1, 'certificates', each((b) => b.certificates.total));
  subheading('by_cert_type');
  mapRows('cert_type', 'certificates', (b) => b.certificates.by_type);
  subheading('by_level');
  mapRows('level', 'certificates', (b) => b.certificates.by_level);
  row({ key: 'high_skilled_share' }, 1, 'share', each((b) => b.certificates.high_skilled_share), { target: policy.targets.highSkilledShare2021, against: 'sinceStart', pace: null });

  heading('subsidies');
  row({ key: 'subsidies' }, 1, 'yuan', yuan((b) => b.subsidies.total));
  subheading('by_kind');
  mapRows('kind', 'yuan', (b) => b.subsidies.by_kind);
  row({ key: 'living_allowance' }, 2, 'yuan', yuan((b) => b.subsidies.living_allowance));
  subheading('by_fund');
  mapRows('fund', 'yuan', (b) => b.subsidies.by_fund);
  row({ key: 'advance' }, 1, 'yuan', yuan((b) => b.subsidies.advance));
  row({ key: 'balance' }, 1, 'yuan', yuan((b) => b.subsidies.balance));

  heading('disbursed');
  row({ key: 'payments' }, 1, 'yuan', disbursed.map((d) => Number(d.payments)));
  row({ key: 'recoveries' }, 1, 'yuan', disbursed.map((d) => Number(d.recoveries)));
  row({ key: 'net' }, 1, 'yuan', disbursed.map((d) => Number(d.net)));
  subheading('by_fund');
  for (const fund of Object.keys(disbursed[0].by_fund)) row({ key: 'fund', value: fund }, 2, 'yuan', disbursed.map((d) => Number(d.by_fund[fund] ?? 0)));
  row({ key: 'batches' }, 1, 'batches', disbursed.map((d) => d.batches));

  return { statistics, asOf, ranges, lines };
}
