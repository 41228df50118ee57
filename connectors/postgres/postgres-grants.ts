/**
 * PostgreSQL (and PGlite): who can read a column, from pg_roles, pg_auth_members, and the ACLs
 * of schemas (USAGE), tables and columns (SELECT), exactly as `has_column_privilege` and
 * `has_schema_privilege` decide it.
 */
import type { GrantsDialect, SqlSession } from '../types.js';
import { refusal } from '../connector-grants.js';
import { quoteIdent, quoteQualified } from './postgres-quote.js';
import { PrivilegeGraph, PUBLIC_ID, type Grant, type Membership, type Principal } from '../../src/access/graph.js';
import { refKey, type AccessReader, type ColumnRef, type ReaderPath, type RowPolicy, type RowSecurity } from '../../src/access/types.js';

const ROLES_SQL = `SELECT oid::int8::text AS id, rolname AS name, rolsuper AS super, rolcanlogin AS login, rolinherit AS inherit FROM pg_roles`;
// NOTE: PostgreSQL 16 moved inheritance from the member (rolinherit) to each grant (inherit_option).
const MEMBERS_SQL_16 = `SELECT member::int8::text AS member, roleid::int8::text AS role, inherit_option AS inherit FROM pg_auth_members`;
const MEMBERS_SQL_15 = `SELECT m.member::int8::text AS member, m.roleid::int8::text AS role, r.rolinherit AS inherit
  FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member`;
const DB_SQL = `SELECT datdba::int8::text AS owner, current_setting('server_version_num')::int AS version
  FROM pg_database WHERE datname = current_database()`;
const SCHEMA_SQL = `SELECT n.nspname AS schema, a.grantee::int8::text AS grantee
  FROM pg_namespace n CROSS JOIN LATERAL aclexplode(coalesce(n.nspacl, acldefault('n', n.nspowner))) a
  WHERE n.nspname = ANY($1::text[]) AND a.privilege_type = 'USAGE'`;
const TABLES_SQL = `SELECT n.nspname AS schema, c.relname AS "table", c.relowner::int8::text AS owner, a.grantee::int8::text AS grantee
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  CROSS JOIN LATERAL aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) a
  WHERE (n.nspname, c.relname) IN (SELECT * FROM unnest($1::text[], $2::text[])) AND a.privilege_type = 'SELECT'`;
const COLUMNS_SQL = `SELECT n.nspname AS schema, c.relname AS "table", t.attname AS "column", a.grantee::int8::text AS grantee
  FROM pg_attribute t JOIN pg_class c ON c.oid = t.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  CROSS JOIN LATERAL aclexplode(t.attacl) a
  WHERE t.attacl IS NOT NULL AND NOT t.attisdropped AND a.privilege_type = 'SELECT'
    AND (n.nspname, c.relname) IN (SELECT * FROM unnest($1::text[], $2::text[]))`;
// Views over a column (pg_rewrite's dependency on it), with the view's SELECT grantees. A
// security_invoker view checks the caller's own rights on the table, so it adds no reader.
// NOTE: one level: a view over a view over the column is not followed.
const VIEWS_SQL = `SELECT DISTINCT n.nspname AS schema, c.relname AS "table", a.attname AS "column",
    vn.nspname AS view_schema, v.relname AS view, v.relowner::int8::text AS owner, g.grantee::int8::text AS grantee
  FROM pg_depend d
  JOIN pg_rewrite rw ON d.classid = 'pg_rewrite'::regclass AND rw.oid = d.objid
  JOIN pg_class v ON v.oid = rw.ev_class AND v.relkind IN ('v', 'm')
  JOIN pg_namespace vn ON vn.oid = v.relnamespace
  JOIN pg_class c ON d.refclassid = 'pg_class'::regclass AND c.oid = d.refobjid AND c.oid <> v.oid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.refobjsubid
  CROSS JOIN LATERAL aclexplode(coalesce(v.relacl, acldefault('r', v.relowner))) g
  WHERE g.privilege_type = 'SELECT' AND NOT coalesce('security_invoker=true' = ANY (v.reloptions), false)
    AND (n.nspname, c.relname) IN (SELECT * FROM unnest($1::text[], $2::text[]))`;
// SECURITY DEFINER functions run with their owner's rights: whoever may EXECUTE one whose body
// names the table and the column reads it (a conservative reading of the body, checked in code).
const DEFINER_SQL = `SELECT n.nspname AS schema, p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS signature,
    p.proowner::int8::text AS owner, g.grantee::int8::text AS grantee, pg_get_functiondef(p.oid) AS body
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
  CROSS JOIN LATERAL aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) g
  WHERE p.prosecdef AND p.prokind = 'f' AND g.privilege_type = 'EXECUTE'
    AND n.nspname NOT IN ('pg_catalog', 'information_schema')`;
const RLS_SQL = `SELECT n.nspname AS schema, c.relname AS "table", c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
    p.polname AS name, p.polpermissive AS permissive, p.polcmd AS cmd, pg_get_expr(p.polqual, p.polrelid) AS using,
    ARRAY(SELECT CASE WHEN r = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(r)::text END FROM unnest(p.polroles) r ORDER BY 1) AS roles
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_policy p ON p.polrelid = c.oid
  WHERE (c.relrowsecurity OR p.oid IS NOT NULL) AND (n.nspname, c.relname) IN (SELECT * FROM unnest($1::text[], $2::text[]))
  ORDER BY 1, 2, 5`;
const HELD_TABLE_SQL = `SELECT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    CROSS JOIN LATERAL aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) a
    WHERE n.nspname = $1 AND c.relname = $2 AND a.privilege_type = 'SELECT'
      AND a.grantee = CASE WHEN $3::boolean THEN 0::oid ELSE (SELECT oid FROM pg_roles WHERE rolname = $4) END) AS held`;
const HELD_COLUMN_SQL = `SELECT EXISTS (SELECT 1 FROM pg_attribute t JOIN pg_class c ON c.oid = t.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    CROSS JOIN LATERAL aclexplode(t.attacl) a
    WHERE n.nspname = $1 AND c.relname = $2 AND t.attname = $5 AND a.privilege_type = 'SELECT'
      AND a.grantee = CASE WHEN $3::boolean THEN 0::oid ELSE (SELECT oid FROM pg_roles WHERE rolname = $4) END) AS held`;
const CAN_READ_SQL = `SELECT has_column_privilege($1, format('%I.%I', $2::text, $3::text), $4, 'SELECT')
  AND has_schema_privilege($1, $2, 'USAGE') AS can`;

/** Readers of each column (keyed by `refKey`). Columns not found in the catalog get no readers. */
export async function postgresReaders(session: SqlSession, refs: readonly ColumnRef[]): Promise<Map<string, AccessReader[]>> {
  const db = (await session.query(DB_SQL)).rows[0] as unknown as RawDb;
  const roles = (await session.query(ROLES_SQL)).rows as unknown as RawRole[];
  const version = Number(db.version);
  const members = (await session.query(version >= 160000 ? MEMBERS_SQL_16 : MEMBERS_SQL_15)).rows as unknown as RawMember[];
  const schemas = [...new Set(refs.map((r) => r.schema))];
  const tablePairs = [...new Map(refs.map((r) => [JSON.stringify([r.schema, r.table]), r])).values()];
  const tp = [tablePairs.map((r) => r.schema), tablePairs.map((r) => r.table)];
  const tableAcl = (await session.query(TABLES_SQL, tp)).rows as unknown as RawTableAcl[];
  const columnAcl = (await session.query(COLUMNS_SQL, tp)).rows as unknown as RawColumnAcl[];
  const views = (await session.query(VIEWS_SQL, tp)).rows as unknown as RawView[];
  const definers = (await session.query(DEFINER_SQL)).rows as unknown as RawDefiner[];
  const gateSchemas = [...new Set([...schemas, ...views.map((v) => v.view_schema), ...definers.map((f) => f.schema)])];
  const schemaAcl = (await session.query(SCHEMA_SQL, [gateSchemas])).rows as unknown as RawSchemaAcl[];

  const byId = new Map(roles.map((r) => [r.id, r]));
  const principals: Principal[] = roles.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.login ? 'user' : 'role',
    ref: [r.name],
    ...(r.super ? { superuser: 'superuser (bypasses privilege checks)' } : {}),
  }));
  const memberships: Membership[] = members.map((m) => ({ member: m.member, role: m.role, inherit: m.inherit }));
  // NOTE: the database owner is an implicit member of pg_database_owner (PostgreSQL 14+); before 16
  // that membership, like any other, is used only when the owner has INHERIT.
  const dbo = roles.find((r) => r.name === 'pg_database_owner');
  if (dbo) memberships.push({ member: db.owner, role: dbo.id, inherit: version >= 160000 || byId.get(db.owner)?.inherit === true });
  // NOTE: pg_read_all_data (14+) reads every table and uses every schema.
  const readAll = roles.find((r) => r.name === 'pg_read_all_data');
  const readAllGrant: Grant[] = readAll ? [{ grantee: readAll.id, what: 'reads all data', rank: 2, object: 'reads-all' }] : [];
  const graph = new PrivilegeGraph(principals, memberships);

  const readAllGate = readAllGrant.map((g): Grant => ({ ...g, what: 'uses all schemas' }));
  const usage = group(schemaAcl, (a) => a.schema, (a): Grant => ({ grantee: grantee(a.grantee), what: 'USAGE on schema' }));
  const select = group(tableAcl, (a) => JSON.stringify([a.schema, a.table]), (a): Grant =>
    a.grantee === a.owner
      ? { grantee: a.grantee, what: 'owner of table', rank: 0, object: 'owner', on: { schema: a.schema, name: a.table } }
      : { grantee: grantee(a.grantee), what: 'SELECT on table', rank: 0, object: 'table', on: { schema: a.schema, name: a.table } },
  );
  const colSelect = group(columnAcl, (a) => refKey(a), (a): Grant => ({
    grantee: grantee(a.grantee), what: 'SELECT on column', rank: 1, object: 'column', on: { schema: a.schema, name: a.table, column: a.column },
  }));
  const viewSelect = group(views, (v) => refKey(v), (v): Grant => ({
    grantee: grantee(v.grantee),
    what: v.grantee === v.owner ? `owner of view ${v.view_schema}.${v.view}` : `SELECT on view ${v.view_schema}.${v.view}`,
    rank: 5,
    object: v.grantee === v.owner ? 'owner' : 'view',
    on: { schema: v.view_schema, name: v.view },
    gate: [...(usage.get(v.view_schema) ?? []), ...readAllGate],
  }));

  const out = new Map<string, AccessReader[]>();
  for (const ref of refs) {
    const viaFunctions = definers.filter((f) => mentions(f.body, ref.table) && mentions(f.body, ref.column)).map((f): Grant => ({
      grantee: grantee(f.grantee),
      what: `EXECUTE on SECURITY DEFINER function ${f.schema}.${f.signature}`,
      rank: 6,
      object: 'function',
      on: { schema: f.schema, name: f.signature },
      gate: [...(usage.get(f.schema) ?? []), ...readAllGate],
    }));
    const grants = [
      ...(select.get(JSON.stringify([ref.schema, ref.table])) ?? []),
      ...(colSelect.get(refKey(ref)) ?? []),
      ...readAllGrant,
      ...(viewSelect.get(refKey(ref)) ?? []),
      ...viaFunctions,
    ];
    const gate = [...(usage.get(ref.schema) ?? []), ...readAllGate];
    out.set(refKey(ref), graph.readers({ select: grants, gate }));
  }
  return out;
}

/** Whether a function body names an identifier, as a word (quoted or not), ignoring case. */
function mentions(body: string, name: string): boolean {
  const esc = name.toLowerCase().replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`(^|[^a-z0-9_$])"?${esc}"?($|[^a-z0-9_$])`, 'i').test(body.toLowerCase());
}

/** Row-level security on the columns' tables, keyed `JSON.stringify([schema, table])`. */
export async function postgresRowSecurity(session: SqlSession, refs: readonly ColumnRef[]): Promise<Map<string, RowSecurity>> {
  const tablePairs = [...new Map(refs.map((r) => [JSON.stringify([r.schema, r.table]), r])).values()];
  const rows = (await session.query(RLS_SQL, [tablePairs.map((r) => r.schema), tablePairs.map((r) => r.table)])).rows as unknown as RawRls[];
  const out = new Map<string, RowSecurity>();
  const cmds: Record<string, string> = { r: 'SELECT', a: 'INSERT', w: 'UPDATE', d: 'DELETE', '*': 'ALL' };
  for (const r of rows) {
    const key = JSON.stringify([r.schema, r.table]);
    const cur = out.get(key) ?? { enabled: r.enabled, forced: r.forced, policies: [] as RowPolicy[] };
    if (r.name !== null) {
      cur.policies.push({ name: r.name, roles: r.roles, command: cmds[r.cmd ?? '*'] ?? 'ALL', permissive: r.permissive === true, using: r.using });
    }
    out.set(key, cur);
  }
  return out;
}

/** REVOKE for the grant a path ends in: column, table or view grants only. */
export function postgresRevokeSql(path: ReaderPath): string {
  const on = path.on;
  if (!on || !['column', 'table', 'view'].includes(path.object)) return refusal(path);
  const from = isPublic(path) ? 'PUBLIC' : quoteIdent(path.grantee[0]!);
  const target = quoteQualified(on.schema, on.name);
  if (path.object === 'column') return `REVOKE SELECT (${quoteIdent(on.column!)}) ON TABLE ${target} FROM ${from}`;
  return `REVOKE SELECT ON TABLE ${target} FROM ${from}`;
}

function isPublic(path: ReaderPath): boolean {
  return path.grantee.length === 1 && path.grantee[0] === 'PUBLIC' && path.chain[path.chain.length - 1] === 'PUBLIC';
}

async function postgresStillGranted(session: SqlSession, path: ReaderPath): Promise<boolean> {
  const on = path.on;
  if (!on) return false;
  const params = [on.schema, on.name, isPublic(path), path.grantee[0] ?? ''];
  const r = path.object === 'column'
    ? await session.query(HELD_COLUMN_SQL, [...params, on.column ?? ''])
    : await session.query(HELD_TABLE_SQL, params);
  return (r.rows[0] as { held: boolean } | undefined)?.held === true;
}

async function postgresCanRead(session: SqlSession, principal: string, ref: ColumnRef): Promise<boolean> {
  const r = await session.query(CAN_READ_SQL, [principal, ref.schema, ref.table, ref.column]);
  return (r.rows[0] as { can: boolean } | undefined)?.can === true;
}

export const postgresGrants: GrantsDialect = {
  readers: postgresReaders,
  rowSecurity: postgresRowSecurity,
  revokeSql: postgresRevokeSql,
  stillGranted: postgresStillGranted,
  canRead: postgresCanRead,
};

function grantee(oid: string): string {
  return oid === '0' ? PUBLIC_ID : oid;
}

function group<T, V>(rows: readonly T[], key: (r: T) => string, map: (r: T) => V): Map<string, V[]> {
  const m = new Map<string, V[]>();
  for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), map(r)]);
  return m;
}

interface RawDb { owner: string; version: number | string }
interface RawRole { id: string; name: string; super: boolean; login: boolean; inherit: boolean }
interface RawMember { member: string; role: string; inherit: boolean }
interface RawSchemaAcl { schema: string; grantee: string }
interface RawTableAcl { schema: string; table: string; owner: string; grantee: string }
interface RawColumnAcl { schema: string; table: string; column: string; grantee: string }
interface RawView { schema: string; table: string; column: string; view_schema: string; view: string; owner: string; grantee: string }
interface RawDefiner { schema: string; signature: string; owner: string; grantee: string; body: string }
interface RawRls {
  schema: string; table: string; enabled: boolean; forced: boolean; name: string | null;
  permissive: boolean | null; cmd: string | null; using: string | null; roles: string[];
}
