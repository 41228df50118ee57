/**
 * The CI gate: every sensitive column of the current scan must be in the baseline with the same
 * categories (scan baseline), or covered by a plan item per category that is approved and applied,
 * or rejected (plan baseline). Hysteresis: a category the baseline does not cover fails only when it
 * is firm (src/check/gate.ts); a near-threshold one is listed as held, not failed.
 */
import { approvalState } from '../plan/digest.js';
import type { Plan, PlanItem } from '../plan/plan-schema.js';
import type { Finding, ScanColumn, ScanResult } from '../types.js';
import type { Baseline } from './baseline.js';
import { DEFAULT_MARGIN, firm, validatedValues } from './gate.js';
import { ignoreMatcher, type EvaluatedIgnore } from './ignore.js';

export type ProblemKind = 'new' | 'changed' | 'unapproved' | 'unapplied';

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

export interface CheckOptions {
  /** How far above the report threshold an uncovered category must be to fail (default 0.1). */
  readonly margin?: number;
  /** Rule ids backed by a validator in code (gate.ts validatedRuleIds). */
  readonly validatorRules?: ReadonlySet<string>;
  /** Evaluated ignore entries; active ones suppress, expired and invalid ones are reported. */
  readonly ignores?: readonly EvaluatedIgnore[];
}

export interface CheckResult {
  readonly ok: boolean;
  readonly baseline: { kind: Baseline['kind']; path: string };
  /** Sensitive columns checked. */
  readonly checked: number;
  readonly problems: CheckProblem[];
  /** Columns sensitive in a scan baseline and no longer (or with fewer categories): listed, not failing. */
  readonly resolved: CheckProblem[];
  /** Categories not in the baseline but too close to the threshold to fail (hysteresis): listed, not failing. */
  readonly held: CheckProblem[];
  /** Findings suppressed by an active ignore entry. */
  readonly ignored: CheckProblem[];
  /** Ignore entries that expired or whose signature was refused: they suppress nothing. */
  readonly staleIgnores: Array<{ column: string; category: string; steward: string; state: string; detail: string; from: string }>;
}

const key = (c: { source: string; schema: string; table: string; column: string }) =>
  JSON.stringify([c.source, c.schema, c.table, c.column]);
const catsOf = (fs: readonly Finding[]) => [...new Set(fs.map((f) => f.category))].sort();
const order = (a: CheckProblem, b: CheckProblem) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

interface Ctx {
  margin: number;
  validatorRules: ReadonlySet<string>;
  held: CheckProblem[];
}

/** Compares the current scan with the baseline. */
export function checkScan(current: ScanResult, baseline: Baseline, options: CheckOptions = {}): CheckResult {
  const match = ignoreMatcher(options.ignores ?? []);
  const ignored: CheckProblem[] = [];
  // Suppressed findings leave the comparison entirely.
  const columns = current.columns.map((c) => {
    const kept = c.findings.filter((f) => {
      const hit = match(c, f.category);
      if (hit) ignored.push(problem('new', c, [f.category], `${f.category} ignored by ${hit.entry.steward} until ${hit.entry.expires}: ${hit.entry.reason}`));
      return !hit;
    });
    return kept.length === c.findings.length ? c : { ...c, findings: kept };
  });
  const sensitive = columns.filter((c) => c.findings.length > 0);
  const ctx: Ctx = { margin: options.margin ?? DEFAULT_MARGIN, validatorRules: options.validatorRules ?? new Set(), held: [] };
  const { problems, resolved } =
    baseline.kind === 'scan' ? againstScan(sensitive, { ...current, columns }, baseline.scan, ctx) : againstPlan(sensitive, columns, baseline.plan, ctx);
  const staleIgnores = (options.ignores ?? [])
    .filter((e) => e.state !== 'active')
    .map((e) => ({ column: e.entry.column, category: e.entry.category, steward: e.entry.steward, state: e.state, detail: e.detail, from: e.from }));
  return {
    ok: problems.length === 0,
    baseline: { kind: baseline.kind, path: baseline.path },
    checked: sensitive.length,
    problems: problems.sort(order),
    resolved: resolved.sort(order),
    held: ctx.held.sort(order),
    ignored: ignored.sort(order),
    staleIgnores,
  };
}

function problem(kind: ProblemKind, c: { source: string; schema: string; table: string; column: string }, categories: string[], detail: string): CheckProblem {
  return { kind, source: c.source, schema: c.schema, table: c.table, column: c.column, categories, detail };
}

/** The findings among `fs` that fail as uncovered; the others are recorded as held. */
function firmOnes(c: ScanColumn, fs: readonly Finding[], ctx: Ctx, plain: boolean): Finding[] {
  const out: Finding[] = [];
  for (const f of fs) {
    // A column the baseline saw with this category not even a candidate crossed the threshold from far below.
    if (plain) {
      out.push(f);
      continue;
    }
    const v = firm(f, ctx.margin, ctx.validatorRules);
    if (v.firm) out.push(f);
    else ctx.held.push(problem('new', c, [f.category], `${f.category} held: ${v.why}`));
  }
  return out;
}

function againstScan(sensitive: ScanColumn[], current: ScanResult, base: ScanResult, ctx: Ctx) {
  const before = new Map(base.columns.map((c) => [key(c), c]));
  const problems: CheckProblem[] = [];
  const resolved: CheckProblem[] = [];
  for (const c of sensitive) {
    const now = catsOf(c.findings);
    const b = before.get(key(c));
    const was = b ? catsOf(b.findings) : [];
    const added = c.findings.filter((f) => !was.includes(f.category));
    // With candidates recorded, a category absent from them crossed from far below: the plain threshold applies.
    const nearBefore = new Set((b?.candidates ?? []).map((f) => f.category));
    const recorded = base.candidatesListed === true;
    const failing = b
      ? [...firmOnes(c, added.filter((f) => !recorded || nearBefore.has(f.category)), ctx, false), ...added.filter((f) => recorded && !nearBefore.has(f.category))]
      : added;
    if (!b) {
      problems.push(problem('new', c, now, `new column: ${now.join(', ')}`));
      continue;
    }
    if (failing.length > 0) {
      problems.push(
        was.length === 0
          ? problem('new', c, now, `newly sensitive: ${catsOf(failing).join(', ')}`)
          : problem('changed', c, now, `categories ${was.join(', ')} → ${[...new Set([...was, ...catsOf(failing)])].sort().join(', ')}`),
      );
      continue;
    }
    const removed = was.filter((x) => !now.includes(x));
    if (removed.length > 0) resolved.push(problem('changed', c, now, `no longer found: ${removed.join(', ')}`));
  }
  // Sources not scanned now say nothing about their columns: only compare those that were.
  const scanned = new Set(current.sources.map((s) => s.name));
  const nowKeys = new Map(current.columns.map((c) => [key(c), c]));
  for (const c of base.columns) {
    if (c.findings.length === 0 || !scanned.has(c.source)) continue;
    const n = nowKeys.get(key(c));
    if (!n) resolved.push(problem('changed', c, [], 'column no longer present'));
    else if (n.findings.length === 0) resolved.push(problem('changed', c, [], `no longer found: ${catsOf(c.findings).join(', ')}`));
  }
  return { problems, resolved };
}

/** Actions that change the data, and so can be seen not applied. */
const CHANGES_VALUES = new Set(['mask']);

function againstPlan(sensitive: ScanColumn[], all: ScanColumn[], plan: Plan, ctx: Ctx) {
  const items = new Map<string, PlanItem[]>();
  // A revocation from an access review (`revoke`) takes back one grant: it decides nothing about the data itself.
  for (const it of plan.items) if (!it.revoke) items.set(key(it), [...(items.get(key(it)) ?? []), it]);
  const problems: CheckProblem[] = [];
  for (const c of sensitive) {
    const now = catsOf(c.findings);
    const missing: string[] = [];
    let kind: ProblemKind = items.has(key(c)) ? 'unapproved' : 'new';
    for (const f of c.findings) {
      const cat = f.category;
      // A redaction item covers every category whose matches it replaces inside the text.
      const mine = (items.get(key(c)) ?? []).filter((it) => it.category === cat || (it.redact ?? []).includes(cat));
      const approved = mine.filter((it) => approvalState(it).kind === 'approved');
      if (approved.length > 0) {
        // Approved but the database still holds validated values the item should have replaced.
        const n = validatedValues(f, ctx.validatorRules);
        const unapplied = approved.find((it) => CHANGES_VALUES.has(it.action) && n > 0);
        if (unapplied) {
          missing.push(`${cat}: ${unapplied.action} approved but not applied (${n} validated value(s) still sampled)`);
          kind = 'unapplied';
        }
        continue;
      }
      // A retained item (signed, with its legal basis) or a rejected one is a steward's decision to keep the data.
      if (mine.some((it) => approvalState(it).kind === 'retained')) continue;
      if (mine.some((it) => it.status === 'rejected' && approvalState(it).kind !== 'tampered')) continue;
      if (mine.length === 0) {
        if (firmOnes(c, [f], ctx, false).length > 0) missing.push(`${cat}: no plan item`);
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
    problems.push(problem(kind, c, now, missing.join('; ')));
  }
  // An approved drop whose column is still there was never applied.
  const present = new Set(all.map(key));
  for (const it of plan.items) {
    if (it.action === 'drop' && approvalState(it).kind === 'approved' && present.has(key(it)) && !problems.some((p) => key(p) === key(it))) {
      problems.push(problem('unapplied', it, [it.category], `${it.category}: drop approved but the column is still there`));
    }
  }
  return { problems, resolved: [] as CheckProblem[] };
}
