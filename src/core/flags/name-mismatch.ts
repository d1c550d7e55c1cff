// F_NAME_MISMATCH (high, SPEC §7): one ID number with different names across the active roster
// rows and certificates (冒名顶替). Names compare without spaces, width and middle-dot differences.

import { maskIdNumber } from '../normalise/id-number.js';
import { normaliseName } from '../normalise/text.js';
import { makeFlag, type Flag } from './types.js';
import type { FlagContext } from './context.js';

export function flagNameMismatches(ctx: FlagContext): Flag[] {
  // Person by person, one name as the reference; names are normalised only when they differ as written.
  const claimsById = ctx.groups.claimsByPerson();
  const certsById = ctx.groups.certificatesByPerson();
  const mismatched = new Set<string>();
  const check = (id: string, records: readonly { name: string }[], reference: string) => {
    for (const { name } of records) {
      if (name !== reference && normaliseName(name) !== normaliseName(reference)) {
        mismatched.add(id);
        return;
      }
    }
  };
  for (const [id, claims] of claimsById) check(id, claims, claims[0].name);
  for (const [id, certs] of certsById) check(id, certs, claimsById.get(id)?.[0].name ?? certs[0].name);
  return [...mismatched].sort().map((id) => {
    const claims = claimsById.get(id) ?? [];
    const certs = certsById.get(id) ?? [];
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
