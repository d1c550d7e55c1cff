// `check` runs SPEC §6 step 10 on a second core while the fraud flags are raised (§7), on the
// claims that passed steps 1–8. Its answer is used only when no confirmed flag took a claim out
// of step 10, and a worker that failed means step 10 runs here: the outcomes never change.

import { describe, it, expect } from 'vitest';
import { decideClaims, decideClaimsInParallel, type DecideInput } from '../../src/core/decide/decide-claims.js';
import { capColumns, capsOnColumns, type CapColumnsResult } from '../../src/core/decide/caps.js';
import { numberPersons } from '../../src/core/decide/persons.js';
import type { ClaimOutcome } from '../../src/core/decide/types.js';
import { claim, certificate, policy, personId } from '../helpers/claims.js';

const A = personId('1990-01-01', 'male');
const B = personId('1985-05-05', 'female', 2);

/** Four certificate claims of A in 2020 (the fourth over the annual cap), one of them overclaimed; one of B. */
function input(): DecideInput {
  const classes = [['C1', 'A', '甲', '2020-01-01'], ['C2', 'B', '乙', '2020-02-01'], ['C3', 'C', '丙', '2020-03-01'], ['C4', 'D', '丁', '2020-04-01']] as const;
  const claims = classes.map(([classId, code, name, start], i) => claim({
    rowId: i + 1, classId, idNumber: A, occupationCode: code, occupationName: name, startDate: start, endDate: start.replace(/01$/, '10'),
    claimedFen: classId === 'C1' ? 99_999_900 : null,
  }));
  claims.push(claim({ rowId: 5, classId: 'C5', idNumber: B, name: '李四' }));
  const certificates = claims.map((c, i) => certificate({
    rowId: i + 1, certNumber: `Z${i + 1}`, idNumber: c.idNumber, name: c.name, occupationCode: c.occupationCode, occupationName: c.occupationName,
    level: c.level, issueDate: c.endDate.replace(/10$/, '20'),
  }));
  return { claims, certificates, catalogue: [], policy: policy(), asOf: '2021-12-31', verdicts: new Map(), flagKey: 'test key' };
}

const facts = (o: ClaimOutcome) => ({ claim: o.claim.claimId, decision: o.decision, reasons: o.reasons, capOrder: o.capOrder, capClaims: o.capClaims, flags: o.flagIds });
const here = async (columns: Parameters<typeof capsOnColumns>[0], limits: Parameters<typeof capsOnColumns>[1]) => capsOnColumns(columns, limits);

describe('step 10 on a second core', () => {
  it('carries each claim_id as its code units, whether or not every unit fits a byte', () => {
    for (const classIds of [['K/1', 'K2', 'K2'], ['K1', '渝中/2', 'K3']]) {
      const candidates = classIds.map((classId, i) => ({
        claim: claim({ rowId: i + 1, classId, idNumber: i === 1 ? B : A }), certificate: null, paysCertificate: false,
      }));
      const { claimIdUnits, claimIdFrom } = capColumns(candidates);
      const ids = candidates.map((_, k) => String.fromCharCode(...claimIdUnits.slice(claimIdFrom[k], claimIdFrom[k + 1])));
      expect(ids).toEqual(candidates.map((c) => c.claim.claimId));
      expect(claimIdUnits).toBeInstanceOf(classIds[1] === 'K2' ? Uint8Array : Uint16Array);
    }
  });

  it('gives the outcomes of the single-threaded decision, the fourth certificate of a year rejected', async () => {
    const serial = decideClaims(input());
    expect(serial.outcomes.find((o) => o.claim.classId === 'C4')).toMatchObject({ decision: 'rejected', reasons: ['E_ANNUAL_CAP'] });
    const parallel = await decideClaimsInParallel(input(), { capsElsewhere: here });
    expect(parallel.outcomes.map(facts)).toEqual(serial.outcomes.map(facts));
  });

  it('runs step 10 here when the worker failed', async () => {
    const serial = decideClaims(input());
    const parallel = await decideClaimsInParallel(input(), { capsElsewhere: async () => null });
    expect(parallel.outcomes.map(facts)).toEqual(serial.outcomes.map(facts));
  });

  it('ignores the answer when a confirmed flag took a claim out of step 10, so that claim uses no cap', async () => {
    const overclaim = decideClaims(input()).flags.find((f) => f.rule === 'F_OVERCLAIM')!;
    const verdicts = new Map([[overclaim.flagId, 'confirmed' as const]]);
    const serial = decideClaims({ ...input(), verdicts });
    expect(serial.outcomes.find((o) => o.claim.classId === 'C1')).toMatchObject({ decision: 'rejected', reasons: ['E_FRAUD_CONFIRMED'] });
    expect(serial.outcomes.find((o) => o.claim.classId === 'C4')!.decision).toBe('approved');
    // An answer for the claims before the verdict applied would reject C4: it must not be used.
    let sent = 0;
    const stale = async (columns: Parameters<typeof capsOnColumns>[0], limits: Parameters<typeof capsOnColumns>[1]): Promise<CapColumnsResult> => {
      sent = columns.dates.length;
      return capsOnColumns(columns, limits);
    };
    const parallel = await decideClaimsInParallel({ ...input(), verdicts }, { capsElsewhere: stale });
    expect(sent).toBe(5);
    expect(parallel.outcomes.map(facts)).toEqual(serial.outcomes.map(facts));
  });

  it('numbers persons in the order first seen, claims first, the same number for a claim and a certificate of one ID', () => {
    const { claims, certificates } = input();
    const onlyCertified = certificate({ rowId: 9, certNumber: 'Z9', idNumber: personId('1970-07-07', 'male', 4) });
    const persons = numberPersons(claims, [onlyCertified, ...certificates]);
    expect([...persons.claims]).toEqual([0, 0, 0, 0, 1]);
    expect([...persons.certificates]).toEqual([2, 0, 0, 0, 0, 1]);
    expect(persons.count).toBe(3);
  });
});
