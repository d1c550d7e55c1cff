// Issue #14: the import's memory is bounded by its batch, not by the file's number of distinct
// values. A roster of 200,000 different trainees (and their certificates) is parsed by the parser
// worker under a heap a tenth of the one it has, which the parser before #14 outgrew after about
// 60,000 such rows; and a suspected duplicate key (a repeated hash) is a row error only when the
// file has stored that key. No timing is asserted.

import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { tempDir } from '../helpers/cli.js';
// @ts-expect-error plain JavaScript generator
import { writeRealisticRoster, writeRealisticCertificates } from '../bench/generate-realistic.js';
import { parseFileInWorker } from '../../dist/engine/parse-in-worker.js';
import { openDatabase } from '../../dist/store/database.js';
import { FileWriter } from '../../dist/store/imports.js';

const SMALL_HEAP = { maxOldGenerationSizeMb: 40, maxYoungGenerationSizeMb: 8 };

async function parseAll(path: string, kind: 'roster' | 'certificates') {
  let rows = 0;
  let suspects = 0;
  const errors: unknown[] = [];
  const ids = new Set<unknown>();
  for await (const event of parseFileInWorker({ path, file: 'big.csv', kind }, SMALL_HEAP)) {
    if (event.type !== 'batch') continue;
    rows += event.rows.length;
    suspects += event.suspects.length;
    errors.push(...event.errors);
    for (const row of event.rows) ids.add(row[kind === 'roster' ? 14 : 3]);
  }
  return { rows, suspects, errors, persons: ids.size };
}

describe('the parser memory on many distinct persons', () => {
  it('parses a roster of 200,000 different trainees under a 40 MB heap', async () => {
    const path = join(tempDir(), 'roster.csv');
    await writeRealisticRoster(path, 200_000);
    const r = await parseAll(path, 'roster');
    expect(r).toEqual({ rows: 200_000, suspects: 0, errors: [], persons: 200_000 });
  }, 120_000);

  it('parses 200,000 certificates of different persons under a 40 MB heap', async () => {
    const path = join(tempDir(), 'certificates.csv');
    await writeRealisticCertificates(path, 200_000);
    const r = await parseAll(path, 'certificates');
    expect(r.rows).toBe(200_000);
    expect(r.errors).toEqual([]);
    expect(r.persons).toBeGreaterThan(180_000);
  }, 120_000);

  it('stores a suspected duplicate whose key the file has not stored (a hash collision), and refuses one it has', () => {
    const db = openDatabase(join(tempDir(), 'w.db'));
    db.exec('BEGIN');
    const writer = new FileWriter(db, {
      kind: 'certificates', name: 'c.csv', path: 'c.csv', sha256: 'x', bytes: 1, encoding: 'utf8', importedAt: '2021-01-01T00:00:00Z', forced: false,
    });
    const row = (n: string, line: number) => [n, 'skill_level', '张三', '500103199001011234', null, '电工', 5, '2020-05-01', null, line];
    const error = (line: number) => ({ line, column: '身份证号', value: 'x', code: 'R_DUP_ROW' as const, expected: '' });
    const duplicates = writer.addRows([row('A1', 2), row('B2', 3), row('A1', 4)], [], [error(3), error(4)]);
    writer.finish();
    db.exec('COMMIT');
    expect(duplicates.map((e) => e.line)).toEqual([4]);
    expect(db.prepare('SELECT cert_number, line FROM certificates ORDER BY line').all()).toEqual([
      { cert_number: 'A1', line: 2 }, { cert_number: 'B2', line: 3 },
    ]);
    db.close();
  });
});
