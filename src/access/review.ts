/** Builds the access review of a scan: readers per sensitive column, and the PUBLIC / BROAD flags. */
import { grantsDialect } from '../../connectors/index.js';
import type { SqlSession } from '../../connectors/types.js';
import { loadRules } from '../rules/load.js';
import type { Dialect, ScanResult } from '../types.js';
import { departmentCounts, judgeColumn } from './judge.js';
import type { AccessPolicy } from './policy.js';
import { refKey, type AccessColumn, type AccessFlag, type AccessReader, type AccessReview, type RowSecurity } from './types.js';

let restricted: ReadonlySet<string> | undefined;
/** Categories whose columns should be read by few (`restricted: true` in rules/categories.yaml): more readers than `--max-readers` is BROAD. */
export function restrictedCategories(): ReadonlySet<string> {
  restricted ??= new Set([...loadRules().categories.values()].filter((c) => c.restricted).map((c) => c.id));
  return restricted;
}

export const DEFAULT_MAX_READERS = 10;

/**
 * Flags: `PUBLIC` when everyone can read; `BROAD` when a restricted category is readable by more
 * than `maxReaders` principals, superusers not counted (they are listed, not flagged).
 */
export function accessFlags(categories: readonly string[], readers: readonly AccessReader[], maxReaders: number): AccessFlag[] {
  const flags: AccessFlag[] = [];
  if (readers.some((r) => r.kind === 'public')) flags.push('PUBLIC');
  const counted = readers.filter((r) => r.kind !== 'public' && !r.superuser).length;
  if (counted > maxReaders && categories.some((c) => restrictedCategories().has(c))) flags.push('BROAD');
  return flags;
}

/** The access review for one source's sensitive columns, read through `session`. */
export async function reviewSource(
  scan: ScanResult,
  source: string,
  dialect: Dialect,
  session: SqlSession,
  options: { maxReaders?: number; policy?: AccessPolicy; policyPath?: string } = {},
): Promise<AccessReview> {
  const cols = scan.columns.filter((c) => c.source === source && c.findings.length > 0);
  const grants = grantsDialect(dialect);
  const readers = cols.length > 0 ? await grants.readers(session, cols) : new Map<string, AccessReader[]>();
  const rls = cols.length > 0 && grants.rowSecurity ? await grants.rowSecurity(session, cols) : new Map<string, RowSecurity>();
  const max = options.maxReaders ?? DEFAULT_MAX_READERS;
  const src = scan.sources.find((s) => s.name === source);
  const columns: AccessColumn[] = cols.map((c) => {
    const categories = [...new Set(c.findings.map((f) => f.category))].sort();
    const r = readers.get(refKey(c)) ?? [];
    const rowSecurity = rls.get(JSON.stringify([c.schema, c.table]));
    const column: AccessColumn = {
      source, schema: c.schema, table: c.table, column: c.column, categories, readers: r, flags: accessFlags(categories, r, max),
      ...(rowSecurity ? { rowSecurity } : {}),
    };
    if (!options.policy) return column;
    const keys = [src?.departments?.[c.schema], src?.department, source, c.schema].filter((k): k is string => !!k);
    return judgeColumn(column, options.policy, keys);
  });
  columns.sort((a, b) => cmp(a.schema, b.schema) || cmp(a.table, b.table) || cmp(a.column, b.column));
  const review: AccessReview = { version: 1, dialect, columns, ...(options.policy && options.policyPath ? { policy: options.policyPath } : {}) };
  return options.policy ? { ...review, departments: departmentCounts(review) } : review;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
