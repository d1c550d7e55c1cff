// SPEC §10 rule cases on plain objects: what a run makes due on a date for each component of a
// claim (core/ledger/due.ts), the lines of a batch and their recovery reasons (batch-lines.ts).

import { describe, it, expect } from 'vitest';
import { advanceShares, dueOn, type LedgerClaim, type Payee } from '../../src/core/ledger/due.js';
import { batchLines, claimLines, type KeyedAmount } from '../../src/core/ledger/batch-lines.js';

const SCHOOL: Payee = { type: 'institution', code: '91110000600037341L', name: '渝中职校' };
const PERSON: Payee = { type: 'person', code: '11010519491231002X', name: '张三' };
const FIRM: Payee = { type: 'employer', code: '', name: '重庆 某某·公司' };

/** An approved claim: main 1000.00 to the school, living 600.00 to the person, no advance. */
function claim(fields: Partial<LedgerClaim> = {}): LedgerClaim {
  return {
    claimId: 'C1/11010519491231002X', decision: 'approved', reasons: [], startDate: '2020-07-01', endDate: '2020-07-20',
    mainFen: 100_000, livingFen: 60_000, totalFen: 160_000, advanceFen: 0,
    main: { payee: SCHOOL, fund: 'employment_subsidy' }, living: { payee: PERSON, fund: 'employment_subsidy' }, source: 'r.csv:2', ...fields,
  };
}

const paid = (component: 'main' | 'living', payee: Payee, netFen: number, fund = 'employment_subsidy'): KeyedAmount =>
  ({ claimId: 'C1/11010519491231002X', component, payee, fund, netFen });

const amounts = (lines: ReturnType<typeof claimLines>) => lines.map((l) => [l.component, l.payee.type, l.type, l.amountFen, l.reasons.join(';')]);

describe('what is due on a date (SPEC §10)', () => {
  it('makes the whole amount of an approved claim without an advance due', () => {
    const due = dueOn(claim(), '2020-08-01');
    expect(due).toEqual({ held: false, components: [
      { component: 'main', payee: SCHOOL, fund: 'employment_subsidy', dueFen: 100_000 },
      { component: 'living', payee: PERSON, fund: 'employment_subsidy', dueFen: 60_000 },
    ] });
  });

  it('makes only the advance share due while the class runs, nothing before it starts, and the whole amount from its end date', () => {
    const c = claim({ advanceFen: 80_000 });
    const fen = (date: string) => { const d = dueOn(c, date); return d.held ? null : d.components.map((x) => x.dueFen); };
    expect(fen('2020-06-30')).toEqual([0, 0]);
    expect(fen('2020-07-01')).toEqual([50_000, 30_000]);
    expect(fen('2020-07-19')).toEqual([50_000, 30_000]);
    expect(fen('2020-07-20')).toEqual([100_000, 60_000]);
  });

  it('shares the advance in proportion, the main share rounded half up to the fen and the living share the rest', () => {
    // 333.33 × 1000.01 ÷ 1600.02 = 208.333… → 208.33; 0.03 × 0.01 ÷ 0.02 = 0.015 → 0.02 (half up)
    expect(advanceShares(33_333, 100_001, 160_002)).toEqual({ main: 20_833, living: 12_500 });
    expect(advanceShares(3, 1, 2)).toEqual({ main: 2, living: 1 });
    expect(advanceShares(0, 100, 100)).toEqual({ main: 0, living: 0 });
    // no float drift on amounts whose products pass 2^53
    expect(advanceShares(5_000_000_000, 9_000_000_001, 10_000_000_000)).toEqual({ main: 4_500_000_001, living: 499_999_999 });
  });

  it('makes nothing due for a rejected claim and holds a pending or review one', () => {
    expect(dueOn(claim({ decision: 'rejected', reasons: ['E_FRAUD_CONFIRMED'], main: null }), '2020-08-01')).toEqual({ held: false, components: [] });
    expect(dueOn(claim({ decision: 'pending' }), '2020-08-01')).toEqual({ held: true });
    expect(dueOn(claim({ decision: 'review' }), '2020-08-01')).toEqual({ held: true });
  });
});

describe('the lines of a batch (SPEC §10)', () => {
  it('pays what is due less what earlier batches paid under the key, and leaves zero lines out', () => {
    expect(amounts(claimLines(claim(), [], '2020-08-01'))).toEqual([['main', 'institution', 'payment', 100_000, ''], ['living', 'person', 'payment', 60_000, '']]);
    expect(claimLines(claim(), [paid('main', SCHOOL, 100_000), paid('living', PERSON, 60_000)], '2020-09-01')).toEqual([]);
  });

  it('pays the balance after the advance once the class has ended', () => {
    const c = claim({ advanceFen: 80_000 });
    expect(amounts(claimLines(c, [paid('main', SCHOOL, 50_000), paid('living', PERSON, 30_000)], '2020-07-20')))
      .toEqual([['main', 'institution', 'payment', 50_000, ''], ['living', 'person', 'payment', 30_000, '']]);
  });

  it('recovers everything paid for a claim the run rejects, with the run\'s reasons', () => {
    const c = claim({ decision: 'rejected', reasons: ['E_FRAUD_CONFIRMED'], main: null, mainFen: 0, livingFen: 0, totalFen: 0 });
    expect(amounts(claimLines(c, [paid('main', SCHOOL, 100_000), paid('living', PERSON, 60_000)], '2020-09-01')))
      .toEqual([['main', 'institution', 'recovery', -100_000, 'E_FRAUD_CONFIRMED'], ['living', 'person', 'recovery', -60_000, 'E_FRAUD_CONFIRMED']]);
  });

  it('adds no line for a held claim, whatever was paid', () => {
    expect(claimLines(claim({ decision: 'review' }), [paid('main', SCHOOL, 100_000)], '2020-09-01')).toEqual([]);
    expect(claimLines(claim({ decision: 'pending', main: null }), [paid('main', SCHOOL, 100_000)], '2020-09-01')).toEqual([]);
  });

  it('recovers from the old payee with PAYEE_CHANGED and pays the new one', () => {
    const c = claim({ main: { payee: FIRM, fund: 'employment_subsidy' } });
    expect(amounts(claimLines(c, [paid('main', SCHOOL, 100_000), paid('living', PERSON, 60_000)], '2020-09-01')))
      .toEqual([['main', 'institution', 'recovery', -100_000, 'PAYEE_CHANGED'], ['main', 'employer', 'payment', 100_000, '']]);
  });

  it('recovers with FUND_CHANGED when only the fund changed', () => {
    const c = claim({ main: { payee: SCHOOL, fund: 'unemployment_insurance' } });
    expect(amounts(claimLines(c, [paid('main', SCHOOL, 100_000), paid('living', PERSON, 60_000)], '2020-09-01')))
      .toEqual([['main', 'institution', 'recovery', -100_000, 'FUND_CHANGED'], ['main', 'institution', 'payment', 100_000, '']]);
  });

  it('recovers a lower amount under the same key with AMOUNT_CHANGED', () => {
    const c = claim({ livingFen: 30_000, totalFen: 130_000 });
    expect(amounts(claimLines(c, [paid('main', SCHOOL, 100_000), paid('living', PERSON, 60_000)], '2020-09-01')))
      .toEqual([['living', 'person', 'recovery', -30_000, 'AMOUNT_CHANGED']]);
  });

  it('knows an employer without a code by its name compared as §7 compares names', () => {
    const c = claim({ main: { payee: { type: 'employer', code: '', name: '重庆某某・公司' }, fund: 'employment_subsidy' } });
    expect(claimLines(c, [paid('main', FIRM, 100_000), paid('living', PERSON, 60_000)], '2020-09-01')).toEqual([]);
  });

  it('gives a batch in claim_id order (claims come so) and each claim\'s lines by component, payee_type, payee_code and fund', () => {
    const a = claim({ claimId: 'K2/X' });
    const b = claim({ claimId: 'K1/X', main: { payee: FIRM, fund: 'employment_subsidy' } });
    const disbursed = new Map([['K1/X', [{ ...paid('main', SCHOOL, 100_000), claimId: 'K1/X' }]]]);
    expect(() => [...batchLines([a, b], disbursed, '2020-09-01')]).toThrow('out of claim_id order');
    const lines = [...batchLines([b, a], disbursed, '2020-09-01')];
    expect(lines.map((l) => `${l.claimId} ${l.component} ${l.payee.type} ${l.amountFen}`)).toEqual([
      'K1/X living person 60000', 'K1/X main employer 100000', 'K1/X main institution -100000',
      'K2/X living person 60000', 'K2/X main institution 100000',
    ]);
  });
});
