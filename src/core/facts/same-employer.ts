// SPEC §7 (F_NOT_EMPLOYED): two records name the same employer by employer_code when both have
// one, else by employer name compared as §7's names. A record without an employer has none, so it
// is nobody's.

import { normaliseName } from '../normalise/text.js';

export interface EmployerOf {
  employerCode: string | null;
  employerName: string | null;
}

export function sameEmployer(a: EmployerOf, b: EmployerOf): boolean {
  if (a.employerCode && b.employerCode) return a.employerCode === b.employerCode;
  if (!a.employerName || !b.employerName) return false;
  return a.employerName === b.employerName || normaliseName(a.employerName) === normaliseName(b.employerName);
}
