/** `minim history` and `minim diff` output: table, json, markdown. */
import Table from 'cli-table3';
import { mdTable, mdText } from '../report/markdown.js';
import { num } from '../report/model.js';
import type { RunDiff } from './diff.js';
import type { Run } from './store.js';
import { safeText } from '../util/text.js';

export type HistoryFormat = 'table' | 'json' | 'markdown';

export function renderRuns(runs: readonly Run[], format: HistoryFormat, where: string): string {
  if (format === 'json') return JSON.stringify({ version: 1, store: where, runs }, null, 2) + '\n';
  const rows = runs.map((r) => [String(r.id), r.scanned_at, r.source, r.department ?? '', String(r.columns), String(r.sensitive), String(r.error_count), (r.fingerprint ?? '').slice(0, 19), r.access_read_at ?? '']);
  const head = ['run', 'scanned at', 'source', 'department', 'columns', 'sensitive', 'errors', 'fingerprint', 'readers read at'];
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

/** `readers: run 4 (2026-11-01) → run 9 (2026-12-01): 2 column(s) with new readers, 1 with readers gone`. */
export function readersSummary(d: RunDiff): string | undefined {
  const r = d.readers;
  if (!r) return undefined;
  const added = r.changes.filter((c) => c.added.length > 0).length;
  const removed = r.changes.filter((c) => c.removed.length > 0).length;
  return `${d.to.source}: readers, run ${r.from.id} (${r.from.readAt}) → run ${r.to.id} (${r.to.readAt}): ${added} column(s) with new readers, ${removed} with readers gone`;
}

export function renderDiffs(diffs: readonly RunDiff[], format: HistoryFormat, notes: readonly string[] = []): string {
  if (format === 'json') return JSON.stringify({ version: 1, diffs, notes }, null, 2) + '\n';
  const all = diffs.flatMap((d) => d.changes);
  const readers = diffs.flatMap((d) => d.readers?.changes ?? []);
  const depts = [...new Set([...all.map((c) => c.department), ...readers.map((c) => c.department)])].sort();
  const summaries = diffs.flatMap((d) => [diffSummary(d), readersSummary(d)].filter((x): x is string => x !== undefined));
  if (format === 'markdown') {
    let out = `## minim diff\n\n${summaries.map((x) => `- ${mdText(x)}`).join('\n')}\n`;
    for (const dept of depts) {
      out += `\n### ${mdText(dept)}\n\n`;
      const mine = all.filter((c) => c.department === dept);
      if (mine.length) {
        out += mdTable(
          ['Change', 'Column', 'Category', 'Rows', 'Since', 'Detail'],
          mine.map((c) => [`**${c.kind}**`, mdText(`${c.source}: ${c.schema}.${c.table}.${c.column}`), mdText(c.category), rows(c), mdText(c.since?.slice(0, 10) ?? ''), mdText(c.detail)]),
        );
      }
      const who = readers.filter((c) => c.department === dept).flatMap((c) => c.sentences);
      if (who.length) out += `${mine.length ? '\n' : ''}Who can read:\n\n${who.map((x) => `- ${mdText(x)}`).join('\n')}\n`;
    }
    for (const n of notes) out += `\n_${mdText(n)}_\n`;
    return out;
  }
  let out = '';
  for (const dept of depts) {
    out += `${safeText(dept)}\n`;
    const mine = all.filter((x) => x.department === dept);
    if (mine.length) {
      const t = new Table({ head: ['', 'column', 'category', 'rows', 'since', 'detail'], style: { head: [], border: [] } });
      for (const c of mine) t.push([c.kind, `${c.source}: ${c.schema}.${c.table}.${c.column}`, c.category, rows(c), c.since?.slice(0, 10) ?? '', c.detail].map((x) => safeText(x)));
      out += `${t.toString()}\n`;
    }
    for (const x of readers.filter((c) => c.department === dept).flatMap((c) => c.sentences)) out += `  ${safeText(x)}\n`;
  }
  for (const x of summaries) out += safeText(x) + '\n';
  for (const n of notes) out += safeText(n) + '\n';
  return out;
}
