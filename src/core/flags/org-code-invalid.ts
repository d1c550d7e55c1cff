// F_ORG_CODE_INVALID (medium, SPEC §4.2 and §7): an institution or employer code on a roster
// row fails the GB 32100-2015 check. One flag per code.

import { isValidCreditCode } from '../normalise/credit-code.js';
import type { Claim } from '../decide/types.js';
import { makeFlag, type Flag } from './types.js';
import type { FlagContext } from './context.js';

export function flagInvalidOrgCodes(ctx: FlagContext): Flag[] {
  const byCode = new Map<string, { role: 'institution' | 'employer'; name: string; claims: Claim[] }>();
  const validity = new Map<string, boolean>();
  const note = (code: string | null, role: 'institution' | 'employer', name: string, claim: Claim) => {
    if (!code) return;
    let valid = validity.get(code);
    if (valid === undefined) validity.set(code, (valid = isValidCreditCode(code)));
    if (valid) return;
    const entry = byCode.get(code) ?? { role, name, claims: [] };
    entry.claims.push(claim);
    byCode.set(code, entry);
  };
  for (const c of ctx.claims) {
    note(c.institutionCode, 'institution', c.institutionName, c);
    note(c.employerCode, 'employer', c.employerName ?? '', c);
  }
  return [...byCode].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([code, { role, name, claims }]) => makeFlag({
    rule: 'F_ORG_CODE_INVALID', severity: 'medium', subjectType: 'org_code', subject: code, idNumber: null,
    classIds: claims.map((c) => c.classId), certNumbers: [], institutionCode: role === 'institution' ? code : null,
    claimIds: claims.map((c) => c.claimId),
    detail: { key: 'F_ORG_CODE_INVALID', params: { code, role, name, rows: claims.length } },
    sources: claims.map((c) => c.source),
  }));
}
