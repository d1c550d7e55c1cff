// SPEC §7 and §8.3: a fraud flag with its evidence. `detail` is a message key and values,
// worded in the chosen language when printed.

import { createHash } from 'node:crypto';

export type Severity = 'high' | 'medium' | 'low';
export type SubjectType = 'person' | 'class' | 'class_pair' | 'certificate' | 'institution' | 'phone' | 'org_code' | 'claim';

export interface Flag {
  flagId: string;
  rule: string;
  severity: Severity;
  subjectType: SubjectType;
  subject: string;
  idNumber: string | null;
  classIds: string[];
  certNumbers: string[];
  institutionCode: string | null;
  claimIds: string[];
  detail: { key: string; params: Record<string, string | number> };
  sources: string[];
}

/** SPEC §7.1: stable across runs and re-imports — derived from the rule and its subject only. */
export function flagIdFor(rule: string, subject: string): string {
  return `${rule}-${createHash('sha256').update(`${rule}\u0000${subject}`).digest('hex').slice(0, 12)}`;
}

export function makeFlag(fields: Omit<Flag, 'flagId'>): Flag {
  const uniq = (xs: string[]) => [...new Set(xs)].sort();
  return {
    ...fields,
    flagId: flagIdFor(fields.rule, fields.subject),
    classIds: uniq(fields.classIds),
    certNumbers: uniq(fields.certNumbers),
    claimIds: uniq(fields.claimIds),
    sources: uniq(fields.sources),
  };
}
