// SPEC §5: a dated value is the one in force on a date (a claim uses its class's end_date).

import type { Dated, ResolvedValue } from './types.js';

// Resolved values are shared per (rate, path, date): a million claims use a handful of them.
const resolved = new WeakMap<Dated, Map<string, ResolvedValue>>();

export function valueAt(dated: Dated, date: string, path: string): ResolvedValue {
  let byKey = resolved.get(dated);
  if (!byKey) resolved.set(dated, (byKey = new Map()));
  const key = dated.kind === 'fixed' ? path : `${path}\u0000${date}`;
  let value = byKey.get(key);
  if (!value) byKey.set(key, (value = Object.freeze(resolve(dated, date, path))));
  return value;
}

function resolve(dated: Dated, date: string, path: string): ResolvedValue {
  if (dated.kind === 'fixed') return { path, value: dated.value, since: null };
  let chosen = dated.entries[0];
  for (const entry of dated.entries) {
    if (entry[0] <= date) chosen = entry;
    else break;
  }
  return { path, value: chosen[1], since: chosen[0] };
}
