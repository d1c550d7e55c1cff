// SPEC §6 step 2 (E_AGE): whole years on start_date, below the working age or at least the
// maximum for the sex encoded in the ID (a man is out on his 60th birthday).

import type { Policy } from '../policy/types.js';

export function ageOn(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) < birthDate.slice(5) ? years - 1 : years;
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
