// SPEC §8.7: the audit log, as `log` prints it.

export { readAuditLog as auditEntries, type AuditEntry, type AuditContext } from '../store/audit-log.js';
