/**
 * Need-to-know on SQL Server (wherever MINIM_TEST_MSSQL_URL or Docker exists; skipped with the
 * reason printed elsewhere): database users in roles with table and column grants are judged,
 * checked against the engine itself (EXECUTE AS USER, then a SELECT), revoked through the
 * revocation functions, and re-read. Users WITHOUT LOGIN live in the test database and go with it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openConnector, DEFAULT_CONNECTOR_OPTIONS, grantsDialect, type Connector } from '../../connectors/index.js';
import { judgeColumn } from '../../src/access/judge.js';
import { parseAccessPolicy } from '../../src/access/policy.js';
import { applyRevocation, proposeRevocations, verifyRevocation } from '../../src/access/revoke.js';
import type { AccessColumn } from '../../src/access/types.js';
import { createTestDatabase, stopEngines, type TestDatabase } from '../helpers/engines.js';
import { forEachEngine, serverOf, suiteEngines } from '../helpers/suite.js';

const USERS = ['sup1', 'sup2', 'clerk1', 'clerk2', 'clerk3', 'analyst1', 'nobody'];
const READS_SQL = `DECLARE @ok int = 0; DECLARE @x nvarchar(20);
EXECUTE AS USER = @1;
BEGIN TRY SELECT TOP 1 @x = caller_ssn FROM dbo.request; SET @ok = 1; END TRY BEGIN CATCH SET @ok = 0; END CATCH;
REVERT;
SELECT @ok AS ok`;

forEachEngine('access need-to-know', await suiteEngines(['mssql'] as const), (e) => {
  let db: TestDatabase;
  let connector: Connector;
  const policy = parseAccessPolicy(`version: 1
categories:
  ssn:
    default: { allow: [] }
    departments:
      svc311: { allow: [{ role: supervisor, reason: redacts callers' SSNs }] }
`, 'test-policy.yaml');

  beforeAll(async () => {
    db = await createTestDatabase(serverOf(e), 'access_ntk');
    await db.exec([
      `CREATE TABLE dbo.request (id int PRIMARY KEY, caller_ssn nvarchar(11), status nvarchar(10))`,
      `INSERT INTO dbo.request VALUES (1, N'123-45-6789', N'open')`,
      ...USERS.map((u) => `CREATE USER [${u}] WITHOUT LOGIN`),
      `CREATE ROLE [supervisor]`,
      `CREATE ROLE [staff]`,
      `GRANT SELECT ON dbo.request (id, caller_ssn) TO [supervisor]`,
      `GRANT SELECT ON dbo.request TO [staff]`,
      `GRANT SELECT ON dbo.request (caller_ssn) TO [analyst1]`,
      `ALTER ROLE [supervisor] ADD MEMBER [sup1]`,
      `ALTER ROLE [supervisor] ADD MEMBER [sup2]`,
      ...['clerk1', 'clerk2', 'clerk3'].map((u) => `ALTER ROLE [staff] ADD MEMBER [${u}]`),
    ]);
    connector = await openConnector(db.url, { ...DEFAULT_CONNECTOR_OPTIONS, name: 'svc311' });
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
    const ref = { schema: 'dbo', table: 'request', column: 'caller_ssn' };
    const readers = await grantsDialect('mssql').readers(connector, [ref]);
    return judgeColumn({ source: 'svc311', ...ref, categories: ['ssn'], flags: [], readers: readers.get(JSON.stringify(['dbo', 'request', 'caller_ssn']))! }, policy, ['svc311']);
  }
  const users = (c: AccessColumn) => c.readers.filter((r) => USERS.includes(r.principal)).map((r) => r.principal).sort();

  it('judges each user as the engine answers, revokes the unauthorized grants and leaves the allowed', async () => {
    const col = await judged();
    expect(users(col)).toEqual(await engineReaders());
    expect(col.readers.find((r) => r.principal === 'sup1')?.verdict).toBe('allowed');
    expect(col.readers.find((r) => r.principal === 'clerk1')?.verdict).toBe('UNAUTHORIZED');
    const revs = proposeRevocations({ version: 1, dialect: 'mssql', columns: [col] }).filter((r) => !r.refused);
    expect(revs.map((r) => r.statementSql).sort()).toEqual([
      'REVOKE SELECT ON [dbo].[request] ([caller_ssn]) FROM [analyst1]',
      'REVOKE SELECT ON [dbo].[request] FROM [staff]',
    ]);
    for (const r of revs) await applyRevocation(connector, r);
    for (const r of revs) expect((await verifyRevocation(connector, r)).ok, r.statementSql).toBe(true);
    expect(await engineReaders()).toEqual(['sup1', 'sup2']);
    expect(users(await judged())).toEqual(['sup1', 'sup2']);
  }, 180_000);
});
