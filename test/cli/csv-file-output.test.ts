// SPEC §9 and §10: a CSV written with --out is made and written in a worker thread while the
// database is read (disburse: as the batch is recorded), so it must hold exactly what the same
// list prints to standard output — over more rows than go to the worker in one message, with
// recoveries, dry runs and Chinese labels — and a file that cannot be written records no batch.

import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { workspace, csv } from '../helpers/cli.js';
import { rosterRow, ROSTER_HEADER_EN, certRow, CERT_HEADER_EN } from '../helpers/rows.js';
import { personId } from '../helpers/claims.js';

type Ws = ReturnType<typeof workspace>;

/**
 * Claims in classes of 30 (2,400 by default: more than one message's 1,000 rows), with
 * certificates, checked; `attendance` per class (95 % unless told).
 */
async function checkedClasses(classes = 80, attendance = (_classId: string) => '95%'): Promise<{ w: Ws; rows: (classOf: string) => Record<string, string>[] }> {
  const w = workspace();
  const people = Array.from({ length: classes * 30 }, (_, k) => ({
    classId: `K${String(Math.floor(k / 30)).padStart(3, '0')}`,
    id: personId(new Date(Date.UTC(1980, 0, 1 + (k % 2000))).toISOString().slice(0, 10), 'male', 1 + Math.floor(k / 2000)),
  }));
  const rows = (attendance: (classId: string) => string) => people.map((p) => ({ class_id: p.classId, id_number: p.id, attendance: attendance(p.classId) }));
  const imported = await w.run('import', 'roster', w.file('roster.csv', csv([ROSTER_HEADER_EN, ...rows(attendance).map((f) => rosterRow(f))])));
  expect(imported.code, imported.stderr).toBe(0);
  const certs = await w.run('import', 'certificates', w.file('certs.csv', csv([CERT_HEADER_EN, ...people.map((p, k) => certRow({ id_number: p.id, cert_number: `C${k}` }))])));
  expect(certs.code, certs.stderr).toBe(0);
  expect((await w.run('check', '--as-of', '2020-09-01')).code).toBe(0);
  return { w, rows: (classOf) => rows((classId) => (classId === classOf ? '50%' : '95%')).filter((r) => r.class_id === classOf) };
}

const fileText = (w: Ws, name: string) => readFileSync(join(w.dir, name), 'utf8');
const leftovers = (w: Ws) => readdirSync(w.dir).filter((f) => f.endsWith('.tmp'));

describe('a CSV file written by a worker thread', () => {
  it('holds byte for byte what approvals prints to standard output, in English and in Chinese', async () => {
    const { w } = await checkedClasses();
    for (const lang of ['en', 'zh']) {
      const printed = await w.run('--lang', lang, 'approvals', '--format', 'csv');
      const written = await w.run('--lang', lang, 'approvals', '--format', 'csv', '--out', `approvals-${lang}.csv`);
      expect(written.code, written.stderr).toBe(0);
      expect(printed.stdout.split('\r\n')).toHaveLength(2400 + 2);
      expect(fileText(w, `approvals-${lang}.csv`)).toBe(printed.stdout);
    }
    expect(leftovers(w)).toEqual([]);
  });

  it('makes a long approval list on two cores, range by range of claim ids, as standard output has it, whole or filtered', async () => {
    // 21,000 claims: three ranges of the approval list's 10,000, the second made by a worker thread.
    const { w } = await checkedClasses(700, (classId) => (Number(classId.slice(1)) % 7 === 3 ? '50%' : '95%'));
    for (const args of [['--lang', 'en'], ['--lang', 'zh'], ['--lang', 'en', 'approvals', '--decision', 'rejected']]) {
      const [lang, language, command = 'approvals', ...filter] = args;
      const printed = await w.run(lang, language, command, ...filter, '--format', 'csv');
      const written = await w.run(lang, language, command, ...filter, '--format', 'csv', '--out', 'approvals.csv');
      expect(written.code, written.stderr).toBe(0);
      expect(printed.stdout.split('\r\n')).toHaveLength((filter.length ? 100 * 30 : 21_000) + 2);
      expect(fileText(w, 'approvals.csv')).toBe(printed.stdout);
    }
    expect(leftovers(w)).toEqual([]);
  });

  it.skipIf(!existsSync('/dev/full'))('leaves no file and says why when a long approval list cannot be written: disk full, exit 3', async () => {
    const { w } = await checkedClasses(700);
    const full = await w.run('approvals', '--format', 'csv', '--out', '/dev/full');
    expect(full.code).toBe(3);
    expect(full.stderr).toContain('the disk is full (ENOSPC) writing /dev/full');
    expect(leftovers(w)).toEqual([]);
  });

  it('writes a batch as disburse records it: the same lines disbursements prints, payments and then recoveries', async () => {
    const { w, rows } = await checkedClasses();
    const first = await w.run('disburse', '--date', '2020-09-10', '--format', 'csv', '--out', 'batch-1.csv');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain('batch 1 recorded: 2020-09-10, run 1, 2400 line(s)');
    const ledger1 = await w.run('disbursements', '--batch', '1', '--format', 'csv');
    expect(ledger1.stdout.split('\r\n')).toHaveLength(2400 + 2);
    expect(fileText(w, 'batch-1.csv')).toBe(ledger1.stdout);
    // A corrected roster: class K040's attendance was 50 %, so its money comes back in batch 2.
    const corrected = await w.run('import', 'roster', w.file('corrected.csv', csv([ROSTER_HEADER_EN, ...rows('K040').map((f) => rosterRow(f))])));
    expect(corrected.code, corrected.stderr).toBe(0);
    expect((await w.run('check', '--as-of', '2020-09-20')).code).toBe(0);
    const dry = await w.run('--lang', 'zh', 'disburse', '--date', '2020-09-20', '--dry-run', '--format', 'csv');
    const dryFile = await w.run('--lang', 'zh', 'disburse', '--date', '2020-09-20', '--dry-run', '--out', 'dry.csv');
    expect(dryFile.code, dryFile.stderr).toBe(0);
    expect(fileText(w, 'dry.csv')).toBe(dry.stdout);
    expect(dry.stdout.split('\r\n')).toHaveLength(30 + 2);
    const second = await w.run('--lang', 'zh', 'disburse', '--date', '2020-09-20', '--out', 'batch-2.csv');
    expect(second.code, second.stderr).toBe(0);
    const ledger2 = await w.run('--lang', 'zh', 'disbursements', '--batch', '2', '--format', 'csv');
    expect(fileText(w, 'batch-2.csv')).toBe(ledger2.stdout);
    expect(ledger2.stdout).toContain(',追回,-1000.00,出勤率不足(E_ATTENDANCE),corrected.csv:');
    expect(leftovers(w)).toEqual([]);
  });

  it.skipIf(!existsSync('/dev/full'))('records no batch when its CSV file cannot be written: disk full, exit 3', async () => {
    const { w } = await checkedClasses();
    const full = await w.run('disburse', '--date', '2020-09-10', '--out', '/dev/full', '--format', 'csv');
    expect(full.code).toBe(3);
    expect(full.stderr).toContain('the disk is full (ENOSPC) writing /dev/full');
    expect(JSON.parse((await w.run('disbursements', '--format', 'json')).stdout)).toEqual([]);
    // Nothing half-done: the next disburse records batch 1.
    expect((await w.run('disburse', '--date', '2020-09-10', '--out', 'batch.csv')).stderr).toContain('batch 1 recorded');
  });
});
