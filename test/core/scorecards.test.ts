// SPEC §8.8's tie rules, on plain objects: the most frequent spelling (ties to the smallest in
// code-point order), the earliest peak month, and the two sort orders.

import { describe, it, expect } from 'vitest';
import { InstitutionScorecards, IssuerScorecards, mostFrequent, type ScorecardClaim } from '../../src/core/report/scorecards.js';

const claim = (fields: Partial<ScorecardClaim>): ScorecardClaim => ({
  institutionCode: 'A', institutionName: '甲', classId: 'C1', idNumber: 'P1', decision: 'approved', totalFen: 100000, startDate: '2020-07-01',
  endDate: '2020-07-20', paysCertificate: true, certified: true, flagIds: [], ...fields,
});

describe('institutions and issuers (SPEC §8.8)', () => {
  it('takes the most frequent spelling, and on a tie the smallest in code-point order', () => {
    expect(mostFrequent(new Map([['乙校', 2], ['甲校', 2], ['丙校', 1]]))).toBe('乙校');
    expect(mostFrequent(new Map([['Zeta', 1], ['Alpha', 1]]))).toBe('Alpha');
  });

  it('sorts institutions by high flags, then money paid (both descending), then code, and counts a flag once however many claims carry it', () => {
    const flags = [{ flagId: 'h1', rule: 'F_OVERLAP', severity: 'high', institution: null }, { flagId: 'l1', rule: 'F_PASS_RATE', severity: 'low', institution: 'B' }];
    const cards = new InstitutionScorecards(flags, new Set(['F_PENSIONER']));
    cards.add(claim({ institutionCode: 'C', totalFen: 500000 }));
    cards.add(claim({ institutionCode: 'B', totalFen: 900000 }));
    cards.add(claim({ institutionCode: 'A', totalFen: 100000, flagIds: ['h1'] }));
    cards.add(claim({ institutionCode: 'A', idNumber: 'P2', decision: 'review', flagIds: ['h1'] }));
    cards.add(claim({ institutionCode: 'D', totalFen: 500000 }));
    const rows = cards.rows(null, 30);
    expect(rows.map((r) => [r.institution_code, r.flags_high, r.flags_low, r.paid_total, r.in_catalogue, r.pass_rate])).toEqual([
      ['A', 1, 0, '1000.00', '', ''], ['B', 0, 1, '9000.00', '', ''], ['C', 0, 0, '5000.00', '', ''], ['D', 0, 0, '5000.00', '', ''],
    ]);
  });

  it('gives an issuer\'s earliest month with the peak count, and sorts by peak_count descending, then issuer', () => {
    const cards = new IssuerScorecards();
    for (const [issuer, date] of [['乙', '2020-03-01'], ['乙', '2020-01-05'], ['乙', '2020-01-06'], ['乙', '2020-03-09'], ['甲', '2020-02-01'], ['甲', '2020-02-02'], [' ', '2020-02-02'], [null, '2020-02-02']] as const) {
      cards.add({ issuer, idNumber: 'P1', issueDate: date, paidClaims: 0 });
    }
    expect(cards.rows([{ issuer: '乙', month: '2020-03' }]).map((r) => [r.issuer, r.peak_month, r.peak_count, r.holders, r.burst_months])).toEqual([
      ['乙', '2020-01', 2, 1, '2020-03'], ['甲', '2020-02', 2, 1, ''],
    ]);
  });
});
