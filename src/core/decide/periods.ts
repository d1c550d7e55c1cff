// SPEC §6 step 9: calendar years and months of a class, and its days (end − start + 1).
// n periods cover a class when its end_date falls on or before the day before start_date's
// n-th anniversary — adding months to that day, landing on the month's last day where the month
// lacks it. This gives the SPEC's examples: 2020-01-01..2020-12-31 is 1 year, ..2021-01-01 is 2;
// 2020-01-31..2020-02-29 is 1 month.

import { addDays, addMonths } from '../normalise/dates.js';

let last = { startDate: '', endDate: '', monthsPerPeriod: 0, periods: 0 };

/** Remembered for the last class: its rows come one after another. */
export function calendarPeriods(startDate: string, endDate: string, monthsPerPeriod: number): number {
  if (startDate === last.startDate && endDate === last.endDate && monthsPerPeriod === last.monthsPerPeriod) return last.periods;
  const periods = countPeriods(startDate, endDate, monthsPerPeriod);
  last = { startDate, endDate, monthsPerPeriod, periods };
  return periods;
}

function countPeriods(startDate: string, endDate: string, monthsPerPeriod: number): number {
  const dayBefore = addDays(startDate, -1);
  let n = 1;
  while (endDate > addMonths(dayBefore, n * monthsPerPeriod)) n++;
  return n;
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
