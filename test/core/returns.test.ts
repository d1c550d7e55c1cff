// SPEC §8.4 figures computed by the pure core (core/report/returns.ts) from plain objects.

import { describe, it, expect } from 'vitest';
import { computeReturn, type ReportClaim } from '../../src/core/report/returns.js';
import { parseQuarter, parseYear } from '../../src/core/report/period.js';
import { policy } from '../helpers/claims.js';

const paid = (fields: Partial<ReportClaim> = {}): ReportClaim => ({
  endDate: '2020-08-01', decision: 'approved', trainingType: 'employment_skills', categories: ['rural_migrant'], idNumber: 'P1',
  kind: 'training', fund: 'employment_subsidy', mainFen: 100_000, livingFen: 0, totalFen: 100_000, advanceFen: 0, balanceFen: 100_000, ...fields,
});

describe('statistical returns (SPEC §8.4)', () => {
  it('sums the ledger lines of batches dated in the period: payments, recoveries as a positive figure, net, net by fund, batches', () => {
    const ledger = [
      { batch: 1, date: '2020-06-30', fund: 'employment_subsidy', amountFen: 50_000 },
      { batch: 2, date: '2020-07-15', fund: 'employment_subsidy', amountFen: 100_000 },
      { batch: 2, date: '2020-07-15', fund: 'unemployment_insurance', amountFen: 20_000 },
      { batch: 3, date: '2020-09-30', fund: 'employment_subsidy', amountFen: -30_000 },
      { batch: 4, date: '2020-10-01', fund: 'employment_subsidy', amountFen: 70_000 },
    ];
    const r = computeReturn({ claims: [], certificates: [], flags: [], ledger, policy: policy(), runId: 1 }, parseQuarter('2020Q3')!);
    expect(r.disbursed).toEqual({
      payments: '1200.00', recoveries: '300.00', net: '900.00', by_fund: { employment_subsidy: '700.00', unemployment_insurance: '200.00' }, batches: 2,
    });
  });

  it('gives a year without a target null targets, and a ratio over zero 0', () => {
    const r = computeReturn({ claims: [paid({ endDate: '2022-03-01', decision: 'rejected' })], certificates: [], flags: [], policy: policy(), runId: 1 }, parseYear('2022')!);
    expect(r.targets).toMatchObject({ year: 2022, person_times_target: null, progress: null, person_times_ytd: 0 });
    expect(r.certificates.high_skilled_share).toBe(0);
    expect(r.claims).toEqual({ total: 1, by_decision: { approved: 0, partial: 0, rejected: 1, pending: 0, review: 0 } });
  });

  it('counts a claim with several categories once in total and once under each category, every category listed', () => {
    const r = computeReturn({ claims: [paid({ categories: ['poor_labor', 'veteran'] })], certificates: [], flags: [], policy: policy(), runId: 1 }, parseQuarter('2020Q3')!);
    expect(r.person_times.subsidised).toBe(1);
    expect(r.person_times.by_category).toMatchObject({ poor_labor: 1, veteran: 1, laid_off: 0 });
    expect(Object.keys(r.person_times.by_category)).toHaveLength(15);
    expect(r.targets.progress).toBe(Math.round((1 / 20100) * 10000) / 10000);
  });
});
