// Exports repeat the same few values down a column (dates, labels, institution names), so
// the pure cell parsers are memoised per value; the cache is dropped when it grows large.
//
// A cell is cut from the decoded text of a whole chunk of the file, and V8 keeps that whole chunk
// alive behind any piece of it that is kept: a cache holding one code from every chunk held the
// whole file (issue #14). The cell is therefore copied out before it is parsed and kept (on a miss only).

/** A copy of a string that shares no memory with the text it was cut from. */
function detached(text: string): string {
  return text.length < 13 ? text : ` ${text}`.slice(1); // V8 copies strings under 13 characters anyway
}

export function memoise<T>(parse: (raw: string) => T, limit = 10_000): (raw: string) => T {
  let cache = new Map<string, T>();
  return (raw: string): T => {
    if (raw === '') return parse(raw);
    const hit = cache.get(raw);
    if (hit !== undefined || cache.has(raw)) return hit as T;
    const key = detached(raw);
    const value = parse(key); // what it returns holds on to the copy at most
    if (cache.size >= limit) cache = new Map();
    cache.set(key, value);
    return value;
  };
}
