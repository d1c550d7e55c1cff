// `skillsub person ID_NUMBER` (SPEC §8.5), `skillsub explain CLAIM_ID` (SPEC §8.6) and
// `skillsub sample` (SPEC §7.2).

import { Command, Option } from 'commander';
import { personRecord } from '../../app/person.js';
import { explainClaim } from '../../app/explain.js';
import { parsePolicyText } from '../../app/policy.js';
import { hasRun } from '../../app/runs.js';
import { callbackSample, SAMPLE_COLUMNS } from '../../app/sample.js';
import { UsageError } from '../../core/errors.js';
import { selectRun } from '../run-selection.js';
import { chooseFormat, emitTable, labelRows } from '../render/output.js';
import { formatTable, tableCell } from '../render/table.js';
import { columns } from '../columns.js';
import { FACT_LABELS, factText, labelValue, STEP_LABELS } from '../labels.js';
import { localToday } from './check.js';
import type { Context, Runner } from '../context.js';

/** One section of a person's record: headers and enum values in the chosen language, as in every list. */
function printSection(ctx: Context, title: string, rows: Record<string, unknown>[]): void {
  ctx.out(`\n## ${title} (${rows.length})`);
  if (rows.length === 0) return;
  const keys = Object.keys(rows[0]);
  const cols = columns(keys);
  const cells = labelRows(ctx, cols, rows.map((r) => keys.map((k) => (r[k] === null || r[k] === undefined ? '' : String(r[k])))));
  ctx.io.stdout.write(formatTable(cols.map((c) => (ctx.lang === 'zh' ? c.zh : c.en)), cells.map((r) => r.map((c) => String(c ?? '')))));
}

const PERSON_TEXT = {
  en: {
    invalid: '  (ID number invalid)',
    quota: (run: string, year: string, used: number, limit: number, remaining: number) => `run: ${run}; certificate subsidies in ${year}: ${used} of ${limit}, ${remaining} remaining`,
    sections: ['roster rows', 'certificates', 'outside lists', 'decisions', 'disbursements', 'flags', 'occupation + level already subsidised'],
  },
  zh: {
    invalid: '  （身份证号无效）',
    quota: (run: string, year: string, used: number, limit: number, remaining: number) => `审核运行：${run}；${year} 年已享受证书类补贴 ${used} 次，上限 ${limit} 次，剩余 ${remaining} 次`,
    sections: ['花名册记录', '证书', '外部名单', '审核结果', '拨付', '疑点', '已享受补贴的职业和等级'],
  },
};

export function personCommand(run: Runner): Command {
  return new Command('person')
    .argument('<id_number>', 'the person\'s resident ID number (15 or 18 digits)')
    .description('one person\'s whole training record: rows, certificates, outside-list rows, decisions, subsidies, flags, remaining quota')
    .option('--run <n>', 'a stored run (default: the latest)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']))
    .addHelpText('after', '\nExample:\n  $ skillsub person 11010519491231002X')
    .action(async (id: string, flags: { run?: string; format?: string }) => {
      await run(async (ctx) => {
        const db = ctx.database();
        const r = flags.run !== undefined || hasRun(db) ? selectRun(ctx, flags.run) : undefined;
        const policy = r ? parsePolicyText(r.policy_text, `run ${r.id}`) : null;
        // A run's date rules read its as-of date (SPEC §1): the quota year and the ID's birth-date bound too.
        const record = personRecord(db, id, r, policy, r?.as_of ?? localToday());
        if ((flags.format ?? 'table') === 'json') {
          ctx.out(JSON.stringify(record, null, 2));
          return 0;
        }
        const text = PERSON_TEXT[ctx.lang];
        const sex = record.sex ? labelValue(ctx.lang, 'sex', record.sex) : '';
        ctx.out(`# ${tableCell(record.names.join(' / '))}  ${record.id_number}  ${sex} ${record.birth_date ?? ''}${record.id_valid ? '' : text.invalid}`);
        ctx.out(text.quota(String(record.run ?? '—'), record.quota.year, record.quota.used, record.quota.limit, record.quota.remaining));
        const sections = [record.roster_rows, record.certificates, record.list_rows, record.decisions, record.disbursements, record.flags, record.subsidised_pairs];
        sections.forEach((rows, i) => printSection(ctx, text.sections[i], rows as Record<string, unknown>[]));
        return 0;
      });
    });
}

export function explainCommand(run: Runner): Command {
  return new Command('explain')
    .argument('<claim_id>', 'the claim, <class_id>/<id_number>')
    .description('every step that decided one claim, with the values it used and the rows\' sources')
    .option('--run <n>', 'a stored run (default: the latest)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']))
    .addHelpText('after', '\nExample:\n  $ skillsub explain CQ2020-017/11010519491231002X')
    .action(async (claimId: string, flags: { run?: string; format?: string }) => {
      await run(async (ctx) => {
        const r = selectRun(ctx, flags.run);
        const e = explainClaim(ctx.database(), r, claimId);
        if ((flags.format ?? 'table') === 'json') {
          ctx.out(JSON.stringify(e, null, 2));
          return 0;
        }
        const zh = ctx.lang === 'zh';
        const decision = labelValue(ctx.lang, 'decision', e.decision);
        const reasons = e.reasons ? ` [${labelValue(ctx.lang, 'codes', e.reasons)}]` : '';
        ctx.out(zh
          ? `申请 ${e.claim_id} — 第 ${e.run} 次审核运行（政策 ${e.policy.id}，基准日期 ${e.as_of}）：${decision}${reasons}`
          : `claim ${e.claim_id} — run ${e.run} (policy ${e.policy.id}, as of ${e.as_of}): ${decision}${reasons}`);
        for (const s of e.steps) {
          const name = zh ? (STEP_LABELS[s.name] ?? s.name) : s.name;
          const outcome = s.code ? labelValue(ctx.lang, s.code === 'review' ? 'decision' : 'codes', s.code) : zh ? '通过' : 'ok';
          ctx.out(`  ${String(s.step).padStart(2)}. ${zh ? name : name.padEnd(16)} ${outcome}`);
          for (const [k, v] of Object.entries(s.facts)) ctx.out(`        ${zh ? (FACT_LABELS[k] ?? k) : k}: ${factText(ctx.lang, k, v)}`);
        }
        ctx.out(zh ? '  各版本：' : '  versions:');
        for (const v of e.versions) ctx.out(`        ${v.source}${v.active_in_run ? (zh ? '  ← 本次运行所用' : '  ← used by this run') : ''}`);
        return 0;
      });
    });
}

export function sampleCommand(run: Runner): Command {
  return new Command('sample')
    .description('a reproducible call-back sample (电话回访) of paid claims from each class')
    .option('--per-class <share>', 'share of each class\'s paid claims', '0.1')
    .option('--min <n>', 'at least this many per class', '1')
    .option('--seed <n>', 'seed: the same seed and data give the same sample', '1')
    .option('--run <n>', 'a stored run (default: the latest)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'json', 'xlsx']))
    .option('--out <file>', 'write to a file (format from its extension; - for standard output)')
    .addHelpText('after', '\nExample:\n  $ skillsub sample --per-class 0.1 --min 2 --seed 2020 --out callback.xlsx')
    .action(async (flags: { perClass: string; min: string; seed: string; run?: string; format?: string; out?: string }) => {
      await run(async (ctx) => {
        const share = Number(flags.perClass);
        if (!/^\d*\.?\d+$/.test(flags.perClass) || share <= 0 || share > 1) throw new UsageError('bad_choice', { option: '--per-class', accepted: 'a share above 0 and at most 1, e.g. 0.1', value: flags.perClass });
        if (!/^\d+$/.test(flags.min)) throw new UsageError('bad_choice', { option: '--min', accepted: 'a whole number', value: flags.min });
        if (!/^\d+$/.test(flags.seed)) throw new UsageError('bad_choice', { option: '--seed', accepted: 'a whole number', value: flags.seed });
        const format = chooseFormat(ctx, flags.format, flags.out, ['table', 'csv', 'json', 'xlsx']);
        const r = selectRun(ctx, flags.run);
        const sample = callbackSample(ctx.database(), r.id, { share, min: Number(flags.min), seed: Number(flags.seed) });
        const rows = sample.map((row) => SAMPLE_COLUMNS.map((k) => row[k]));
        await emitTable(ctx, columns([...SAMPLE_COLUMNS]), rows, { format, out: flags.out, sheet: 'sample' });
        return 0;
      });
    });
}
