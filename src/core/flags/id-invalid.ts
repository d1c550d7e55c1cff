// F_ID_INVALID (high, SPEC §7): an ID number on a roster or certificate row fails §4.1.
// One flag per ID; it attaches to every claim of that ID.

import { idFacts, maskIdNumber } from '../normalise/id-number.js';
import { makeFlag, type Flag } from './types.js';
import type { FlagContext } from './context.js';

export function flagInvalidIds(ctx: FlagContext): Flag[] {
  const invalid = new Set<string>();
  for (const { claim, idValid } of ctx.evaluated) if (!idValid) invalid.add(claim.idNumber);
  const claimsById = ctx.groups.claimsByPerson();
  const certsById = ctx.groups.certificatesByPerson();
  for (const id of certsById.keys()) if (!claimsById.has(id) && !idFacts(id, ctx.asOf).valid) invalid.add(id);
  return [...invalid].sort().map((id) => {
    const claims = claimsById.get(id) ?? [];
    const certs = certsById.get(id) ?? [];
    return makeFlag({
      rule: 'F_ID_INVALID', severity: 'high', subjectType: 'person', subject: id, idNumber: id,
      classIds: claims.map((c) => c.classId), certNumbers: certs.map((c) => c.certNumber), institutionCode: null,
      claimIds: claims.map((c) => c.claimId),
      detail: { key: 'F_ID_INVALID', params: { name: claims[0]?.name ?? certs[0]?.name ?? '', id: maskIdNumber(id), rows: claims.length + certs.length } },
      sources: [...claims.map((c) => c.source), ...certs.map((c) => c.source)],
    });
  });
}
