// Every message a user reads, in English and Chinese (SPEC §1: --lang zh|en). Keys are the
// stable error keys of core/errors.ts plus the CLI's own; each says what, where and the fix.

import type { MessageParams } from '../core/errors.js';
import { clip, ECHOED_CHARS } from './render/terminal-text.js';
import { labelValue } from './labels.js';

export type Lang = 'zh' | 'en';
type Text = (p: MessageParams) => string;

/** `skillsub approvals --help`, or `skillsub --help` when the command is not known. */
const helpCommand = (p: MessageParams) => `skillsub${p.command ? ` ${p.command}` : ''} --help`;

const en: Record<string, Text> = {
  // file-level data errors (exit 3)
  empty_file: (p) => `${p.file} is empty: it has no header row. Export the sheet again with its header row.`,
  binary_file: (p) => `${p.file} is not a text file (a NUL byte at byte ${p.byte}). Save it from the spreadsheet as CSV (comma-separated) and import that.`,
  bad_utf8: (p) => `${p.file} is not valid UTF-8 at byte ${p.byte}. If it was saved by Excel on a Chinese Windows, pass --encoding gb18030.`,
  sheet_not_found: (p) => `${p.file} has no sheet named "${p.sheet}". Its sheets: ${p.sheets}. Pass one of them to --sheet.`,
  xls_old_format: (p) => `${p.file} is an Excel 97–2003 workbook (.xls), which skillsub does not read. Open it in Excel and save it as "Excel Workbook (*.xlsx)", then import the .xlsx.`,
  xlsx_unreadable: (p) => `${p.file} cannot be read as an .xlsx workbook (${p.reason}). Open it in Excel and save it again as .xlsx (Excel Workbook), or as CSV.`,
  csv_syntax: (p) => `${p.file} line ${p.line}: the CSV cannot be read (${p.reason}). Check for an unclosed quote (") on or before that line.`,
  too_many_columns: (p) => `${p.file}: the header has ${p.count} columns, more than any export of this kind. Check that this is the right file.`,
  missing_columns: (p) => `${p.file}: required column(s) missing for ${p.kind}: ${p.missing}. Headers found: ${p.found}. Rename the header(s) or pick the right import kind.`,
  no_header_row: (p) => `${p.file}: its first line names none of the columns of a ${p.kind} file (${p.count} values, not shown: without its header row, a file's first line is a person's row). Put the header row first — "skillsub help columns" lists the names and their Chinese aliases — and import again.`,
  wrong_kind: (p) => `${p.file}: its headers are those of ${/^[aeiou]/.test(String(p.other)) ? 'an' : 'a'} ${p.other} file (${p.columns} of its columns, against ${p.own} for ${p.kind}); nothing was imported. Import it with "skillsub import ${p.other} ${p.file}".`,
  duplicate_columns: (p) => `${p.file}: the headers "${p.first}" (column ${p.firstPosition}) and "${p.second}" (column ${p.secondPosition}) both name the column ${p.column}. Delete or rename one of them and import again.`,
  file_too_large: (p) => `${p.file}: reading it needed more memory than the import's parser has (384 MB), which no export should need: rows are read 2,000 at a time, however many the file holds. Check that this is the right file (a record of millions of characters?); nothing of it was imported.`,
  not_a_file: (p) => `${p.file} is not a file. Name a CSV file to import.`,
  no_file_matches: (p) => `no file matches ${p.pattern} (looked in ${p.folder}). Check the folder and the pattern; * stands for any characters, ? for one.`,
  file_unreadable: (p) => `${p.file} cannot be read (${p.reason}). Check the path and its permissions.`,
  db_is_directory: (p) => `${p.path} is a directory, not a database file. Pass --db FILE.`,
  db_unreadable: (p) => `${p.path} cannot be opened as a skillsub database (${p.reason}). Check the path given by --db or SKILLSUB_DB.`,
  db_too_new: (p) => `this database was written by a newer skillsub (schema ${p.version}, this one knows ${p.known}). Upgrade skillsub.`,
  db_claim_id_mismatch: (p) => `the database is damaged: roster row ${p.row} has claim_id ${p.claim_id}, which is not its class_id/id_number. Restore the database from a backup.`,
  db_part_missing: (p) => `the database is damaged: part ${p.ref} of ${p.table}, which a row refers to, is missing. Restore the database from a backup.`,
  strict_rejected: (p) => `${p.file}: ${p.errors} row error(s); with --strict nothing from this file was imported. Fix the rows listed above, or import without --strict to skip them.`,
  // the machine rather than the data (exit 3)
  env_permission: (p) => `permission denied on ${p.path} (${p.code}). Check that you may read it (an input) or write it and its folder (an output, the database).`,
  env_missing: (p) => `${p.path} does not exist (${p.code}). Check the path; the folder of an output file must exist already.`,
  env_disk_full: (p) => `the disk is full (${p.code}) writing ${p.path}; nothing half-written was kept. Free some space, or write to another disk, and run the command again.`,
  env_read_only: (p) => `${p.path} is on a read-only file system (${p.code}). Write the output to another folder, or copy the database to a writable one.`,
  env_file_too_big: (p) => `${p.path} would exceed the file-size limit (${p.code}). Raise the limit (ulimit -f) or write to another place.`,
  env_path_too_long: (p) => `the path ${p.path} is too long (${p.code}). Use a shorter folder or file name.`,
  env_is_directory: (p) => `${p.path} is a folder, not a file (${p.code}). Give a file name.`,
  env_too_many_files: (p) => `too many open files (${p.code}) at ${p.path}. Close other programs or raise the limit (ulimit -n), then run the command again.`,
  env_io: (p) => `the disk reported an input/output error (${p.code}) on ${p.path}. Check the disk; if the database is on it, restore the database from a backup.`,
  env_other: (p) => `the system refused an operation on ${p.path} (${p.code}). Check the path, its permissions and the disk, then run the command again.`,
  db_corrupt: (p) => `the database ${p.path} is damaged (${p.code}); nothing was written to it. Restore the database from a backup.`,
  db_read_only: (p) => `the database ${p.path} cannot be written (${p.code}): the file or its folder is read-only (SQLite writes journal files beside it). Check the permissions of both, or work on a copy.`,
  db_cannot_open: (p) => `the database ${p.path} cannot be opened (${p.code}). Check that its folder exists and that you may write there (SQLite writes journal files beside it).`,
  db_busy: (p) => `the database ${p.path} stayed locked by another command (${p.code}). Wait for it to finish and run the command again.`,
  db_io: (p) => `the disk failed reading or writing the database ${p.path} (${p.code}); the last complete change is kept. Check free space and the disk; if the error persists, restore the database from a backup.`,
  no_database: (p) => `there is no database at ${p.path}. Import data first ("skillsub import roster FILE"), or give the right --db or SKILLSUB_DB.`,
  db_not_a_file: (p) => `${p.path} is not a regular file (a device, pipe or socket) and cannot be a database. Pass --db FILE.`,
  stdout_failed: (p) => `cannot write to standard output (${p.code}): ${p.reason}. Free space where it goes, or write to a file with --out FILE.`,
  // usage errors (exit 2)
  usage: (p) => `${p.reason} Run "${helpCommand(p)}" for the accepted forms.`,
  xlsx_needs_out: (p) => `an xlsx workbook cannot be written to the terminal: add --out FILE.xlsx. Run "${helpCommand(p)}" for the accepted forms.`,
  quarter_and_year: (p) => `give --quarter or --year, not both. Run "${helpCommand(p)}" for the accepted forms.`,
  kind_only_for_list: (p) => `--kind is for "import list" only, not "import ${p.kind}". Run "${helpCommand(p)}" for the accepted forms.`,
  kind_needed: (p) => `"import list" needs --kind ${p.kinds}: which list the files are. Run "${helpCommand(p)}" for the accepted forms.`,
  one_verdict: (p) => `give exactly one of --cleared or --confirmed. Run "${helpCommand(p)}" for the accepted forms.`,
  unknown_help_topic: (p) => `no help on "${p.topic}". Ask for "skillsub help columns", "skillsub help codes", or one of the commands: ${p.commands}.`,
  stdin_twice: (p) => `"-" (standard input) is given twice in ${p.option}: it can be read once. Name each file once, or save the second to a file.`,
  stdin_is_terminal: (p) => `"-" in ${p.option} reads standard input, which is a terminal here. Pipe the file in (skillsub ${p.example} < file.csv), or name the file. Run "${helpCommand(p)}" for the accepted forms.`,
  one_input_file: (p) => `${p.option} takes one file, but ${p.pattern} names ${p.found} files. Name the one file to read. Run "${helpCommand(p)}" for the accepted forms.`,
  from_alone: (p) => `--from reads every verdict from its sheet: give no flag id, --cleared, --confirmed or --note with it. Run "${helpCommand(p)}" for the accepted forms.`,
  flag_id_needed: (p) => `name the flag (as "skillsub flags" lists it), or give --from FILE for a sheet of verdicts. Run "${helpCommand(p)}" for the accepted forms.`,
  one_selection: (p) => `give one of --batch, --quarter or --year. Run "${helpCommand(p)}" for the accepted forms.`,
  bad_choice: (p) => `${p.option} must be one of ${p.accepted}, not "${p.value}".`,
  out_is_database: (p) => `${p.option} ${p.file} is the database ${p.db} (or one of its journal files); writing there would destroy every import, run and verdict. Nothing was written. Give another file name.`,
  note_required: (p) => `flags resolve ${p.flag}: --note is blank or says nothing (no letter or digit). A verdict needs its reason: say what was checked and found, e.g. --note "called the institution: evening classes".`,
  force_class_roster_only: () => `--force-class applies to "import roster" only: a class belongs to the institution of a roster.`,
  note_only_for_withdraw: () => `--note is for "import withdraw" only: an import keeps its files' names and SHA-256 in the log.`,
  withdraw_one_file: (p) => `import withdraw takes one file id (given: ${p.given}). Withdraw the files one by one; "skillsub log" shows each import's file_id.`,
  withdraw_option: (p) => `${p.option} does not apply to "import withdraw", which takes a file id and --note only.`,
  withdraw_note_required: (p) => `import withdraw ${p.ref}: --note is missing or says nothing (no letter or digit). Say why the file is withdrawn, e.g. --note "wrong quarter; the institution resends it".`,
  withdraw_no_file: (p) => `no imported file is "${p.ref}". Give a file id or name; the latest imports are: ${p.latest}. "skillsub log" lists every import with its file_id.`,
  withdraw_already: (p) => `${p.file} (file ${p.id}) was withdrawn already, on ${p.at}; nothing was changed.`,
  withdraw_ambiguous: (p) => `several imports are named "${p.ref}": ${p.files}. Give the file id of the one to withdraw.`,
  withdrawn: (p) => `withdrew ${p.file} (file ${p.id}, ${p.kind}): ${p.rows} of its rows are no longer active; ${p.restored} earlier version(s) it had replaced are active again. Finished runs are unchanged; run "skillsub check" for a run without it.`,
  dry_run_checked: (p) => `dry run: ${p.rows} rows of ${p.file} would be imported; ${p.errors} row errors. Nothing was written to the database.`,
  stale_run_withdrawn: (p) => `${p.files} file(s) were withdrawn after run ${p.run}; its results still include them. Run "skillsub check" again.`,
  out_is_input: (p) => `${p.option} ${p.file} is also an input file of this command; writing there would overwrite it. Nothing was written. Give another file name.`,
  // summaries and warnings
  imported: (p) => `imported ${p.rows} rows from ${p.file}; ${p.errors} row errors`,
  skipped: (p) => `skipped ${p.file}: the same content was imported on ${p.at} as ${p.previous}. Pass --force to import it again.`,
  unknown_columns: (p) => `${p.file}: ignored unknown column(s): ${p.columns}`,
  class_moved: (p) => `${p.file}: class ${p.class_id} moved from ${p.from} ${p.from_name} (${p.from_file}) to ${p.to} (--force-class; recorded in the audit log).`,
  more_row_errors: (p) => `… and ${p.count} more row error(s). Pass --errors-out FILE to get them all.`,
  errors_written: (p) => `row errors written to ${p.file}`,
  csv_ids_hint: (p) => `${p.file} holds ID numbers: opened by double-click, Excel shows them as 5.00103E+17 and loses the last digits. For Excel, write a workbook instead (--out FILE.xlsx), or import the CSV with those columns as text.`,
  no_run: () => 'no check run yet. Run "skillsub check" first.',
  run_not_found: (p) => `there is no check run ${p.run}. "skillsub log" lists the runs.`,
  bad_run: (p) => `--run takes a run number such as 3, not "${p.value}".`,
  stale_run: (p) => `${p.files} file(s) were imported after run ${p.run}; its results do not include them. Run "skillsub check" again.`,
  bad_period: (p) => `"${p.value}" is not a period. Accepted: ${p.accepted}.`,
  bad_date_option: (p) => `${p.option} takes a date YYYY-MM-DD, not "${p.value}".`,
  invalid_policy: (p) => `the policy ${p.file} is not valid:\n  ${p.problems}\nFix these entries (see "skillsub policy show" for the shipped default).`,
  policy_ok: (p) => `${p.file}: valid policy ${p.id} (${p.title})`,
  policy_too_large: (p) => `${p.file} is ${p.bytes} bytes: a policy file is a page of YAML, at most ${p.limit} bytes. Check that this is the policy file.`,
  check_done: (p) => `run ${p.run}: ${p.claims} claims — approved ${p.approved}, partial ${p.partial}, rejected ${p.rejected}, pending ${p.pending}, review ${p.review}; ${p.flags} flags (high ${p.high}, medium ${p.medium}, low ${p.low})`,
  claim_not_found: (p) => `no claim ${p.claim} in run ${p.run}. A claim id is <class_id>/<id_number>; "skillsub approvals" lists them.`,
  person_not_found: (p) => `no roster row or certificate for ${p.id}.`,
  flag_not_found: (p) => `no flag ${p.flag} in any run. "skillsub flags" lists them.`,
  verdict_recorded: (p) => `recorded: ${p.flag} ${p.verdict}. The next "skillsub check" honours it.`,
  verdicts_recorded: (p) => `recorded ${p.recorded} verdict(s) from ${p.file}; ${p.unchanged} row(s) repeat the latest verdict and ${p.open} have none (left open). The next "skillsub check" honours them.`,
  verdict_sheet_verdict: (p) => `${p.file} line ${p.line}, column ${p.column}: "${p.value}" is not a verdict. Accepted: ${p.accepted} (or blank for a flag left open). Nothing from the sheet was recorded; fix the row and run it again.`,
  verdict_sheet_no_verdict: (p) => `${p.file} line ${p.line}, column ${p.column}: the row has a note but no verdict. Write cleared or confirmed (已排除 or 已确认). Nothing from the sheet was recorded.`,
  verdict_sheet_flag: (p) => `${p.file} line ${p.line}, column ${p.column}: no flag "${p.value}" in any run. Copy the id from "skillsub flags". Nothing from the sheet was recorded.`,
  verdict_sheet_note: (p) => `${p.file} line ${p.line}, column ${p.column}: the note is blank or says nothing (no letter or digit). A verdict needs its reason: say what was checked and found. Nothing from the sheet was recorded.`,
  verdict_sheet_twice: (p) => `${p.file} line ${p.line}, column ${p.column}: the flag ${p.value} has a verdict on line ${p.earlier} already. Keep one of the two rows. Nothing from the sheet was recorded.`,
  verdict_overturned: (p) => `${p.flag}: the latest verdict, ${p.verdict}, overturned an earlier ${p.earlier} (by ${p.by} at ${p.at}).`,
  internal: (p) => `internal error: ${p.reason}. This is a bug in skillsub; run again with --debug and report the output.`,
  log_empty: () => 'the audit log is empty: nothing has changed this database yet.',
  disburse_date_before: (p) => `--date ${p.date} is earlier than batch ${p.batch}, dated ${p.latest}; a batch may not be dated before the latest one. Use ${p.latest} or a later date.`,
  nothing_to_disburse: (p) => `nothing to disburse from run ${p.run} on ${p.date}: every claim is paid as due, held or rejected with nothing to recover. No batch was recorded.`,
  batch_recorded: (p) => `batch ${p.batch} recorded: ${p.date}, run ${p.run}, ${p.lines} line(s) — payments ${p.payments}, recoveries ${p.recoveries}, net ${p.net}`,
  batch_dry_run: (p) => `dry run: ${p.lines} line(s) from run ${p.run} on ${p.date} — payments ${p.payments}, recoveries ${p.recoveries}, net ${p.net}. Nothing was recorded.`,
  batch_not_found: (p) => `there is no disbursement batch ${p.batch}. "skillsub disbursements" lists the batches' lines.`,
  bad_batch: (p) => `--batch takes a batch number such as 2, not "${p.value}".`,
};

const zh: Record<string, Text> = {
  empty_file: (p) => `${p.file} 是空文件，没有表头行。请带表头重新导出。`,
  binary_file: (p) => `${p.file} 不是文本文件（第 ${p.byte} 字节为 NUL）。请在表格软件中另存为 CSV（逗号分隔）后导入。`,
  bad_utf8: (p) => `${p.file} 在第 ${p.byte} 字节处不是有效的 UTF-8。若由中文 Windows 的 Excel 保存，请加 --encoding gb18030。`,
  sheet_not_found: (p) => `${p.file} 中没有名为"${p.sheet}"的工作表。现有工作表：${p.sheets}。请用 --sheet 指定其中之一。`,
  xls_old_format: (p) => `${p.file} 是 Excel 97–2003 格式的工作簿，skillsub 不能读取。请用 Excel 打开，另存为"Excel 工作簿（*.xlsx）"后导入该 .xlsx 文件。`,
  xlsx_unreadable: (p) => `${p.file} 无法作为 .xlsx 工作簿读取（${p.reason}）。请用 Excel 打开后另存为 .xlsx（Excel 工作簿）或 CSV。`,
  csv_syntax: (p) => `${p.file} 第 ${p.line} 行：CSV 无法读取（${p.reason}）。请检查该行或之前是否有未闭合的引号（"）。`,
  too_many_columns: (p) => `${p.file}：表头有 ${p.count} 列，超出此类导出的列数。请确认文件是否正确。`,
  missing_columns: (p) => `${p.file}：缺少${p.kind}必填列：${p.missing}。文件中的表头：${p.found}。请修改表头或选择正确的导入类型。`,
  no_header_row: (p) => `${p.file}：第一行没有任何${p.kind}文件的列名（共 ${p.count} 个值，不予显示：缺少表头行时，第一行是某人的数据）。请把表头行放在第一行（"skillsub help columns" 列出列名及中文别名）后重新导入。`,
  wrong_kind: (p) => `${p.file}：表头属于 ${p.other} 文件（识别出其 ${p.columns} 列，而 ${p.kind} 只有 ${p.own} 列），未导入任何内容。请用 "skillsub import ${p.other} ${p.file}" 导入。`,
  duplicate_columns: (p) => `${p.file}：表头"${p.first}"（第 ${p.firstPosition} 列）与"${p.second}"（第 ${p.secondPosition} 列）指向同一列 ${p.column}。请删除或改名其中一列后重新导入。`,
  file_too_large: (p) => `${p.file}：读取所需内存超过导入解析器的上限（384 MB）。文件按每批 2000 行读取，与总行数无关，正常导出不会如此。请确认文件是否正确（是否有长达数百万字符的记录？）；该文件未导入任何数据。`,
  not_a_file: (p) => `${p.file} 不是文件。请指定要导入的 CSV 文件。`,
  no_file_matches: (p) => `没有文件与 ${p.pattern} 匹配（查找的文件夹：${p.folder}）。请检查文件夹和通配符：* 代表任意多个字符，? 代表一个字符。`,
  file_unreadable: (p) => `无法读取 ${p.file}（${p.reason}）。请检查路径和权限。`,
  db_is_directory: (p) => `${p.path} 是目录而不是数据库文件。请用 --db 指定文件。`,
  db_unreadable: (p) => `无法打开数据库 ${p.path}（${p.reason}）。请检查 --db 或 SKILLSUB_DB 指定的路径。`,
  db_too_new: (p) => `此数据库由更新版本的 skillsub 写入（结构版本 ${p.version}，本版本支持 ${p.known}）。请升级 skillsub。`,
  db_claim_id_mismatch: (p) => `数据库已损坏：花名册第 ${p.row} 行的 claim_id ${p.claim_id} 不是其 class_id/id_number。请从备份恢复数据库。`,
  db_part_missing: (p) => `数据库已损坏：数据行所引用的 ${p.table} 第 ${p.ref} 号部分不存在。请从备份恢复数据库。`,
  strict_rejected: (p) => `${p.file}：${p.errors} 条行错误；因使用 --strict，此文件未导入任何数据。请修正上列各行，或去掉 --strict 以跳过错误行。`,
  env_permission: (p) => `无权访问 ${p.path}（${p.code}）。请确认可以读取（输入文件）或写入它及其所在文件夹（输出文件、数据库）。`,
  env_missing: (p) => `${p.path} 不存在（${p.code}）。请检查路径；输出文件所在的文件夹须已存在。`,
  env_disk_full: (p) => `磁盘已满（${p.code}），写入 ${p.path} 失败；未保留写了一半的内容。请腾出空间或改写到其他磁盘后重新运行。`,
  env_read_only: (p) => `${p.path} 位于只读文件系统（${p.code}）。请把输出写到其他文件夹，或把数据库复制到可写的文件夹。`,
  env_file_too_big: (p) => `${p.path} 将超出文件大小限制（${p.code}）。请放宽限制（ulimit -f）或写到其他位置。`,
  env_path_too_long: (p) => `路径 ${p.path} 过长（${p.code}）。请使用较短的文件夹或文件名。`,
  env_is_directory: (p) => `${p.path} 是文件夹而不是文件（${p.code}）。请指定文件名。`,
  env_too_many_files: (p) => `打开的文件过多（${p.code}），位置 ${p.path}。请关闭其他程序或放宽限制（ulimit -n）后重新运行。`,
  env_io: (p) => `磁盘在 ${p.path} 上报告输入/输出错误（${p.code}）。请检查磁盘；若数据库在该磁盘上，请从备份恢复数据库。`,
  env_other: (p) => `系统拒绝了对 ${p.path} 的操作（${p.code}）。请检查路径、权限和磁盘后重新运行。`,
  db_corrupt: (p) => `数据库 ${p.path} 已损坏（${p.code}）；未向其写入任何内容。请从备份恢复数据库。`,
  db_read_only: (p) => `数据库 ${p.path} 无法写入（${p.code}）：文件或其所在文件夹为只读（SQLite 会在旁边写日志文件）。请检查两者的权限，或使用副本。`,
  db_cannot_open: (p) => `无法打开数据库 ${p.path}（${p.code}）。请确认其文件夹存在且可写（SQLite 会在旁边写日志文件）。`,
  db_busy: (p) => `数据库 ${p.path} 一直被其他命令锁定（${p.code}）。请等其完成后重新运行。`,
  db_io: (p) => `读写数据库 ${p.path} 时磁盘出错（${p.code}）；最后一次完整的改动已保留。请检查剩余空间和磁盘；若错误持续，请从备份恢复数据库。`,
  no_database: (p) => `${p.path} 处没有数据库。请先导入数据（"skillsub import roster 文件"），或指定正确的 --db 或 SKILLSUB_DB。`,
  db_not_a_file: (p) => `${p.path} 不是普通文件（设备、管道或套接字），不能作为数据库。请用 --db 指定文件。`,
  stdout_failed: (p) => `无法写入标准输出（${p.code}）：${p.reason}。请为输出目标腾出空间，或用 --out 文件 写入文件。`,
  usage: (p) => `${p.reason} 运行 "${helpCommand(p)}" 查看可用写法。`,
  xlsx_needs_out: (p) => `xlsx 工作簿不能输出到终端：请加 --out 文件名.xlsx。运行 "${helpCommand(p)}" 查看可用写法。`,
  quarter_and_year: (p) => `--quarter 与 --year 只能给一个。运行 "${helpCommand(p)}" 查看可用写法。`,
  kind_only_for_list: (p) => `--kind 只用于 "import list"，不用于 "import ${p.kind}"。运行 "${helpCommand(p)}" 查看可用写法。`,
  kind_needed: (p) => `"import list" 须用 --kind ${p.kinds} 说明文件是哪种名单。运行 "${helpCommand(p)}" 查看可用写法。`,
  one_verdict: (p) => `--cleared 与 --confirmed 须且只能给一个。运行 "${helpCommand(p)}" 查看可用写法。`,
  unknown_help_topic: (p) => `没有关于"${p.topic}"的帮助。可用 "skillsub help columns"、"skillsub help codes"，或以下命令之一：${p.commands}。`,
  stdin_twice: (p) => `${p.option} 中两次给出 "-"（标准输入），标准输入只能读一次。请每个文件只写一次，或把第二个先存为文件。`,
  stdin_is_terminal: (p) => `${p.option} 中的 "-" 表示从标准输入读取，但这里的标准输入是终端。请用管道或重定向输入文件（skillsub ${p.example} < 文件名），或直接写文件名。运行 "${helpCommand(p)}" 查看可用写法。`,
  one_input_file: (p) => `${p.option} 只读一个文件，但 ${p.pattern} 对应 ${p.found} 个文件。请写明要读取的那一个文件。运行 "${helpCommand(p)}" 查看可用写法。`,
  from_alone: (p) => `--from 从表格读取全部结论：不能同时给疑点编号、--cleared、--confirmed 或 --note。运行 "${helpCommand(p)}" 查看可用写法。`,
  flag_id_needed: (p) => `请给出疑点编号（见 "skillsub flags" 的列表），或用 --from 指定核查结论表。运行 "${helpCommand(p)}" 查看可用写法。`,
  one_selection: (p) => `--batch、--quarter、--year 只能给一个。运行 "${helpCommand(p)}" 查看可用写法。`,
  bad_choice: (p) => `${p.option} 只能是 ${p.accepted}，不能是 "${p.value}"。`,
  out_is_database: (p) => `${p.option} ${p.file} 就是数据库 ${p.db}（或其日志文件）；写入会毁掉全部导入、审核运行和核查结论。未写入任何内容。请另选文件名。`,
  note_required: (p) => `flags resolve ${p.flag}：--note 为空或没有实际内容（无文字或数字）。核查结论须写明理由：核查了什么、发现了什么，例如 --note "电话核实：晚间班"。`,
  force_class_roster_only: () => `--force-class 仅适用于 "import roster"：班级属于花名册中的机构。`,
  note_only_for_withdraw: () => `--note 只用于 "import withdraw"：导入时文件名和校验值已记入审计日志。`,
  withdraw_one_file: (p) => `import withdraw 一次只撤回一个文件（给出的是：${p.given}）。请逐个撤回；"skillsub log" 列出每次导入的文件编号。`,
  withdraw_option: (p) => `${p.option} 不适用于 "import withdraw"：它只接受文件编号和 --note。`,
  withdraw_note_required: (p) => `import withdraw ${p.ref}：--note 缺失或没有实际内容（无文字或数字）。请写明撤回原因，例如 --note "季度错误，机构将重新报送"。`,
  withdraw_no_file: (p) => `没有编号或名称为"${p.ref}"的已导入文件。请给出文件编号或文件名；最近导入的是：${p.latest}。"skillsub log" 列出每次导入的文件编号。`,
  withdraw_already: (p) => `${p.file}（文件 ${p.id}）已于 ${p.at} 撤回，未作任何改动。`,
  withdraw_ambiguous: (p) => `有多次导入的文件名为"${p.ref}"：${p.files}。请给出要撤回的那一次的文件编号。`,
  withdrawn: (p) => `已撤回 ${p.file}（文件 ${p.id}，${p.kind}）：其 ${p.rows} 行不再有效；被它替换的 ${p.restored} 个较早版本恢复有效。已完成的审核运行不变；请运行 "skillsub check" 得到不含该文件的结果。`,
  dry_run_checked: (p) => `试导入：${p.file} 将导入 ${p.rows} 行；行错误 ${p.errors} 条。数据库未作任何改动。`,
  stale_run_withdrawn: (p) => `第 ${p.run} 次运行之后撤回了 ${p.files} 个文件，其结果仍包含这些数据。请重新运行 "skillsub check"。`,
  out_is_input: (p) => `${p.option} ${p.file} 也是本命令的输入文件；写入会覆盖它。未写入任何内容。请另选文件名。`,
  imported: (p) => `已从 ${p.file} 导入 ${p.rows} 行；行错误 ${p.errors} 条`,
  skipped: (p) => `跳过 ${p.file}：相同内容已于 ${p.at} 以 ${p.previous} 导入。如需重新导入请加 --force。`,
  unknown_columns: (p) => `${p.file}：已忽略无法识别的列：${p.columns}`,
  class_moved: (p) => `${p.file}：班级 ${p.class_id} 已从 ${p.from} ${p.from_name}（${p.from_file}）移至 ${p.to}（--force-class，已记入审计日志）。`,
  more_row_errors: (p) => `…… 另有 ${p.count} 条行错误。用 --errors-out 文件 可导出全部。`,
  errors_written: (p) => `行错误已写入 ${p.file}`,
  csv_ids_hint: (p) => `${p.file} 含身份证号：在 Excel 中双击打开会显示为 5.00103E+17 并丢失末几位。供 Excel 使用请改写为工作簿（--out 文件名.xlsx），或导入 CSV 时把这些列设为文本。`,
  no_run: () => '尚未运行审核。请先运行 "skillsub check"。',
  run_not_found: (p) => `不存在第 ${p.run} 次审核运行。"skillsub log" 可列出各次运行。`,
  bad_run: (p) => `--run 应为运行编号（如 3），不能是 "${p.value}"。`,
  stale_run: (p) => `第 ${p.run} 次运行之后又导入了 ${p.files} 个文件，其结果未包含这些数据。请重新运行 "skillsub check"。`,
  bad_period: (p) => `"${p.value}" 不是有效期间。可接受：${p.accepted}。`,
  bad_date_option: (p) => `${p.option} 应为日期 YYYY-MM-DD，不能是 "${p.value}"。`,
  invalid_policy: (p) => `政策文件 ${p.file} 无效：\n  ${p.problems}\n请修改上述条目（可参考 "skillsub policy show" 显示的默认政策）。`,
  policy_ok: (p) => `${p.file}：政策 ${p.id} 有效（${p.title}）`,
  policy_too_large: (p) => `${p.file} 有 ${p.bytes} 字节：政策文件只是一页 YAML，最多 ${p.limit} 字节。请确认这是政策文件。`,
  check_done: (p) => `第 ${p.run} 次运行：共 ${p.claims} 条申请 — 通过 ${p.approved}，部分 ${p.partial}，不予 ${p.rejected}，待定 ${p.pending}，待核 ${p.review}；疑点 ${p.flags} 条（高 ${p.high}，中 ${p.medium}，低 ${p.low}）`,
  claim_not_found: (p) => `第 ${p.run} 次运行中没有申请 ${p.claim}。申请编号为 <班级编号>/<身份证号>；"skillsub approvals" 可列出。`,
  person_not_found: (p) => `没有 ${p.id} 的花名册记录或证书。`,
  flag_not_found: (p) => `任何运行中都没有疑点 ${p.flag}。"skillsub flags" 可列出。`,
  verdict_recorded: (p) => `已记录：${p.flag} ${labelValue('zh', 'verdict', p.verdict)}。下次 "skillsub check" 将采纳。`,
  verdicts_recorded: (p) => `已从 ${p.file} 记录 ${p.recorded} 条核查结论；${p.unchanged} 行与最近的结论相同，${p.open} 行没有结论（仍未核查）。下次 "skillsub check" 将采纳。`,
  verdict_sheet_verdict: (p) => `${p.file} 第 ${p.line} 行，${p.column} 列："${p.value}" 不是核查结论。可用：${p.accepted}（留空表示仍未核查）。表中所有结论均未记录；请改正该行后重新运行。`,
  verdict_sheet_no_verdict: (p) => `${p.file} 第 ${p.line} 行，${p.column} 列：有说明但没有结论。请填写已排除或已确认。表中所有结论均未记录。`,
  verdict_sheet_flag: (p) => `${p.file} 第 ${p.line} 行，${p.column} 列：任何运行中都没有疑点 "${p.value}"。请从 "skillsub flags" 复制编号。表中所有结论均未记录。`,
  verdict_sheet_note: (p) => `${p.file} 第 ${p.line} 行，${p.column} 列：说明为空或没有实际内容（无文字或数字）。核查结论须写明理由：核查了什么、发现了什么。表中所有结论均未记录。`,
  verdict_sheet_twice: (p) => `${p.file} 第 ${p.line} 行，${p.column} 列：疑点 ${p.value} 在第 ${p.earlier} 行已有结论。请只保留其中一行。表中所有结论均未记录。`,
  verdict_overturned: (p) => `${p.flag}：最新结论"${labelValue('zh', 'verdict', p.verdict)}"推翻了此前的"${labelValue('zh', 'verdict', p.earlier)}"（${p.by}，${p.at}）。`,
  internal: (p) => `内部错误：${p.reason}。这是 skillsub 的缺陷，请加 --debug 重新运行并报告输出。`,
  log_empty: () => '审计日志为空：此数据库尚无任何改动。',
  disburse_date_before: (p) => `--date ${p.date} 早于第 ${p.batch} 批拨付的日期 ${p.latest}；拨付批次的日期不能早于最近一批。请使用 ${p.latest} 或更晚的日期。`,
  nothing_to_disburse: (p) => `第 ${p.run} 次运行在 ${p.date} 无需拨付：各申请均已按应拨金额拨付、暂缓或不予且无需追回。未记录拨付批次。`,
  batch_recorded: (p) => `已记录第 ${p.batch} 批拨付：${p.date}，第 ${p.run} 次运行，${p.lines} 行 — 拨付 ${p.payments}，追回 ${p.recoveries}，净拨付 ${p.net}`,
  batch_dry_run: (p) => `试算：第 ${p.run} 次运行在 ${p.date} 共 ${p.lines} 行 — 拨付 ${p.payments}，追回 ${p.recoveries}，净拨付 ${p.net}。未记录任何内容。`,
  batch_not_found: (p) => `不存在第 ${p.batch} 批拨付。"skillsub disbursements" 可列出各批拨付明细。`,
  bad_batch: (p) => `--batch 应为批次编号（如 2），不能是 "${p.value}"。`,
};

/** R_FIELD_COUNT's expected: "got / want" (ingest/record-shape.ts). */
function fieldCounts(p: MessageParams): { got: string; want: string } {
  const [got = '?', want = '?'] = String(p.expected).split(' / ');
  return { got, want };
}

const ROW_ERROR_TEXT: Record<Lang, Record<string, Text>> = {
  en: {
    R_MISSING: () => 'a required value is blank.',
    R_ID_DAMAGED: (p) => (/[eE][+-]?\d+$/.test(String(p.value))
      ? `"${p.value}" is an ID number destroyed by spreadsheet scientific notation; its last digits are lost. Format the column as text in the source system and export again.`
      : `"${p.value}" is not a readable ID number: it should have 18 characters (15 before 1999). Correct it in the source system and export again.`),
    R_DATE: (p) => `"${p.value}" is not a date. Accepted: ${p.expected}.`,
    R_ENUM: (p) => `"${p.value}" is not an accepted value. Accepted: ${p.expected}.`,
    R_NUMBER: (p) => `"${p.value}" is not a valid amount or number. Expected: ${p.expected}.`,
    R_DUP_ROW: (p) => `the same key (${p.value}) already appears earlier in this file; the first row is kept. Remove the duplicate row.`,
    R_END_BEFORE_START: (p) => `"${p.value}" is before the start date. Expected a date ${p.expected}.`,
    R_TOO_LONG: (p) => `"${p.value}" is too long: ${p.expected}. Check the column for text pasted into the wrong cell.`,
    R_ENCODING: (p) => `"${p.value}" holds a byte that is not valid ${p.expected} (shown as \ufffd); the row was not imported. Correct the value in the source system and export again; if the whole file is in another encoding, pass --encoding.`,
    R_FIELD_COUNT: (p) => `this record has ${fieldCounts(p).got} fields where the header has ${fieldCounts(p).want}, so none of its lines was imported: "${p.value}". Look for a stray quote (") that runs over the following lines, or a delimiter inside an unquoted value, and export again.`,
    R_QUOTE: (p) => (p.expected
      ? `a quoted value in this record runs over more lines than a value holds (${p.expected}), so none of these lines was imported: "${p.value}". Look for a stray quote (") that swallowed the lines after it, remove or close it, and export again.`
      : `a quote (") in this record runs over the following lines, which hold whole rows, so none of these lines was imported: "${p.value}". Remove the stray quote or close it, and export again.`),
    R_CLASS_CONFLICT: (p) => `class ${p.value} belongs to another institution: ${p.expected}; this row was not imported and that institution's rows are unchanged. Correct the class_id or institution_code, or, if the class was imported under a wrong code, import this file again with --force-class to move it.`,
  },
  zh: {
    R_MISSING: () => '必填项为空。',
    R_ID_DAMAGED: (p) => (/[eE][+-]?\d+$/.test(String(p.value))
      ? `"${p.value}" 是被表格软件转为科学计数法的身份证号，末几位已丢失。请在源系统中将该列设为文本后重新导出。`
      : `"${p.value}" 不是可读的身份证号：应为 18 位（1999 年前为 15 位）。请在源系统中更正后重新导出。`),
    R_DATE: (p) => `"${p.value}" 不是日期。可接受：${p.expected}。`,
    R_ENUM: (p) => `"${p.value}" 不是可接受的值。可接受：${p.expected}。`,
    R_NUMBER: (p) => `"${p.value}" 不是有效的金额或数字。应为：${p.expected}。`,
    R_DUP_ROW: (p) => `相同键（${p.value}）已在本文件前面出现，保留第一行。请删除重复行。`,
    R_END_BEFORE_START: (p) => `"${p.value}" 早于开始日期。应为${p.expected} 的日期。`,
    R_TOO_LONG: (p) => `"${p.value}" 过长：${p.expected}。请检查该列是否误粘贴了其他内容。`,
    R_ENCODING: (p) => `"${p.value}" 含有不是有效 ${p.expected} 的字节（显示为 \ufffd），本行未导入。请在源系统中更正后重新导出；若整个文件是另一种编码，请加 --encoding。`,
    R_FIELD_COUNT: (p) => `此记录有 ${fieldCounts(p).got} 个字段，而表头有 ${fieldCounts(p).want} 个，其所有行均未导入："${p.value}"。请检查是否有多余的引号（"）跨越了后面的行，或未加引号的值中含有分隔符，然后重新导出。`,
    R_QUOTE: (p) => (p.expected
      ? `此记录中带引号的值跨越的行数超出一个值应有的行数（${p.expected}），因此这些行均未导入："${p.value}"。请查找吞掉后面各行的多余引号（"），删除或闭合后重新导出。`
      : `此记录中的引号（"）跨越了后面的行，而这些行是完整的记录，因此这些行均未导入："${p.value}"。请删除或闭合多余的引号后重新导出。`),
    R_CLASS_CONFLICT: (p) => `班级 ${p.value} 已属于另一机构：${p.expected}；本行未导入，该机构的记录未改动。请更正班级编号或机构代码；若该班此前以错误的代码导入，请加 --force-class 重新导入本文件以移交该班。`,
  },
};

/** The outside lists (SPEC §2.5) as a flag's detail names them. */
const LIST_NAMES: Record<Lang, Record<string, string>> = {
  en: { pension: 'pension list', public_staff: 'public-payroll list', student: 'student list', death: 'death list', insured: 'insured list' },
  zh: { pension: '养老金领取人员名单', public_staff: '财政供养人员名单', student: '在校学生名单', death: '死亡人员名单', insured: '参保缴费名单' },
};
const listName = (lang: Lang, p: MessageParams) => LIST_NAMES[lang][String(p.list)] ?? String(p.list);
/** "(file:line)" of the first row matched, and how many more matched. */
const listRef = (lang: Lang, p: MessageParams) => {
  const more = Number(p.rows) - 1;
  if (lang === 'zh') return `（${p.source}${more > 0 ? `，另有 ${more} 行` : ''}）`;
  return ` (${p.source}${more > 0 ? `, and ${more} more row(s)` : ''})`;
};

const FLAG_TEXT: Record<Lang, Record<string, Text>> = {
  en: {
    F_ID_INVALID: (p) => `${p.name} (${p.id}): the ID number fails the GB 11643 check (check character, region or birth date) on ${p.rows} row(s).`,
    F_NAME_MISMATCH: (p) => `ID ${p.id} appears under different names: ${p.names}.`,
    F_OVERLAP: (p) => `${p.name} (${p.id}) is on class ${p.classA} (${p.fromA}..${p.toA}) and class ${p.classB} (${p.fromB}..${p.toB}).`,
    F_CERT_SHARED: (p) => `certificate ${p.cert} is held by ${p.holders}.`,
    F_CERT_BEFORE_TRAINING: (p) => `${p.name} (${p.id}) holds certificate ${p.cert} issued ${p.issued}, before class ${p.classId} started on ${p.start}.`,
    F_ROSTER_REUSE: (p) => `${p.institution}: classes ${p.classA} (${p.sizeA} trainees) and ${p.classB} (${p.sizeB}) share ${p.common} trainees (Jaccard ${p.jaccard}).`,
    F_PHONE_SHARED: (p) => `phone ${p.phone} is given for ${p.persons} different ID numbers: ${p.names}.`,
    F_CATEGORY_CONFLICT: (p) => `${p.name} (${p.id}) on class ${p.classId} is listed as ${p.categories} yet names employer ${p.employer}.`,
    F_OVERCLAIM: (p) => `${p.name} (${p.id}) on class ${p.classId}: claimed ${p.claimed}, computed total ${p.total}.`,
    F_ORG_CODE_INVALID: (p) => `${p.role} code ${p.code} (${p.name}) fails the GB 32100 check on ${p.rows} row(s).`,
    F_HOURS: (p) => `class ${p.classId}: ${p.hours} hours in ${p.days} day(s) is ${p.perDay} hours a day, above ${p.max}.`,
    F_PASS_RATE: (p) => `${p.institution}: ${p.certified} of ${p.enrolled} certificate-type claims have a certificate (${p.share}).`,
    F_PENSIONER: (p) => `${p.name} (${p.id}) on class ${p.classId} (${p.start}..${p.end}) is on the ${listName('en', p)}, retired from ${p.from}${listRef('en', p)}.`,
    F_PUBLIC_STAFF: (p) => `${p.name} (${p.id}) on class ${p.classId} (${p.start}..${p.end}) is on the ${listName('en', p)} for ${p.period}${listRef('en', p)}.`,
    F_STUDENT: (p) => `${p.name} (${p.id}) on class ${p.classId} (${p.start}..${p.end}) is on the ${listName('en', p)}, enrolled ${p.period}${listRef('en', p)}.`,
    F_DECEASED: (p) => `${p.name} (${p.id}) on class ${p.classId} (${p.start}..${p.end}) is on the ${listName('en', p)}, died on ${p.from}${listRef('en', p)}, on or before ${p.latest} (${p.cert ? `issue date of certificate ${p.cert}` : 'the class\'s end date'}).`,
    F_INSURED_UNEMPLOYED: (p) => `${p.name} (${p.id}) on class ${p.classId} is listed as ${p.categories}, yet the ${listName('en', p)} shows contributions${p.employer ? ` by ${p.employer}` : ''} for ${p.period}${listRef('en', p)}, covering the class's first day ${p.start}.`,
    F_NOT_EMPLOYED: (p) => `${p.name} (${p.id}) on ${p.type} class ${p.classId} (${p.start}..${p.end}) with employer ${p.employer || '(none)'}: the insured list shows no contributions by that employer during the class${
      Number(p.rows) > 0 ? `; it shows contributions by ${p.other || 'no named employer'} for ${p.period}${listRef('en', p)}` : ''}.`,
    F_CERT_BURST: (p) => `issuer ${p.issuer} issued ${p.count} certificates in ${p.month}; that month's median over all issuers is ${p.median}, and its own monthly average over the 12 months before is ${p.average}; ${p.claims} claim(s) use them.`,
  },
  zh: {
    F_ID_INVALID: (p) => `${p.name}（${p.id}）：身份证号未通过 GB 11643 校验（校验码、地区码或出生日期），涉及 ${p.rows} 行。`,
    F_NAME_MISMATCH: (p) => `身份证号 ${p.id} 对应不同姓名：${p.names}。`,
    F_OVERLAP: (p) => `${p.name}（${p.id}）同时在班级 ${p.classA}（${p.fromA}..${p.toA}）和班级 ${p.classB}（${p.fromB}..${p.toB}）。`,
    F_CERT_SHARED: (p) => `证书 ${p.cert} 由多人持有：${p.holders}。`,
    F_CERT_BEFORE_TRAINING: (p) => `${p.name}（${p.id}）持有的证书 ${p.cert} 发证于 ${p.issued}，早于班级 ${p.classId} 开班日期 ${p.start}。`,
    F_ROSTER_REUSE: (p) => `${p.institution}：班级 ${p.classA}（${p.sizeA} 人）与 ${p.classB}（${p.sizeB} 人）有 ${p.common} 名相同学员（Jaccard ${p.jaccard}）。`,
    F_PHONE_SHARED: (p) => `电话 ${p.phone} 对应 ${p.persons} 个不同身份证号：${p.names}。`,
    F_CATEGORY_CONFLICT: (p) => `${p.name}（${p.id}）在班级 ${p.classId} 登记为 ${p.categories}，却填写了工作单位 ${p.employer}。`,
    F_OVERCLAIM: (p) => `${p.name}（${p.id}）班级 ${p.classId}：申请 ${p.claimed} 元，核定 ${p.total} 元。`,
    F_ORG_CODE_INVALID: (p) => `${p.role === 'institution' ? '机构' : '单位'}代码 ${p.code}（${p.name}）未通过 GB 32100 校验，涉及 ${p.rows} 行。`,
    F_HOURS: (p) => `班级 ${p.classId}：${p.days} 天 ${p.hours} 课时，日均 ${p.perDay} 课时，超过 ${p.max}。`,
    F_PASS_RATE: (p) => `${p.institution}：${p.enrolled} 条证书类申请中 ${p.certified} 条取得证书（${p.share}）。`,
    F_PENSIONER: (p) => `${p.name}（${p.id}）参加班级 ${p.classId}（${p.start}..${p.end}），但在${listName('zh', p)}中，${p.from} 起离退休${listRef('zh', p)}。`,
    F_PUBLIC_STAFF: (p) => `${p.name}（${p.id}）参加班级 ${p.classId}（${p.start}..${p.end}），但在${listName('zh', p)}中，在编期间 ${p.period}${listRef('zh', p)}。`,
    F_STUDENT: (p) => `${p.name}（${p.id}）参加班级 ${p.classId}（${p.start}..${p.end}），但在${listName('zh', p)}中，在校期间 ${p.period}${listRef('zh', p)}。`,
    F_DECEASED: (p) => `${p.name}（${p.id}）参加班级 ${p.classId}（${p.start}..${p.end}），但在${listName('zh', p)}中，死亡日期 ${p.from}${listRef('zh', p)}，不晚于${p.cert ? `证书 ${p.cert} 的发证日期` : '结业日期'} ${p.latest}。`,
    F_INSURED_UNEMPLOYED: (p) => `${p.name}（${p.id}）在班级 ${p.classId} 登记为 ${p.categories}，但${listName('zh', p)}显示其 ${p.period}${p.employer ? ` 由 ${p.employer}` : ''} 缴费${listRef('zh', p)}，覆盖开班日期 ${p.start}。`,
    F_NOT_EMPLOYED: (p) => `${p.name}（${p.id}）参加${labelValue('zh', 'training_type', String(p.type))}班级 ${p.classId}（${p.start}..${p.end}），用人单位 ${p.employer || '（无）'}：参保缴费名单中培训期间没有该单位为其缴费的记录${
      Number(p.rows) > 0 ? `；名单显示 ${p.period} 由 ${p.other || '未列明单位'} 缴费${listRef('zh', p)}` : ''}。`,
    F_CERT_BURST: (p) => `发证机构 ${p.issuer} 在 ${p.month} 发证 ${p.count} 本：当月各发证机构发证数的中位数为 ${p.median}，该机构此前 12 个月月均 ${p.average} 本；${p.claims} 条申请使用这些证书。`,
  },
};

export function flagDetail(lang: Lang, key: string, params: MessageParams): string {
  const text = FLAG_TEXT[lang][key] ?? FLAG_TEXT.en[key];
  // The categories a detail names are identifiers: shown with their labels, as in the columns.
  const shown = typeof params.categories === 'string' ? { ...params, categories: labelValue(lang, 'categories', params.categories) } : params;
  return text ? text(shown) : `${key} ${JSON.stringify(params)}`;
}

const CATALOGUE: Record<Lang, Record<string, Text>> = { en, zh };

/** Params that are the tool's own (lists of accepted values, a policy's problems) or paths: shown whole. */
const SHOWN_WHOLE = new Set(['problems', 'accepted', 'expected', 'file', 'path', 'db', 'command']);

const LINE_BREAK = /\r\n|\r|\n/g;

/**
 * A value from the input is echoed at most ECHOED_CHARS characters (issue #15 item 12), on one
 * line: its line breaks shown as `\n`, so that a value cannot print what looks like a line of its
 * own (a fake "imported" or "error" line).
 */
function clipped(params: MessageParams): MessageParams {
  let out: MessageParams | null = null;
  for (const [k, v] of Object.entries(params)) {
    if (typeof v !== 'string' || SHOWN_WHOLE.has(k)) continue;
    const breaks = v.search(LINE_BREAK) >= 0;
    if (v.length <= ECHOED_CHARS && !breaks) continue;
    out ??= { ...params };
    out[k] = clip(breaks ? v.replace(LINE_BREAK, '\\n') : v);
  }
  return out ?? params;
}

export function message(lang: Lang, key: string, params: MessageParams = {}): string {
  const text = CATALOGUE[lang][key] ?? CATALOGUE.en[key];
  return text ? text(clipped(params)) : `${key} ${JSON.stringify(clipped(params))}`;
}

/**
 * The accepted forms a row error names come from ingest in English (they go into the errors
 * file as they are); a Chinese message words them in Chinese, so no English is left inside it.
 */
const EXPECTED_ZH: [RegExp, string][] = [
  [/^on or after (.*)$/, '不早于 $1'],
  [/, or a spreadsheet date number/, '，或表格日期序号'],
  [/; or a year-month: /, '；或年月：'],
  [/, or blank\/无\/- for none/, '，或留空/无/- 表示无等级'],
  [/^a number ≥ 0$/, '不小于 0 的数'],
  [/^92%, 0\.92 or 92$/, '92%、0.92 或 92'],
  [/ \(≥ 0, at most two decimals\)$/, '（不小于 0，最多两位小数）'],
  [/^the number as text \(the spreadsheet turned it into scientific notation\)$/, '以文本保存的号码（表格软件已将其转为科学计数法）'],
  [/^at most ([\d,]+) characters, not ([\d,]+)$/, '最多 $1 个字符，实际 $2 个'],
  [/^at most ([\d,]+) lines, not ([\d,]+)$/, '最多 $1 行，实际 $2 行'],
  [/yes\/no, true\/false/, 'yes/no、true/false'],
];

export function expectedText(lang: Lang, expected: string): string {
  if (lang !== 'zh') return expected;
  return EXPECTED_ZH.reduce((text, [pattern, zhText]) => text.replace(pattern, zhText), expected);
}

export function rowErrorText(lang: Lang, code: string, params: MessageParams): string {
  const text = ROW_ERROR_TEXT[lang][code] ?? ROW_ERROR_TEXT.en[code];
  const shown = typeof params.expected === 'string' ? { ...params, expected: expectedText(lang, params.expected) } : params;
  return text ? text(clipped(shown)) : code;
}

/** "roster.csv line 14, column 开班日期: …"; "roster.csv lines 14–19: …" for a record over several lines. */
export function rowErrorLine(lang: Lang, file: string, e: { line: number; lastLine?: number; column: string; value: string; code: string; expected: string }): string {
  const lines = e.lastLine && e.lastLine > e.line ? `${e.line}–${e.lastLine}` : `${e.line}`;
  const several = lines.includes('–');
  const where = lang === 'zh'
    ? `${file} 第 ${lines} 行${e.column ? `，${e.column} 列` : ''}`
    : `${file} ${several ? 'lines' : 'line'} ${lines}${e.column ? `, column ${e.column}` : ''}`;
  return `${where}: [${e.code}] ${rowErrorText(lang, e.code, { value: e.value, expected: e.expected })}`;
}

/**
 * SPEC §1: LC_ALL, else LANG (`zh*` → zh); where neither names a language (unset, `C`, `POSIX`:
 * Chinese Windows has no LANG), the system locale as Intl sees it; else en.
 */
export function detectLang(env: NodeJS.ProcessEnv, systemLocale: () => string = intlLocale): Lang {
  const named = [env.LC_ALL, env.LANG].find((v) => v && !/^(C|POSIX)([._@].*)?$/i.test(v));
  const locale = named ?? systemLocale();
  return locale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

function intlLocale(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().locale;
  } catch {
    return '';
  }
}

/** `--lang zh` or `--lang=zh` as given on the command line, before commander has parsed it. */
export function langFromArgv(argv: readonly string[]): Lang | undefined {
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i] === '--lang' ? argv[i + 1] : argv[i].startsWith('--lang=') ? argv[i].slice('--lang='.length) : undefined;
    if (v === 'zh' || v === 'en') return v;
    if (argv[i] === '--') break;
  }
  return undefined;
}

/** Every message key, for the test that holds the two catalogues to the same keys. */
export function messageKeys(lang: Lang): string[] {
  return Object.keys(CATALOGUE[lang]);
}
