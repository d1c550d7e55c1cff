// SPEC §2.1: a class id belongs to one institution. The first row that brings a class (database
// first, then file order) fixes its institution_code, in the `classes` table; a later roster row
// of the class under another code is a row error R_CLASS_CONFLICT naming the holder and its file,
// and never replaces the holder's rows. `import roster --force-class` moves the class instead.
// Codes are compared as stored: after §4.2's clean-up (ingest normalises them).
//
// Runs inside the import's write transaction, so two imports cannot both take a class; the
// trigger roster_rows_class_held (migrations.ts) refuses any roster row the table does not allow.

import { dialectOf, type Db, type Statement } from './connection.js';
import { classHoldersAtOnce, takeClassesAtOnce } from './postgres/class-holders.js';
import type { RowError } from '../ingest/normalise-row.js';
import { STORED_FIELDS, type StoredValue } from '../ingest/stored-form.js';

export interface ClassHolder {
  code: string;
  name: string;
  file: string;
}

export interface ClassMove {
  classId: string;
  from: ClassHolder;
  to: string;
}

const FIELDS = STORED_FIELDS.roster;
const CLASS_ID = FIELDS.indexOf('class_id');
const NAME = FIELDS.indexOf('institution_name');
const CODE = FIELDS.indexOf('institution_code');
const LINE = FIELDS.length;

/** The holders of the classes one roster file brings, and the rows it may store. */
export class ClassOwnership {
  private readonly holders = new Map<string, ClassHolder | null>();
  /** Classes this file took or moved: its own first row fixes them, --force-class or not. */
  private readonly fixedHere = new Set<string>();
  private readonly find: Statement;
  private readonly take: Statement;
  private readonly move: Statement;
  readonly moves: ClassMove[] = [];
  /** On PostgreSQL, the classes of a batch are found and taken with one statement each (postgres/class-holders.ts). */
  private readonly atOnce: boolean;

  constructor(private readonly db: Db, private readonly fileId: number, private readonly fileName: string, private readonly force: boolean) {
    this.find = db.prepare(
      `SELECT c.institution_code AS code, c.institution_name AS name, f.name AS file
         FROM classes c JOIN imported_files f ON f.id = c.file_id WHERE c.class_id = ?`,
    );
    this.take = db.prepare('INSERT INTO classes (class_id, institution_code, institution_name, file_id) VALUES (?, ?, ?, ?)');
    this.move = db.prepare('UPDATE classes SET institution_code = ?, institution_name = ?, file_id = ? WHERE class_id = ?');
    this.atOnce = dialectOf(db) === 'postgres';
  }

  /**
   * The rows whose class their institution holds (taking the classes nobody holds yet, or moving
   * them with --force-class); the others become R_CLASS_CONFLICT errors. `column` is the class_id
   * header as the file writes it.
   */
  admit(rows: StoredValue[][], column: string, errors: RowError[]): StoredValue[][] {
    const kept: StoredValue[][] = [];
    const taken: [string, string, string][] | null = this.atOnce ? [] : null;
    if (this.atOnce) {
      const unknown = [...new Set(rows.map((row) => row[CLASS_ID] as string))].filter((classId) => !this.holders.has(classId));
      const found = unknown.length > 0 ? classHoldersAtOnce(this.db, unknown) : new Map<string, ClassHolder>();
      for (const classId of unknown) this.holders.set(classId, found.get(classId) ?? null);
    }
    for (const row of rows) {
      const classId = row[CLASS_ID] as string;
      const code = row[CODE] as string;
      const name = row[NAME] as string;
      let holder = this.holders.get(classId);
      if (holder === undefined) {
        holder = (this.find.get(classId) as ClassHolder | undefined) ?? null;
        this.holders.set(classId, holder);
      }
      if (holder === null) {
        if (taken) taken.push([classId, code, name]);
        else this.take.run(classId, code, name, this.fileId);
        this.holders.set(classId, { code, name, file: this.fileName });
        this.fixedHere.add(classId);
      } else if (holder.code !== code) {
        if (!this.force || this.fixedHere.has(classId)) {
          errors.push({
            line: row[LINE] as number, column, value: classId, code: 'R_CLASS_CONFLICT',
            expected: `${holder.code} ${holder.name} (${holder.file})`,
          });
          continue;
        }
        this.move.run(code, name, this.fileId, classId);
        this.moves.push({ classId, from: holder, to: code });
        this.holders.set(classId, { code, name, file: this.fileName });
        this.fixedHere.add(classId);
      }
      kept.push(row);
    }
    if (taken) takeClassesAtOnce(this.db, this.fileId, taken);
    return kept;
  }
}
