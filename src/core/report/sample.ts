// SPEC §7.2: the call-back sample (电话回访) — from each class a reproducible random share of
// its paid claims, at least `min`. Each class draws from its own seeded generator (seed and
// class id), so adding a class never changes another class's draw.

import { createHash } from 'node:crypto';

function generator(seed: number, classId: string): () => number {
  let a = createHash('sha256').update(`${seed}\u0000${classId}`).digest().readUInt32LE(0);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function sampleSize(paid: number, share: number, min: number): number {
  return Math.min(paid, Math.max(min, Math.ceil(paid * share - 1e-9)));
}

/** claimIds of one class, any order → the drawn ones, in claim_id order. */
export function drawFromClass(classId: string, claimIds: readonly string[], share: number, min: number, seed: number): string[] {
  const pool = [...claimIds].sort();
  const next = generator(seed, classId);
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, sampleSize(pool.length, share, min)).sort();
}
