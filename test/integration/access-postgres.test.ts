/**
 * `minim access` on PostgreSQL: the readers it lists for each column equal, for every role,
 * what PostgreSQL itself answers with has_column_privilege(...) AND has_schema_privilege(..., 'USAGE').
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { postgresReaders } from '../../connectors/postgres/postgres-grants.js';
import { refKey, type ColumnRef } from '../../src/access/types.js';
import type { SqlSession } from '../../connectors/types.js';
import { createTestDatabase, type TestDatabase } from '../helpers/engines.js';
import { forEachEngine, serverOf, suiteEngines } from '../helpers/suite.js';


const tag = randomBytes(3).toString('hex');
const R = (n: string) => `acc${tag}_${n}`;

/** A session on a real pg client (the introspector needs only `query`). */
function pgSession(client: pg.Client): SqlSession {
  return { query: async (sql, params) => { const r = await client.query(sql, params as unknown[]); return { rows: r.rows, rowCount: r.rowCount ?? 0 }; } };
}

forEachEngine('access readers', await suiteEngines(['postgres'] as const), (e) => {
  const found = { engine: serverOf(e) };
  let db: TestDatabase;
  let client: pg.Client;
  const roles = ['staff', 'clerk', 'noinherit', 'auditor', 'nousage', 'readall', 'owner', 'a', 'b', 'c', 'su', 'revoked', 'dbowner'];

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: found.engine!.adminUrl });
    await admin.connect();
    await admin.query(`
      CREATE ROLE "${R('staff')}" NOLOGIN;
      CREATE ROLE "${R('clerk')}" LOGIN IN ROLE "${R('staff')}";
      CREATE ROLE "${R('noinherit')}" LOGIN NOINHERIT IN ROLE "${R('staff')}";
      CREATE ROLE "${R('auditor')}" LOGIN;
      CREATE ROLE "${R('nousage')}" LOGIN;
      CREATE ROLE "${R('readall')}" LOGIN IN ROLE pg_read_all_data;
      CREATE ROLE "${R('owner')}" LOGIN;
      CREATE ROLE "${R('c')}" NOLOGIN;
      CREATE ROLE "${R('b')}" NOLOGIN IN ROLE "${R('c')}";
      CREATE ROLE "${R('a')}" LOGIN IN ROLE "${R('b')}";
      CREATE ROLE "${R('su')}" LOGIN SUPERUSER;
      CREATE ROLE "${R('revoked')}" LOGIN;
      CREATE ROLE "${R('dbowner')}" LOGIN;`);
    await admin.end();
    db = await createTestDatabase(found.engine!, 'access_pg');
    await db.exec([
      `ALTER DATABASE "${db.name}" OWNER TO "${R('dbowner')}"`,
      `CREATE SCHEMA calls311`,
      `CREATE SCHEMA payroll`,
      `CREATE TABLE calls311.requests (id int PRIMARY KEY, notes text, "Caller SSN" text)`,
      `CREATE TABLE payroll.employees (id int PRIMARY KEY, ssn text, dob date, "<script>x" text)`,
      `CREATE TABLE payroll.owned (id int, ssn text)`,
      `CREATE TABLE payroll.self_revoked (id int, ssn text)`,
      `ALTER TABLE payroll.owned OWNER TO "${R('owner')}"`,
      `ALTER TABLE payroll.self_revoked OWNER TO "${R('revoked')}"`,
      `REVOKE SELECT ON payroll.self_revoked FROM "${R('revoked')}"`,
      // PUBLIC reads 311 requests (the Denver case); staff reads payroll through membership.
      `GRANT USAGE ON SCHEMA calls311 TO PUBLIC`,
      `GRANT SELECT ON calls311.requests TO PUBLIC`,
      `GRANT USAGE ON SCHEMA payroll TO "${R('staff')}", "${R('auditor')}", "${R('c')}", "${R('owner')}", "${R('revoked')}"`,
      `GRANT SELECT ON payroll.employees TO "${R('staff')}"`,
      `GRANT SELECT (ssn) ON payroll.employees TO "${R('auditor')}"`,
      `GRANT SELECT ON payroll.employees TO "${R('nousage')}"`,
      `GRANT SELECT (dob) ON payroll.employees TO "${R('c')}"`,
      `GRANT SELECT ON payroll.owned TO "${R('a')}"`,
      `GRANT USAGE ON SCHEMA payroll TO pg_database_owner`,
      `GRANT SELECT (dob) ON payroll.employees TO pg_database_owner`,
    ]);
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await db?.drop();
    const admin = new pg.Client({ connectionString: found.engine!.adminUrl });
    await admin.connect();
    for (const r of [...roles].reverse()) await admin.query(`DROP ROLE IF EXISTS "${R(r)}"`).catch(() => {});
    await admin.end();
  });

  const refs: ColumnRef[] = [
    { schema: 'calls311', table: 'requests', column: 'notes' },
    { schema: 'calls311', table: 'requests', column: 'Caller SSN' },
    { schema: 'payroll', table: 'employees', column: 'ssn' },
    { schema: 'payroll', table: 'employees', column: 'dob' },
    { schema: 'payroll', table: 'employees', column: '<script>x' },
    { schema: 'payroll', table: 'owned', column: 'ssn' },
    { schema: 'payroll', table: 'self_revoked', column: 'ssn' },
  ];

  it('lists exactly the roles PostgreSQL lets read each column', async () => {
    const readers = await postgresReaders(pgSession(client), refs);
    const expected = await client.query<{ schema: string; table: string; column: string; role: string; ok: boolean }>(
      `SELECT x.schema, x.table, x.column, r.rolname AS role,
              has_column_privilege(r.oid, format('%I.%I', x.schema, x.table)::regclass, x.column, 'SELECT')
              AND has_schema_privilege(r.oid, x.schema, 'USAGE') AS ok
         FROM unnest($1::text[], $2::text[], $3::text[]) AS x(schema, "table", "column") CROSS JOIN pg_roles r`,
      [refs.map((r) => r.schema), refs.map((r) => r.table), refs.map((r) => r.column)],
    );
    let compared = 0;
    for (const ref of refs) {
      const listed = new Set(readers.get(refKey(ref))!.filter((r) => r.kind !== 'public' && !r.setRole).map((r) => r.principal));
      const rows = expected.rows.filter((e) => e.schema === ref.schema && e.table === ref.table && e.column === ref.column);
      const engine = new Set(rows.filter((e) => e.ok).map((e) => e.role));
      // Roles other sessions create meanwhile are in only one snapshot: compare on the roles both saw.
      const both = new Set(rows.map((e) => e.role));
      if (readers.get(refKey(ref))!.some((r) => r.kind === 'public')) {
        // PUBLIC reads: everyone does, grouped under PUBLIC; those listed are the ones with a grant of their own.
        expect([...listed].filter((n) => both.has(n) && !engine.has(n)), `${ref.table}.${ref.column}`).toEqual([]);
      } else expect([...listed].filter((n) => both.has(n)).sort(), `${ref.table}.${ref.column}`).toEqual([...engine].sort());
      compared += rows.length;
    }
    expect(compared).toBeGreaterThan(refs.length * 13);
  });

  it('explains how each reader reads', async () => {
    const readers = await postgresReaders(pgSession(client), refs);
    const of = (i: number, n: string) => readers.get(refKey(refs[i]!))!.find((r) => r.principal === n);
    expect(of(0, 'PUBLIC')).toMatchObject({ principal: 'PUBLIC', kind: 'public', via: expect.stringMatching(/^PUBLIC \(SELECT on table\): every role and user/) });
    expect(of(2, R('clerk'))?.via).toBe(`role membership: ${R('clerk')} → ${R('staff')} (SELECT on table)`);
    expect(of(2, R('noinherit'))).toMatchObject({ setRole: true, via: `after SET ROLE: role membership: ${R('noinherit')} → ${R('staff')} (SELECT on table)` });
    expect(of(2, R('nousage'))).toBeUndefined();
    expect(of(2, R('auditor'))?.via).toBe('direct grant (SELECT on column)');
    expect(of(3, R('auditor'))).toBeUndefined();
    expect(of(3, R('a'))?.via).toBe(`role membership: ${R('a')} → ${R('b')} → ${R('c')} (SELECT on column)`);
    expect(of(3, R('readall'))?.via).toBe(`role membership: ${R('readall')} → pg_read_all_data (reads all data)`);
    expect(of(5, R('owner'))?.via).toBe('owner of table');
    expect(of(5, R('a'))?.via).toBe('direct grant (SELECT on table)');
    expect(of(3, R('dbowner'))?.via).toBe(`role membership: ${R('dbowner')} → pg_database_owner (SELECT on column)`);
    expect(of(3, 'pg_database_owner')).toMatchObject({ kind: 'role' });
    expect(of(6, R('revoked'))).toBeUndefined();
    expect(of(2, R('su'))).toMatchObject({ superuser: true, kind: 'user' });
    // clerk reads column 0 only through PUBLIC: grouped under the PUBLIC entry, not listed alone.
    // Reads only through PUBLIC: listed (a login counts) but marked, and grouped under PUBLIC on screen.
    expect(of(0, R('clerk'))).toMatchObject({ viaPublic: true, via: 'PUBLIC (SELECT on table)' });
    expect(of(0, 'PUBLIC')?.via).toMatch(/every role and user, \d+ of them with no grant of their own/);
  });
});
