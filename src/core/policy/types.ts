// SPEC §5: the policy file's shape. Every amount is yuan in the file and becomes fen only
// when a rule takes it; every rate may be dated (OpenFisca's parameter idea).

import type { Category, CertType, TrainingType } from '../normalise/enums.js';

/** A number, or the values in force from each date on (sorted by date). */
export type Dated = { kind: 'fixed'; value: number } | { kind: 'dated'; entries: [string, number][] };

export type LevelRates = Partial<Record<'1' | '2' | '3' | '4' | '5', Dated>>;
export const FUNDS = ['employment_subsidy', 'unemployment_insurance'] as const;
export type Fund = (typeof FUNDS)[number];
export const KINDS = ['training', 'skills_upgrading', 'apprenticeship', 'work_based'] as const;
export type Kind = (typeof KINDS)[number];
export type Pays = 'certificate' | 'per_year' | 'per_month';

export interface TrainingTypeRule {
  eligible: readonly Category[] | 'all';
  pays: Pays;
  employerRequired: boolean;
  insuredEmployerRequiredFor: readonly Category[];
}

export interface Policy {
  id: string;
  title: string;
  document: string;
  period: { from: string; to: string };
  limits: {
    certificateSubsidiesPerYear: number;
    sameOccupationLevelOnce: boolean;
    noLowerLevelAfterHigher: boolean;
    workBasedMaxMonths: number;
    projectAdvanceRatio: number;
    minAttendance: number;
    certificateWindowDays: number;
    workingAge: { min: number; maxMale: number; maxFemale: number };
    maxHoursPerDay: number;
  };
  thresholds: {
    phoneSharedPersons: number;
    rosterReuseJaccard: number;
    rosterReuseMinClass: number;
    passRate: number;
    passRateMinEnrollments: number;
    /** F_CERT_BURST: the fewest certificates of one issuer in one month that can be a burst; dated (the month's first day). */
    certBurstMin: Dated;
    /** F_CERT_BURST: how many times the larger of the peer median and the issuer's own monthly average. */
    certBurstRatio: Dated;
  };
  categories: {
    freeTraining: readonly Category[];
    livingAllowance: { any: readonly Category[]; twoAfterIf: readonly ('rural' | 'urban_dibao')[] };
    noEmployer: readonly Category[];
  };
  trainingTypes: Record<TrainingType, TrainingTypeRule>;
  rates: {
    /** Per certificate type: one rate, rates by level, or (training_completion) by training type with `default`. */
    certificate: Record<CertType, { by: 'flat'; rate: Dated } | { by: 'level'; rates: LevelRates } | { by: 'training_type'; rates: Record<string, Dated> }>;
    skillsUpgrading: LevelRates;
    apprenticeshipPerYear: Dated;
    apprenticeshipMaxYears: Dated;
    workBasedPerMonth: Dated;
    livingAllowancePerDay: Dated;
    livingAllowanceMaxDays: Dated;
  };
  funds: Partial<Record<Kind, Fund>> & { default: Fund };
  targets: {
    personTimes: Record<string, number>;
    apprenticesTotal: number;
    highSkilledShare2021: number;
  };
  /** §8.1: the public notice's header — its title, the 公示期 in calendar days, the 监督电话; '' or null where the notice leaves the line out. */
  notice: { title: string; periodDays: number | null; phone: string };
  /** §8.4: the header of the filed returns (表号, 制表机关, 填报单位); '' where the form is filled in by hand. */
  returns: { formNumber: string; compiledBy: string; reportingUnit: string };
  /** Where each value comes from, by path or enclosing path (`limits.certificate_subsidies_per_year`: `(十二)`); OpenFisca's metadata.reference. */
  references: Readonly<Record<string, string>>;
}

/** A value as a rule used it: what, how much, and since when (for `explain`). */
export interface ResolvedValue {
  path: string;
  value: number;
  since: string | null;
}
