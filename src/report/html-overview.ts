/** The HTML report's first screen: the matrix, risks, plan status, access exposure and trend. */
import type { ScanResult } from '../types.js';
import type { PlanLike } from './extra.js';
import type { AccessReview } from '../access/types.js';
import { esc } from './html-escape.js';
import { num } from './model.js';
import { accessExposure, cellKey, matrix, planStatus, PLAN_STATUSES, risks, type TrendPoint } from './overview.js';
import { ink, palette } from './palette.js';
import { CORE_CATEGORIES } from '../check/gate.js';

/** An identifier that wraps only after `.`, `_` or `-`, never inside a word. */
export function ident(s: string): string {
  return esc(s).replace(/([._-])(?=[^\s])/g, '$1<wbr>');
}

/** A category chip in its colour. */
export function chip(category: string, colours: Map<string, string>): string {
  const bg = colours.get(category) ?? '#57606a';
  return `<span class="cat" data-cat="${esc(category)}" style="background:${bg};color:${ink(bg)};border-color:${bg}">${esc(category)}</span>`;
}

function rgba(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha.toFixed(2)})`;
}

const compact = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(n >= 1e7 ? 0 : 1)}M` : n >= 1e4 ? `${Math.round(n / 1e3)}k` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : String(n));

export function matrixSection(scan: ScanResult, colours: Map<string, string>): string {
  const m = matrix(scan);
  if (m.departments.length === 0) return `<section id="matrix"><h2>Where the personal data is</h2><p>No sensitive columns found.</p></section>`;
  const scale = (rows: number) => (m.maxRows <= 0 ? 0.3 : 0.12 + 0.88 * (Math.log1p(rows) / Math.log1p(m.maxRows)));
  const head = m.categories
    .map((c) => `<th class="mcat${CORE_CATEGORIES.includes(c) ? ' core' : ''}" data-sort-type="num">${chip(c, colours).replace(/>([^<]*)<\/span>$/, (_, t: string) => `>${t.replace(/_/g, '_<wbr>')}</span>`)}</th>`)
    .join('');
  const body = m.departments
    .map((d) => {
      let total = 0;
      const cells = m.categories
        .map((c) => {
          const cell = m.cells.get(cellKey(d, c));
          if (!cell) return `<td class="mcell empty" data-sort="0">·</td>`;
          total += cell.columns;
          const hex = colours.get(c)!;
          const a = scale(cell.rows);
          const fg = a > 0.55 && hex.startsWith('#') ? ink(hex) : '#1b1f24';
          const bg = hex.startsWith('#') ? rgba(hex, a) : hex;
          const title = `${d} · ${c}: ${cell.columns} column(s), ${cell.exact ? '' : '~'}${num(cell.rows)} rows`;
          return `<td class="mcell" data-sort="${cell.rows}" data-dept="${esc(d)}" data-cat="${esc(c)}" title="${esc(title)}" style="background:${bg};color:${fg}"><b>${cell.columns}</b><span class="rows">${cell.exact ? '' : '~'}${compact(cell.rows)}</span></td>`;
        })
        .join('');
      return `<tr><th scope="row" class="dept">${esc(d)}</th>${cells}<td class="num" data-sort="${total}">${total}</td></tr>`;
    })
    .join('\n');
  return `<section id="matrix"><h2>Where the personal data is</h2>
<p class="small">Each cell: sensitive columns (bold) and rows holding the category (~ estimated from samples). Darker = more rows. The five audit categories come first. Click a cell to list its columns.</p>
<div class="scroll"><table id="heatmap" class="sortable"><thead><tr><th>Department</th>${head}<th class="num">Columns</th></tr></thead><tbody>
${body}
</tbody></table></div></section>`;
}

export function risksSection(scan: ScanResult, colours: Map<string, string>): string {
  const rs = risks(scan);
  if (rs.length === 0) return '';
  return `<section id="risks"><h2>Re-identification risks</h2>
<p class="small">Tables where quasi-identifiers together single out most people, even with no name or number in them.</p>
<div class="scroll"><table class="sortable"><thead><tr><th>Department</th><th>Table</th><th>Columns together</th><th class="num">Rows (est.)</th><th>Why</th></tr></thead><tbody>${rs
    .map(
      (r) =>
        `<tr><td>${esc(r.department)}</td><td><code>${ident(`${r.source}: ${r.schema}.${r.table}`)}</code></td><td>${r.columns.map((c) => `<code>${ident(c)}</code>`).join(' + ')}</td><td class="num" data-sort="${r.rows ?? ''}">${num(r.rows)}</td><td class="small">${esc(r.message)}</td></tr>`,
    )
    .join('')}</tbody></table></div></section>`;
  void colours;
}

const STATUS_COLOUR: Record<string, string> = { approved: '#1a7f37', proposed: '#9a6700', rejected: '#cf222e', obsolete: '#8c959f' };

export function planSection(scan: ScanResult, plan: PlanLike | undefined): string {
  const rows = planStatus(scan, plan);
  if (rows.length === 0) return '';
  return `<section id="plan-status"><h2>Plan status per department</h2>
<div class="scroll"><table class="sortable"><thead><tr><th>Department</th>${PLAN_STATUSES.map((s) => `<th class="num">${s}</th>`).join('')}<th>Progress</th></tr></thead><tbody>${rows
    .map(({ department, counts }) => {
      const total = PLAN_STATUSES.reduce((n, s) => n + (counts[s] ?? 0), 0) || 1;
      const bar = PLAN_STATUSES.filter((s) => counts[s])
        .map((s) => `<span class="seg st-bg-${s}" style="width:${((100 * counts[s]!) / total).toFixed(1)}%;background:${STATUS_COLOUR[s]}" title="${s}: ${counts[s]}"></span>`)
        .join('');
      return `<tr><td>${esc(department)}</td>${PLAN_STATUSES.map((s) => `<td class="num">${counts[s] ?? 0}</td>`).join('')}<td><div class="bar">${bar}</div></td></tr>`;
    })
    .join('')}</tbody></table></div></section>`;
}

export function accessSection(scan: ScanResult, access: AccessReview | undefined, colours: Map<string, string>): string {
  if (!access) return '';
  const rows = accessExposure(scan, access);
  const body = rows.length
    ? `<div class="scroll"><table class="sortable"><thead><tr><th>Who</th><th>Kind</th><th class="num">Core columns readable</th><th>Categories</th><th>Departments</th></tr></thead><tbody>${rows
        .map(
          (r) =>
            `<tr${r.kind === 'public' ? ' class="public"' : ''}><td>${r.kind === 'public' ? '<span class="flag">PUBLIC</span> everyone' : `<code>${ident(r.principal)}</code>`}</td><td>${esc(r.kind)}</td><td class="num">${r.columns}</td><td>${r.categories.map((c) => chip(c, colours)).join('')}</td><td class="small">${esc(r.departments.join(', '))}</td></tr>`,
        )
        .join('')}</tbody></table></div>`
    : '<p>No role or user outside the superusers can read a column of the five audit categories.</p>';
  return `<section id="access-exposure"><h2>Who can read the audit categories</h2><p class="small">PUBLIC and the broadest roles first; superusers are listed in the column details, not here.</p>${body}</section>`;
}

export function trendSection(trend: readonly TrendPoint[] | undefined): string {
  if (!trend || trend.length === 0) return '';
  const dates = [...new Set(trend.map((t) => t.scannedAt))].sort();
  const depts = [...new Set(trend.map((t) => t.department))].sort();
  const max = Math.max(1, ...trend.map((t) => t.sensitive));
  const W = 220;
  const H = 36;
  const rows = depts.map((d) => {
    const series = dates.map((at) => trend.filter((t) => t.department === d && t.scannedAt === at).reduce((n, t) => n + t.sensitive, 0));
    const x = (i: number) => (dates.length === 1 ? W / 2 : 4 + (i * (W - 8)) / (dates.length - 1));
    const y = (v: number) => H - 4 - ((H - 8) * v) / max;
    const pts = series.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    const first = series[0]!;
    const last = series[series.length - 1]!;
    const delta = last - first;
    return `<tr><td>${esc(d)}</td><td><svg class="spark" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(`${d}: ${series.join(', ')}`)}"><polyline fill="none" stroke="#0072B2" stroke-width="2" points="${pts}"/>${series
      .map((v, i) => `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="2.5" fill="#0072B2"><title>${esc(`${dates[i]}: ${v}`)}</title></circle>`)
      .join('')}</svg></td><td class="num">${first}</td><td class="num">${last}</td><td class="num ${delta > 0 ? 'up' : delta < 0 ? 'down' : ''}">${delta > 0 ? '+' : ''}${delta}</td></tr>`;
  });
  return `<section id="trend"><h2>Trend: sensitive columns per department</h2><p class="small">${dates.length} stored scan(s), ${esc(dates[0]!.slice(0, 10))} to ${esc(dates[dates.length - 1]!.slice(0, 10))} (minim scan --history).</p>
<div class="scroll"><table class="sortable"><thead><tr><th>Department</th><th>Over time</th><th class="num">First</th><th class="num">Now</th><th class="num">Change</th></tr></thead><tbody>${rows.join('')}</tbody></table></div></section>`;
}

export { palette };
