// R_DUP_ROW (SPEC §2.1, §2.4) over a file of any size: the keys of a file's stored rows are kept
// as 64-bit hashes in two typed arrays (at most 32 bytes a row, outside the JS heap), not as
// strings, so that the parser's memory does not grow with the file's distinct keys (issue #14).
// A key whose hash was seen before is only a suspect: the writer confirms it against the rows of
// the file already stored (store/imports.ts FileWriter), so a hash collision never becomes a row error.

/** Two independent 32-bit hashes of a string (FNV-1a and a multiply-rotate mix), as one 64-bit value. */
function hashPair(key: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c ^ key.length;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b = (b << 13) | (b >>> 19);
  }
  b = Math.imul(b ^ (b >>> 15), 0x85ebca6b);
  b ^= b >>> 13;
  return [a >>> 0, b >>> 0];
}

/**
 * A set of key hashes (open addressing, linear probing, at most half full), with a number kept
 * beside each hash when made `withValues` (4 bytes more a key).
 */
export class KeyHashes {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private values: Int32Array | null;
  private count = 0;

  constructor(capacity = 1 << 14, withValues = false) {
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.values = withValues ? new Int32Array(capacity) : null;
  }

  /** Adds the key's hash; false when the hash was there already (the key is a suspected duplicate). */
  add(key: string): boolean {
    return this.put(key, 0);
  }

  /** The number kept with the key's hash (another key's, when two share a hash), or undefined. */
  get(key: string): number | undefined {
    const [hi, lo] = hashOf(key);
    const at = this.slot(hi, lo);
    return this.hi[at] === 0 && this.lo[at] === 0 ? undefined : this.values![at];
  }

  /** Keeps `value` with the key's hash, unless the hash is there already (false). */
  put(key: string, value: number): boolean {
    const [hi, lo] = hashOf(key);
    const at = this.slot(hi, lo);
    if (this.hi[at] !== 0 || this.lo[at] !== 0) return false;
    this.fill(at, hi, lo, value);
    if (++this.count * 2 > this.hi.length) this.grow();
    return true;
  }

  /** Where the hash is, or the empty slot where it would go. */
  private slot(hi: number, lo: number): number {
    const mask = this.hi.length - 1;
    for (let at = (lo ^ hi) & mask; ; at = (at + 1) & mask) {
      if ((this.hi[at] === 0 && this.lo[at] === 0) || (this.hi[at] === hi && this.lo[at] === lo)) return at;
    }
  }

  private fill(at: number, hi: number, lo: number, value: number): void {
    this.hi[at] = hi;
    this.lo[at] = lo;
    if (this.values) this.values[at] = value;
  }

  private grow(): void {
    const { hi, lo, values } = this;
    this.hi = new Uint32Array(hi.length * 2);
    this.lo = new Uint32Array(lo.length * 2);
    this.values = values && new Int32Array(values.length * 2);
    for (let k = 0; k < hi.length; k++) if (hi[k] !== 0 || lo[k] !== 0) this.fill(this.slot(hi[k], lo[k]), hi[k], lo[k], values ? values[k] : 0);
  }
}

/** The key's hash pair, (0, 0) being kept for an empty slot. */
function hashOf(key: string): [number, number] {
  const pair = hashPair(key);
  if (pair[0] === 0 && pair[1] === 0) pair[1] = 1;
  return pair;
}
