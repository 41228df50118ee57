/** Shared text for every report format: departments, evidence summaries, percentages. */
import type { Evidence, ScanResult } from '../types.js';

/** Label used for sources without a department. */
export const NO_DEPARTMENT = '(no department)';

/** The department a source belongs to, or `(no department)`. */
/** A column's department: its schema's (when the source maps schemas to departments), else the source's. */
export function departmentOf(scan: ScanResult, source: string, schema?: string): string {
  const s = scan.sources.find((x) => x.name === source);
  return (schema !== undefined ? s?.departments?.[schema] : undefined) ?? s?.department ?? NO_DEPARTMENT;
}

/** `98%`, `0.4%`, `<0.1%`. */
export function pct(ratio: number): string {
  if (ratio > 0 && ratio < 0.001) return '<0.1%';
  const p = ratio * 100;
  return `${p >= 10 || Number.isInteger(p) ? Math.round(p) : p.toFixed(1)}%`;
}

/** One line of evidence a steward can read: `value us-ssn: 98% match, 977 validated`. */
export function evidenceText(e: Evidence): string {
  const parts: string[] = [];
  if (e.pattern !== undefined) parts.push(`pattern ${e.pattern}`);
  if (e.matchRate !== undefined) parts.push(`${pct(e.matchRate)} match`);
  if (e.validated !== undefined) parts.push(`${e.validated} validated`);
  if (e.rows !== undefined) parts.push(`${e.rows} rows`);
  if (e.withContext !== undefined) parts.push(`${e.withContext} with context`);
  if (e.path !== undefined) parts.push(`at ${e.path}`);
  if (e.detail !== undefined) parts.push(e.detail);
  else if (e.contradicts !== undefined) parts.push(`the name names a ${e.contradicts}`);
  return `${e.source} ${e.rule}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

/** `12,345`, or `?` for unknown. */
export function num(n: number | null | undefined): string {
  return n === null || n === undefined ? '?' : n.toLocaleString('en-US');
}
