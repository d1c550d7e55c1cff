// SPEC §8.8 as one self-contained HTML page (no network, readable when printed), drawn as the
// returns are (render/report.ts): institutions as a ranked table with their flag counts; issuers
// with an inline SVG chart of the ten largest issuers' certificates per month — a burst stands
// out as a spike — above their table.

import type { Lang } from '../messages.js';
import type { Column } from './output.js';
import type { Cell } from './csv.js';
import { esc, mdCell } from './report.js';

const T = {
  en: {
    institutions: 'Training institutions — audit scorecard', issuers: 'Certificate issuers — audit scorecard', run: 'Run', year: 'Year', all: 'all years',
    rank: 'Rank', chart: 'Certificates per month, the ten largest issuers', noData: 'no certificates', bursts: 'burst months (F_CERT_BURST) are ringed',
  },
  zh: {
    institutions: '培训机构绩效评估表', issuers: '发证机构绩效评估表', run: '审核批次', year: '年度', all: '全部年度',
    rank: '排名', chart: '发证数量最多的十个发证机构每月发证数', noData: '无证书', bursts: '圆圈标出突击发证月份（F_CERT_BURST）',
  },
};

const COLOURS = ['#2f6db3', '#c0392b', '#3a8d5c', '#8e44ad', '#d68910', '#16a085', '#7f8c8d', '#b03a80', '#5d6d7e', '#1f618d'];

interface Page {
  lang: Lang;
  runId: number;
  year: number | null;
  columns: Column[];
  rows: Cell[][];
}

function page(lang: Lang, title: string, sub: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(title)}</title>
<style>
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; margin: 2em; color: #1b1b1b; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; } .sub { color: #444; margin-bottom: 1.5em; }
figure.chart { margin: 0 0 1.5em; } figcaption { font-weight: bold; margin-bottom: 0.3em; }
table { border-collapse: collapse; } th, td { border: 1px solid #999; padding: 0.25em 0.6em; }
th { background: #eef2f7; text-align: left; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.high td { background: #fbeaea; }
@media print { body { margin: 1cm; } svg * { print-color-adjust: exact; -webkit-print-color-adjust: exact; } }
</style></head>
<body>
<h1>${esc(title)}</h1>
<p class="sub">${esc(sub)}</p>
${body}
</body></html>
`;
}

function table(columns: Column[], rows: Cell[][], lang: Lang, ranked: boolean, highlight?: (row: Cell[]) => boolean): string {
  const header = [...(ranked ? [T[lang].rank] : []), ...columns.map((c) => (lang === 'zh' ? c.zh : c.en))];
  const body = rows.map((row, k) => {
    const cells = [...(ranked ? [`<td class="num">${k + 1}</td>`] : []), ...row.map((c, i) => `<td${columns[i].numeric ? ' class="num"' : ''}>${esc(c)}</td>`)];
    return `<tr${highlight?.(row) ? ' class="high"' : ''}>${cells.join('')}</tr>`;
  });
  return `<table>\n<thead><tr>${header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>\n<tbody>\n${body.join('\n')}\n</tbody>\n</table>`;
}

const subtitle = (p: Page) => `${T[p.lang].run} ${p.runId} · ${T[p.lang].year}: ${p.year ?? T[p.lang].all}`;

/** §8.8 in Markdown: the title, the run and year, and the table (institutions ranked). */
export function scorecardAsMarkdown(p: Page, which: 'institutions' | 'issuers'): string {
  const t = T[p.lang];
  const ranked = which === 'institutions';
  const header = [...(ranked ? [t.rank] : []), ...p.columns.map((c) => (p.lang === 'zh' ? c.zh : c.en))];
  const align = [...(ranked ? [true] : []), ...p.columns.map((c) => !!c.numeric)].map((n) => (n ? '---:' : '---'));
  return [
    `# ${mdCell(t[which])}`, '', mdCell(subtitle(p)), '', `| ${header.map(mdCell).join(' | ')} |`, `| ${align.join(' | ')} |`,
    ...p.rows.map((row, k) => `| ${[...(ranked ? [k + 1] : []), ...row].map(mdCell).join(' | ')} |`), '',
  ].join('\n');
}

export function institutionsAsHtml(p: Page): string {
  const high = p.columns.findIndex((c) => c.key === 'flags_high');
  return page(p.lang, T[p.lang].institutions, subtitle(p), table(p.columns, p.rows, p.lang, true, (row) => Number(row[high]) > 0));
}

/** The months from the first to the last, every month between included. */
function monthRange(first: string, last: string): string[] {
  const months: string[] = [];
  let y = Number(first.slice(0, 4));
  let m = Number(first.slice(5, 7));
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    months.push(month);
    if (month >= last) return months;
    if (++m > 12) [y, m] = [y + 1, 1];
  }
}

/** A line per issuer over the months; each burst month ringed. series: name, counts by month, burst months. */
function monthlyChart(lang: Lang, series: { name: string; months: ReadonlyMap<string, number>; bursts: ReadonlySet<string> }[]): string {
  const t = T[lang];
  const all = series.flatMap((s) => [...s.months.keys()]).sort();
  if (all.length === 0) return `<figure class="chart"><figcaption>${esc(t.chart)}</figcaption><p>${esc(t.noData)}</p></figure>`;
  const months = monthRange(all[0], all[all.length - 1]);
  const max = Math.max(1, ...series.flatMap((s) => [...s.months.values()]));
  const left = 60;
  const plotW = Math.max(360, Math.min(1100, months.length * 24));
  const plotH = 260;
  const top = 12;
  const legendW = 240;
  const x = (k: number) => left + (months.length === 1 ? plotW / 2 : (plotW * k) / (months.length - 1));
  const y = (n: number) => top + plotH - (plotH * n) / max;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(max * f));
  const axis = [
    `<line x1="${left}" y1="${top + plotH}" x2="${left + plotW}" y2="${top + plotH}" stroke="#555"/>`,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${top + plotH}" stroke="#555"/>`,
    ...[...new Set(ticks)].map((n) => `<text x="${left - 6}" y="${y(n) + 4}" font-size="11" text-anchor="end">${n}</text><line x1="${left}" y1="${y(n)}" x2="${left + plotW}" y2="${y(n)}" stroke="#e3e3e3"/>`),
    ...months.map((m, k) => (k % Math.ceil(months.length / 12) === 0
      ? `<text x="${x(k)}" y="${top + plotH + 16}" font-size="11" text-anchor="middle">${esc(m)}</text>` : '')),
  ].join('\n');
  const lines = series.map((s, i) => {
    const colour = COLOURS[i % COLOURS.length];
    const points = months.map((m, k) => `${x(k).toFixed(1)},${y(s.months.get(m) ?? 0).toFixed(1)}`).join(' ');
    const rings = months.map((m, k) => (s.bursts.has(m)
      ? `<circle class="burst" cx="${x(k).toFixed(1)}" cy="${y(s.months.get(m) ?? 0).toFixed(1)}" r="7" fill="none" stroke="${colour}" stroke-width="2"><title>${esc(`${s.name} ${m}: ${s.months.get(m) ?? 0}`)}</title></circle>` : '')).join('');
    const legendY = top + 14 + i * 20;
    return `<polyline class="series" fill="none" stroke="${colour}" stroke-width="2" points="${points}"><title>${esc(s.name)}</title></polyline>${rings}
<rect x="${left + plotW + 16}" y="${legendY - 9}" width="12" height="12" fill="${colour}"/><text x="${left + plotW + 34}" y="${legendY + 1}" font-size="12">${esc(s.name)}</text>`;
  }).join('\n');
  const width = left + plotW + legendW;
  const height = top + plotH + 30;
  return `<figure class="chart"><figcaption>${esc(t.chart)} (${esc(t.bursts)})</figcaption>
<svg role="img" aria-label="${esc(t.chart)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg">
${axis}
${lines}
</svg></figure>`;
}

export function issuersAsHtml(p: Page & { monthly: ReadonlyMap<string, ReadonlyMap<string, number>> }): string {
  const col = (key: string) => p.columns.findIndex((c) => c.key === key);
  const [issuerAt, countAt, burstAt] = [col('issuer'), col('certificates'), col('burst_months')];
  // The ten largest by certificates (then name); their burst months from the rows.
  const largest = [...p.rows].sort((a, b) => (Number(b[countAt]) - Number(a[countAt])) || (String(a[issuerAt]) < String(b[issuerAt]) ? -1 : 1)).slice(0, 10);
  const series = largest.map((row) => ({
    name: String(row[issuerAt]), months: p.monthly.get(String(row[issuerAt])) ?? new Map<string, number>(),
    bursts: new Set(String(row[burstAt] ?? '').split(';').filter((m) => m !== '')),
  }));
  return page(p.lang, T[p.lang].issuers, subtitle(p), `${monthlyChart(p.lang, series)}\n${table(p.columns, p.rows, p.lang, false, (row) => String(row[burstAt] ?? '') !== '')}`);
}
