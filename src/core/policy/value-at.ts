// SPEC §5: a dated value is the one in force on a date (a claim uses its class's end_date).

import type { Dated, ResolvedValue } from './types.js';

// Resolved values are shared per (rate, path, date): a million claims use a handful of them,
// mostly the one a rate gave last (a class's claims come one after another).
interface Resolved {
  byKey: Map<string, ResolvedValue>;
  last: { date: string; path: string; value: ResolvedValue } | null;
}
const resolved = new WeakMap<Dated, Resolved>();

export function valueAt(dated: Dated, date: string, path: string): ResolvedValue {
  let cache = resolved.get(dated);
  if (!cache) resolved.set(dated, (cache = { byKey: new Map(), last: null }));
  const { last } = cache;
  if (last && last.date === date && last.path === path) return last.value;
  const key = dated.kind === 'fixed' ? path : `${path}\u0000${date}`;
  let value = cache.byKey.get(key);
  if (!value) cache.byKey.set(key, (value = Object.freeze(resolve(dated, date, path))));
  cache.last = { date, path, value };
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
