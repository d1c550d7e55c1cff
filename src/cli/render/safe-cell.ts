// SPEC §9: a cell that a spreadsheet would read as a formula gets a leading `'`.

const FORMULA_START = /^[=+\-@\t\r]/;

export function safeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
