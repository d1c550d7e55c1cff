// Issue #20 item 5: `-` as standard input (import's files, flags resolve --from) and standard
// output (--out, --errors-out), and wildcards in input names expanded by skillsub itself, as a
// Windows shell leaves them unexpanded.

import { describe, it, expect } from 'vitest';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { workspace, csv } from '../helpers/cli.js';
import { rosterRow, ROSTER_HEADER_EN } from '../helpers/rows.js';
import { personId } from '../helpers/claims.js';

const P = personId('1990-01-01', 'male');
const Q = personId('1985-05-05', 'female', 2);
const R = personId('1979-03-03', 'male', 3);

const roster = (id: string, classId: string, extra: string[][] = []) => csv([ROSTER_HEADER_EN, rosterRow({ class_id: classId, id_number: id }), ...extra]);

type Log = { action: string; details: { file: string; path: string } }[];
const imported = (log: Log) => log.filter((e) => e.action === 'import roster').map((e) => e.details.file);

describe('- for standard input', () => {
  it('imports a roster piped in as a file with the same content would be, named stdin in the log', async () => {
    const text = roster(P, 'CQ2020-001');
    const copies = () => readdirSync(tmpdir()).filter((f) => f.startsWith('skillsub-stdin-')).length;
    const before = copies();
    const piped = workspace();
    const r = await piped.runStdin(text, 'import', 'roster', '-');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('stdin');
    const named = workspace();
    expect((await named.run('import', 'roster', named.file('roster.csv', text))).code).toBe(0);
    for (const w of [piped, named]) expect((await w.run('check', '--as-of', '2021-12-31')).code).toBe(0);
    const list = async (w: typeof piped) => (JSON.parse((await w.run('approvals', '--format', 'json')).stdout) as Record<string, string>[])
      .map(({ source, ...rest }) => ({ ...rest, line: source.split(':').at(-1) }));
    expect(await list(piped)).toEqual(await list(named));
    const log = JSON.parse((await piped.run('log', '--format', 'json')).stdout) as Log;
    expect(log.filter((e) => e.action === 'import roster').map((e) => [e.details.file, e.details.path])).toEqual([['stdin', '-']]);
    // The copy of standard input is gone once the command ends.
    expect(copies()).toBe(before);
    // The same bytes again are recognised as an import already made.
    const again = await piped.runStdin(text, 'import', 'roster', '-');
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/skipped|already/i);
  });

  it('reads a workbook piped in, and a file beside the piped one', async () => {
    const w = workspace();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('花名册');
    ws.addRow(ROSTER_HEADER_EN);
    ws.addRow(rosterRow({ class_id: 'CQ2020-002', id_number: Q }));
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await w.runStdin(bytes, 'import', 'roster', '-', w.file('other.csv', roster(R, 'CQ2020-003')));
    expect(r.code, r.stderr).toBe(0);
    expect((await w.run('check', '--as-of', '2021-12-31')).code).toBe(0);
    const ids = (JSON.parse((await w.run('approvals', '--format', 'json')).stdout) as Record<string, string>[]).map((c) => c.id_number).sort();
    expect(ids).toEqual([Q, R].sort());
  });

  it('refuses - twice, and - when standard input is a terminal (exit 2), naming how to pipe a file in', async () => {
    const w = workspace();
    const twice = await w.runStdin('x', 'import', 'roster', '-', '-');
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('"-" (standard input) is given twice in FILE...');
    const terminal = await w.run('import', 'roster', '-');
    expect(terminal.code).toBe(2);
    expect(terminal.stderr).toContain('skillsub import roster - < file.csv');
    const zh = await w.run('--lang', 'zh', 'import', 'list', '-', '--kind', 'pension');
    expect(zh.stderr).toContain('skillsub import list --kind pension - < 文件名');
  });

  it('reads flags resolve --from - as a verdict sheet', async () => {
    const w = workspace();
    const rows = [rosterRow({ class_id: 'CQ2020-017', id_number: P, start_date: '2020-07-01', end_date: '2020-07-20' }),
      rosterRow({ class_id: 'CQ2020-031', id_number: P, start_date: '2020-07-15', end_date: '2020-08-02', occupation_code: '4-10-01-02', occupation_name: '育婴员' })];
    await w.run('import', 'roster', w.file('r.csv', csv([ROSTER_HEADER_EN, ...rows])));
    await w.run('check', '--as-of', '2021-12-31');
    const [flag] = JSON.parse((await w.run('flags', '--format', 'json')).stdout) as { flag_id: string }[];
    const r = await w.runStdin(csv([['flag_id', 'verdict', 'note'], [flag.flag_id, 'cleared', 'evening classes']]), 'flags', 'resolve', '--from', '-');
    expect(r.code, r.stderr).toBe(0);
    const [after] = JSON.parse((await w.run('flags', '--format', 'json')).stdout) as { verdict: string; verdict_note: string }[];
    expect([after.verdict, after.verdict_note]).toEqual(['cleared', 'evening classes']);
    w.file('v1.csv', 'flag_id,verdict,note\r\n');
    w.file('v2.csv', 'flag_id,verdict,note\r\n');
    const two = await w.run('flags', 'resolve', '--from', 'v*.csv');
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('--from takes one file, but v*.csv names 2 files');
  });
});

describe('- for a policy', () => {
  it('checks and shows a policy piped in, naming it stdin; an invalid one exits 3', async () => {
    const w = workspace();
    const shipped = readFileSync(join(import.meta.dirname, '..', '..', 'src', 'policies', 'yuzhong-2019.yaml'), 'utf8');
    const ok = await w.runStdin(shipped, 'policy', 'check', '-');
    expect([ok.code, ok.stdout.trim()]).toEqual([0, 'stdin: valid policy yuzhong-2019 (重庆市渝中区职业技能提升行动实施方案（2019—2021年）)']);
    const shown = await w.runStdin(shipped.replace('apprenticeship_per_year: 4000', 'apprenticeship_per_year: 4500'), 'policy', 'show', '-');
    expect(shown.stdout.split('\n')[0]).toBe('# stdin');
    expect(shown.stdout).toMatch(/^rates\.apprenticeship_per_year\s+4500\s/m);
    const bad = await w.runStdin(shipped.replace(/^period: .*$/m, ''), 'policy', 'check', '-');
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('the policy stdin is not valid');
  });
});

describe('- for standard output', () => {
  it('writes --out - to standard output, as if --out were not given; a workbook down the pipe', async () => {
    const w = workspace();
    await w.run('import', 'roster', w.file('r.csv', roster(P, 'CQ2020-001')));
    await w.run('check', '--as-of', '2021-12-31');
    const plain = await w.run('approvals');
    const dashed = await w.run('approvals', '--out', '-');
    expect(dashed.code).toBe(0);
    expect(dashed.stdout).toBe(plain.stdout);
    expect(dashed.stdout.split('\r\n')[0]).toMatch(/^\ufeffclaim_id,/);
    expect(readdirSync(w.dir).filter((f) => f === '-')).toEqual([]);
    const md = await w.run('report', 'quarterly', '2020Q3', '--format', 'md', '--out', '-');
    expect(md.stdout).toMatch(/^# Statistical return \(quarterly\)/);
    const book = await w.run('approvals', '--format', 'xlsx', '--out', '-');
    expect(book.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(book.stdoutBytes as unknown as ArrayBuffer);
    expect(wb.worksheets[0].getRow(2).getCell(1).value).toBe(`CQ2020-001/${P}`);
  });

  it('prints --errors-out - on standard output: the row errors as CSV', async () => {
    const w = workspace();
    const bad = rosterRow({ class_id: 'CQ2020-009', id_number: Q, end_date: '31/02/2020' });
    const r = await w.run('import', 'roster', w.file('r.csv', roster(P, 'CQ2020-001', [bad])), '--errors-out', '-');
    expect(r.code).toBe(0);
    const lines = r.stdout.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toBe('file,line,column,value,code,message,last_line');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^r\.csv,3,end_date,31\/02\/2020,R_DATE,/);
  });
});

describe('wildcards in input names', () => {
  it('expands a pattern the shell left as it was, in code-point order, without hidden files or folders', async () => {
    const w = workspace();
    const exports = join(w.dir, 'exports', '2020Q3');
    mkdirSync(join(exports, 'roster-sub.csv'), { recursive: true });
    writeFileSync(join(exports, 'roster-b.csv'), roster(Q, 'CQ2020-002'));
    writeFileSync(join(exports, 'roster-a.csv'), roster(P, 'CQ2020-001'));
    writeFileSync(join(exports, '.roster-hidden.csv'), roster(R, 'CQ2020-003'));
    writeFileSync(join(exports, 'certificates.csv'), 'not a roster');
    const r = await w.run('import', 'roster', 'exports/*/roster-*.csv');
    expect(r.code, r.stderr).toBe(0);
    const log = JSON.parse((await w.run('log', '--format', 'json')).stdout) as Log;
    expect(imported(log)).toEqual(['roster-a.csv', 'roster-b.csv']);
    // ? and […] as a shell reads them; a Windows path's backslashes too.
    const w2 = workspace();
    mkdirSync(join(w2.dir, 'in'));
    for (const n of ['1', '2', '3']) writeFileSync(join(w2.dir, 'in', `r${n}.csv`), roster([P, Q, R][Number(n) - 1], `CQ2020-00${n}`));
    expect((await w2.run('import', 'roster', 'in/r[13].csv')).code).toBe(0);
    expect((await w2.run('import', 'roster', 'in\\r?.csv')).code).toBe(0);
    const log2 = JSON.parse((await w2.run('log', '--format', 'json')).stdout) as Log;
    // The second import skips r1 and r3 (imported already): the log holds r2 after them.
    expect(imported(log2)).toEqual(['r1.csv', 'r3.csv', 'r2.csv']);
  });

  it('stops with exit 3 naming a pattern that matches no file, and takes a file whose name holds a wildcard as it is', async () => {
    const w = workspace();
    const none = await w.run('import', 'roster', 'exports/*.csv');
    expect(none.code).toBe(3);
    expect(none.stderr).toContain('no file matches exports/*.csv (looked in exports)');
    const zh = await w.run('--lang', 'zh', 'import', 'roster', '*.xlsx');
    expect(zh.stderr).toContain('没有文件与 *.xlsx 匹配');
    w.file('odd[1].csv', roster(P, 'CQ2020-001'));
    const odd = await w.run('import', 'roster', 'odd[1].csv');
    expect(odd.code, odd.stderr).toBe(0);
    expect(odd.stderr).toContain('odd[1].csv');
  });
});
