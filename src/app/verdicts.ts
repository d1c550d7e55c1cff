// SPEC §7.1: an auditor's verdict on a flag, kept with the OS user and time and logged.

import { basename } from 'node:path';
import type { Db } from '../store/database.js';
import { appendAudit, type AuditContext } from '../store/audit-log.js';
import { readTable } from '../ingest/read-table.js';
import { mapColumns, VERDICT_COLUMNS } from '../ingest/columns.js';
import { normaliseHeader, saysNothing } from '../core/normalise/text.js';
import { DataError } from '../core/errors.js';
import type { Verdict } from '../core/decide/fraud-confirmed.js';
import { insertVerdict, latestVerdicts, ruleOfFlag } from '../store/verdicts.js';

function recordOne(db: Db, flagId: string, rule: string, verdict: Verdict, note: string, audit: AuditContext, from?: object): void {
  insertVerdict(db, flagId, verdict, note, audit.osUser, audit.now());
  appendAudit(db, audit, 'flags resolve', { flag_id: flagId, rule, verdict, note, ...from });
}

export function recordVerdict(db: Db, flagId: string, verdict: Verdict, note: string, audit: AuditContext): void {
  db.transaction(() => {
    const rule = ruleOfFlag(db, flagId);
    if (!rule) throw new DataError('flag_not_found', { flag: flagId });
    recordOne(db, flagId, rule, verdict, note, audit);
  }).immediate();
}

/** The words a verdict sheet may use (the English ids, and what `flags` shows under zh and more). */
const VERDICT_WORDS: Readonly<Record<string, Verdict | 'open'>> = {
  cleared: 'cleared', clear: 'cleared', 已排除: 'cleared', 排除: 'cleared', 不属违规: 'cleared', 无问题: 'cleared',
  confirmed: 'confirmed', confirm: 'confirmed', 已确认: 'confirmed', 确认: 'confirmed', 确属违规: 'confirmed', 属实: 'confirmed',
  open: 'open', 未核查: 'open', '': 'open',
};
/** `flags` under zh shows a flag as 同时参加多个培训班(F_OVERLAP-3fa9c2b1d0e4): the id is in the brackets. */
const LABELLED_FLAG = /\((F_[A-Z_]+-[0-9a-f]+)\)\s*$/;

export interface VerdictSheetResult {
  file: string;
  recorded: number;
  /** Rows that repeat the flag's latest verdict and note (a flags sheet read back): nothing new. */
  unchanged: number;
  /** Rows without a verdict (open flags of a flags sheet). */
  open: number;
}

/**
 * Issue #20 item 7: `flags resolve --from FILE` — many verdicts from a sheet (columns flag_id,
 * verdict, note; Chinese headers too; a `flags --out` workbook with its verdict columns filled in
 * will do). All or nothing: every row is checked first, and the first bad one stops the sheet
 * (exit 3) with its line and column; then each verdict is stored and logged, in one transaction.
 */
export async function recordVerdictsFromFile(db: Db, path: string, audit: AuditContext): Promise<VerdictSheetResult> {
  const file = basename(path);
  const records = await readTable(path, file);
  if (records.length === 0) throw new DataError('empty_file', { file });
  // A workbook written under zh has a title row above its header: the header is the first row naming flag_id.
  const flagHeaders = new Set(['flag_id', ...VERDICT_COLUMNS[0].aliases].map(normaliseHeader));
  const at = Math.max(0, records.slice(0, 5).findIndex((r) => r.fields.some((f) => flagHeaders.has(normaliseHeader(f)))));
  const map = mapColumns(VERDICT_COLUMNS, 'verdicts', records[at].fields, file);
  const latest = latestVerdicts(db);
  const seen = new Map<string, number>();
  const toRecord: { flagId: string; rule: string; verdict: Verdict; note: string; line: number }[] = [];
  let unchanged = 0;
  let open = 0;
  for (const { line, fields } of records.slice(at + 1)) {
    const cell = (name: string) => (fields[map.index[name]] ?? '').trim();
    const bad = (key: string, column: string, value: string, params: object = {}) =>
      new DataError(key, { file, line, column: map.header[column], value, ...params });
    const rawFlag = cell('flag_id');
    const rawVerdict = cell('verdict');
    const note = cell('note');
    const verdict = VERDICT_WORDS[normaliseHeader(rawVerdict)];
    if (verdict === undefined) throw bad('verdict_sheet_verdict', 'verdict', rawVerdict, { accepted: 'cleared, confirmed, 已排除, 已确认' });
    if (verdict === 'open') {
      // A note without its verdict: the auditor meant one and did not write it.
      if (!saysNothing(note)) throw bad('verdict_sheet_no_verdict', 'verdict', rawVerdict);
      open++;
      continue;
    }
    const flagId = LABELLED_FLAG.exec(rawFlag)?.[1] ?? rawFlag;
    const rule = flagId === '' ? undefined : ruleOfFlag(db, flagId);
    if (!rule) throw bad('verdict_sheet_flag', 'flag_id', rawFlag);
    if (saysNothing(note)) throw bad('verdict_sheet_note', 'note', note);
    const earlier = seen.get(flagId);
    if (earlier !== undefined) throw bad('verdict_sheet_twice', 'flag_id', rawFlag, { earlier });
    seen.set(flagId, line);
    const now = latest.get(flagId);
    if (now && now.verdict === verdict && now.note === note) {
      unchanged++;
      continue;
    }
    toRecord.push({ flagId, rule, verdict, note, line });
  }
  db.transaction(() => {
    for (const v of toRecord) recordOne(db, v.flagId, v.rule, v.verdict, v.note, audit, { from: file, line: v.line });
  }).immediate();
  return { file, recorded: toRecord.length, unchanged, open };
}

export { latestVerdicts, type LatestVerdict } from '../store/verdicts.js';
export { flagRows as runFlags, type FlagRow } from '../store/runs.js';
