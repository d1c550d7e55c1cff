// `skillsub import roster|certificates|institutions FILE...` and `skillsub import list FILE...
// --kind K` (SPEC §2, §2.5): prints row errors
// (first 20, then a count), a summary per file, and exits 3 when a file was stopped.

import { Command, InvalidArgumentError, Option } from 'commander';
import cliProgress from 'cli-progress';
import { existsSync } from 'node:fs';
import { isPostgresUrl, openScratchDatabase } from '../../app/database.js';
import { withdrawImport } from '../../app/withdraw-import.js';
import { importFiles, ENCODINGS, INPUT_KINDS, type Encoding, type FileImportResult, type InputKind } from '../../app/import-files.js';
import { rowErrorLine, rowErrorText } from '../messages.js';
import { toCsv } from '../render/csv.js';
import { toXlsx, type Sheet } from '../render/xlsx.js';
import { failingRows } from '../../app/failing-rows.js';
import { labelValue } from '../labels.js';
import type { Context } from '../context.js';
import { inputFiles } from '../input-files.js';
import { UsageError } from '../../core/errors.js';
import { LIST_KINDS, type ListKind } from '../../core/decide/types.js';
import { saysNothing } from '../../core/normalise/text.js';

const SHOWN_ROW_ERRORS = 20;

interface ImportFlags {
  kind?: string;
  encoding?: Encoding;
  sheet?: string;
  strict?: boolean;
  errorsOut?: string;
  force?: boolean;
  forceClass?: boolean;
  dryRun?: boolean;
  note?: string;
}

/** The names --encoding takes, case-insensitively: GBK, GB2312 and CP936 are subsets of GB18030 (SPEC §2). */
const ENCODING_NAMES: Readonly<Record<string, Encoding>> = {
  ...Object.fromEntries(ENCODINGS.map((e) => [e, e])), 'utf-8': 'utf8', gbk: 'gb18030', gb2312: 'gb18030', cp936: 'gb18030', 'utf-16le': 'utf16le',
};

function encodingOption(value: string): Encoding {
  const encoding = ENCODING_NAMES[value.toLowerCase()];
  if (!encoding) throw new InvalidArgumentError(`Allowed choices are ${Object.keys(ENCODING_NAMES).join(', ')}.`);
  return encoding;
}

export function importCommand(run: (action: (ctx: Context) => Promise<number>) => Promise<void>): Command {
  const cmd = new Command('import')
    .description('import CSV or .xlsx exports: roster (培训花名册), certificates (证书), institutions (培训机构目录), outside lists for cross-checks (list --kind); withdraw a file imported by mistake')
    .argument('<kind>', `what the files hold: ${INPUT_KINDS.join(' | ')}; or withdraw, to take an imported file out of later runs`)
    .argument('<files...>', 'CSV files (UTF-8, UTF-16 or GB18030; comma, tab or semicolon) or .xlsx workbooks (first sheet, or --sheet); wildcards (*.csv) expanded by skillsub, - reads standard input')
    .option('--kind <kind>', `import list only, which list: ${LIST_KINDS.join(' | ')} (养老金领取, 财政供养, 在校学生, 死亡, 参保缴费)`)
    .addOption(new Option('--encoding <encoding>', `override encoding detection: ${ENCODINGS.join(' | ')}; gbk, gb2312 and cp936 (what Windows calls them) read as gb18030, which contains them`)
      .argParser(encodingOption))
    .option('--sheet <name>', '.xlsx files: the sheet to read (default the first)')
    .option('--strict', 'any row error rejects the whole file')
    .option('--errors-out <file>', 'write every row error to this file: CSV, or .xlsx with the failing rows as they were, the cells at fault in red and what to fix; - for standard output (CSV)')
    .option('--force', 're-import a file whose content was already imported')
    .option('--force-class', 'roster: move a class held by another institution to the institution of this file (logged)')
    .option('--dry-run', 'read and check the files as an import would (row errors, --errors-out) and keep nothing')
    .option('--note <text>', 'import withdraw: why the file is withdrawn (logged)')
    .addHelpText(
      'after',
      `
Examples:
  $ skillsub import roster samples/roster-*.csv --errors-out row-errors.csv
  $ skillsub import roster "exports\\2020Q3\\*.csv"        # expanded by skillsub where the shell does not (Windows)
  $ unzip -p exports.zip roster.csv | skillsub import roster -
  $ skillsub import certificates samples/certificates.csv
  $ skillsub import roster 花名册.xlsx --sheet 学员名单
  $ skillsub import institutions samples/institutions.csv --strict
  $ skillsub import roster corrected-class.csv --force-class
  $ skillsub import roster exports/2020Q4.xlsx --dry-run --errors-out 行错误.csv
  $ skillsub import withdraw 7 --note "wrong quarter's export; the institution resends it"
  $ skillsub import list 养老金领取人员.csv --kind pension
  $ skillsub import list 参保缴费明细-2020.csv --kind insured`,
    )
    .action(async (kind: string, files: string[], flags: ImportFlags) => {
      await run(async (ctx) => {
        if (kind === 'withdraw') return runWithdraw(ctx, files, flags);
        if (flags.note !== undefined) throw new UsageError('note_only_for_withdraw');
        if (!(INPUT_KINDS as readonly string[]).includes(kind)) {
          throw new UsageError('bad_choice', { option: 'import <kind>', accepted: INPUT_KINDS.join(', '), value: kind });
        }
        return runImport(ctx, kind as InputKind, listKindOf(kind, flags.kind), files, flags);
      });
    });
  return cmd;
}

/** `import list` needs --kind (SPEC §1); no other import takes it. */
function listKindOf(kind: string, given: string | undefined): ListKind | undefined {
  if (kind !== 'list') {
    if (given !== undefined) throw new UsageError('kind_only_for_list', { kind, command: 'import' });
    return undefined;
  }
  if (given === undefined) throw new UsageError('kind_needed', { kinds: LIST_KINDS.join('|'), command: 'import list' });
  if (!(LIST_KINDS as readonly string[]).includes(given)) throw new UsageError('bad_choice', { option: '--kind', accepted: LIST_KINDS.join(', '), value: given });
  return given as ListKind;
}
async function runImport(ctx: Context, kind: InputKind, listKind: ListKind | undefined, names: string[], flags: ImportFlags): Promise<number> {
  if (flags.forceClass && kind !== 'roster') throw new UsageError('force_class_roster_only');
  const inputs = await inputFiles(ctx, names, { option: 'FILE...', example: `import ${kind}${listKind ? ` --kind ${listKind}` : ''} -` });
  try {
    return await importInputs(ctx, kind, listKind, inputs.paths, inputs.origins, flags);
  } finally {
    inputs.cleanup();
  }
}

async function importInputs(ctx: Context, kind: InputKind, listKind: ListKind | undefined, files: string[], origins: Map<string, string>, flags: ImportFlags): Promise<number> {
  ctx.protectInputs(files);
  if (flags.errorsOut) ctx.checkOutput(flags.errorsOut, '--errors-out');
  // A dry run touches nothing: without a database file it checks against an empty one in memory.
  const db = flags.dryRun && !isPostgresUrl(ctx.dbPath) && !existsSync(ctx.dbPath) ? openScratchDatabase() : ctx.database({ create: true });
  let bar: cliProgress.SingleBar | null = null;
  let shown = 0;
  let hidden = 0;
  const results = await importFiles(
    db,
    { kind, listKind, paths: files, encoding: flags.encoding, sheet: flags.sheet, strict: !!flags.strict, force: !!flags.force, forceClass: !!flags.forceClass,
      dryRun: !!flags.dryRun, origins },
    ctx.audit(),
    {
      onFileStart(file, bytes) {
        if (!ctx.showProgress) return;
        bar = new cliProgress.SingleBar(
          { format: `${file} [{bar}] {percentage}% {eta_formatted}`, stream: process.stderr, hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(Math.max(bytes, 1), 0);
      },
      onProgress(_file, bytesDone) {
        bar?.update(bytesDone);
      },
      onFileEnd(result) {
        if (bar) {
          bar.stop();
          bar = null;
        }
        if (result.unknownColumns.length > 0) {
          ctx.warn(ctx.t('unknown_columns', { file: result.file, columns: result.unknownColumns.join(', ') }));
        }
        for (const m of result.classesMoved) {
          ctx.warn(ctx.t('class_moved', { file: result.file, class_id: m.classId, from: m.from.code, from_name: m.from.name, from_file: m.from.file, to: m.to }));
        }
        for (const e of result.rowErrors) {
          if (shown < SHOWN_ROW_ERRORS) {
            // Printed messages show only a masked ID: enough to find the row, no more.
            ctx.say(rowErrorLine(ctx.lang, result.file, e));
            shown++;
          } else {
            hidden++;
          }
        }
        reportFile(ctx, result);
      },
    },
  );
  if (hidden > 0) ctx.info(ctx.t('more_row_errors', { count: hidden }));
  if (flags.errorsOut) {
    if (/\.xlsx$/i.test(flags.errorsOut)) await writeErrorsXlsx(ctx, flags.errorsOut, results, flags);
    else writeErrorsCsv(ctx, flags.errorsOut, results);
    ctx.info(ctx.t('errors_written', { file: flags.errorsOut }));
  }
  return results.some((r) => r.status === 'failed' || r.status === 'rejected') ? 3 : 0;
}

/** `import withdraw FILE_ID --note TEXT`: one file, by its id (or its name), with the reason. */
function runWithdraw(ctx: Context, refs: string[], flags: ImportFlags): number {
  if (refs.length !== 1) throw new UsageError('withdraw_one_file', { given: refs.join(' ') });
  for (const [option, given] of [['--strict', flags.strict], ['--errors-out', flags.errorsOut], ['--force', flags.force], ['--force-class', flags.forceClass],
    ['--dry-run', flags.dryRun], ['--encoding', flags.encoding], ['--sheet', flags.sheet], ['--kind', flags.kind]] as const) {
    if (given !== undefined && given !== false) throw new UsageError('withdraw_option', { option });
  }
  if (flags.note === undefined || saysNothing(flags.note)) throw new UsageError('withdraw_note_required', { ref: refs[0] });
  const result = withdrawImport(ctx.database(), refs[0], flags.note, ctx.audit());
  ctx.info(ctx.t('withdrawn', {
    id: result.file.id, file: result.file.name, kind: result.file.kind, rows: result.deactivated.toLocaleString('en-US'), restored: result.reactivated.toLocaleString('en-US'),
  }));
  return 0;
}

function reportFile(ctx: Context, r: FileImportResult): void {
  switch (r.status) {
    case 'imported':
      ctx.info(ctx.t('imported', { rows: r.rows.toLocaleString('en-US'), file: r.file, errors: r.rowErrors.length.toLocaleString('en-US') }));
      break;
    case 'checked':
      ctx.info(ctx.t('dry_run_checked', { rows: r.rows.toLocaleString('en-US'), file: r.file, errors: r.rowErrors.length.toLocaleString('en-US') }));
      break;
    case 'skipped':
      ctx.info(ctx.t('skipped', { file: r.file, at: r.previous!.importedAt, previous: r.previous!.name }));
      break;
    case 'rejected':
      ctx.error(ctx.t('strict_rejected', { file: r.file, errors: r.rowErrors.length }));
      break;
    case 'failed':
      ctx.error(ctx.t(r.failure!.key, r.failure!.params));
      break;
  }
}

function writeErrorsCsv(ctx: Context, path: string, results: FileImportResult[]): void {
  // Under zh the institution reads Chinese headers and the code with its words: 日期无法识别(R_DATE).
  const header = ctx.lang === 'zh' ? ['文件', '行号', '列', '值', '错误代码', '说明', '末行'] : ['file', 'line', 'column', 'value', 'code', 'message', 'last_line'];
  const rows = results.flatMap((r) =>
    r.rowErrors.map((e) => [
      r.file, e.line, e.column, e.value, labelValue(ctx.lang, 'codes', e.code), rowErrorText(ctx.lang, e.code, { value: e.value, expected: e.expected }), e.lastLine ?? e.line,
    ]),
  );
  ctx.writeFile(path, toCsv(header, rows), '--errors-out');
}

/**
 * Issue #20 item 6: `--errors-out 行错误.xlsx` — one sheet per file with row errors: the failing
 * rows as the file holds them (every cell text, so nothing is turned into a number), each cell at
 * fault on a red fill with its message as the cell's note, and, after the file's own columns, the
 * errors and what to fix (in Chinese under zh). The file's columns keep their headers, so the
 * institution can correct the sheet and send it back as a file to import (the three added columns
 * are ignored as unknown).
 */
async function writeErrorsXlsx(ctx: Context, path: string, results: FileImportResult[], flags: ImportFlags): Promise<void> {
  const zh = ctx.lang === 'zh';
  const sheets: Sheet[] = [];
  for (const r of results) {
    if (r.rowErrors.length === 0) continue;
    const { header, rows } = await failingRows(r.path, r.file, new Set(r.rowErrors.map((e) => e.line)), { sheet: flags.sheet, encoding: flags.encoding });
    const byLine = new Map<number, typeof r.rowErrors>();
    for (const e of r.rowErrors) byLine.set(e.line, [...(byLine.get(e.line) ?? []), e]);
    const lines = [...byLine.keys()].sort((a, b) => a - b);
    const width = Math.max(header.length, ...lines.map((l) => rows.get(l)?.length ?? 0));
    const fileHeader = Array.from({ length: width }, (_, i) => header[i] ?? '');
    const fixText = (e: (typeof r.rowErrors)[number]) => rowErrorText(ctx.lang, e.code, { value: e.value, expected: e.expected });
    const faults = lines.map((line) => {
      const at = new Map<number, string>();
      for (const e of byLine.get(line)!) {
        const column = e.column ? fileHeader.indexOf(e.column) : -1;
        if (column >= 0) at.set(column + 1, [at.get(column + 1), fixText(e)].filter(Boolean).join('\n'));
      }
      return at;
    });
    sheets.push({
      name: r.file.replace(/\.[^.]*$/, ''),
      header: [zh ? '行号' : 'line', ...fileHeader, zh ? '错误' : 'errors', zh ? '如何修改' : 'what to fix'],
      types: ['number', ...fileHeader.map(() => 'id' as const)],
      rows: lines.map((line) => {
        const errors = byLine.get(line)!;
        const last = errors.find((e) => e.lastLine && e.lastLine > line)?.lastLine;
        const fields = rows.get(line) ?? [];
        return [
          last ? `${line}–${last}` : line,
          ...fileHeader.map((_, i) => fields[i] ?? ''),
          errors.map((e) => labelValue(ctx.lang, 'codes', e.code)).join('\n'),
          errors.map((e) => (e.column ? `${e.column}: ${fixText(e)}` : fixText(e))).join('\n'),
        ];
      }),
      fault: (row, column) => faults[row].get(column),
    });
  }
  // A workbook needs a sheet: with no row errors it says so.
  if (sheets.length === 0) sheets.push({ name: zh ? '行错误' : 'row errors', header: [zh ? '没有行错误' : 'no row errors'], rows: [] });
  ctx.writeFile(path, await toXlsx(sheets), '--errors-out');
}
