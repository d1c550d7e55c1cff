// SPEC §1: --format table|csv|json|xlsx (table on a TTY, csv otherwise; from --out's extension
// when absent) and --out FILE, written through Context.writeFile (0600, atomic, never over the
// database or an input); `--out -` is standard output, as if --out were not given.

import { extname } from 'node:path';
import { formatTable } from './table.js';
import { csvChunks, type Cell } from './csv.js';
import type { CsvFileJob } from './csv-file-worker.js';
import { WorkerSink } from '../../app/output-worker.js';
import { toXlsx, type CellType } from './xlsx.js';
import { holdsIdNumbers, sheetName } from '../columns.js';
import { formatFen } from '../../core/normalise/money.js';
import { STDOUT, type Context } from '../context.js';
import { UsageError } from '../../core/errors.js';
import { labelValue, type LabelKind } from '../labels.js';
import { localTime } from '../local-time.js';
import type { Lang } from '../messages.js';

export type Format = 'table' | 'csv' | 'json' | 'xlsx' | 'md' | 'html';

export interface Column {
  key: string;
  en: string;
  zh: string;
  numeric?: boolean;
  /** An amount in yuan the tool computed: a numeric cell in XLSX, a plain number in CSV (a recovery's -1500.00 is not guarded, SPEC §9). */
  money?: boolean;
  /** An enum or codes: shown with its label in the chosen language (SPEC §1); JSON keeps the identifier. */
  label?: LabelKind;
  /** How a workbook stores and shows it: date cells, percentages, ID numbers as text. */
  type?: CellType;
  /** Added up in a total row. */
  summed?: boolean;
}

/** A row as a reader sees it: enum values and codes labelled in the chosen language (SPEC §1). */
export function rowLabeller(lang: Lang, columns: readonly Column[]): ((row: Cell[]) => Cell[]) | null {
  const kinds = columns.map((c) => (c.label === 'time' || lang === 'zh' ? c.label : undefined));
  if (!kinds.some(Boolean)) return null;
  return (r) => r.map((c, i) => (kinds[i] === 'time' ? (typeof c === 'string' && c ? localTime(c) : c) : labelValue(lang, kinds[i], c)));
}

/** The rows as a reader sees them (see rowLabeller). */
export function labelRows(ctx: Context, columns: readonly Column[], rows: Cell[][]): Cell[][] {
  const label = rowLabeller(ctx.lang, columns);
  return label ? rows.map(label) : rows;
}

export function* mapRows(rows: Iterable<Cell[]>, f: ((row: Cell[]) => Cell[]) | null): Generator<Cell[]> {
  for (const row of rows) yield f ? f(row) : row;
}

/** JSON as chunks: an array of objects keyed by the columns' English keys, a few thousand a chunk. */
function* jsonChunks(columns: readonly Column[], rows: Iterable<Cell[]>): Generator<string> {
  let first = true;
  let chunk: string[] = [];
  yield '[';
  for (const r of rows) {
    chunk.push(`${first ? '\n' : ',\n'}${JSON.stringify(Object.fromEntries(columns.map((c, i) => [c.key, r[i] ?? null])), null, 2).replace(/^/gm, '  ')}`);
    first = false;
    if (chunk.length === 2000) {
      yield chunk.join('');
      chunk = [];
    }
  }
  yield `${chunk.join('')}${first ? ']\n' : '\n]\n'}`;
}

export function chooseFormat(ctx: Context, format: string | undefined, out: string | undefined, allowed: readonly Format[]): Format {
  let chosen = format;
  if (!chosen && out && out !== STDOUT) {
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

/**
 * The total row of a list (payments' 合计): the label in the first column, the sum of each summed
 * column (amounts added in fen, so that no float error shows), blank elsewhere.
 */
export function totalRow(ctx: Context, columns: readonly Column[], rows: Cell[][]): Cell[] {
  return columns.map((c, i) => {
    if (i === 0) return ctx.lang === 'zh' ? '合计' : 'total';
    if (!c.summed) return '';
    if (c.money) return formatFen(rows.reduce((s, r) => s + Math.round(Number(r[i] ?? 0) * 100), 0));
    return rows.reduce((s: number, r) => s + Number(r[i] ?? 0), 0);
  });
}

/**
 * Writes a list in the chosen format. CSV and JSON stream: rows are read, formatted and written a
 * few thousand at a time, so a million-row list needs no more memory than a chunk. A table and a
 * workbook need every row at once (widths, the sheet).
 */
export async function emitTable(
  ctx: Context,
  columns: Column[],
  input: Iterable<Cell[]>,
  options: { format: Format; out?: string; sheet: string; total?: boolean; titleLines?: readonly string[] },
): Promise<void> {
  const header = columns.map((c) => (ctx.lang === 'zh' ? c.zh : c.en));
  if (options.format === 'json') return streamOutput(ctx, jsonChunks(columns, input), options.out);
  if (options.format === 'csv' && options.out && options.out !== STDOUT) {
    const file = openCsvFile(ctx, columns, options.out);
    try {
      for (const row of input) file.add(row);
    } catch (err) {
      await file.abandon();
      throw err;
    }
    return file.finish();
  }
  const labelled = mapRows(input, rowLabeller(ctx.lang, columns));
  if (options.format === 'csv') return streamOutput(ctx, csvChunks(header, labelled, columns.map((c) => !!c.money)), options.out);
  const rows = [...labelled];
  const titles = options.titleLines ?? [];
  let content: string | Buffer;
  switch (options.format) {
    case 'xlsx':
      content = await toXlsx([{
        name: sheetName(options.sheet, ctx.lang), header, rows, types: columns.map((c) => c.type), titleLines: titles,
        totalRow: options.total ? totalRow(ctx, columns, rows) : undefined,
      }]);
      break;
    case 'table': {
      const table = formatTable(header, rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c)))), columns.map((c) => !!c.numeric));
      content = titles.length > 0 ? `${titles.join('\n')}\n\n${table}` : table;
      break;
    }
    default:
      throw new UsageError('bad_choice', { option: '--format', accepted: 'table, csv, json, xlsx', value: options.format });
  }
  writeOutput(ctx, content, options.out);
}

/** How many rows go to the CSV file's worker in one message. */
const ROWS_A_MESSAGE = 1000;

/** A list's rows written as they come: `add` each, then `finish` (or `abandon`, which leaves no file). */
export interface RowWriter {
  add(row: Cell[]): void;
  /** Blocks until every row added is written; throws what kept one from being written. */
  flush(): void;
  finish(): Promise<void>;
  abandon(): Promise<void>;
}

/**
 * A CSV file (--out) written as its rows come: they are labelled here, on the thread that reads
 * the database, while a worker thread makes them CSV text with csv.ts and writes it
 * (csv-file-worker.ts), so that both cores work. `add` is synchronous (a transaction can write
 * its rows as it makes them); the file is renamed into place by `finish`, once complete.
 */
export function openCsvFile(ctx: Context, columns: readonly Column[], out: string): RowWriter {
  const label = rowLabeller(ctx.lang, columns);
  const header = columns.map((c) => (ctx.lang === 'zh' ? c.zh : c.en));
  const file = ctx.openFile(out);
  const job: CsvFileJob = { fd: file.fd, path: file.path, header, money: columns.map((c) => !!c.money) };
  let sink: WorkerSink<Cell[][]>;
  try {
    sink = new WorkerSink<Cell[][]>(new URL('./csv-file-worker.js', import.meta.url), job);
  } catch (err) {
    file.abandon();
    throw err;
  }
  let batch: Cell[][] = [];
  let any = false;
  return {
    add(row) {
      batch.push(label ? label(row) : row);
      any = true;
      if (batch.length === ROWS_A_MESSAGE) {
        sink.add(batch);
        batch = [];
      }
    },
    flush() {
      if (batch.length > 0) sink.add(batch);
      batch = [];
      sink.flush();
    },
    async finish() {
      try {
        if (batch.length > 0) sink.add(batch);
        await sink.finish();
      } catch (err) {
        await this.abandon();
        throw err;
      }
      file.commit();
      if (any) hintAtIdNumbers(ctx, columns, out);
    },
    async abandon() {
      await sink.abandon();
      file.abandon();
    },
  };
}

/** Excel turns an 18-digit number into 5.00103E+17 when a CSV is double-clicked (README "Opening outputs in Excel"). */
export function hintAtIdNumbers(ctx: Context, columns: readonly Column[], out: string): void {
  if (holdsIdNumbers(columns)) ctx.info(ctx.t('csv_ids_hint', { file: out }));
}

/** Chunks to --out (written 0600 beside it and renamed into place) or to stdout, waiting for the terminal or pipe to drain. */
async function streamOutput(ctx: Context, chunks: Iterable<string>, out?: string): Promise<void> {
  if (out && out !== STDOUT) return ctx.writeFile(out, chunks);
  const stdout = ctx.io.stdout as { write(text: string): unknown; once?: (event: string, listener: () => void) => unknown };
  for (const chunk of chunks) {
    if (stdout.write(chunk) === false && stdout.once) await new Promise<void>((resolve) => stdout.once!('drain', resolve));
  }
}

export function writeOutput(ctx: Context, content: string | Buffer, out?: string): void {
  if (out) {
    ctx.writeFile(out, content);
  } else if (typeof content === 'string') {
    ctx.io.stdout.write(content);
  } else {
    throw new UsageError('xlsx_needs_out', { command: ctx.command });
  }
}
