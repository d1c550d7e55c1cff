// SPEC §7 and §8.3: a fraud flag with its evidence. `detail` is a message key and values,
// worded in the chosen language when printed.

import { createHmac } from 'node:crypto';

export type Severity = 'high' | 'medium' | 'low';
export type SubjectType = 'person' | 'class' | 'class_pair' | 'certificate' | 'institution' | 'phone' | 'org_code' | 'issuer_month' | 'claim';

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

/**
 * SPEC §7.1: stable across runs and re-imports — derived from the rule and its subject only —
 * and keyed by the database's secret (§8.1: a subject holds ID numbers, so an unkeyed hash
 * could be reversed by trying every birth date).
 */
export function flagIdFor(rule: string, subject: string, key: string): string {
  return `${rule}-${createHmac('sha256', key).update(`${rule}\u0000${subject}`).digest('hex').slice(0, 12)}`;
}

const NO_VALUES: string[] = Object.freeze([]) as unknown as string[];

/** A flag whose id raiseFlags fills in (flagIdFor with the run's key). */
export function makeFlag(fields: Omit<Flag, 'flagId'>): Flag {
  // A list of one is its own sorted set (most flags are about one claim); lists of none share one.
  const uniq = (xs: string[]) => (xs.length === 0 ? NO_VALUES : xs.length === 1 ? xs : [...new Set(xs)].sort());
  // Every field named, in one order: an object spread gives each flag a hidden class of its own
  // (some 400 bytes a flag, a fifth of a million flags on a city's data).
  return {
    flagId: '', rule: fields.rule, severity: fields.severity, subjectType: fields.subjectType, subject: fields.subject,
    idNumber: fields.idNumber, classIds: uniq(fields.classIds), certNumbers: uniq(fields.certNumbers),
    institutionCode: fields.institutionCode, claimIds: uniq(fields.claimIds), detail: fields.detail, sources: uniq(fields.sources),
  };
}
