// SPEC §2, §2.5: `import roster|certificates|institutions FILE...`, `import list FILE... --kind K`. Each file in one transaction:
// after a crash either all its rows are in the database or none. A file already imported
// (same SHA-256) is skipped unless forced; with --strict any row error rejects the file.

import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Db } from '../store/database.js';
import { appendAudit, type AuditContext } from '../store/audit-log.js';
import { FileWriter, findImportedFile } from '../store/imports.js';
import { ClassOwnership, type ClassMove } from '../store/classes.js';
import { parseFileInWorker } from '../engine/parse-in-worker.js';
import type { InputKind } from '../ingest/columns.js';
import type { ParseEvent } from '../ingest/parse-file.js';
import type { Encoding } from '../ingest/decode.js';
import type { RowError } from '../ingest/normalise-row.js';
import { DataError, SkillsubError, environmentError } from '../core/errors.js';
import type { ListKind } from '../core/decide/types.js';

export interface ImportOptions {
  kind: InputKind;
  /** For `list`: which list the files are (SPEC §2.5). */
  listKind?: ListKind;
  paths: string[];
  encoding?: Encoding;
  /** .xlsx inputs: the sheet to read (default the first). */
  sheet?: string;
  strict: boolean;
  force: boolean;
  /** roster: move a class held by another institution to this file's (SPEC §2.1). */
  forceClass?: boolean;
  /** Read and check every file as an import would, against the database as it is, and keep nothing. */
  dryRun?: boolean;
  /** Where a path came from when it is not where the user named it: standard input's copy is recorded as `-`. */
  origins?: ReadonlyMap<string, string>;
}

export interface ImportHooks {
  onFileStart?(file: string, bytes: number): void;
  onProgress?(file: string, bytesDone: number): void;
  onFileEnd?(result: FileImportResult): void;
}

export type FileImportStatus = 'imported' | 'checked' | 'skipped' | 'rejected' | 'failed';

export interface FileImportResult {
  file: string;
  path: string;
  sha256: string;
  status: FileImportStatus;
  rows: number;
  rowErrors: RowError[];
  unknownColumns: string[];
  encoding: string;
  /** For skipped files: when the same content was imported before. */
  previous?: { name: string; importedAt: string };
  /** For failed files: the error that stopped the file. */
  failure?: SkillsubError;
  /** Classes --force-class moved to this file's institution. */
  classesMoved: ClassMove[];
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function checkReadable(path: string): number {
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new DataError('not_a_file', { file: path });
    return st.size;
  } catch (err) {
    if (err instanceof SkillsubError) throw err;
    throw new DataError('file_unreadable', { file: path, reason: (err as NodeJS.ErrnoException).code ?? String(err) });
  }
}

function isDatabaseError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_');
}

export async function importFiles(db: Db, options: ImportOptions, audit: AuditContext, hooks: ImportHooks = {}): Promise<FileImportResult[]> {
  const results: FileImportResult[] = [];
  for (const path of options.paths) {
    let result: FileImportResult;
    try {
      result = await importOneFile(db, path, options, audit, hooks);
    } catch (err) {
      // A file that cannot be read stops that file only; the database failing stops the command.
      const failure = err instanceof SkillsubError ? err : isDatabaseError(err) ? null : environmentError(err, path);
      if (!failure) throw err;
      result = {
        file: basename(path), path, sha256: '', status: 'failed', rows: 0, rowErrors: [], unknownColumns: [], encoding: '', failure, classesMoved: [],
      };
    }
    hooks.onFileEnd?.(result);
    results.push(result);
  }
  return results;
}

async function importOneFile(db: Db, path: string, options: ImportOptions, audit: AuditContext, hooks: ImportHooks): Promise<FileImportResult> {
  const file = basename(path);
  const bytes = checkReadable(path);
  // The parser starts on its own core while this thread hashes the file, so that its first rows
  // are ready when the hash says the file is new; a file imported before is still skipped as soon
  // as it is hashed, and its parse stopped.
  const parse = new AbortController();
  const events = parseFileInWorker({ path, file, kind: options.kind, listKind: options.listKind, encoding: options.encoding, sheet: options.sheet }, undefined, parse.signal);
  const first = events.next();
  first.catch(() => {}); // a parse error is thrown where the events are read, if they are
  try {
    const sha256 = await sha256OfFile(path);
    return await storeFile(db, path, sha256, bytes, options, audit, hooks, first, events);
  } finally {
    // A skipped file's parse stops at once, without waiting for its first rows (an .xlsx may take a while to give them).
    parse.abort();
    await events.return(undefined);
  }
}

async function storeFile(
  db: Db, path: string, sha256: string, bytes: number, options: ImportOptions, audit: AuditContext, hooks: ImportHooks,
  first: Promise<IteratorResult<ParseEvent>>, events: AsyncGenerator<ParseEvent>,
): Promise<FileImportResult> {
  const file = basename(path);
  const base: FileImportResult = { file, path, sha256, status: 'imported', rows: 0, rowErrors: [], unknownColumns: [], encoding: '', classesMoved: [] };
  const previous = findImportedFile(db, sha256, options.kind, options.listKind);
  if (previous && !options.force) {
    return { ...base, status: 'skipped', previous: { name: previous.name, importedAt: previous.imported_at } };
  }
  hooks.onFileStart?.(file, bytes);
  db.exec('BEGIN IMMEDIATE');
  try {
    // Asked again under the write lock: another office may have imported the same file meanwhile (SPEC §11).
    const meanwhile = previous ?? findImportedFile(db, sha256, options.kind, options.listKind);
    if (meanwhile && !options.force) {
      db.exec('ROLLBACK');
      return { ...base, status: 'skipped', previous: { name: meanwhile.name, importedAt: meanwhile.imported_at } };
    }
    const writer = new FileWriter(db, {
      kind: options.kind, listKind: options.listKind, name: file, path: options.origins?.get(path) ?? path, sha256, bytes, encoding: options.encoding ?? '', importedAt: audit.now(), forced: !!meanwhile,
    });
    const classes = options.kind === 'roster' ? new ClassOwnership(db, writer.fileId, file, !!options.forceClass) : null;
    let classColumn = 'class_id';
    for (let next = await first; !next.done; next = await events.next()) {
      const event = next.value;
      if (event.type === 'header') {
        base.encoding = event.encoding;
        base.unknownColumns = event.unknownColumns;
        classColumn = event.columns.class_id ?? classColumn;
        writer.setEncoding(event.encoding);
        continue;
      }
      let { rows, errors } = event;
      if (classes) {
        errors = [...errors];
        rows = classes.admit(rows, classColumn, errors);
      }
      const duplicates = writer.addRows(rows, event.parts, event.suspects);
      if (classes || duplicates.length > 0) errors = [...errors, ...duplicates].sort((x, y) => x.line - y.line);
      writer.addErrors(errors);
      for (const e of errors) base.rowErrors.push(e);
      hooks.onProgress?.(file, event.bytes);
    }
    base.rows = writer.rows;
    base.classesMoved = classes?.moves ?? [];
    if (options.strict && base.rowErrors.length > 0) {
      db.exec('ROLLBACK');
      return { ...base, status: 'rejected', rows: 0 };
    }
    if (options.dryRun) {
      // Everything an import checks was checked, inside the transaction (duplicates, classes held); nothing is kept.
      db.exec('ROLLBACK');
      return { ...base, status: 'checked' };
    }
    writer.finish();
    appendAudit(db, audit, `import ${options.kind}`, {
      file_id: writer.fileId, ...(options.listKind ? { list_kind: options.listKind } : {}), file, path: options.origins?.get(path) ?? path, sha256, bytes, encoding: base.encoding, rows_imported: writer.rows, rows_rejected: writer.errors, forced: !!meanwhile,
      ...(base.classesMoved.length > 0 && {
        classes_moved: base.classesMoved.map((m) => ({ class_id: m.classId, from: m.from.code, from_file: m.from.file, to: m.to })),
      }),
    });
    db.exec('COMMIT');
    return base;
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
}

export { INPUT_KINDS, type InputKind } from '../ingest/columns.js';
export { ENCODINGS, type Encoding } from '../ingest/decode.js';
