// The stored form (ingest/stored-form.ts) is the one order of stored columns: every kind's
// normaliser names each of them, and the row's values come out in that order.

import { describe, it, expect } from 'vitest';
import { mapHeader } from '../../src/ingest/columns.js';
import { normaliseRecord } from '../../src/ingest/normalise-row.js';
import { STORED_FIELDS } from '../../src/ingest/stored-form.js';
import { CERT_HEADER_EN, ROSTER_HEADER_EN, certRow, rosterRow } from '../helpers/rows.js';

const CASES = {
  roster: [ROSTER_HEADER_EN, rosterRow({ claimed_amount: '600', months: '3', employer_name: '渝中公司' })],
  certificates: [CERT_HEADER_EN, certRow()],
  institutions: [['institution_code', 'institution_name', 'valid_from', 'valid_to'], ['91110000600037341L', '渝中职校', '2019-01-01', '']],
  list: [['AAC002', 'AAC003', 'AAE003', 'AAB004', '单位代码'], ['11010519491231002X', '张三', '202007', '渝中公司', '91110000600037341L']],
} as const;

describe('the stored form of a row', () => {
  for (const [kind, [header, record]] of Object.entries(CASES)) {
    it(`gives every stored column of a ${kind} row a value, in the stored order`, () => {
      const k = kind as keyof typeof CASES;
      const { row, errors } = normaliseRecord(k, [...record], mapHeader(k, [...header], 'f.csv'), 2, 'insured');
      expect(errors).toEqual([]);
      expect(row!.values).toHaveLength(STORED_FIELDS[k].length);
      expect(row!.values.filter((v) => v === undefined)).toEqual([]);
    });
  }

  it('puts each list value under its own column', () => {
    const { row } = normaliseRecord('list', [...CASES.list[1]], mapHeader('list', [...CASES.list[0]], 'f.csv'), 2, 'insured');
    const byColumn = Object.fromEntries(STORED_FIELDS.list.map((c, k) => [c, row!.values[k]]));
    expect(byColumn).toEqual({
      list_kind: 'insured', id_number: '11010519491231002X', name: '张三', from_date: '2020-07-01', to_date: '2020-07-31',
      employer_code: '91110000600037341L', employer_name: '渝中公司',
    });
  });

  it('puts each roster value under its own column', () => {
    const { row } = normaliseRecord('roster', rosterRow({ claimed_amount: '600', months: '3' }), mapHeader('roster', ROSTER_HEADER_EN, 'f.csv'), 2);
    const byColumn = Object.fromEntries(STORED_FIELDS.roster.map((c, k) => [c, row!.values[k]]));
    expect(byColumn).toMatchObject({ class_id: 'CQ2020-001', training_type: 'employment_skills', months: 3, claimed_amount_fen: 60000, level: 5 });
  });
});
