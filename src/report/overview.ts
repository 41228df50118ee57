/**
 * The picture first: department × category matrix (sensitive columns, rows exposed), re-identification
 * risks, plan status per department, access exposure of the core categories, and the trend from history.
 * Shared by the HTML, Markdown and CSV reports, so all three say the same.
 */
import type { AccessReview } from '../access/types.js';
import { CORE_CATEGORIES } from '../check/gate.js';
import type { ScanResult } from '../types.js';
import { columnExposure } from './exposure.js';
import type { PlanLike } from './extra.js';
import { departmentOf } from './model.js';
import { categoryOrder } from './palette.js';

export interface MatrixCell {
  readonly columns: number;
  readonly rows: number;
  readonly exact: boolean;
}

export interface Matrix {
  readonly departments: string[];
  /** Core five first. */
  readonly categories: string[];
  /** `JSON.stringify([department, category])` → cell. */
  readonly cells: Map<string, MatrixCell>;
  readonly maxRows: number;
}

export const cellKey = (department: string, category: string) => JSON.stringify([department, category]);

/** Sensitive columns and rows exposed per department × category (a table counts once per category: its largest column). */
export function matrix(scan: ScanResult): Matrix {
  const perTable = new Map<string, { rows: number; exact: boolean }>();
  const cols = new Map<string, number>();
  for (const c of scan.columns) {
    const d = departmentOf(scan, c.source, c.schema);
    for (const f of c.findings) {
      const k = cellKey(d, f.category);
      cols.set(k, (cols.get(k) ?? 0) + 1);
      const tk = JSON.stringify([d, f.category, c.source, c.schema, c.table]);
      const e = columnExposure(c, f);
      const prev = perTable.get(tk);
      if (!prev || e.rows > prev.rows) perTable.set(tk, e);
    }
  }
  const cells = new Map<string, MatrixCell>();
  for (const [tk, e] of perTable) {
    const [d, cat] = JSON.parse(tk) as [string, string];
    const k = cellKey(d, cat);
    const prev = cells.get(k) ?? { columns: cols.get(k) ?? 0, rows: 0, exact: true };
    cells.set(k, { columns: prev.columns, rows: prev.rows + e.rows, exact: prev.exact && e.exact });
  }
  const departments = [...new Set([...cells.keys()].map((k) => (JSON.parse(k) as string[])[0]!))].sort();
  const categories = categoryOrder([...cells.keys()].map((k) => (JSON.parse(k) as string[])[1]!));
  const maxRows = Math.max(0, ...[...cells.values()].map((c) => c.rows));
  return { departments, categories, cells, maxRows };
}

export interface RiskRow {
  readonly department: string;
  readonly source: string;
  readonly schema: string;
  readonly table: string;
  readonly columns: string[];
  readonly rows: number | null;
  readonly message: string;
}

/** The scan's re-identification risks, with their department and table size. */
export function risks(scan: ScanResult): RiskRow[] {
  return (scan.risks ?? [])
    .map((r) => ({
      department: departmentOf(scan, r.source, r.schema),
      source: r.source,
      schema: r.schema,
      table: r.table,
      columns: [...r.columns],
      rows: scan.columns.find((c) => c.source === r.source && c.schema === r.schema && c.table === r.table)?.rowEstimate ?? null,
      message: r.message,
    }))
    .sort((a, b) => cmp(a.department, b.department) || cmp(a.source, b.source) || cmp(a.schema, b.schema) || cmp(a.table, b.table));
}

export const PLAN_STATUSES = ['proposed', 'approved', 'rejected', 'obsolete'] as const;

/** Plan items per department and status. */
export function planStatus(scan: ScanResult, plan: PlanLike | undefined): Array<{ department: string; counts: Record<string, number> }> {
  if (!plan) return [];
  const by = new Map<string, Record<string, number>>();
  for (const it of plan.items) {
    const d = departmentOf(scan, it.source, it.schema);
    const c = by.get(d) ?? Object.fromEntries(PLAN_STATUSES.map((s) => [s, 0]));
    c[it.status] = (c[it.status] ?? 0) + 1;
    by.set(d, c);
  }
  return [...by.entries()].sort(([a], [b]) => cmp(a, b)).map(([department, counts]) => ({ department, counts }));
}

export interface AccessRow {
  readonly principal: string;
  readonly kind: string;
  /** Columns of core categories this principal reads. */
  readonly columns: number;
  readonly categories: string[];
  readonly departments: string[];
}

/** Who can read the core categories: PUBLIC first, then principals by how many core columns they read. */
export function accessExposure(scan: ScanResult, access: AccessReview | undefined): AccessRow[] {
  if (!access) return [];
  const acc = new Map<string, { kind: string; cols: number; cats: Set<string>; depts: Set<string> }>();
  for (const c of access.columns) {
    const core = c.categories.filter((x) => CORE_CATEGORIES.includes(x));
    if (core.length === 0) continue;
    for (const r of c.readers) {
      if (r.superuser) continue;
      const a = acc.get(r.principal) ?? { kind: r.kind, cols: 0, cats: new Set<string>(), depts: new Set<string>() };
      a.cols++;
      core.forEach((x) => a.cats.add(x));
      a.depts.add(departmentOf(scan, c.source, c.schema));
      acc.set(r.principal, a);
    }
  }
  return [...acc.entries()]
    .map(([principal, a]) => ({ principal, kind: a.kind, columns: a.cols, categories: categoryOrder(a.cats), departments: [...a.depts].sort() }))
    .sort((x, y) => Number(y.kind === 'public') - Number(x.kind === 'public') || y.columns - x.columns || cmp(x.principal, y.principal));
}

export interface TrendPoint {
  readonly scannedAt: string;
  readonly department: string;
  readonly sensitive: number;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
