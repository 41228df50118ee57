/**
 * MySQL 8 and MariaDB 10.4+: who can read a column, from mysql.user (global), mysql.db
 * (database, with wildcards), mysql.tables_priv, mysql.columns_priv and roles
 * (mysql.roles_mapping in MariaDB, mysql.role_edges in MySQL 8). Needs SELECT on `mysql`.*.
 */
import { MinimError } from '../errors.js';
import type { SqlSession } from '../../connectors/types.js';
import { PrivilegeGraph, PUBLIC_ID, type Grant, type Membership, type Principal } from './graph.js';
import { refKey, type AccessReader, type ColumnRef } from './types.js';

const SERVER_SQL = `SELECT VERSION() AS version, @@lower_case_table_names AS lctn`;
const USERS_SQL_MARIADB = `SELECT User AS user, Host AS host, Select_priv AS sel, Super_priv AS super, is_role AS role, default_role AS defrole FROM mysql.user`;
const USERS_SQL_MYSQL = `SELECT User AS user, Host AS host, Select_priv AS sel, Super_priv AS super, 'N' AS role, '' AS defrole FROM mysql.user`;
const ROLES_SQL_MARIADB = `SELECT User AS user, Host AS host, Role AS role FROM mysql.roles_mapping`;
// NOTE: MySQL 8 roles are accounts; FROM_* is the role, TO_* its grantee.
const ROLES_SQL_MYSQL = `SELECT TO_USER AS user, TO_HOST AS host, FROM_USER AS role, FROM_HOST AS rolehost FROM mysql.role_edges`;
const DB_SQL = `SELECT User AS user, Host AS host, Db AS db FROM mysql.db WHERE Select_priv = 'Y'`;
const TABLES_SQL = `SELECT User AS user, Host AS host, Db AS db, Table_name AS tbl FROM mysql.tables_priv WHERE FIND_IN_SET('Select', Table_priv) > 0`;
const COLUMNS_SQL = `SELECT User AS user, Host AS host, Db AS db, Table_name AS tbl, Column_name AS col FROM mysql.columns_priv WHERE FIND_IN_SET('Select', Column_priv) > 0`;

/** The catalog SQL this introspector runs, for review and tests. */
export const MYSQL_ACCESS_SQL = { SERVER_SQL, USERS_SQL_MARIADB, USERS_SQL_MYSQL, ROLES_SQL_MARIADB, ROLES_SQL_MYSQL, DB_SQL, TABLES_SQL, COLUMNS_SQL };

/** `'user'@'host'` for accounts; a MariaDB role by its bare name. */
export function accountName(user: string, host: string, isRole: boolean): string {
  return isRole ? user : `'${user}'@'${host}'`;
}

/**
 * Whether a mysql.db `Db` pattern matches a database name: `%` any run, `_` one character,
 * `\_` and `\%` literal (the GRANT ON `db\_name`.* escapes).
 */
export function dbPatternMatches(pattern: string, db: string, caseInsensitive: boolean): boolean {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) re += escapeRe(pattern[++i]!);
    else if (c === '%') re += '.*';
    else if (c === '_') re += '.';
    else re += escapeRe(c);
  }
  return new RegExp(re + '$', caseInsensitive ? 'si' : 's').test(db);
}

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Readers of each column (keyed by `refKey`; `schema` is the database). */
export async function mysqlReaders(session: SqlSession, refs: readonly ColumnRef[]): Promise<Map<string, AccessReader[]>> {
  try {
    return await readMysqlReaders(session, refs);
  } catch (e) {
    if (e instanceof MinimError && e.code === 'PERMISSION_DENIED') {
      throw new MinimError(
        'PERMISSION_DENIED',
        'minim access reads the grant tables (mysql.user, mysql.db, mysql.tables_priv, mysql.columns_priv and the role tables); GRANT SELECT ON mysql.* to the reviewing user',
        { cause: e },
      );
    }
    throw e;
  }
}

async function readMysqlReaders(session: SqlSession, refs: readonly ColumnRef[]): Promise<Map<string, AccessReader[]>> {
  const server = (await session.query(SERVER_SQL)).rows[0] as unknown as RawServer;
  const mariadb = /mariadb/i.test(String(server.version));
  const ci = Number(server.lctn) !== 0;
  const users = (await session.query(mariadb ? USERS_SQL_MARIADB : USERS_SQL_MYSQL)).rows as unknown as RawUser[];
  const edges = (await session.query(mariadb ? ROLES_SQL_MARIADB : ROLES_SQL_MYSQL)).rows as unknown as RawEdge[];
  const dbRows = (await session.query(DB_SQL)).rows as unknown as RawDb[];
  const tableRows = (await session.query(TABLES_SQL)).rows as unknown as RawTable[];
  const columnRows = (await session.query(COLUMNS_SQL)).rows as unknown as RawColumn[];

  const mysqlRoles = new Set(mariadb ? [] : edges.map((e) => id(s(e.role), s(e.rolehost))));
  const roleIds = new Set<string>();
  const principals: Principal[] = [];
  for (const u of users) {
    const isRole = mariadb ? s(u.role) === 'Y' : mysqlRoles.has(id(s(u.user), s(u.host)));
    // NOTE: MariaDB 10.11's PUBLIC is a role row (User 'PUBLIC', Host '') every account has.
    if (mariadb && isRole && s(u.user) === 'PUBLIC') continue;
    const pid = mariadb && isRole ? roleId(s(u.user)) : id(s(u.user), s(u.host));
    if (isRole) roleIds.add(pid);
    const admin = s(u.sel) === 'Y' && s(u.super) === 'Y';
    principals.push({
      id: pid,
      name: accountName(s(u.user), s(u.host), mariadb && isRole),
      kind: isRole ? 'role' : 'user',
      ...(admin ? { superuser: 'SELECT on *.* (administrator account)' } : {}),
    });
  }
  // Grantee ids: MariaDB roles are host-less; PUBLIC is everyone.
  const grantee = (user: string, host: string): string => {
    if (mariadb && host === '' && user === 'PUBLIC') return PUBLIC_ID;
    if (mariadb && host === '' && roleIds.has(roleId(user))) return roleId(user);
    return id(user, host);
  };
  const memberships: Membership[] = edges.map((e) => ({
    member: grantee(s(e.user), s(e.host)),
    role: mariadb ? roleId(s(e.role)) : id(s(e.role), s(e.rolehost)),
    inherit: true,
  }));
  const graph = new PrivilegeGraph(principals, memberships);
  const globalGrants: Grant[] = users
    .filter((u) => s(u.sel) === 'Y')
    .map((u) => ({ grantee: grantee(s(u.user), s(u.host)), what: 'SELECT on *.*', rank: 3 }));

  const eq = (a: string, b: string) => (ci ? a.toLowerCase() === b.toLowerCase() : a === b);
  const out = new Map<string, AccessReader[]>();
  for (const ref of refs) {
    const grants: Grant[] = [...globalGrants];
    for (const d of dbRows) {
      if (dbPatternMatches(s(d.db), ref.schema, ci)) {
        grants.push({ grantee: grantee(s(d.user), s(d.host)), what: `SELECT on ${s(d.db)}.*`, rank: 2 });
      }
    }
    for (const t of tableRows) {
      if (eq(s(t.db), ref.schema) && eq(s(t.tbl), ref.table)) {
        grants.push({ grantee: grantee(s(t.user), s(t.host)), what: 'SELECT on table', rank: 0 });
      }
    }
    for (const c of columnRows) {
      // NOTE: column names are case-insensitive in MySQL whatever lower_case_table_names says.
      if (eq(s(c.db), ref.schema) && eq(s(c.tbl), ref.table) && s(c.col).toLowerCase() === ref.column.toLowerCase()) {
        grants.push({ grantee: grantee(s(c.user), s(c.host)), what: 'SELECT on column', rank: 1 });
      }
    }
    out.set(refKey(ref), graph.readers({ select: grants }));
  }
  return out;
}

function id(user: string, host: string): string {
  return JSON.stringify([user, host]);
}
function roleId(name: string): string {
  return JSON.stringify(['role', name]);
}
/** mysql2 may return CHAR columns as strings or Buffers. */
function s(v: unknown): string {
  return v === null || v === undefined ? '' : Buffer.isBuffer(v) ? v.toString('utf8') : String(v);
}

interface RawServer { version: unknown; lctn: unknown }
interface RawUser { user: unknown; host: unknown; sel: unknown; super: unknown; role: unknown; defrole: unknown }
interface RawEdge { user: unknown; host: unknown; role: unknown; rolehost?: unknown }
interface RawDb { user: unknown; host: unknown; db: unknown }
interface RawTable { user: unknown; host: unknown; db: unknown; tbl: unknown }
interface RawColumn { user: unknown; host: unknown; db: unknown; tbl: unknown; col: unknown }
