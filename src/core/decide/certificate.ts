// SPEC §6 step 8: the claim's certificate is the earliest (issue_date, then cert_number) of the
// person's certificates in the same occupation (§4.6) and level whose issue_date lies in
// [start_date, end_date + certificate_window_days]. A run decides with what was known on its as-of
// date: a certificate issued after as_of does not exist for it. With none in range: P_IN_TRAINING while
// the class has not ended by as_of, else E_CERT_WINDOW, P_AWAITING_CERT or E_NO_CERT.

import { addDays } from '../normalise/dates.js';
import { sameOccupation } from '../normalise/occupation.js';
import { sameLevel } from '../normalise/level.js';
import type { Policy } from '../policy/types.js';
import type { Certificate, Claim } from './types.js';

export interface CertificateMatch {
  chosen: Certificate | null;
  code: 'P_IN_TRAINING' | 'E_CERT_WINDOW' | 'P_AWAITING_CERT' | 'E_NO_CERT' | null;
  windowEnd: string;
  /** Certificates of the same occupation and level issued before start_date (F_CERT_BEFORE_TRAINING). */
  before: readonly Certificate[];
  /** Issued after the window, and in the window but later than the chosen one (for explain). */
  after: readonly Certificate[];
  later: readonly Certificate[];
  /** Issued after as_of: unknown on the run's date, so they count for nothing (for explain). */
  notYetIssued: readonly Certificate[];
}

/** Same occupation and level, not chosen, with the reason (for explain). */
export function passedOver(m: CertificateMatch): { cert: Certificate; why: 'before_start' | 'after_window' | 'later_than_chosen' | 'after_as_of' }[] {
  return [
    ...m.before.map((cert) => ({ cert, why: 'before_start' as const })),
    ...m.after.map((cert) => ({ cert, why: 'after_window' as const })),
    ...m.later.map((cert) => ({ cert, why: 'later_than_chosen' as const })),
    ...m.notYetIssued.map((cert) => ({ cert, why: 'after_as_of' as const })),
  ];
}

const NONE: readonly Certificate[] = Object.freeze([]);

export function sameOccupationAndLevel(claim: Claim, cert: Certificate): boolean {
  return sameLevel(cert.level, claim.level) && sameOccupation(claim, cert);
}

export function matchCertificate(claim: Claim, certs: readonly Certificate[], policy: Policy, asOf: string): CertificateMatch {
  const windowEnd = addDays(claim.endDate, policy.limits.certificateWindowDays);
  // Most claims have one matching certificate or none: arrays are made only when needed.
  let candidates: Certificate[] | null = null;
  let before: Certificate[] | null = null;
  let after: Certificate[] | null = null;
  let notYetIssued: Certificate[] | null = null;
  for (const cert of certs) {
    if (!sameOccupationAndLevel(claim, cert)) continue;
    if (cert.issueDate > asOf) (notYetIssued ??= []).push(cert);
    else if (cert.issueDate < claim.startDate) (before ??= []).push(cert);
    else if (cert.issueDate > windowEnd) (after ??= []).push(cert);
    else (candidates ??= []).push(cert);
  }
  if (candidates && candidates.length > 1) candidates.sort((a, b) => (a.issueDate < b.issueDate ? -1 : a.issueDate > b.issueDate ? 1 : a.certNumber < b.certNumber ? -1 : a.certNumber > b.certNumber ? 1 : 0));
  const chosen = candidates?.[0] ?? null;
  let code: CertificateMatch['code'] = null;
  if (!chosen) {
    if (claim.endDate > asOf) code = 'P_IN_TRAINING';
    else if (after) code = 'E_CERT_WINDOW';
    else code = asOf <= windowEnd ? 'P_AWAITING_CERT' : 'E_NO_CERT';
  }
  const later = candidates && candidates.length > 1 ? candidates.slice(1) : NONE;
  return { chosen, code, windowEnd, before: before ?? NONE, after: after ?? NONE, later, notYetIssued: notYetIssued ?? NONE };
}
