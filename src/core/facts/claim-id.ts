// SPEC §2.1: a claim is keyed by (class_id, id_number); its claim_id is `<class_id>/<id_number>`
// with the normalised ID number. Every claim_id in the product is made here.

export function claimIdOf(classId: string, idNumber: string): string {
  return `${classId}/${idNumber}`;
}

export interface ClaimKey {
  classId: string;
  idNumber: string;
}

/**
 * Orders two claims as their claim_ids compare by code point (SPEC §8.1). Claims of one class
 * compare by ID number, which orders as the claim_ids do; only claims of different classes need
 * their claim_ids made.
 */
export function compareClaimIds(a: ClaimKey, b: ClaimKey): number {
  if (a.classId === b.classId) return a.idNumber < b.idNumber ? -1 : a.idNumber > b.idNumber ? 1 : 0;
  const x = claimIdOf(a.classId, a.idNumber);
  const y = claimIdOf(b.classId, b.idNumber);
  return x < y ? -1 : x > y ? 1 : 0;
}
