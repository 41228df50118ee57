/**
 * MssqlConnector against a real SQL Server: from MINIM_TEST_MSSQL_URL, else a testcontainers
 * container where a Docker engine is reachable; otherwise skipped with the reason printed (as on
 * this project's machines, which have neither). Catalog, samples, hostile identifiers, sensitivity
 * labels, permissions, lock and request timeouts, KILL, bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import sql from 'mssql';
import { MssqlConnector } from '../../connectors/mssql/mssql-connector.js';
import { mssqlTarget } from '../../connectors/mssql/mssql-url.js';
import type { CatalogTable, ConnectorOptions, SampleOptions } from '../../connectors/types.js';
import { MinimError } from '../../src/errors.js';
import { createTestDatabase, getEngine, stopEngines, uniqueName, type TestDatabase } from '../helpers/engines.js';
import { rejects } from '../helpers/errors.js';

const found = await getEngine('mssql');
if (found.skip) console.warn(`mssql-connector: skipped — ${found.skip}`);
const engine = found.engine;

const OPTS: ConnectorOptions = { name: 'payroll', concurrency: 2, connectTimeoutMs: 15_000, statementTimeoutMs: 30_000, lockTimeoutMs: 2_000 };
const HOSTILE_SCHEMA = 'sch ema]';
const HOSTILE_TABLE = `we]ird ;-- "tab'le [x] ç名`;
const LONG = 'l'.repeat(128);
const HOSTILE_COLS = ['select', 'a b', 'x]y', "q'uote", 'ümlaut名前', ';--', LONG];
const q = (s: string) => `[${s.replace(/]/g, ']]')}]`;
const lit = (s: string) => `N'${s.replace(/'/g, "''")}'`;

function sampleOpts(table: CatalogTable, rows = 1000, maxValueLength = 200): SampleOptions {
  return { rows, columns: table.columns, maxValueLength, statementTimeoutMs: 30_000, lockTimeoutMs: 2_000 };
}
function urlFor(base: string, user: string | null, password: string | null, database: string | null): string {
  const u = new URL(base);
  if (user !== null) u.username = encodeURIComponent(user);
  if (password !== null) u.password = encodeURIComponent(password);
  if (database !== null) u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}
/** Runs batches as admin on `database` (master by default); returns the last batch's rows. */
async function admin(batches: string[], database = 'master'): Promise<Array<Record<string, unknown>>> {
  const config = mssqlTarget(urlFor(engine!.adminUrl, null, null, database), { ...OPTS, name: 'admin' }).config;
  const pool = await new sql.ConnectionPool({ ...config, options: { ...config.options, readOnlyIntent: false } }).connect();
  try {
    let rows: Array<Record<string, unknown>> = [];
    for (const b of batches) rows = ((await pool.request().batch(b)).recordset ?? []) as Array<Record<string, unknown>>;
    return rows;
  } finally {
    await pool.close();
  }
}

describe.skipIf(!engine)('MssqlConnector (real server)', () => {
  let db: TestDatabase;
  let conn: MssqlConnector;
  let tables: CatalogTable[];
  const logins: string[] = [];
  const table = (name: string) => tables.find((t) => t.name === name)!;

  beforeAll(async () => {
    db = await createTestDatabase(engine!, 'mssqlconn');
    await db.exec([
      `CREATE TABLE dbo.people (id int IDENTITY PRIMARY KEY, full_name nvarchar(100), email varchar(200) NOT NULL, active bit,
        photo varbinary(max), loc geography, created datetime2, born datetime, dob date, note nvarchar(max), guid uniqueidentifier,
        rv rowversion, h hierarchyid, amount decimal(10,2))`,
      "EXEC sp_addextendedproperty N'MS_Description', N'residents', N'SCHEMA', N'dbo', N'TABLE', N'people'",
      "EXEC sp_addextendedproperty N'MS_Description', N'legal name', N'SCHEMA', N'dbo', N'TABLE', N'people', N'COLUMN', N'full_name'",
      "ADD SENSITIVITY CLASSIFICATION TO dbo.people.email WITH (LABEL = 'Confidential', INFORMATION_TYPE = 'Contact Info')",
      `INSERT INTO dbo.people (full_name, email, active, photo, loc, created, born, dob, note, guid, h, amount) VALUES
        (N'Ann Example', 'ann@example.org', 1, 0xDEADBEEF, geography::Point(39.1, -94.6, 4326), '2024-03-01T10:11:12', '1990-05-06',
         '1990-05-06', REPLICATE(CONVERT(nvarchar(max), N'n'), 5000), '6F9619FF-8B86-D011-B42D-00C04FC964FF', hierarchyid::Parse('/1/2/'), 12.50),
        (N'Bo Example', 'bo@example.org', 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
        (N'Cy', 'cy@example.com', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`,
      'CREATE TABLE dbo.no_pk (a nvarchar(10), b int)',
      "INSERT INTO dbo.no_pk VALUES (N'x', 1), (N'y', 2), (NULL, 3)",
      'CREATE TABLE dbo.composite (x int NOT NULL, y nvarchar(10) NOT NULL, v nvarchar(max), PRIMARY KEY (x, y))',
      "INSERT INTO dbo.composite VALUES (1, N'a', N'one'), (1, N'b', N'two'), (2, N'a', N'three')",
      'CREATE VIEW dbo.v_people AS SELECT id, email FROM dbo.people',
      `CREATE SCHEMA ${q(HOSTILE_SCHEMA)}`,
      `CREATE TABLE ${q(HOSTILE_SCHEMA)}.${q(HOSTILE_TABLE)} (${HOSTILE_COLS.map((c, i) => `${q(c)} ${i === 0 ? 'int PRIMARY KEY' : 'nvarchar(20)'}`).join(', ')})`,
      `INSERT INTO ${q(HOSTILE_SCHEMA)}.${q(HOSTILE_TABLE)} VALUES (1, N'v1', N'v2', N'v3', N'v4', N'v5', N'v6'), (2, N'w1', NULL, N'w3', N'w4', N'w5', N'w6')`,
      `CREATE TABLE dbo.${q('t'.repeat(128))} (id bigint PRIMARY KEY, v nvarchar(5))`,
      `INSERT INTO dbo.${q('t'.repeat(128))} VALUES (9223372036854775807, N'max'), (1, N'min')`,
      'CREATE TABLE dbo.big (id int PRIMARY KEY, v nvarchar(20), pad nchar(200))',
      `WITH d(i) AS (SELECT i FROM (VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)) AS v(i))
        INSERT INTO dbo.big SELECT 1 + a.i + 10*b.i + 100*c.i + 1000*e.i + 10000*f.i + 100000*g.i, CONCAT(N'v', a.i), N'p'
        FROM d a, d b, d c, d e, d f, d g WHERE g.i < 2`,
      `CREATE VIEW dbo.slow_view AS SELECT a.id FROM dbo.big a CROSS JOIN dbo.big b CROSS JOIN dbo.big c WHERE a.id + b.id + c.id < 0`,
    ]);
    conn = await MssqlConnector.open(db.url, OPTS);
    tables = await conn.catalog();
  });

  afterAll(async () => {
    await conn?.close();
    if (engine) {
      for (const l of logins) await admin([`IF SUSER_ID(${lit(l)}) IS NOT NULL DROP LOGIN ${q(l)}`]).catch(() => {});
    }
    await db?.drop();
    await stopEngines();
  });

  it('reports the server version', async () => {
    expect(await conn.serverVersion()).toMatch(/SQL Server/);
  });

  it('lists tables and views of the URL database as plain schemas, with kinds, keys, comments and labels', () => {
    expect(new Set(tables.map((t) => t.schema))).toEqual(new Set(['dbo', HOSTILE_SCHEMA]));
    const names = tables.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['people', 'no_pk', 'composite', 'v_people', HOSTILE_TABLE, 't'.repeat(128), 'big']));
    const keys = tables.map((t) => `${t.schema}\u0000${t.name}`);
    expect(keys).toEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(table('people')).toMatchObject({ kind: 'table', primaryKey: ['id'], comment: 'residents', rowEstimate: 3 });
    expect(table('v_people')).toMatchObject({ kind: 'view', primaryKey: [], rowEstimate: null });
    expect(table('no_pk').primaryKey).toEqual([]);
    expect(table('composite').primaryKey).toEqual(['x', 'y']);
    expect(table(HOSTILE_TABLE).columns.map((c) => c.name)).toEqual(HOSTILE_COLS);
    const p = table('people');
    expect(Object.fromEntries(p.columns.map((c) => [c.name, c.typeClass]))).toEqual({
      id: 'integer', full_name: 'text', email: 'text', active: 'boolean', photo: 'binary', loc: 'spatial', created: 'timestamp',
      born: 'timestamp', dob: 'date', note: 'text', guid: 'uuid', rv: 'binary', h: 'other', amount: 'decimal',
    });
    const byName = (n: string) => p.columns.find((c) => c.name === n)!;
    expect(byName('full_name')).toMatchObject({ dataType: 'nvarchar(100)', maxLength: 100, comment: 'legal name', position: 2 });
    expect(byName('email')).toMatchObject({ nullable: false, comment: 'sensitivity: Confidential / Contact Info' });
  });

  it('samples text cut in the database, spatial as WKT, ISO dates, binary never fetched', async () => {
    const p = table('people');
    const s = await conn.sample(p, sampleOpts(p, 1000, 100));
    expect(s).toMatchObject({ rows: 3, method: 'full', queries: 1 });
    const v = (name: string) => s.values[p.columns.findIndex((c) => c.name === name)]!;
    const ann = v('email').indexOf('ann@example.org');
    expect(ann).toBeGreaterThanOrEqual(0);
    expect(v('photo').every((x) => x === null)).toBe(true);
    expect(v('rv').every((x) => x === null)).toBe(true);
    expect(v('loc')[ann]).toBe('POINT (-94.6 39.1)');
    expect(v('note')[ann]).toHaveLength(100);
    expect(v('active')[ann]).toBe('1');
    expect(v('dob')[ann]).toBe('1990-05-06');
    expect(v('born')[ann]).toBe('1990-05-06 00:00:00.000');
    expect(v('created')[ann]).toMatch(/^2024-03-01 10:11:12/);
    expect(v('h')[ann]).toBe('/1/2/');
    expect(v('guid')[ann]).toBe('6F9619FF-8B86-D011-B42D-00C04FC964FF');
    expect(v('amount')[ann]).toBe('12.50');
  });

  it('samples keyless tables, views, composite keys and hostile names', async () => {
    for (const name of ['no_pk', 'composite', 'v_people', HOSTILE_TABLE, 't'.repeat(128)]) {
      const t = table(name);
      const s = await conn.sample(t, sampleOpts(t));
      expect(s.rows, name).toBeGreaterThan(0);
      expect(s.values).toHaveLength(t.columns.length);
    }
    const h = table(HOSTILE_TABLE);
    const s = await conn.sample(h, sampleOpts(h));
    expect(s.values[HOSTILE_COLS.indexOf('x]y')]!.slice().sort()).toEqual(['v3', 'w3']);
  });

  it('samples a 200k-row table with TABLESAMPLE: one statement, rows from at least 100 key ranges', async () => {
    const t = table('big');
    expect(t.rowEstimate).toBeGreaterThan(150_000);
    const s = await conn.sample(t, sampleOpts(t, 1000));
    expect(s.method).toMatch(/^tablesample-system\(/);
    expect(s.queries).toBe(1);
    expect(s.rows).toBe(1000);
    const ranges = new Set(s.values[0]!.map((id) => Math.floor((Number(id) - 1) / 1000)));
    expect(ranges.size).toBeGreaterThanOrEqual(100);
  });

  it('runs read-write transactions (@1, @2 parameters) and rolls back on error', async () => {
    await conn.transaction(async (s) => {
      const r = await s.query('UPDATE dbo.no_pk SET b = b + 10 WHERE a = @1', ['x']);
      expect(r.rowCount).toBe(1);
    });
    const e = await rejects(
      conn.transaction(async (s) => {
        await s.query('UPDATE dbo.no_pk SET b = 0');
        await s.query('SELECT * FROM dbo.no_such_table');
      }),
    );
    expect(e.code).toBe('OBJECT_NOT_FOUND');
    const r = await conn.query('SELECT b FROM dbo.no_pk ORDER BY b');
    expect(r.rows.map((x) => Number(x['b']))).toEqual([2, 3, 11]);
  });

  it('fails past the request timeout with SAMPLE_TIMEOUT and keeps working', async () => {
    const v = table('slow_view');
    const e = await rejects(conn.sample(v, { ...sampleOpts(v), statementTimeoutMs: 500 }));
    expect(e.code).toBe('SAMPLE_TIMEOUT');
    expect(e.message).toContain('slow_view');
    expect((await conn.sample(table('people'), sampleOpts(table('people')))).rows).toBe(3);
  });

  it('gives up on a locked table with LOCK_TIMEOUT instead of waiting', async () => {
    const config = mssqlTarget(db.url, OPTS).config;
    const holder = await new sql.ConnectionPool({ ...config, options: { ...config.options, readOnlyIntent: false } }).connect();
    const tx = new sql.Transaction(holder);
    await tx.begin();
    try {
      await new sql.Request(tx).query('SELECT COUNT(*) FROM dbo.no_pk WITH (TABLOCKX, HOLDLOCK)');
      const t = table('no_pk');
      const e = await rejects(conn.sample(t, { ...sampleOpts(t), lockTimeoutMs: 300 }));
      expect(e.code).toBe('LOCK_TIMEOUT');
    } finally {
      await tx.rollback();
      await holder.close();
    }
  });

  it('maps a KILLed session mid-sample to CONNECTION_LOST (retryable), then recovers', async () => {
    const v = table('slow_view');
    const pending = conn.sample(v, sampleOpts(v)).catch((e: unknown) => e);
    let killed = false;
    for (let i = 0; i < 50 && !killed; i++) {
      await new Promise((r) => setTimeout(r, 200));
      const rows = await admin([
        `SELECT r.session_id FROM sys.dm_exec_requests r CROSS APPLY sys.dm_exec_sql_text(r.sql_handle) t
          WHERE r.session_id <> @@SPID AND t.text LIKE N'%slow[_]view%' AND DB_NAME(r.database_id) = ${lit(db.name)}`,
      ]);
      for (const r of rows) {
        await admin([`KILL ${Number(r['session_id'])}`]);
        killed = true;
      }
    }
    expect(killed).toBe(true);
    const e = (await pending) as MinimError;
    expect(e).toBeInstanceOf(MinimError);
    expect(e.code).toBe('CONNECTION_LOST');
    expect(e.retryable).toBe(true);
    expect((await conn.sample(table('people'), sampleOpts(table('people')))).rows).toBe(3);
  });

  it('reports PERMISSION_DENIED for a table the login cannot read', async () => {
    const login = uniqueName('l');
    const password = `Pw-${randomBytes(8).toString('hex')}-A1!`;
    logins.push(login);
    await admin([`CREATE LOGIN ${q(login)} WITH PASSWORD = ${lit(password)}, CHECK_POLICY = OFF`]);
    await db.exec([`CREATE USER ${q(login)} FOR LOGIN ${q(login)}`, `GRANT SELECT ON dbo.people TO ${q(login)}`]);
    const limited = await MssqlConnector.open(urlFor(db.url, login, password, null), OPTS);
    try {
      const seen = await limited.catalog();
      expect(seen.map((t) => t.name)).toEqual(['people']);
      expect((await limited.sample(seen[0]!, sampleOpts(seen[0]!))).rows).toBe(3);
      const e = await rejects(limited.sample(table('no_pk'), sampleOpts(table('no_pk'))));
      expect(e.code).toBe('PERMISSION_DENIED');
      expect(e.message).toContain('dbo.no_pk');
      expect(e.message).not.toContain(password);
    } finally {
      await limited.close();
    }
  });

  it('without a database in the URL scans every visible user database as db.schema', async () => {
    const other = await createTestDatabase(engine!, 'mssqlother');
    const hostileDb = `${uniqueName('h')} ;-- ]x'`;
    try {
      await other.exec('CREATE TABLE dbo.t2 (id int PRIMARY KEY, e nvarchar(50))');
      await admin([`CREATE DATABASE ${q(hostileDb)}`]);
      await admin([`CREATE TABLE dbo.${q('sel]ect')} (id int PRIMARY KEY)`], hostileDb);
      const all = await MssqlConnector.open(urlFor(engine!.adminUrl, null, null, ''), OPTS);
      try {
        const cat = await all.catalog();
        const schemas = new Set(cat.map((t) => t.schema));
        expect([...schemas]).toEqual(expect.arrayContaining([`${db.name}.dbo`, `${other.name}.dbo`, `${hostileDb}.dbo`]));
        for (const s of schemas) expect(s).not.toMatch(/^(master|tempdb|model|msdb)\./);
        const t2 = cat.find((t) => t.schema === `${other.name}.dbo` && t.name === 't2')!;
        expect((await all.sample(t2, sampleOpts(t2))).rows).toBe(0);
        const sel = cat.find((t) => t.schema === `${hostileDb}.dbo` && t.name === 'sel]ect')!;
        expect((await all.sample(sel, sampleOpts(sel))).method).toBe('full');
      } finally {
        await all.close();
      }
    } finally {
      await admin([`ALTER DATABASE ${q(hostileDb)} SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE ${q(hostileDb)}`]).catch(() => {});
      await other.drop();
    }
  });

  it('maps refused ports, wrong passwords and unknown databases, never echoing a password', async () => {
    const login = uniqueName('p');
    const password = `Secret-${randomBytes(8).toString('hex')}-A1!`;
    logins.push(login);
    await admin([`CREATE LOGIN ${q(login)} WITH PASSWORD = ${lit(password)}, CHECK_POLICY = OFF`]);
    const cases: Array<[string, string]> = [
      [`mssql://${login}:${password}@/x`, 'URL_INVALID'],
      [`mssql://${login}:${password}@127.0.0.1:1/master?encrypt=false`, 'CONNECT_FAILED'],
      [urlFor(engine!.adminUrl, login, `${password}-wrong`, 'master'), 'AUTH_FAILED'],
      [urlFor(engine!.adminUrl, null, null, 'minim_no_such_db_x'), 'DATABASE_NOT_FOUND'],
    ];
    for (const [url, code] of cases) {
      const e = await rejects(MssqlConnector.open(url, OPTS));
      expect(e.code).toBe(code);
      expect(e.message).toContain('source payroll');
      expect(e.message).not.toContain(password);
      expect(e.message.split('\n')).toHaveLength(1);
    }
  });
});
