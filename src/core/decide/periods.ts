// SPEC §6 step 9: calendar years and months of a class, and its days (end − start + 1).
// A class lasts the smallest n ≥ 1 periods whose n-th ends on or after its end_date, the start day
// counting as the first day (民法典 第二百零二条). The n-th period ends on the day before the same
// day of the month n years (months) after start_date; where that month lacks the day, on that
// month's last day. So 2020-03-01..2020-03-31 is 1 month, 2019-03-01..2020-02-29 is 1 year,
// 2020-01-31..2020-02-29 is 1 month and ..2020-03-01 is 2.

import { addDays, daysInMonth } from '../normalise/dates.js';

let last = { startDate: '', endDate: '', monthsPerPeriod: 0, periods: 0 };

/** Remembered for the last class: its rows come one after another. */
export function calendarPeriods(startDate: string, endDate: string, monthsPerPeriod: number): number {
  if (startDate === last.startDate && endDate === last.endDate && monthsPerPeriod === last.monthsPerPeriod) return last.periods;
  const periods = countPeriods(startDate, endDate, monthsPerPeriod);
  last = { startDate, endDate, monthsPerPeriod, periods };
  return periods;
}

function countPeriods(startDate: string, endDate: string, monthsPerPeriod: number): number {
  let n = 1;
  while (endDate > periodEnd(startDate, n * monthsPerPeriod)) n++;
  return n;
}

/** The last day of the period that runs `months` months from startDate, the start day included. */
export function periodEnd(startDate: string, months: number): string {
  const [y, m, d] = startDate.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = daysInMonth(year, month);
  if (d > last) return `${year}-${String(month).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
  return addDays(`${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`, -1);
}

export const calendarMonths = (start: string, end: string): number => calendarPeriods(start, end, 1);
export const calendarYears = (start: string, end: string): number => calendarPeriods(start, end, 12);
const dayNumbers = new Map<string, number>();
/** Days since 1970 of a YYYY-MM-DD date, memoised (a million claims share a few thousand dates). */
function dayNumber(date: string): number {
  let n = dayNumbers.get(date);
  if (n === undefined) {
    n = Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
    if (dayNumbers.size > 100_000) dayNumbers.clear();
    dayNumbers.set(date, n);
  }
  return n;
}

export const classDays = (start: string, end: string): number => dayNumber(end) - dayNumber(start) + 1;
