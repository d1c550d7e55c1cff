// Issue #20 item 5: `import withdraw FILE_ID` — a file imported by mistake is taken out of the
// runs that come after, in one transaction with its audit-log entry. Its rows go inactive; a key
// it had replaced gets its earlier version back (what a caseworker expects: as if the file had
// never come), unless a later file replaced it. Finished runs keep what they read. Nothing is
// deleted: `person` and `explain` still show the rows, and the file's record stays.

import type { Db } from '../store/database.js';
import { appendAudit, type AuditContext } from '../store/audit-log.js';
import { findFilesByRef, latestFiles, withdrawFileRows, type ImportedFileRecord } from '../store/imports.js';
import { DataError } from '../core/errors.js';

export interface WithdrawResult {
  file: ImportedFileRecord;
  deactivated: number;
  reactivated: number;
}

const describe = (f: ImportedFileRecord) => `${f.id} ${f.name} (${f.kind}${f.list_kind ? ` ${f.list_kind}` : ''}, ${f.imported_at}${f.withdrawn_at ? ', withdrawn' : ''})`;

/** ref: the file's id (`skillsub log` shows it), or its name when only one import has it. */
export function withdrawImport(db: Db, ref: string, note: string, audit: AuditContext): WithdrawResult {
  return db.transaction(() => {
    const found = findFilesByRef(db, ref);
    if (found.length === 0) {
      throw new DataError('withdraw_no_file', { ref, latest: latestFiles(db, 10).map(describe).join('; ') || '-' });
    }
    const live = found.filter((f) => !f.withdrawn_at);
    if (live.length === 0) throw new DataError('withdraw_already', { id: found[0].id, file: found[0].name, at: found[0].withdrawn_at! });
    if (live.length > 1) throw new DataError('withdraw_ambiguous', { ref, files: live.map(describe).join('; ') });
    const file = live[0];
    const at = audit.now();
    const auditId = appendAudit(db, audit, 'import withdraw', { file_id: file.id, file: file.name, kind: file.kind, sha256: file.sha256, note });
    const { deactivated, reactivated } = withdrawFileRows(db, file, { at, osUser: audit.osUser, note, auditId });
    return { file, deactivated, reactivated };
  }).immediate();
}
