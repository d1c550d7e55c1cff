// Factories for core rule tests: a valid claim and certificate with every field set,
// persons by birth date and sex (a real ID number with its check character), and the
// shipped policy with overrides.

import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import type { Certificate, Claim } from '../../src/core/decide/types.js';
import { validatePolicy } from '../../src/core/policy/validate-policy.js';
import type { Policy } from '../../src/core/policy/types.js';
import { idCheckChar } from '../../src/core/normalise/id-number.js';
import { DEFAULT_POLICY_PATH } from '../../src/app/policy.js';

/** A valid 18-digit ID for a person born on `born`; odd sequence = male. */
export function personId(born: string, sex: 'male' | 'female', seq = 1): string {
  const s = sex === 'male' ? seq * 2 - 1 : seq * 2;
  const first17 = `500103${born.replace(/-/g, '')}${String(s).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

export const DEFAULT_PERSON = personId('1990-01-01', 'male');

export function claim(fields: Partial<Claim> & { born?: string; sex?: 'male' | 'female' } = {}): Claim {
  const { born, sex, ...rest } = fields;
  const idNumber = rest.idNumber ?? (born ? personId(born, sex ?? 'male') : DEFAULT_PERSON);
  const classId = rest.classId ?? 'C1';
  return {
    rowId: 1, classId, institutionName: '渝中职校', institutionCode: '91110000600037341L', trainingType: 'employment_skills',
    projectBased: false, occupationCode: '6-31-01-03', occupationName: '电工', level: 5, startDate: '2020-07-01', endDate: '2020-07-20',
    hours: 80, attendance: 0.95, name: '张三', phone: '13800138000', categories: ['rural_migrant'], household: 'urban',
    employerName: null, employerCode: null, insured: null, months: null, claimedFen: null, source: 'r.csv:2',
    ...rest,
    idNumber,
    claimId: `${classId}/${idNumber}`,
  };
}

export function certificate(fields: Partial<Certificate> = {}): Certificate {
  return {
    rowId: 1, certNumber: 'Z1', certType: 'skill_level', name: '张三', idNumber: DEFAULT_PERSON, occupationCode: '6-31-01-03',
    occupationName: '电工', level: 5, issueDate: '2020-08-01', issuer: null, source: 'c.csv:2', ...fields,
  };
}

const SHIPPED = YAML.parse(readFileSync(DEFAULT_POLICY_PATH, 'utf8')) as Record<string, unknown>;

function deepMerge(base: unknown, over: unknown): unknown {
  if (over === null || typeof over !== 'object' || Array.isArray(over) || base === null || typeof base !== 'object' || Array.isArray(base)) return over;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over as Record<string, unknown>)) {
    if (v === null) delete out[k]; // null removes a key
    else out[k] = deepMerge(out[k], v);
  }
  return out;
}

export function policy(overrides: Record<string, unknown> = {}): Policy {
  const { policy: p, problems } = validatePolicy(deepMerge(SHIPPED, overrides));
  if (!p) throw new Error(`test policy invalid: ${problems.join('; ')}`);
  return p;
}
