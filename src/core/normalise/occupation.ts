// SPEC §4.6: two records name the same occupation when their codes are equal (both given),
// otherwise when their names are equal without spaces, width differences and a bracketed suffix.

import { memoise } from './memoise.js';

export const occupationNameKey = memoise((name: string): string =>
  name
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[([【［][^)\]】］]*[)\]】］]$/, '')
    .toLowerCase(),
);

export interface Occupation {
  occupationCode: string | null;
  occupationName: string;
}

export function sameOccupation(a: Occupation, b: Occupation): boolean {
  if (a.occupationCode && b.occupationCode) return a.occupationCode === b.occupationCode;
  return occupationNameKey(a.occupationName) === occupationNameKey(b.occupationName);
}
