// SPEC §6 steps 9, 12 and 13: the main subsidy, the living allowance, and the advance /
// balance split of project-based and apprenticeship claims. (十一)(十二)

import { yuanToFen } from '../normalise/money.js';
import { valueAt } from '../policy/value-at.js';
import type { Dated, Kind, LevelRates, Policy, ResolvedValue } from '../policy/types.js';
import type { Certificate, Claim } from './types.js';
import { calendarMonths, calendarYears, classDays } from './periods.js';

export interface MainSubsidy {
  fen: number;
  rates: ResolvedValue[];
  /** E_NO_RATE: the policy has no rate for the certificate's type and level (a gap in the policy, never a silent 0); W_MONTHS_CAPPED: work-based months cut to the maximum. */
  code: 'E_NO_RATE' | 'W_MONTHS_CAPPED' | null;
}

function levelRate(rates: LevelRates, level: number | null, date: string, path: string): ResolvedValue | null {
  if (level === null) return null;
  const rate = rates[String(level) as keyof LevelRates];
  return rate ? valueAt(rate, date, `${path}.${level}`) : null;
}

function certificateRate(claim: Claim, cert: Certificate, kind: Kind, policy: Policy): ResolvedValue | null {
  const date = claim.endDate;
  if (kind === 'skills_upgrading') return levelRate(policy.rates.skillsUpgrading, cert.level, date, 'rates.skills_upgrading');
  const path = `rates.certificate.${cert.certType}`;
  const rule = policy.rates.certificate[cert.certType];
  if (rule.by === 'flat') return valueAt(rule.rate, date, path);
  if (rule.by === 'level') return levelRate(rule.rates, cert.level, date, path);
  const key = claim.trainingType in rule.rates ? claim.trainingType : 'default';
  const rate: Dated | undefined = rule.rates[key];
  return rate ? valueAt(rate, date, `${path}.${key}`) : null;
}

export function mainSubsidy(claim: Claim, cert: Certificate | null, kind: Kind, policy: Policy): MainSubsidy {
  const date = claim.endDate;
  if (kind === 'apprenticeship') {
    const perYear = valueAt(policy.rates.apprenticeshipPerYear, date, 'rates.apprenticeship_per_year');
    const maxYears = valueAt(policy.rates.apprenticeshipMaxYears, date, 'rates.apprenticeship_max_years');
    const years = calendarYears(claim.startDate, claim.endDate);
    const paidYears = Math.min(maxYears.value, years);
    return { fen: yuanToFen(perYear.value * paidYears), rates: [perYear, maxYears], code: null };
  }
  if (kind === 'work_based') {
    const perMonth = valueAt(policy.rates.workBasedPerMonth, date, 'rates.work_based_per_month');
    const months = claim.months ?? calendarMonths(claim.startDate, claim.endDate);
    const max = policy.limits.workBasedMaxMonths;
    const paidMonths = Math.min(months, max);
    return {
      fen: yuanToFen(perMonth.value * paidMonths), rates: [perMonth], code: months > max ? 'W_MONTHS_CAPPED' : null,
    };
  }
  const rate = cert ? certificateRate(claim, cert, kind, policy) : null;
  if (!rate) return { fen: 0, rates: [], code: 'E_NO_RATE' };
  return { fen: yuanToFen(rate.value), rates: [rate], code: null };
}

/** Step 12: who qualifies for the living allowance ('rural' means household = rural). */
export function qualifiesForLivingAllowance(claim: Claim, policy: Policy): boolean {
  if (claim.trainingType === 'apprenticeship' || claim.trainingType === 'work_based') return false;
  const { any, twoAfterIf } = policy.categories.livingAllowance;
  if (claim.categories.some((c) => any.includes(c))) return true;
  if (!claim.categories.includes('two_after')) return false;
  return (twoAfterIf.includes('rural') && claim.household === 'rural') || (twoAfterIf.includes('urban_dibao') && claim.categories.includes('urban_dibao'));
}

export function livingAllowance(claim: Claim, policy: Policy): { fen: number; rates: ResolvedValue[] } {
  if (!qualifiesForLivingAllowance(claim, policy)) return { fen: 0, rates: [] };
  const perDay = valueAt(policy.rates.livingAllowancePerDay, claim.endDate, 'rates.living_allowance_per_day');
  const maxDays = valueAt(policy.rates.livingAllowanceMaxDays, claim.endDate, 'rates.living_allowance_max_days');
  const days = Math.min(classDays(claim.startDate, claim.endDate), maxDays.value);
  return { fen: yuanToFen(perDay.value * days), rates: [perDay, maxDays] };
}

/** Step 13: advance = total × ratio rounded half up to the fen, in integer arithmetic. */
export function splitAdvance(totalFen: number, claim: Claim, policy: Policy): { advanceFen: number; balanceFen: number } {
  if (!claim.projectBased && claim.trainingType !== 'apprenticeship') return { advanceFen: 0, balanceFen: totalFen };
  const ratioMicros = Math.round(policy.limits.projectAdvanceRatio * 1_000_000);
  const advanceFen = Math.floor((totalFen * ratioMicros + 500_000) / 1_000_000);
  return { advanceFen, balanceFen: totalFen - advanceFen };
}
