/**
 * The plan's source binding: which server and database each source is, and the schema fingerprint
 * of every table the plan names. Decisions and the seal sign it; migrate connects only to the
 * bound database, or to one whose tables fingerprint the same (PLAN_STALE / SOURCE_MISMATCH).
 */
import { createHash } from 'node:crypto';
import { engineRoles } from '../../connectors/index.js';
import type { CatalogTable } from '../../connectors/types.js';
import { MinimError } from '../errors.js';
import { canonicalJson } from '../plan/digest.js';
import type { Plan, PlanItem, PlanSource } from '../plan/plan-schema.js';
import { schemaFingerprint } from '../scan/fingerprint.js';
import type { ScanColumn } from '../types.js';
import { redactUrl } from '../util/url.js';

/** Which server (host:port) and database a connection URL names. An engine without a server (PGlite): the directory. */
export function sourceIdentity(url: string | undefined, dialect: string): { server: string; database: string } {
  if (!url) return { server: '', database: '' };
  const engine = engineRoles(dialect);
  if (engine && engine.defaultPort === null) return { server: dialect, database: url.replace(/^[a-z][a-z0-9+.-]*:/i, '') };
  try {
    const u = new URL(url);
    const port = u.port ? Number(u.port) : engine?.defaultPort ?? 0;
    const db = decodeURIComponent(u.pathname.replace(/^\/+/, '')) || u.searchParams.get('database') || '';
    return { server: `${u.hostname.toLowerCase()}:${port}`, database: db };
  } catch {
    return { server: '', database: '' };
  }
}

const sha = (v: unknown) => 'sha256:' + createHash('sha256').update(canonicalJson(v)).digest('hex');

/** Per table the items name: the fingerprint of all its columns as scanned. */
export function tableFingerprints(source: string, items: readonly PlanItem[], columns: readonly ScanColumn[]): Array<{ schema: string; table: string; fingerprint: string }> {
  const named = new Set(items.filter((i) => i.source === source).map((i) => JSON.stringify([i.schema, i.table])));
  const byTable = new Map<string, ScanColumn[]>();
  for (const c of columns) {
    if (c.source !== source) continue;
    const k = JSON.stringify([c.schema, c.table]);
    if (!named.has(k)) continue;
    byTable.set(k, [...(byTable.get(k) ?? []), c]);
  }
  return [...byTable]
    .map(([k, cols]) => {
      const [schema, table] = JSON.parse(k) as [string, string];
      return { schema, table, fingerprint: schemaFingerprint(cols) };
    })
    .sort((a, b) => a.schema.localeCompare(b.schema) || a.table.localeCompare(b.table));
}

/** The binding fields of a plan source made from a scan: identity from its URL, fingerprints of the named tables. */
export function bindSource(s: PlanSource, items: readonly PlanItem[], columns: readonly ScanColumn[]): PlanSource {
  const { server, database } = sourceIdentity(s.url, s.dialect);
  return { ...s, server, database, tables: tableFingerprints(s.name, items, columns) };
}

/** Digest of one source's whole binding (what the seal signs). */
export function sourceBindingDigest(s: PlanSource): string {
  const { name, dialect, department, url, server, database, tables } = s;
  return sha({ name, dialect, department, url, server, database, tables });
}

/** What a decision on `item` is bound to: its source's identity and its table's fingerprint. */
export function itemBinding(plan: Plan, item: PlanItem): Record<string, unknown> {
  const s = plan.sources.find((x) => x.name === item.source);
  const t = s?.tables?.find((x) => x.schema === item.schema && x.table === item.table);
  return {
    source: item.source,
    dialect: s?.dialect,
    department: s?.department,
    url: s?.url,
    server: s?.server,
    database: s?.database,
    table: t ? { schema: t.schema, table: t.table, fingerprint: t.fingerprint } : undefined,
  };
}

export function itemBindingDigest(plan: Plan, item: PlanItem): string {
  return sha(itemBinding(plan, item));
}

/** Whether a plan can carry signed decisions: version 2 with a binding for each source. */
export function bindingMissing(plan: Plan): string | undefined {
  if (plan.version !== 2) return `plan version ${plan.version} carries no source binding`;
  const bare = plan.sources.find((s) => s.tables === undefined || s.server === undefined);
  return bare ? `source ${bare.name} has no binding (server, database, table fingerprints)` : undefined;
}

/**
 * Before migrate touches a source: the URL it connects to must be the bound server and database,
 * or a database whose tables (those the approved items name) fingerprint exactly as bound.
 * Other database with a different schema: throws SOURCE_MISMATCH. Same database, different
 * fingerprint: returns `stale` (the caller throws PLAN_STALE after its more detailed column check).
 * `note` when another name reached a database with the same schema.
 */
export function checkLiveBinding(
  plan: Plan,
  source: string,
  url: string,
  catalog: readonly CatalogTable[],
  approved: readonly PlanItem[],
  planFile: string,
): { note?: string; stale?: string } {
  const bound = plan.sources.find((s) => s.name === source);
  if (!bound?.tables || bound.server === undefined) {
    throw new MinimError('PLAN_STALE', `plan ${planFile}: source ${source} has no binding (plan version ${plan.version}); re-run minim plan to bind it, then decide again`, { subject: source });
  }
  const live = sourceIdentity(url, bound.dialect);
  const same = live.server === bound.server && live.database === bound.database;
  const tables = new Map(catalog.map((t) => [JSON.stringify([t.schema, t.name]), t]));
  const wanted = new Set(approved.filter((i) => i.source === source).map((i) => JSON.stringify([i.schema, i.table])));
  const differ: string[] = [];
  for (const t of bound.tables) {
    const key = JSON.stringify([t.schema, t.table]);
    if (!wanted.has(key)) continue;
    const lt = tables.get(key);
    if (!lt) {
      differ.push(`${t.schema}.${t.table} is missing`);
      continue;
    }
    const cols = lt.columns.map((c) => ({ schema: t.schema, table: t.table, column: c.name, dataType: c.dataType }));
    // An approved drop already applied: its column counts as present (migrate is idempotent).
    for (const i of approved) {
      if (i.action === 'drop' && i.source === source && i.schema === t.schema && i.table === t.table && !lt.columns.some((c) => c.name === i.column)) {
        cols.push({ schema: t.schema, table: t.table, column: i.column, dataType: i.dataType });
      }
    }
    if (schemaFingerprint(cols) !== t.fingerprint) differ.push(`${t.schema}.${t.table} has other columns or types than when planned`);
  }
  const where = `${bound.server}/${bound.database}`;
  if (differ.length > 0) {
    const list = differ.slice(0, 3).join('; ') + (differ.length > 3 ? `; and ${differ.length - 3} more` : '');
    if (same) return { stale: `plan ${planFile} no longer matches source ${source} (${where}): ${list}; re-scan and re-plan` };
    throw new MinimError(
      'SOURCE_MISMATCH',
      `plan ${planFile}: source ${source} is bound to ${where || '(no server)'}, but the connection names ${live.server}/${live.database} (${redactUrl(url)}) whose schema differs: ${list}; nothing was run — connect to the plan's own database`,
      { subject: source },
    );
  }
  return same ? {} : { note: `source ${source}: connected to ${live.server}/${live.database}, not the bound ${where}; its tables fingerprint the same as planned` };
}
