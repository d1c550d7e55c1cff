// F_CERT_BEFORE_TRAINING (high, SPEC §7): a certificate-type claim with no certificate in its
// window (step 8) whose person holds one of the same occupation and level issued before the
// class started (证书先于培训). One flag per claim.

import { maskIdNumber } from '../normalise/id-number.js';
import { makeFlag, type Flag } from './types.js';
import type { FlagContext } from './context.js';

export function flagCertificatesBeforeTraining(ctx: FlagContext): Flag[] {
  const flags: Flag[] = [];
  for (const { claim, certificate, certificatesBefore } of ctx.evaluated) {
    if (certificate || certificatesBefore.length === 0) continue;
    const earliest = [...certificatesBefore].sort((a, b) => (a.issueDate < b.issueDate ? -1 : 1))[0];
    flags.push(makeFlag({
      rule: 'F_CERT_BEFORE_TRAINING', severity: 'high', subjectType: 'claim', subject: claim.claimId, idNumber: claim.idNumber,
      classIds: [claim.classId], certNumbers: certificatesBefore.map((c) => c.certNumber), institutionCode: claim.institutionCode,
      claimIds: [claim.claimId],
      detail: {
        key: 'F_CERT_BEFORE_TRAINING',
        params: { name: claim.name, id: maskIdNumber(claim.idNumber), cert: earliest.certNumber, issued: earliest.issueDate, classId: claim.classId, start: claim.startDate },
      },
      sources: [claim.source, ...certificatesBefore.map((c) => c.source)],
    }));
  }
  return flags;
}
