/**
 * SQL Server: who can read a column, from sys.database_principals, sys.database_role_members,
 * sys.database_permissions (database, schema, object and column; GRANT, WITH GRANT, DENY), fixed
 * roles (db_owner, db_datareader, db_denydatareader), ownership, and the server's sysadmin /
 * CONTROL SERVER holders (who map to dbo and bypass checks). Views, functions and procedures over
 * the column (sys.sql_expression_dependencies) add their readers where SQL Server does not check
 * the table's permissions: an unbroken ownership chain (module and table owned by the same
 * principal) or a module that runs as someone else (EXECUTE AS).
 */
import type { GrantsDialect, SqlSession } from '../types.js';
import { refusal } from '../connector-grants.js';
import { quoteIdent } from './mssql-quote.js';
import { mergeReaders, PrivilegeGraph, PUBLIC_ID, type ColumnAccess, type Grant, type Membership, type Principal } from '../../src/access/graph.js';
import { refKey, type AccessReader, type ColumnRef, type ReaderPath } from '../../src/access/types.js';

const PRINCIPALS_SQL = `SELECT p.principal_id AS id, p.name AS name, p.type AS type,
  CASE WHEN p.principal_id = 1 OR EXISTS (
    SELECT 1 FROM sys.server_principals l
    LEFT JOIN sys.server_role_members m ON m.member_principal_id = l.principal_id
    LEFT JOIN sys.server_principals r ON r.principal_id = m.role_principal_id
    LEFT JOIN sys.server_permissions sp ON sp.grantee_principal_id = l.principal_id
      AND sp.permission_name = 'CONTROL SERVER' AND sp.state IN ('G', 'W')
    WHERE l.sid = p.sid AND (r.name = 'sysadmin' OR sp.grantee_principal_id IS NOT NULL)
  ) THEN 1 ELSE 0 END AS bypass
FROM sys.database_principals p
WHERE p.type IN ('S', 'U', 'G', 'E', 'X', 'R', 'C', 'K') AND p.name NOT IN ('INFORMATION_SCHEMA', 'sys', 'guest')`;
const MEMBERS_SQL = `SELECT member_principal_id AS member, role_principal_id AS role FROM sys.database_role_members`;
const PERMISSIONS_SQL = `SELECT dp.class AS class, dp.state AS state, dp.permission_name AS permission,
  dp.grantee_principal_id AS grantee, s.name AS schema_name, o.name AS table_name, c.name AS column_name
FROM sys.database_permissions dp
LEFT JOIN sys.objects o ON dp.class = 1 AND o.object_id = dp.major_id
LEFT JOIN sys.schemas s ON s.schema_id = CASE WHEN dp.class = 3 THEN dp.major_id ELSE o.schema_id END
LEFT JOIN sys.columns c ON dp.class = 1 AND dp.minor_id > 0 AND c.object_id = dp.major_id AND c.column_id = dp.minor_id
WHERE dp.class IN (0, 1, 3) AND dp.state IN ('G', 'W', 'D') AND dp.permission_name IN ('SELECT', 'CONTROL', 'EXECUTE')`;
const OWNERS_SQL = `SELECT s.name AS schema_name, o.name AS table_name,
  COALESCE(o.principal_id, s.principal_id) AS owner, s.principal_id AS schema_owner
FROM sys.objects o JOIN sys.schemas s ON s.schema_id = o.schema_id WHERE o.type IN ('U', 'V')`;

// Views, functions and procedures that depend on a user table: column-level where SQL Server
// records it (schema-bound modules), else on the whole table, then read by the module's
// definition in code. NOTE: one level: a view over a view over the column is not followed.
const MODULES_SQL = `SELECT DISTINCT bs.name AS schema_name, bo.name AS table_name, bc.name AS column_name,
  ms.name AS module_schema, m.name AS module_name, RTRIM(m.type) AS module_type,
  COALESCE(m.principal_id, ms.principal_id) AS module_owner, COALESCE(bo.principal_id, bs.principal_id) AS table_owner,
  sm.execute_as_principal_id AS execute_as, sm.definition AS definition
FROM sys.sql_expression_dependencies d
JOIN sys.objects m ON m.object_id = d.referencing_id
JOIN sys.schemas ms ON ms.schema_id = m.schema_id
JOIN sys.objects bo ON bo.object_id = d.referenced_id AND bo.type = 'U'
JOIN sys.schemas bs ON bs.schema_id = bo.schema_id
LEFT JOIN sys.columns bc ON d.referenced_minor_id > 0 AND bc.object_id = d.referenced_id AND bc.column_id = d.referenced_minor_id
LEFT JOIN sys.sql_modules sm ON sm.object_id = m.object_id
WHERE m.type IN ('V', 'FN', 'IF', 'TF', 'P')`;

/** The catalog SQL this introspector runs, for review and tests. */
export const MSSQL_ACCESS_SQL = { PRINCIPALS_SQL, MEMBERS_SQL, PERMISSIONS_SQL, OWNERS_SQL, MODULES_SQL };

/** The catalog rows the evaluation needs (what the four queries return). */
export interface MssqlAccessRows {
  readonly principals: ReadonlyArray<{ id: number; name: string; type: string; bypass: number | boolean }>;
  readonly members: ReadonlyArray<{ member: number; role: number }>;
  readonly permissions: ReadonlyArray<{
    class: number; state: string; permission: string; grantee: number;
    schema_name: string | null; table_name: string | null; column_name: string | null;
  }>;
  readonly owners: ReadonlyArray<{ schema_name: string; table_name: string; owner: number; schema_owner: number }>;
  /** Views, functions and procedures over a table (one row per column they name, or one with `column_name` null for the table). */
  readonly modules?: ReadonlyArray<MssqlModuleRow>;
}

export interface MssqlModuleRow {
  schema_name: string; table_name: string; column_name: string | null;
  module_schema: string; module_name: string;
  /** V view, IF / TF table-valued function (read with SELECT), FN scalar function, P procedure (EXECUTE). */
  module_type: string;
  module_owner: number; table_owner: number;
  /** sys.sql_modules.execute_as_principal_id: null runs as the caller, -2 as the owner, else that principal. */
  execute_as: number | null;
  definition: string | null;
}

/** Readers of each column, from a live database. */
export async function mssqlReaders(session: SqlSession, refs: readonly ColumnRef[]): Promise<Map<string, AccessReader[]>> {
  const rows: MssqlAccessRows = {
    principals: (await session.query(PRINCIPALS_SQL)).rows as unknown as MssqlAccessRows['principals'],
    members: (await session.query(MEMBERS_SQL)).rows as unknown as MssqlAccessRows['members'],
    permissions: (await session.query(PERMISSIONS_SQL)).rows as unknown as MssqlAccessRows['permissions'],
    owners: (await session.query(OWNERS_SQL)).rows as unknown as MssqlAccessRows['owners'],
    modules: (await session.query(MODULES_SQL)).rows as unknown as MssqlModuleRow[],
  };
  return mssqlReadersFromRows(rows, refs);
}

/**
 * The evaluation, pure. NOTE: a scan of several databases names schemas `db.schema`; the
 * database part is dropped here, as the session is in that database.
 */
export function mssqlReadersFromRows(rows: MssqlAccessRows, refs: readonly ColumnRef[]): Map<string, AccessReader[]> {
  const pid = (n: number) => (n === 0 ? PUBLIC_ID : String(n));
  const byName = new Map(rows.principals.map((p) => [p.name, p]));
  const principals: Principal[] = rows.principals
    .filter((p) => p.id !== 0)
    .map((p) => ({
      id: String(p.id),
      name: p.name,
      kind: p.type === 'R' ? 'role' : 'user',
      ref: [p.name],
      ...(p.bypass === 1 || p.bypass === true ? { superuser: p.id === 1 ? 'dbo (database owner)' : 'sysadmin (bypasses permission checks)' } : {}),
    }));
  const memberships: Membership[] = rows.members.map((m) => ({ member: String(m.member), role: pid(m.role), inherit: true }));
  const graph = new PrivilegeGraph(principals, memberships);
  const fixed = (name: string) => byName.get(name)?.id;
  const dbOwner = fixed('db_owner');
  const dataReader = fixed('db_datareader');
  const denyReader = fixed('db_denydatareader');

  const out = new Map<string, AccessReader[]>();
  for (const ref of refs) {
    const schema = ref.schema.includes('.') ? ref.schema.slice(ref.schema.indexOf('.') + 1) : ref.schema;
    const select: Grant[] = [];
    const deny: Grant[] = [];
    if (dbOwner !== undefined) select.push({ grantee: String(dbOwner), what: 'CONTROL on database', rank: 5, level: 'database', object: 'database' });
    if (dataReader !== undefined) select.push({ grantee: String(dataReader), what: 'SELECT on all tables', rank: 4, level: 'database', object: 'database' });
    if (denyReader !== undefined) deny.push({ grantee: String(denyReader), what: 'DENY SELECT on all tables', level: 'database' });
    const own = rows.owners.find((o) => o.schema_name === schema && o.table_name === ref.table);
    if (own) {
      select.push({ grantee: String(own.owner), what: 'owner of table', rank: 0, level: 'table', object: 'owner' });
      if (own.schema_owner !== own.owner) select.push({ grantee: String(own.schema_owner), what: 'owner of schema', rank: 2, level: 'schema', object: 'owner' });
    }
    for (const p of rows.permissions) {
      if (p.permission === 'EXECUTE') continue;
      const level = p.class === 0 ? 'database' : p.class === 3 ? 'schema' : p.column_name ? 'column' : 'table';
      if (level !== 'database' && p.schema_name !== schema) continue;
      if ((level === 'table' || level === 'column') && p.table_name !== ref.table) continue;
      if (level === 'column' && p.column_name?.toLowerCase() !== ref.column.toLowerCase()) continue;
      const scope = level === 'database' ? 'database' : level === 'schema' ? `schema ${schema}` : level;
      const g: Grant = {
        grantee: pid(p.grantee), what: `${p.permission} on ${scope}`, rank: { column: 1, table: 0, schema: 2, database: 3 }[level], level,
        object: p.permission === 'CONTROL' && level !== 'column' && level !== 'table' ? 'database' : level,
        ...(level === 'table' || level === 'column' ? { on: { schema, name: ref.table, ...(level === 'column' ? { column: p.column_name! } : {}) } } : {}),
        ...(level === 'schema' ? { on: { schema, name: '*' } } : {}),
      };
      if (p.state === 'D') deny.push({ ...g, what: `DENY ${g.what}` });
      else select.push(g);
    }
    const direct = graph.readers({ select, deny });
    // A module that runs as someone else (EXECUTE AS) with a broken chain reads only when that
    // principal can read the table itself.
    const readsTable = new Set(direct.map((r) => r.principal));
    const runsAs = (m: MssqlModuleRow) => rows.principals.find((x) => x.id === (m.execute_as === -2 ? m.module_owner : m.execute_as))?.name;
    const usable = modulesOver(rows.modules ?? [], schema, ref).filter((m) => m.module_owner === m.table_owner || readsTable.has(runsAs(m) ?? ''));
    // Each module over the column is its own way in, checked on its own grants and DENYs.
    const viaModules = usable.map((m) => graph.readers(moduleAccess(m, rows, { dbOwner, dataReader, denyReader }, pid)));
    out.set(refKey(ref), viaModules.length ? mergeReaders([direct, ...viaModules]) : direct);
  }
  return out;
}

/**
 * The modules through which the column may be read without the caller's own table permissions:
 * over the column (or the whole table, with a definition naming the column or `*`), and either
 * owned by the table's owner (an unbroken ownership chain) or running as someone else (EXECUTE
 * AS; the caller then checks that principal can read the table).
 */
export function modulesOver(modules: readonly MssqlModuleRow[], schema: string, ref: ColumnRef): MssqlModuleRow[] {
  const out = new Map<string, MssqlModuleRow>();
  for (const m of modules) {
    if (m.schema_name !== schema || m.table_name !== ref.table) continue;
    const column = m.column_name === null ? namesColumn(m.definition ?? '', ref.column) : m.column_name.toLowerCase() === ref.column.toLowerCase();
    if (!column) continue;
    if (m.module_owner !== m.table_owner && m.execute_as === null) continue;
    out.set(JSON.stringify([m.module_schema, m.module_name]), m);
  }
  return [...out.values()].sort((a, b) => (a.module_schema + '.' + a.module_name < b.module_schema + '.' + b.module_name ? -1 : 1));
}

/** Whether a module's definition names the column as a word ([bracketed], "quoted" or bare), or selects `*`. */
function namesColumn(definition: string, column: string): boolean {
  const esc = column.toLowerCase().replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const text = definition.toLowerCase();
  return new RegExp(`(^|[^a-z0-9_@#$])[\\["]?${esc}[\\]"]?($|[^a-z0-9_@#$])`).test(text) || /(^|[\s,.(])\*(\s|,|$)/.test(text);
}

const MODULE_KIND: Record<string, { permission: 'SELECT' | 'EXECUTE'; word: string; object: 'view' | 'function' }> = {
  V: { permission: 'SELECT', word: 'view', object: 'view' },
  IF: { permission: 'SELECT', word: 'function', object: 'function' },
  TF: { permission: 'SELECT', word: 'function', object: 'function' },
  FN: { permission: 'EXECUTE', word: 'function', object: 'function' },
  P: { permission: 'EXECUTE', word: 'procedure', object: 'function' },
};

/** Who may use a module: its grants (object, schema, database), its owner, the fixed roles; its DENYs. */
export function moduleAccess(
  m: MssqlModuleRow,
  rows: MssqlAccessRows,
  fixed: { dbOwner?: number | undefined; dataReader?: number | undefined; denyReader?: number | undefined },
  pid: (n: number) => string,
): ColumnAccess {
  const kind = MODULE_KIND[m.module_type] ?? MODULE_KIND['P']!;
  const name = `${m.module_schema}.${m.module_name}`;
  const on = { schema: m.module_schema, name: m.module_name };
  const select: Grant[] = [{ grantee: String(m.module_owner), what: `owner of ${kind.word} ${name}`, rank: 5, level: 'table', object: 'owner', on }];
  const deny: Grant[] = [];
  if (fixed.dbOwner !== undefined) select.push({ grantee: String(fixed.dbOwner), what: 'CONTROL on database', rank: 9, level: 'database', object: 'database' });
  if (kind.permission === 'SELECT' && fixed.dataReader !== undefined) select.push({ grantee: String(fixed.dataReader), what: `SELECT on all tables (${kind.word} ${name})`, rank: 8, level: 'database', object: 'database' });
  if (kind.permission === 'SELECT' && fixed.denyReader !== undefined) deny.push({ grantee: String(fixed.denyReader), what: 'DENY SELECT on all tables', level: 'database' });
  for (const p of rows.permissions) {
    if (p.permission !== kind.permission && p.permission !== 'CONTROL') continue;
    const level = p.class === 0 ? 'database' : p.class === 3 ? 'schema' : 'table';
    if (level !== 'database' && p.schema_name !== m.module_schema) continue;
    if (level === 'table' && (p.table_name !== m.module_name || p.column_name)) continue;
    const scope = level === 'database' ? 'database' : level === 'schema' ? `schema ${m.module_schema}` : `${kind.word} ${name}`;
    const g: Grant = {
      grantee: pid(p.grantee), what: `${p.permission} on ${scope}${level === 'table' ? '' : ` (${kind.word} ${name})`}`,
      rank: { table: 6, schema: 7, database: 8 }[level], level,
      object: level === 'table' ? kind.object : level === 'schema' ? 'schema' : 'database',
      on: level === 'table' ? on : level === 'schema' ? { schema: m.module_schema, name: '*' } : on,
    };
    if (p.state === 'D') deny.push({ ...g, what: `DENY ${g.what}` });
    else select.push(g);
  }
  return { select, deny };
}

const HELD_SQL = `SELECT COUNT(*) AS n FROM sys.database_permissions dp
  JOIN sys.objects o ON dp.class = 1 AND o.object_id = dp.major_id
  JOIN sys.schemas s ON s.schema_id = o.schema_id
  JOIN sys.database_principals p ON p.principal_id = dp.grantee_principal_id
  LEFT JOIN sys.columns c ON dp.minor_id > 0 AND c.object_id = dp.major_id AND c.column_id = dp.minor_id
  WHERE dp.permission_name = 'SELECT' AND dp.state IN ('G', 'W') AND s.name = @1 AND o.name = @2 AND p.name = @3
    AND ((@4 IS NULL AND dp.minor_id = 0) OR c.name = @4)`;

/** REVOKE for the grant a path ends in: column, table or view grants only (SQL Server names `public` in lower case). */
export function mssqlRevokeSql(path: ReaderPath): string {
  const on = path.on;
  if (!on || !['column', 'table', 'view'].includes(path.object)) return refusal(path);
  const target = `${quoteIdent(on.schema)}.${quoteIdent(on.name)}`;
  const from = path.grantee[0] === 'PUBLIC' && path.chain[path.chain.length - 1] === 'PUBLIC' ? '[public]' : quoteIdent(path.grantee[0]!);
  if (path.object === 'column') return `REVOKE SELECT ON ${target} (${quoteIdent(on.column!)}) FROM ${from}`;
  return `REVOKE SELECT ON ${target} FROM ${from}`;
}

async function mssqlStillGranted(session: SqlSession, path: ReaderPath): Promise<boolean> {
  const on = path.on;
  if (!on) return false;
  const name = path.grantee[0] === 'PUBLIC' ? 'public' : path.grantee[0]!;
  const r = await session.query(HELD_SQL, [on.schema, on.name, name, path.object === 'column' ? on.column! : null]);
  return Number((r.rows[0] as { n: unknown } | undefined)?.n ?? 0) > 0;
}

export const mssqlGrants: GrantsDialect = {
  readers: mssqlReaders,
  revokeSql: mssqlRevokeSql,
  stillGranted: mssqlStillGranted,
};
