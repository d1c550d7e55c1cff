// SPEC §8.8 ((十六) 绩效评估): where to send the auditors — one row per institution of a run's
// claims and one per certificate issuer. Fed row by row (a run may hold a million claims and a
// million certificates), then sorted as §8.8 says. pass_rate counts as F_PASS_RATE counts
// (flags/pass-rate.ts); issuers compare as F_CERT_BURST compares them (flags/cert-burst.ts).

import { countForPassRate, passRateOf, type PassRateCount } from '../flags/pass-rate.js';
import { issuerKey } from '../flags/cert-burst.js';
import { isPaid } from '../facts/paid.js';
import { formatFen } from '../normalise/money.js';
import type { Decision } from '../decide/types.js';

export const INSTITUTION_COLUMNS = [
  'institution_code', 'institution_name', 'in_catalogue', 'classes', 'trainees', 'claims', 'approved', 'partial', 'rejected', 'pending',
  'review', 'pass_rate', 'paid_total', 'flags_high', 'flags_medium', 'flags_low', 'listed_trainees', 'first_start', 'last_end',
] as const;
export type InstitutionRow = Record<(typeof INSTITUTION_COLUMNS)[number], string | number>;

export const ISSUER_COLUMNS = [
  'issuer', 'certificates', 'holders', 'first_issue', 'last_issue', 'peak_month', 'peak_count', 'funding_paid_claims', 'burst_months',
] as const;
export type IssuerRow = Record<(typeof ISSUER_COLUMNS)[number], string | number>;

/** Code-point order (never a collation: §8's lists sort so on every engine). */
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** §8.8: the spelling seen most often; ties go to the smallest in code-point order. */
export function mostFrequent(counts: ReadonlyMap<string, number>): string {
  let best = '';
  let bestCount = -1;
  for (const [spelling, n] of counts) {
    if (n > bestCount || (n === bestCount && spelling < best)) {
      best = spelling;
      bestCount = n;
    }
  }
  return best;
}

const ratio = (x: number) => Math.round(x * 10000) / 10000;

/** One claim of the run as the institutions' scorecard needs it. */
export interface ScorecardClaim {
  institutionCode: string;
  institutionName: string;
  classId: string;
  idNumber: string;
  decision: Decision;
  totalFen: number;
  startDate: string;
  endDate: string;
  /** Its training type pays on a certificate (F_PASS_RATE's enrolment). */
  paysCertificate: boolean;
  /** Step 8 found its certificate. */
  certified: boolean;
  /** The ids of the flags attached to it. */
  flagIds: readonly string[];
}

/** A flag of the run: its severity and rule, and the institution it is about when its subject is one. */
export interface ScorecardFlag {
  flagId: string;
  rule: string;
  severity: string;
  /** subject_type `institution`: its code (these flags may attach to no claim). */
  institution: string | null;
}

interface InstitutionTally {
  names: Map<string, number>;
  classes: Set<string>;
  trainees: Set<string>;
  decisions: Record<Decision, number>;
  passRate: PassRateCount;
  paidFen: number;
  flagIds: Set<string>;
  listed: Set<string>;
  firstStart: string;
  lastEnd: string;
}

export class InstitutionScorecards {
  private readonly tallies = new Map<string, InstitutionTally>();
  private readonly flags: ReadonlyMap<string, ScorecardFlag>;

  /** listedRules: the rules that put a trainee on an outside list (flags/raise-flags.ts LISTED_TRAINEE_RULES). */
  constructor(flags: readonly ScorecardFlag[], private readonly listedRules: ReadonlySet<string>) {
    this.flags = new Map(flags.map((f) => [f.flagId, f]));
  }

  add(c: ScorecardClaim): void {
    let t = this.tallies.get(c.institutionCode);
    if (!t) {
      this.tallies.set(c.institutionCode, (t = {
        names: new Map(), classes: new Set(), trainees: new Set(), decisions: { approved: 0, partial: 0, rejected: 0, pending: 0, review: 0 },
        passRate: { enrolled: 0, certified: 0 }, paidFen: 0, flagIds: new Set(), listed: new Set(), firstStart: c.startDate, lastEnd: c.endDate,
      }));
    }
    t.names.set(c.institutionName, (t.names.get(c.institutionName) ?? 0) + 1);
    t.classes.add(c.classId);
    t.trainees.add(c.idNumber);
    t.decisions[c.decision]++;
    countForPassRate(t.passRate, c.paysCertificate, c.certified);
    if (isPaid(c.decision)) t.paidFen += c.totalFen;
    for (const id of c.flagIds) {
      t.flagIds.add(id);
      const rule = this.flags.get(id)?.rule;
      if (rule !== undefined && this.listedRules.has(rule)) t.listed.add(c.idNumber);
    }
    if (c.startDate < t.firstStart) t.firstStart = c.startDate;
    if (c.endDate > t.lastEnd) t.lastEnd = c.endDate;
  }

  /**
   * The rows, by flags_high then paid_total (both descending), then code. catalogueCodes: the
   * codes in the catalogue, null when none is loaded (in_catalogue then blank).
   */
  rows(catalogueCodes: ReadonlySet<string> | null, passRateMinEnrollments: number): InstitutionRow[] {
    const aboutInstitution = new Map<string, string[]>();
    for (const f of this.flags.values()) if (f.institution !== null) (aboutInstitution.get(f.institution) ?? aboutInstitution.set(f.institution, []).get(f.institution)!).push(f.flagId);
    const rows = [...this.tallies].map(([code, t]) => {
      const ids = new Set([...t.flagIds, ...(aboutInstitution.get(code) ?? [])]);
      const bySeverity = { high: 0, medium: 0, low: 0 } as Record<string, number>;
      for (const id of ids) {
        const severity = this.flags.get(id)?.severity;
        if (severity !== undefined) bySeverity[severity]++;
      }
      const share = passRateOf(t.passRate, passRateMinEnrollments);
      return {
        paidFen: t.paidFen,
        row: {
          institution_code: code, institution_name: mostFrequent(t.names),
          in_catalogue: catalogueCodes === null ? '' : catalogueCodes.has(code) ? 'yes' : 'no',
          classes: t.classes.size, trainees: t.trainees.size,
          claims: t.decisions.approved + t.decisions.partial + t.decisions.rejected + t.decisions.pending + t.decisions.review,
          ...t.decisions,
          pass_rate: share === null ? '' : ratio(share), paid_total: formatFen(t.paidFen),
          flags_high: bySeverity.high, flags_medium: bySeverity.medium, flags_low: bySeverity.low, listed_trainees: t.listed.size,
          first_start: t.firstStart, last_end: t.lastEnd,
        } satisfies InstitutionRow,
      };
    });
    rows.sort((a, b) => (b.row.flags_high - a.row.flags_high) || (b.paidFen - a.paidFen) || byCodePoint(a.row.institution_code, b.row.institution_code));
    return rows.map((r) => r.row);
  }
}

/** One certificate of the run as the issuers' scorecard needs it. */
export interface ScorecardCertificate {
  issuer: string | null;
  idNumber: string;
  issueDate: string;
  /** The approved or partial claims it funds (step 8 chose it). */
  paidClaims: number;
}

interface IssuerTally {
  names: Map<string, number>;
  certificates: number;
  holders: Set<string>;
  firstIssue: string;
  lastIssue: string;
  months: Map<string, number>;
  paidClaims: number;
}

export class IssuerScorecards {
  private readonly tallies = new Map<string, IssuerTally>();
  /** Exports repeat a few issuers' names a million times: each spelling is compared once. */
  private readonly keys = new Map<string, string | null>();

  /** A certificate without an issuer (blank as §7 compares) has no row. */
  add(c: ScorecardCertificate): void {
    if (c.issuer === null) return;
    let key = this.keys.get(c.issuer);
    if (key === undefined) this.keys.set(c.issuer, (key = issuerKey(c.issuer)));
    if (key === null) return;
    let t = this.tallies.get(key);
    if (!t) this.tallies.set(key, (t = { names: new Map(), certificates: 0, holders: new Set(), firstIssue: c.issueDate, lastIssue: c.issueDate, months: new Map(), paidClaims: 0 }));
    const spelling = c.issuer.trim();
    t.names.set(spelling, (t.names.get(spelling) ?? 0) + 1);
    t.certificates++;
    t.holders.add(c.idNumber);
    if (c.issueDate < t.firstIssue) t.firstIssue = c.issueDate;
    if (c.issueDate > t.lastIssue) t.lastIssue = c.issueDate;
    const month = c.issueDate.slice(0, 7);
    t.months.set(month, (t.months.get(month) ?? 0) + 1);
    t.paidClaims += c.paidClaims;
  }

  /** Each issuer's certificates per month (YYYY-MM), under its row's `issuer`; for the chart. */
  monthly(): Map<string, Map<string, number>> {
    return new Map([...this.tallies.values()].map((t) => [mostFrequent(t.names), t.months]));
  }

  /**
   * The rows, by peak_count descending, then issuer. bursts: the issuer (as compared) and month of
   * each F_CERT_BURST flag to show.
   */
  rows(bursts: readonly { issuer: string; month: string }[]): IssuerRow[] {
    const burstMonths = new Map<string, string[]>();
    for (const b of bursts) (burstMonths.get(b.issuer) ?? burstMonths.set(b.issuer, []).get(b.issuer)!).push(b.month);
    const rows = [...this.tallies].map(([key, t]): IssuerRow => {
      let peakMonth = '';
      let peakCount = 0;
      for (const [month, n] of t.months) if (n > peakCount || (n === peakCount && month < peakMonth)) [peakMonth, peakCount] = [month, n];
      return {
        issuer: mostFrequent(t.names), certificates: t.certificates, holders: t.holders.size, first_issue: t.firstIssue, last_issue: t.lastIssue,
        peak_month: peakMonth, peak_count: peakCount, funding_paid_claims: t.paidClaims,
        burst_months: [...new Set(burstMonths.get(key) ?? [])].sort(byCodePoint).join(';'),
      };
    });
    return rows.sort((a, b) => (Number(b.peak_count) - Number(a.peak_count)) || byCodePoint(String(a.issuer), String(b.issuer)));
  }
}
