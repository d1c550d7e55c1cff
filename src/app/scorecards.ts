// SPEC §8.8: the institutions' and issuers' scorecards of a stored run (core/report/scorecards.ts
// computes them): the run's decisions and flags, the catalogue and certificates as they stood
// for the run. With a year: the claims whose class ended that year, the certificates issued that
// year, the claims they fund and that year's bursts.

import type { Db } from '../store/database.js';
import { certificateUses, flagCounts, flagRows, scorecardClaims, type RunRecord } from '../store/runs.js';
import { CERTIFICATES_OF_RUN, catalogueAt, fileNames } from '../store/reader.js';
import { parsePolicyText } from './policy.js';
import { inPeriod, type Period } from '../core/report/period.js';
import { isPaid } from '../core/facts/paid.js';
import { LISTED_TRAINEE_RULES } from '../core/flags/raise-flags.js';
import { CERT_BURST_RULE, burstOfSubject } from '../core/flags/cert-burst.js';
import { InstitutionScorecards, IssuerScorecards, type InstitutionRow, type IssuerRow } from '../core/report/scorecards.js';
import type { Decision } from '../core/decide/types.js';

const NO_FLAGS: readonly string[] = [];

export { INSTITUTION_COLUMNS, ISSUER_COLUMNS, type InstitutionRow, type IssuerRow } from '../core/report/scorecards.js';

export function institutionScorecards(db: Db, run: RunRecord, period: Period | null): InstitutionRow[] {
  const policy = parsePolicyText(run.policy_text, `run ${run.id}`);
  const flags = flagCounts(db, run.id).map((f) => ({ flagId: f.flag_id, rule: f.rule, severity: f.severity, institution: f.subject_type === 'institution' ? f.subject : null }));
  const cards = new InstitutionScorecards(flags, LISTED_TRAINEE_RULES);
  const paysCertificate = (type: string) => policy.trainingTypes[type as keyof typeof policy.trainingTypes]?.pays === 'certificate';
  for (const [institutionCode, institutionName, classId, idNumber, decision, totalFen, startDate, endDate, type, certRowId, flagIds] of scorecardClaims(db, run.id)) {
    if (!inPeriod(endDate, period)) continue;
    cards.add({
      institutionCode, institutionName, classId, idNumber, decision: decision as Decision, totalFen, startDate, endDate,
      paysCertificate: paysCertificate(type), certified: certRowId !== null, flagIds: flagIds === '' ? NO_FLAGS : flagIds.split(';'),
    });
  }
  const catalogue = catalogueAt(db, run.data_mark, run.id, fileNames(db));
  return cards.rows(catalogue.length === 0 ? null : new Set(catalogue.map((e) => e.code)), policy.thresholds.passRateMinEnrollments);
}

export interface IssuerReport {
  rows: IssuerRow[];
  /** Certificates per month (YYYY-MM) of each issuer, by its row's name. */
  monthly: Map<string, Map<string, number>>;
}

export function issuerScorecards(db: Db, run: RunRecord, period: Period | null): IssuerReport {
  const paidClaims = new Map<number, number>();
  for (const [certRowId, decision] of certificateUses(db, run.id)) if (isPaid(decision)) paidClaims.set(certRowId, (paidClaims.get(certRowId) ?? 0) + 1);
  const cards = new IssuerScorecards();
  const certificates = db.prepare(`SELECT c.id, c.issuer, c.id_number, c.issue_date ${CERTIFICATES_OF_RUN}`).raw(true).iterate({ mark: run.data_mark, run: run.id }) as Iterable<[number, string | null, string, string]>;
  for (const [id, issuer, idNumber, issueDate] of certificates) {
    if (!inPeriod(issueDate, period)) continue;
    cards.add({ issuer, idNumber, issueDate, paidClaims: paidClaims.get(id) ?? 0 });
  }
  const bursts = flagRows(db, run.id, CERT_BURST_RULE).map((f) => burstOfSubject(f.subject))
    .filter((b) => inPeriod(`${b.month}-01`, period));
  return { rows: cards.rows(bursts), monthly: cards.monthly() };
}
