/** Scan result + policy → plan items, one per finding and action, sorted, all `proposed`. */
import type { Finding, ScanColumn, ScanResult, ScanSource } from '../types.js';
import { schemaFingerprint } from '../scan/fingerprint.js';
import type { Policy, PolicyRule } from './policy-schema.js';
import { resolveRules } from './policy.js';
import type { Plan, PlanItem, PlanSource } from './plan-schema.js';
import { declaredLength, HASH_LENGTH, isDateType, isTextType } from './column-types.js';
import { maskRowsOf, redactCategories } from './redact-categories.js';
import { bindSource } from '../approvals/binding.js';
import { PLAN_VERSION } from './plan-schema.js';

export interface BuildPlanOptions {
  /** Where the scan came from, recorded in the plan. */
  readonly scanPath?: string;
  readonly policyPath?: string;
  readonly now?: Date;
  /** restrict items from a judged access review (src/plan/access-items.ts), added as they are. */
  readonly accessItems?: readonly PlanItem[];
}

/** The stable item id: `source.schema.table.column:action`. */
export function itemId(c: { source: string; schema: string; table: string; column: string }, action: string): string {
  return `${c.source}.${c.schema}.${c.table}.${c.column}:${action}`;
}

/** Builds a fresh plan (every item `proposed`, no decisions) from a scan result. */
export function buildPlan(scan: ScanResult, policy: Policy, options: BuildPlanOptions = {}): Plan {
  const now = (options.now ?? new Date()).toISOString();
  const sources = new Map(scan.sources.map((s) => [s.name, s]));
  const tables = groupTables(scan.columns);
  const items = new Map<string, PlanItem>();
  for (const column of scan.columns) {
    const source = sources.get(column.source);
    const findings = [...column.findings].sort((a, b) => b.confidence - a.confidence || a.category.localeCompare(b.category));
    for (const finding of findings) {
      const freeText = isFreeText(finding);
      const rules = resolveRules(policy, {
        category: finding.category,
        departmentKeys: [source?.departments?.[column.schema], source?.department, column.source, column.schema].filter((k): k is string => !!k),
        freeText,
      });
      for (const { rule, origin } of rules) {
        // Views, materialized views, foreign tables and generated columns never get a write item:
        // the base table's own column carries the change (the scan reports it there too).
        if (WRITES.has(rule.action) && !writable(column)) continue;
        const item = makeItem(column, finding, rule, origin, tables.get(tableKey(column)) ?? []);
        const existing = items.get(item.id);
        if (existing) items.set(item.id, mergeSameAction(existing, item));
        else items.set(item.id, item);
      }
    }
  }
  for (const item of options.accessItems ?? []) items.set(item.id, item);
  const sorted = [...items.values()].sort(compareItems);
  return {
    version: PLAN_VERSION,
    createdAt: now,
    scan: { ...(options.scanPath ? { path: options.scanPath } : {}), scannedAt: scan.scannedAt },
    ...(options.policyPath ? { policy: options.policyPath } : {}),
    sources: scan.sources.map((s) => bindSource(planSource(s), sorted, scan.columns)).sort((a, b) => a.name.localeCompare(b.name)),
    schemaFingerprint: planFingerprints(sorted),
    items: sorted,
  };
}

const WRITES = new Set(['mask', 'purge', 'drop']);
const writable = (c: ScanColumn) => !c.generated && (c.tableKind === undefined || c.tableKind === 'partitioned');

/** Per source, the fingerprint of every column the (non-obsolete) items name, date columns included. */
export function planFingerprints(items: readonly PlanItem[]): Record<string, string> {
  const bySource = new Map<string, Map<string, { schema: string; table: string; column: string; dataType: string }>>();
  for (const item of items) {
    if (item.status === 'obsolete') continue;
    const cols = bySource.get(item.source) ?? new Map();
    bySource.set(item.source, cols);
    const add = (column: string, dataType: string) =>
      cols.set(JSON.stringify([item.schema, item.table, column]), { schema: item.schema, table: item.table, column, dataType });
    add(item.column, item.dataType);
    if (item.retention?.dateColumn && item.retention.dateColumnType) add(item.retention.dateColumn, item.retention.dateColumnType);
  }
  return Object.fromEntries([...bySource].sort(([a], [b]) => a.localeCompare(b)).map(([s, cols]) => [s, schemaFingerprint(cols.values())]));
}

export function compareItems(a: PlanItem, b: PlanItem): number {
  return (
    a.source.localeCompare(b.source) ||
    a.schema.localeCompare(b.schema) ||
    a.table.localeCompare(b.table) ||
    a.column.localeCompare(b.column) ||
    a.action.localeCompare(b.action) ||
    a.id.localeCompare(b.id)
  );
}

/** A finding that comes from values inside free text, not from the whole value. */
export function isFreeText(f: Finding): boolean {
  return f.evidence.some((e) => e.source === 'text') && !f.evidence.some((e) => e.source === 'value');
}

function makeItem(column: ScanColumn, finding: Finding, rule: PolicyRule, origin: string, siblings: readonly ScanColumn[]): PlanItem {
  const notes: string[] = [];
  let strategy = rule.strategy;
  if (rule.action === 'mask') strategy = fitStrategy(rule.strategy!, finding.category, column.dataType, notes);
  if (rule.action === 'purge') strategy ??= 'blank';
  let retention: PlanItem['retention'];
  if (rule.retention) {
    retention = { period: rule.retention };
    if (rule.action === 'purge') {
      const picked = pickDateColumn(rule.date_columns ?? [], siblings);
      const dateCol = picked?.column;
      retention = { period: rule.retention, dateColumn: dateCol?.column ?? null, ...(dateCol ? { dateColumnType: dateCol.dataType } : {}) };
      if (picked?.fallback) notes.push(`date column ${dateCol!.column} is a guess (none of ${(rule.date_columns ?? []).join(', ')}); confirm it before approving`);
      if (!dateCol) notes.push(`no date column found (looked for ${(rule.date_columns ?? []).join(', ')}); set retention.dateColumn and dateColumnType before approving`);
    }
  }
  const item: PlanItem = {
    id: itemId(column, rule.action),
    source: column.source,
    schema: column.schema,
    table: column.table,
    column: column.column,
    category: finding.category,
    action: rule.action,
    ...(strategy ? { strategy } : {}),
    reason: rule.reason,
    policyRule: origin,
    ...(rule.legal_basis ? { legalBasis: rule.legal_basis } : {}),
    ...(retention ? { retention } : {}),
    ...(rule.revoke_from ? { restrict: { revokeFrom: [...rule.revoke_from] } } : {}),
    ...(rule.keep_for && rule.keep_for.length > 0 ? { keepFor: [...rule.keep_for] } : {}),
    ...(strategy === 'redact' ? { redact: [finding.category] } : {}),
    ...(rule.action === 'mask' && strategy !== 'redact' ? { values: maskRowsOf(finding.category) } : {}),
    dataType: column.dataType,
    rowEstimate: column.rowEstimate,
    evidence: summarize(finding, column),
    ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
    ...(rule.action === 'purge' && !retention?.dateColumn ? { blocked: 'purge has no date column: set retention.dateColumn and dateColumnType, then approve' } : {}),
    status: 'proposed',
    decisions: [],
  };
  return item;
}

/** Adapts a mask strategy to what the column's type can hold, noting why it changed. */
function fitStrategy(strategy: string, category: string, dataType: string, notes: string[]): PlanItem['strategy'] {
  const text = isTextType(dataType);
  if (strategy === 'year' && !text && !isDateType(dataType)) {
    notes.push(`policy strategy year needs a date or text column; ${dataType} is neither, nulled instead`);
    return 'null';
  }
  if ((strategy === 'last4' || strategy === 'hash' || strategy === 'redact') && !text) {
    notes.push(`policy strategy ${strategy} needs a text column; ${dataType} cannot hold a masked string, nulled instead`);
    return 'null';
  }
  const len = declaredLength(dataType);
  if (strategy === 'hash' && len !== null && len < HASH_LENGTH) {
    notes.push(`policy strategy hash needs ${HASH_LENGTH} characters; ${dataType} holds ${len}, last4 instead`);
    return 'last4';
  }
  if (strategy === 'redact' && !redactCategories().includes(category)) {
    notes.push(`no redaction pattern for ${category}; migrate skips this item until a pattern exists`);
  }
  return strategy as PlanItem['strategy'];
}

const normalize = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The purge's date column: the first policy name present (ignoring case and `_`), else any date column that is no birth or hire date. */
function pickDateColumn(names: readonly string[], siblings: readonly ScanColumn[]): { column: ScanColumn; fallback: boolean } | undefined {
  const dated = siblings.filter((c) => isDateType(c.dataType));
  for (const name of names) {
    const hit = dated.find((c) => normalize(c.column) === normalize(name));
    if (hit) return { column: hit, fallback: false };
  }
  const other = dated.find((c) => !/birth|dob|brth|hire/i.test(c.column) && c.findings.length === 0);
  return other ? { column: other, fallback: true } : undefined;
}

function summarize(f: Finding, column: ScanColumn): PlanItem['evidence'] {
  const values = f.evidence.filter((e) => e.source === 'value' || e.source === 'text');
  const max = (k: 'matchRate' | 'validated' | 'rows') => {
    const xs = values.map((e) => e[k]).filter((x): x is number => typeof x === 'number');
    return xs.length > 0 ? Math.max(...xs) : undefined;
  };
  const matchRate = max('matchRate');
  const validated = max('validated');
  const rows = max('rows');
  return {
    confidence: f.confidence,
    sources: [...new Set(f.evidence.map((e) => e.source))].sort(),
    rules: [...new Set(f.evidence.map((e) => e.rule))].sort(),
    ...(matchRate !== undefined ? { matchRate } : {}),
    ...(validated !== undefined ? { validated } : {}),
    ...(rows !== undefined ? { rows } : {}),
    sampled: column.sampled,
    examples: f.examples.slice(0, 3),
  };
}

/** Two findings on one column proposing the same action: keep the first (highest confidence), note the other. */
function mergeSameAction(a: PlanItem, b: PlanItem): PlanItem {
  if (a.strategy === 'redact' && b.strategy === 'redact') {
    // One redaction pass per column covers every category found in its text.
    return { ...a, redact: [...new Set([...(a.redact ?? []), ...(b.redact ?? [])])].sort() };
  }
  const also = `also ${b.category} (${b.strategy ?? b.action})`;
  // The item validates values as its own category only: a column found to hold another one too
  // is masked whole, so the other category's values do not stay for want of their validator.
  const whole = a.values === 'validated' && b.category !== a.category ? { values: 'all' as const } : {};
  return { ...a, ...whole, note: a.note ? `${a.note}; ${also}` : also };
}

function planSource(s: ScanSource): PlanSource {
  return {
    name: s.name,
    dialect: s.dialect,
    ...(s.department ? { department: s.department } : {}),
    ...(s.url ? { url: s.url } : {}),
  };
}

const tableKey = (c: { source: string; schema: string; table: string }) => JSON.stringify([c.source, c.schema, c.table]);

function groupTables(columns: readonly ScanColumn[]): Map<string, ScanColumn[]> {
  const out = new Map<string, ScanColumn[]>();
  for (const c of columns) {
    const k = tableKey(c);
    const list = out.get(k) ?? [];
    list.push(c);
    out.set(k, list);
  }
  return out;
}
