// SPEC §8.1 and §8.4: reporting periods — a quarter (2020Q3) or a year (2020) — by date range.

export interface Period {
  kind: 'quarter' | 'year';
  label: string;
  year: number;
  from: string;
  to: string;
}

export const QUARTER_FORMS = '2020Q1 … 2020Q4 (or 2020-Q3)';
export const YEAR_FORMS = 'a four-digit year such as 2020';

export function parseQuarter(text: string): Period | null {
  const m = /^(\d{4})-?[Qq]([1-4])$/.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const q = Number(m[2]);
  const from = `${year}-${String(q * 3 - 2).padStart(2, '0')}-01`;
  const to = `${year}-${String(q * 3).padStart(2, '0')}-${q === 1 || q === 4 ? 31 : 30}`;
  return { kind: 'quarter', label: `${year}Q${q}`, year, from, to };
}

export function parseYear(text: string): Period | null {
  const m = /^(\d{4})$/.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  return { kind: 'year', label: String(year), year, from: `${year}-01-01`, to: `${year}-12-31` };
}

export function inPeriod(date: string, period: Period | null): boolean {
  return period === null || (date >= period.from && date <= period.to);
}
