// F_NAME_MISMATCH (high, SPEC §7): one ID number with different names across the active roster
// rows and certificates (冒名顶替). Names compare without spaces, width and middle-dot differences.

import { maskIdNumber } from '../normalise/id-number.js';
import { normaliseName } from '../normalise/text.js';
import { makeFlag, type Flag } from './types.js';
import type { FlagContext } from './context.js';

export function flagNameMismatches(ctx: FlagContext): Flag[] {
  // Person by person, one name as the reference; names are normalised only when they differ as written.
  const claimsOf = ctx.groups.claimsByPerson();
  const certificatesOf = ctx.groups.certificatesByPerson();
  const differs = (records: readonly { name: string }[], reference: string) =>
    records.some(({ name }) => name !== reference && normaliseName(name) !== normaliseName(reference));
  // Person numbers by ID number.
  const mismatched = new Map<string, number>();
  for (let n = 0; n < ctx.groups.persons.count; n++) {
    const claims = claimsOf[n];
    const certs = certificatesOf[n];
    const reference = claims[0]?.name ?? certs[0]?.name;
    if (reference !== undefined && (differs(claims, reference) || differs(certs, reference))) mismatched.set((claims[0] ?? certs[0]).idNumber, n);
  }
  return [...mismatched].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([id, n]) => {
    const claims = claimsOf[n];
    const certs = certificatesOf[n];
    const names = new Map<string, string>();
    for (const x of [...claims, ...certs]) if (!names.has(normaliseName(x.name))) names.set(normaliseName(x.name), x.name);
    return makeFlag({
      rule: 'F_NAME_MISMATCH', severity: 'high', subjectType: 'person', subject: id, idNumber: id,
      classIds: claims.map((c) => c.classId), certNumbers: certs.map((c) => c.certNumber), institutionCode: null,
      claimIds: claims.map((c) => c.claimId),
      detail: { key: 'F_NAME_MISMATCH', params: { id: maskIdNumber(id), names: [...names.values()].sort().join(', ') } },
      sources: [...claims.map((c) => c.source), ...certs.map((c) => c.source)],
    });
  });
}
