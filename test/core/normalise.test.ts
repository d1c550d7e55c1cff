import { describe, it, expect } from 'vitest';
import { parseIdNumber, idFacts, maskIdNumber } from '../../src/core/normalise/id-number.js';
import { isPlainCreditCode, isValidCreditCode, normaliseCreditCode } from '../../src/core/normalise/credit-code.js';
import { parseDate } from '../../src/core/normalise/dates.js';
import { periodEnd } from '../../src/core/decide/periods.js';
import { parseMoneyFen, formatFen } from '../../src/core/normalise/money.js';
import { parseLevel } from '../../src/core/normalise/level.js';
import { parseBoolean, parseAttendance } from '../../src/core/normalise/values.js';
import { occupationNameKey, sameOccupation } from '../../src/core/normalise/occupation.js';
import { cleanCell, isCleanCell, normaliseHeader, normaliseName, normalisePhone } from '../../src/core/normalise/text.js';
import { categories, trainingTypes } from '../../src/core/normalise/enums.js';

const TODAY = '2026-11-26';
const id = (raw: string) => {
  const p = parseIdNumber(raw);
  return p.kind === 'ok' ? p.idNumber : p.kind;
};

describe('resident ID numbers (SPEC §4.1)', () => {
  it('accepts the worked example as valid, female, born 1949-12-31', () => {
    expect(idFacts('11010519491231002X', TODAY)).toEqual({ valid: true, sex: 'female', birthDate: '1949-12-31' });
  });
  it('converts a 15-digit number by inserting 19 and appending the check character', () => {
    expect(id('110105491231002')).toBe('11010519491231002X');
  });
  it('rejects a number whose check character is wrong', () => {
    expect(idFacts('360426199101010072', TODAY).valid).toBe(false);
  });
  it('calls scientific notation damaged', () => {
    expect(parseIdNumber('5.00103E+17')).toEqual({ kind: 'damaged' });
    expect(parseIdNumber('5.00103e17')).toEqual({ kind: 'damaged' });
  });
  it('strips spaces, a leading quote, an Excel ="…" wrapper, full-width digits and lower-case x', () => {
    expect(id(" '110105 19491231 002x ")).toBe('11010519491231002X');
    expect(id('="11010519491231002X"')).toBe('11010519491231002X');
    expect(id('１１０１０５１９４９１２３１００２Ｘ')).toBe('11010519491231002X');
  });
  it('calls a number that is neither 15 nor 18 characters after clean-up damaged', () => {
    expect(parseIdNumber('11010519491231002')).toEqual({ kind: 'damaged' });
    expect(parseIdNumber('11010519491231002X0')).toEqual({ kind: 'damaged' });
    expect(parseIdNumber('12345')).toEqual({ kind: 'damaged' });
    expect(id('1101051949123100AB')).toBe('1101051949123100AB');
    expect(id('11010549123100A')).toBe('11010549123100A');
  });
  it('treats a blank cell as missing', () => {
    expect(parseIdNumber('  ')).toEqual({ kind: 'missing' });
  });
  it('rejects an unknown province, an impossible birth date and a birth date after today', () => {
    const withPrefix = (p: string) => {
      const first17 = p;
      const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
      const s = [...first17].reduce((a, c, i) => a + Number(c) * w[i], 0);
      return first17 + '10X98765432'[s % 11];
    };
    expect(idFacts(withPrefix('50010319900101001'), TODAY).valid).toBe(true);
    expect(idFacts(withPrefix('99010319900101001'), TODAY).valid).toBe(false);
    expect(idFacts(withPrefix('50010319900231001'), TODAY).valid).toBe(false);
    expect(idFacts(withPrefix('50010320300101001'), TODAY).valid).toBe(false);
  });
  it('reads sex from the sequence: odd is male', () => {
    const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const first17 = '50010319900101001';
    const s = [...first17].reduce((a, c, i) => a + Number(c) * w[i], 0);
    expect(idFacts(first17 + '10X98765432'[s % 11], TODAY).sex).toBe('male');
  });
  it('masks to the first 6 and last 4 characters', () => {
    expect(maskIdNumber('50010319900101123X')).toBe('500103********123X');
  });
});

describe('unified social credit codes (SPEC §4.2)', () => {
  it.each(['91110000600037341L', '91350100M000100Y43', '915001037100000080'])('accepts %s', (code) => {
    expect(isValidCreditCode(code)).toBe(true);
  });
  it('rejects a wrong check character, a wrong length and letters outside the alphabet', () => {
    expect(isValidCreditCode('91110000600037341M')).toBe(false);
    expect(isValidCreditCode('9111000060003734')).toBe(false);
    expect(isValidCreditCode('9111000060003734IL')).toBe(false);
  });
  it('normalises width, spaces and case', () => {
    expect(normaliseCreditCode(' ９１１１００００６０００３７３４１ｌ ')).toBe('91110000600037341L');
    expect(normaliseCreditCode("91110000600037341l'")).toBe('91110000600037341L');
  });
  it('takes a code of digits and capitals as it is, and only such a code', () => {
    expect(isPlainCreditCode('91110000600037341L')).toBe(true);
    for (const code of ['91110000600037341l', '9111 0000', '９１１１', "'9111"]) {
      expect(isPlainCreditCode(code)).toBe(false);
      expect(normaliseCreditCode(code)).not.toBe(code);
    }
  });
});

describe('cleaning a cell (SPEC §2)', () => {
  it('folds width, trims and collapses spaces', () => {
    expect(cleanCell('  重庆（永川）　职业  培训学校 ')).toBe('重庆(永川) 职业 培训学校');
    expect(cleanCell('ＡＢＣ１２３')).toBe('ABC123');
  });
  it('takes as it is only text that folding, trimming and the space rules leave alone', () => {
    // Every character the shortcut lets through is one NFKC leaves alone, alone or between others.
    const through: string[] = [];
    for (let c = 0; c <= 0xffff; c++) if (isCleanCell(String.fromCharCode(c))) through.push(String.fromCharCode(c));
    expect(through.length).toBe(94 + 0x9fff - 0x4e00 + 1);
    for (const ch of through) expect(`中${ch}a${ch}`.normalize('NFKC')).toBe(`中${ch}a${ch}`);
    for (const text of ['重庆 永川', ' 重庆', '重庆（永川）', 'ＩＤ', '⼀']) expect(isCleanCell(text)).toBe(false);
    expect(cleanCell('重庆市永川区诚全职业培训学校4-03-02-01')).toBe('重庆市永川区诚全职业培训学校4-03-02-01');
  });
});

describe('dates (SPEC §4.3)', () => {
  it.each([
    ['2020-07-01', '2020-07-01'], ['2020/7/1', '2020-07-01'], ['2020.7.1', '2020-07-01'], ['20200701', '2020-07-01'],
    ['2020年7月1日', '2020-07-01'], ['44013', '2020-07-01'], ['2020-7-1', '2020-07-01'], ['２０２０年７月１日', '2020-07-01'],
    ['2020/07/01 00:00:00', '2020-07-01'], ['2020-07-01T00:00:00', '2020-07-01'], ['2020/7/1 8:30', '2020-07-01'], ['43831', '2020-01-01'], ['2020-02-29', '2020-02-29'],
  ])('reads %s as %s', (raw, expected) => {
    expect(parseDate(raw)).toBe(expected);
  });
  it.each(['07/01/2020', '01/07/2020', '2020-02-30', '2019-02-29', '19999', '80001', '2020-13-01', 'yesterday', ''])(
    'refuses %s',
    (raw) => {
      expect(parseDate(raw)).toBeNull();
    },
  );
  it('ends a calendar period the day before the same day n months on, or on the last day of a month that lacks it (SPEC §6 step 9)', () => {
    expect(periodEnd('2020-03-01', 1)).toBe('2020-03-31');
    expect(periodEnd('2020-01-31', 1)).toBe('2020-02-29');
    expect(periodEnd('2019-01-31', 1)).toBe('2019-02-28');
    expect(periodEnd('2020-01-31', 2)).toBe('2020-03-30');
    expect(periodEnd('2019-03-01', 12)).toBe('2020-02-29');
    expect(periodEnd('2020-02-29', 12)).toBe('2021-02-28');
    expect(periodEnd('2020-12-15', 1)).toBe('2021-01-14');
  });
});

describe('money, booleans, attendance and levels (SPEC §4.4, §4.5)', () => {
  it.each([
    ['4000', 400000], ['4,000.00', 400000], ['4000元', 400000], ['￥4000', 400000], ['¥4,000', 400000],
    ['￥4,000.00元', 400000], ['0.5', 50], ['1234.56', 123456], ['RMB 4000', 400000],
  ])('reads %s as %i fen', (raw, fen) => {
    expect(parseMoneyFen(raw)).toBe(fen);
  });
  it.each(['-100', '4000.001', 'abc', '4,00', ''])('refuses %s', (raw) => {
    expect(parseMoneyFen(raw)).toBeNull();
  });
  it('prints fen as yuan with two decimals', () => {
    expect(formatFen(400000)).toBe('4000.00');
    expect(formatFen(5)).toBe('0.05');
  });
  it('reads every boolean form and refuses others', () => {
    for (const t of ['是', 'Y', 'yes', 'TRUE', '1', '√']) expect(parseBoolean(t)).toBe(true);
    for (const f of ['否', 'n', 'No', 'false', '0', '×']) expect(parseBoolean(f)).toBe(false);
    expect(parseBoolean('maybe')).toBeUndefined();
  });
  it('reads attendance as a ratio: a bare number ≤ 1 is a ratio, above 1 a percentage', () => {
    expect(parseAttendance('92%')).toBe(0.92);
    expect(parseAttendance('0.92')).toBe(0.92);
    expect(parseAttendance('92')).toBe(0.92);
    expect(parseAttendance('1')).toBe(1);
    expect(parseAttendance('120')).toBeUndefined();
  });
  it('reads every level form', () => {
    const cases: [string, number | null][] = [
      ['1', 1], ['5', 5], ['一级', 1], ['五级', 5], ['高级技师', 1], ['技师', 2], ['高级工', 3], ['高级', 3],
      ['中级工', 4], ['中级', 4], ['初级工', 5], ['初级', 5], ['', null], ['无', null], ['-', null], ['四级/中级工', 4],
      ['中级工（四级）', 4], ['国家职业资格三级', 3],
    ];
    for (const [raw, level] of cases) expect(parseLevel(raw)).toBe(level);
    expect(parseLevel('六级')).toBeUndefined();
    expect(parseLevel('三级/初级工')).toBeUndefined();
  });
});

describe('matching names, phones, headers, occupations and labels (SPEC §2, §3, §4.6, §7)', () => {
  it('folds header case, width, spaces, BOM and a trailing star', () => {
    expect(normaliseHeader('\ufeff 身份证号码* ')).toBe('身份证号码');
    expect(normaliseHeader('职业（工种）')).toBe(normaliseHeader('职业(工种)'));
    expect(normaliseHeader('Class_ID')).toBe('class_id');
  });
  it('compares names without spaces, with unified middle dots', () => {
    expect(normaliseName('阿卜杜·热合曼')).toBe(normaliseName('阿卜杜•热合曼 '));
  });
  it('compares phones as digits without +86', () => {
    expect(normalisePhone('+86 138-0013-8000')).toBe('13800138000');
    expect(normalisePhone('8613800138000')).toBe('13800138000');
  });
  it('drops a bracketed suffix from occupation names and prefers codes when both have one', () => {
    expect(occupationNameKey('电工（低压）')).toBe('电工');
    expect(sameOccupation({ occupationCode: null, occupationName: '电工(低压)' }, { occupationCode: '6-31-01-03', occupationName: '电工' })).toBe(true);
    expect(sameOccupation({ occupationCode: '1', occupationName: '电工' }, { occupationCode: '2', occupationName: '电工' })).toBe(false);
  });
  it('accepts the Chinese labels and the English identifiers of the enumerations', () => {
    expect(trainingTypes.parse('学徒制培训')).toBe('apprenticeship');
    expect(trainingTypes.parse('employment_skills')).toBe('employment_skills');
    expect(categories.parse('新生代农民工')).toBe('rural_migrant');
    expect(categories.parse('外星人')).toBeUndefined();
  });
});
