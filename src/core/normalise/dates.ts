// SPEC §4.3: every date form the exports bring, to YYYY-MM-DD. Day-first and
// month-first forms (07/01/2020) are ambiguous and refused.

const SERIAL_MIN = 20000;
const SERIAL_MAX = 80000;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/** The accepted forms, for error messages. */
export const DATE_FORMS = '2020-07-01, 2020/7/1, 2020.7.1, 20200701, 2020年7月1日, or a spreadsheet date number';

/** YYYY-MM-DD, or null when the value is not a real date in an accepted form. */
export function parseDate(raw: string): string | null {
  // A time of day after the date ("2020/7/1 0:00", "2020-07-01T00:00:00Z") is dropped.
  const v = raw
    .normalize('NFKC')
    .trim()
    .replace(/(\s+|T)\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/, '');
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(v);
  if (!m) m = /^(\d{4})年\s*(\d{1,2})月\s*(\d{1,2})[日号]?$/.exec(v);
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  if (/^\d{5}(\.\d+)?$/.test(v)) {
    const serial = Math.floor(Number(v));
    if (serial < SERIAL_MIN || serial > SERIAL_MAX) return null;
    return new Date(EXCEL_EPOCH_MS + serial * DAY_MS).toISOString().slice(0, 10);
  }
  return null;
}

/** SPEC §2.5: the year-month forms of the outside lists, for error messages. */
export const YEAR_MONTH_FORMS = '2020-07, 2020/7, 202007, 2020年7月';

/** SPEC §2.5: a year-month (`2020-07`, `2020/7`, `202007`, `2020年7月`) as its first and last day, or null. */
export function parseYearMonth(raw: string): { first: string; last: string } | null {
  const v = raw.normalize('NFKC').trim();
  const m = /^(\d{4})[-/.](\d{1,2})$/.exec(v) ?? /^(\d{4})年\s*(\d{1,2})月(份)?$/.exec(v) ?? /^(\d{4})(\d{2})$/.exec(v);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const first = isoDate(year, month, 1);
  return first === null ? null : { first, last: isoDate(year, month, daysInMonth(year, month))! };
}

function isoDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return null;
  if (d > daysInMonth(y, m)) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const addDaysCache = new Map<string, string>();
let lastAddDays = { date: '', days: 0, result: '' };

/** Memoised: the same few thousand dates and offsets recur across a million claims (a class's rows in a row). */
export function addDays(date: string, days: number): string {
  if (date === lastAddDays.date && days === lastAddDays.days) return lastAddDays.result;
  const result = addDaysUncached(date, days);
  lastAddDays = { date, days, result };
  return result;
}

function addDaysUncached(date: string, days: number): string {
  const key = `${date}|${days}`;
  let result = addDaysCache.get(key);
  if (result === undefined) {
    result = new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
    if (addDaysCache.size > 100_000) addDaysCache.clear();
    addDaysCache.set(key, result);
  }
  return result;
}

/** A real calendar date in ISO form (used to validate policy keys and --as-of). */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m !== null && isoDate(Number(m[1]), Number(m[2]), Number(m[3])) === value;
}
