// SPEC §6 steps 1–8: the independent checks of one claim. Every failing step adds its code;
// any E_ code rejects, otherwise P_AWAITING_CERT makes the claim pending. The same function
// serves `check` (without traces) and `explain` (with them).

import { idFacts } from '../normalise/id-number.js';
import type { Policy } from '../policy/types.js';
import { checkAge } from './age.js';
import { findCatalogueEntry } from './institution.js';
import { eligibleCategories, employerProblem } from './eligibility.js';
import { matchCertificate, passedOver, type CertificateMatch } from './certificate.js';
import type { CatalogueEntry, Certificate, Claim, StepTrace } from './types.js';

export interface EvaluationContext {
  policy: Policy;
  asOf: string;
  certificatesByPerson: ReadonlyMap<string, Certificate[]>;
  /** null when no catalogue is loaded (step 4 then passes). */
  catalogue: ReadonlyMap<string, CatalogueEntry[]> | null;
}

export interface Evaluation {
  reasons: string[];
  idValid: boolean;
  paysCertificate: boolean;
  match: CertificateMatch | null;
  traces: StepTrace[] | null;
}

const NO_REASONS: string[] = Object.freeze([]) as unknown as string[];

export function evaluateClaim(claim: Claim, ctx: EvaluationContext, withTraces = false): Evaluation {
  const { policy } = ctx;
  // Most claims pass every step: their reasons share one empty list.
  let reasons: string[] = NO_REASONS;
  const traces: StepTrace[] | null = withTraces ? [] : null;
  const step = (n: number, name: string, code: string | null, facts: () => Record<string, unknown>) => {
    if (code) (reasons === NO_REASONS ? (reasons = [code]) : reasons.push(code));
    traces?.push({ step: n, name, code, facts: facts() });
  };
  const rule = policy.trainingTypes[claim.trainingType];

  const id = idFacts(claim.idNumber, ctx.asOf);
  step(1, 'id_number', id.valid ? null : 'E_ID_INVALID', () => ({ id_number: claim.idNumber, valid: id.valid }));

  const age = id.valid ? checkAge(id, claim.startDate, policy) : { ok: true, age: null, max: null };
  step(2, 'age', age.ok ? null : 'E_AGE', () => ({
    sex: id.sex, birth_date: id.birthDate, start_date: claim.startDate, age: age.age,
    min: policy.limits.workingAge.min, max: age.max,
  }));

  const inPeriod = claim.endDate >= policy.period.from && claim.endDate <= policy.period.to;
  step(3, 'period', inPeriod ? null : 'E_PERIOD', () => ({ end_date: claim.endDate, period: policy.period }));

  const entry = ctx.catalogue ? findCatalogueEntry(ctx.catalogue, claim.institutionCode, claim.startDate) : null;
  const institutionOk = ctx.catalogue === null || entry !== null;
  step(4, 'institution', institutionOk ? null : 'E_INSTITUTION', () => ({
    catalogue_loaded: ctx.catalogue !== null, institution_code: claim.institutionCode, start_date: claim.startDate,
    listed: ctx.catalogue?.get(claim.institutionCode)?.map((e) => ({ valid_from: e.validFrom, valid_to: e.validTo, source: e.source })) ?? [],
  }));

  const eligible = eligibleCategories(claim, rule);
  step(5, 'category', eligible.length > 0 ? null : 'E_CATEGORY', () => ({
    training_type: claim.trainingType, categories: claim.categories, eligible_for_type: rule.eligible, eligible,
  }));

  const employer = employerProblem(claim, rule);
  step(6, 'employer', employer ? 'E_EMPLOYER' : null, () => ({
    employer_required: rule.employerRequired, employer_name: claim.employerName, insured: claim.insured,
    insured_employer_required_for: rule.insuredEmployerRequiredFor, problem: employer,
  }));

  const lowAttendance = claim.attendance !== null && claim.attendance < policy.limits.minAttendance;
  step(7, 'attendance', lowAttendance ? 'E_ATTENDANCE' : null, () => ({ attendance: claim.attendance, min_attendance: policy.limits.minAttendance }));

  const paysCertificate = rule.pays === 'certificate';
  let match: CertificateMatch | null = null;
  if (paysCertificate) {
    match = matchCertificate(claim, ctx.certificatesByPerson.get(claim.idNumber) ?? [], policy, ctx.asOf);
    const m = match;
    step(8, 'certificate', m.code, () => ({
      window: [claim.startDate, m.windowEnd], as_of: ctx.asOf,
      chosen: m.chosen ? certificateFacts(m.chosen) : null,
      passed_over: passedOver(m).map((p) => ({ ...certificateFacts(p.cert), why: p.why })),
    }));
  } else {
    step(8, 'certificate', null, () => ({ pays: rule.pays, needed: false }));
  }
  if (reasons.length > 1) reasons.sort();
  return { reasons, idValid: id.valid, paysCertificate, match, traces };
}

export function certificateFacts(c: Certificate): Record<string, unknown> {
  return { cert_number: c.certNumber, cert_type: c.certType, occupation: c.occupationName, level: c.level, issue_date: c.issueDate, source: c.source };
}
