// SPEC §5: a dated value is the one in force on a date (a claim uses its class's end_date).

import type { Dated, ResolvedValue } from './types.js';

export function valueAt(dated: Dated, date: string, path: string): ResolvedValue {
  if (dated.kind === 'fixed') return { path, value: dated.value, since: null };
  let chosen = dated.entries[0];
  for (const entry of dated.entries) {
    if (entry[0] <= date) chosen = entry;
    else break;
  }
  return { path, value: chosen[1], since: chosen[0] };
}
