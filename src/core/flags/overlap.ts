// F_OVERLAP (high, SPEC §7): one person in two classes whose date ranges (inclusive) overlap,
// neither being apprenticeship or work_based (同时参加多个培训班). Per person on sorted
// start dates, so the work grows with each person's classes, never with all pairs.

import { maskIdNumber } from '../normalise/id-number.js';
import type { Claim } from '../decide/types.js';
import { makeFlag, type Flag } from './types.js';
import type { FlagContext } from './context.js';

export function flagOverlaps(ctx: FlagContext): Flag[] {
  const flags: Flag[] = [];
  for (const all of ctx.groups.claimsByPerson()) {
    if (all.length < 2) continue;
    const id = all[0].idNumber;
    const claims = all.filter((c) => c.trainingType !== 'apprenticeship' && c.trainingType !== 'work_based');
    if (claims.length < 2) continue;
    const sorted = [...claims].sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : a.classId < b.classId ? -1 : 1));
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length && sorted[j].startDate <= sorted[i].endDate; j++) {
        const [a, b] = sorted[i].classId < sorted[j].classId ? [sorted[i], sorted[j]] : [sorted[j], sorted[i]];
        if (a.classId === b.classId) continue;
        flags.push(overlapFlag(id, a, b));
      }
    }
  }
  return flags;
}

function overlapFlag(id: string, a: Claim, b: Claim): Flag {
  return makeFlag({
    rule: 'F_OVERLAP', severity: 'high', subjectType: 'person', subject: `${id}|${a.classId}|${b.classId}`, idNumber: id,
    classIds: [a.classId, b.classId], certNumbers: [], institutionCode: null, claimIds: [a.claimId, b.claimId],
    detail: {
      key: 'F_OVERLAP',
      params: { name: a.name, id: maskIdNumber(id), classA: a.classId, fromA: a.startDate, toA: a.endDate, classB: b.classId, fromB: b.startDate, toB: b.endDate },
    },
    sources: [a.source, b.source],
  });
}
