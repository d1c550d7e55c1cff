// SPEC §6 step 2 (E_AGE): whole years on start_date, below the working age or at least the
// maximum for the sex encoded in the ID (a man is out on his 60th birthday).

import type { Policy } from '../policy/types.js';

/** Whole years from birthDate to date (both YYYY-MM-DD): one less until the birthday comes round. */
export function ageOn(birthDate: string, date: string): number {
  const years = digits(date, 0, 4) - digits(birthDate, 0, 4);
  const monthDay = (d: string) => digits(d, 5, 7) * 100 + digits(d, 8, 10);
  return monthDay(date) < monthDay(birthDate) ? years - 1 : years;
}

/** The number written in text[from, to) (digits only); a million claims make no strings for it. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) n = n * 10 + text.charCodeAt(k) - 48;
  return n;
}

export function checkAge(
  facts: { sex: 'male' | 'female' | null; birthDate: string | null },
  startDate: string,
  policy: Policy,
): { ok: boolean; age: number | null; max: number | null } {
  if (!facts.birthDate || !facts.sex) return { ok: true, age: null, max: null };
  const age = ageOn(facts.birthDate, startDate);
  const { min, maxMale, maxFemale } = policy.limits.workingAge;
  const max = facts.sex === 'male' ? maxMale : maxFemale;
  return { ok: age >= min && age < max, age, max };
}

/** Step 2 applies to valid ID numbers only (step 1 rejects the rest). */
export function ageCode(age: ReturnType<typeof checkAge> | null): 'E_AGE' | null {
  return age && !age.ok ? 'E_AGE' : null;
}
