// Exports repeat the same few values down a column (dates, labels, institution names), so
// the pure cell parsers are memoised per value; the cache is dropped when it grows large.

export function memoise<T>(parse: (raw: string) => T, limit = 50_000): (raw: string) => T {
  let cache = new Map<string, T>();
  return (raw: string): T => {
    if (raw === '') return parse(raw);
    const hit = cache.get(raw);
    if (hit !== undefined || cache.has(raw)) return hit as T;
    const value = parse(raw);
    if (cache.size >= limit) cache = new Map();
    cache.set(raw, value);
    return value;
  };
}
