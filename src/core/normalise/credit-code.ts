// SPEC §4.2: unified social credit codes (GB 32100-2015). An invalid code never stops
// a row; it raises F_ORG_CODE_INVALID.

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Digits and capital letters: a code as most exports write it, which the folding below leaves as it is. */
const PLAIN_CODE = /^[0-9A-Z]*$/;

/** Whether normaliseCreditCode returns the code as it is. */
export function isPlainCreditCode(raw: string): boolean {
  return PLAIN_CODE.test(raw);
}

export function normaliseCreditCode(raw: string): string {
  if (isPlainCreditCode(raw)) return raw;
  return raw.normalize('NFKC').replace(/[\s\u3000'"]+/g, '').toUpperCase();
}

export function isValidCreditCode(code: string): boolean {
  if (code.length !== 18) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(code[i]);
    if (value < 0) return false;
    sum += value * WEIGHTS[i];
  }
  const check = ALPHABET.indexOf(code[17]);
  return check >= 0 && check === (31 - (sum % 31)) % 31;
}
