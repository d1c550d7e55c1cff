// SPEC §8.7: the append-only audit log. Triggers in the schema refuse UPDATE and DELETE.

import type { Db } from './database.js';

export interface AuditContext {
  osUser: string;
  toolVersion: string;
  commandLine: string;
  now: () => string;
}

export interface AuditEntry {
  id: number;
  at: string;
  os_user: string;
  tool_version: string;
  command: string;
  action: string;
  details: string;
}

/** Returns the entry's id. */
export function appendAudit(db: Db, ctx: AuditContext, action: string, details: object): number {
  return Number(db.prepare(
    'INSERT INTO audit_log (at, os_user, tool_version, command, action, details) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(ctx.now(), ctx.osUser, ctx.toolVersion, ctx.commandLine, action, JSON.stringify(details)).lastInsertRowid);
}

export function readAuditLog(db: Db): AuditEntry[] {
  return db.prepare('SELECT * FROM audit_log ORDER BY id').all() as AuditEntry[];
}
