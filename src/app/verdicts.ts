// SPEC §7.1: an auditor's verdict on a flag, kept with the OS user and time and logged.

import type { Db } from '../store/database.js';
import { appendAudit, type AuditContext } from '../store/audit-log.js';
import { DataError } from '../core/errors.js';

export function recordVerdict(db: Db, flagId: string, verdict: 'cleared' | 'confirmed', note: string, audit: AuditContext): void {
  db.transaction(() => {
    const flag = db.prepare('SELECT rule FROM flags WHERE flag_id = ? LIMIT 1').get(flagId) as { rule: string } | undefined;
    if (!flag) throw new DataError('flag_not_found', { flag: flagId });
    const at = audit.now();
    db.prepare('INSERT INTO verdicts (flag_id, verdict, note, os_user, at) VALUES (?, ?, ?, ?, ?)').run(flagId, verdict, note, audit.osUser, at);
    appendAudit(db, audit, 'flags resolve', { flag_id: flagId, rule: flag.rule, verdict, note });
  }).immediate();
}

export interface LatestVerdict {
  verdict: 'cleared' | 'confirmed';
  note: string;
  by: string;
  at: string;
  /** The verdict this one overturned (an earlier verdict of the other kind), when it did. */
  overturned: { verdict: LatestVerdict['verdict']; by: string; at: string } | null;
}

/** The latest verdict of every flag that has one (§7.1: verdicts are append-only; the latest counts). */
export function latestVerdicts(db: Db): Map<string, LatestVerdict> {
  const latest = new Map<string, LatestVerdict>();
  const rows = db.prepare('SELECT flag_id, verdict, note, os_user, at FROM verdicts ORDER BY id').iterate() as Iterable<{ flag_id: string; verdict: LatestVerdict['verdict']; note: string; os_user: string; at: string }>;
  for (const r of rows) {
    const before = latest.get(r.flag_id);
    const overturned = !before ? null : before.verdict !== r.verdict ? { verdict: before.verdict, by: before.by, at: before.at } : before.overturned;
    latest.set(r.flag_id, { verdict: r.verdict, note: r.note, by: r.os_user, at: r.at, overturned });
  }
  return latest;
}

export { flagRows as runFlags, type FlagRow } from '../store/runs.js';
