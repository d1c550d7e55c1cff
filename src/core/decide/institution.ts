// SPEC §2.3 and §6 step 4 (E_INSTITUTION): when a catalogue is loaded, the institution must
// be listed with valid_from ≤ start_date ≤ valid_to (both ends inclusive; blank = open). (十六)

import type { CatalogueEntry } from './types.js';

export function findCatalogueEntry(
  catalogue: ReadonlyMap<string, CatalogueEntry[]>,
  code: string,
  startDate: string,
): CatalogueEntry | null {
  for (const entry of catalogue.get(code) ?? []) {
    if ((entry.validFrom === null || entry.validFrom <= startDate) && (entry.validTo === null || startDate <= entry.validTo)) return entry;
  }
  return null;
}

/** null catalogue: none is loaded, and every institution passes. */
export function institutionCode(catalogue: ReadonlyMap<string, CatalogueEntry[]> | null, entry: CatalogueEntry | null): 'E_INSTITUTION' | null {
  return catalogue === null || entry !== null ? null : 'E_INSTITUTION';
}
