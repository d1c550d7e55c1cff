// flags, flags resolve and sample through the real CLI (SPEC §7, §7.1, §7.2, §8.3).

import { describe, it, expect } from 'vitest';
import { workspace, csv } from '../helpers/cli.js';
import { rosterRow, ROSTER_HEADER_EN, certRow, CERT_HEADER_EN } from '../helpers/rows.js';
import { personId } from '../helpers/claims.js';

const P = personId('1990-01-01', 'male');

async function overlapping() {
  const w = workspace();
  const roster = w.file('roster.csv', csv([
    ROSTER_HEADER_EN,
    rosterRow({ class_id: 'CQ2020-017', id_number: P, name: '张三', start_date: '2020-07-01', end_date: '2020-07-20' }),
    rosterRow({ class_id: 'CQ2020-031', id_number: P, name: '张三', start_date: '2020-07-15', end_date: '2020-08-02', occupation_code: '4-10-01-02', occupation_name: '育婴员' }),
  ]));
  await w.run('import', 'roster', roster);
  await w.run('import', 'certificates', w.file('certs.csv', csv([
    CERT_HEADER_EN,
    certRow({ cert_number: 'Z1', id_number: P, issue_date: '2020-08-01' }),
    certRow({ cert_number: 'Z2', id_number: P, occupation_code: '4-10-01-02', occupation_name: '育婴员', issue_date: '2020-08-20' }),
  ])));
  await w.run('check', '--as-of', '2021-12-31');
  return { w, roster };
}

describe('flags', () => {
  it('lists a flag with its evidence: a sentence naming what was seen, and the sources', async () => {
    const { w } = await overlapping();
    const [flag] = JSON.parse((await w.run('flags', '--format', 'json')).stdout);
    expect(flag).toMatchObject({
      rule: 'F_OVERLAP', severity: 'high', subject_type: 'person', id_number: P, class_ids: 'CQ2020-017;CQ2020-031',
      claim_ids: `CQ2020-017/${P};CQ2020-031/${P}`, sources: 'roster.csv:2;roster.csv:3',
      detail: `张三 (${P.slice(0, 6)}********${P.slice(-4)}) is on class CQ2020-017 (2020-07-01..2020-07-20) and class CQ2020-031 (2020-07-15..2020-08-02).`,
    });
    const zh = JSON.parse((await w.run('--lang', 'zh', 'flags', '--format', 'json')).stdout);
    expect(zh[0].detail).toContain('同时在班级 CQ2020-017');
    const approvals = JSON.parse((await w.run('approvals', '--format', 'json')).stdout);
    expect(approvals.map((a: { decision: string }) => a.decision)).toEqual(['review', 'review']);
    expect(approvals[0].flags).toBe(flag.flag_id);
  });

  it('filters by severity, rule and open', async () => {
    const { w } = await overlapping();
    expect(JSON.parse((await w.run('flags', '--severity', 'low', '--format', 'json')).stdout)).toHaveLength(0);
    expect(JSON.parse((await w.run('flags', '--rule', 'F_OVERLAP', '--format', 'json')).stdout)).toHaveLength(1);
    expect((await w.run('flags', '--severity', 'urgent')).code).toBe(2);
  });

  it('keeps a cleared verdict through a re-import of the same data and a new check', async () => {
    const { w, roster } = await overlapping();
    const [flag] = JSON.parse((await w.run('flags', '--format', 'json')).stdout);
    const r = await w.run('flags', 'resolve', flag.flag_id, '--cleared', '--note', 'evening and weekend classes, both confirmed by phone');
    expect(r.code).toBe(0);
    await w.run('import', 'roster', roster, '--force');
    await w.run('check', '--as-of', '2021-12-31');
    const approvals = JSON.parse((await w.run('approvals', '--format', 'json')).stdout);
    expect(approvals.map((a: { decision: string }) => a.decision)).toEqual(['approved', 'approved']);
    expect(JSON.parse((await w.run('flags', '--open', '--format', 'json')).stdout)).toHaveLength(0);
    const log = JSON.parse((await w.run('log', '--format', 'json')).stdout);
    const entry = log.find((e: { action: string }) => e.action === 'flags resolve');
    expect(entry.details).toMatchObject({ flag_id: flag.flag_id, verdict: 'cleared', note: 'evening and weekend classes, both confirmed by phone' });
    expect(entry.os_user).not.toBe('');
  });

  it('lists flags by severity (high, medium, low), then rule, then subject, with the latest verdict or open', async () => {
    const w = workspace();
    const Q = personId('1985-05-05', 'female', 2);
    await w.run('import', 'roster', w.file('roster.csv', csv([
      ROSTER_HEADER_EN,
      rosterRow({ class_id: 'H1', id_number: P, name: '张三', hours: '400', start_date: '2020-07-01', end_date: '2020-07-20' }),
      rosterRow({ class_id: 'H2', id_number: P, name: '张三', start_date: '2020-07-10', end_date: '2020-07-30', occupation_name: '育婴员', occupation_code: '' }),
      rosterRow({ class_id: 'H1', id_number: Q, name: '李四', hours: '400', start_date: '2020-07-01', end_date: '2020-07-20', categories: '失业人员', employer_name: '某公司' }),
      rosterRow({ class_id: 'H2', id_number: Q, name: '李四', start_date: '2020-07-10', end_date: '2020-07-30', occupation_name: '育婴员', occupation_code: '' }),
    ])));
    await w.run('check', '--as-of', '2021-12-31');
    const before = JSON.parse((await w.run('flags', '--format', 'json')).stdout) as Record<string, string>[];
    expect(before.map((f) => [f.severity, f.rule, f.subject_type, f.verdict])).toEqual([
      ['high', 'F_OVERLAP', 'person', 'open'],
      ['high', 'F_OVERLAP', 'person', 'open'],
      ['medium', 'F_CATEGORY_CONFLICT', 'claim', 'open'],
      ['low', 'F_HOURS', 'class', 'open'],
    ]);
    expect(before[0].subject < before[1].subject).toBe(true);
    const overlap = before[1];
    expect((await w.run('flags', 'resolve', overlap.flag_id, '--confirmed', '--note', 'first look')).code).toBe(0);
    expect((await w.run('flags', 'resolve', overlap.flag_id, '--cleared', '--note', 'both classes confirmed by phone')).code).toBe(0);
    const listed = await w.run('flags', '--format', 'json');
    // §7.1: flags says when the latest verdict overturned an earlier one.
    expect(listed.stderr).toContain(`${overlap.flag_id}: the latest verdict, cleared, overturned an earlier confirmed`);
    expect(listed.stderr.match(/overturned/g)).toHaveLength(1);
    const after = JSON.parse(listed.stdout) as Record<string, string>[];
    const resolved = after.find((f) => f.flag_id === overlap.flag_id)!;
    expect(resolved).toMatchObject({ verdict: 'cleared', verdict_note: 'both classes confirmed by phone' });
    expect(resolved.verdict_by).not.toBe('');
    expect(resolved.verdict_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(after.filter((f) => f.flag_id !== overlap.flag_id).map((f) => [f.verdict, f.verdict_note, f.verdict_by, f.verdict_at])).toEqual([
      ['open', '', '', ''], ['open', '', '', ''], ['open', '', '', ''],
    ]);
    expect(JSON.parse((await w.run('flags', '--open', '--format', 'json')).stdout)).toHaveLength(3);
    const header = (await w.run('flags', '--format', 'csv')).stdout.split('\r\n')[0];
    expect(header).toBe('\ufeffflag_id,rule,severity,subject_type,subject,id_number,class_ids,cert_numbers,institution_code,claim_ids,detail,sources,verdict,verdict_note,verdict_by,verdict_at');
  });

  it('rejects the claims of a confirmed flag with E_FRAUD_CONFIRMED on the next check', async () => {
    const { w } = await overlapping();
    const [flag] = JSON.parse((await w.run('flags', '--format', 'json')).stdout);
    await w.run('flags', 'resolve', flag.flag_id, '--confirmed', '--note', 'the trainee was never there');
    await w.run('check', '--as-of', '2021-12-31');
    const approvals = JSON.parse((await w.run('approvals', '--format', 'json')).stdout);
    expect(approvals.map((a: { reasons: string }) => a.reasons)).toEqual(['E_FRAUD_CONFIRMED', 'E_FRAUD_CONFIRMED']);
  });

  it('refuses a verdict on an unknown flag (exit 3) and one without --cleared or --confirmed (exit 2)', async () => {
    const { w } = await overlapping();
    expect((await w.run('flags', 'resolve', 'F_OVERLAP-000000000000', '--cleared', '--note', 'x')).code).toBe(3);
    const [flag] = JSON.parse((await w.run('flags', '--format', 'json')).stdout);
    expect((await w.run('flags', 'resolve', flag.flag_id, '--note', 'x')).code).toBe(2);
    expect((await w.run('flags', 'resolve', flag.flag_id, '--cleared')).code).toBe(2);
  });
});

describe('sample', () => {
  it('draws the same call-back sample for the same seed and data, at least --min per class', async () => {
    const w = workspace();
    const rows = Array.from({ length: 20 }, (_, i) => rosterRow({ class_id: i < 12 ? 'A' : 'B', id_number: personId('1990-01-01', 'male', i + 1), phone: `1390000${String(i).padStart(4, '0')}` }));
    await w.run('import', 'roster', w.file('r.csv', csv([ROSTER_HEADER_EN, ...rows])));
    await w.run('import', 'certificates', w.file('c.csv', csv([CERT_HEADER_EN, ...rows.map((r, i) => certRow({ cert_number: `Z${i}`, id_number: r[13] }))])));
    await w.run('check', '--as-of', '2021-12-31');
    const one = JSON.parse((await w.run('sample', '--per-class', '0.25', '--min', '1', '--seed', '7', '--format', 'json')).stdout);
    const two = JSON.parse((await w.run('sample', '--per-class', '0.25', '--min', '1', '--seed', '7', '--format', 'json')).stdout);
    expect(two).toEqual(one);
    expect(one.filter((s: { class_id: string }) => s.class_id === 'A')).toHaveLength(3);
    expect(one.filter((s: { class_id: string }) => s.class_id === 'B')).toHaveLength(2);
    expect(Object.keys(one[0])).toEqual(['class_id', 'institution_name', 'claim_id', 'name', 'phone', 'start_date', 'end_date']);
    const other = JSON.parse((await w.run('sample', '--per-class', '0.25', '--seed', '8', '--format', 'json')).stdout);
    expect(other.map((s: { claim_id: string }) => s.claim_id)).not.toEqual(one.map((s: { claim_id: string }) => s.claim_id));
    expect((await w.run('sample', '--per-class', '2')).code).toBe(2);
  });
});
