// F_OVERCLAIM (medium, SPEC §7): a payable claim's claimed_amount exceeds its computed total.
// "Payable" is a claim that passed steps 1–8, so an auditor's verdict on it stays stable.

import { formatFen } from '../normalise/money.js';
import { maskIdNumber } from '../normalise/id-number.js';
import { makeFlag, type Flag } from './types.js';
import type { FlagContext } from './context.js';

/** One flag at a time, as found: a city's data raises one for a fifth of its claims (see raiseFlags). */
export function* flagOverclaims(ctx: FlagContext): Generator<Flag> {
  for (const { claim: c, payment } of ctx.evaluated) {
    if (c.claimedFen === null || !payment || c.claimedFen <= payment.totalFen) continue;
    const claimId = c.claimId;
    yield makeFlag({
      rule: 'F_OVERCLAIM', severity: 'medium', subjectType: 'claim', subject: claimId, idNumber: c.idNumber,
      classIds: [c.classId], certNumbers: [], institutionCode: c.institutionCode, claimIds: [claimId],
      detail: { key: 'F_OVERCLAIM', params: { name: c.name, id: maskIdNumber(c.idNumber), classId: c.classId, claimed: formatFen(c.claimedFen), total: formatFen(payment.totalFen) } },
      sources: [c.source],
    });
  }
}
