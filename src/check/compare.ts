/**
 * The CI gate: every sensitive column of the current scan must be in the baseline with the same
 * categories (scan baseline), or covered by an approved plan item per category (plan baseline).
 */
import { approvalState } from '../plan/digest.js';
import type { Plan, PlanItem } from '../plan/plan-schema.js';
import type { ScanColumn, ScanResult } from '../types.js';
import type { Baseline } from './baseline.js';

export type ProblemKind = 'new' | 'changed' | 'unapproved';

export interface CheckProblem {
  readonly kind: ProblemKind;
  readonly source: string;
  readonly schema: string;
  readonly table: string;
  readonly column: string;
  /** The column's categories now. */
  readonly categories: string[];
  /** What is wrong, e.g. `categories added: ssn`, `ssn: no plan item`, `ssn: mask awaiting approval`. */
  readonly detail: string;
}

export interface CheckResult {
  readonly ok: boolean;
  readonly baseline: { kind: Baseline['kind']; path: string };
  /** Sensitive columns checked. */
  readonly checked: number;
  readonly problems: CheckProblem[];
  /** Columns sensitive in a scan baseline and no longer (or with fewer categories): listed, not failing. */
  readonly resolved: CheckProblem[];
}

const key = (c: { source: string; schema: string; table: string; column: string }) =>
  JSON.stringify([c.source, c.schema, c.table, c.column]);
const cats = (c: ScanColumn) => [...new Set(c.findings.map((f) => f.category))].sort();

/** Compares the current scan with the baseline. */
export function checkScan(current: ScanResult, baseline: Baseline): CheckResult {
  const sensitive = current.columns.filter((c) => c.findings.length > 0);
  const { problems, resolved } = baseline.kind === 'scan' ? againstScan(sensitive, current, baseline.scan) : againstPlan(sensitive, baseline.plan);
  const order = (a: CheckProblem, b: CheckProblem) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  return { ok: problems.length === 0, baseline: { kind: baseline.kind, path: baseline.path }, checked: sensitive.length, problems: problems.sort(order), resolved: resolved.sort(order) };
}

function problem(kind: ProblemKind, c: { source: string; schema: string; table: string; column: string }, categories: string[], detail: string): CheckProblem {
  return { kind, source: c.source, schema: c.schema, table: c.table, column: c.column, categories, detail };
}

function againstScan(sensitive: ScanColumn[], current: ScanResult, base: ScanResult) {
  const before = new Map(base.columns.map((c) => [key(c), cats(c)]));
  const problems: CheckProblem[] = [];
  const resolved: CheckProblem[] = [];
  for (const c of sensitive) {
    const now = cats(c);
    const was = before.get(key(c));
    if (!was || was.length === 0) {
      problems.push(problem('new', c, now, was ? `newly sensitive: ${now.join(', ')}` : `new column: ${now.join(', ')}`));
      continue;
    }
    const added = now.filter((x) => !was.includes(x));
    const removed = was.filter((x) => !now.includes(x));
    if (added.length > 0) {
      problems.push(problem('changed', c, now, `categories ${was.join(', ')} → ${now.join(', ')}`));
    } else if (removed.length > 0) {
      resolved.push(problem('changed', c, now, `no longer found: ${removed.join(', ')}`));
    }
  }
  // Sources not scanned now say nothing about their columns: only compare those that were.
  const scanned = new Set(current.sources.map((s) => s.name));
  const nowKeys = new Map(current.columns.map((c) => [key(c), c]));
  for (const c of base.columns) {
    if (c.findings.length === 0 || !scanned.has(c.source)) continue;
    const n = nowKeys.get(key(c));
    if (!n) resolved.push(problem('changed', c, [], 'column no longer present'));
    else if (n.findings.length === 0) resolved.push(problem('changed', c, [], `no longer found: ${cats(c).join(', ')}`));
  }
  return { problems, resolved };
}

function againstPlan(sensitive: ScanColumn[], plan: Plan) {
  const items = new Map<string, PlanItem[]>();
  for (const it of plan.items) items.set(key(it), [...(items.get(key(it)) ?? []), it]);
  const problems: CheckProblem[] = [];
  for (const c of sensitive) {
    const now = cats(c);
    const missing: string[] = [];
    for (const cat of now) {
      // A redaction item covers every category whose matches it replaces inside the text.
      const mine = (items.get(key(c)) ?? []).filter((it) => it.category === cat || (it.redact ?? []).includes(cat));
      if (mine.some((it) => ['approved', 'retained'].includes(approvalState(it).kind))) continue;
      if (mine.length === 0) {
        missing.push(`${cat}: no plan item`);
        continue;
      }
      missing.push(
        ...mine.map((it) => {
          const st = approvalState(it);
          return st.kind === 'tampered' ? `${cat}: ${it.action} approval void (${st.why})` : `${cat}: ${it.action} ${it.status === 'proposed' ? 'awaiting approval' : it.status}`;
        }),
      );
    }
    if (missing.length === 0) continue;
    const known = items.has(key(c));
    problems.push(problem(known ? 'unapproved' : 'new', c, now, missing.join('; ')));
  }
  return { problems, resolved: [] as CheckProblem[] };
}
