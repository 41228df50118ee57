/**
 * Exposure summary for incident response: per department × source × category, how many rows
 * hold the category. Exact where the scan counted (`--exact`), else estimated from the sample.
 */
import type { Finding, ScanColumn, ScanResult } from '../types.js';
import { departmentOf } from './model.js';

export interface ExposureRow {
  readonly department: string;
  readonly source: string;
  readonly category: string;
  /** Tables and columns holding the category. */
  readonly tables: number;
  readonly columns: number;
  /** Rows holding the category (sum over tables of the largest column figure in each table). */
  readonly rows: number;
  /** True when every figure came from an exact in-database count. */
  readonly exact: boolean;
}

/**
 * Rows of one column holding a finding's category: `exactCount` when present, else
 * `rowEstimate × share of sampled rows matching`. The share comes from value evidence
 * (`matchRate` of non-null values), text evidence (`rows` holding a match), or, with name
 * evidence only, the non-null share. A table never analyzed (`rowEstimate` null) counts its sample.
 */
export function columnExposure(col: ScanColumn, f: Finding): { rows: number; exact: boolean } {
  if (f.exactCount !== undefined) return { rows: f.exactCount, exact: true };
  const sampled = col.sampled;
  if (sampled <= 0) return { rows: col.rowEstimate ?? 0, exact: false };
  let matched: number | undefined;
  for (const e of f.evidence) {
    let m: number | undefined;
    if (e.source === 'text' && e.rows !== undefined) m = e.rows;
    else if (e.matchRate !== undefined) m = e.matchRate * col.nonNull;
    if (m !== undefined) matched = Math.max(matched ?? 0, m);
  }
  const share = Math.min(1, (matched ?? col.nonNull) / sampled);
  const base = col.rowEstimate ?? sampled;
  return { rows: Math.round(Math.max(base, sampled) * share), exact: false };
}

/**
 * The exposure table, sorted by department, source, category. Columns of one table are
 * assumed to describe the same people, so a table counts once per category (its largest column).
 */
export function exposureSummary(scan: ScanResult): ExposureRow[] {
  type Acc = { department: string; source: string; category: string; columns: number; perTable: Map<string, { rows: number; exact: boolean }> };
  const acc = new Map<string, Acc>();
  for (const col of scan.columns) {
    for (const f of col.findings) {
      const department = departmentOf(scan, col.source, col.schema);
      const key = JSON.stringify([department, col.source, f.category]);
      let a = acc.get(key);
      if (!a) {
        a = { department, source: col.source, category: f.category, columns: 0, perTable: new Map() };
        acc.set(key, a);
      }
      a.columns += 1;
      const t = JSON.stringify([col.schema, col.table]);
      const e = columnExposure(col, f);
      const prev = a.perTable.get(t);
      if (!prev || e.rows > prev.rows) a.perTable.set(t, { rows: e.rows, exact: e.exact && (prev?.exact ?? true) });
      else if (!e.exact) prev.exact = false;
    }
  }
  return [...acc.values()]
    .map((a) => ({
      department: a.department,
      source: a.source,
      category: a.category,
      tables: a.perTable.size,
      columns: a.columns,
      rows: [...a.perTable.values()].reduce((s, x) => s + x.rows, 0),
      exact: [...a.perTable.values()].every((x) => x.exact),
    }))
    .sort((x, y) => cmp(x.department, y.department) || cmp(x.source, y.source) || cmp(x.category, y.category));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
