// SPEC §4.5: money in yuan as written by people and spreadsheets, held as integer fen.

/** Integer fen, or null when the value is not a non-negative amount with at most two decimals. */
export function parseMoneyFen(raw: string): number | null {
  const v = raw.normalize('NFKC').replace(/\s+/g, '').replace(/^(RMB|CNY)/i, '').replace(/^[¥￥]/, '').replace(/(元|RMB|CNY)$/i, '');
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d{0,2})?$/.test(v)) return null;
  const [whole, frac = ''] = v.replace(/,/g, '').split('.');
  const fen = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}

/** Yuan with two decimals, from integer fen: 400000 → "4000.00". */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Yuan (a policy amount, possibly with decimals) to integer fen without float drift. */
export function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100);
}
