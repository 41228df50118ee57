/** Markdown report: a summary and one findings table per department (fits a PR comment or a wiki). */
import { renderAccessVerdictsMarkdown } from '../access/render.js';
import type { ScanResult } from '../types.js';
import { joinExtra, planText, sortedColumns, type ReportExtra } from './extra.js';
import { exposureSummary } from './exposure.js';
import { mdTable, mdText } from './markdown-text.js';
import { departmentOf, evidenceText, num } from './model.js';
import { accessExposure, cellKey, matrix, planStatus, PLAN_STATUSES, risks } from './overview.js';

export { mdTable, mdText } from './markdown-text.js';

/** The scan (and optional plan, access review) as Markdown. */
export function renderMarkdown(scan: ScanResult, extra?: ReportExtra): string {
  const j = joinExtra(extra);
  const cols = sortedColumns(scan, extra?.allColumns);
  const sensitive = cols.filter((c) => c.findings.length > 0);
  const byDept = new Map<string, typeof cols>();
  for (const c of cols) {
    const d = departmentOf(scan, c.source, c.schema);
    byDept.set(d, [...(byDept.get(d) ?? []), c]);
  }
  const tables = new Set(sensitive.map((c) => JSON.stringify([c.source, c.schema, c.table])));
  let out = `# minim inventory\n\n`;
  out += `Scanned ${mdText(scan.scannedAt)}: ${scan.sources.length} source(s), ${num(scan.columns.length)} columns; `;
  out += `**${sensitive.length} sensitive column(s)** in ${tables.size} table(s); ${scan.errors.length} error(s).\n`;
  out += overviewMarkdown(scan, extra);
  for (const dept of [...byDept.keys()].sort()) {
    out += `\n## ${mdText(dept)}\n\n`;
    const rows = byDept.get(dept)!.map((c) => {
      const access = j.accessOf(c);
      return [
        mdText(`${c.source}.${c.schema}.${c.table}`),
        mdText(c.column),
        mdText(c.findings.map((f) => `${f.category} (${f.confidence.toFixed(2)})`).join(', ') || '—'),
        mdText(c.findings.flatMap((f) => f.evidence.map(evidenceText)).join('; ')),
        mdText(c.findings.flatMap((f) => f.examples).slice(0, 3).join(', ')),
        mdText(j.planOf(c).map(planText).join('; ')),
        mdText(access ? `${access.readers.length} reader(s)${access.flags.length ? ` ${access.flags.join(' ')}` : ''}` : ''),
      ];
    });
    out += mdTable(['Table', 'Column', 'Categories', 'Evidence', 'Examples (masked)', 'Plan', 'Access'], rows);
  }
  const exposure = exposureSummary(scan);
  if (exposure.length > 0) out += '\n' + renderExposureMarkdown(scan);
  const verdicts = extra?.access ? renderAccessVerdictsMarkdown(extra.access) : '';
  if (verdicts) out += '\n' + verdicts;
  if (scan.errors.length > 0) {
    out += `\n## Errors\n\n`;
    out += mdTable(
      ['Source', 'Table', 'Code', 'Message'],
      scan.errors.map((e) => [mdText(e.source), mdText(e.table ?? ''), mdText(e.code), mdText(e.message)]),
    );
  }
  return out;
}

/** The exposure summary as a Markdown section. */
export function renderExposureMarkdown(scan: ScanResult): string {
  const rows = exposureSummary(scan).map((r) => [
    mdText(r.department), mdText(r.source), mdText(r.category), String(r.tables), String(r.columns),
    `${r.exact ? '' : '~'}${num(r.rows)}`,
  ]);
  return (
    `## Exposure\n\nRows holding each category if these sources were breached (~ estimated from samples; exact with \`--exact\`).\n\n` +
    mdTable(['Department', 'Source', 'Category', 'Tables', 'Columns', 'Rows'], rows)
  );
}

/** The picture first, as Markdown: the matrix, risks, plan status and access exposure (the HTML report's first screen). */
export function overviewMarkdown(scan: ScanResult, extra?: ReportExtra): string {
  let out = '';
  const m = matrix(scan);
  if (m.departments.length > 0) {
    out += `\n## Where the personal data is\n\nSensitive columns · rows holding the category (~ estimated). The five audit categories first.\n\n`;
    out += mdTable(
      ['Department', ...m.categories.map(mdText)],
      m.departments.map((d) => [mdText(d), ...m.categories.map((c) => {
        const cell = m.cells.get(cellKey(d, c));
        return cell ? `**${cell.columns}** · ${cell.exact ? '' : '~'}${num(cell.rows)}` : '';
      })]),
    );
  }
  const rs = risks(scan);
  if (rs.length > 0) {
    out += `\n## Re-identification risks\n\n`;
    out += mdTable(['Department', 'Table', 'Columns together', 'Rows (est.)', 'Why'], rs.map((r) => [mdText(r.department), mdText(`${r.source}: ${r.schema}.${r.table}`), mdText(r.columns.join(' + ')), num(r.rows), mdText(r.message)]));
  }
  const ps = planStatus(scan, extra?.plan);
  if (ps.length > 0) {
    out += `\n## Plan status per department\n\n`;
    out += mdTable(['Department', ...PLAN_STATUSES], ps.map((p) => [mdText(p.department), ...PLAN_STATUSES.map((s) => String(p.counts[s] ?? 0))]));
  }
  if (extra?.access) {
    const ax = accessExposure(scan, extra.access);
    out += `\n## Who can read the audit categories\n\n`;
    out += ax.length
      ? mdTable(['Who', 'Kind', 'Core columns readable', 'Categories', 'Departments'], ax.map((a) => [a.kind === 'public' ? '**PUBLIC** (everyone)' : mdText(a.principal), mdText(a.kind), String(a.columns), mdText(a.categories.join(', ')), mdText(a.departments.join(', '))]))
      : 'No role or user outside the superusers can read a column of the five audit categories.\n';
  }
  return out;
}
