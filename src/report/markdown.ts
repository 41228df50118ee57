/** Markdown report: a summary and one findings table per department (fits a PR comment or a wiki). */
import { renderAccessVerdictsMarkdown } from '../access/render.js';
import type { ScanResult } from '../types.js';
import { joinExtra, planText, sortedColumns, type ReportExtra } from './extra.js';
import { exposureSummary } from './exposure.js';
import { mdTable, mdText } from './markdown-text.js';
import { departmentOf, evidenceText, num } from './model.js';

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
