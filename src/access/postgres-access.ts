/**
 * PostgreSQL (and PGlite): who can read a column, from pg_roles, pg_auth_members, and the ACLs
 * of schemas (USAGE), tables and columns (SELECT), exactly as `has_column_privilege` and
 * `has_schema_privilege` decide it.
 */
import type { SqlSession } from '../../connectors/types.js';
import { PrivilegeGraph, PUBLIC_ID, type Grant, type Membership, type Principal } from './graph.js';
import { refKey, type AccessReader, type ColumnRef } from './types.js';

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

/** The catalog SQL this introspector runs, for review and tests. */
export const POSTGRES_ACCESS_SQL = { ROLES_SQL, MEMBERS_SQL_16, MEMBERS_SQL_15, DB_SQL, SCHEMA_SQL, TABLES_SQL, COLUMNS_SQL };

/** Readers of each column (keyed by `refKey`). Columns not found in the catalog get no readers. */
export async function postgresReaders(session: SqlSession, refs: readonly ColumnRef[]): Promise<Map<string, AccessReader[]>> {
  const db = (await session.query(DB_SQL)).rows[0] as unknown as RawDb;
  const roles = (await session.query(ROLES_SQL)).rows as unknown as RawRole[];
  const version = Number(db.version);
  const members = (await session.query(version >= 160000 ? MEMBERS_SQL_16 : MEMBERS_SQL_15)).rows as unknown as RawMember[];
  const schemas = [...new Set(refs.map((r) => r.schema))];
  const tablePairs = [...new Map(refs.map((r) => [JSON.stringify([r.schema, r.table]), r])).values()];
  const tp = [tablePairs.map((r) => r.schema), tablePairs.map((r) => r.table)];
  const schemaAcl = (await session.query(SCHEMA_SQL, [schemas])).rows as unknown as RawSchemaAcl[];
  const tableAcl = (await session.query(TABLES_SQL, tp)).rows as unknown as RawTableAcl[];
  const columnAcl = (await session.query(COLUMNS_SQL, tp)).rows as unknown as RawColumnAcl[];

  const byId = new Map(roles.map((r) => [r.id, r]));
  const principals: Principal[] = roles.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.login ? 'user' : 'role',
    ...(r.super ? { superuser: 'superuser (bypasses privilege checks)' } : {}),
  }));
  const memberships: Membership[] = members.map((m) => ({ member: m.member, role: m.role, inherit: m.inherit }));
  // NOTE: the database owner is an implicit member of pg_database_owner (PostgreSQL 14+); before 16
  // that membership, like any other, is used only when the owner has INHERIT.
  const dbo = roles.find((r) => r.name === 'pg_database_owner');
  if (dbo) memberships.push({ member: db.owner, role: dbo.id, inherit: version >= 160000 || byId.get(db.owner)?.inherit === true });
  // NOTE: pg_read_all_data (14+) reads every table and uses every schema.
  const readAll = roles.find((r) => r.name === 'pg_read_all_data');
  const readAllGrant: Grant[] = readAll ? [{ grantee: readAll.id, what: 'reads all data', rank: 2 }] : [];
  const graph = new PrivilegeGraph(principals, memberships);

  const usage = group(schemaAcl, (a) => a.schema, (a): Grant => ({ grantee: grantee(a.grantee), what: 'USAGE on schema' }));
  const select = group(tableAcl, (a) => JSON.stringify([a.schema, a.table]), (a): Grant =>
    a.grantee === a.owner
      ? { grantee: a.grantee, what: 'owner of table', rank: 0 }
      : { grantee: grantee(a.grantee), what: 'SELECT on table', rank: 0 },
  );
  const colSelect = group(columnAcl, (a) => refKey(a), (a): Grant => ({ grantee: grantee(a.grantee), what: 'SELECT on column', rank: 1 }));

  const out = new Map<string, AccessReader[]>();
  for (const ref of refs) {
    const grants = [...(select.get(JSON.stringify([ref.schema, ref.table])) ?? []), ...(colSelect.get(refKey(ref)) ?? []), ...readAllGrant];
    const gate = [...(usage.get(ref.schema) ?? []), ...readAllGrant.map((g) => ({ ...g, what: 'uses all schemas' }))];
    out.set(refKey(ref), graph.readers({ select: grants, gate }));
  }
  return out;
}

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
