// SPEC §2 and §7: text folding shared by header matching, names, phones and occupations.
// Full-width forms become ASCII (NFKC), so "ＩＤ" and "ID", "（" and "(" compare equal.

const MIDDLE_DOTS = /[·•・‧∙⋅]/g;
const SPACES = /[\s\u3000\u00a0\ufeff]+/g;

/** Full-width → half-width and compatibility forms folded (NFKC). */
export function toHalfWidth(value: string): string {
  return value.normalize('NFKC');
}

/**
 * Printable ASCII and CJK unified ideographs (U+4E00–U+9FFF), without a space: text that NFKC,
 * the space rules and trimming all leave as it is.
 */
// eslint-disable-next-line no-control-regex
const NOTHING_TO_CLEAN = /^[\x21-\x7e\u4e00-\u9fff]*$/;

/** Whether cleanCell returns the value as it is (most cells: codes, dates, Chinese names). */
export function isCleanCell(value: string): boolean {
  return NOTHING_TO_CLEAN.test(value);
}

/** Trim, fold width and collapse inner spaces to one. Used for every cell before parsing. */
export function cleanCell(value: string): string {
  if (isCleanCell(value)) return value;
  return toHalfWidth(value).replace(SPACES, ' ').trim();
}

/** §2: header matching ignores case, spaces, width, a BOM and a trailing `*`. */
export function normaliseHeader(header: string): string {
  return toHalfWidth(header).replace(SPACES, '').replace(/\*+$/, '').replace(/^\*+/, '').toLowerCase();
}

/** §7: names compare without spaces, with unified width and middle dots. */
const NAME_NEEDS_WORK = /[\s\u3000\u00a0\ufeff·•・‧∙⋅\uff00-\uffef]/;

export function normaliseName(name: string): string {
  // Most names hold none of the characters that fold: they compare as written.
  if (!NAME_NEEDS_WORK.test(name)) return name;
  return toHalfWidth(name).replace(SPACES, '').replace(MIDDLE_DOTS, '·');
}

/** Up to 11 ASCII digits: nothing to fold or strip. */
const PLAIN_PHONE = /^\d{1,11}$/;

/** §7: phone numbers compare as digits only, without a leading 86 / +86. */
export function normalisePhone(phone: string): string {
  // Most phones are written as the digits alone: the same string comes back.
  if (PLAIN_PHONE.test(phone)) return phone;
  let digits = toHalfWidth(phone).replace(/\D/g, '');
  if (digits.length > 11 && digits.startsWith('86')) digits = digits.slice(2);
  return digits;
}

/**
 * A note with no letter or digit — blank, spaces (full-width too), invisible characters, or only
 * punctuation such as "-" or "." — says nothing: an auditor's verdict and a withdrawal need their
 * reason (SPEC §7.1).
 */
export function saysNothing(note: string): boolean {
  return !/[\p{L}\p{N}]/u.test(note);
}
