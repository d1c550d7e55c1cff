// F_CERT_SHARED (high, SPEC §7): one certificate number held by two or more ID numbers.
// Attaches to every claim whose chosen certificate (step 8) has that number.

import { maskIdNumber } from '../normalise/id-number.js';
import { makeFlag, type Flag } from './types.js';
import type { FlagContext } from './context.js';
import { groupBy } from '../group-by.js';
import type { Certificate } from '../decide/types.js';

/** The numbers held by two or more ID numbers: one pass remembers the first holder of each number. */
export function sharedNumbers(certificates: readonly Certificate[]): Set<string> {
  const firstHolder = new Map<string, string>();
  const shared = new Set<string>();
  for (const c of certificates) {
    const holder = firstHolder.get(c.certNumber);
    if (holder === undefined) firstHolder.set(c.certNumber, c.idNumber);
    else if (holder !== c.idNumber) shared.add(c.certNumber);
  }
  return shared;
}

export function flagSharedCertificates(ctx: FlagContext): Flag[] {
  const flags: Flag[] = [];
  const wanted = sharedNumbers(ctx.certificates);
  if (wanted.size === 0) return flags;
  const shared = [...groupBy(ctx.certificates, (c) => (wanted.has(c.certNumber) ? c.certNumber : null))];
  const chosenByCert = groupBy(ctx.evaluated, ({ certificate }) => (certificate && wanted.has(certificate.certNumber) ? certificate.certNumber : null));
  for (const [number, certs] of shared.sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const claims = (chosenByCert.get(number) ?? []).map((e) => e.claim);
    flags.push(makeFlag({
      rule: 'F_CERT_SHARED', severity: 'high', subjectType: 'certificate', subject: number, idNumber: null,
      classIds: claims.map((c) => c.classId), certNumbers: [number], institutionCode: null, claimIds: claims.map((c) => c.claimId),
      detail: { key: 'F_CERT_SHARED', params: { cert: number, holders: certs.map((c) => `${c.name} (${maskIdNumber(c.idNumber)})`).join(', ') } },
      sources: [...certs.map((c) => c.source), ...claims.map((c) => c.source)],
    }));
  }
  return flags;
}
