// SPEC §4.5: booleans, plain numbers and attendance as exported by institutions.

const TRUE = new Set(['是', 'y', 'yes', 'true', '1', '√', '✓']);
const FALSE = new Set(['否', 'n', 'no', 'false', '0', '×', '✗']);

export const BOOLEAN_FORMS = '是/否, Y/N, yes/no, true/false, 1/0, √/×';

/** true / false, or undefined when unreadable. */
export function parseBoolean(raw: string): boolean | undefined {
  const v = raw.normalize('NFKC').trim().toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  return undefined;
}

/** A non-negative number (hours, months), or undefined. */
export function parseNumber(raw: string): number | undefined {
  const v = raw.normalize('NFKC').replace(/[\s,]+/g, '');
  if (!/^\d+(\.\d+)?$/.test(v)) return undefined;
  return Number(v);
}

/** Attendance as a ratio: `92%` and `92` are 0.92, `0.92` stays; over 100% is unreadable. */
export function parseAttendance(raw: string): number | undefined {
  const v = raw.normalize('NFKC').replace(/\s+/g, '');
  const percent = v.endsWith('%');
  const n = parseNumber(percent ? v.slice(0, -1) : v);
  if (n === undefined) return undefined;
  const ratio = percent || n > 1 ? n / 100 : n;
  if (ratio > 1) return undefined;
  return Math.round(ratio * 1e6) / 1e6;
}
