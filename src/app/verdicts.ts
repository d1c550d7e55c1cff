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
