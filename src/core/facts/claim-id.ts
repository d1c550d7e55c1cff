// SPEC §2.1: a claim is keyed by (class_id, id_number); its claim_id is `<class_id>/<id_number>`
// with the normalised ID number. Every claim_id in the product is made here.

export function claimIdOf(classId: string, idNumber: string): string {
  return `${classId}/${idNumber}`;
}

/** claimIdOf in SQL, over a roster row's class_id and id_number, for a query that checks a stored claim_id. */
export const CLAIM_ID_SQL = `class_id || '/' || id_number`;

/** Whether a claim_id is of this ID number (it ends with `/<id_number>`). */
export function isClaimIdOf(claimId: string, idNumber: string): boolean {
  return claimId.endsWith(`/${idNumber}`);
}

/**
 * Adds to `idNumbers` the ID numbers a claim_id may be of: what follows each of its '/'s (a class
 * id may itself hold a '/', so the last one alone does not tell).
 */
export function addIdNumbersOf(claimId: string, idNumbers: Set<string>): void {
  for (let slash = claimId.indexOf('/'); slash >= 0; slash = claimId.indexOf('/', slash + 1)) idNumbers.add(claimId.slice(slash + 1));
}

export interface ClaimKey {
  classId: string;
  idNumber: string;
}

const SLASH = '/'.charCodeAt(0);

/**
 * Orders two claims as their claim_ids compare by code point (SPEC §8.1), without making them.
 * Claims of one class compare by ID number. Otherwise the class ids decide, unless one is a
 * prefix of the other: then the '/' after the shorter meets the longer's next character.
 */
export function compareClaimIds(a: ClaimKey, b: ClaimKey): number {
  if (a.classId === b.classId) return a.idNumber < b.idNumber ? -1 : a.idNumber > b.idNumber ? 1 : 0;
  const x = a.classId;
  const y = b.classId;
  const common = Math.min(x.length, y.length);
  for (let i = 0; i < common; i++) if (x.charCodeAt(i) !== y.charCodeAt(i)) return x.charCodeAt(i) - y.charCodeAt(i);
  const slash = x.length < y.length ? SLASH - y.charCodeAt(common) : x.charCodeAt(common) - SLASH;
  if (slash !== 0) return slash;
  // A class id with a '/' in it: only the whole claim_ids tell.
  const p = claimIdOf(a.classId, a.idNumber);
  const q = claimIdOf(b.classId, b.idNumber);
  return p < q ? -1 : p > q ? 1 : 0;
}
