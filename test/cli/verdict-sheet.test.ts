// Issue #20 item 7: `flags resolve --from verdicts.xlsx|csv` — many verdicts at once, all or nothing.

import { describe, it, expect } from 'vitest';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { workspace, csv } from '../helpers/cli.js';
import { rosterRow, ROSTER_HEADER_EN } from '../helpers/rows.js';
import { personId } from '../helpers/claims.js';

const P = personId('1990-01-01', 'male');
const Q = personId('1985-05-05', 'female', 2);

/** Two people each on two overlapping classes: two F_OVERLAP flags. */
async function twoFlags() {
  const w = workspace();
  const rows = [P, Q].flatMap((id, k) => [
    rosterRow({ class_id: 'CQ2020-017', id_number: id, name: k ? '李四' : '张三', start_date: '2020-07-01', end_date: '2020-07-20' }),
    rosterRow({ class_id: 'CQ2020-031', id_number: id, name: k ? '李四' : '张三', start_date: '2020-07-15', end_date: '2020-08-02', occupation_code: '4-10-01-02', occupation_name: '育婴员' }),
  ]);
  await w.run('import', 'roster', w.file('roster.csv', csv([ROSTER_HEADER_EN, ...rows])));
  await w.run('check', '--as-of', '2021-12-31');
  const flags = JSON.parse((await w.run('flags', '--format', 'json')).stdout) as { flag_id: string; id_number: string }[];
  expect(flags).toHaveLength(2);
  return { w, ids: flags.map((f) => f.flag_id) };
}

type Flagged = { flag_id: string; verdict: string; verdict_note: string };
const listed = async (w: ReturnType<typeof workspace>) => JSON.parse((await w.run('flags', '--format', 'json')).stdout) as Flagged[];

describe('flags resolve --from', () => {
  it('records the verdicts filled into a zh flags workbook, each logged with its line', async () => {
    const { w, ids } = await twoFlags();
    expect((await w.run('--lang', 'zh', 'flags', '--open', '--out', '待核查.xlsx')).code).toBe(0);
    const path = join(w.dir, '待核查.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.worksheets[0];
    let header = 0;
    ws.eachRow((row, n) => {
      if (!header && (row.values as unknown[]).includes('疑点编号')) header = n;
    });
    const col = (name: string) => (ws.getRow(header).values as unknown[]).indexOf(name);
    ws.getRow(header + 1).getCell(col('核查结论')).value = '已排除';
    ws.getRow(header + 1).getCell(col('核查说明')).value = '电话核实：晚间班';
    ws.getRow(header + 2).getCell(col('核查结论')).value = '已确认';
    ws.getRow(header + 2).getCell(col('核查说明')).value = '学员未参加培训';
    await wb.xlsx.writeFile(path);

    const r = await w.run('--lang', 'zh', 'flags', 'resolve', '--from', '待核查.xlsx');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('已从 待核查.xlsx 记录 2 条核查结论');
    const verdicts = await listed(w);
    expect(verdicts.map((f) => [f.verdict, f.verdict_note]).sort()).toEqual([['cleared', '电话核实：晚间班'], ['confirmed', '学员未参加培训']]);
    const log = JSON.parse((await w.run('log', '--format', 'json')).stdout) as { action: string; details: Record<string, unknown> }[];
    const resolved = log.filter((e) => e.action === 'flags resolve');
    expect(resolved.map((e) => e.details.line)).toEqual([header + 1, header + 2]);
    expect(resolved.every((e) => e.details.from === '待核查.xlsx' && ids.includes(e.details.flag_id as string))).toBe(true);
    // Read back again, the same sheet records nothing new.
    const again = await w.run('flags', 'resolve', '--from', '待核查.xlsx');
    expect(again.stderr).toContain('recorded 0 verdict(s) from 待核查.xlsx; 2 row(s) repeat the latest verdict');
  });

  it('records nothing when one row is bad, and names its line and column (exit 3)', async () => {
    const { w, ids } = await twoFlags();
    const sheet = (rows: string[][]) => w.file('v.csv', csv([['flag_id', 'verdict', 'note'], ...rows]));
    const bad = await w.run('flags', 'resolve', '--from', sheet([[ids[0], 'cleared', 'phoned'], [ids[1], 'maybe', 'hmm']]));
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('v.csv line 3, column verdict: "maybe" is not a verdict.');
    expect((await listed(w)).map((f) => f.verdict)).toEqual(['open', 'open']);

    const unknown = await w.run('flags', 'resolve', '--from', sheet([[ids[0], 'cleared', 'phoned'], ['F_OVERLAP-000000000000', 'confirmed', 'x']]));
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('v.csv line 3, column flag_id: no flag "F_OVERLAP-000000000000" in any run.');
    const blank = await w.run('flags', 'resolve', '--from', sheet([['', '', ''], [ids[0], 'cleared', ' ']]));
    expect(blank.stderr).toContain('v.csv line 3, column note: the note is blank or says nothing');
    const twice = await w.run('flags', 'resolve', '--from', sheet([[ids[0], 'cleared', 'a'], [ids[0], 'confirmed', 'b']]));
    expect(twice.stderr).toContain(`the flag ${ids[0]} has a verdict on line 2 already`);
    const missing = await w.run('flags', 'resolve', '--from', w.file('m.csv', 'flag_id,note\r\nx,y\r\n'));
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('verdict');
    expect((await listed(w)).map((f) => f.verdict)).toEqual(['open', 'open']);
  });

  it('takes --from alone, and still needs a note for one flag', async () => {
    const { w, ids } = await twoFlags();
    const f = w.file('v.csv', csv([['疑点编号', '核查结论', '核查说明'], [ids[0], 'confirmed', '未到课']]));
    expect((await w.run('flags', 'resolve', ids[0], '--from', f)).code).toBe(2);
    expect((await w.run('flags', 'resolve', '--from', f, '--cleared')).code).toBe(2);
    const noNote = await w.run('flags', 'resolve', ids[0], '--cleared');
    expect(noNote.code).toBe(2);
    expect(noNote.stderr).toContain("required option '--note <text>' not specified");
    expect((await w.run('flags', 'resolve', '--from', f)).code).toBe(0);
    expect((await listed(w)).find((x) => x.flag_id === ids[0])!.verdict).toBe('confirmed');
  });
});
