// SPEC §8.4 figures computed by the pure core (core/report/returns.ts) from plain objects.

import { describe, it, expect } from 'vitest';
import { computeReturn, type ReportClaim } from '../../src/core/report/returns.js';
import { computeFiledReturn } from '../../src/core/report/filed-return.js';
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

  it('sets the period, the year to date and the action so far side by side; a year\'s target read against the year, the plan\'s against the action', () => {
    const claims = [
      paid({ endDate: '2019-06-01', idNumber: 'P0' }), paid({ endDate: '2020-02-01', idNumber: 'P1' }), paid({ endDate: '2020-08-01', idNumber: 'P2' }),
      paid({ endDate: '2020-08-02', idNumber: 'P2', trainingType: 'apprenticeship' }), paid({ endDate: '2020-10-01', idNumber: 'P3' }),
    ];
    const f = computeFiledReturn({ claims, certificates: [], flags: [], policy: policy(), runId: 1 }, parseQuarter('2020Q3')!, '2020-10-15');
    const line = (key: string, value?: string) => f.lines.find((l) => l.label.key === key && l.label.value === value && l.depth > 0)!;
    expect(f.asOf).toBe('2020-10-15');
    expect(f.ranges).toEqual({ period: ['2020-07-01', '2020-09-30'], ytd: ['2020-01-01', '2020-09-30'], sinceStart: ['2019-01-01', '2020-09-30'] });
    // 274 of 2020's 366 days are gone by 30 September; 639 of the action's 1,096.
    expect(line('person_times')).toMatchObject({ unit: 'person_times', period: 2, ytd: 3, sinceStart: 4, target: 20100, completion: Math.round((3 / 20100) * 1e4) / 1e4, pace: 0.7486 });
    expect(line('person_times_action')).toMatchObject({ period: null, ytd: null, sinceStart: 4, target: 60200, completion: Math.round((4 / 60200) * 1e4) / 1e4, pace: 0.583 });
    expect(line('persons')).toMatchObject({ period: 1, ytd: 2, sinceStart: 3, target: null, completion: null, pace: null });
    expect(line('apprentices')).toMatchObject({ period: 1, ytd: 1, sinceStart: 1, target: 2000, completion: 0.0005 });
    expect(line('training_type', 'apprenticeship')).toMatchObject({ depth: 2, period: 1, ytd: 1, sinceStart: 1 });
    expect(line('subsidies')).toMatchObject({ unit: 'yuan', period: 2000, ytd: 3000, sinceStart: 4000 });
    expect(line('high_skilled_share')).toMatchObject({ unit: 'share', target: 0.32, pace: null });
    // The flags are not among the lines: the return keeps them for the internal annex.
    expect(f.lines.some((l) => /flag/.test(l.label.key))).toBe(false);
    expect(f.statistics.flags.total).toBe(0);
  });

  it('shows the whole time gone for a period after the action, and none before it', () => {
    const after = computeFiledReturn({ claims: [], certificates: [], flags: [], policy: policy(), runId: 1 }, parseYear('2022')!, '2022-12-31');
    const before = computeFiledReturn({ claims: [], certificates: [], flags: [], policy: policy(), runId: 1 }, parseQuarter('2018Q4')!, '2018-12-31');
    const line = (f: typeof after, key: string) => f.lines.find((l) => l.label.key === key)!;
    expect(line(after, 'person_times_action')).toMatchObject({ target: 60200, pace: 1 });
    expect(line(after, 'person_times')).toMatchObject({ target: null, completion: null, pace: null });
    expect(line(before, 'apprentices')).toMatchObject({ target: 2000, completion: 0, pace: 0 });
  });
});
