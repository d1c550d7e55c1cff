// SPEC §4.1: resident ID numbers (GB 11643-1999): clean-up of spreadsheet damage,
// 15→18 conversion, and the checksum / region / birth-date test behind E_ID_INVALID.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
const CLEAN_18 = /^\d{17}[\dX]$/;
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
  50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
]);

export type IdParse =
  | { kind: 'missing' }
  | { kind: 'damaged' }
  | { kind: 'ok'; idNumber: string };

export interface IdFacts {
  valid: boolean;
  sex: 'male' | 'female' | null;
  birthDate: string | null;
}

/** The check character for the first 17 characters, or null if they are not all digits. */
export function idCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const d = first17.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    sum += d * WEIGHTS[i];
  }
  return CHECK_CHARS[sum % 11];
}

/**
 * Normalise a raw ID cell. Readable means 15 or 18 characters after the clean-up (SPEC §2.4): that
 * is kept (upper-cased, 15 digits converted) and judged later (E_ID_INVALID); anything else —
 * `5.00103E+17` (scientific notation), a truncated or padded number — is damaged (R_ID_DAMAGED).
 */
export function parseIdNumber(raw: string): IdParse {
  if (raw.length === 18 && CLEAN_18.test(raw)) return { kind: 'ok', idNumber: raw };
  let v = raw.normalize('NFKC').replace(/[\s\u3000]+/g, '');
  const excelFormula = /^="(.*)"$/.exec(v);
  if (excelFormula) v = excelFormula[1];
  v = v.replace(/^'+/, '').replace(/^"+|"+$/g, '');
  if (v === '') return { kind: 'missing' };
  if (/^[+-]?\d+(\.\d*)?[eE][+-]?\d+$/.test(v)) return { kind: 'damaged' };
  // A spreadsheet that shows the number as a decimal ("….0") still holds every digit.
  if (/^\d{15}\.0+$/.test(v) || /^\d{17}[\dxX]\.0+$/.test(v)) v = v.replace(/\.0+$/, '');
  v = v.toUpperCase();
  if (v.length !== 15 && v.length !== 18) return { kind: 'damaged' };
  if (/^\d{15}$/.test(v)) v = convertFifteenDigit(v);
  return { kind: 'ok', idNumber: v };
}

/** Pre-1999 numbers: insert "19" before the two-digit year and append the computed check character. */
export function convertFifteenDigit(id15: string): string {
  const first17 = `${id15.slice(0, 6)}19${id15.slice(6)}`;
  return first17 + (idCheckChar(first17) ?? '');
}

/** Validity, sex and birth date of a normalised number; `today` bounds the birth date. */
export function idFacts(idNumber: string, today: string): IdFacts {
  if (!/^\d{17}[\dX]$/.test(idNumber)) return { valid: false, sex: null, birthDate: null };
  const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  const realDate = isRealDate(birthDate) && birthDate <= today && birthDate >= '1900-01-01';
  const sex = (idNumber.charCodeAt(16) - 48) % 2 === 1 ? 'male' : 'female';
  const valid =
    realDate &&
    PROVINCES.has(Number(idNumber.slice(0, 2))) &&
    idCheckChar(idNumber.slice(0, 17)) === idNumber[17];
  return { valid, sex: realDate ? sex : null, birthDate: realDate ? birthDate : null };
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isRealDate(iso: string): boolean {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 && leap ? 29 : MONTH_DAYS[m - 1]);
}

/** Every ID-like run of digits in a text (a header row that is really a data row) masked. */
export function maskIdNumbersIn(text: string): string {
  return text.replace(/\d{17}[\dXx]|\d{15}/g, (id) => maskIdNumber(id));
}

/** §8.1 public notice: first 6 + last 4 characters shown. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length <= 10) return '*'.repeat(idNumber.length);
  return idNumber.slice(0, 6) + '*'.repeat(idNumber.length - 10) + idNumber.slice(-4);
}
