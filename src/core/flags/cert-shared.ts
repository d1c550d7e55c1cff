// F_CERT_SHARED (high, SPEC §7): one certificate number held by two or more ID numbers.
// Attaches to every claim whose chosen certificate (step 8) has that number.

import { maskIdNumber } from '../normalise/id-number.js';
import { makeFlag, type Flag } from './types.js';
import { groupBy, type FlagContext } from './context.js';

export function flagSharedCertificates(ctx: FlagContext): Flag[] {
  const flags: Flag[] = [];
  const shared = [...groupBy(ctx.certificates, (c) => c.certNumber)].filter(([, certs]) => new Set(certs.map((c) => c.idNumber)).size > 1);
  if (shared.length === 0) return flags;
  const wanted = new Set(shared.map(([n]) => n));
  const claimsByCert = groupBy(ctx.claims, (c) => {
    const chosen = ctx.evaluations.get(c.claimId)!.match?.chosen;
    return chosen && wanted.has(chosen.certNumber) ? chosen.certNumber : null;
  });
  for (const [number, certs] of shared.sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const claims = claimsByCert.get(number) ?? [];
    flags.push(makeFlag({
      rule: 'F_CERT_SHARED', severity: 'high', subjectType: 'certificate', subject: number, idNumber: null,
      classIds: claims.map((c) => c.classId), certNumbers: [number], institutionCode: null, claimIds: claims.map((c) => c.claimId),
      detail: { key: 'F_CERT_SHARED', params: { cert: number, holders: certs.map((c) => `${c.name} (${maskIdNumber(c.idNumber)})`).join(', ') } },
      sources: [...certs.map((c) => c.source), ...claims.map((c) => c.source)],
    }));
  }
  return flags;
}
