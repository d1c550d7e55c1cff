// Every reason code of SPEC §6 and every fraud rule of §7 is decided in one file whose name says
// so, found in one step from the code: a caseworker asking "why E_AGE?" opens core/decide/age.ts.
// The lists below are checked against the SPEC itself (../shared/spec/SPEC.md beside the
// checkout, or the file SKILLSUB_SPEC names): a code the SPEC adds fails here until it has a file.

import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FLAG_RULES } from '../../src/core/flags/raise-flags.js';

const CORE = join(import.meta.dirname, '..', '..', 'src', 'core');
const SPEC = process.env.SKILLSUB_SPEC ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'spec', 'SPEC.md');

/** SPEC §6: each reason code and the file that decides it. */
const REASONS: Record<string, string> = {
  E_ID_INVALID: 'decide/id-number.ts',
  E_AGE: 'decide/age.ts',
  E_PERIOD: 'decide/policy-period.ts',
  E_INSTITUTION: 'decide/institution.ts',
  E_CATEGORY: 'decide/category.ts',
  E_EMPLOYER: 'decide/employer.ts',
  E_ATTENDANCE: 'decide/attendance.ts',
  P_IN_TRAINING: 'decide/certificate.ts',
  E_CERT_WINDOW: 'decide/certificate.ts',
  P_AWAITING_CERT: 'decide/certificate.ts',
  E_NO_CERT: 'decide/certificate.ts',
  E_FRAUD_CONFIRMED: 'decide/fraud-confirmed.ts',
  E_NO_RATE: 'decide/amount.ts',
  W_MONTHS_CAPPED: 'decide/amount.ts',
  E_REPEAT: 'decide/caps.ts',
  E_LOWER_LEVEL: 'decide/caps.ts',
  E_ANNUAL_CAP: 'decide/caps.ts',
  // SPEC §10: a recovery's reasons when the run does not reject the claim
  PAYEE_CHANGED: 'ledger/recovery-reason.ts',
  FUND_CHANGED: 'ledger/recovery-reason.ts',
  AMOUNT_CHANGED: 'ledger/recovery-reason.ts',
};

/**
 * SPEC §7's rules; each lives in flags/<rule without F_, kebab-case>.ts.
 */
const RULES = [
  'F_ID_INVALID', 'F_NAME_MISMATCH', 'F_OVERLAP', 'F_CERT_SHARED', 'F_CERT_BEFORE_TRAINING', 'F_ROSTER_REUSE',
  'F_PHONE_SHARED', 'F_CATEGORY_CONFLICT', 'F_OVERCLAIM', 'F_ORG_CODE_INVALID', 'F_HOURS', 'F_PASS_RATE',
  'F_PENSIONER', 'F_PUBLIC_STAFF', 'F_STUDENT', 'F_DECEASED', 'F_INSURED_UNEMPLOYED', 'F_NOT_EMPLOYED', 'F_CERT_BURST',
];

const ruleFile = (rule: string) => `flags/${rule.slice(2).toLowerCase().replace(/_/g, '-')}.ts`;

function coreFiles(dir = CORE): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? coreFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

/** The core files that write the code as a literal. */
function filesWriting(code: string): string[] {
  return coreFiles().filter((f) => readFileSync(f, 'utf8').includes(`'${code}'`)).map((f) => relative(CORE, f));
}

/** A section of the SPEC: from its `## N.` heading to the next `## ` heading. */
function specSection(spec: string, number: number): string {
  const start = spec.search(new RegExp(`^## ${number}\\. `, 'm'));
  if (start < 0) throw new Error(`${SPEC}: no section ${number}`);
  const end = spec.indexOf('\n## ', start + 1);
  return spec.slice(start, end < 0 ? undefined : end);
}

/** The codes a text names in backticks, e.g. `E_AGE` (not the bare prefixes `E_`, `P_`, `W_`). */
const codesIn = (text: string, prefixes: string) =>
  [...new Set([...text.matchAll(new RegExp(`\`([${prefixes}]_[A-Z][A-Z_]*)\``, 'g'))].map(([, code]) => code))].sort();

if (!existsSync(SPEC)) console.warn(`skipped the comparison with the SPEC: ${SPEC} is not there (set SKILLSUB_SPEC to its path)`);

describe.runIf(existsSync(SPEC))('the lists of codes are the SPEC\'s', () => {
  const spec = existsSync(SPEC) ? readFileSync(SPEC, 'utf8') : '';

  it('has a deciding file for every reason code SPEC §6 names', () => {
    const named = codesIn(specSection(spec, 6), 'EPW');
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter((code) => !(code in REASONS))).toEqual([]);
  });

  it('has a rule file for every fraud rule in the table of SPEC §7', () => {
    const table = specSection(spec, 7).split('\n').filter((line) => line.startsWith('| `F_'));
    const named = codesIn(table.join('\n'), 'F');
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter((rule) => !RULES.includes(rule))).toEqual([]);
  });

  it('has a deciding file for every recovery reason of SPEC §10', () => {
    const named = [...new Set(specSection(spec, 10).match(/\b[A-Z]+_CHANGED\b/g))].sort();
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((code) => !(code in REASONS))).toEqual([]);
  });
});

describe('every reason code has one deciding file, named after what it decides', () => {
  for (const [code, file] of Object.entries(REASONS)) {
    it(`decides ${code} in core/${file} and nowhere else`, () => {
      expect(existsSync(join(CORE, file))).toBe(true);
      expect(filesWriting(code)).toEqual([file]);
    });
  }
});

describe('every fraud rule has one file, named after the rule', () => {
  for (const rule of RULES) {
    it(`raises ${rule} in core/${ruleFile(rule)} and nowhere else in the core but the list of rules`, () => {
      expect(existsSync(join(CORE, ruleFile(rule)))).toBe(true);
      expect(filesWriting(rule).filter((f) => f !== 'flags/raise-flags.ts')).toEqual([ruleFile(rule)]);
    });
  }

  it('runs every rule file in check, once', () => {
    expect(FLAG_RULES.map((r) => r.rule).sort()).toEqual([...RULES].sort());
    const files = readdirSync(join(CORE, 'flags')).filter((f) => !['types.ts', 'context.ts', 'raise-flags.ts'].includes(f));
    expect(files.sort()).toEqual(RULES.map((r) => ruleFile(r).slice('flags/'.length)).sort());
  });
});
