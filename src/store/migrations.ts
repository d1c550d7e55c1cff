// The database schema, as numbered migrations applied in order (PRAGMA user_version).
// SPEC §2 (rows with provenance and versions), §2.4 (row errors), §8.7 (append-only audit log).
// A migration is SQL, or a function when it needs more than SQL (a random secret, a hash).

import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { flagIdFor } from '../core/flags/types.js';

export type Migration = string | ((db: Database.Database) => void);

/**
 * SPEC §7.1, §8.1: flag ids are keyed by a random secret of the database, made here once. The
 * flags already stored get their keyed ids — in every run, in the decisions' flag lists and in
 * the verdicts — so a verdict still holds its flag. The immutability triggers are lifted for
 * this one rewrite and put back as they were, in the same transaction.
 */
function addFlagKey(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    CREATE TRIGGER IF NOT EXISTS secrets_no_update BEFORE UPDATE ON secrets BEGIN SELECT RAISE(ABORT, 'the database secrets are fixed'); END;
    CREATE TRIGGER IF NOT EXISTS secrets_no_delete BEFORE DELETE ON secrets BEGIN SELECT RAISE(ABORT, 'the database secrets are fixed'); END;
  `);
  // A database that has its key has keyed ids already (a schema version set back by hand).
  if (db.prepare("SELECT 1 FROM secrets WHERE name = 'flag_key'").get()) return;
  const key = randomBytes(32).toString('hex');
  db.prepare("INSERT INTO secrets (name, value) VALUES ('flag_key', ?)").run(key);
  const ids = new Map<string, string>();
  for (const r of db.prepare('SELECT DISTINCT flag_id, rule, subject FROM flags').iterate() as Iterable<{ flag_id: string; rule: string; subject: string }>) {
    ids.set(r.flag_id, flagIdFor(r.rule, r.subject, key));
  }
  if (ids.size === 0) return;
  const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('flags', 'decision_rows', 'verdicts')").all() as { name: string; sql: string }[];
  for (const t of triggers) db.exec(`DROP TRIGGER "${t.name.replace(/"/g, '""')}"`);
  const rekey = (id: string) => ids.get(id) ?? id;
  db.function('skillsub_rekey_flag', { deterministic: true }, (id: unknown) => rekey(String(id)));
  db.function('skillsub_rekey_flags', { deterministic: true }, (list: unknown) => String(list).split(';').map(rekey).sort().join(';'));
  db.exec(`
    UPDATE flags SET flag_id = skillsub_rekey_flag(flag_id);
    UPDATE decision_rows SET flags = skillsub_rekey_flags(flags) WHERE flags <> '';
    UPDATE verdicts SET flag_id = skillsub_rekey_flag(flag_id);
  `);
  for (const t of triggers) db.exec(t.sql);
}

/**
 * SPEC §10: the disbursement ledger (拨付台账). A batch is numbered 1, 2, 3… without gaps and
 * sealed by its row: its lines are written first (in the same transaction), then the batch row,
 * which must count them; after that nothing is added, changed, deleted or replaced. Runs gain the
 * latest batch their step 10 saw (§6 step 10: the claims money was disbursed for come first), so
 * that explain asks the same question again; 0 for the runs made before the ledger. Written to be
 * applied again over itself (a schema version set back by hand).
 */
function addLedger(db: Database.Database): void {
  db.exec(`
  CREATE TABLE IF NOT EXISTS batches (
    id INTEGER PRIMARY KEY,
    date TEXT NOT NULL,
    run_id INTEGER NOT NULL REFERENCES runs (id),
    created_at TEXT NOT NULL,
    os_user TEXT NOT NULL,
    lines INTEGER NOT NULL CHECK (lines > 0),
    payments_fen INTEGER NOT NULL,
    recoveries_fen INTEGER NOT NULL
  );
  -- One line per key (claim, component, payee, fund) of a batch; amount in fen, negative for a
  -- recovery. payee_key is the payee as the ledger compares it (core/ledger/due.ts payeeKey);
  -- id_number is the claim's person (person-keyed, SPEC §11).
  CREATE TABLE IF NOT EXISTS ledger_lines (
    id INTEGER PRIMARY KEY,
    batch_id INTEGER NOT NULL REFERENCES batches (id) DEFERRABLE INITIALLY DEFERRED,
    claim_id TEXT NOT NULL,
    id_number TEXT NOT NULL,
    component TEXT NOT NULL CHECK (component IN ('main', 'living')),
    payee_type TEXT NOT NULL CHECK (payee_type IN ('institution', 'employer', 'person')),
    payee_code TEXT NOT NULL,
    payee_name TEXT NOT NULL,
    payee_key TEXT NOT NULL,
    fund TEXT NOT NULL,
    amount_fen INTEGER NOT NULL CHECK (amount_fen <> 0 AND typeof(amount_fen) = 'integer'),
    reasons TEXT NOT NULL,
    source TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS ledger_lines_batch ON ledger_lines (batch_id);
  CREATE INDEX IF NOT EXISTS ledger_lines_claim ON ledger_lines (claim_id, component);
  CREATE INDEX IF NOT EXISTS ledger_lines_person ON ledger_lines (id_number);
  CREATE TRIGGER IF NOT EXISTS batches_numbered BEFORE INSERT ON batches
    WHEN NEW.id IS NOT (SELECT coalesce(max(id), 0) + 1 FROM batches)
      OR NEW.lines <> (SELECT count(*) FROM ledger_lines WHERE batch_id = NEW.id)
    BEGIN SELECT RAISE(ABORT, 'disbursement batches are numbered without gaps and count their lines'); END;
  CREATE TRIGGER IF NOT EXISTS batches_immutable_update BEFORE UPDATE ON batches BEGIN SELECT RAISE(ABORT, 'disbursement batches are immutable'); END;
  CREATE TRIGGER IF NOT EXISTS batches_immutable_delete BEFORE DELETE ON batches BEGIN SELECT RAISE(ABORT, 'disbursement batches are immutable'); END;
  CREATE TRIGGER IF NOT EXISTS ledger_lines_sealed BEFORE INSERT ON ledger_lines
    WHEN EXISTS (SELECT 1 FROM ledger_lines WHERE id = NEW.id)
      OR NEW.batch_id IS NOT (SELECT coalesce(max(id), 0) + 1 FROM batches)
    BEGIN SELECT RAISE(ABORT, 'disbursement batches are immutable'); END;
  CREATE TRIGGER IF NOT EXISTS ledger_lines_immutable_update BEFORE UPDATE ON ledger_lines BEGIN SELECT RAISE(ABORT, 'disbursement batches are immutable'); END;
  CREATE TRIGGER IF NOT EXISTS ledger_lines_immutable_delete BEFORE DELETE ON ledger_lines BEGIN SELECT RAISE(ABORT, 'disbursement batches are immutable'); END;
  `);
  const columns = db.prepare('PRAGMA table_info(runs)').all() as { name: string }[];
  if (!columns.some((c) => c.name === 'batch_mark')) db.exec('ALTER TABLE runs ADD COLUMN batch_mark INTEGER NOT NULL DEFAULT 0');
}

/**
 * SPEC §2.5: outside lists. imported_files takes the kind `list`, with the list's kind beside it,
 * which its CHECK constraint refused: the table is made again with every row and id (SQLite's way
 * to change a constraint; migrations run with foreign-key enforcement off, see database.ts).
 * A list's rows are one table, found by ID number for `person`.
 */
function addOutsideLists(db: Database.Database): void {
  // A database that has them already (a schema version set back by hand) keeps what it has.
  const columns = db.prepare("SELECT name FROM pragma_table_info('imported_files')").pluck().all() as string[];
  if (!columns.includes('list_kind')) db.exec(REMAKE_IMPORTED_FILES);
  db.exec(LIST_ROWS);
}

const REMAKE_IMPORTED_FILES = `
  CREATE TABLE imported_files_new (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('roster', 'certificates', 'institutions', 'list')),
    name TEXT NOT NULL,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    encoding TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    rows INTEGER NOT NULL DEFAULT 0,
    row_errors INTEGER NOT NULL DEFAULT 0,
    forced INTEGER NOT NULL DEFAULT 0,
    list_kind TEXT CHECK (list_kind IN ('pension', 'public_staff', 'student', 'death', 'insured')),
    CHECK ((kind = 'list') = (list_kind IS NOT NULL))
  );
  INSERT INTO imported_files_new (id, kind, name, path, sha256, bytes, encoding, imported_at, rows, row_errors, forced)
    SELECT id, kind, name, path, sha256, bytes, encoding, imported_at, rows, row_errors, forced FROM imported_files ORDER BY id;
  DROP TABLE imported_files;
  ALTER TABLE imported_files_new RENAME TO imported_files;
  CREATE INDEX imported_files_sha256 ON imported_files (sha256, kind);
`;

const LIST_ROWS = `
  -- One row per person (or period of a person) of an outside list; lists add up, file by file.
  -- A forced re-import of a file makes the rows of its earlier import inactive.
  CREATE TABLE IF NOT EXISTS list_rows (
    id INTEGER PRIMARY KEY,
    list_kind TEXT NOT NULL,
    id_number TEXT NOT NULL,
    name TEXT,
    from_date TEXT NOT NULL,
    to_date TEXT,
    employer_code TEXT,
    employer_name TEXT,
    line INTEGER NOT NULL,
    file_id INTEGER NOT NULL REFERENCES imported_files (id),
    active INTEGER NOT NULL DEFAULT 1
  );
  CREATE INDEX IF NOT EXISTS list_rows_id_number ON list_rows (id_number);
`;

const refuse = (why: string) => `BEGIN SELECT RAISE(ABORT, '${why}'); END`;

/**
 * Issue #15 item 8: ordinary SQL cannot change what a finished run decided, nor the rows it refers
 * to. A REPLACE deletes the conflicting row without firing DELETE triggers (recursive_triggers is
 * off), so every protected table refuses, BEFORE INSERT, a row whose key exists already. A run is
 * sealed by a row in run_seals, written last in the check's transaction and only when the run
 * holds all its decisions and flags; nothing is added to a sealed run. Imports only insert: the
 * one update they make to old rows is the switch of a replaced version to inactive, allowed only
 * from 1 to 0, with every other column unchanged, when a newer version of the key exists; and
 * a file's record is completed (encoding, counts) only while it is the newest file and no run
 * has read it. The column lists are read from the schema here: a migration that adds a column to
 * one of these tables makes its triggers again. Applies again over itself.
 */
function sealRunsAndTheirRows(db: Database.Database): void {
  const columns = (table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
  const unchanged = (table: string, except: string[]) => columns(table).filter((c) => !except.includes(c)).map((c) => `NEW.${c} IS OLD.${c}`).join(' AND ');
  const keyExists: Record<string, string> = {
    runs: 'id = NEW.id', decision_outcomes: 'id = NEW.id', audit_log: 'id = NEW.id', verdicts: 'id = NEW.id', secrets: 'name = NEW.name',
    imported_files: 'id = NEW.id', roster_rows: 'id = NEW.id', certificates: 'id = NEW.id', institutions: 'id = NEW.id',
    roster_parts: 'id = NEW.id', classes: 'class_id = NEW.class_id',
    decision_rows: 'run_id = NEW.run_id AND roster_row_id = NEW.roster_row_id', flags: 'run_id = NEW.run_id AND flag_id = NEW.flag_id',
  };
  let sql = `
  CREATE TABLE IF NOT EXISTS run_seals (run_id INTEGER PRIMARY KEY REFERENCES runs (id));
  INSERT INTO run_seals (run_id) SELECT id FROM runs WHERE id NOT IN (SELECT run_id FROM run_seals);
  CREATE TRIGGER IF NOT EXISTS run_seals_complete BEFORE INSERT ON run_seals
    WHEN EXISTS (SELECT 1 FROM run_seals WHERE run_id = NEW.run_id)
      OR NOT EXISTS (SELECT 1 FROM runs WHERE id = NEW.run_id)
      OR (SELECT claims FROM runs WHERE id = NEW.run_id) <> (SELECT count(*) FROM decision_rows WHERE run_id = NEW.run_id)
      OR (SELECT flags FROM runs WHERE id = NEW.run_id) <> (SELECT count(*) FROM flags WHERE run_id = NEW.run_id)
    ${refuse('a check run is sealed once, holding all its decisions and flags')};
  CREATE TRIGGER IF NOT EXISTS run_seals_no_update BEFORE UPDATE ON run_seals ${refuse('check runs are immutable')};
  CREATE TRIGGER IF NOT EXISTS run_seals_no_delete BEFORE DELETE ON run_seals ${refuse('check runs are immutable')};
  CREATE TRIGGER IF NOT EXISTS verdicts_no_delete BEFORE DELETE ON verdicts ${refuse('verdicts are append-only')};
  `;
  for (const [table, key] of Object.entries(keyExists)) {
    sql += `CREATE TRIGGER IF NOT EXISTS ${table}_no_replace BEFORE INSERT ON ${table} WHEN EXISTS (SELECT 1 FROM ${table} WHERE ${key})
      ${refuse(`${table}: a stored row is never replaced`)};\n`;
  }
  for (const table of ['decision_rows', 'decision_outcomes', 'flags']) {
    sql += `CREATE TRIGGER IF NOT EXISTS ${table}_sealed BEFORE INSERT ON ${table} WHEN EXISTS (SELECT 1 FROM run_seals WHERE run_id = NEW.run_id)
      ${refuse('check runs are immutable: nothing is added to a finished run')};\n`;
  }
  const versions: Record<string, string> = {
    roster_rows: 'claim_id = OLD.claim_id',
    certificates: 'cert_number = OLD.cert_number AND id_number = OLD.id_number',
    institutions: 'institution_code = OLD.institution_code AND valid_from IS OLD.valid_from',
  };
  for (const [table, sameKey] of Object.entries(versions)) {
    sql += `CREATE TRIGGER IF NOT EXISTS ${table}_no_delete BEFORE DELETE ON ${table} ${refuse(`${table}: imported rows are kept (check runs refer to them)`)};
    CREATE TRIGGER IF NOT EXISTS ${table}_only_replaced BEFORE UPDATE ON ${table}
      WHEN NOT (OLD.active = 1 AND NEW.active = 0 AND ${unchanged(table, ['active'])}
                AND EXISTS (SELECT 1 FROM ${table} WHERE ${sameKey} AND id > OLD.id))
      ${refuse(`${table}: imported rows are kept as imported; a new import replaces them`)};\n`;
  }
  sql += `
  CREATE TRIGGER IF NOT EXISTS roster_parts_no_update BEFORE UPDATE ON roster_parts ${refuse('roster_parts: imported rows are kept as imported')};
  CREATE TRIGGER IF NOT EXISTS roster_parts_no_delete BEFORE DELETE ON roster_parts ${refuse('roster_parts: imported rows are kept as imported')};
  CREATE TRIGGER IF NOT EXISTS imported_files_no_delete BEFORE DELETE ON imported_files ${refuse('imported_files: the record of an import is kept')};
  CREATE TRIGGER IF NOT EXISTS imported_files_completed_once BEFORE UPDATE ON imported_files
    WHEN NOT (${unchanged('imported_files', ['encoding', 'rows', 'row_errors'])}
              AND OLD.id = (SELECT max(id) FROM imported_files)
              AND OLD.id > (SELECT coalesce(max(data_mark), 0) FROM runs))
    ${refuse('imported_files: the record of an import is kept as written')};
  `;
  // Outside lists (§2.5): rows are only inserted; a forced re-import of the same content makes the
  // earlier import's rows inactive, and nothing else changes them.
  if (columns('list_rows').length > 0) {
    sql += `
    CREATE TRIGGER IF NOT EXISTS list_rows_no_replace BEFORE INSERT ON list_rows WHEN EXISTS (SELECT 1 FROM list_rows WHERE id = NEW.id)
      ${refuse('list_rows: a stored row is never replaced')};
    CREATE TRIGGER IF NOT EXISTS list_rows_no_delete BEFORE DELETE ON list_rows ${refuse('list_rows: imported rows are kept (check runs refer to them)')};
    CREATE TRIGGER IF NOT EXISTS list_rows_only_replaced BEFORE UPDATE ON list_rows
      WHEN NOT (OLD.active = 1 AND NEW.active = 0 AND ${unchanged('list_rows', ['active'])}
                AND EXISTS (SELECT 1 FROM imported_files f JOIN imported_files g
                              ON g.sha256 = f.sha256 AND g.kind = f.kind AND g.list_kind IS f.list_kind AND g.id > f.id
                             WHERE f.id = OLD.file_id))
      ${refuse('list_rows: imported rows are kept as imported; a new import replaces them')};
    `;
  }
  db.exec(sql);
  // A row error over several lines (R_FIELD_COUNT) names its last line too.
  if (!columns('row_errors').includes('last_line')) db.exec('ALTER TABLE row_errors ADD COLUMN last_line INTEGER');
}

/**
 * Issue #20 item 5: `import withdraw FILE_ID` takes a mistaken file out of later runs. A
 * withdrawal is a row of file_withdrawals (append-only, one per file) that names the audit-log
 * entry recording it; the triggers of sealRunsAndTheirRows are widened, and only so far, that a
 * withdrawn file's rows may go inactive and, for each key, the latest version from a file not
 * withdrawn may become active again (the version the mistaken file had replaced), and a class
 * that only withdrawn files brought may be let go. Any other
 * switch of `active` — by hand, on a key whose newer version is still live — stays refused.
 * after_run: the latest run when the file was withdrawn (finished runs still read it: their
 * reconstruction by data mark leaves out only files withdrawn before them). Applies again over itself.
 */
function allowWithdrawals(db: Database.Database): void {
  const columns = (table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
  const unchanged = (table: string) => columns(table).filter((c) => c !== 'active').map((c) => `NEW.${c} IS OLD.${c}`).join(' AND ');
  const withdrawn = (fileId: string) => `EXISTS (SELECT 1 FROM file_withdrawals WHERE file_withdrawals.file_id = ${fileId})`;
  let sql = `
  CREATE TABLE IF NOT EXISTS file_withdrawals (
    file_id INTEGER PRIMARY KEY REFERENCES imported_files (id),
    withdrawn_at TEXT NOT NULL,
    os_user TEXT NOT NULL,
    note TEXT NOT NULL,
    after_run INTEGER NOT NULL,
    audit_id INTEGER NOT NULL UNIQUE REFERENCES audit_log (id)
  );
  CREATE TRIGGER IF NOT EXISTS file_withdrawals_logged BEFORE INSERT ON file_withdrawals
    WHEN NOT EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.audit_id AND action = 'import withdraw')
      OR NOT EXISTS (SELECT 1 FROM imported_files WHERE id = NEW.file_id)
      OR NEW.after_run <> (SELECT coalesce(max(id), 0) FROM runs)
    ${refuse('a withdrawal is made by import withdraw, with its audit-log entry')};
  CREATE TRIGGER IF NOT EXISTS file_withdrawals_no_update BEFORE UPDATE ON file_withdrawals ${refuse('withdrawals are append-only')};
  CREATE TRIGGER IF NOT EXISTS file_withdrawals_no_delete BEFORE DELETE ON file_withdrawals ${refuse('withdrawals are append-only')};
  `;
  const versions: Record<string, string> = {
    roster_rows: 'claim_id = OLD.claim_id',
    certificates: 'cert_number = OLD.cert_number AND id_number = OLD.id_number',
    institutions: 'institution_code = OLD.institution_code AND valid_from IS OLD.valid_from',
  };
  for (const [table, sameKey] of Object.entries(versions)) {
    const newerLive = `EXISTS (SELECT 1 FROM ${table} WHERE ${sameKey} AND id > OLD.id AND NOT ${withdrawn(`${table}.file_id`)})`;
    sql += `DROP TRIGGER IF EXISTS ${table}_only_replaced;
    CREATE TRIGGER ${table}_only_replaced BEFORE UPDATE ON ${table}
      WHEN NOT (${unchanged(table)} AND (
        (OLD.active = 1 AND NEW.active = 0 AND (${newerLive} OR ${withdrawn('OLD.file_id')}))
        OR (OLD.active = 0 AND NEW.active = 1 AND NOT ${withdrawn('OLD.file_id')} AND NOT ${newerLive})))
      ${refuse(`${table}: imported rows are kept as imported; a new import replaces them, import withdraw takes a file out`)};\n`;
  }
  // A class that only withdrawn files brought is held by no one (SPEC §2.1): another institution may bring it.
  sql += `DROP TRIGGER IF EXISTS classes_no_delete;
  CREATE TRIGGER classes_no_delete BEFORE DELETE ON classes
    WHEN EXISTS (SELECT 1 FROM roster_rows WHERE roster_rows.class_id = OLD.class_id AND NOT ${withdrawn('roster_rows.file_id')})
    ${refuse('a class keeps its institution; import roster --force-class moves it')};\n`;
  if (columns('list_rows').length > 0) {
    sql += `DROP TRIGGER IF EXISTS list_rows_only_replaced;
    CREATE TRIGGER list_rows_only_replaced BEFORE UPDATE ON list_rows
      WHEN NOT (OLD.active = 1 AND NEW.active = 0 AND ${unchanged('list_rows')}
                AND (${withdrawn('OLD.file_id')} OR EXISTS (SELECT 1 FROM imported_files f JOIN imported_files g
                              ON g.sha256 = f.sha256 AND g.kind = f.kind AND g.list_kind IS f.list_kind AND g.id > f.id
                             WHERE f.id = OLD.file_id)))
      ${refuse('list_rows: imported rows are kept as imported; a new import replaces them, import withdraw takes a file out')};\n`;
  }
  db.exec(sql);
}

/**
 * Issue #15 item 8, the paths left open: a file's row errors are part of its record (never
 * changed, deleted or replaced); a withdrawal is never replaced; and a class changes institution
 * only as the tool moves it — by `import roster --force-class`, to the newest roster file while
 * that import is open (its log entry, written last, not yet there), or back after a withdrawal, to the institution of the
 * class's latest row from a file not withdrawn. Never renamed. Applies again over itself.
 */
function sealImportRecordsAndClasses(db: Database.Database): void {
  const withdrawn = (fileId: string) => `EXISTS (SELECT 1 FROM file_withdrawals w WHERE w.file_id = ${fileId})`;
  db.exec(`
  CREATE TRIGGER IF NOT EXISTS row_errors_no_update BEFORE UPDATE ON row_errors ${refuse('row_errors: the record of an import is kept as written')};
  CREATE TRIGGER IF NOT EXISTS row_errors_no_delete BEFORE DELETE ON row_errors ${refuse('row_errors: the record of an import is kept as written')};
  CREATE TRIGGER IF NOT EXISTS row_errors_no_replace BEFORE INSERT ON row_errors WHEN EXISTS (SELECT 1 FROM row_errors WHERE id = NEW.id)
    ${refuse('row_errors: a stored row is never replaced')};
  CREATE TRIGGER IF NOT EXISTS file_withdrawals_no_replace BEFORE INSERT ON file_withdrawals
    WHEN EXISTS (SELECT 1 FROM file_withdrawals WHERE file_id = NEW.file_id)
    ${refuse('file_withdrawals: a stored row is never replaced')};
  DROP TRIGGER IF EXISTS classes_moved_by_import;
  CREATE TRIGGER classes_moved_by_import BEFORE UPDATE ON classes
    WHEN NOT (NEW.class_id = OLD.class_id AND (
      (NEW.file_id = (SELECT max(id) FROM imported_files)
        AND NEW.file_id > (SELECT coalesce(max(data_mark), 0) FROM runs)
        AND EXISTS (SELECT 1 FROM imported_files WHERE id = NEW.file_id AND kind = 'roster')
        AND NOT EXISTS (SELECT 1 FROM audit_log WHERE action = 'import roster' AND json_extract(details, '$.file_id') = NEW.file_id))
      OR (EXISTS (SELECT 1 FROM roster_rows r WHERE r.class_id = OLD.class_id AND ${withdrawn('r.file_id')})
        AND EXISTS (SELECT 1 FROM (SELECT file_id, institution_code, institution_name FROM roster_rows r
                                    WHERE r.class_id = OLD.class_id AND NOT ${withdrawn('r.file_id')} ORDER BY id DESC LIMIT 1) latest
                     WHERE latest.file_id = NEW.file_id AND latest.institution_code = NEW.institution_code
                       AND latest.institution_name = NEW.institution_name))))
    ${refuse('a class keeps its institution; import roster --force-class moves it')};
  `);
}

export const MIGRATIONS: readonly Migration[] = [
  `
  CREATE TABLE imported_files (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('roster', 'certificates', 'institutions')),
    name TEXT NOT NULL,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    encoding TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    rows INTEGER NOT NULL DEFAULT 0,
    row_errors INTEGER NOT NULL DEFAULT 0,
    forced INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX imported_files_sha256 ON imported_files (sha256, kind);

  -- One row per version of a claim (class_id, id_number); the active one is the latest import.
  CREATE TABLE roster_rows (
    id INTEGER PRIMARY KEY,
    claim_id TEXT NOT NULL,
    class_id TEXT NOT NULL,
    institution_name TEXT NOT NULL,
    institution_code TEXT NOT NULL,
    training_type TEXT NOT NULL,
    project_based INTEGER NOT NULL,
    occupation_code TEXT,
    occupation_name TEXT NOT NULL,
    level INTEGER,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    hours REAL,
    attendance REAL,
    name TEXT NOT NULL,
    id_number TEXT NOT NULL,
    phone TEXT,
    categories TEXT NOT NULL,
    household TEXT,
    employer_name TEXT,
    employer_code TEXT,
    insured INTEGER,
    months REAL,
    claimed_amount_fen INTEGER,
    line INTEGER NOT NULL,
    file_id INTEGER NOT NULL REFERENCES imported_files (id),
    active INTEGER NOT NULL DEFAULT 1
  );
  CREATE INDEX roster_rows_claim ON roster_rows (claim_id);

  CREATE TABLE certificates (
    id INTEGER PRIMARY KEY,
    cert_number TEXT NOT NULL,
    cert_type TEXT NOT NULL,
    name TEXT NOT NULL,
    id_number TEXT NOT NULL,
    occupation_code TEXT,
    occupation_name TEXT NOT NULL,
    level INTEGER,
    issue_date TEXT NOT NULL,
    issuer TEXT,
    line INTEGER NOT NULL,
    file_id INTEGER NOT NULL REFERENCES imported_files (id),
    active INTEGER NOT NULL DEFAULT 1
  );
  CREATE INDEX certificates_key ON certificates (cert_number, id_number);

  CREATE TABLE institutions (
    id INTEGER PRIMARY KEY,
    institution_code TEXT NOT NULL,
    institution_name TEXT NOT NULL,
    valid_from TEXT,
    valid_to TEXT,
    line INTEGER NOT NULL,
    file_id INTEGER NOT NULL REFERENCES imported_files (id),
    active INTEGER NOT NULL DEFAULT 1
  );
  CREATE INDEX institutions_key ON institutions (institution_code, valid_from);

  CREATE TABLE row_errors (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES imported_files (id),
    line INTEGER NOT NULL,
    column_name TEXT NOT NULL,
    value TEXT NOT NULL,
    code TEXT NOT NULL,
    expected TEXT NOT NULL
  );

  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    os_user TEXT NOT NULL,
    tool_version TEXT NOT NULL,
    command TEXT NOT NULL,
    action TEXT NOT NULL,
    details TEXT NOT NULL
  );
  CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  `,
  `
  -- SPEC §6: a numbered, immutable check run with the policy it used, its decisions and flags.
  CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    os_user TEXT NOT NULL,
    policy_id TEXT NOT NULL,
    policy_sha256 TEXT NOT NULL,
    policy_text TEXT NOT NULL,
    as_of TEXT NOT NULL,
    data_mark INTEGER NOT NULL,
    claims INTEGER NOT NULL,
    flags INTEGER NOT NULL
  );
  -- One row per claim of the run, keyed by the exact roster row version it decided; the claim id,
  -- names and codes come from that row (payee_type says which of its columns is the payee).
  CREATE TABLE decisions (
    run_id INTEGER NOT NULL REFERENCES runs (id),
    roster_row_id INTEGER NOT NULL,
    cert_row_id INTEGER,
    decision TEXT NOT NULL,
    reasons TEXT NOT NULL,
    flags TEXT NOT NULL,
    kind TEXT,
    payee_type TEXT,
    fund TEXT,
    main_fen INTEGER NOT NULL,
    living_fen INTEGER NOT NULL,
    total_fen INTEGER NOT NULL,
    advance_fen INTEGER NOT NULL,
    balance_fen INTEGER NOT NULL,
    cap_order INTEGER,
    cap_claims TEXT NOT NULL,
    PRIMARY KEY (run_id, roster_row_id)
  ) WITHOUT ROWID;
  CREATE TABLE flags (
    run_id INTEGER NOT NULL REFERENCES runs (id),
    flag_id TEXT NOT NULL,
    rule TEXT NOT NULL,
    severity TEXT NOT NULL,
    subject_type TEXT NOT NULL,
    subject TEXT NOT NULL,
    id_number TEXT,
    class_ids TEXT NOT NULL,
    cert_numbers TEXT NOT NULL,
    institution_code TEXT,
    claim_ids TEXT NOT NULL,
    detail_key TEXT NOT NULL,
    detail_params TEXT NOT NULL,
    sources TEXT NOT NULL,
    PRIMARY KEY (run_id, flag_id)
  ) WITHOUT ROWID;
  -- SPEC §7.1: auditors' verdicts; the latest per flag_id holds.
  CREATE TABLE verdicts (
    id INTEGER PRIMARY KEY,
    flag_id TEXT NOT NULL,
    verdict TEXT NOT NULL CHECK (verdict IN ('cleared', 'confirmed')),
    note TEXT NOT NULL,
    os_user TEXT NOT NULL,
    at TEXT NOT NULL
  );
  CREATE INDEX verdicts_flag ON verdicts (flag_id);
  CREATE TRIGGER runs_immutable_update BEFORE UPDATE ON runs BEGIN SELECT RAISE(ABORT, 'check runs are immutable'); END;
  CREATE TRIGGER runs_immutable_delete BEFORE DELETE ON runs BEGIN SELECT RAISE(ABORT, 'check runs are immutable'); END;
  CREATE TRIGGER decisions_immutable_update BEFORE UPDATE ON decisions BEGIN SELECT RAISE(ABORT, 'check runs are immutable'); END;
  CREATE TRIGGER decisions_immutable_delete BEFORE DELETE ON decisions BEGIN SELECT RAISE(ABORT, 'check runs are immutable'); END;
  CREATE TRIGGER flags_immutable_update BEFORE UPDATE ON flags BEGIN SELECT RAISE(ABORT, 'check runs are immutable'); END;
  CREATE TRIGGER flags_immutable_delete BEFORE DELETE ON flags BEGIN SELECT RAISE(ABORT, 'check runs are immutable'); END;
  CREATE TRIGGER verdicts_append_only BEFORE UPDATE ON verdicts BEGIN SELECT RAISE(ABORT, 'verdicts are append-only'); END;
  `,
  `
  -- Each roster row's class and circumstances stored once, as the JSON array of the row's own
  -- values (see ingest/row-parts.ts); the row keeps every column and gains a reference to each.
  -- check reads the references instead of repeating the text for every row.
  CREATE TABLE roster_parts (
    id INTEGER PRIMARY KEY,
    part TEXT NOT NULL
  );
  ALTER TABLE roster_rows ADD COLUMN class_ref INTEGER;
  ALTER TABLE roster_rows ADD COLUMN circumstances_ref INTEGER;
  -- The rows already imported: their parts in row order, then their references.
  CREATE TEMP TABLE new_parts (id INTEGER PRIMARY KEY, part TEXT NOT NULL UNIQUE);
  INSERT OR IGNORE INTO new_parts (part)
    SELECT part FROM (
      SELECT id AS row_id, 0 AS k, json_array(class_id, institution_name, institution_code, training_type, project_based, occupation_code, occupation_name, level, start_date, end_date) AS part FROM roster_rows
      UNION ALL SELECT id, 1, json_array(categories, household, employer_name, employer_code, insured) FROM roster_rows
      ORDER BY row_id, k);
  INSERT INTO roster_parts (id, part) SELECT id, part FROM new_parts;
  UPDATE roster_rows SET
    class_ref = (SELECT id FROM new_parts WHERE part = json_array(class_id, institution_name, institution_code, training_type, project_based, occupation_code, occupation_name, level, start_date, end_date)),
    circumstances_ref = (SELECT id FROM new_parts WHERE part = json_array(categories, household, employer_name, employer_code, insured));
  DROP TABLE new_parts;
  `,
  `
  -- A run's decisions in two parts: what is a claim's own (decision_rows) and the outcome it
  -- shares with many others (decision_outcomes: decision, reasons, kind, payee, fund and the
  -- amounts, once per distinct combination in a run). The view decisions joins them back into
  -- one row per claim with the columns it always had; a million rows store in about two thirds
  -- of the time. The rows are the outer loop of the join (CROSS JOIN), so that a filter on the
  -- outcomes never makes SQLite scan a run's rows once per outcome.
  CREATE TABLE decision_outcomes (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs (id),
    decision TEXT NOT NULL,
    reasons TEXT NOT NULL,
    kind TEXT,
    payee_type TEXT,
    fund TEXT,
    main_fen INTEGER NOT NULL,
    living_fen INTEGER NOT NULL,
    total_fen INTEGER NOT NULL,
    advance_fen INTEGER NOT NULL,
    balance_fen INTEGER NOT NULL
  );
  CREATE TABLE decision_rows (
    run_id INTEGER NOT NULL REFERENCES runs (id),
    roster_row_id INTEGER NOT NULL,
    cert_row_id INTEGER,
    flags TEXT NOT NULL,
    cap_order INTEGER,
    cap_claims TEXT NOT NULL,
    outcome_id INTEGER NOT NULL REFERENCES decision_outcomes (id),
    PRIMARY KEY (run_id, roster_row_id)
  ) WITHOUT ROWID;
  -- The runs already stored, moved over unchanged.
  CREATE INDEX decision_outcomes_content ON decision_outcomes
    (run_id, decision, reasons, kind, payee_type, fund, main_fen, living_fen, total_fen, advance_fen, balance_fen);
  INSERT INTO decision_outcomes (run_id, decision, reasons, kind, payee_type, fund, main_fen, living_fen, total_fen, advance_fen, balance_fen)
    SELECT DISTINCT run_id, decision, reasons, kind, payee_type, fund, main_fen, living_fen, total_fen, advance_fen, balance_fen
      FROM decisions ORDER BY run_id, decision, reasons, kind, payee_type, fund, main_fen, living_fen, total_fen, advance_fen, balance_fen;
  INSERT INTO decision_rows (run_id, roster_row_id, cert_row_id, flags, cap_order, cap_claims, outcome_id)
    SELECT d.run_id, d.roster_row_id, d.cert_row_id, d.flags, d.cap_order, d.cap_claims, o.id
      FROM decisions d JOIN decision_outcomes o
        ON o.run_id = d.run_id AND o.decision = d.decision AND o.reasons = d.reasons AND o.kind IS d.kind
       AND o.payee_type IS d.payee_type AND o.fund IS d.fund AND o.main_fen = d.main_fen AND o.living_fen = d.living_fen
       AND o.total_fen = d.total_fen AND o.advance_fen = d.advance_fen AND o.balance_fen = d.balance_fen;
  DROP INDEX decision_outcomes_content;
  DROP TABLE decisions;
  CREATE VIEW decisions AS
    SELECT r.run_id, r.roster_row_id, r.cert_row_id, o.decision, o.reasons, r.flags, o.kind, o.payee_type, o.fund, o.main_fen,
           o.living_fen, o.total_fen, o.advance_fen, o.balance_fen, r.cap_order, r.cap_claims
      FROM decision_rows r CROSS JOIN decision_outcomes o ON o.id = r.outcome_id;
  CREATE TRIGGER decision_rows_immutable_update BEFORE UPDATE ON decision_rows BEGIN SELECT RAISE(ABORT, 'check runs are immutable'); END;
  CREATE TRIGGER decision_rows_immutable_delete BEFORE DELETE ON decision_rows BEGIN SELECT RAISE(ABORT, 'check runs are immutable'); END;
  CREATE TRIGGER decision_outcomes_immutable_update BEFORE UPDATE ON decision_outcomes BEGIN SELECT RAISE(ABORT, 'check runs are immutable'); END;
  CREATE TRIGGER decision_outcomes_immutable_delete BEFORE DELETE ON decision_outcomes BEGIN SELECT RAISE(ABORT, 'check runs are immutable'); END;
  `,
  addFlagKey,
  addLedger,
  addOutsideLists,
  `
  -- SPEC §2.1: a class id belongs to one institution. The first row that brought it (database
  -- order) holds it; an import that brings it under another institution_code is refused row by
  -- row (R_CLASS_CONFLICT) unless --force-class moves it. The trigger makes the database itself
  -- refuse a roster row whose class is not held by its institution, whatever wrote it.
  -- (Applies again over itself, as a schema version set back by hand needs.)
  CREATE TABLE IF NOT EXISTS classes (
    class_id TEXT PRIMARY KEY,
    institution_code TEXT NOT NULL,
    institution_name TEXT NOT NULL,
    file_id INTEGER NOT NULL REFERENCES imported_files (id)
  ) WITHOUT ROWID;
  INSERT INTO classes (class_id, institution_code, institution_name, file_id)
    SELECT class_id, institution_code, institution_name, file_id
      FROM (SELECT class_id, institution_code, institution_name, file_id, min(id) FROM roster_rows GROUP BY class_id)
     WHERE class_id NOT IN (SELECT class_id FROM classes);
  CREATE TRIGGER IF NOT EXISTS roster_rows_class_held BEFORE INSERT ON roster_rows
    WHEN NOT EXISTS (SELECT 1 FROM classes WHERE class_id = NEW.class_id AND institution_code = NEW.institution_code)
    BEGIN SELECT RAISE(ABORT, 'this class_id is held by another institution (SPEC 2.1)'); END;
  CREATE TRIGGER IF NOT EXISTS classes_no_delete BEFORE DELETE ON classes
    BEGIN SELECT RAISE(ABORT, 'a class keeps its institution; import roster --force-class moves it'); END;
  `,
  sealRunsAndTheirRows,
  // Issue #14: the writer finds a stored part by its text, instead of holding every part in memory.
  'CREATE INDEX IF NOT EXISTS roster_parts_part ON roster_parts (part);',
  allowWithdrawals,
  // Issue #17: a batch's lines are written with no index on the person. Keeping one ordered by ID
  // number cost a third of a million-line batch (the numbers come in no order); `person` finds its
  // few lines by reading the ledger through, as it reads the roster.
  'DROP INDEX IF EXISTS ledger_lines_person;',
  sealImportRecordsAndClasses,
];
