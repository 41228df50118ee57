/**
 * SQL Server readers through a view, a procedure and a scalar function over the column (wherever
 * MINIM_TEST_MSSQL_URL or Docker exists; skipped with the reason printed elsewhere): the review
 * equals what the engine lets each user read (EXECUTE AS USER, then the table, the view, the
 * procedure and the function in turn): an unbroken ownership chain lets the view's grantee read
 * past a DENY on the table, a view owned by someone else adds nobody. Revoking the view grants
 * takes those readers away, checked the same way. Users WITHOUT LOGIN go with the test database.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openConnector, DEFAULT_CONNECTOR_OPTIONS, grantsDialect, type Connector } from '../../connectors/index.js';
import { judgeColumn } from '../../src/access/judge.js';
import { parseAccessPolicy } from '../../src/access/policy.js';
import { applyRevocation, proposeRevocations, verifyRevocation } from '../../src/access/revoke.js';
import type { AccessColumn } from '../../src/access/types.js';
import { createTestDatabase, stopEngines, type TestDatabase } from '../helpers/engines.js';
import { forEachEngine, serverOf, suiteEngines } from '../helpers/suite.js';


const USERS = ['clerk', 'reporter', 'helpdesk', 'scalar', 'tabledenied', 'broken', 'other_owner', 'nobody'];
const READS_SQL = `DECLARE @ok int = 0; DECLARE @x nvarchar(20); DECLARE @t TABLE (x nvarchar(11));
EXECUTE AS USER = @1;
BEGIN TRY SELECT TOP 1 @x = caller_ssn FROM calls.requests; SET @ok = 1; END TRY BEGIN CATCH SET @ok = @ok; END CATCH;
BEGIN TRY SELECT TOP 1 @x = caller_ssn FROM calls.v_report; SET @ok = 1; END TRY BEGIN CATCH SET @ok = @ok; END CATCH;
BEGIN TRY SELECT TOP 1 @x = caller_ssn FROM calls.v_broken; SET @ok = 1; END TRY BEGIN CATCH SET @ok = @ok; END CATCH;
BEGIN TRY INSERT INTO @t EXEC calls.p_lookup @id = 1; SET @ok = 1; END TRY BEGIN CATCH SET @ok = @ok; END CATCH;
BEGIN TRY SET @x = calls.f_ssn(1); SET @ok = 1; END TRY BEGIN CATCH SET @ok = @ok; END CATCH;
REVERT;
SELECT @ok AS ok`;

// The access readers capability on SQL Server: readers through views, procedures and functions.
forEachEngine('access readers', await suiteEngines(['mssql'] as const), (e) => {
  const found = { engine: serverOf(e) };
  let db: TestDatabase;
  let connector: Connector;
  const policy = parseAccessPolicy(`version: 1
categories:
  ssn:
    default: { allow: [], reason: nobody }
`, 'test-policy.yaml');

  beforeAll(async () => {
    db = await createTestDatabase(found.engine!, 'access_views');
    await db.exec([
      `CREATE SCHEMA calls`,
      `CREATE TABLE calls.requests (id int PRIMARY KEY, caller_ssn nvarchar(11), status nvarchar(10))`,
      `INSERT INTO calls.requests VALUES (1, N'123-45-6789', N'open')`,
      ...USERS.map((u) => `CREATE USER [${u}] WITHOUT LOGIN`),
      `CREATE VIEW calls.v_report AS SELECT id, caller_ssn FROM calls.requests`,
      `CREATE VIEW calls.v_broken AS SELECT id, caller_ssn FROM calls.requests`,
      `ALTER AUTHORIZATION ON OBJECT::calls.v_broken TO [other_owner]`,
      `CREATE PROCEDURE calls.p_lookup @id int AS SELECT caller_ssn FROM calls.requests WHERE id = @id`,
      `CREATE FUNCTION calls.f_ssn(@id int) RETURNS nvarchar(11) AS BEGIN RETURN (SELECT caller_ssn FROM calls.requests WHERE id = @id) END`,
      `GRANT SELECT ON calls.requests TO [clerk]`,
      `GRANT SELECT ON calls.v_report TO [reporter]`,
      `GRANT EXECUTE ON calls.p_lookup TO [helpdesk]`,
      `GRANT EXECUTE ON calls.f_ssn TO [scalar]`,
      `DENY SELECT ON calls.requests TO [tabledenied]`,
      `GRANT SELECT ON calls.v_report TO [tabledenied]`,
      `GRANT SELECT ON calls.v_broken TO [broken]`,
    ]);
    connector = await openConnector(db.url, { ...DEFAULT_CONNECTOR_OPTIONS, name: 'calls' });
  }, 180_000);

  afterAll(async () => {
    await connector?.close();
    await db?.drop();
    await stopEngines();
  });

  async function engineReaders(): Promise<string[]> {
    const out: string[] = [];
    for (const u of USERS) {
      const r = await connector.query(READS_SQL, [u]);
      if (Number((r.rows[0] as { ok: unknown } | undefined)?.ok) === 1) out.push(u);
    }
    return out.sort();
  }
  async function judged(): Promise<AccessColumn> {
    const ref = { schema: 'calls', table: 'requests', column: 'caller_ssn' };
    const readers = await grantsDialect('mssql').readers(connector, [ref]);
    return judgeColumn({ source: 'calls', ...ref, categories: ['ssn'], flags: [], readers: readers.get(JSON.stringify(['calls', 'requests', 'caller_ssn']))! }, policy, ['calls']);
  }
  const users = (c: AccessColumn) => c.readers.filter((r) => USERS.includes(r.principal)).map((r) => r.principal).sort();

  it('counts the readers through the view, the procedure and the function as the engine answers, and revokes the view grants', async () => {
    const col = await judged();
    expect(await engineReaders()).toEqual(['clerk', 'helpdesk', 'reporter', 'scalar', 'tabledenied']);
    expect(users(col)).toEqual(await engineReaders());
    expect(col.readers.find((r) => r.principal === 'reporter')?.via).toBe('direct grant (SELECT on view calls.v_report)');
    expect(col.readers.find((r) => r.principal === 'helpdesk')?.via).toBe('direct grant (EXECUTE on procedure calls.p_lookup)');
    expect(col.readers.find((r) => r.principal === 'scalar')?.via).toBe('direct grant (EXECUTE on function calls.f_ssn)');

    const views = proposeRevocations({ version: 1, dialect: 'mssql', columns: [col] }).filter((r) => !r.refused && r.object === 'view');
    expect(views.map((r) => r.statementSql).sort()).toEqual([
      'REVOKE SELECT ON [calls].[v_report] FROM [reporter]',
      'REVOKE SELECT ON [calls].[v_report] FROM [tabledenied]',
    ]);
    for (const r of views) await applyRevocation(connector, r);
    for (const r of views) expect((await verifyRevocation(connector, r)).ok, r.statementSql).toBe(true);
    expect(await engineReaders()).toEqual(['clerk', 'helpdesk', 'scalar']);
    expect(users(await judged())).toEqual(['clerk', 'helpdesk', 'scalar']);
  }, 180_000);
});
