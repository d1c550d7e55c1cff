// One number per ID number across a decision's claims and certificates (SPEC §6 steps 1, 8
// and 10 and the person rules of §7 work person by person). Grouping a million rows by number
// is a pass over an array; by ID number it is a million map lookups.

import type { Certificate, Claim } from './types.js';
import { Numbering } from '../numbering.js';

/** The person number of each claim and each certificate, at its index; numbered 0, 1, … in the order first seen, claims first. */
export interface PersonNumbers {
  claims: Uint32Array;
  certificates: Uint32Array;
  count: number;
}

export function numberPersons(claims: readonly Claim[], certificates: readonly Certificate[]): PersonNumbers {
  const numbering = new Numbering();
  const ofClaims = Uint32Array.from(claims, (c) => numbering.of(c.idNumber));
  const ofCertificates = Uint32Array.from(certificates, (c) => numbering.of(c.idNumber));
  return { claims: ofClaims, certificates: ofCertificates, count: numbering.count };
}

const NONE: readonly unknown[] = Object.freeze([]);

/** The items by person number (numbers[k] is item k's): group n at index n, each made once at its exact length; an empty list for none. */
export function groupByPerson<T>(items: readonly T[], numbers: Uint32Array, count: number): readonly (readonly T[])[] {
  const sizes = new Uint32Array(count);
  for (let k = 0; k < items.length; k++) sizes[numbers[k]]++;
  const groups: T[][] = new Array(count);
  for (let n = 0; n < count; n++) groups[n] = sizes[n] === 0 ? (NONE as unknown as T[]) : new Array<T>(sizes[n]);
  const filled = new Uint32Array(count);
  for (let k = 0; k < items.length; k++) {
    const n = numbers[k];
    groups[n][filled[n]++] = items[k];
  }
  return groups;
}
