// SQLite's spelling of a statement in PostgreSQL's (store/postgres/database.ts translate): the
// few differences the store's SQL has, and nothing inside a quoted string or name.

import { describe, expect, it } from 'vitest';
// @ts-expect-error the built JavaScript has no type declarations
import { translate } from '../../dist/store/postgres/database.js';
// @ts-expect-error the built JavaScript has no type declarations
import { maskDatabaseUrl, maskUrlsIn } from '../../dist/store/postgres/url.js';

describe('translating a statement for PostgreSQL', () => {
  it('numbers ? placeholders in order, leaving a ? inside quotes alone', () => {
    expect(translate("SELECT a FROM t WHERE b = ? AND c = '?' AND \"d?\" = ? LIMIT ?").text)
      .toBe("SELECT a FROM t WHERE b = $1 AND c = '?' AND \"d?\" = $2 LIMIT $3");
  });

  it('gives a named parameter one number however often it is used, and names them in order', () => {
    const t = translate('SELECT 1 FROM c WHERE file_id <= @mark AND run < @run AND id = (SELECT max(id) FROM c WHERE file_id <= @mark)');
    expect(t.text).toBe('SELECT 1 FROM c WHERE file_id <= $1 AND run < $2 AND id = (SELECT max(id) FROM c WHERE file_id <= $1)');
    expect(t.names).toEqual(['mark', 'run']);
  });

  it("spells SQLite's IS ? and IS NOT ? as IS [NOT] DISTINCT FROM, and json_array as json_build_array", () => {
    expect(translate('SELECT json_array(a, b) FROM t WHERE list_kind IS ? AND code IS NOT ? AND x IS NULL').text)
      .toBe('SELECT json_build_array(a, b) FROM t WHERE list_kind IS NOT DISTINCT FROM $1 AND code IS DISTINCT FROM $2 AND x IS NULL');
  });

  it("makes SQLite's CROSS JOIN … ON, a join-order hint, a plain JOIN", () => {
    expect(translate('SELECT 1 FROM roster_rows r CROSS JOIN decision_rows d ON d.run_id = ? CROSS JOIN decision_outcomes o ON o.id = d.outcome_id CROSS JOIN t').text)
      .toBe('SELECT 1 FROM roster_rows r JOIN decision_rows d ON d.run_id = $1 JOIN decision_outcomes o ON o.id = d.outcome_id CROSS JOIN t');
  });

  it('spells a WHERE 1 as WHERE TRUE, and leaves WHERE 1 = 1 as it is', () => {
    expect(translate('SELECT 1 FROM t WHERE 1 AND a = ?').text).toBe('SELECT 1 FROM t WHERE TRUE AND a = $1');
    expect(translate('SELECT 1 FROM t WHERE 1\n ORDER BY a').text).toBe('SELECT 1 FROM t WHERE TRUE\n ORDER BY a');
    expect(translate('SELECT 1 FROM t WHERE 1 = 1 AND a = ?').text).toBe('SELECT 1 FROM t WHERE 1 = 1 AND a = $1');
  });

  it('asks a one-row insert into a numbered table for its id, and no other statement', () => {
    expect(translate('INSERT INTO runs (a, b) VALUES (?, ?)')).toMatchObject({ text: 'INSERT INTO runs (a, b) VALUES ($1, $2) RETURNING id', returnsId: true });
    expect(translate('INSERT INTO run_seals (run_id) VALUES (?)')).toMatchObject({ returnsId: false });
    expect(translate('INSERT INTO runs (a) VALUES (?), (?)')).toMatchObject({ returnsId: false });
  });
});

describe('a database URL in what is shown or stored', () => {
  it('masks the password of the user part and of a password parameter, and nothing else', () => {
    expect(maskDatabaseUrl('postgres://clerk:s3cr%40t@db.example:5432/skillsub')).toBe('postgres://clerk:***@db.example:5432/skillsub');
    expect(maskDatabaseUrl('postgresql://clerk@db/skillsub?sslmode=require&password=x')).toBe('postgresql://clerk@db/skillsub?sslmode=require&password=***');
    expect(maskDatabaseUrl('postgres://db/skillsub')).toBe('postgres://db/skillsub');
    expect(maskUrlsIn('skillsub --db postgres://a:b@h/d check')).toBe('skillsub --db postgres://a:***@h/d check');
  });
});
