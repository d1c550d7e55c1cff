// SPEC §6 step 1 (E_ID_INVALID): the claim's ID number must pass §4.1 (checksum, region, a real
// birth date not after the run's as-of date).

import type { IdFacts } from '../normalise/id-number.js';

export function idNumberCode(id: IdFacts): 'E_ID_INVALID' | null {
  return id.valid ? null : 'E_ID_INVALID';
}
