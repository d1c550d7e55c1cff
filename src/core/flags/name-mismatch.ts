// F_NAME_MISMATCH (high, SPEC §7): one ID number with different names across the active roster
// rows and certificates (冒名顶替). Names compare without spaces, width and middle-dot differences.

import { maskIdNumber } from '../normalise/id-number.js';
import { normaliseName } from '../normalise/text.js';
import { makeFlag, type Flag } from './types.js';
import type { FlagContext } from './context.js';

export function flagNameMismatches(ctx: FlagContext): Flag[] {
  // One pass keeps only the first name seen per ID; the (rare) mismatches are then described in full.
  const first = new Map<string, string>();
  const mismatched = new Set<string>();
  const note = (id: string, name: string) => {
    const key = normaliseName(name);
    const seen = first.get(id);
    if (seen === undefined) first.set(id, key);
    else if (seen !== key) mismatched.add(id);
  };
  for (const c of ctx.claims) note(c.idNumber, c.name);
  for (const c of ctx.certificates) note(c.idNumber, c.name);
  const claimsById = ctx.groups.claimsByPerson();
  const certsById = ctx.groups.certificatesByPerson();
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
