// SPEC §7.1: the auditors' verdicts on flags, append-only (a verdict is never changed: resolving a
// flag again adds one, and the latest counts), each with the OS user and the time.

import type { Db } from './database.js';
import type { Verdict } from '../core/decide/fraud-confirmed.js';

/** The rule of a flag some run raised, or undefined when no run raised it. */
export function ruleOfFlag(db: Db, flagId: string): string | undefined {
  return (db.prepare('SELECT rule FROM flags WHERE flag_id = ? LIMIT 1').get(flagId) as { rule: string } | undefined)?.rule;
}

export function insertVerdict(db: Db, flagId: string, verdict: Verdict, note: string, osUser: string, at: string): void {
  db.prepare('INSERT INTO verdicts (flag_id, verdict, note, os_user, at) VALUES (?, ?, ?, ?, ?)').run(flagId, verdict, note, osUser, at);
}

export interface LatestVerdict {
  verdict: Verdict;
  note: string;
  by: string;
  at: string;
  /** The verdict this one overturned (an earlier verdict of the other kind), when it did. */
  overturned: { verdict: Verdict; by: string; at: string } | null;
}

/**
 * The latest verdict of every flag that has one (SPEC §7.1: verdicts are append-only; the latest
 * counts); with `until` (a time as recorded), of the verdicts recorded by then.
 */
export function latestVerdicts(db: Db, until?: string): Map<string, LatestVerdict> {
  const latest = new Map<string, LatestVerdict>();
  const rows = until === undefined
    ? db.prepare('SELECT flag_id, verdict, note, os_user, at FROM verdicts ORDER BY id').iterate()
    : db.prepare('SELECT flag_id, verdict, note, os_user, at FROM verdicts WHERE at <= ? ORDER BY id').iterate(until);
  for (const r of rows as Iterable<{ flag_id: string; verdict: Verdict; note: string; os_user: string; at: string }>) {
    const before = latest.get(r.flag_id);
    const overturned = !before ? null : before.verdict !== r.verdict ? { verdict: before.verdict, by: before.by, at: before.at } : before.overturned;
    latest.set(r.flag_id, { verdict: r.verdict, note: r.note, by: r.os_user, at: r.at, overturned });
  }
  return latest;
}

