// The database schema, as numbered migrations applied in order (PRAGMA user_version).
// SPEC §2 (rows with provenance and versions), §2.4 (row errors), §8.7 (append-only audit log).

export const MIGRATIONS: readonly string[] = [
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
];
