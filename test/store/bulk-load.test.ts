// A large import's rows go in with the tables' refusing BEFORE INSERT triggers and secondary
// indexes taken down inside its transaction (store/bulk-load.ts). What the database enforces is
// unchanged: the triggers' conditions refuse the file at the end of a batch, and after any import — into an
// empty table, into a filled one, refused or rolled back — the schema is exactly a fresh one's.

import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { csv, tempDir, workspace } from '../helpers/cli.js';
import { CERT_HEADER_EN, ROSTER_HEADER_EN, certRow, rosterRow } from '../helpers/rows.js';
import { query } from '../helpers/query.js';
import { openDatabase } from '../../dist/store/database.js';
import { FileWriter } from '../../dist/store/imports.js';
import { STORED_FIELDS } from '../../dist/ingest/stored-form.js';

const person = (i: number) => {
  const body = `1101051949123${String(i).padStart(4, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, k) => s + Number(d) * weights[k], 0);
  return body + '10X98765432'[sum % 11];
};

function schemaOf(path: string): { type: string; name: string; sql: string }[] {
  const conn = new Database(path, { readonly: true });
  try {
    return conn.prepare("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name").all() as { type: string; name: string; sql: string }[];
  } finally {
    conn.close();
  }
}

describe('a large import keeps what the database enforces', () => {
  it('leaves the schema as a fresh database has it, after imports into empty and filled tables and a refused file', async () => {
    const fresh = join(tempDir(), 'fresh.db');
    openDatabase(fresh).close();
    const w = workspace();
    const roster = Array.from({ length: 30 }, (_, i) => rosterRow({ class_id: `K${i % 3}`, id_number: person(i), name: `张${i}` }));
    expect((await w.run('import', 'roster', w.file('r.csv', csv([ROSTER_HEADER_EN, ...roster])))).code).toBe(0);
    expect((await w.run('import', 'certificates', w.file('c.csv', csv([CERT_HEADER_EN, certRow({ id_number: person(1), name: '张1' })])))).code).toBe(0);
    const more = [rosterRow({ class_id: 'K9', id_number: person(99), name: '李四' })];
    expect((await w.run('import', 'roster', w.file('r2.csv', csv([ROSTER_HEADER_EN, ...more])))).code).toBe(0);
    const refused = await w.run('import', 'roster', w.file('bad.csv', csv([ROSTER_HEADER_EN, rosterRow({ class_id: 'K8', id_number: 'nonsense' })])), '--strict');
    expect(refused.code).not.toBe(0);
    expect(schemaOf(w.db)).toEqual(schemaOf(fresh));
    expect(query(w.db, 'SELECT count(*) AS n FROM roster_rows')).toEqual([{ n: 31 }]);
    // The indexes are back and used: a claim is found by its id without reading the table.
    const conn = new Database(w.db, { readonly: true });
    const plan = conn.prepare('EXPLAIN QUERY PLAN SELECT * FROM roster_rows WHERE claim_id = ?').all('x') as { detail: string }[];
    conn.close();
    expect(plan.map((p) => p.detail).join()).toMatch(/USING INDEX roster_rows_claim/);
  });

  it('refuses, at the end of its batch, a roster row of a class its institution does not hold, as the trigger does row by row', () => {
    const { path, db, writer } = rosterFile();
    // No class was taken for K1 (the importer's ClassOwnership was left out): the database must refuse the row.
    const row = rosterValues(1);
    expect(() => writer.addRows([row], ['["K1"]', '["unemployed"]'])).toThrow(/held by another institution/);
    db.exec('ROLLBACK');
    db.close();
    expect(query(path, 'SELECT count(*) AS n FROM roster_rows')).toEqual([{ n: 0 }]);
    const fresh = join(tempDir(), 'fresh.db');
    openDatabase(fresh).close();
    expect(schemaOf(path)).toEqual(schemaOf(fresh));
  });

  it('asks the rows of each batch as the trigger asked each row when it went in: a class moved after a batch leaves that batch stored', () => {
    const moved = (thenUnder: string) => {
      const { path, db, writer } = rosterFile();
      db.prepare("INSERT INTO classes VALUES ('K1', '91110000600037341L', '渝中职校', ?)").run(writer.fileId);
      writer.addRows([rosterValues(1)], ['["K1"]', '["unemployed"]']);
      // What import roster --force-class does before a batch with a row of K1 under another institution goes in.
      db.prepare("UPDATE classes SET institution_code = '91350100M000100Y43' WHERE class_id = 'K1'").run();
      const row = rosterValues(2);
      row[STORED_FIELDS.roster.indexOf('institution_code')] = thenUnder;
      try {
        writer.addRows([row], ['["K1"]', '["unemployed"]']);
        writer.finish();
        db.exec('COMMIT');
      } finally {
        if (db.inTransaction) db.exec('ROLLBACK');
        db.close();
      }
      return query(path, 'SELECT institution_code FROM roster_rows ORDER BY id');
    };
    expect(moved('91350100M000100Y43')).toEqual([{ institution_code: '91110000600037341L' }, { institution_code: '91350100M000100Y43' }]);
    expect(() => moved('91110000600037341L')).toThrow(/held by another institution/);
  });

  it('gives a part text met again after more than 20,000 others the id it was stored with, once', () => {
    const { path, db, writer } = rosterFile();
    db.prepare("INSERT INTO classes VALUES ('K1', '91110000600037341L', '渝中职校', ?)").run(writer.fileId);
    const texts = Array.from({ length: 20_010 }, (_, i) => `["K1", ${i}]`);
    const rows = texts.map((_, i) => [...rosterValues(i).slice(0, -2), 0, 1 + i]);
    writer.addRows(rows, ['["unemployed"]', ...texts]);
    writer.addRows([[...rosterValues(30_000).slice(0, -2), 1, 0]], [texts[0], '["unemployed"]']);
    writer.finish();
    db.exec('COMMIT');
    db.close();
    expect(query(path, 'SELECT count(*) AS n, count(DISTINCT part) AS texts FROM roster_parts')).toEqual([{ n: 20_011, texts: 20_011 }]);
    expect(query(path, "SELECT p.part FROM roster_rows r JOIN roster_parts p ON p.id = r.circumstances_ref WHERE r.claim_id = ?", `K1/${person(30_000)}`))
      .toEqual([{ part: texts[0] }]);
    expect(query(path, 'SELECT count(DISTINCT circumstances_ref) AS n FROM roster_rows')).toEqual([{ n: 20_010 }]);
  });
});

/** A new database with a roster file's writer, inside the file's transaction. */
function rosterFile() {
  const path = join(tempDir(), 'w.db');
  const db = openDatabase(path);
  db.exec('BEGIN');
  const writer = new FileWriter(db, {
    kind: 'roster', name: 'r.csv', path: 'r.csv', sha256: 'x', bytes: 1, encoding: 'utf8', importedAt: '2021-01-01T00:00:00Z', forced: false,
  });
  return { path, db, writer };
}

/** A roster row in its stored order, with its line and the numbers of its two parts (class 0, circumstances 1). */
function rosterValues(i: number): (string | number | null)[] {
  const values: Record<string, string | number | null> = {
    claim_id: `K1/${person(i)}`, class_id: 'K1', institution_name: '渝中职校', institution_code: '91110000600037341L', training_type: 'employment',
    project_based: 0, occupation_code: null, occupation_name: '电工', level: 5, start_date: '2020-03-01', end_date: '2020-05-01', hours: 100,
    attendance: 1, name: '张三', id_number: person(i), phone: null, categories: 'unemployed', household: null, employer_name: null,
    employer_code: null, insured: null, months: null, claimed_amount_fen: null,
  };
  return [...(STORED_FIELDS.roster as string[]).map((f) => values[f]), i + 2, 0, 1];
}
