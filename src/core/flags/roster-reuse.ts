// F_ROSTER_REUSE (medium, SPEC §7): two classes of one institution, each with at least
// roster_reuse_min_class trainees, whose trainee sets have Jaccard ≥ roster_reuse_jaccard
// (套用花名册). Shared trainees are counted through an index from trainee to classes within
// each institution, so no two classes are compared unless they share someone. The flag attaches
// to the claims of both classes; its evidence is the rows of the trainees they share.

import { makeFlag, type Flag } from './types.js';
import type { FlagContext } from './context.js';
import { groupBy } from '../group-by.js';

export function flagRosterReuse(ctx: FlagContext): Flag[] {
  const { rosterReuseJaccard, rosterReuseMinClass } = ctx.policy.thresholds;
  const flags: Flag[] = [];
  for (const [institution, claims] of ctx.groups.claimsByInstitution()) {
    const classes = groupBy(claims, (c) => c.classId);
    const size = new Map<string, number>();
    for (const [classId, rows] of classes) size.set(classId, new Set(rows.map((r) => r.idNumber)).size);
    const big = (classId: string) => size.get(classId)! >= rosterReuseMinClass;
    // Each trainee's big classes in this institution; only trainees in two or more make pairs.
    const classesOf = new Map<string, string | string[]>();
    for (const c of claims) {
      if (!big(c.classId)) continue;
      const seen = classesOf.get(c.idNumber);
      if (seen === undefined) classesOf.set(c.idNumber, c.classId);
      else if (typeof seen === 'string') {
        if (seen !== c.classId) classesOf.set(c.idNumber, [seen, c.classId]);
      } else if (!seen.includes(c.classId)) seen.push(c.classId);
    }
    const shared = new Map<string, number>();
    for (const seen of classesOf.values()) {
      if (typeof seen === 'string') continue;
      const ids = seen.sort();
      for (let i = 0; i < ids.length; i++) {
        for (let j = i + 1; j < ids.length; j++) {
          const key = `${ids[i]}\u0000${ids[j]}`;
          shared.set(key, (shared.get(key) ?? 0) + 1);
        }
      }
    }
    for (const [key, together] of [...shared].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const [a, b] = key.split('\u0000');
      const jaccard = together / (size.get(a)! + size.get(b)! - together);
      if (jaccard < rosterReuseJaccard) continue;
      const rowsA = classes.get(a)!;
      const rowsB = classes.get(b)!;
      const inB = new Set(rowsB.map((r) => r.idNumber));
      const common = rowsA.filter((r) => inB.has(r.idNumber)).map((r) => r.idNumber);
      const commonSet = new Set(common);
      const involved = [...rowsA, ...rowsB].filter((r) => commonSet.has(r.idNumber));
      flags.push(makeFlag({
        rule: 'F_ROSTER_REUSE', severity: 'medium', subjectType: 'class_pair', subject: `${institution}|${a}|${b}`, idNumber: null,
        classIds: [a, b], certNumbers: [], institutionCode: institution, claimIds: [...rowsA, ...rowsB].map((r) => r.claimId),
        detail: {
          key: 'F_ROSTER_REUSE',
          params: { institution: rowsA[0].institutionName, classA: a, sizeA: size.get(a)!, classB: b, sizeB: size.get(b)!, common: together, jaccard: jaccard.toFixed(2) },
        },
        sources: involved.map((r) => r.source),
      }));
    }
  }
  return flags;
}
