// SPEC §5: checks a parsed policy document and reports every problem by its path
// (`rates.certificate.skill_level.3: expected a number or dated values`), or returns the Policy.
// Issue #15 item 11: rates are money — yuan with at most two decimals, at most 1,000,000 a rate —
// and a key the policy does not know is reported with the nearest one it does (`limts`: did you
// mean `limits`?), so that a misspelt key never leaves a default silently in force.

import { isIsoDate } from '../normalise/dates.js';
import { CATEGORIES, CERT_TYPES, TRAINING_TYPES, type Category, type CertType, type TrainingType } from '../normalise/enums.js';
import { FUNDS, KINDS, type Dated, type LevelRates, type Pays, type Policy, type TrainingTypeRule, type Kind } from './types.js';

type Obj = Record<string, unknown>;
const LEVELS = ['1', '2', '3', '4', '5'] as const;
/** The largest rate in yuan (a rate is per certificate, year, month or day). */
export const MAX_RATE_YUAN = 1_000_000;
/** The largest other number: counts, days, targets. */
const MAX_NUMBER = 10_000_000;

/** What a dated value holds: money (yuan, two decimals at most) or a bounded count. */
type Amount = { money: true } | { money?: false; max: number; integer?: boolean };
const MONEY: Amount = { money: true };

function amountProblem(v: unknown, amount: Amount): string | null {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
    return amount.money ? `expected an amount in yuan ≥ 0, at most ${MAX_RATE_YUAN.toLocaleString('en-US')}` : `expected a number from 0 to ${amount.max}`;
  }
  if (amount.money) {
    if (v > MAX_RATE_YUAN) return `${v} yuan is above the ceiling of ${MAX_RATE_YUAN.toLocaleString('en-US')} yuan for one rate`;
    // Yuan with at most two decimals: 500.005 is not money, and is never rounded silently.
    if (Math.abs(v * 100 - Math.round(v * 100)) > 1e-6) return `${v} has more than two decimals; amounts are yuan and fen (e.g. 500.05)`;
    return null;
  }
  if (v > amount.max) return `expected a number from 0 to ${amount.max}`;
  if (amount.integer && !Number.isInteger(v)) return `expected a whole number from 0 to ${amount.max}`;
  return null;
}
const PAYS: readonly Pays[] = ['certificate', 'per_year', 'per_month'];

class Checker {
  readonly problems: string[] = [];

  fail(path: string, message: string): undefined {
    this.problems.push(`${path}: ${message}`);
    return undefined;
  }

  obj(value: unknown, path: string): Obj | undefined {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Obj;
    return this.fail(path, value === undefined ? 'missing' : 'expected a mapping');
  }

  str(o: Obj | undefined, key: string, path: string): string {
    const v = o?.[key];
    if (typeof v === 'string' && v.trim() !== '') return v;
    if (typeof v === 'number') return String(v);
    this.fail(`${path}${key}`, v === undefined ? 'missing' : 'expected text');
    return '';
  }

  /** An optional value of an optional block: text, a number written as text, or blank (''). */
  optionalText(o: Obj | undefined, key: string, path: string): string {
    const v = o?.[key];
    if (v === undefined || v === null) return '';
    if (typeof v === 'string') return v.trim();
    if (typeof v === 'number') return String(v);
    this.fail(`${path}${key}`, 'expected text');
    return '';
  }

  date(o: Obj | undefined, key: string, path: string): string {
    const v = o?.[key];
    const s = v instanceof Date ? v.toISOString().slice(0, 10) : v;
    if (typeof s === 'string' && isIsoDate(s)) return s;
    this.fail(`${path}${key}`, v === undefined ? 'missing' : 'expected a date YYYY-MM-DD');
    return '1970-01-01';
  }

  num(o: Obj | undefined, key: string, path: string, { min = 0, max = MAX_NUMBER, integer = false } = {}): number {
    const v = o?.[key];
    if (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max && (!integer || Number.isInteger(v))) return v;
    this.fail(`${path}${key}`, v === undefined ? 'missing' : `expected ${integer ? 'a whole number' : 'a number'}${max < Infinity ? ` from ${min} to ${max}` : ` ≥ ${min}`}`);
    return 0;
  }

  bool(o: Obj | undefined, key: string, path: string): boolean {
    const v = o?.[key];
    if (typeof v === 'boolean') return v;
    this.fail(`${path}${key}`, v === undefined ? 'missing' : 'expected true or false');
    return false;
  }

  dated(value: unknown, path: string, amount: Amount = MONEY): Dated {
    if (typeof value === 'number') {
      const problem = amountProblem(value, amount);
      if (problem) this.fail(path, problem);
      return { kind: 'fixed', value: problem ? 0 : value };
    }
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const entries: [string, number][] = [];
      for (const [k, v] of Object.entries(value as Obj)) {
        const problem = amountProblem(v, amount);
        if (!isIsoDate(k)) this.fail(`${path}.${k}`, 'expected a date YYYY-MM-DD as the key of a dated value');
        else if (problem) this.fail(`${path}.${k}`, problem);
        else entries.push([k, v as number]);
      }
      if (entries.length === 0) this.fail(path, 'expected a number or dated values');
      entries.sort((a, b) => (a[0] < b[0] ? -1 : 1));
      return { kind: 'dated', entries };
    }
    this.fail(path, value === undefined ? 'missing' : 'expected a number or dated values');
    return { kind: 'fixed', value: 0 };
  }

  levelRates(value: unknown, path: string): LevelRates {
    const o = this.obj(value, path);
    const out: LevelRates = {};
    if (!o) return out;
    for (const [k, v] of Object.entries(o)) {
      if (!(LEVELS as readonly string[]).includes(k)) this.fail(`${path}.${k}`, 'expected a level 1–5');
      else out[k as (typeof LEVELS)[number]] = this.dated(v, `${path}.${k}`);
    }
    return out;
  }

  list<T extends string>(value: unknown, allowed: readonly T[], path: string): T[] {
    if (!Array.isArray(value)) {
      this.fail(path, value === undefined ? 'missing' : 'expected a list');
      return [];
    }
    const out: T[] = [];
    value.forEach((v, i) => {
      if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) out.push(v as T);
      else this.fail(`${path}[${i}]`, `"${String(v)}" is not one of ${allowed.join(', ')}`);
    });
    return out;
  }

  oneOf<T extends string>(value: unknown, allowed: readonly T[], path: string): T {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    this.fail(path, value === undefined ? 'missing' : `"${String(value)}" is not one of ${allowed.join(', ')}`);
    return allowed[0];
  }
}

export function validatePolicy(doc: unknown): { policy: Policy | null; problems: string[] } {
  const c = new Checker();
  const root = c.obj(doc, '(top)') ?? {};
  const categoryIds = Object.keys(CATEGORIES) as Category[];
  const typeIds = Object.keys(TRAINING_TYPES) as TrainingType[];
  const certIds = Object.keys(CERT_TYPES) as CertType[];

  const period = c.obj(root.period, 'period');
  const limits = c.obj(root.limits, 'limits');
  const age = c.obj(limits?.working_age, 'limits.working_age');
  const thresholds = c.obj(root.thresholds, 'thresholds');
  const cats = c.obj(root.categories, 'categories');
  const living = c.obj(cats?.living_allowance, 'categories.living_allowance');
  const types = c.obj(root.training_types, 'training_types');
  const rates = c.obj(root.rates, 'rates');
  const certRates = c.obj(rates?.certificate, 'rates.certificate');
  const funds = c.obj(root.funds, 'funds');
  const targets = c.obj(root.targets, 'targets');
  const returns = root.returns === undefined || root.returns === null ? {} : c.obj(root.returns, 'returns');

  const trainingTypes = {} as Record<TrainingType, TrainingTypeRule>;
  for (const t of typeIds) {
    const path = `training_types.${t}`;
    const rule = c.obj(types?.[t], path);
    trainingTypes[t] = {
      eligible: rule?.eligible === 'all' ? 'all' : c.list(rule?.eligible, categoryIds, `${path}.eligible`),
      pays: c.oneOf(rule?.pays, PAYS, `${path}.pays`),
      employerRequired: rule?.employer === 'required',
      insuredEmployerRequiredFor: rule?.insured_employer_required_for === undefined ? [] : c.list(rule.insured_employer_required_for, categoryIds, `${path}.insured_employer_required_for`),
    };
    if (rule?.employer !== undefined && rule.employer !== 'required' && rule.employer !== 'optional') c.fail(`${path}.employer`, 'expected required or optional');
  }
  for (const t of Object.keys(types ?? {})) if (!typeIds.includes(t as TrainingType)) c.fail(`training_types.${t}`, `unknown training type; expected ${typeIds.join(', ')}`);

  const certificate = {} as Policy['rates']['certificate'];
  for (const ct of certIds) {
    const path = `rates.certificate.${ct}`;
    const v = certRates?.[ct];
    if (ct === 'training_completion' && v !== null && typeof v === 'object' && 'default' in (v as Obj)) {
      const byType: Record<string, Dated> = {};
      for (const [k, rate] of Object.entries(v as Obj)) {
        if (k !== 'default' && !typeIds.includes(k as TrainingType)) c.fail(`${path}.${k}`, `expected a training type or default`);
        else byType[k] = c.dated(rate, `${path}.${k}`);
      }
      certificate[ct] = { by: 'training_type', rates: byType };
    } else if (v !== null && typeof v === 'object' && Object.keys(v as Obj).every((k) => (LEVELS as readonly string[]).includes(k))) {
      certificate[ct] = { by: 'level', rates: c.levelRates(v, path) };
    } else {
      certificate[ct] = { by: 'flat', rate: c.dated(v, path) };
    }
  }

  const fundMap: Policy['funds'] = { default: c.oneOf(funds?.default, FUNDS, 'funds.default') };
  for (const [k, v] of Object.entries(funds ?? {})) {
    if (k === 'default') continue;
    if (!KINDS.includes(k as Kind)) c.fail(`funds.${k}`, `expected one of ${KINDS.join(', ')}, default`);
    else fundMap[k as Kind] = c.oneOf(v, FUNDS, `funds.${k}`);
  }

  const personTimes: Record<string, number> = {};
  const pt = c.obj(targets?.person_times, 'targets.person_times');
  for (const year of Object.keys(pt ?? {})) {
    if (!/^\d{4}$/.test(year)) c.fail(`targets.person_times.${year}`, 'expected a year');
    else personTimes[year] = c.num(pt, year, 'targets.person_times.', { integer: true });
  }

  const policy: Policy = {
    id: c.str(root, 'id', ''),
    title: c.str(root, 'title', ''),
    document: c.str(root, 'document', ''),
    period: { from: c.date(period, 'from', 'period.'), to: c.date(period, 'to', 'period.') },
    limits: {
      certificateSubsidiesPerYear: c.num(limits, 'certificate_subsidies_per_year', 'limits.', { integer: true }),
      sameOccupationLevelOnce: c.bool(limits, 'same_occupation_level_once', 'limits.'),
      noLowerLevelAfterHigher: c.bool(limits, 'no_lower_level_after_higher', 'limits.'),
      workBasedMaxMonths: c.num(limits, 'work_based_max_months', 'limits.'),
      projectAdvanceRatio: c.num(limits, 'project_advance_ratio', 'limits.', { max: 1 }),
      minAttendance: c.num(limits, 'min_attendance', 'limits.', { max: 1 }),
      certificateWindowDays: c.num(limits, 'certificate_window_days', 'limits.', { integer: true }),
      workingAge: {
        min: c.num(age, 'min', 'limits.working_age.', { integer: true }),
        maxMale: c.num(age, 'max_male', 'limits.working_age.', { integer: true }),
        maxFemale: c.num(age, 'max_female', 'limits.working_age.', { integer: true }),
      },
      maxHoursPerDay: c.num(limits, 'max_hours_per_day', 'limits.', { max: 24 }),
    },
    thresholds: {
      phoneSharedPersons: c.num(thresholds, 'phone_shared_persons', 'thresholds.', { min: 2, integer: true }),
      rosterReuseJaccard: c.num(thresholds, 'roster_reuse_jaccard', 'thresholds.', { max: 1 }),
      rosterReuseMinClass: c.num(thresholds, 'roster_reuse_min_class', 'thresholds.', { min: 1, integer: true }),
      passRate: c.num(thresholds, 'pass_rate', 'thresholds.', { max: 1 }),
      passRateMinEnrollments: c.num(thresholds, 'pass_rate_min_enrollments', 'thresholds.', { min: 1, integer: true }),
    },
    categories: {
      freeTraining: c.list(cats?.free_training, categoryIds, 'categories.free_training'),
      livingAllowance: {
        any: c.list(living?.any, categoryIds, 'categories.living_allowance.any'),
        twoAfterIf: c.list(living?.two_after_if, ['rural', 'urban_dibao'] as const, 'categories.living_allowance.two_after_if'),
      },
      noEmployer: c.list(cats?.no_employer, categoryIds, 'categories.no_employer'),
    },
    trainingTypes,
    rates: {
      certificate,
      skillsUpgrading: c.levelRates(rates?.skills_upgrading, 'rates.skills_upgrading'),
      apprenticeshipPerYear: c.dated(rates?.apprenticeship_per_year, 'rates.apprenticeship_per_year'),
      apprenticeshipMaxYears: c.dated(rates?.apprenticeship_max_years, 'rates.apprenticeship_max_years', { max: 100 }),
      workBasedPerMonth: c.dated(rates?.work_based_per_month, 'rates.work_based_per_month'),
      livingAllowancePerDay: c.dated(rates?.living_allowance_per_day, 'rates.living_allowance_per_day'),
      livingAllowanceMaxDays: c.dated(rates?.living_allowance_max_days, 'rates.living_allowance_max_days', { max: 3660, integer: true }),
    },
    funds: fundMap,
    targets: {
      personTimes,
      apprenticesTotal: c.num(targets, 'apprentices_total', 'targets.', { integer: true }),
      highSkilledShare2021: c.num(targets, 'high_skilled_share_2021', 'targets.', { max: 1 }),
    },
    references: readReferences(root.references, c),
    returns: {
      formNumber: c.optionalText(returns, 'form_number', 'returns.'),
      compiledBy: c.optionalText(returns, 'compiled_by', 'returns.'),
      reportingUnit: c.optionalText(returns, 'reporting_unit', 'returns.'),
    },
  };
  readNotice(root.notice, c);
  checkKnownKeys(root, KNOWN_KEYS, '', c);
  if (period && policy.period.from > policy.period.to) c.fail('period', 'from is after to');
  checkDatedStartsInPeriod(policy, c);
  return c.problems.length > 0 ? { policy: null, problems: c.problems } : { policy, problems: [] };
}

/** The optional `notice` block (§8.1): the public notice's title, period and phone. */
function readNotice(value: unknown, c: Checker): void {
  if (value === undefined || value === null) return;
  const notice = c.obj(value, 'notice');
  c.optionalText(notice, 'title', 'notice.');
  c.optionalText(notice, 'phone', 'notice.');
  if (notice?.period_days !== undefined) c.num(notice, 'period_days', 'notice.', { min: 1, max: 366, integer: true });
}

/** The keys a policy may have; `true` for a leaf or a map whose keys are checked where it is read. */
type Known = { readonly [key: string]: Known | true };
const KNOWN_KEYS: Known = {
  id: true, title: true, document: true,
  period: { from: true, to: true },
  limits: {
    certificate_subsidies_per_year: true, same_occupation_level_once: true, no_lower_level_after_higher: true,
    work_based_max_months: true, project_advance_ratio: true, min_attendance: true, certificate_window_days: true,
    working_age: { min: true, max_male: true, max_female: true }, max_hours_per_day: true,
  },
  thresholds: {
    phone_shared_persons: true, roster_reuse_jaccard: true, roster_reuse_min_class: true, pass_rate: true,
    pass_rate_min_enrollments: true, cert_burst_min: true, cert_burst_ratio: true,
  },
  categories: { free_training: true, living_allowance: { any: true, two_after_if: true }, no_employer: true },
  training_types: Object.fromEntries(Object.keys(TRAINING_TYPES).map((t) => [t, { eligible: true, pays: true, employer: true, insured_employer_required_for: true }])),
  rates: {
    certificate: Object.fromEntries(Object.keys(CERT_TYPES).map((t) => [t, true])),
    skills_upgrading: true, apprenticeship_per_year: true, apprenticeship_max_years: true, work_based_per_month: true,
    living_allowance_per_day: true, living_allowance_max_days: true,
  },
  funds: true,
  targets: { person_times: true, apprentices_total: true, high_skilled_share_2021: true },
  notice: { title: true, period_days: true, phone: true },
  returns: { form_number: true, compiled_by: true, reporting_unit: true },
  references: true,
};

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

function checkKnownKeys(value: unknown, known: Known, path: string, c: Checker): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Date) return;
  const keys = Object.keys(known);
  for (const [key, child] of Object.entries(value as Obj)) {
    const shape = known[key];
    if (shape === undefined) {
      // training_types.<type> is reported where the types are read (with the accepted list).
      if (path === 'training_types.') continue;
      const nearest = keys.map((k) => ({ k, d: distance(key.toLowerCase(), k) })).sort((a, b) => a.d - b.d)[0];
      const close = nearest && nearest.d <= Math.max(2, Math.floor(key.length / 3));
      c.fail(`${path}${key}`, close ? `unknown key; did you mean ${path}${nearest.k}?` : `unknown key; expected one of ${keys.join(', ')}`);
    } else if (shape !== true) {
      checkKnownKeys(child, shape, `${path}${key}.`, c);
    }
  }
}

/** The optional `references` block: a text for each path it names. */
function readReferences(value: unknown, c: Checker): Record<string, string> {
  if (value === undefined || value === null) return {};
  const map = c.obj(value, 'references');
  const references: Record<string, string> = {};
  for (const [path, text] of Object.entries(map ?? {})) {
    if (typeof text === 'string') references[path] = text;
    else c.fail(`references.${path}`, 'expected a text');
  }
  return references;
}

/** A dated value must be in force from the period's start, so every claim in the period has one. */
function checkDatedStartsInPeriod(policy: Policy, c: Checker): void {
  const visit = (value: unknown, path: string): void => {
    if (value === null || typeof value !== 'object') return;
    const v = value as { kind?: string; entries?: [string, number][] };
    if (v.kind === 'dated' && v.entries && v.entries.length > 0) {
      if (v.entries[0][0] > policy.period.from) c.fail(`${path}`, `the first dated value (${v.entries[0][0]}) starts after period.from (${policy.period.from}); claims before it would have no rate`);
      return;
    }
    for (const [k, child] of Object.entries(value)) visit(child, path ? `${path}.${k}` : k);
  };
  visit(policy.rates, 'rates');
}
