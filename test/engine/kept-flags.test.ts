import { describe, expect, it } from 'vitest';
import { flagKeeper } from '../../src/engine/kept-flags.js';
import type { Flag } from '../../src/core/flags/types.js';

const FIELDS = ['flagId', 'rule', 'severity', 'subjectType', 'subject', 'idNumber', 'classIds', 'certNumbers', 'institutionCode', 'claimIds', 'detail', 'sources'] as const;
const plain = (f: Flag) => Object.fromEntries(FIELDS.map((k) => [k, f[k]]));

function flag(k: number, more: Partial<Flag> = {}): Flag {
  return {
    flagId: `F_OVERCLAIM-${String(k).padStart(12, '0')}`, rule: 'F_OVERCLAIM', severity: 'medium', subjectType: 'claim',
    subject: `CQ${k}/11010519491231002X`, idNumber: '11010519491231002X', classIds: [`CQ${k}`], certNumbers: [], institutionCode: null,
    claimIds: [`CQ${k}/11010519491231002X`], detail: { key: 'F_OVERCLAIM', params: { name: '欧阳·娜', claimed: '3000.00', rows: k } },
    sources: [`花名册 "2020".csv:${k + 1}`], ...more,
  };
}

describe('flags as check keeps them', () => {
  it('read exactly as raised, field by field, whichever is asked first', () => {
    const keep = flagKeeper();
    const raised = [flag(1), flag(2, { idNumber: null, subjectType: 'class', certNumbers: ['Z1', 'Z2'], institutionCode: '52500103MJP5861234' }), flag(3)];
    const kept = raised.map(keep);
    expect(kept[1].sources).toEqual(raised[1].sources);
    expect(kept.map(plain)).toEqual(raised.map(plain));
    expect(kept[0].detail.params.name).toBe('欧阳·娜');
  });

  it('keeps thousands of flags across its buffers, a long one too', () => {
    const keep = flagKeeper();
    const long = 'x'.repeat(3 << 20);
    const raised = Array.from({ length: 5000 }, (_, k) => flag(k, k === 2500 ? { sources: [long] } : {}));
    const kept = raised.map(keep);
    expect(kept.map(plain)).toEqual(raised.map(plain));
  });
});
