// SPEC §8.4's forms of a statistical return, laid out as the paper return a bureau files
// ((十五) 统计季报、年报): the form's header (表号, 制表机关, 填报单位 — a blank to fill in by
// hand where the policy gives no value), the period, the data's as-of date and the time it was
// made, then one table whose rows are the indicators, each with its unit, and whose columns
// are 本期 | 本年累计 | 行动累计 | 目标 | 完成率 | 时间进度 (core/report/filed-return.ts),
// then the signature block. The fraud flags follow as an internal annex, apart from the
// return. Terminal text, CSV, Markdown, one self-contained HTML page (no network; printed on
// A4, the table's header repeated on each page, charts and annex on pages of their own) and a
// workbook (the return on one sheet, the annex on another).

import type { FiledLine, FiledReturn, FiledUnit } from '../../core/report/filed-return.js';
import type { Lang } from '../messages.js';
import { formatTable, displayWidth } from './table.js';
import { toCsv, type Cell } from './csv.js';
import { toXlsx, type CellType } from './xlsx.js';
import { labelValue, type LabelKind } from '../labels.js';

const T = {
  en: {
    quarterly: 'Statistical return (quarterly) — vocational skills upgrading', annual: 'Statistical return (annual) — vocational skills upgrading',
    period: 'Period', ytd: 'Year to date', sinceStart: 'Since the action began', to: '–', asOf: 'Data as of', run: 'check run', policy: 'policy', generated: 'Made',
    columns: ['Indicator', 'Unit', 'This period', 'Year to date', 'Since the action began', 'Target', 'Completion', 'Time elapsed'],
    units: { person_times: 'person-times', persons: 'persons', certificates: 'certificates', yuan: 'yuan', share: '%', batches: 'batches' } as Record<FiledUnit, string>,
    headings: { claims: 'I. Claims decided', training: 'II. Subsidised training', certificates: 'III. Certificates', subsidies: 'IV. Subsidies', disbursed: 'V. Disbursed' } as Record<string, string>,
    keys: {
      claims: 'claims decided', person_times: 'subsidised person-times (target of the year)', person_times_action: 'subsidised person-times (three-year target)',
      by_training_type: 'by training type', by_category: 'by person category', by_cert_type: 'by certificate type', by_level: 'by level',
      by_kind: 'main subsidy by kind', by_fund: 'by fund', persons: 'persons subsidised', apprentices: 'new apprentices (distinct persons)', certificates: 'certificates issued',
      high_skilled_share: 'high-skilled share (levels 1–3; target for 2021)', subsidies: 'subsidies paid', living_allowance: 'living allowance',
      advance: 'advance', balance: 'balance', payments: 'payments', recoveries: 'recoveries', net: 'net disbursed', batches: 'batches',
    } as Record<string, string>,
    level: (k: string) => (k === 'none' ? 'no level' : `level ${k}`),
    formNumber: 'Form number', compiledBy: 'Compiled by', reportingUnit: 'Reporting unit',
    headOfUnit: 'Head of unit', headOfStatistics: 'Head of statistics', preparedBy: 'Prepared by', dateReported: 'Date reported', blankDate: '____-__-__',
    annex: 'Annex (internal, not part of the filed return): fraud flags', annexNote: (run: number) => `Flags are not counted by period: these are all the flags of check run ${run}.`,
    item: 'Item', count: 'Flags', total: 'total', charts: 'Progress against the plan', pace: 'time elapsed', sheet: 'return', annexSheet: 'annex-flags',
    paceLegend: 'The mark on each bar is the share of the target\'s time already gone.',
  },
  zh: {
    quarterly: '职业技能提升行动培训补贴统计季报', annual: '职业技能提升行动培训补贴统计年报',
    period: '报告期', ytd: '本年累计', sinceStart: '行动累计', to: '至', asOf: '数据截至', run: '审核批次', policy: '政策', generated: '生成时间',
    columns: ['指标', '计量单位', '本期', '本年累计', '行动累计', '目标', '完成率', '时间进度'],
    units: { person_times: '人次', persons: '人', certificates: '本', yuan: '元', share: '%', batches: '批' } as Record<FiledUnit, string>,
    headings: { claims: '一、补贴申请审核', training: '二、补贴培训', certificates: '三、取得证书', subsidies: '四、补贴资金', disbursed: '五、资金拨付' } as Record<string, string>,
    keys: {
      claims: '审核申请', person_times: '补贴培训人次（年度目标）', person_times_action: '补贴培训人次（三年行动目标）',
      by_training_type: '按培训类型分', by_category: '按人员类别分', by_cert_type: '按证书类型分', by_level: '按等级分',
      by_kind: '按补贴类别分', by_fund: '按资金渠道分', persons: '补贴人数', apprentices: '企业新型学徒', certificates: '取得证书',
      high_skilled_share: '高技能人才占比（一至三级，2021年目标）', subsidies: '补贴资金合计', living_allowance: '生活费补贴',
      advance: '预拨', balance: '清算', payments: '拨付金额', recoveries: '追回金额', net: '净拨付', batches: '拨付批次',
    } as Record<string, string>,
    level: (k: string) => (k === 'none' ? '无等级' : `${'一二三四五'[Number(k) - 1] ?? k}级`),
    formNumber: '表号', compiledBy: '制表机关', reportingUnit: '填报单位',
    headOfUnit: '单位负责人', headOfStatistics: '统计负责人', preparedBy: '填表人', dateReported: '报出日期', blankDate: '____年__月__日',
    annex: '附件（内部资料，不随报表报送）：疑点统计', annexNote: (run: number) => `疑点不分期间统计：以下为审核批次 ${run} 的全部疑点。`,
    item: '项目', count: '疑点数', total: '合计', charts: '目标任务完成情况', pace: '时间进度', sheet: '统计表', annexSheet: '附件-疑点（内部）',
    paceLegend: '进度条上的竖线为时间进度（目标期限已过去的比例）。',
  },
};

type Texts = (typeof T)['en'];

/** The enums whose values label a breakdown row; `level` is the return's own (一级 … 五级). */
const ENUM_KEYS = new Set(['decision', 'training_type', 'categories', 'cert_type', 'kind', 'fund', 'level']);

/** A row's label in the chosen language, a breakdown indented beneath its indicator. */
function lineLabel(line: FiledLine, lang: Lang): string {
  const t = T[lang];
  const { key, value } = line.label;
  if (line.depth === 0) return t.headings[key] ?? key;
  let text: string;
  if (value === undefined) text = t.keys[key] ?? key;
  else if (key === 'level') text = t.level(value);
  else text = ENUM_KEYS.has(key) ? String(labelValue(lang, key as LabelKind, value)) : value;
  const indent = lang === 'zh' ? '\u3000' : '\u00a0\u00a0';
  return `${indent.repeat(line.depth - 1)}${text}`;
}

const grouped = (n: number, decimals: number) => n.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
const percent = (x: number | null) => (x === null ? '' : `${(x * 100).toFixed(1)}%`);

/** A figure as printed: thousands separated, yuan with two decimals, a share as a percentage. */
function shown(value: number | null, unit: FiledUnit | null): string {
  if (value === null) return '';
  if (unit === 'share') return percent(value);
  return grouped(value, unit === 'yuan' ? 2 : 0);
}

/** The printed row: label, unit, the three columns, target, completion, time elapsed. */
function printedRow(line: FiledLine, lang: Lang): string[] {
  if (line.depth === 0) return [lineLabel(line, lang), '', '', '', '', '', '', ''];
  return [
    lineLabel(line, lang), line.unit ? T[lang].units[line.unit] : '',
    shown(line.period, line.unit), shown(line.ytd, line.unit), shown(line.sinceStart, line.unit),
    shown(line.target, line.unit), percent(line.completion), percent(line.pace),
  ];
}

const QUARTERS_ZH = ['一', '二', '三', '四'];

function titleOf(f: FiledReturn, lang: Lang): string {
  return f.statistics.period.kind === 'quarter' ? T[lang].quarterly : T[lang].annual;
}

function periodName(f: FiledReturn, lang: Lang): string {
  const p = f.statistics.period;
  if (lang === 'en') return p.label;
  return p.kind === 'quarter' ? `${p.label.slice(0, 4)}年第${QUARTERS_ZH[Number(p.label.slice(-1)) - 1]}季度` : `${p.label}年`;
}

/** The lines under the title: the form's header, the period and the columns' date ranges, the data's date and the time made. */
function headLines(f: FiledReturn, lang: Lang, generatedAt: string): { form: [string, string][]; lines: string[] } {
  const t = T[lang];
  const s = f.statistics;
  const range = ([from, to]: [string, string]) => `${from} ${t.to} ${to}`;
  const [sep, open, close, comma] = lang === 'zh' ? ['：', '（', '）', '，'] : [': ', ' (', ')', ', '];
  return {
    form: [[t.formNumber, s.header.form_number], [t.compiledBy, s.header.compiled_by], [t.reportingUnit, s.header.reporting_unit]],
    lines: [
      `${t.period}${sep}${periodName(f, lang)}${open}${range(f.ranges.period)}${close}`,
      `${t.ytd}${sep}${range(f.ranges.ytd)}   ${t.sinceStart}${sep}${range(f.ranges.sinceStart)}`,
      `${t.asOf}${sep}${f.asOf}${open}${t.run} ${s.run}${comma}${t.policy} ${s.policy}${close}   ${t.generated}${sep}${generatedAt}`,
    ],
  };
}

/** The signature block at the foot of a filed return, always blank. */
function signatureLabels(lang: Lang): string[] {
  const t = T[lang];
  return [t.headOfUnit, t.headOfStatistics, t.preparedBy, t.dateReported];
}

const BLANK = '______________';

function formLine(pairs: [string, string][], lang: Lang): string {
  return pairs.map(([label, value]) => `${label}: ${value || (label === T[lang].dateReported ? T[lang].blankDate : BLANK)}`).join('   ');
}

const signatureLine = (lang: Lang) => formLine(signatureLabels(lang).map((l) => [l, ''] as [string, string]), lang);

/** The internal annex: every flag of the run, by severity and by rule. */
function annexRows(f: FiledReturn, lang: Lang): Cell[][] {
  const flags = f.statistics.flags;
  return [
    [T[lang].total, flags.total],
    ...Object.entries(flags.by_severity).map(([k, v]) => [labelValue(lang, 'severity', k), v]),
    ...Object.entries(flags.by_rule).map(([k, v]) => [labelValue(lang, 'codes', k), v]),
  ];
}

const annexNote = (f: FiledReturn, lang: Lang) => T[lang].annexNote(f.statistics.run);

const NUMERIC = [false, false, true, true, true, true, true, true];

export function reportAsText(f: FiledReturn, lang: Lang, generatedAt: string): string {
  const t = T[lang];
  const title = titleOf(f, lang);
  const head = headLines(f, lang, generatedAt);
  return [
    title, '='.repeat(displayWidth(title)), formLine(head.form, lang), ...head.lines, '',
    formatTable(t.columns, f.lines.map((l) => printedRow(l, lang)), NUMERIC),
    signatureLine(lang), '', '',
    t.annex, annexNote(f, lang), formatTable([t.item, t.count], annexRows(f, lang).map((r) => r.map((c) => String(c ?? ''))), [false, true]),
  ].join('\n');
}

export function reportAsCsv(f: FiledReturn, lang: Lang, generatedAt: string): string {
  const t = T[lang];
  const head = headLines(f, lang, generatedAt);
  // Figures as the numbers they are (SPEC §9): yuan with two decimals, shares as ratios.
  const plain = (v: number | null, unit: FiledUnit | null): Cell => (v === null ? '' : unit === 'yuan' ? v.toFixed(2) : v);
  const rows: Cell[][] = f.lines.map((l) => (l.depth === 0 ? [lineLabel(l, lang)] : [
    lineLabel(l, lang), l.unit ? t.units[l.unit] : '', plain(l.period, l.unit), plain(l.ytd, l.unit), plain(l.sinceStart, l.unit),
    plain(l.target, l.unit), l.completion ?? '', l.pace ?? '',
  ]));
  const money = [false, false, true, true, true, true, false, false];
  const preamble = toCsv([titleOf(f, lang)], [[formLine(head.form, lang)], ...head.lines.map((l) => [l]), []]);
  const table = toCsv(t.columns, [...rows, [], [signatureLine(lang)], [], [t.annex], [annexNote(f, lang)], [t.item, t.count], ...annexRows(f, lang)], money);
  return `${preamble}${table.slice(1)}`;
}

/** Text in Markdown: no raw HTML (a policy id is the user's text, and Markdown passes HTML through). */
function mdText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function mdCell(c: Cell): string {
  return mdText(String(c ?? '')).replace(/\|/g, '\\|');
}

export function reportAsMarkdown(f: FiledReturn, lang: Lang, generatedAt: string): string {
  const t = T[lang];
  const head = headLines(f, lang, generatedAt);
  const row = (cells: Cell[]) => `| ${cells.map(mdCell).join(' | ')} |`;
  return [
    `# ${mdText(titleOf(f, lang))}`, '', mdCell(formLine(head.form, lang)), '', ...head.lines.flatMap((l) => [mdCell(l), '']),
    row(t.columns), `| --- | --- | ${'---: | '.repeat(6).trimEnd()}`,
    ...f.lines.map((l) => row(l.depth === 0 ? [`**${lineLabel(l, lang)}**`, '', '', '', '', '', '', ''] : printedRow(l, lang))), '',
    mdCell(signatureLine(lang)), '', `## ${mdText(t.annex)}`, '', mdCell(annexNote(f, lang)), '',
    row([t.item, t.count]), '| --- | ---: |', ...annexRows(f, lang).map(row), '',
  ].join('\n');
}

export async function reportAsXlsx(f: FiledReturn, lang: Lang, generatedAt: string): Promise<Buffer> {
  const t = T[lang];
  const head = headLines(f, lang, generatedAt);
  // Figures are numeric cells (SPEC §9): yuan `#,##0.00`, shares, completion and time elapsed `0.0%`.
  const value = (v: number | null): Cell => v;
  const rows: Cell[][] = f.lines.map((l) => (l.depth === 0 ? [lineLabel(l, lang)] : [
    lineLabel(l, lang), l.unit ? t.units[l.unit] : '', value(l.period), value(l.ytd), value(l.sinceStart), value(l.target), value(l.completion), value(l.pace),
  ]));
  const unitType = (unit: FiledUnit | null): CellType => (unit === 'yuan' ? 'money' : unit === 'share' ? 'percent' : 'number');
  return toXlsx([
    {
      name: t.sheet, header: t.columns, rows, titleLines: [titleOf(f, lang), formLine(head.form, lang), ...head.lines],
      footerLines: ['', signatureLine(lang)], autoFilter: false, portrait: true,
      cellType: (row, column) => (column >= 6 ? 'percent' : column >= 2 ? unitType(f.lines[row]?.unit ?? null) : undefined),
    },
    { name: t.annexSheet, header: [t.item, t.count], rows: annexRows(f, lang), titleLines: [t.annex, annexNote(f, lang)], autoFilter: false },
  ]);
}

// ---- HTML with inline SVG ---------------------------------------------------------------

export function esc(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A bar of progress against a target, with a mark at the share of the target's time gone. */
function progressChart(label: string, done: number, target: number | null, pace: number | null, paceWord: string): string {
  const share = target ? Math.min(done / target, 1) : 0;
  const width = 480;
  const pct = target ? `${((done / target) * 100).toFixed(1)}%` : '—';
  const mark = pace === null ? '' : `<line class="pace" x1="${(width * pace).toFixed(1)}" y1="2" x2="${(width * pace).toFixed(1)}" y2="40" stroke="#c0392b" stroke-width="2"/>
<text x="${Math.min(width * pace + 4, width - 90).toFixed(1)}" y="50" font-size="11" fill="#c0392b">${esc(`${paceWord} ${percent(pace)}`)}</text>`;
  return `<figure class="chart"><figcaption>${esc(label)}</figcaption>
<svg role="img" aria-label="${esc(label)}" width="${width + 220}" height="56" viewBox="0 0 ${width + 220} 56" xmlns="http://www.w3.org/2000/svg">
<rect x="0" y="8" width="${width}" height="26" fill="#e8eef5" stroke="#8aa4c2"/>
<rect class="bar" x="0" y="8" width="${(width * share).toFixed(1)}" height="26" fill="#2f6db3"/>
${mark}
<text x="${width + 8}" y="27" font-size="13">${esc(`${grouped(done, 0)} / ${target === null ? '—' : grouped(target, 0)} (${pct})`)}</text>
</svg></figure>`;
}

function barChart(label: string, data: Record<string, number>): string {
  const entries = Object.entries(data).sort((a, b) => b[1] - a[1]);
  const max = Math.max(1, ...entries.map(([, v]) => v));
  const rowH = 22;
  const labelW = 200;
  const barW = 360;
  const height = Math.max(1, entries.length) * rowH + 10;
  const bars = entries.map(([k, v], i) => {
    const y = 5 + i * rowH;
    return `<text x="${labelW - 6}" y="${y + 15}" font-size="12" text-anchor="end">${esc(k)}</text>
<rect class="bar" x="${labelW}" y="${y + 3}" width="${((barW * v) / max).toFixed(1)}" height="${rowH - 8}" fill="#3a8d5c"/>
<text x="${labelW + (barW * v) / max + 6}" y="${y + 15}" font-size="12">${v}</text>`;
  }).join('\n');
  return `<figure class="chart"><figcaption>${esc(label)}</figcaption>
<svg role="img" aria-label="${esc(label)}" width="${labelW + barW + 70}" height="${height}" viewBox="0 0 ${labelW + barW + 70} ${height}" xmlns="http://www.w3.org/2000/svg">
${bars || `<text x="10" y="20" font-size="13">—</text>`}
</svg></figure>`;
}

function chartsOf(f: FiledReturn, lang: Lang): string {
  const t = T[lang];
  const line = (key: string) => f.lines.find((l) => l.depth === 1 && l.label.key === key && l.label.value === undefined)!;
  const progress = (key: string, column: 'ytd' | 'sinceStart') => {
    const l = line(key);
    return progressChart(`${lineLabel(l, lang)} — ${column === 'ytd' ? t.ytd : t.sinceStart}`, l[column] ?? 0, l.target, l.pace, t.pace);
  };
  const breakdown = (key: string) => Object.fromEntries(f.lines.filter((l) => l.depth === 2 && l.label.key === key).map((l) => [lineLabel(l, lang).trim().replace(/^[\u3000\u00a0]+/, ''), l.period ?? 0]));
  return [
    progress('person_times', 'ytd'), progress('person_times_action', 'sinceStart'), progress('apprentices', 'sinceStart'),
    barChart(`${t.keys.by_category} — ${t.columns[2]}`, breakdown('categories')),
    barChart(`${t.keys.by_training_type} — ${t.columns[2]}`, breakdown('training_type')),
  ].join('\n');
}

export function reportAsHtml(f: FiledReturn, lang: Lang, generatedAt: string): string {
  const t = T[lang];
  const title = titleOf(f, lang);
  const head = headLines(f, lang, generatedAt);
  const cells = (l: FiledLine) => {
    const row = printedRow(l, lang);
    if (l.depth === 0) return `<tr class="section"><th colspan="8" scope="colgroup">${esc(row[0])}</th></tr>`;
    return `<tr class="depth${l.depth}"><th scope="row">${esc(row[0].replace(/^[\u3000\u00a0]+/, ''))}</th><td class="unit">${esc(row[1])}</td>${row.slice(2).map((c) => `<td class="num">${esc(c)}</td>`).join('')}</tr>`;
  };
  return `<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(title)} ${esc(f.statistics.period.label)}</title>
<style>
@page { size: A4 portrait; margin: 12mm 10mm; }
body { font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", sans-serif;
  margin: 1.5em auto; max-width: 190mm; color: #111; font-size: 10.5pt; }
h1 { font-size: 15pt; text-align: center; margin: 0 0 0.4em; } h2 { font-size: 11pt; margin: 1.2em 0 0.4em; }
.form { display: flex; justify-content: space-between; flex-wrap: wrap; gap: 0.2em 2em; margin: 0.2em 0; }
.meta { margin: 0.2em 0; color: #333; font-size: 9.5pt; }
.blank { display: inline-block; min-width: 8em; border-bottom: 1px solid #111; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #555; padding: 1px 4px; font-size: 9pt; line-height: 1.3; }
thead th { background: #eef2f7; text-align: center; } tbody th { text-align: left; font-weight: normal; white-space: nowrap; }
tr.section th { font-weight: bold; background: #f6f6f6; } tr.depth2 th { padding-left: 2em; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; } td.unit { text-align: center; white-space: nowrap; }
tr { break-inside: avoid; page-break-inside: avoid; } thead { display: table-header-group; }
.signatures { margin-top: 1.2em; }
.charts, .annex { break-before: page; page-break-before: always; }
figure.chart { margin: 0 0 1em; } figcaption { font-weight: bold; margin-bottom: 0.3em; }
.annex table { width: auto; min-width: 24em; } .internal { color: #a00; }
@media print { body { margin: 0; max-width: none; } rect.bar, line.pace, thead th, tr.section th { print-color-adjust: exact; -webkit-print-color-adjust: exact; } }
</style></head>
<body>
<h1>${esc(title)}</h1>
<p class="form">${head.form.map(([label, value]) => `<span>${esc(label)}: ${value ? esc(value) : '<span class="blank"></span>'}</span>`).join('\n')}</p>
${head.lines.map((l) => `<p class="meta">${esc(l)}</p>`).join('\n')}
<table class="return">
<thead><tr>${t.columns.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>
<tbody>
${f.lines.map(cells).join('\n')}
</tbody>
</table>
<p class="form signatures">${signatureLabels(lang).map((label) => `<span>${esc(label)}: <span class="blank"></span></span>`).join('\n')}</p>
<section class="charts">
<h2>${esc(t.charts)}</h2>
<p class="meta">${esc(t.paceLegend)}</p>
${chartsOf(f, lang)}
</section>
<section class="annex">
<h2 class="internal">${esc(t.annex)}</h2>
<p class="meta">${esc(annexNote(f, lang))}</p>
<table><thead><tr><th scope="col">${esc(t.item)}</th><th scope="col">${esc(t.count)}</th></tr></thead>
<tbody>${annexRows(f, lang).map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td class="num">${esc(v)}</td></tr>`).join('\n')}</tbody></table>
</section>
</body></html>
`;
}
