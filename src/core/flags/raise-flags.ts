// SPEC §7: every fraud rule over all data in the database, in a fixed order so that a run's
// flags are reproducible.

import { flagIdFor, type Flag } from './types.js';
import type { FlagContext, GroupingName, Groupings } from './context.js';
import { flagInvalidIds } from './id-invalid.js';
import { flagNameMismatches } from './name-mismatch.js';
import { flagOverlaps } from './overlap.js';
import { flagSharedCertificates } from './cert-shared.js';
import { flagCertificatesBeforeTraining } from './cert-before-training.js';
import { flagRosterReuse } from './roster-reuse.js';
import { flagSharedPhones } from './phone-shared.js';
import { flagCategoryConflicts } from './category-conflict.js';
import { flagOverclaims } from './overclaim.js';
import { flagInvalidOrgCodes } from './org-code-invalid.js';
import { flagHours } from './hours.js';
import { flagPassRates } from './pass-rate.js';
import { flagPensioners } from './pensioner.js';
import { flagPublicStaff } from './public-staff.js';
import { flagStudents } from './student.js';
import { flagDeceased } from './deceased.js';
import { flagInsuredUnemployed } from './insured-unemployed.js';
import { flagNotEmployed } from './not-employed.js';
import { flagCertificateBursts } from './cert-burst.js';

/**
 * Every rule of §7 (one file each) with its code, in the order their flags are listed. `listed`:
 * the rule finds the trainee on an outside list (§8.8 `listed_trainees` counts them). `groups`:
 * the shared groupings the rule works with, kept for it from the rule before (one it asks for
 * without naming it here is made for it).
 */
export const FLAG_RULES: readonly { rule: string; raise: (ctx: FlagContext) => Iterable<Flag>; listed?: true; groups?: readonly GroupingName[] }[] = [
  { rule: 'F_ID_INVALID', raise: flagInvalidIds, groups: ['claimsByPerson', 'certificatesByPerson'] },
  { rule: 'F_NAME_MISMATCH', raise: flagNameMismatches, groups: ['claimsByPerson', 'certificatesByPerson'] },
  { rule: 'F_OVERLAP', raise: flagOverlaps, groups: ['claimsByPerson'] },
  { rule: 'F_CERT_SHARED', raise: flagSharedCertificates },
  { rule: 'F_CERT_BEFORE_TRAINING', raise: flagCertificatesBeforeTraining },
  { rule: 'F_ROSTER_REUSE', raise: flagRosterReuse, groups: ['claimsByInstitution'] },
  { rule: 'F_PHONE_SHARED', raise: flagSharedPhones },
  { rule: 'F_CATEGORY_CONFLICT', raise: flagCategoryConflicts },
  { rule: 'F_OVERCLAIM', raise: flagOverclaims },
  { rule: 'F_ORG_CODE_INVALID', raise: flagInvalidOrgCodes },
  { rule: 'F_HOURS', raise: flagHours, groups: ['claimsByClass'] },
  { rule: 'F_PASS_RATE', raise: flagPassRates },
  { rule: 'F_PENSIONER', raise: flagPensioners, listed: true, groups: ['list:pension'] },
  { rule: 'F_PUBLIC_STAFF', raise: flagPublicStaff, listed: true, groups: ['list:public_staff'] },
  { rule: 'F_STUDENT', raise: flagStudents, listed: true, groups: ['list:student'] },
  { rule: 'F_DECEASED', raise: flagDeceased, listed: true, groups: ['list:death'] },
  { rule: 'F_INSURED_UNEMPLOYED', raise: flagInsuredUnemployed, listed: true, groups: ['list:insured'] },
  { rule: 'F_NOT_EMPLOYED', raise: flagNotEmployed, groups: ['list:insured'] },
  { rule: 'F_CERT_BURST', raise: flagCertificateBursts },
];

/** §8.8: the rules whose flag puts a trainee on an outside list (not F_NOT_EMPLOYED: its person is missing from one). */
export const LISTED_TRAINEE_RULES: ReadonlySet<string> = new Set(FLAG_RULES.filter((r) => r.listed).map((r) => r.rule));

/** The rules that read an outside list: the lists' rows are read for the first and let go of after the last. */
const LIST_RULES = FLAG_RULES.flatMap((r, k) => (r.groups?.some((g) => g.startsWith('list:')) ? [k] : []));

/**
 * groups: the groupings of the check (core/check-all.ts), which step 8 may already have asked
 * for. `keep` turns each flag, its id given, into the form the run keeps it in (the same values),
 * as its rule hands it over; `afterLetGo` is called when a grouping by person has been let go of,
 * and, when a list is loaded (a city's list has millions of rows), before the first list rule reads
 * it and once the last has run.
 */
export function raiseFlags(
  input: Omit<FlagContext, 'groups'>, groups: Groupings, keep: (flag: Flag) => Flag = (flag) => flag, afterLetGo?: () => void,
): Flag[] {
  const ctx: FlagContext = { ...input, groups };
  const flags: Flag[] = [];
  FLAG_RULES.forEach(({ raise }, k) => {
    // Each flag is kept as the rule hands it over: a rule that yields them one at a time (a flag per
    // claim) never holds them all as raised.
    for (const f of raise(ctx)) {
      f.flagId = flagIdFor(f.rule, f.subject, input.flagKey);
      flags.push(keep(f));
    }
    const byPersonWent = groups.keepOnly(FLAG_RULES[k + 1]?.groups ?? []);
    const listsBeginOrEnd = input.lists.loaded.size > 0 && (k + 1 === LIST_RULES[0] || k === LIST_RULES[LIST_RULES.length - 1]);
    if (byPersonWent || listsBeginOrEnd) afterLetGo?.();
  });
  return flags;
}
