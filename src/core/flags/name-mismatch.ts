// F_NAME_MISMATCH (high, SPEC §7): one ID number with different names across the active roster
// rows and certificates (冒名顶替). Names compare without spaces, width and middle-dot differences.

import { maskIdNumber } from '../normalise/id-number.js';
import { normaliseName } from '../normalise/text.js';
import { makeFlag, type Flag } from './types.js';
import { groupBy, type FlagContext } from './context.js';

export function flagNameMismatches(ctx: FlagContext): Flag[] {
  const names = new Map<string, Map<string, string>>();
  const note = (id: string, name: string) => {
    let seen = names.get(id);
    if (!seen) names.set(id, (seen = new Map()));
    const key = normaliseName(name);
    if (!seen.has(key)) seen.set(key, name);
  };
  for (const c of ctx.claims) note(c.idNumber, c.name);
  for (const c of ctx.certificates) note(c.idNumber, c.name);
  const mismatched = [...names].filter(([, seen]) => seen.size > 1).map(([id]) => id).sort();
  const wanted = new Set(mismatched);
  const claimsById = groupBy(ctx.claims, (c) => (wanted.has(c.idNumber) ? c.idNumber : null));
  const certsById = groupBy(ctx.certificates, (c) => (wanted.has(c.idNumber) ? c.idNumber : null));
  return mismatched.map((id) => {
    const claims = claimsById.get(id) ?? [];
    const certs = certsById.get(id) ?? [];
    return makeFlag({
      rule: 'F_NAME_MISMATCH', severity: 'high', subjectType: 'person', subject: id, idNumber: id,
      classIds: claims.map((c) => c.classId), certNumbers: certs.map((c) => c.certNumber), institutionCode: null,
      claimIds: claims.map((c) => c.claimId),
      detail: { key: 'F_NAME_MISMATCH', params: { id: maskIdNumber(id), names: [...names.get(id)!.values()].sort().join(', ') } },
      sources: [...claims.map((c) => c.source), ...certs.map((c) => c.source)],
    });
  });
}
