// Every message a user reads, in English and Chinese (SPEC §1: --lang zh|en). Keys are the
// stable error keys of core/errors.ts plus the CLI's own; each says what, where and the fix.

import type { MessageParams } from '../core/errors.js';

export type Lang = 'zh' | 'en';
type Text = (p: MessageParams) => string;

const en: Record<string, Text> = {
  // file-level data errors (exit 3)
  empty_file: (p) => `${p.file} is empty: it has no header row. Export the sheet again with its header row.`,
  binary_file: (p) => `${p.file} is not a text file (a NUL byte at byte ${p.byte}). Save it from the spreadsheet as CSV (comma-separated) and import that.`,
  bad_utf8: (p) => `${p.file} is not valid UTF-8 at byte ${p.byte}. If it was saved by Excel on a Chinese Windows, pass --encoding gb18030.`,
  csv_syntax: (p) => `${p.file} line ${p.line}: the CSV cannot be read (${p.reason}). Check for an unclosed quote (") on or before that line.`,
  too_many_columns: (p) => `${p.file}: the header has ${p.count} columns, more than any export of this kind. Check that this is the right file.`,
  missing_columns: (p) => `${p.file}: required column(s) missing for ${p.kind}: ${p.missing}. Headers found: ${p.found}. Rename the header(s) or pick the right import kind.`,
  file_too_large: (p) => `${p.file} has more distinct rows than one import holds in memory (about 2.5 million). Split it into smaller files and import them one after another.`,
  not_a_file: (p) => `${p.file} is not a file. Name a CSV file to import.`,
  file_unreadable: (p) => `${p.file} cannot be read (${p.reason}). Check the path and its permissions.`,
  db_is_directory: (p) => `${p.path} is a directory, not a database file. Pass --db FILE.`,
  db_unreadable: (p) => `${p.path} cannot be opened as a skillsub database (${p.reason}). Check the path given by --db or SKILLSUB_DB.`,
  db_too_new: (p) => `this database was written by a newer skillsub (schema ${p.version}, this one knows ${p.known}). Upgrade skillsub.`,
  strict_rejected: (p) => `${p.file}: ${p.errors} row error(s); with --strict nothing from this file was imported. Fix the rows listed above, or import without --strict to skip them.`,
  // usage errors (exit 2)
  usage: (p) => `${p.reason} Run "skillsub ${p.command} --help" for the accepted forms.`,
  bad_choice: (p) => `${p.option} must be one of ${p.accepted}, not "${p.value}".`,
  // summaries and warnings
  imported: (p) => `imported ${p.rows} rows from ${p.file}; ${p.errors} row errors`,
  skipped: (p) => `skipped ${p.file}: the same content was imported on ${p.at} as ${p.previous}. Pass --force to import it again.`,
  unknown_columns: (p) => `${p.file}: ignored unknown column(s): ${p.columns}`,
  more_row_errors: (p) => `… and ${p.count} more row error(s). Pass --errors-out FILE to get them all.`,
  errors_written: (p) => `row errors written to ${p.file}`,
  internal: (p) => `internal error: ${p.reason}. This is a bug in skillsub; run again with --debug and report the output.`,
  log_empty: () => 'the audit log is empty: nothing has changed this database yet.',
};

const zh: Record<string, Text> = {
  empty_file: (p) => `${p.file} 是空文件，没有表头行。请带表头重新导出。`,
  binary_file: (p) => `${p.file} 不是文本文件（第 ${p.byte} 字节为 NUL）。请在表格软件中另存为 CSV（逗号分隔）后导入。`,
  bad_utf8: (p) => `${p.file} 在第 ${p.byte} 字节处不是有效的 UTF-8。若由中文 Windows 的 Excel 保存，请加 --encoding gb18030。`,
  csv_syntax: (p) => `${p.file} 第 ${p.line} 行：CSV 无法读取（${p.reason}）。请检查该行或之前是否有未闭合的引号（"）。`,
  too_many_columns: (p) => `${p.file}：表头有 ${p.count} 列，超出此类导出的列数。请确认文件是否正确。`,
  missing_columns: (p) => `${p.file}：缺少${p.kind}必填列：${p.missing}。文件中的表头：${p.found}。请修改表头或选择正确的导入类型。`,
  file_too_large: (p) => `${p.file} 行数超过单次导入可容纳的数量（约 250 万行）。请拆分为较小的文件后依次导入。`,
  not_a_file: (p) => `${p.file} 不是文件。请指定要导入的 CSV 文件。`,
  file_unreadable: (p) => `无法读取 ${p.file}（${p.reason}）。请检查路径和权限。`,
  db_is_directory: (p) => `${p.path} 是目录而不是数据库文件。请用 --db 指定文件。`,
  db_unreadable: (p) => `无法打开数据库 ${p.path}（${p.reason}）。请检查 --db 或 SKILLSUB_DB 指定的路径。`,
  db_too_new: (p) => `此数据库由更新版本的 skillsub 写入（结构版本 ${p.version}，本版本支持 ${p.known}）。请升级 skillsub。`,
  strict_rejected: (p) => `${p.file}：${p.errors} 条行错误；因使用 --strict，此文件未导入任何数据。请修正上列各行，或去掉 --strict 以跳过错误行。`,
  usage: (p) => `${p.reason} 运行 "skillsub ${p.command} --help" 查看可用写法。`,
  bad_choice: (p) => `${p.option} 只能是 ${p.accepted}，不能是 "${p.value}"。`,
  imported: (p) => `已从 ${p.file} 导入 ${p.rows} 行；行错误 ${p.errors} 条`,
  skipped: (p) => `跳过 ${p.file}：相同内容已于 ${p.at} 以 ${p.previous} 导入。如需重新导入请加 --force。`,
  unknown_columns: (p) => `${p.file}：已忽略无法识别的列：${p.columns}`,
  more_row_errors: (p) => `…… 另有 ${p.count} 条行错误。用 --errors-out 文件 可导出全部。`,
  errors_written: (p) => `行错误已写入 ${p.file}`,
  internal: (p) => `内部错误：${p.reason}。这是 skillsub 的缺陷，请加 --debug 重新运行并报告输出。`,
  log_empty: () => '审计日志为空：此数据库尚无任何改动。',
};

const ROW_ERROR_TEXT: Record<Lang, Record<string, Text>> = {
  en: {
    R_MISSING: () => 'a required value is blank.',
    R_ID_DAMAGED: (p) => `"${p.value}" is an ID number destroyed by spreadsheet scientific notation; its last digits are lost. Format the column as text in the source system and export again.`,
    R_DATE: (p) => `"${p.value}" is not a date. Accepted: ${p.expected}.`,
    R_ENUM: (p) => `"${p.value}" is not an accepted value. Accepted: ${p.expected}.`,
    R_NUMBER: (p) => `"${p.value}" is not a valid amount or number. Expected: ${p.expected}.`,
    R_DUP_ROW: (p) => `the same key (${p.value}) already appears earlier in this file; the first row is kept. Remove the duplicate row.`,
    R_END_BEFORE_START: (p) => `"${p.value}" is before the start date. Expected a date ${p.expected}.`,
  },
  zh: {
    R_MISSING: () => '必填项为空。',
    R_ID_DAMAGED: (p) => `"${p.value}" 是被表格软件转为科学计数法的身份证号，末几位已丢失。请在源系统中将该列设为文本后重新导出。`,
    R_DATE: (p) => `"${p.value}" 不是日期。可接受：${p.expected}。`,
    R_ENUM: (p) => `"${p.value}" 不是可接受的值。可接受：${p.expected}。`,
    R_NUMBER: (p) => `"${p.value}" 不是有效的金额或数字。应为：${p.expected}。`,
    R_DUP_ROW: (p) => `相同键（${p.value}）已在本文件前面出现，保留第一行。请删除重复行。`,
    R_END_BEFORE_START: (p) => `"${p.value}" 早于开始日期。应为${p.expected}的日期。`,
  },
};

const CATALOGUE: Record<Lang, Record<string, Text>> = { en, zh };

export function message(lang: Lang, key: string, params: MessageParams = {}): string {
  const text = CATALOGUE[lang][key] ?? CATALOGUE.en[key];
  return text ? text(params) : `${key} ${JSON.stringify(params)}`;
}

export function rowErrorText(lang: Lang, code: string, params: MessageParams): string {
  const text = ROW_ERROR_TEXT[lang][code] ?? ROW_ERROR_TEXT.en[code];
  return text ? text(params) : code;
}

/** "roster.csv line 14, column 开班日期: …" */
export function rowErrorLine(lang: Lang, file: string, e: { line: number; column: string; value: string; code: string; expected: string }): string {
  const where = lang === 'zh' ? `${file} 第 ${e.line} 行，${e.column} 列` : `${file} line ${e.line}, column ${e.column}`;
  return `${where}: [${e.code}] ${rowErrorText(lang, e.code, { value: e.value, expected: e.expected })}`;
}

export function detectLang(env: NodeJS.ProcessEnv): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
