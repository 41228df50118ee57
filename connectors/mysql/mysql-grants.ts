/**
 * MySQL 8 and MariaDB 10.4+: who can read a column, from mysql.user (global), mysql.db
 * (database, with wildcards), mysql.tables_priv, mysql.columns_priv and roles
 * (mysql.roles_mapping in MariaDB, mysql.role_edges in MySQL 8). Needs SELECT on `mysql`.*.
 */
import { MinimError } from '../../src/errors.js';
import type { GrantsDialect, SqlSession } from '../types.js';
import { refusal } from '../connector-grants.js';
import { quoteIdent, quoteTable } from './mysql-quote.js';
import { PrivilegeGraph, PUBLIC_ID, type Grant, type Membership, type Principal } from '../../src/access/graph.js';
import { refKey, type AccessReader, type ColumnRef, type ReaderPath } from '../../src/access/types.js';

const SERVER_SQL = `SELECT VERSION() AS version, @@lower_case_table_names AS lctn`;
const USERS_SQL_MARIADB = `SELECT User AS user, Host AS host, Select_priv AS sel, Super_priv AS super, is_role AS role, default_role AS defrole FROM mysql.user`;
const USERS_SQL_MYSQL = `SELECT User AS user, Host AS host, Select_priv AS sel, Super_priv AS super, 'N' AS role, '' AS defrole FROM mysql.user`;
const ROLES_SQL_MARIADB = `SELECT User AS user, Host AS host, Role AS role FROM mysql.roles_mapping`;
// NOTE: MySQL 8 roles are accounts; FROM_* is the role, TO_* its grantee.
const ROLES_SQL_MYSQL = `SELECT TO_USER AS user, TO_HOST AS host, FROM_USER AS role, FROM_HOST AS rolehost FROM mysql.role_edges`;
const DB_SQL = `SELECT User AS user, Host AS host, Db AS db FROM mysql.db WHERE Select_priv = 'Y'`;
const TABLES_SQL = `SELECT User AS user, Host AS host, Db AS db, Table_name AS tbl FROM mysql.tables_priv WHERE FIND_IN_SET('Select', Table_priv) > 0`;
const COLUMNS_SQL = `SELECT User AS user, Host AS host, Db AS db, Table_name AS tbl, Column_name AS col FROM mysql.columns_priv WHERE FIND_IN_SET('Select', Column_priv) > 0`;
// NOTE: MariaDB 10.11 has no VIEW_TABLE_USAGE: definer views are found by reading their stored
// definition (always fully qualified, backquoted) for the table and the column; conservative.
const VIEWS_SQL = `SELECT TABLE_SCHEMA AS db, TABLE_NAME AS tbl, VIEW_DEFINITION AS def FROM information_schema.VIEWS WHERE SECURITY_TYPE = 'DEFINER'`;
const HELD_TABLE_SQL = `SELECT COUNT(*) AS n FROM mysql.tables_priv WHERE User = ? AND Host = ? AND Db = ? AND Table_name = ? AND FIND_IN_SET('Select', Table_priv) > 0`;
const HELD_COLUMN_SQL = `SELECT COUNT(*) AS n FROM mysql.columns_priv WHERE User = ? AND Host = ? AND Db = ? AND Table_name = ? AND Column_name = ? AND FIND_IN_SET('Select', Column_priv) > 0`;

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
  const viewRows = (await session.query(VIEWS_SQL)).rows as unknown as RawView[];

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
      ref: mariadb && isRole ? [s(u.user)] : [s(u.user), s(u.host)],
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
    .map((u): Grant => ({ grantee: grantee(s(u.user), s(u.host)), what: 'SELECT on *.*', rank: 3, object: 'global' }));

  const eq = (a: string, b: string) => (ci ? a.toLowerCase() === b.toLowerCase() : a === b);
  const out = new Map<string, AccessReader[]>();
  for (const ref of refs) {
    const grants: Grant[] = [...globalGrants];
    const onTable = (db: string, tbl: string, rank: number, view?: string): Grant[] => {
      const out: Grant[] = [];
      for (const d of dbRows) {
        if (dbPatternMatches(s(d.db), db, ci)) {
          out.push({ grantee: grantee(s(d.user), s(d.host)), what: `SELECT on ${s(d.db)}.*${view ? ` (view ${view})` : ''}`, rank: rank + 2, object: 'database', on: { schema: s(d.db), name: '*' } });
        }
      }
      for (const t of tableRows) {
        if (eq(s(t.db), db) && eq(s(t.tbl), tbl)) {
          out.push({
            grantee: grantee(s(t.user), s(t.host)), what: view ? `SELECT on view ${view}` : 'SELECT on table', rank,
            object: view ? 'view' : 'table', on: { schema: s(t.db), name: s(t.tbl) },
          });
        }
      }
      return out;
    };
    grants.push(...onTable(ref.schema, ref.table, 0));
    for (const c of columnRows) {
      // NOTE: column names are case-insensitive in MySQL whatever lower_case_table_names says.
      if (eq(s(c.db), ref.schema) && eq(s(c.tbl), ref.table) && s(c.col).toLowerCase() === ref.column.toLowerCase()) {
        grants.push({
          grantee: grantee(s(c.user), s(c.host)), what: 'SELECT on column', rank: 1, object: 'column',
          on: { schema: s(c.db), name: s(c.tbl), column: s(c.col) },
        });
      }
    }
    const qualified = `${quoteIdent(ref.schema)}.${quoteIdent(ref.table)}`.toLowerCase();
    for (const v of viewRows) {
      const def = s(v.def).toLowerCase();
      if (eq(s(v.db), ref.schema) && eq(s(v.tbl), ref.table)) continue;
      if (!def.includes(qualified) || !def.includes(quoteIdent(ref.column).toLowerCase())) continue;
      grants.push(...onTable(s(v.db), s(v.tbl), 5, `${s(v.db)}.${s(v.tbl)}`));
    }
    out.set(refKey(ref), graph.readers({ select: grants }));
  }
  return out;
}

/** An account or role as GRANT/REVOKE names it: `'user'@'host'`, `'role'`, or PUBLIC. */
function accountSql(grantee: readonly string[]): string {
  const lit = (v: string) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
  if (grantee.length === 1) return grantee[0] === 'PUBLIC' ? 'PUBLIC' : lit(grantee[0]!);
  return `${lit(grantee[0]!)}@${lit(grantee[1]!)}`;
}

/** REVOKE for the grant a path ends in: column, table or view grants only. */
export function mysqlRevokeSql(path: ReaderPath): string {
  const on = path.on;
  if (!on || !['column', 'table', 'view'].includes(path.object)) return refusal(path);
  const target = quoteTable(on.schema, on.name);
  if (path.object === 'column') return `REVOKE SELECT (${quoteIdent(on.column!)}) ON ${target} FROM ${accountSql(path.grantee)}`;
  return `REVOKE SELECT ON ${target} FROM ${accountSql(path.grantee)}`;
}

async function mysqlStillGranted(session: SqlSession, path: ReaderPath): Promise<boolean> {
  const on = path.on;
  if (!on) return false;
  const [user, host] = [path.grantee[0] ?? '', path.grantee[1] ?? ''];
  const r = path.object === 'column'
    ? await session.query(HELD_COLUMN_SQL, [user, host, on.schema, on.name, on.column ?? ''])
    : await session.query(HELD_TABLE_SQL, [user, host, on.schema, on.name]);
  return Number((r.rows[0] as { n: unknown } | undefined)?.n ?? 0) > 0;
}

export const mysqlGrants: GrantsDialect = {
  readers: mysqlReaders,
  revokeSql: mysqlRevokeSql,
  stillGranted: mysqlStillGranted,
};

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
interface RawView { db: unknown; tbl: unknown; def: unknown }
interface RawColumn { user: unknown; host: unknown; db: unknown; tbl: unknown; col: unknown }
