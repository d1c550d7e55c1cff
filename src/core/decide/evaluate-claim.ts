// SPEC §6 steps 1–8: the independent checks of one claim. Every failing step adds its code;
// any E_ code rejects, otherwise a P_ code (P_IN_TRAINING, P_AWAITING_CERT) makes the claim pending. The same function
// serves `check` (without traces) and `explain` (with them).

import type { IdFacts } from '../normalise/id-number.js';
import type { Policy } from '../policy/types.js';
import { idNumberCode } from './id-number.js';
import { ageCode, checkAge } from './age.js';
import { policyPeriodCode } from './policy-period.js';
import { findCatalogueEntry, institutionCode as catalogueCode } from './institution.js';
import { categoryCode as eligibilityCode, eligibleCategories } from './category.js';
import { employerCode as employerStepCode, employerProblem } from './employer.js';
import { attendanceCode as attendanceStepCode } from './attendance.js';
import { matchCertificate, passedOver, type CertificateMatch } from './certificate.js';
import type { CatalogueEntry, Certificate, Claim, StepTrace } from './types.js';
import { groupBy } from '../group-by.js';

export interface EvaluationContext {
  policy: Policy;
  asOf: string;
  /** null when no catalogue is loaded (step 4 then passes). */
  catalogue: ReadonlyMap<string, CatalogueEntry[]> | null;
}

/** What steps 1 and 8 need of the claim's person; a person's claims share it. */
export interface PersonFacts {
  /** Step 1's facts of the ID number. */
  id: IdFacts;
  /** The person's certificates. */
  certificates: readonly Certificate[];
}

export interface Evaluation {
  reasons: string[];
  idValid: boolean;
  paysCertificate: boolean;
  match: CertificateMatch | null;
  traces: StepTrace[] | null;
}

const NO_REASONS: string[] = Object.freeze([]) as unknown as string[];

/** Adds a failing step's code. Most claims pass every step: their reasons share one empty list. */
function addCode(reasons: string[], code: string | null): string[] {
  if (!code) return reasons;
  if (reasons === NO_REASONS) return [code];
  reasons.push(code);
  return reasons;
}

/** Facts are made only when traces are asked for, so that deciding a million claims makes no garbage for them. */
export function evaluateClaim(claim: Claim, person: PersonFacts, ctx: EvaluationContext, withTraces = false): Evaluation {
  const { policy } = ctx;
  let reasons: string[] = NO_REASONS;
  const traces: StepTrace[] | null = withTraces ? [] : null;
  const rule = policy.trainingTypes[claim.trainingType];

  const { id } = person;
  const idCode = idNumberCode(id);
  reasons = addCode(reasons, idCode);
  traces?.push({ step: 1, name: 'id_number', code: idCode, facts: { id_number: claim.idNumber, valid: id.valid } });

  const age = id.valid ? checkAge(id, claim.startDate, policy) : null;
  const ageStepCode = ageCode(age);
  reasons = addCode(reasons, ageStepCode);
  traces?.push({
    step: 2, name: 'age', code: ageStepCode,
    facts: { sex: id.sex, birth_date: id.birthDate, start_date: claim.startDate, age: age?.age ?? null, min: policy.limits.workingAge.min, max: age?.max ?? null },
  });

  const periodCode = policyPeriodCode(claim, policy);
  reasons = addCode(reasons, periodCode);
  traces?.push({ step: 3, name: 'period', code: periodCode, facts: { end_date: claim.endDate, period: policy.period } });

  const entry = ctx.catalogue ? findCatalogueEntry(ctx.catalogue, claim.institutionCode, claim.startDate) : null;
  const institutionCode = catalogueCode(ctx.catalogue, entry);
  reasons = addCode(reasons, institutionCode);
  traces?.push({
    step: 4, name: 'institution', code: institutionCode,
    facts: {
      catalogue_loaded: ctx.catalogue !== null, institution_code: claim.institutionCode, start_date: claim.startDate,
      listed: ctx.catalogue?.get(claim.institutionCode)?.map((e) => ({ valid_from: e.validFrom, valid_to: e.validTo, source: e.source })) ?? [],
    },
  });

  const eligible = eligibleCategories(claim, rule);
  const categoryCode = eligibilityCode(eligible);
  reasons = addCode(reasons, categoryCode);
  traces?.push({
    step: 5, name: 'category', code: categoryCode,
    facts: { training_type: claim.trainingType, categories: claim.categories, eligible_for_type: rule.eligible, eligible },
  });

  const employer = employerProblem(claim, rule, eligible);
  const employerCode = employerStepCode(employer);
  reasons = addCode(reasons, employerCode);
  traces?.push({
    step: 6, name: 'employer', code: employerCode,
    facts: {
      employer_required: rule.employerRequired, employer_name: claim.employerName, insured: claim.insured,
      insured_employer_required_for: rule.insuredEmployerRequiredFor, problem: employer,
    },
  });

  const attendanceCode = attendanceStepCode(claim, policy);
  reasons = addCode(reasons, attendanceCode);
  traces?.push({ step: 7, name: 'attendance', code: attendanceCode, facts: { attendance: claim.attendance, min_attendance: policy.limits.minAttendance } });

  const paysCertificate = rule.pays === 'certificate';
  let match: CertificateMatch | null = null;
  if (paysCertificate) {
    match = matchCertificate(claim, person.certificates, policy, ctx.asOf);
    reasons = addCode(reasons, match.code);
    traces?.push({
      step: 8, name: 'certificate', code: match.code,
      facts: {
        window: [claim.startDate, match.windowEnd], as_of: ctx.asOf,
        chosen: match.chosen ? certificateFacts(match.chosen) : null,
        passed_over: passedOver(match).map((p) => ({ ...certificateFacts(p.cert), why: p.why })),
      },
    });
  } else {
    traces?.push({ step: 8, name: 'certificate', code: null, facts: { pays: rule.pays, needed: false } });
  }
  if (reasons.length > 1) reasons.sort();
  return { reasons, idValid: id.valid, paysCertificate, match, traces };
}

export function certificateFacts(c: Certificate): Record<string, unknown> {
  return { cert_number: c.certNumber, cert_type: c.certType, occupation: c.occupationName, level: c.level, issue_date: c.issueDate, source: c.source };
}

/** The context of a run's steps 1–8: its policy, as-of date and catalogue (by institution code; null when none is loaded). */
export function evaluationContext(input: { catalogue: readonly CatalogueEntry[]; policy: Policy; asOf: string }): EvaluationContext {
  const catalogue = input.catalogue.length > 0 ? groupBy(input.catalogue, (e) => e.code) : null;
  return { policy: input.policy, asOf: input.asOf, catalogue };
}
