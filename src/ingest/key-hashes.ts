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

/** A set of key hashes (open addressing, linear probing, at most half full). */
export class KeyHashes {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private count = 0;

  constructor(capacity = 1 << 14) {
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
  }

  /** Adds the key's hash; false when the hash was there already (the key is a suspected duplicate). */
  add(key: string): boolean {
    let [hi, lo] = hashPair(key);
    if (hi === 0 && lo === 0) lo = 1; // (0, 0) marks an empty slot
    if (!this.place(hi, lo)) return false;
    if (++this.count * 2 > this.hi.length) this.grow();
    return true;
  }

  private place(hi: number, lo: number): boolean {
    const mask = this.hi.length - 1;
    for (let at = (lo ^ hi) & mask; ; at = (at + 1) & mask) {
      if (this.hi[at] === 0 && this.lo[at] === 0) {
        this.hi[at] = hi;
        this.lo[at] = lo;
        return true;
      }
      if (this.hi[at] === hi && this.lo[at] === lo) return false;
    }
  }

  private grow(): void {
    const { hi, lo } = this;
    this.hi = new Uint32Array(hi.length * 2);
    this.lo = new Uint32Array(lo.length * 2);
    for (let k = 0; k < hi.length; k++) if (hi[k] !== 0 || lo[k] !== 0) this.place(hi[k], lo[k]);
  }
}
