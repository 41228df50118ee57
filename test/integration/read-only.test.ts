/**
 * Read-only, provably. The scan runs as a role that can only read —
 * PostgreSQL: SELECT-only grants and `default_transaction_read_only = on`; MariaDB: SELECT-only
 * grants (no CREATE TEMPORARY TABLES) — and must finish without an error. Then:
 * - PostgreSQL: `pg_stat_database` tup_inserted/updated/deleted of the scanned database (these count
 *   system catalog rows too, so any DDL or temp table would move them), `pg_stat_user_tables`
 *   n_tup_ins/upd/del, pg_class and pg_extension are unchanged; a control write shows the
 *   statistics do move.
 * - MariaDB: CHECKSUM TABLE of every table and the table list are unchanged.
 * - SQL Server (wherever reachable): a login whose user is only in db_datareader; CHECKSUM_AGG of
 *   every table, the object list (with modify dates) and the database's index write counters
 *   (sys.dm_db_index_usage_stats user_updates; a control write shows they move) are unchanged.
 * - All: every statement the driver sent (pg Client.query spied, mysql2's diagnostics channel, the
 *   mssql Request spied) is a read: no DML, DDL or lock statement, and on PostgreSQL and MariaDB
 *   every user-table read is inside a read-only transaction.
 * One suite over the engines; the proof differs by engine, so each engine's body is its own.
 */
import { tracingChannel } from 'node:diagnostics_channel';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import pg from 'pg';
import mysql from 'mysql2/promise';
import { createTestDatabase, uniqueName, type EngineDialect, type TestDatabase, type TestEngine } from '../helpers/engines.js';
import { openAdmin, type AdminSession } from '../helpers/admin.js';
import { forEachEngine, SERVER_DIALECTS, serverOf, suiteEngines } from '../helpers/suite.js';
import { scan } from '../../src/scan/index.js';
import { READ_ONLY_SCRIPT_START } from '../../connectors/postgres/postgres-read-only.js';
const PASSWORD = 'Ro-pass-7Qx2';

const WRITE = /\b(INSERT|UPDATE|DELETE|MERGE|UPSERT|REPLACE|CREATE|ALTER|DROP|TRUNCATE|RENAME|GRANT|REVOKE|COPY|LOCK|UNLOCK|VACUUM|ANALYZE|OPTIMIZE|REPAIR|REFRESH|CLUSTER|REINDEX|COMMENT|CALL|DO|LOAD|HANDLER|nextval|setval|pg_advisory\w*|GET_LOCK|FOR\s+UPDATE|FOR\s+SHARE|INTO)\b/i;
/** The statement with quoted identifiers and literals blanked, so a column named "drop" is not a DROP. */
const shape = (sql: string) => sql.replace(/"(?:[^"]|"")*"|`(?:[^`]|``)*`|'(?:[^'\\]|''|\\.)*'/g, 'x');

function seed(dialect: 'pg' | 'my' | 'ms'): string[] {
  const txt = dialect === 'pg' ? 'text' : dialect === 'ms' ? 'nvarchar(40)' : 'varchar(40)';
  const s = [
    `CREATE TABLE people (id int PRIMARY KEY, full_name ${txt}, ssn ${txt}, email ${txt}, birth_date date)`,
    `CREATE TABLE notes (id int PRIMARY KEY, body ${txt})`,
    `CREATE TABLE no_pk (ssn ${txt})`,
    `CREATE VIEW people_v AS SELECT id, ssn FROM people`,
  ];
  const rows = Array.from({ length: 300 }, (_, i) => {
    const ssn = `${String(100 + (i % 600)).padStart(3, '0')}-${String(10 + (i % 80)).padStart(2, '0')}-${String(1000 + i).padStart(4, '0')}`;
    return `(${i}, 'Person ${i}', '${ssn}', 'p${i}@example.org', '19${50 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}')`;
  });
  s.push(`INSERT INTO people VALUES ${rows.join(', ')}`);
  s.push(`INSERT INTO notes VALUES ${Array.from({ length: 50 }, (_, i) => `(${i}, 'called back about claim ${i}')`).join(', ')}`);
  s.push(`INSERT INTO no_pk SELECT ssn FROM people`);
  return s;
}

function postgresReadOnly(engine: TestEngine): void {
  let db: TestDatabase;
  let admin: pg.Client;
  const role = uniqueName('ro');

  beforeAll(async () => {
    db = await createTestDatabase(engine, 'readonly');
    await db.exec([
      ...seed('pg'),
      'CREATE TABLE control (id int)',
      // Autovacuum/autoanalyze would write pg_statistic mid-test: analyze now, and switch it off here.
      'ALTER TABLE people SET (autovacuum_enabled = off)',
      'ALTER TABLE notes SET (autovacuum_enabled = off)',
      'ALTER TABLE no_pk SET (autovacuum_enabled = off)',
      'ALTER TABLE control SET (autovacuum_enabled = off)',
      'ANALYZE',
      `CREATE ROLE ${role} LOGIN PASSWORD '${PASSWORD}'`,
      `GRANT CONNECT ON DATABASE ${db.name} TO ${role}`,
      `GRANT USAGE ON SCHEMA public TO ${role}`,
      `GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${role}`,
      `ALTER ROLE ${role} SET default_transaction_read_only = on`,
    ]);
    admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await db?.drop();
    const a = new pg.Client({ connectionString: engine.adminUrl });
    await a.connect();
    await a.query(`DROP ROLE IF EXISTS ${role}`);
    await a.end();
  });

  async function stats() {
    // Wait for the scan's backends (closed with the pool) to flush their counters, then read fresh ones.
    await new Promise((r) => setTimeout(r, 1500));
    await admin.query('SELECT pg_stat_clear_snapshot()');
    const d = (await admin.query('SELECT tup_inserted, tup_updated, tup_deleted FROM pg_stat_database WHERE datname = current_database()')).rows[0];
    const t = (await admin.query(
      `SELECT relname, n_tup_ins, n_tup_upd, n_tup_del, n_tup_hot_upd FROM pg_stat_user_tables ORDER BY relname`,
    )).rows;
    const cls = (await admin.query(`SELECT count(*)::int AS n, max(oid::int) AS maxoid FROM pg_class`)).rows[0];
    const ext = (await admin.query(`SELECT string_agg(extname, ',' ORDER BY extname) AS e FROM pg_extension`)).rows[0];
    return { d, t, cls, ext };
  }

  it('the server statistics move for a write (control), and not at all for a full scan as the read-only role', async () => {
    const url = new URL(db.url);
    url.username = role;
    url.password = PASSWORD;
    // Control: a write by another session is visible in the statistics, so "unchanged" means something.
    const before0 = await stats();
    const w = new pg.Client({ connectionString: db.url });
    await w.connect();
    await w.query('INSERT INTO control VALUES (1)');
    await w.end();
    const after0 = await stats();
    expect(Number(after0.d.tup_inserted)).toBeGreaterThan(Number(before0.d.tup_inserted));

    const sent: string[] = [];
    const original = pg.Client.prototype.query;
    const spy = vi.spyOn(pg.Client.prototype, 'query').mockImplementation(function (this: pg.Client, ...args: unknown[]) {
      const q = args[0];
      const text = typeof q === 'string' ? q : (q as { text?: string } | null)?.text;
      if (typeof text === 'string') sent.push(text);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as never);
    let r;
    try {
      r = await scan({ sources: [{ name: 'ro', url: url.toString() }], sampleRows: 100 });
    } finally {
      spy.mockRestore();
    }
    expect(r.errors).toEqual([]);
    expect(r.columns.find((c) => c.table === 'people' && c.column === 'ssn')!.findings.map((f) => f.category)).toContain('ssn');
    const after = await stats();
    expect(after.d).toEqual(after0.d);
    expect(after.t).toEqual(after0.t);
    expect(after.cls).toEqual(after0.cls);
    expect(after.ext).toEqual(after0.ext);

    expect(sent.filter((s) => /\bFROM\s+(ONLY\s+)?"public"\./i.test(s)).length).toBeGreaterThanOrEqual(4);
    for (const sql of sent) {
      expect(shape(sql), sql.slice(0, 80)).not.toMatch(WRITE);
      if (/\bFROM\s+(ONLY\s+)?"public"\./i.test(sql)) expect(sql.startsWith(`${READ_ONLY_SCRIPT_START}, `), sql.slice(0, 80)).toBe(true);
    }
  }, 60_000);
}

function mysqlReadOnly(engine: TestEngine): void {
  let db: TestDatabase;
  let admin: mysql.Connection;
  const user = uniqueName('ro').slice(0, 32);

  beforeAll(async () => {
    db = await createTestDatabase(engine, 'readonly');
    await db.exec(seed('my'));
    admin = await mysql.createConnection({ uri: db.url });
    await admin.query(`CREATE USER '${user}'@'%' IDENTIFIED BY '${PASSWORD}'`);
    await admin.query(`CREATE USER '${user}'@'localhost' IDENTIFIED BY '${PASSWORD}'`);
    for (const host of ['%', 'localhost']) await admin.query(`GRANT SELECT ON \`${db.name}\`.* TO '${user}'@'${host}'`);
  });
  afterAll(async () => {
    for (const host of ['%', 'localhost']) await admin?.query(`DROP USER IF EXISTS '${user}'@'${host}'`);
    await admin?.end();
    await db?.drop();
  });

  async function snapshot() {
    const [tables] = await admin.query(
      `SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME`,
      [db.name],
    );
    const [sums] = await admin.query(`CHECKSUM TABLE people, notes, no_pk EXTENDED`);
    return { tables, sums };
  }

  it('a SELECT-only user scans every table; data and objects are unchanged; every statement sent is a read', async () => {
    const [grants] = await admin.query(`SHOW GRANTS FOR '${user}'@'%'`);
    const text = (grants as Array<Record<string, string>>).map((g) => Object.values(g)[0]).join('\n');
    expect(text).toMatch(/GRANT USAGE ON \*\.\*/);
    expect(text).toMatch(/GRANT SELECT ON `[^`]+`\.\*/);
    expect(text).not.toMatch(/INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|ALL PRIVILEGES/);

    const url = new URL(db.url);
    url.username = user;
    url.password = PASSWORD;
    const before = await snapshot();
    const sent: string[] = [];
    const onStart = (ctx: { query?: string }) => {
      if (typeof ctx.query === 'string') sent.push(ctx.query);
    };
    const channels = [tracingChannel('mysql2:query'), tracingChannel('mysql2:execute')];
    const handlers = { start: onStart };
    for (const c of channels) c.subscribe(handlers as never);
    let r;
    try {
      r = await scan({ sources: [{ name: 'ro', url: url.toString() }], sampleRows: 100 });
    } finally {
      for (const c of channels) c.unsubscribe(handlers as never);
    }
    expect(r.errors).toEqual([]);
    expect(r.columns.find((c) => c.table === 'people' && c.column === 'ssn')!.findings.map((f) => f.category)).toContain('ssn');
    expect(await snapshot()).toEqual(before);

    expect(sent.length).toBeGreaterThan(3);
    const samples = sent.filter((s) => new RegExp(`FROM \`${db.name}\``).test(s));
    expect(samples.length).toBeGreaterThanOrEqual(4);
    for (const sql of sent) {
      const ok = /^[\s(]*(SELECT|SHOW|SET SESSION|START TRANSACTION READ ONLY|COMMIT|ROLLBACK|WITH)\b/i.test(sql);
      expect(ok, sql.slice(0, 80)).toBe(true);
      expect(shape(sql).replace(/^\s*SET SESSION[^;]*$/i, ''), sql.slice(0, 80)).not.toMatch(WRITE);
    }
    // The samples run in a read-only session (one round trip per statement, no BEGIN/COMMIT around it).
    expect(sent.some((s) => /^SET SESSION TRANSACTION READ ONLY/.test(s))).toBe(true);
    expect(sent.some((s) => /^SET SESSION TRANSACTION READ WRITE/.test(s))).toBe(false);
  }, 60_000);
}

function mssqlReadOnly(engine: TestEngine): void {
  let db: TestDatabase;
  let admin: AdminSession;
  const login = uniqueName('ro');
  const LOGIN_PASSWORD = `${PASSWORD}-Aa1!`;

  beforeAll(async () => {
    db = await createTestDatabase(engine, 'readonly');
    await db.exec([
      ...seed('ms'),
      'CREATE TABLE control (id int)',
      `CREATE USER [${login}] FOR LOGIN [${login}]`,
      `ALTER ROLE db_datareader ADD MEMBER [${login}]`,
    ].flatMap((s) => (s.startsWith('CREATE USER') ? [`CREATE LOGIN [${login}] WITH PASSWORD = N'${LOGIN_PASSWORD}', CHECK_POLICY = OFF`, s] : [s])));
    admin = await openAdmin('mssql', db.url);
  }, 300_000);
  afterAll(async () => {
    await admin?.close();
    await db?.drop();
    const server = await openAdmin('mssql', engine.adminUrl);
    try {
      await server.rows(`IF SUSER_ID(N'${login}') IS NOT NULL DROP LOGIN [${login}]`);
    } finally {
      await server.close();
    }
  });

  async function snapshot() {
    const sums: Record<string, unknown> = {};
    for (const t of ['people', 'notes', 'no_pk']) sums[t] = (await admin.rows(`SELECT CHECKSUM_AGG(BINARY_CHECKSUM(*)) AS c, COUNT(*) AS n FROM dbo.${t}`))[0];
    const objects = await admin.rows(`SELECT name, type, CONVERT(varchar(30), modify_date, 126) AS modified FROM sys.objects WHERE is_ms_shipped = 0 ORDER BY name`);
    const writes = (await admin.rows(`SELECT COALESCE(SUM(user_updates), 0) AS w FROM sys.dm_db_index_usage_stats WHERE database_id = DB_ID()`))[0];
    return { sums, objects, writes };
  }

  it('a db_datareader login scans every table; data, objects and write counters are unchanged; every statement sent is a read', async () => {
    // Control: a write moves the counters, so "unchanged" means something.
    const before0 = await snapshot();
    await admin.rows('INSERT INTO control VALUES (1); SELECT 1 AS ok');
    const after0 = await snapshot();
    expect(Number(after0.writes!['w'])).toBeGreaterThan(Number(before0.writes!['w']));

    const url = new URL(db.url);
    url.username = login;
    url.password = LOGIN_PASSWORD;
    const sql = (await import('mssql')).default;
    const sent: string[] = [];
    const original = sql.Request.prototype.query;
    const spy = vi.spyOn(sql.Request.prototype, 'query').mockImplementation(function (this: unknown, ...args: unknown[]) {
      if (typeof args[0] === 'string') sent.push(args[0]);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as never);
    let r;
    try {
      r = await scan({ sources: [{ name: 'ro', url: url.toString() }], sampleRows: 100 });
    } finally {
      spy.mockRestore();
    }
    expect(r.errors).toEqual([]);
    expect(r.columns.find((c) => c.table === 'people' && c.column === 'ssn')!.findings.map((f) => f.category)).toContain('ssn');
    expect(await snapshot()).toEqual(after0);

    const samples = sent.filter((s) => /\bFROM \[[^\]]+\]\.\[dbo\]\.\[(people|notes|no_pk|people_v)\]/i.test(s));
    expect(samples.length).toBeGreaterThanOrEqual(4);
    for (const text of sent) expect(shape(text).replace(/\bSET LOCK_TIMEOUT \d+;/gi, ''), text.slice(0, 80)).not.toMatch(WRITE);
  }, 120_000);
}

const READ_ONLY: Record<EngineDialect, (engine: TestEngine) => void> = { postgres: postgresReadOnly, mysql: mysqlReadOnly, mssql: mssqlReadOnly };

forEachEngine('read-only scan', await suiteEngines(SERVER_DIALECTS), (e) => READ_ONLY[e.dialect](serverOf(e)));
