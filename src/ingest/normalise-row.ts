// SPEC §2.4 and §4: one CSV record → the normalised values stored for it, or the row errors
// that keep it out. Pure: the worker and the tests call it the same way.

import { cleanCell, isCleanCell } from '../core/normalise/text.js';
import { parseIdNumber } from '../core/normalise/id-number.js';
import { isPlainCreditCode, normaliseCreditCode } from '../core/normalise/credit-code.js';
import { parseDate, parseYearMonth, DATE_FORMS, YEAR_MONTH_FORMS } from '../core/normalise/dates.js';
import type { ListKind } from '../core/decide/types.js';
import { parseLevel, LEVEL_FORMS } from '../core/normalise/level.js';
import { parseMoneyFen } from '../core/normalise/money.js';
import { parseBoolean, parseNumber, parseAttendance, BOOLEAN_FORMS } from '../core/normalise/values.js';
import {
  trainingTypes, categories as categoryTable, certTypes, households, CATEGORY_SEPARATORS, type EnumTable,
} from '../core/normalise/enums.js';
import { memoise } from '../core/normalise/memoise.js';
import type { HeaderMap, InputKind } from './columns.js';
import { STORED_FIELDS, type StoredValue } from './stored-form.js';
import { claimIdOf } from '../core/facts/claim-id.js';

// Memoised parsers for columns whose values repeat (see memoise.ts).
const cleanRepeated = memoise(cleanCell);
const dateOf = memoise(parseDate);
const yearMonthOf = memoise(parseYearMonth);
const levelOf = memoise(parseLevel);
const booleanOf = memoise(parseBoolean);
const numberOf = memoise(parseNumber);
const attendanceOf = memoise(parseAttendance);
const moneyOf = memoise(parseMoneyFen);
const creditCodeOf = memoise(normaliseCreditCode);
const enumParsers = new Map<EnumTable<string>, (raw: string) => string | undefined>();
function enumParser<T extends string>(table: EnumTable<T>): (raw: string) => T | undefined {
  let parse = enumParsers.get(table);
  if (!parse) enumParsers.set(table, (parse = memoise(table.parse)));
  return parse as (raw: string) => T | undefined;
}

export type RowErrorCode = 'R_MISSING' | 'R_ID_DAMAGED' | 'R_DATE' | 'R_ENUM' | 'R_NUMBER' | 'R_DUP_ROW' | 'R_END_BEFORE_START' | 'R_TOO_LONG'
  | 'R_CLASS_CONFLICT' | 'R_ENCODING' | 'R_FIELD_COUNT' | 'R_QUOTE';

export interface RowError {
  line: number;
  /** The last physical line of a record that spans several, when the error concerns them all. */
  lastLine?: number;
  column: string;
  value: string;
  code: RowErrorCode;
  /** What was expected (accepted values or forms), shown after the message. */
  expected: string;
}


export interface NormalisedRow {
  /** The row's key, compared for R_DUP_ROW; null for a list row (each is judged on its own, §2.5). */
  key: string | null;
  values: StoredValue[];
}

/** Reads one record's cells by column name and collects the errors it meets. */
class RowReader {
  readonly errors: RowError[] = [];
  constructor(
    private readonly fields: string[],
    private readonly map: HeaderMap,
    private readonly line: number,
  ) {}

  raw(name: string): string {
    const i = this.map.index[name];
    return i === undefined ? '' : (this.fields[i] ?? '');
  }

  fail(name: string, code: RowErrorCode, expected = ''): null {
    this.errors.push({ line: this.line, column: this.map.header[name] ?? name, value: this.raw(name), code, expected });
    return null;
  }

  /** `repeated`: the column's values recur (labels, dates, codes), so parsing is memoised. */
  text(name: string, required: boolean, repeated = true): string | null {
    const raw = this.raw(name);
    // A cell with nothing to clean is taken as it is, without asking the memo (a city's tens of
    // thousands of employer names would only churn it).
    const v = isCleanCell(raw) ? raw : repeated ? cleanRepeated(raw) : cleanCell(raw);
    if (v === '') return required ? this.fail(name, 'R_MISSING') : null;
    return v;
  }

  date(name: string, required: boolean): string | null {
    const v = this.text(name, required);
    if (v === null) return null;
    return dateOf(v) ?? this.fail(name, 'R_DATE', DATE_FORMS);
  }

  /**
   * §2.5: a date, or a year-month taken as its first (`from`) or last (`to`) day; monthEnd is the
   * year-month's last day (null for a date).
   */
  dateOrMonth(name: string, required: boolean, end: 'first' | 'last'): { date: string; monthEnd: string | null } | null {
    const v = this.text(name, required);
    if (v === null) return null;
    const date = dateOf(v);
    if (date !== null) return { date, monthEnd: null };
    const month = yearMonthOf(v);
    if (month !== null) return { date: month[end], monthEnd: month.last };
    return this.fail(name, 'R_DATE', `${DATE_FORMS}; or a year-month: ${YEAR_MONTH_FORMS}`);
  }

  has(name: string): boolean {
    return this.map.index[name] !== undefined;
  }

  enumValue<T extends string>(name: string, table: EnumTable<T>, required: boolean): T | null {
    const v = this.text(name, required);
    if (v === null) return null;
    return enumParser(table)(v) ?? this.fail(name, 'R_ENUM', table.accepted);
  }

  bool(name: string): number | null {
    const v = this.text(name, false);
    if (v === null) return null;
    const b = booleanOf(v);
    return b === undefined ? this.fail(name, 'R_ENUM', BOOLEAN_FORMS) : b ? 1 : 0;
  }

  level(name: string): number | null {
    const level = levelOf(this.raw(name));
    return level === undefined ? this.fail(name, 'R_ENUM', LEVEL_FORMS) : level;
  }

  number(name: string): number | null {
    const v = this.text(name, false);
    if (v === null) return null;
    return numberOf(v) ?? this.fail(name, 'R_NUMBER', 'a number ≥ 0');
  }

  attendance(name: string): number | null {
    const v = this.text(name, false);
    if (v === null) return null;
    return attendanceOf(v) ?? this.fail(name, 'R_NUMBER', '92%, 0.92 or 92');
  }

  money(name: string): number | null {
    const v = this.text(name, false);
    if (v === null) return null;
    return moneyOf(v) ?? this.fail(name, 'R_NUMBER', '4000, 4,000.00, 4000元, ￥4000 (≥ 0, at most two decimals)');
  }

  idNumber(name: string): string | null {
    const parsed = parseIdNumber(this.raw(name));
    if (parsed.kind === 'missing') return this.fail(name, 'R_MISSING');
    if (parsed.kind === 'damaged') return this.fail(name, 'R_ID_DAMAGED');
    return parsed.idNumber;
  }

  creditCode(name: string, required: boolean): string | null {
    const v = this.text(name, required);
    // A plain code comes back as it is: the memo is asked only for one with something to fold.
    return v === null ? null : isPlainCreditCode(v) ? v : creditCodeOf(v);
  }

  /** A code such as a class id or certificate number: width-folded, Excel's `'` and `="…"` removed. */
  code(name: string, required: boolean, repeated = true): string | null {
    const v = this.text(name, required, repeated);
    if (v === null) return null;
    const first = v.charCodeAt(0);
    if (first !== 61 && first !== 39 && v.indexOf('E') < 0 && v.indexOf('e') < 0) return v; // no =, ' or exponent
    const unwrapped = v.replace(/^="(.*)"$/, '$1').replace(/^'+/, '').trim();
    if (/^\d+(\.\d+)?[eE]\+\d+$/.test(unwrapped)) return this.fail(name, 'R_NUMBER', 'the number as text (the spreadsheet turned it into scientific notation)');
    return unwrapped === '' ? (required ? this.fail(name, 'R_MISSING') : null) : unwrapped;
  }

  categories(name: string): string | null {
    const v = this.text(name, true);
    if (v === null) return null;
    const parsed = categoriesOf(v);
    if (parsed.ok) return parsed.value;
    if (parsed.unknown === '') return this.fail(name, 'R_MISSING');
    this.errors.push({
      line: this.line, column: this.map.header[name] ?? name, value: parsed.unknown, code: 'R_ENUM', expected: categoryTable.accepted,
    });
    return null;
  }
}

/** §3.2: the `;`-joined sorted identifiers, or the first unknown label ('' when none given). */
const categoriesOf = memoise((cell: string): { ok: true; value: string } | { ok: false; unknown: string } => {
  const found = new Set<string>();
  for (const part of cell.split(CATEGORY_SEPARATORS)) {
    if (part.trim() === '') continue;
    const id = categoryTable.parse(part);
    if (id === undefined) return { ok: false, unknown: part.trim() };
    found.add(id);
  }
  return found.size === 0 ? { ok: false, unknown: '' } : { ok: true, value: [...found].sort().join(';') };
});

function normaliseRoster(r: RowReader): NamedRow | null {
  const classId = r.code('class_id', true);
  const institutionName = r.text('institution_name', true);
  const institutionCode = r.creditCode('institution_code', true);
  const trainingType = r.enumValue('training_type', trainingTypes, true);
  const projectBased = r.bool('project_based') ?? 0;
  const occupationCode = r.code('occupation_code', false);
  const occupationName = r.text('occupation_name', true);
  const level = r.level('level');
  const startDate = r.date('start_date', true);
  const endDate = r.date('end_date', true);
  if (startDate && endDate && endDate < startDate) r.fail('end_date', 'R_END_BEFORE_START', `on or after ${startDate}`);
  const hours = r.number('hours');
  const attendance = r.attendance('attendance');
  const name = r.text('name', true, false);
  const idNumber = r.idNumber('id_number');
  const phone = r.text('phone', false, false);
  const cats = r.categories('categories');
  const household = r.enumValue('household', households, false);
  const employerName = r.text('employer_name', false);
  const employerCode = r.creditCode('employer_code', false);
  const insured = r.bool('insured');
  const months = r.number('months');
  const claimed = r.money('claimed_amount');
  if (r.errors.length > 0) return null;
  const claimId = claimIdOf(classId!, idNumber!);
  return {
    key: claimId,
    stored: {
      claim_id: claimId, class_id: classId, institution_name: institutionName, institution_code: institutionCode, training_type: trainingType,
      project_based: projectBased, occupation_code: occupationCode, occupation_name: occupationName, level, start_date: startDate, end_date: endDate,
      hours, attendance, name, id_number: idNumber, phone, categories: cats, household, employer_name: employerName, employer_code: employerCode,
      insured, months, claimed_amount_fen: claimed,
    },
  };
}

function normaliseCertificate(r: RowReader): NamedRow | null {
  const certNumber = r.code('cert_number', true, false);
  const certType = r.enumValue('cert_type', certTypes, true);
  const name = r.text('name', true, false);
  const idNumber = r.idNumber('id_number');
  const occupationCode = r.code('occupation_code', false);
  const occupationName = r.text('occupation_name', true);
  const level = r.level('level');
  const issueDate = r.date('issue_date', true);
  const issuer = r.text('issuer', false);
  if (r.errors.length > 0) return null;
  return {
    key: `${certNumber}|${idNumber}`,
    stored: {
      cert_number: certNumber, cert_type: certType, name, id_number: idNumber, occupation_code: occupationCode, occupation_name: occupationName,
      level, issue_date: issueDate, issuer,
    },
  };
}

function normaliseInstitution(r: RowReader): NamedRow | null {
  const code = r.creditCode('institution_code', true);
  const name = r.text('institution_name', true);
  const from = r.date('valid_from', false);
  const to = r.date('valid_to', false);
  if (from && to && to < from) r.fail('valid_to', 'R_END_BEFORE_START', `on or after ${from}`);
  if (r.errors.length > 0) return null;
  return { key: `${code}|${from ?? ''}`, stored: { institution_code: code, institution_name: name, valid_from: from, valid_to: to } };
}

/** The kinds whose rows are one event, retired or died on `from`: a `to` on them is ignored (§2.5). */
const FROM_ONLY: readonly ListKind[] = ['pension', 'death'];

/**
 * §2.5: one person, or one period of one person, on an outside list. A readable ID number is kept
 * as it is even when it fails §4.1 (it can still match a roster row). `from` and `to` may be
 * year-months (first and last day); a year-month `from` with no `to` column is that month.
 */
function normaliseListRow(r: RowReader, listKind: ListKind): NamedRow | null {
  const idNumber = r.idNumber('id_number');
  const name = r.text('name', false, false);
  const from = r.dateOrMonth('from', true, 'first');
  let to: string | null = null;
  if (!FROM_ONLY.includes(listKind)) {
    if (r.has('to')) to = r.dateOrMonth('to', false, 'last')?.date ?? null;
    else to = from?.monthEnd ?? null;
    if (from && to && to < from.date) r.fail('to', 'R_END_BEFORE_START', `on or after ${from.date}`);
  }
  const employerCode = r.creditCode('employer_code', false);
  const employerName = r.text('employer_name', false);
  if (r.errors.length > 0) return null;
  return {
    key: null,
    stored: { list_kind: listKind, id_number: idNumber, name, from_date: from!.date, to_date: to, employer_code: employerCode, employer_name: employerName },
  };
}

/** A row's values by stored column name; normaliseRecord puts them in the stored order (stored-form.ts). */
interface NamedRow {
  /** See NormalisedRow.key. */
  key: string | null;
  stored: Record<string, StoredValue>;
}

const NORMALISERS: Record<Exclude<InputKind, 'list'>, (r: RowReader) => NamedRow | null> = {
  roster: normaliseRoster,
  certificates: normaliseCertificate,
  institutions: normaliseInstitution,
};

/** Issue #15 item 5: no real name or value is this long; a longer one is a row error, never stored or parsed. */
export const FIELD_LIMITS = { name: 1_000, any: 4_000 } as const;
const NAME_FIELDS = new Set(['name', 'institution_name', 'employer_name', 'occupation_name', 'issuer']);
/** How much of an over-long value a row error keeps. */
const SHOWN_CHARS = 200;

const NONE: RowError[] = [];

function tooLong(fields: string[], map: HeaderMap, line: number): RowError[] {
  let longest = 0;
  for (let i = 0; i < fields.length; i++) if (fields[i].length > longest) longest = fields[i].length;
  if (longest <= FIELD_LIMITS.name) return NONE;
  const errors: RowError[] = [];
  for (const [name, i] of Object.entries(map.index)) {
    const raw = fields[i];
    if (raw === undefined || raw.length <= FIELD_LIMITS.name) continue;
    const limit = NAME_FIELDS.has(name) ? FIELD_LIMITS.name : FIELD_LIMITS.any;
    if (raw.length <= limit) continue;
    errors.push({
      line, column: map.header[name] ?? name, value: `${raw.slice(0, SHOWN_CHARS)}…`, code: 'R_TOO_LONG',
      expected: `at most ${limit.toLocaleString('en-US')} characters, not ${raw.length.toLocaleString('en-US')}`,
    });
  }
  return errors;
}

/** Normalises one record (listKind: the list's kind, for `list`). Row errors are returned; a row with any error is not stored. */
export function normaliseRecord(
  kind: InputKind,
  fields: string[],
  map: HeaderMap,
  line: number,
  listKind?: ListKind,
): { row: NormalisedRow | null; errors: RowError[] } {
  const long = tooLong(fields, map, line);
  if (long.length > 0) return { row: null, errors: long };
  const reader = new RowReader(fields, map, line);
  let named: NamedRow | null;
  if (kind !== 'list') named = NORMALISERS[kind](reader);
  else if (listKind) named = normaliseListRow(reader, listKind);
  else throw new Error('a list is read with its kind');
  const row = named && { key: named.key, values: STORED_FIELDS[kind].map((column) => named.stored[column]) };
  return { row, errors: reader.errors };
}
