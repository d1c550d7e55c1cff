// F_ID_INVALID (high, SPEC §7): an ID number on a roster or certificate row fails §4.1.
// One flag per ID; it attaches to every claim of that ID.

import { idFacts, maskIdNumber } from '../normalise/id-number.js';
import { makeFlag, type Flag } from './types.js';
import type { FlagContext } from './context.js';

export function flagInvalidIds(ctx: FlagContext): Flag[] {
  const { persons } = ctx.groups;
  const claimsOf = ctx.groups.claimsByPerson();
  const certificatesOf = ctx.groups.certificatesByPerson();
  // Person numbers by ID number: the claims' step-1 results, and the persons known only from certificates.
  const invalid = new Map<string, number>();
  ctx.evaluated.forEach(({ claim, idValid }, k) => {
    if (!idValid) invalid.set(claim.idNumber, persons.claims[k]);
  });
  for (let n = 0; n < persons.count; n++) {
    const certs = certificatesOf[n];
    if (claimsOf[n].length === 0 && certs.length > 0 && !idFacts(certs[0].idNumber, ctx.asOf).valid) invalid.set(certs[0].idNumber, n);
  }
  return [...invalid].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([id, n]) => {
    const claims = claimsOf[n];
    const certs = certificatesOf[n];
    return makeFlag({
      rule: 'F_ID_INVALID', severity: 'high', subjectType: 'person', subject: id, idNumber: id,
      classIds: claims.map((c) => c.classId), certNumbers: certs.map((c) => c.certNumber), institutionCode: null,
      claimIds: claims.map((c) => c.claimId),
      detail: { key: 'F_ID_INVALID', params: { name: claims[0]?.name ?? certs[0]?.name ?? '', id: maskIdNumber(id), rows: claims.length + certs.length } },
      sources: [...claims.map((c) => c.source), ...certs.map((c) => c.source)],
    });
  });
}
