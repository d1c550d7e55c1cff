// F_STUDENT (high, SPEC §7): the person is on a `student` list (全日制在校学生) with a period
// overlapping the class, both ends inclusive — unless the row has `college_graduate` and that
// period's `to` (not blank) falls in the calendar year of the class's end_date (毕业年度: a
// graduate may train in the year of graduation). Judged period by period: one period excepted
// does not excuse another. One flag per claim, whatever its decision.

import { claimListFlag, periodOverlaps } from '../facts/outside-lists.js';
import type { Claim, ListRow } from '../decide/types.js';
import type { Flag } from './types.js';
import type { FlagContext } from './context.js';

export function flagStudents(ctx: FlagContext): Flag[] {
  if (!ctx.lists.loaded.has('student')) return [];
  const students = ctx.groups.listRowsByIdNumber('student');
  const flags: Flag[] = [];
  for (const claim of ctx.claims) {
    const rows = students.get(claim.idNumber);
    if (!rows) continue;
    const matched = rows.filter((r) => periodOverlaps(r, claim.startDate, claim.endDate) && !graduationYear(claim, r));
    if (matched.length > 0) flags.push(claimListFlag('F_STUDENT', 'high', claim, matched));
  }
  return flags;
}

/** 毕业年度: a college graduate whose study ends in the year the class ends. */
function graduationYear(claim: Claim, row: ListRow): boolean {
  return row.to !== null && claim.categories.includes('college_graduate') && row.to.slice(0, 4) === claim.endDate.slice(0, 4);
}
