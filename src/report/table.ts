/** The terminal inventory: one row per sensitive column, then a closing summary line. */
import Table from 'cli-table3';
import type { Evidence, Finding, ScanColumn, ScanResult } from '../types.js';
import { safeText as s } from '../util/text.js';

function evidenceText(e: Evidence): string {
  switch (e.source) {
    case 'name':
      if (e.contradicts !== undefined) return `name names a ${e.contradicts}: values alone do not decide`;
      return `name "${e.pattern}"${e.path ? ` at ${e.path}` : ''}`;
    case 'value':
      if (e.detail) return `dates: ${e.detail.replace(/, none in the future$/, '')}`;
      return `${e.validated ?? 0} valid values${e.path ? ` at ${e.path}` : ''}`;
    case 'text':
      return `${e.rows} rows hold one${e.withContext ? `, ${e.withContext} with context` : ''}`;
    case 'context':
      return e.detail ?? 'table context';
    case 'label':
      return 'database label';
    default:
      return e.rule;
  }
}

function findingText(f: Finding): string {
  return `${s(f.category)} ${Number(f.confidence).toFixed(2)}`;
}

/** A one-line summary: "Found 42 sensitive columns (ssn 5, dob 7) in 31 of 120 tables across 1 source; 0 errors." */
export function summaryLine(scan: ScanResult): string {
  const flagged = scan.columns.filter((c) => c.findings.length > 0);
  const perCategory = new Map<string, number>();
  for (const c of flagged) for (const f of c.findings) perCategory.set(f.category, (perCategory.get(f.category) ?? 0) + 1);
  const cats = [...perCategory.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k, n]) => `${s(k)} ${n}`);
  const tables = new Set(scan.columns.map((c) => `${c.source}\0${c.schema}\0${c.table}`));
  const flaggedTables = new Set(flagged.map((c) => `${c.source}\0${c.schema}\0${c.table}`));
  const n = scan.sources.length;
  const plural = (k: number, w: string) => `${k} ${w}${k === 1 ? '' : 's'}`;
  return (
    `Found ${plural(flagged.length, 'sensitive column')}${cats.length ? ` (${cats.join(', ')})` : ''} ` +
    `in ${flaggedTables.size} of ${plural(tables.size, 'table')} across ${plural(n, 'source')}; ` +
    `${plural(scan.errors.length, 'error')}.`
  );
}

export function renderTable(scan: ScanResult, options: { showCandidates?: boolean; width?: number } = {}): string {
  const multi = scan.sources.length > 1;
  const head = [...(multi ? ['source'] : []), 'table', 'column', 'finding', 'evidence', 'example'];
  const width = Math.max(100, options.width ?? 160);
  const fixed = (multi ? 14 : 0) + 36 + 24 + 20 + 22 + 7;
  const colWidths = [...(multi ? [14] : []), 36, 24, 20, Math.max(30, width - fixed), 22];
  const table = new Table({
    head,
    colWidths,
    // No colour codes: stdout on a terminal goes through the output boundary, which shows any ESC as text.
    style: { head: [], border: [], compact: true },
    wordWrap: true,
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  let lastTable = '';
  const rows: ScanColumn[] = scan.columns.filter((c) => c.findings.length > 0 || (options.showCandidates && c.candidates?.length));
  for (const c of rows) {
    const all = [...c.findings, ...(options.showCandidates ? (c.candidates ?? []).map((f) => ({ ...f, category: `${f.category}?` })) : [])];
    const qualified = `${c.source}\0${c.schema}.${c.table}`;
    const showTable = qualified !== lastTable;
    lastTable = qualified;
    table.push([
      ...(multi ? [showTable ? s(c.source) : ''] : []),
      showTable ? s(`${c.schema}.${c.table}`) : '',
      s(c.column),
      all.map(findingText).join('\n'),
      all.map((f) => s(f.evidence.slice(0, 2).map(evidenceText).join(' + '))).join('\n'),
      all.map((f) => s(f.examples[0] ?? '')).join('\n'),
    ]);
  }
  let out = rows.length > 0 ? table.toString() + '\n' : '';
  if (scan.risks?.length) {
    out += '\nRe-identification risks:\n';
    for (const r of scan.risks) out += `  ${s(r.source)}: ${s(`${r.schema}.${r.table}`)}: ${s(r.message)}\n`;
  }
  if (scan.errors.length) {
    out += '\nErrors:\n';
    for (const e of scan.errors) out += `  ${s(e.source)}${e.table ? `: ${s(e.table)}` : ''}: ${s(e.code)}: ${s(e.message)}\n`;
  }
  return out + summaryLine(scan) + '\n';
}
