/**
 * Readers judged against the access policy: each reader `allowed` (by which rule, through which
 * membership chain) or `UNAUTHORIZED`; superusers and owners listed apart; distinct logins
 * counted per column, and the audit's sentence.
 */
import type { AccessPolicy } from './policy.js';
import { resolveAccessRule } from './policy.js';
import type { AccessColumn, AccessReader, AccessReview, LoginCounts } from './types.js';

/** Whether a principal name is the policy's role: exactly, or the user part of a MySQL `'user'@'host'`. */
export function namesRole(principal: string, role: string): boolean {
  if (principal === role) return true;
  const m = /^'(.*)'@'(.*)'$/s.exec(principal);
  return m !== null && m[1] === role;
}

/** One column judged; unchanged when the policy judges none of its categories. */
export function judgeColumn(column: AccessColumn, policy: AccessPolicy, departmentKeys: readonly string[]): AccessColumn {
  const rules = column.categories
    .map((c) => resolveAccessRule(policy, c, departmentKeys))
    .filter((r): r is NonNullable<typeof r> => r !== undefined);
  if (rules.length === 0) return column;
  const readers = column.readers.map((r): AccessReader => {
    if (r.superuser) return { ...r, verdict: 'superuser' };
    if (r.paths?.some((p) => p.object === 'owner')) return { ...r, verdict: 'owner' };
    // Allowed when, for every judged category, the reader is an allowed role or a member of one
    // (directly or through other roles).
    const matched: string[] = [];
    const chains = [[r.principal], ...(r.memberOf ?? [])];
    for (const { rule } of rules) {
      const role = rule.allow.find((a) => chains.some((c) => namesRole(c[c.length - 1]!, a.role)));
      if (!role) return { ...r, verdict: 'UNAUTHORIZED' };
      const chain = chains.find((c) => namesRole(c[c.length - 1]!, role.role))!;
      matched.push(`${role.role} (${chain.join(' → ')})`);
    }
    return { ...r, verdict: 'allowed', rule: rules.map((x) => x.origin).join(', '), allowedAs: [...new Set(matched)].join(', ') };
  });
  const logins = countLogins(readers);
  const department = rules.find((r) => r.department)?.department;
  return {
    ...column,
    readers,
    logins,
    ...(department ? { department } : {}),
    sentence: auditSentence(column, logins),
  };
}

/** Distinct login principals by verdict. */
export function countLogins(readers: readonly AccessReader[]): LoginCounts {
  const set = (v: string) => new Set(readers.filter((r) => r.login === true && r.verdict === v).map((r) => r.principal)).size;
  const allowed = set('allowed');
  const unauthorized = set('UNAUTHORIZED');
  return { total: allowed + unauthorized, allowed, unauthorized, superusers: set('superuser'), owners: set('owner') };
}

/** `svc311.request.notes (ssn): 27 logins can read it, 2 allowed, 25 unauthorized (also 1 superuser, 1 owner)`. */
export function auditSentence(c: Pick<AccessColumn, 'schema' | 'table' | 'column' | 'categories'>, n: LoginCounts): string {
  const plural = (k: number, w: string) => `${k} ${w}${k === 1 ? '' : 's'}`;
  const apart = [n.superusers ? plural(n.superusers, 'superuser') : '', n.owners ? plural(n.owners, 'owner') : ''].filter(Boolean);
  const can = n.total === 1 ? '1 login can read it' : `${n.total} logins can read it`;
  return `${c.schema}.${c.table}.${c.column} (${c.categories.join(', ')}): ${can}, ${n.allowed} allowed, ${n.unauthorized} unauthorized${apart.length ? ` (also ${apart.join(', ')})` : ''}`;
}

/** Per department (the policy's match, else the source's), distinct logins by verdict over its columns. */
export function departmentCounts(review: AccessReview): Array<{ department: string; columns: number; logins: LoginCounts }> {
  const by = new Map<string, AccessColumn[]>();
  for (const c of review.columns) {
    if (!c.logins) continue;
    const d = c.department ?? c.source;
    by.set(d, [...(by.get(d) ?? []), c]);
  }
  return [...by.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([department, cols]) => {
      const readers = cols.flatMap((c) => c.readers);
      // A login unauthorized on one column of the department counts as unauthorized there.
      const unauth = new Set(readers.filter((r) => r.login && r.verdict === 'UNAUTHORIZED').map((r) => r.principal));
      const allowed = new Set(readers.filter((r) => r.login && r.verdict === 'allowed' && !unauth.has(r.principal)).map((r) => r.principal));
      const su = new Set(readers.filter((r) => r.login && r.verdict === 'superuser').map((r) => r.principal));
      const own = new Set(readers.filter((r) => r.login && r.verdict === 'owner').map((r) => r.principal));
      return {
        department,
        columns: cols.length,
        logins: { total: unauth.size + allowed.size, allowed: allowed.size, unauthorized: unauth.size, superusers: su.size, owners: own.size },
      };
    });
}

/** A column's new unauthorized readers since a baseline review. */
export interface NewUnauthorized {
  readonly source: string;
  readonly schema: string;
  readonly table: string;
  readonly column: string;
  readonly categories: string[];
  /** Principals (logins, roles, or PUBLIC) UNAUTHORIZED now and not in the baseline. */
  readonly principals: string[];
}

/**
 * For the gate (`minim check`): readers judged UNAUTHORIZED in `current` that were not
 * UNAUTHORIZED readers of the same column in `baseline` (a column new since the baseline counts
 * all its unauthorized readers). Pure; names of principals only.
 */
export function newUnauthorizedReaders(baseline: AccessReview | undefined, current: AccessReview): NewUnauthorized[] {
  const key = (c: AccessColumn) => JSON.stringify([c.source, c.schema, c.table, c.column]);
  const before = new Map<string, Set<string>>();
  for (const c of baseline?.columns ?? []) {
    before.set(key(c), new Set(c.readers.filter((r) => r.verdict === 'UNAUTHORIZED').map((r) => r.principal)));
  }
  const out: NewUnauthorized[] = [];
  for (const c of current.columns) {
    const was = before.get(key(c)) ?? new Set<string>();
    const fresh = [...new Set(c.readers.filter((r) => r.verdict === 'UNAUTHORIZED' && !was.has(r.principal)).map((r) => r.principal))].sort();
    if (fresh.length > 0) out.push({ source: c.source, schema: c.schema, table: c.table, column: c.column, categories: c.categories, principals: fresh });
  }
  return out;
}
