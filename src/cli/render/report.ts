// SPEC §8.4 formats of a statistical return: a filed-return layout for the terminal, CSV with
// one section per table, Markdown, one self-contained HTML page with inline SVG charts (no
// network, readable when printed), and a workbook with a sheet per table. The table, Markdown,
// HTML and workbook forms carry the paper form's header (表号, 制表机关, 填报单位) and its
// signature block, a blank left to fill in by hand wherever the policy gives no value.

import type { StatisticalReturn, ReturnBlocks } from '../../core/report/returns.js';
import type { Lang } from '../messages.js';
import { formatTable, displayWidth } from './table.js';
import { toCsv, type Cell } from './csv.js';
import { toXlsx } from './xlsx.js';
import { labelValue, type LabelKind } from '../labels.js';

export interface ReportTable {
  id: string;
  title: string;
  header: string[];
  rows: Cell[][];
}

const T = {
  en: {
    title: 'Statistical return — vocational skills upgrading', period: 'Period', policy: 'Policy', run: 'Run', item: 'Item', value: 'Value',
    claims: 'Claims by decision', personTimes: 'Subsidised person-times by training type', byCategory: 'Subsidised person-times by person category',
    persons: 'Persons', certificates: 'Certificates by type', levels: 'Certificates by level', subsidies: 'Subsidies (yuan)', byKind: 'Main subsidy by kind (yuan)',
    byFund: 'By fund (yuan)', flags: 'Fraud flags', targets: 'Progress against the plan’s targets', cumulative: 'Cumulative since the plan began',
    total: 'total', subsidised: 'subsidised person-times', personsSubsidised: 'persons subsidised', highSkilled: 'high-skilled share (levels 1–3)',
    living: 'living allowance', advance: 'advance', balance: 'balance', ytd: 'person-times, year to date', target: 'target for the year',
    progress: 'progress', apprentices: 'new apprentices since the plan began', apprenticesTarget: 'apprentice target', none: 'none',
    highSkilledTarget: 'high-skilled share target (2021)',
    disbursed: 'Disbursed in the period (yuan)', payments: 'payments', recoveries: 'recoveries', net: 'net', batches: 'batches',
    formNumber: 'Form number', compiledBy: 'Compiled by', reportingUnit: 'Reporting unit', formHeader: 'Form',
    headOfUnit: 'Head of unit', headOfStatistics: 'Head of statistics', preparedBy: 'Prepared by', dateReported: 'Date reported',
    blankDate: '____-__-__',
  },
  zh: {
    title: '职业技能提升行动统计报表', period: '期间', policy: '政策', run: '审核批次', item: '项目', value: '数值',
    claims: '申请审核结果', personTimes: '补贴培训人次（按培训类型）', byCategory: '补贴培训人次（按人员类别）',
    persons: '人数', certificates: '证书（按类型）', levels: '证书（按等级）', subsidies: '补贴资金（元）', byKind: '补贴（按类别，元）',
    byFund: '资金渠道（元）', flags: '疑点', targets: '目标任务完成情况', cumulative: '行动开始以来累计',
    total: '合计', subsidised: '补贴培训人次', personsSubsidised: '补贴人数', highSkilled: '高技能人才占比（一至三级）',
    living: '生活费补贴', advance: '预拨', balance: '清算', ytd: '本年累计人次', target: '年度目标', progress: '完成率',
    apprentices: '累计新型学徒', apprenticesTarget: '学徒目标', none: '无等级',
    highSkilledTarget: '高技能人才占比目标（2021年）',
    disbursed: '本期拨付（元）', payments: '拨付', recoveries: '追回', net: '净拨付', batches: '批次',
    formNumber: '表号', compiledBy: '制表机关', reportingUnit: '填报单位', formHeader: '表头',
    headOfUnit: '单位负责人', headOfStatistics: '统计负责人', preparedBy: '填表人', dateReported: '报出日期',
    blankDate: '____年__月__日',
  },
};

/** A map's entries as rows, each key (an enum value or a code) labelled in the chosen language (SPEC §1). */
const labelledPairs = (lang: Lang) => (o: Record<string, number | string>, kind: LabelKind): Cell[][] =>
  Object.entries(o).map(([k, v]) => [labelValue(lang, kind, k), v]);

function blockTables(b: ReturnBlocks, t: (typeof T)['en'], lang: Lang, prefix: string, suffix: string): ReportTable[] {
  const pairs = labelledPairs(lang);
  const table = (id: string, title: string, rows: Cell[][]): ReportTable => ({ id: `${prefix}${id}`, title: `${title}${suffix}`, header: [t.item, t.value], rows });
  return [
    table('claims', t.claims, [[t.total, b.claims.total], ...pairs(b.claims.by_decision, 'decision')]),
    table('person_times', t.personTimes, [[t.subsidised, b.person_times.subsidised], ...pairs(b.person_times.by_training_type, 'training_type')]),
    table('by_category', t.byCategory, pairs(b.person_times.by_category, 'categories')),
    table('persons', t.persons, [[t.personsSubsidised, b.persons.subsidised]]),
    table('certificates', t.certificates, [[t.total, b.certificates.total], ...pairs(b.certificates.by_type, 'cert_type'), [t.highSkilled, b.certificates.high_skilled_share]]),
    table('levels', t.levels, Object.entries(b.certificates.by_level).map(([k, v]) => [k === 'none' ? t.none : lang === 'zh' ? `${'一二三四五'[Number(k) - 1] ?? k}级` : k, v])),
    table('subsidies', t.subsidies, [
      [t.total, b.subsidies.total], ...pairs(b.subsidies.by_kind, 'kind'), [t.living, b.subsidies.living_allowance], [t.advance, b.subsidies.advance], [t.balance, b.subsidies.balance],
    ]),
    table('by_fund', t.byFund, pairs(b.subsidies.by_fund, 'fund')),
  ];
}

export function reportTables(r: StatisticalReturn, lang: Lang): ReportTable[] {
  const t = T[lang];
  const pairs = labelledPairs(lang);
  const tables = blockTables(r, t, lang, '', '');
  tables.push({ id: 'flags', title: t.flags, header: [t.item, t.value], rows: [[t.total, r.flags.total], ...pairs(r.flags.by_severity, 'severity'), ...pairs(r.flags.by_rule, 'codes')] });
  tables.push({
    id: 'disbursed', title: t.disbursed, header: [t.item, t.value], rows: [
      [t.payments, r.disbursed.payments], [t.recoveries, r.disbursed.recoveries], [t.net, r.disbursed.net], ...pairs(r.disbursed.by_fund, 'fund'),
      [t.batches, r.disbursed.batches],
    ],
  });
  tables.push({
    id: 'targets', title: t.targets, header: [t.item, t.value], rows: [
      [t.ytd, r.targets.person_times_ytd], [t.target, r.targets.person_times_target ?? ''], [t.progress, r.targets.progress ?? ''],
      [t.apprentices, r.targets.apprentices_cumulative], [t.apprenticesTarget, r.targets.apprentices_target],
      [t.highSkilledTarget, r.targets.high_skilled_share_target],
    ],
  });
  if (r.cumulative) tables.push(...blockTables(r.cumulative, t, lang, 'cumulative_', ` — ${t.cumulative}`));
  return tables;
}

function heading(r: StatisticalReturn, lang: Lang): string[] {
  const t = T[lang];
  return [t.title, `${t.period}: ${r.period.label} (${r.period.from} … ${r.period.to})   ${t.policy}: ${r.policy}   ${t.run}: ${r.run}`];
}

const BLANK = '______________';

/** The paper form's header: each label with its value, or a blank to fill in by hand. */
function formHeader(r: StatisticalReturn, lang: Lang): [string, string][] {
  const t = T[lang];
  return [[t.formNumber, r.header.form_number], [t.compiledBy, r.header.compiled_by], [t.reportingUnit, r.header.reporting_unit]];
}

/** The signature block at the foot of a filed return, always blank. */
function signatureBlock(lang: Lang): [string, string][] {
  const t = T[lang];
  return [[t.headOfUnit, ''], [t.headOfStatistics, ''], [t.preparedBy, ''], [t.dateReported, '']];
}

function formLine(pairs: [string, string][], lang: Lang): string {
  const blank = (label: string) => (label === T[lang].dateReported ? T[lang].blankDate : BLANK);
  return pairs.map(([label, value]) => `${label}: ${value || blank(label)}`).join('   ');
}

export function reportAsText(r: StatisticalReturn, lang: Lang): string {
  const [title, sub] = heading(r, lang);
  const parts = [`${title}\n${'='.repeat(displayWidth(title))}\n${formLine(formHeader(r, lang), lang)}\n${sub}\n`];
  for (const table of reportTables(r, lang)) {
    parts.push(`${table.title}\n${formatTable(table.header, table.rows.map((row) => row.map((c) => String(c ?? ''))), [false, true])}`);
  }
  parts.push(`${formLine(signatureBlock(lang), lang)}\n`);
  return parts.join('\n');
}

export function reportAsCsv(r: StatisticalReturn, lang: Lang): string {
  // One section per table: a title line, the header, the rows, then a blank line.
  const lines: Cell[][] = [];
  for (const table of reportTables(r, lang)) {
    lines.push([`# ${table.title}`], table.header, ...table.rows, []);
  }
  const [, ...rest] = toCsv(['section', ''], lines).split('\r\n');
  const [title, sub] = heading(r, lang);
  return `\ufeff${toCsv([title], [[sub], []]).slice(1)}${rest.join('\r\n')}`;
}

/** Text in Markdown: no raw HTML (a policy id is the user's text, and Markdown passes HTML through). */
function mdText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function mdCell(c: Cell): string {
  return mdText(String(c ?? '')).replace(/\|/g, '\\|');
}

export function reportAsMarkdown(r: StatisticalReturn, lang: Lang): string {
  const [title, sub] = heading(r, lang).map(mdText);
  const out = [`# ${title}`, '', mdCell(formLine(formHeader(r, lang), lang)), '', sub, ''];
  for (const table of reportTables(r, lang)) {
    out.push(`## ${table.title}`, '', `| ${table.header.join(' | ')} |`, `| --- | ---: |`, ...table.rows.map((row) => `| ${row.map(mdCell).join(' | ')} |`), '');
  }
  out.push(mdCell(formLine(signatureBlock(lang), lang)), '');
  return out.join('\n');
}

export async function reportAsXlsx(r: StatisticalReturn, lang: Lang): Promise<Buffer> {
  const t = T[lang];
  // The subsidy tables hold amounts (yuan): numeric cells (SPEC §9); the others hold counts and ratios, numbers already.
  const money = (id: string) => /^(cumulative_)?(subsidies|by_fund)$/.test(id);
  // The form's header and signature block on a first sheet of their own, the blanks left empty to fill in.
  const form = { name: lang === 'zh' ? t.formHeader : 'form', header: [t.item, t.value], rows: [...formHeader(r, lang), ['', ''], ...signatureBlock(lang)] as Cell[][] };
  // Ratios are numbers shown as percentages (8.4%, not 0.0838).
  const ratios = new Set([t.highSkilled, t.progress, t.highSkilledTarget]);
  return toXlsx([form, ...reportTables(r, lang).map((table) => ({
    name: lang === 'zh' ? table.title : table.id, header: table.header, rows: table.rows, money: [false, money(table.id)],
    cellType: (row: number, column: number) => (column === 1 && ratios.has(String(table.rows[row]?.[0])) ? 'percent' as const : undefined),
  }))]);
}

// ---- HTML with inline SVG ---------------------------------------------------------------

export function esc(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function progressChart(label: string, done: number, target: number | null): string {
  const share = target ? Math.min(done / target, 1) : 0;
  const width = 560;
  const pct = target ? `${((done / target) * 100).toFixed(1)}%` : '—';
  return `<figure class="chart"><figcaption>${esc(label)}</figcaption>
<svg role="img" aria-label="${esc(label)}" width="${width + 240}" height="46" viewBox="0 0 ${width + 240} 46" xmlns="http://www.w3.org/2000/svg">
<rect x="0" y="8" width="${width}" height="26" fill="#e8eef5" stroke="#8aa4c2"/>
<rect class="bar" x="0" y="8" width="${(width * share).toFixed(1)}" height="26" fill="#2f6db3"/>
<text x="${width + 8}" y="27" font-size="14">${esc(`${done} / ${target ?? '—'} (${pct})`)}</text>
</svg></figure>`;
}

function barChart(label: string, data: Record<string, number>): string {
  const entries = Object.entries(data).sort((a, b) => b[1] - a[1]);
  const max = Math.max(1, ...entries.map(([, v]) => v));
  const rowH = 24;
  const labelW = 210;
  const barW = 380;
  const height = Math.max(1, entries.length) * rowH + 10;
  const bars = entries.map(([k, v], i) => {
    const y = 5 + i * rowH;
    return `<text x="${labelW - 6}" y="${y + 16}" font-size="13" text-anchor="end">${esc(k)}</text>
<rect class="bar" x="${labelW}" y="${y + 3}" width="${((barW * v) / max).toFixed(1)}" height="${rowH - 8}" fill="#3a8d5c"/>
<text x="${labelW + (barW * v) / max + 6}" y="${y + 16}" font-size="13">${v}</text>`;
  }).join('\n');
  return `<figure class="chart"><figcaption>${esc(label)}</figcaption>
<svg role="img" aria-label="${esc(label)}" width="${labelW + barW + 70}" height="${height}" viewBox="0 0 ${labelW + barW + 70} ${height}" xmlns="http://www.w3.org/2000/svg">
${bars || `<text x="10" y="20" font-size="13">—</text>`}
</svg></figure>`;
}

const labelledKeys = (lang: Lang, o: Record<string, number>, kind: LabelKind): Record<string, number> =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [String(labelValue(lang, kind, k)), v]));

export function reportAsHtml(r: StatisticalReturn, lang: Lang): string {
  const t = T[lang];
  const [title, sub] = heading(r, lang);
  const charts = [
    progressChart(`${t.targets}: ${t.ytd} ${r.targets.year}`, r.targets.person_times_ytd, r.targets.person_times_target),
    progressChart(`${t.apprentices}`, r.targets.apprentices_cumulative, r.targets.apprentices_target),
    barChart(t.byCategory, labelledKeys(lang, r.person_times.by_category, 'categories')),
    barChart(t.personTimes, labelledKeys(lang, r.person_times.by_training_type, 'training_type')),
  ].join('\n');
  const tables = reportTables(r, lang).map((table) => `<section><h2>${esc(table.title)}</h2><table>
<thead><tr>${table.header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>
<tbody>${table.rows.map((row) => `<tr>${row.map((c, i) => `<td${i > 0 ? ' class="num"' : ''}>${esc(c)}</td>`).join('')}</tr>`).join('\n')}</tbody>
</table></section>`).join('\n');
  return `<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(title)} ${esc(r.period.label)}</title>
<style>
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; margin: 2em; color: #1b1b1b; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; } h2 { font-size: 1.1em; margin: 1.2em 0 0.4em; }
.sub { color: #444; margin-bottom: 1.5em; }
.form { display: flex; flex-wrap: wrap; gap: 0.5em 3em; } .signatures { margin-top: 2em; }
.blank { display: inline-block; min-width: 10em; border-bottom: 1px solid #1b1b1b; }
.charts { display: flex; flex-wrap: wrap; gap: 1em 3em; }
figure.chart { margin: 0 0 1em; } figcaption { font-weight: bold; margin-bottom: 0.3em; }
table { border-collapse: collapse; min-width: 24em; } th, td { border: 1px solid #999; padding: 0.25em 0.6em; }
th { background: #eef2f7; text-align: left; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
section { break-inside: avoid; page-break-inside: avoid; }
@media print { body { margin: 1cm; } .charts { display: block; } rect.bar { print-color-adjust: exact; -webkit-print-color-adjust: exact; } }
</style></head>
<body>
<h1>${esc(title)}</h1>
<p class="form">${formHeader(r, lang).map(([label, value]) => `<span>${esc(label)}: ${value ? esc(value) : '<span class="blank"></span>'}</span>`).join('\n')}</p>
<p class="sub">${esc(sub)}</p>
<div class="charts">
${charts}
</div>
${tables}
<p class="form signatures">${signatureBlock(lang).map(([label]) => `<span>${esc(label)}: <span class="blank"></span></span>`).join('\n')}</p>
</body></html>
`;
}
