/** `minim history` and `minim diff` output: table, json, markdown. */
import Table from 'cli-table3';
import { mdTable, mdText } from '../report/markdown.js';
import { num } from '../report/model.js';
import type { RunDiff } from './diff.js';
import type { Run } from './store.js';

export type HistoryFormat = 'table' | 'json' | 'markdown';

export function renderRuns(runs: readonly Run[], format: HistoryFormat, where: string): string {
  if (format === 'json') return JSON.stringify({ version: 1, store: where, runs }, null, 2) + '\n';
  const rows = runs.map((r) => [String(r.id), r.scanned_at, r.source, r.department ?? '', String(r.columns), String(r.sensitive), String(r.error_count), (r.fingerprint ?? '').slice(0, 19)]);
  const head = ['run', 'scanned at', 'source', 'department', 'columns', 'sensitive', 'errors', 'fingerprint'];
  if (format === 'markdown') return `## minim history\n\n${mdTable(head, rows.map((r) => r.map(mdText)))}\n${runs.length} run(s) in ${mdText(where)}.\n`;
  if (runs.length === 0) return `No runs stored in ${where} yet: run minim scan --history.\n`;
  const t = new Table({ head, style: { head: [], border: [] } });
  for (const r of rows) t.push(r);
  return `${t.toString()}\n${runs.length} run(s) in ${where}.\n`;
}

const rows = (c: { rows: number; rowsExact: boolean }) => `${c.rowsExact ? '' : '~'}${num(c.rows)}`;

/** One line per diff: `payroll: run 3 (2026-11-01) → run 7 (2026-12-01): 2 new, 1 gone, 0 changed`. */
export function diffSummary(d: RunDiff): string {
  const count = (k: string) => d.changes.filter((c) => c.kind === k).length;
  const src = d.from.source === d.to.source ? d.to.source : `${d.from.source} → ${d.to.source}`;
  return `${src}: run ${d.from.id} (${d.from.scannedAt}) → run ${d.to.id} (${d.to.scannedAt}): ${count('new')} new, ${count('gone')} gone, ${count('changed')} changed`;
}

export function renderDiffs(diffs: readonly RunDiff[], format: HistoryFormat, notes: readonly string[] = []): string {
  if (format === 'json') return JSON.stringify({ version: 1, diffs, notes }, null, 2) + '\n';
  const all = diffs.flatMap((d) => d.changes);
  const depts = [...new Set(all.map((c) => c.department))].sort();
  if (format === 'markdown') {
    let out = `## minim diff\n\n${diffs.map((d) => `- ${mdText(diffSummary(d))}`).join('\n')}\n`;
    for (const dept of depts) {
      out += `\n### ${mdText(dept)}\n\n`;
      out += mdTable(
        ['Change', 'Column', 'Category', 'Rows', 'Since', 'Detail'],
        all.filter((c) => c.department === dept).map((c) => [`**${c.kind}**`, mdText(`${c.source}: ${c.schema}.${c.table}.${c.column}`), mdText(c.category), rows(c), mdText(c.since?.slice(0, 10) ?? ''), mdText(c.detail)]),
      );
    }
    for (const n of notes) out += `\n_${mdText(n)}_\n`;
    return out;
  }
  let out = '';
  for (const dept of depts) {
    const t = new Table({ head: ['', 'column', 'category', 'rows', 'since', 'detail'], style: { head: [], border: [] } });
    for (const c of all.filter((x) => x.department === dept)) t.push([c.kind, `${c.source}: ${c.schema}.${c.table}.${c.column}`, c.category, rows(c), c.since?.slice(0, 10) ?? '', c.detail]);
    out += `${dept}\n${t.toString()}\n`;
  }
  for (const d of diffs) out += diffSummary(d) + '\n';
  for (const n of notes) out += n + '\n';
  return out;
}
