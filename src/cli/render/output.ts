// SPEC §1: --format table|csv|json|xlsx (table on a TTY, csv otherwise; from --out's extension
// when absent) and --out FILE, written through Context.writeFile (0600, atomic, never over the
// database or an input).

import { extname } from 'node:path';
import { formatTable } from './table.js';
import { toCsv, type Cell } from './csv.js';
import { toXlsx } from './xlsx.js';
import type { Context } from '../context.js';
import { UsageError } from '../../core/errors.js';

export type Format = 'table' | 'csv' | 'json' | 'xlsx' | 'md' | 'html';

export interface Column {
  key: string;
  en: string;
  zh: string;
  numeric?: boolean;
  /** An amount in yuan the tool computed: a numeric cell in XLSX, a plain number in CSV (a recovery's -1500.00 is not guarded, SPEC §9). */
  money?: boolean;
}

export function chooseFormat(ctx: Context, format: string | undefined, out: string | undefined, allowed: readonly Format[]): Format {
  let chosen = format;
  if (!chosen && out) {
    const ext = extname(out).slice(1).toLowerCase();
    chosen = ext === 'txt' ? 'table' : ext === 'htm' ? 'html' : ext === 'markdown' ? 'md' : ext;
    if (!(allowed as readonly string[]).includes(chosen)) chosen = 'csv';
  }
  chosen ??= ctx.io.stdout.isTTY ? 'table' : 'csv';
  if (out) ctx.checkOutput(out);
  if (!(allowed as readonly string[]).includes(chosen)) {
    throw new UsageError('bad_choice', { option: '--format', accepted: allowed.join(', '), value: chosen });
  }
  return chosen as Format;
}

export async function emitTable(
  ctx: Context,
  columns: Column[],
  rows: Cell[][],
  options: { format: Format; out?: string; sheet: string },
): Promise<void> {
  const header = columns.map((c) => (ctx.lang === 'zh' ? c.zh : c.en));
  let content: string | Buffer;
  switch (options.format) {
    case 'json':
      content = `${JSON.stringify(rows.map((r) => Object.fromEntries(columns.map((c, i) => [c.key, r[i] ?? null]))), null, 2)}\n`;
      break;
    case 'xlsx':
      content = await toXlsx([{ name: options.sheet, header, rows, money: columns.map((c) => !!c.money) }]);
      break;
    case 'table':
      content = formatTable(header, rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c)))), columns.map((c) => !!c.numeric));
      break;
    default:
      content = toCsv(header, rows, columns.map((c) => !!c.money));
  }
  writeOutput(ctx, content, options.out);
}

export function writeOutput(ctx: Context, content: string | Buffer, out?: string): void {
  if (out) {
    ctx.writeFile(out, content);
  } else if (typeof content === 'string') {
    ctx.io.stdout.write(content);
  } else {
    throw new UsageError('usage', { reason: 'xlsx output needs --out FILE.', command: '' });
  }
}
