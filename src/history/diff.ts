/**
 * What changed between two stored runs: findings new, gone and changed (confidence, data type), per
 * department; and, between two runs that recorded their readers, who can newly read (or no longer
 * read) each sensitive column. New findings of a core category, and new unauthorized readers of
 * one, make `minim diff` exit 1 (an alert).
 */
import type { NewUnauthorized } from '../access/judge.js';
import { CORE_CATEGORIES } from '../check/gate.js';
import type { RunReader, RunSnapshot } from './store.js';

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
  /** Who can read each sensitive column, compared between two runs that recorded it. */
  readonly readers?: ReadersDiff;
}

/** A principal as the history keeps it: its name and how it was judged, never anything it read. */
export interface ReaderRef {
  readonly principal: string;
  readonly kind: RunReader['kind'];
  readonly login: boolean;
  readonly verdict: string | null;
  readonly viaPublic: boolean;
}

/** One sensitive column whose readers changed. */
export interface ReaderChange {
  readonly department: string;
  readonly source: string;
  readonly schema: string;
  readonly table: string;
  readonly column: string;
  /** The column's categories (in the newer run; in the older for a column gone). */
  readonly categories: string[];
  /** Can read now, could not then. */
  readonly added: ReaderRef[];
  /** Could read then, cannot now. */
  readonly removed: ReaderRef[];
  /** Reads then and now, judged differently (the policy or a membership changed). */
  readonly rejudged: Array<ReaderRef & { readonly was: string | null }>;
  /** The date of the older reading: `since` in the sentences. */
  readonly since: string;
  /** The changes in words, e.g. `3 new logins can read ssn in hr.public.payroll.ssn since 2026-11-01 (3 unauthorized): …`. */
  readonly sentences: string[];
}

export interface ReadersDiff {
  readonly from: { id: number; readAt: string };
  readonly to: { id: number; readAt: string };
  readonly changes: ReaderChange[];
}

/** How far confidence must move to count as a change. */
export const CONFIDENCE_STEP = 0.1;

const colKey = (c: { readonly schema: string; readonly table: string; readonly column: string }) => JSON.stringify([c.schema, c.table, c.column]);
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

/**
 * Readers of each sensitive column in run `a` (older) against run `b` (newer); undefined unless
 * both recorded their readers. Columns of `b` only count all their readers as new; columns that
 * are no longer sensitive (or gone) count theirs as removed.
 */
export function diffReaders(a: RunSnapshot, b: RunSnapshot): ReadersDiff | undefined {
  if (!a.access || !b.access) return undefined;
  const byCol = (rs: readonly RunReader[]) => {
    const m = new Map<string, Map<string, RunReader>>();
    for (const r of rs) {
      const k = colKey(r);
      if (!m.has(k)) m.set(k, new Map());
      m.get(k)!.set(r.principal, r);
    }
    return m;
  };
  const before = byCol(a.access.readers);
  const after = byCol(b.access.readers);
  const cats = (snap: RunSnapshot) => {
    const m = new Map<string, string[]>();
    for (const f of snap.findings) m.set(colKey(f), [...(m.get(colKey(f)) ?? []), f.category]);
    return m;
  };
  const catsA = cats(a);
  const catsB = cats(b);
  const deptA = new Map(a.columns.map((c) => [colKey(c), c.department]));
  const deptB = new Map(b.columns.map((c) => [colKey(c), c.department]));
  // Columns judged in either reading: a column with no reader left still appears in its findings.
  const keys = new Set([...before.keys(), ...after.keys()]);
  const since = a.access.readAt;
  const changes: ReaderChange[] = [];
  for (const k of keys) {
    const was = before.get(k) ?? new Map<string, RunReader>();
    const now = after.get(k) ?? new Map<string, RunReader>();
    const ref = (r: RunReader): ReaderRef => ({ principal: r.principal, kind: r.kind, login: r.login, verdict: r.verdict, viaPublic: r.viaPublic });
    const added = [...now.values()].filter((r) => !was.has(r.principal)).map(ref).sort(byName);
    const removed = [...was.values()].filter((r) => !now.has(r.principal)).map(ref).sort(byName);
    const rejudged = [...now.values()]
      .filter((r) => was.has(r.principal) && was.get(r.principal)!.verdict !== r.verdict)
      .map((r) => ({ ...ref(r), was: was.get(r.principal)!.verdict }))
      .sort(byName);
    if (added.length + removed.length + rejudged.length === 0) continue;
    const [schema, table, column] = JSON.parse(k) as [string, string, string];
    const categories = [...new Set(catsB.get(k) ?? catsA.get(k) ?? [])].sort();
    const change = {
      department: deptB.get(k) ?? deptA.get(k) ?? b.run.department ?? '(no department)',
      source: b.run.source, schema, table, column, categories, added, removed, rejudged, since,
    };
    changes.push({ ...change, sentences: readerSentences(change) });
  }
  changes.sort((x, y) => cmp(x.department, y.department) || cmp(x.schema, y.schema) || cmp(x.table, y.table) || cmp(x.column, y.column));
  return { from: { id: a.run.id, readAt: a.access.readAt }, to: { id: b.run.id, readAt: b.access.readAt }, changes };
}

const byName = (x: { principal: string }, y: { principal: string }) => cmp(x.principal, y.principal);

/** At most this many names in a sentence; the rest are counted. */
const NAMES_SHOWN = 12;

/**
 * A column's reader changes in words: `3 new logins can read ssn in hr.public.payroll.ssn since
 * 2026-11-01 (3 unauthorized): a, b, c`, the same for roles and PUBLIC, and the readers gone.
 */
export function readerSentences(c: Omit<ReaderChange, 'sentences'>): string[] {
  const where = `${c.categories.join(', ') || 'sensitive data'} in ${c.source}.${c.schema}.${c.table}.${c.column} since ${c.since.slice(0, 10)}`;
  const names = (rs: readonly ReaderRef[]) =>
    rs.length <= NAMES_SHOWN ? rs.map((r) => r.principal).join(', ') : `${rs.slice(0, NAMES_SHOWN).map((r) => r.principal).join(', ')} and ${rs.length - NAMES_SHOWN} more`;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const unauthorized = (rs: readonly ReaderRef[]) => rs.filter((r) => r.verdict === 'UNAUTHORIZED').length;
  const judged = (rs: readonly ReaderRef[]) => (rs.some((r) => r.verdict !== null) ? ` (${unauthorized(rs)} unauthorized)` : '');
  const out: string[] = [];
  const pub = c.added.find((r) => r.kind === 'public');
  if (pub) out.push(`PUBLIC (everyone) can read ${where}${pub.verdict ? ` (${pub.verdict})` : ''}`);
  const logins = c.added.filter((r) => r.kind !== 'public' && r.login);
  const roles = c.added.filter((r) => r.kind !== 'public' && !r.login);
  const viaPublic = logins.filter((r) => r.viaPublic).length;
  if (logins.length) out.push(`${logins.length} new login${logins.length === 1 ? '' : 's'} can read ${where}${judged(logins)}${viaPublic ? `, ${viaPublic} through PUBLIC` : ''}: ${names(logins)}`);
  if (roles.length) out.push(`${plural(roles.length, 'new role')} can read ${where}${judged(roles)}: ${names(roles)}`);
  const goneLogins = c.removed.filter((r) => r.kind === 'public' || r.login);
  const goneRoles = c.removed.filter((r) => r.kind !== 'public' && !r.login);
  if (goneLogins.length) out.push(`${goneLogins.length} login${goneLogins.length === 1 ? '' : 's'} can no longer read ${where}: ${names(goneLogins)}`);
  if (goneRoles.length) out.push(`${plural(goneRoles.length, 'role')} can no longer read ${where}: ${names(goneRoles)}`);
  for (const r of c.rejudged) out.push(`${r.principal} reads ${where}: judged ${r.verdict ?? 'not judged'} now, ${r.was ?? 'not judged'} then`);
  return out;
}

/** A new unauthorized reader (a login, a role, or PUBLIC) of a core category: an alert, like a new core finding. */
export type ReaderAlarm = NewUnauthorized;

/** New unauthorized readers of columns holding a core category (added, or newly judged UNAUTHORIZED). */
export function alarmingReaders(diffs: readonly RunDiff[]): ReaderAlarm[] {
  const out: ReaderAlarm[] = [];
  for (const d of diffs) {
    for (const c of d.readers?.changes ?? []) {
      const core = c.categories.filter((x) => CORE_CATEGORIES.includes(x));
      if (core.length === 0) continue;
      const principals = [...c.added, ...c.rejudged].filter((r) => r.verdict === 'UNAUTHORIZED').map((r) => r.principal).sort();
      if (principals.length) out.push({ source: c.source, schema: c.schema, table: c.table, column: c.column, categories: core, principals });
    }
  }
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
