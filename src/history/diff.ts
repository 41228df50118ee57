/**
 * What changed between two stored runs: findings new, gone and changed (confidence, data type), per
 * department. New findings of a core category make `minim diff` exit 1 (an alert).
 */
import { CORE_CATEGORIES } from '../check/gate.js';
import type { RunSnapshot } from './store.js';

export type ChangeKind = 'new' | 'gone' | 'changed';

export interface FindingChange {
  readonly kind: ChangeKind;
  readonly department: string;
  readonly source: string;
  readonly schema: string;
  readonly table: string;
  readonly column: string;
  readonly category: string;
  /** new/changed: rows holding it now; gone: rows it held. */
  readonly rows: number;
  readonly rowsExact: boolean;
  /** e.g. `new column`, `confidence 0.71 → 0.93`, `type text → varchar(11)`, `column dropped`. */
  readonly detail: string;
  /** When the finding was first seen in the history kept (new and changed). */
  readonly since?: string;
}

export interface RunDiff {
  readonly from: { id: number; source: string; scannedAt: string };
  readonly to: { id: number; source: string; scannedAt: string };
  readonly changes: FindingChange[];
}

/** How far confidence must move to count as a change. */
export const CONFIDENCE_STEP = 0.1;

const colKey = (c: { schema: string; table: string; column: string }) => JSON.stringify([c.schema, c.table, c.column]);
const findKey = (c: { schema: string; table: string; column: string; category: string }) => JSON.stringify([c.schema, c.table, c.column, c.category]);

/** Compares run `a` (older) with run `b` (newer). `firstSeen` keys: [source, schema, table, column, category]. */
export function diffRuns(a: RunSnapshot, b: RunSnapshot, firstSeen: ReadonlyMap<string, string> = new Map()): RunDiff {
  const aCols = new Map(a.columns.map((c) => [colKey(c), c]));
  const bCols = new Map(b.columns.map((c) => [colKey(c), c]));
  const aFind = new Map(a.findings.map((f) => [findKey(f), f]));
  const bFind = new Map(b.findings.map((f) => [findKey(f), f]));
  const dept = (f: { schema: string; table: string; column: string }, cols: Map<string, { department: string }>) =>
    cols.get(colKey(f))?.department ?? b.run.department ?? a.run.department ?? '(no department)';
  const since = (f: { schema: string; table: string; column: string; category: string }) =>
    firstSeen.get(JSON.stringify([b.run.source, f.schema, f.table, f.column, f.category]));
  const changes: FindingChange[] = [];
  for (const [k, f] of bFind) {
    const before = aFind.get(k);
    const base = { department: dept(f, bCols), source: b.run.source, schema: f.schema, table: f.table, column: f.column, category: f.category, rows: f.rowsExposed, rowsExact: f.rowsExact };
    const s = since(f);
    if (!before) {
      const detail = !aCols.has(colKey(f)) ? 'new column' : `newly found (confidence ${f.confidence.toFixed(2)})`;
      changes.push({ kind: 'new', ...base, detail, ...(s ? { since: s } : {}) });
      continue;
    }
    const parts: string[] = [];
    const ta = aCols.get(colKey(f))?.dataType;
    const tb = bCols.get(colKey(f))?.dataType;
    if (ta !== undefined && tb !== undefined && ta !== tb) parts.push(`type ${ta} → ${tb}`);
    if (Math.abs(f.confidence - before.confidence) >= CONFIDENCE_STEP - 1e-9) parts.push(`confidence ${before.confidence.toFixed(2)} → ${f.confidence.toFixed(2)}`);
    if (parts.length > 0) changes.push({ kind: 'changed', ...base, detail: parts.join('; '), ...(s ? { since: s } : {}) });
  }
  for (const [k, f] of aFind) {
    if (bFind.has(k)) continue;
    const dropped = !bCols.has(colKey(f));
    changes.push({
      kind: 'gone', department: dept(f, aCols), source: a.run.source, schema: f.schema, table: f.table, column: f.column, category: f.category,
      rows: f.rowsExposed, rowsExact: f.rowsExact, detail: dropped ? 'column dropped' : `no longer found (was ${f.confidence.toFixed(2)})`,
    });
  }
  const order: Record<ChangeKind, number> = { new: 0, changed: 1, gone: 2 };
  changes.sort(
    (x, y) => cmp(x.department, y.department) || order[x.kind] - order[y.kind] || cmp(x.schema, y.schema) || cmp(x.table, y.table) || cmp(x.column, y.column) || cmp(x.category, y.category),
  );
  return { from: { id: a.run.id, source: a.run.source, scannedAt: a.run.scanned_at }, to: { id: b.run.id, source: b.run.source, scannedAt: b.run.scanned_at }, changes };
}

/** Whether a diff holds a new finding of a core category (ssn, dob, medical, bank_account, credit_card). */
export function alarming(diffs: readonly RunDiff[]): FindingChange[] {
  return diffs.flatMap((d) => d.changes.filter((c) => c.kind === 'new' && CORE_CATEGORIES.includes(c.category)));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
