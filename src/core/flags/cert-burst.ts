// F_CERT_BURST (medium, SPEC §7, (十六)): an issuer whose certificates in one calendar month number
// n ≥ cert_burst_min and n ≥ cert_burst_ratio × max(M, B) — M the median of that month's counts
// over every issuer with a certificate that month (itself included), B its own certificates in
// the 12 calendar months before ÷ 12 — 突击发证. An issuer's first month counts only when another
// issuer has a certificate at least 3 calendar months earlier: when the data start, every issuer
// is "new". Issuers compare as §7's names; a blank issuer is none. One flag per issuer and month,
// subject `<issuer>/<YYYY-MM>` in the compared form, attached to every claim whose certificate
// (step 8) comes from that issuer and month.

import { makeFlag, type Flag } from './types.js';
import type { FlagContext } from './context.js';
import type { Certificate } from '../decide/types.js';
import { normaliseName } from '../normalise/text.js';
import { valueAt } from '../policy/value-at.js';

export const CERT_BURST_RULE = 'F_CERT_BURST';

/** §7: the issuer as compared (names' folding); null for a blank issuer. */
export function issuerKey(issuer: string | null): string | null {
  if (issuer === null) return null;
  const key = normaliseName(issuer.trim());
  return key === '' ? null : key;
}

/** The flag's subject; its month is what follows the last `/` (an issuer may hold a `/`). */
export function burstSubject(issuer: string, month: string): string {
  return `${issuer}/${month}`;
}

export function burstOfSubject(subject: string): { issuer: string; month: string } {
  const at = subject.lastIndexOf('/');
  return { issuer: subject.slice(0, at), month: subject.slice(at + 1) };
}

/** Months since year 0: `2020-07` → 2020 × 12 + 6. */
function monthNumber(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

/** The median; an even count takes the mean of the two middle values. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A figure of the evidence: a whole number as it is, else two decimals. */
const figure = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));

export function flagCertificateBursts(ctx: FlagContext): Flag[] {
  // Each issuer's certificates by month.
  const byIssuer = new Map<string, Map<number, Certificate[]>>();
  const countsOfMonth = new Map<number, number[]>();
  let firstMonthOfAll = Infinity;
  for (const c of ctx.certificates) {
    const issuer = issuerKey(c.issuer);
    if (issuer === null) continue;
    const m = monthNumber(c.issueDate);
    let months = byIssuer.get(issuer);
    if (!months) byIssuer.set(issuer, (months = new Map()));
    const list = months.get(m);
    if (list) list.push(c);
    else months.set(m, [c]);
    if (m < firstMonthOfAll) firstMonthOfAll = m;
  }
  for (const months of byIssuer.values()) {
    for (const [m, certs] of months) (countsOfMonth.get(m) ?? countsOfMonth.set(m, []).get(m)!).push(certs.length);
  }
  const medianOf = new Map<number, number>();

  const bursts: { issuer: string; month: string; certs: Certificate[]; n: number; m: number; b: number }[] = [];
  for (const [issuer, months] of byIssuer) {
    const numbers = [...months.keys()].sort((a, b) => a - b);
    const first = numbers[0];
    for (const m of numbers) {
      // The first month of an issuer counts only when another issuer issued ≥ 3 calendar months
      // earlier; it has none before its first month, so the earliest month of all tells.
      if (m === first && firstMonthOfAll > m - 3) continue;
      const certs = months.get(m)!;
      const n = certs.length;
      const month = certs[0].issueDate.slice(0, 7);
      const min = valueAt(ctx.policy.thresholds.certBurstMin, `${month}-01`, 'thresholds.cert_burst_min').value;
      if (n < min) continue;
      let peers = medianOf.get(m);
      if (peers === undefined) medianOf.set(m, (peers = median(countsOfMonth.get(m)!)));
      let before = 0;
      for (let k = m - 12; k < m; k++) before += months.get(k)?.length ?? 0;
      const average = before / 12;
      const ratio = valueAt(ctx.policy.thresholds.certBurstRatio, `${month}-01`, 'thresholds.cert_burst_ratio').value;
      if (n < ratio * Math.max(peers, average)) continue;
      bursts.push({ issuer, month, certs, n, m: peers, b: average });
    }
  }
  if (bursts.length === 0) return [];

  // The claims whose certificate (step 8) is of a burst.
  const burstOf = new Map<number, string>();
  for (const burst of bursts) for (const c of burst.certs) burstOf.set(c.rowId, burstSubject(burst.issuer, burst.month));
  const claimsOf = new Map<string, { claimIds: string[]; classIds: string[] }>();
  for (const { claim, certificate } of ctx.evaluated) {
    const subject = certificate ? burstOf.get(certificate.rowId) : undefined;
    if (subject === undefined) continue;
    const claims = claimsOf.get(subject) ?? claimsOf.set(subject, { claimIds: [], classIds: [] }).get(subject)!;
    claims.claimIds.push(claim.claimId);
    claims.classIds.push(claim.classId);
  }

  return bursts
    .map((burst) => ({ burst, subject: burstSubject(burst.issuer, burst.month) }))
    .sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0))
    .map(({ burst, subject }) => {
      const claims = claimsOf.get(subject) ?? { claimIds: [], classIds: [] };
      return makeFlag({
        rule: CERT_BURST_RULE, severity: 'medium', subjectType: 'issuer_month', subject, idNumber: null,
        classIds: claims.classIds, certNumbers: burst.certs.map((c) => c.certNumber), institutionCode: null, claimIds: claims.claimIds,
        detail: {
          key: CERT_BURST_RULE,
          params: {
            issuer: burst.issuer, month: burst.month, count: burst.n, median: figure(burst.m), average: figure(burst.b),
            claims: claims.claimIds.length,
          },
        },
        sources: burst.certs.map((c) => c.source),
      });
    });
}
