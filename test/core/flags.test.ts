// The twelve fraud rules of SPEC §7: for each, a case that raises it, a near miss that must
// not, and what it does to the claims it attaches to.

import { describe, it, expect } from 'vitest';
import { checkAll, type Verdict } from '../../src/core/check-all.js';
import type { Certificate, Claim } from '../../src/core/decide/types.js';
import { claim, certificate, policy, personId } from '../helpers/claims.js';
import { Groupings } from '../../src/core/flags/context.js';
import { FLAG_RULES } from '../../src/core/flags/raise-flags.js';
import { numberPersons } from '../../src/core/decide/persons.js';
import { listsOfRows } from '../../src/core/facts/outside-lists.js';

type ClaimInput = Parameters<typeof claim>[0];

function run(claims: Claim[], certs: Certificate[] = [], options: { policy?: Record<string, unknown>; verdicts?: Map<string, Verdict>; asOf?: string } = {}) {
  return checkAll({
    claims, certificates: certs, catalogue: [], policy: policy(options.policy), asOf: options.asOf ?? '2021-12-31', verdicts: options.verdicts ?? new Map(), flagKey: 'test key',
  });
}

/** A claim with its own certificate in the window (so it is payable). */
function certified(fields: ClaimInput, seq: number): { claim: Claim; cert: Certificate } {
  const c = claim({ rowId: seq, ...fields });
  return {
    claim: c,
    cert: certificate({ rowId: seq, certNumber: `Z${seq}`, idNumber: c.idNumber, name: c.name, occupationCode: c.occupationCode, occupationName: c.occupationName, level: c.level, issueDate: addDays(c.endDate, 10) }),
  };
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86400000).toISOString().slice(0, 10);
}

function people(n: number, fields: (i: number) => ClaimInput): { claims: Claim[]; certs: Certificate[] } {
  const list = Array.from({ length: n }, (_, i) => certified({ idNumber: personId('1990-01-01', 'male', i + 1), phone: `139${String(i).padStart(8, '0')}`, ...fields(i) }, i + 1));
  return { claims: list.map((x) => x.claim), certs: list.map((x) => x.cert) };
}

const rules = (out: ReturnType<typeof run>) => out.flags.map((f) => f.rule);
const decisionOf = (out: ReturnType<typeof run>, classId: string) => out.outcomes.find((o) => o.claim.classId === classId)!.decision;

describe('F_ID_INVALID', () => {
  it('flags an ID that fails its check on a certificate row, once per ID, and holds nothing else', () => {
    const out = run([], [certificate({ idNumber: '360426199101010072' }), certificate({ idNumber: '360426199101010072', certNumber: 'Z2' })]);
    expect(rules(out)).toEqual(['F_ID_INVALID']);
    expect(out.flags[0]).toMatchObject({ severity: 'high', subjectType: 'person', subject: '360426199101010072' });
  });
  it('does not flag a valid ID', () => {
    expect(rules(run([], [certificate()]))).toEqual([]);
  });
});

describe('F_NAME_MISMATCH', () => {
  it('flags one ID under two names and holds its payable claim for review', () => {
    const { claim: c, cert } = certified({ name: '张三' }, 1);
    const out = run([c], [{ ...cert, name: '李四' }]);
    expect(rules(out)).toEqual(['F_NAME_MISMATCH']);
    expect(out.flags[0].detail.params.names).toBe('张三, 李四');
    expect(decisionOf(out, 'C1')).toBe('review');
  });
  it('does not flag names that differ only in spaces, width or the middle dot', () => {
    const { claim: c, cert } = certified({ name: '阿卜杜·热合曼' }, 1);
    expect(rules(run([c], [{ ...cert, name: '阿卜杜 • 热合曼' }]))).toEqual([]);
  });
});

describe('F_OVERLAP', () => {
  it('flags one person in two overlapping classes, once per pair, on both claims', () => {
    const a = certified({ classId: 'A', startDate: '2020-07-01', endDate: '2020-07-20' }, 1);
    const b = certified({ classId: 'B', startDate: '2020-07-20', endDate: '2020-07-30', occupationCode: 'X', occupationName: '乙' }, 2);
    const out = run([a.claim, b.claim], [a.cert, b.cert]);
    expect(rules(out)).toEqual(['F_OVERLAP']);
    expect(out.flags[0].claimIds).toEqual([a.claim.claimId, b.claim.claimId]);
    expect(out.flags[0].classIds).toEqual(['A', 'B']);
  });
  it('finds every overlapping pair among three classes', () => {
    const list = ['A', 'B', 'C'].map((id, i) => certified({ classId: id, startDate: '2020-07-01', endDate: '2020-07-20', occupationCode: id, occupationName: id }, i + 1));
    expect(rules(run(list.map((x) => x.claim), list.map((x) => x.cert)))).toEqual(['F_OVERLAP', 'F_OVERLAP', 'F_OVERLAP']);
  });
  it('does not flag work-based training overlapping a classroom class', () => {
    const a = certified({ classId: 'A' }, 1);
    const w = claim({ classId: 'W', rowId: 2, trainingType: 'work_based', categories: ['poor_labor'], employerName: '某公司', startDate: '2020-06-01', endDate: '2020-09-30' });
    expect(rules(run([a.claim, w], [a.cert]))).toEqual([]);
  });
});

describe('F_CERT_SHARED', () => {
  it('flags a certificate number held by two ID numbers and holds the claim it funds', () => {
    const { claim: c, cert } = certified({}, 1);
    const other = { ...cert, rowId: 9, idNumber: personId('1980-02-02', 'female'), name: '李四' };
    const out = run([c], [cert, other]);
    expect(rules(out)).toEqual(['F_CERT_SHARED']);
    expect(out.flags[0]).toMatchObject({ subjectType: 'certificate', subject: 'Z1', claimIds: [c.claimId] });
    expect(decisionOf(out, 'C1')).toBe('review');
  });
  it('does not flag two people with different certificate numbers', () => {
    const a = certified({}, 1);
    const b = certified({ classId: 'C2', idNumber: personId('1980-02-02', 'female') }, 2);
    expect(rules(run([a.claim, b.claim], [a.cert, b.cert]))).toEqual([]);
  });
});

describe('F_CERT_BEFORE_TRAINING', () => {
  it('flags a claim whose only matching certificate predates the class', () => {
    const c = claim({ startDate: '2020-07-01' });
    const out = run([c], [certificate({ issueDate: '2020-06-15' })]);
    expect(rules(out)).toEqual(['F_CERT_BEFORE_TRAINING']);
    expect(out.flags[0]).toMatchObject({ subjectType: 'claim', subject: c.claimId, certNumbers: ['Z1'] });
  });
  it('does not flag when a certificate in the window funds the claim', () => {
    const c = claim({ startDate: '2020-07-01' });
    expect(rules(run([c], [certificate({ issueDate: '2020-06-15' }), certificate({ certNumber: 'Z2', rowId: 2, issueDate: '2020-08-01' })]))).toEqual([]);
  });
});

describe('F_ROSTER_REUSE', () => {
  const classes = (sizeA: number, sizeB: number, shared: number, sameInstitution = true) => {
    const a = people(sizeA, () => ({ classId: 'A', startDate: '2020-03-01', endDate: '2020-03-20' }));
    const bIds = [...a.claims.slice(0, shared).map((c) => c.idNumber), ...Array.from({ length: sizeB - shared }, (_, i) => personId('1980-01-01', 'female', i + 1))];
    const b = bIds.map((id, i) => claim({
      rowId: 100 + i, classId: 'B', idNumber: id, startDate: '2020-09-01', endDate: '2020-09-20', occupationCode: 'X', occupationName: '乙',
      institutionCode: sameInstitution ? '91110000600037341L' : '91350100M000100Y43',
    }));
    return [...a.claims, ...b];
  };
  it('flags two classes of 16 that share 15 trainees (Jaccard 0.88)', () => {
    const out = run(classes(16, 16, 15));
    expect(rules(out).filter((r) => r === 'F_ROSTER_REUSE')).toHaveLength(1);
    const flag = out.flags.find((f) => f.rule === 'F_ROSTER_REUSE')!;
    expect(flag).toMatchObject({ severity: 'medium', subjectType: 'class_pair', classIds: ['A', 'B'] });
    expect(flag.detail.params.jaccard).toBe('0.88');
  });
  it('attaches to the claims of both classes, the trainee who is in one only too', () => {
    const claims = classes(16, 16, 15);
    const flag = run(claims).flags.find((f) => f.rule === 'F_ROSTER_REUSE')!;
    expect(flag.claimIds).toEqual(claims.map((c) => c.claimId).sort());
  });
  it('does not flag 14 shared of 16 (Jaccard 0.78, just under 0.8)', () => {
    expect(rules(run(classes(16, 16, 14)))).not.toContain('F_ROSTER_REUSE');
  });
  it('flags the same pair when the policy lowers the threshold to 0.75', () => {
    expect(rules(run(classes(16, 16, 14), [], { policy: { thresholds: { roster_reuse_jaccard: 0.75 } } }))).toContain('F_ROSTER_REUSE');
  });
  it('does not flag identical classes smaller than roster_reuse_min_class', () => {
    expect(rules(run(classes(9, 9, 9)))).not.toContain('F_ROSTER_REUSE');
  });
  it('does not compare classes of different institutions', () => {
    expect(rules(run(classes(16, 16, 16, false)))).not.toContain('F_ROSTER_REUSE');
  });
});

describe('F_PHONE_SHARED', () => {
  it('flags one phone, written in several ways, behind five ID numbers', () => {
    const forms = ['13800138000', '+86 138 0013 8000', '86-138-0013-8000', '138-0013-8000', '(+86)13800138000'];
    const { claims, certs } = people(5, (i) => ({ classId: `C${i}`, phone: forms[i], occupationCode: `O${i}`, occupationName: `O${i}`, startDate: `2020-0${i + 1}-01`, endDate: `2020-0${i + 1}-20` }));
    const out = run(claims, certs);
    expect(rules(out)).toEqual(['F_PHONE_SHARED']);
    expect(out.flags[0]).toMatchObject({ subjectType: 'phone', subject: '13800138000', severity: 'medium' });
    expect(out.outcomes.every((o) => o.decision === 'approved')).toBe(true);
  });
  it('does not flag four persons on one phone when the threshold is five', () => {
    const { claims, certs } = people(4, (i) => ({ classId: `C${i}`, phone: '13800138000', occupationCode: `O${i}`, occupationName: `O${i}`, startDate: `2020-0${i + 1}-01`, endDate: `2020-0${i + 1}-20` }));
    expect(rules(run(claims, certs))).toEqual([]);
  });
});

describe('F_CATEGORY_CONFLICT', () => {
  it('flags a laid-off worker who names an employer, per claim', () => {
    const { claim: c, cert } = certified({ categories: ['laid_off'], employerName: '某公司' }, 1);
    const out = run([c], [cert]);
    expect(rules(out)).toEqual(['F_CATEGORY_CONFLICT']);
    expect(decisionOf(out, 'C1')).toBe('approved');
  });
  it('does not flag a laid-off worker without an employer', () => {
    const { claim: c, cert } = certified({ categories: ['laid_off'] }, 1);
    expect(rules(run([c], [cert]))).toEqual([]);
  });
});

describe('F_OVERCLAIM', () => {
  it('flags a claimed amount above the computed total', () => {
    const { claim: c, cert } = certified({ claimedFen: 100001 }, 1);
    const out = run([c], [cert]);
    expect(rules(out)).toEqual(['F_OVERCLAIM']);
    expect(out.flags[0].detail.params).toMatchObject({ claimed: '1000.01', total: '1000.00' });
  });
  it('does not flag a claimed amount equal to the total', () => {
    const { claim: c, cert } = certified({ claimedFen: 100000 }, 1);
    expect(rules(run([c], [cert]))).toEqual([]);
  });
});

describe('F_ORG_CODE_INVALID', () => {
  it('flags an invalid employer code once for all its rows', () => {
    const { claims, certs } = people(2, (i) => ({ classId: `C${i}`, employerName: '某公司', employerCode: '91350100M000100Y44', categories: ['college_graduate'] }));
    const out = run(claims, certs);
    expect(rules(out)).toEqual(['F_ORG_CODE_INVALID']);
    expect(out.flags[0]).toMatchObject({ subjectType: 'org_code', subject: '91350100M000100Y44', claimIds: claims.map((c) => c.claimId).sort() });
  });
  it('does not flag valid codes', () => {
    const { claims, certs } = people(2, (i) => ({ classId: `C${i}`, employerName: '某公司', employerCode: '91350100M000100Y43', categories: ['college_graduate'] }));
    expect(rules(run(claims, certs))).toEqual([]);
  });
});

describe('F_HOURS', () => {
  it('flags a class of 20 days with 161 hours (more than 8 a day)', () => {
    const { claim: c, cert } = certified({ hours: 161 }, 1);
    const out = run([c], [cert]);
    expect(rules(out)).toEqual(['F_HOURS']);
    expect(out.flags[0]).toMatchObject({ severity: 'low', subjectType: 'class', subject: 'C1' });
  });
  it('attaches to every claim of the class, the rows within the limit too', () => {
    const over = certified({ hours: 161 }, 1);
    const within = certified({ hours: 150, idNumber: personId('1980-01-01', 'female', 1) }, 2);
    const out = run([over.claim, within.claim], [over.cert, within.cert]);
    expect(out.flags.map((f) => [f.rule, f.claimIds, f.sources])).toEqual([['F_HOURS', [over.claim.claimId, within.claim.claimId].sort(), [over.claim.source]]]);
  });
  it('does not flag exactly 8 hours a day', () => {
    const { claim: c, cert } = certified({ hours: 160 }, 1);
    expect(rules(run([c], [cert]))).toEqual([]);
  });
});

describe('F_PASS_RATE', () => {
  const cohort = (n: number, uncertified: number) => {
    const { claims, certs } = people(n, (i) => ({ classId: `C${Math.floor(i / 10)}` }));
    return { claims, certs: certs.slice(uncertified) };
  };
  it('flags an institution whose 30 certificate-type claims all have certificates', () => {
    const { claims, certs } = cohort(30, 0);
    const out = run(claims, certs);
    expect(rules(out)).toEqual(['F_PASS_RATE']);
    expect(out.flags[0]).toMatchObject({ subjectType: 'institution', institutionCode: '91110000600037341L', severity: 'low' });
    expect(out.flags[0].claimIds).toEqual(claims.map((c) => c.claimId).sort());
  });
  it('does not flag 29 enrolments, below the minimum', () => {
    const { claims, certs } = cohort(29, 0);
    expect(rules(run(claims, certs))).toEqual([]);
  });
  it('does not flag 29 certificates among 30 (96.7%, under 98%)', () => {
    const { claims, certs } = cohort(30, 1);
    expect(rules(run(claims, certs, { asOf: '2020-08-10' }))).toEqual([]);
  });
});

describe('flag ids', () => {
  it('are stable across runs: derived from rule and subject only', () => {
    const a = certified({ classId: 'A' }, 1);
    const b = certified({ classId: 'B', startDate: '2020-07-10', endDate: '2020-07-25', occupationCode: 'X', occupationName: '乙' }, 2);
    const first = run([a.claim, b.claim], [a.cert, b.cert]).flags[0].flagId;
    const again = run([{ ...b.claim, rowId: 7 }, { ...a.claim, rowId: 8, source: 'other.csv:9' }], [a.cert, b.cert]).flags[0].flagId;
    expect(again).toBe(first);
    expect(first).toMatch(/^F_OVERLAP-[0-9a-f]{12}$/);
  });
});

describe('the groupings the rules share', () => {
  it('keeps the groupings named, lets go of the others, and makes one again the same when asked', () => {
    const a = claim({ rowId: 1, idNumber: personId('1990-01-01', 'male', 1) });
    const b = claim({ rowId: 2, idNumber: personId('1990-01-01', 'male', 2) });
    const again = claim({ rowId: 3, idNumber: a.idNumber, classId: 'C2' });
    const claims = [a, b, again];
    const groups = new Groupings({ claims, certificates: [], lists: listsOfRows(new Set(), []) }, numberPersons(claims, []));
    const first = groups.claimsByPerson();
    expect(first).toEqual([[a, again], [b]]);
    groups.keepOnly(['claimsByPerson']);
    expect(groups.claimsByPerson()).toBe(first);
    groups.keepOnly(['claimsByClass']);
    const made = groups.claimsByPerson();
    expect(made).not.toBe(first);
    expect(made).toEqual([[a, again], [b]]);
  });

  it('names, for every rule, each grouping the rule asks for (else it would be made twice)', () => {
    const asked = new Map<string, Set<string>>();
    let current = '';
    const originals = FLAG_RULES.map((r) => r.raise);
    const methods = ['claimsByPerson', 'certificatesByPerson', 'claimsByClass', 'claimsByInstitution', 'listRowsByIdNumber'] as const;
    const saved = methods.map((m) => Groupings.prototype[m]);
    try {
      FLAG_RULES.forEach((r, k) => {
        (r as { raise: typeof r.raise }).raise = (ctx) => {
          current = r.rule;
          return originals[k](ctx);
        };
      });
      methods.forEach((m, k) => {
        (Groupings.prototype as unknown as Record<string, unknown>)[m] = function (this: Groupings, ...args: unknown[]) {
          const name = m === 'listRowsByIdNumber' ? `list:${String(args[0])}` : m;
          if (current) asked.set(current, (asked.get(current) ?? new Set()).add(name));
          return (saved[k] as (...a: unknown[]) => unknown).apply(this, args);
        };
      });
      const { claims, certs } = people(3, () => ({}));
      const kinds = new Set(['pension', 'public_staff', 'student', 'death', 'insured'] as const);
      checkAll({
        claims, certificates: certs, catalogue: [], lists: listsOfRows(kinds, []), policy: policy(), asOf: '2021-12-31', verdicts: new Map(), flagKey: 'test key',
      });
    } finally {
      FLAG_RULES.forEach((r, k) => ((r as { raise: typeof r.raise }).raise = originals[k]));
      methods.forEach((m, k) => ((Groupings.prototype as unknown as Record<string, unknown>)[m] = saved[k]));
    }
    expect(asked.size).toBeGreaterThan(5);
    for (const rule of FLAG_RULES) expect([...(asked.get(rule.rule) ?? [])].filter((g) => !(rule.groups ?? []).includes(g as never)), rule.rule).toEqual([]);
  });
});
