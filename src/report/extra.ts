/** What a report may show beside a scan: its plan (statuses, approvals) and its access review. */
import type { AccessColumn, AccessReview } from '../access/types.js';
import type { ScanColumn, ScanResult } from '../types.js';

/** One decision on a plan item (DESIGN.md "Plan and approvals"). */
export interface PlanDecision {
  readonly by: string;
  readonly at: string;
  readonly decision: string;
  readonly reason?: string;
  readonly digest?: string;
}

/** The slice of a plan item reports and `check` read. */
export interface PlanItem {
  readonly id: string;
  readonly source: string;
  readonly schema: string;
  readonly table: string;
  readonly column: string;
  readonly category: string;
  readonly action: string;
  readonly strategy?: string;
  /** mask: `validated` (only values that validate change) or `all`. */
  readonly values?: string;
  readonly status: string;
  readonly reason?: string;
  readonly decisions?: readonly PlanDecision[];
}

export interface PlanLike {
  readonly items: readonly PlanItem[];
}

export interface ReportExtra {
  readonly plan?: PlanLike;
  readonly access?: AccessReview;
  /** Sensitive columns per department per stored scan (minim scan --history), for the trend. */
  readonly trend?: ReadonlyArray<{ scannedAt: string; department: string; sensitive: number }>;
  /** Findings suppressed by stewards' ignore entries, and entries that no longer suppress. */
  readonly exceptions?: {
    readonly suppressed: ReadonlyArray<{ source: string; schema: string; table: string; column: string; category: string; reason: string; steward: string; expires: string }>;
    readonly stale: ReadonlyArray<{ column: string; category: string; steward: string; state: string; detail: string }>;
  };
  /** Include columns without findings (csv, markdown). */
  readonly allColumns?: boolean;
}

interface Keyed {
  readonly source: string;
  readonly schema: string;
  readonly table: string;
  readonly column: string;
}

/** Identity of a column across scan, plan and access review. */
export function columnKey(c: Keyed): string {
  return JSON.stringify([c.source, c.schema, c.table, c.column]);
}

/** Plan items and access entries indexed by column. */
export interface Joined {
  planOf(c: ScanColumn): PlanItem[];
  accessOf(c: ScanColumn): AccessColumn | undefined;
}

export function joinExtra(extra: ReportExtra | undefined): Joined {
  const plan = new Map<string, PlanItem[]>();
  for (const it of extra?.plan?.items ?? []) {
    const k = columnKey(it);
    plan.set(k, [...(plan.get(k) ?? []), it]);
  }
  const access = new Map<string, AccessColumn>();
  for (const a of extra?.access?.columns ?? []) access.set(columnKey(a), a);
  return {
    planOf: (c) => plan.get(columnKey(c)) ?? [],
    accessOf: (c) => access.get(columnKey(c)),
  };
}

/** An item's strategy as reports show it: `last4`, `last4, validated values only`. */
export function strategyText(it: Pick<PlanItem, 'strategy' | 'values'>): string {
  return `${it.strategy ?? ''}${it.values === 'validated' ? ', validated values only' : ''}`;
}

/** Compact text of a plan item: `mask (last4): approved by Ana 2026-11-20`. */
export function planText(it: PlanItem): string {
  const approvals = (it.decisions ?? []).filter((d) => d.decision === 'approved' || d.decision === 'approve');
  const last = approvals[approvals.length - 1];
  const by = it.status === 'approved' && last ? ` by ${last.by} ${last.at.slice(0, 10)}` : '';
  return `${it.action}${it.strategy ? ` (${strategyText(it)})` : ''}: ${it.status}${by}`;
}

/** Sorted copy of the scan's columns (source, schema, table, then scan order). */
export function sortedColumns(scan: ScanResult, all = false): ScanColumn[] {
  const cols = scan.columns.filter((c) => all || c.findings.length > 0);
  return cols
    .map((c, i) => ({ c, i }))
    .sort(
      (a, b) =>
        cmp(a.c.source, b.c.source) || cmp(a.c.schema, b.c.schema) || cmp(a.c.table, b.c.table) || a.i - b.i,
    )
    .map((x) => x.c);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
