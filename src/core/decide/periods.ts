// SPEC §6 step 9: calendar years and months of a class, and its days (end − start + 1).
// n periods cover a class when its end_date falls on or before the day before start_date's
// n-th anniversary — adding months to that day, landing on the month's last day where the month
// lacks it. This gives the SPEC's examples: 2020-01-01..2020-12-31 is 1 year, ..2021-01-01 is 2;
// 2020-01-31..2020-02-29 is 1 month.

import { addDays, addMonths, daysBetween } from '../normalise/dates.js';

export function calendarPeriods(startDate: string, endDate: string, monthsPerPeriod: number): number {
  const dayBefore = addDays(startDate, -1);
  let n = 1;
  while (endDate > addMonths(dayBefore, n * monthsPerPeriod)) n++;
  return n;
}

export const calendarMonths = (start: string, end: string): number => calendarPeriods(start, end, 1);
export const calendarYears = (start: string, end: string): number => calendarPeriods(start, end, 12);
export const classDays = (start: string, end: string): number => daysBetween(start, end) + 1;
