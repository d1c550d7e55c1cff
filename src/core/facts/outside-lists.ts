// SPEC §2.5 and §7: what the list rules share — a list row's period against a class (every bound
// inclusive; a blank `to` is open), the evidence entry of a row (§8.3:
// `<kind>:<file>:<line>:<from>..<to>`), and the one flag a rule raises per claim.

import type { Certificate, Claim, ListKind, ListRow, OutsideLists } from '../decide/types.js';
import { groupBy } from '../group-by.js';
import { maskIdNumber } from '../normalise/id-number.js';
import { makeFlag, type Flag, type Severity } from '../flags/types.js';

/** Lists held as their rows: each kind's rows grouped by ID number when asked for. */
export function listsOfRows(loaded: ReadonlySet<ListKind>, rows: readonly ListRow[]): OutsideLists {
  return { loaded, byIdNumber: (kind) => groupBy(rows, (r) => (r.kind === kind ? r.idNumber : null)) };
}

/** The row's period and [start, end] share at least one day. */
export function periodOverlaps(row: ListRow, start: string, end: string): boolean {
  return row.from <= end && (row.to === null || row.to >= start);
}

/** The row's period holds the day. */
export function periodCovers(row: ListRow, day: string): boolean {
  return row.from <= day && (row.to === null || row.to >= day);
}

/** `<from>..<to>`, a blank `to` left blank. */
export function periodOf(row: ListRow): string {
  return `${row.from}..${row.to ?? ''}`;
}

/** §8.3: a list row in a flag's sources. */
export function listEvidence(row: ListRow): string {
  return `${row.kind}:${row.source}:${periodOf(row)}`;
}

/** The rows earliest first (by `from`; rows with the same `from` in the order read). */
export function earliestFirst(rows: readonly ListRow[]): ListRow[] {
  return [...rows].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

/**
 * A list rule's flag on one claim: its subject is the claim, its evidence the claim's row and the
 * list rows matched; the detail names the list, the first row matched (file:line) and its period,
 * and how many rows matched, besides what the rule adds.
 */
export function claimListFlag(
  rule: string, severity: Severity, claim: Claim, matched: readonly ListRow[],
  more: { params?: Record<string, string | number>; certificate?: Certificate | null } = {},
): Flag {
  const certificate = more.certificate ?? null;
  const rows = earliestFirst(matched);
  const first = rows[0];
  return makeFlag({
    rule, severity, subjectType: 'claim', subject: claim.claimId, idNumber: claim.idNumber,
    classIds: [claim.classId], certNumbers: certificate ? [certificate.certNumber] : [], institutionCode: claim.institutionCode, claimIds: [claim.claimId],
    detail: {
      key: rule,
      params: {
        name: claim.name, id: maskIdNumber(claim.idNumber), classId: claim.classId, start: claim.startDate, end: claim.endDate,
        ...(first ? { list: first.kind, source: first.source, from: first.from, to: first.to ?? '', period: periodOf(first) } : {}),
        rows: rows.length,
        ...more.params,
      },
    },
    sources: [claim.source, ...(certificate ? [certificate.source] : []), ...rows.map(listEvidence)],
  });
}
