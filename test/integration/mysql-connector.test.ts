/**
 * MysqlConnector against the real server (local MariaDB here; MySQL via env URL or testcontainers):
 * catalog, bounded and spread samples, hostile identifiers, permissions, timeouts, KILL, bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mysql from 'mysql2/promise';
import { randomBytes } from 'node:crypto';
import { MysqlConnector } from '../../connectors/mysql/mysql-connector.js';
import type { CatalogTable, ConnectorOptions, SampleOptions } from '../../connectors/types.js';
import { MinimError } from '../../src/errors.js';
import { createTestDatabase, getEngine, uniqueName, type TestDatabase } from '../helpers/engines.js';
import { rejects } from '../helpers/errors.js';

const found = await getEngine('mysql');
if (found.skip) console.warn(`mysql-connector: skipped — ${found.skip}`);
const engine = found.engine;

const OPTS: ConnectorOptions = { name: 'city311', concurrency: 2, connectTimeoutMs: 5_000, statementTimeoutMs: 20_000, lockTimeoutMs: 2_000 };
const HOSTILE_TABLE = 'we`ird ;-- "tab\'le [x] ç名';
const LONG = 'l'.repeat(64);
const HOSTILE_COLS = ['select', 'a b', 'x`y', "q'uote", 'ümlaut名前', ';--', LONG];

function sampleOpts(table: CatalogTable, rows = 1000, maxValueLength = 200): SampleOptions {
  return { rows, columns: table.columns, maxValueLength, statementTimeoutMs: 20_000, lockTimeoutMs: 2_000 };
}
const col = (t: CatalogTable, name: string) => t.columns.find((c) => c.name === name)!;
const q = (s: string) => '`' + s.replace(/`/g, '``') + '`';
function withUser(url: string, user: string, password: string, database?: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  if (database !== undefined) u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}
async function admin<T>(fn: (c: mysql.Connection) => Promise<T>): Promise<T> {
  const c = await mysql.createConnection({ uri: engine!.adminUrl });
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

describe.skipIf(!engine)('MysqlConnector (real server)', () => {
  let db: TestDatabase;
  let conn: MysqlConnector;
  let tables: CatalogTable[];
  const users: string[] = [];
  const table = (name: string) => tables.find((t) => t.name === name)!;

  beforeAll(async () => {
    db = await createTestDatabase(engine!, 'mysqlconn');
    await db.exec([
      `CREATE TABLE people (id INT AUTO_INCREMENT PRIMARY KEY, full_name VARCHAR(100) COMMENT 'legal name',
        email VARCHAR(200) NOT NULL, active TINYINT(1), born YEAR, photo BLOB, prefs JSON, home POINT,
        status ENUM('open','closed'), flags BIT(3), notes LONGTEXT, created DATETIME, dob DATE, amount DECIMAL(10,2))
        COMMENT 'residents'`,
      `INSERT INTO people (full_name, email, active, born, photo, prefs, home, status, flags, notes, created, dob, amount)
        VALUES ('Ann Example', 'ann@example.org', 1, 1990, X'DEADBEEF', '{"a": 1}', ST_GeomFromText('POINT(1 2)'),
        'open', b'101', REPEAT('n', 5000), '2024-03-01 10:11:12', '1990-05-06', 12.50)`,
      `INSERT INTO people (full_name, email) VALUES ('Bo Example', 'bo@example.org'), ('Cy', 'cy@example.com')`,
      'CREATE TABLE no_pk (a VARCHAR(10), b INT)',
      "INSERT INTO no_pk VALUES ('x', 1), ('y', 2), (NULL, 3)",
      'CREATE TABLE composite (x INT, y VARCHAR(10), v TEXT, PRIMARY KEY (x, y))',
      "INSERT INTO composite VALUES (1, 'a', 'one'), (1, 'b', 'two'), (2, 'a', 'three')",
      'CREATE VIEW v_people AS SELECT id, email FROM people',
      'CREATE VIEW slow_view AS SELECT id, email, SLEEP(0.5) AS z FROM people',
      `CREATE TABLE ${q(HOSTILE_TABLE)} (${HOSTILE_COLS.map((c, i) => `${q(c)} ${i === 0 ? 'INT PRIMARY KEY' : 'VARCHAR(20)'}`).join(', ')})`,
      `INSERT INTO ${q(HOSTILE_TABLE)} VALUES (1, 'v1', 'v2', 'v3', 'v4', 'v5', 'v6'), (2, 'w1', NULL, 'w3', 'w4', 'w5', 'w6')`,
      `CREATE TABLE ${q('t'.repeat(64))} (id BIGINT UNSIGNED PRIMARY KEY, v VARCHAR(5))`,
      `INSERT INTO ${q('t'.repeat(64))} VALUES (18446744073709551615, 'max'), (1, 'min')`,
    ]);
    conn = await MysqlConnector.open(db.url, OPTS);
    tables = await conn.catalog();
  });

  afterAll(async () => {
    await conn?.close();
    if (engine) await admin(async (c) => { for (const u of users) await c.query(`DROP USER IF EXISTS '${u}'@'%'`); });
    await db?.drop();
  });

  it('reports the server version', async () => {
    expect(await conn.serverVersion()).toMatch(/^\d+\.\d+/);
  });

  it('lists tables and views of the URL database, sorted, with kinds, keys and comments', () => {
    expect(tables.every((t) => t.schema === db.name)).toBe(true);
    const names = tables.map((t) => t.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(names).toEqual(expect.arrayContaining(['people', 'no_pk', 'composite', 'v_people', HOSTILE_TABLE, 't'.repeat(64)]));
    expect(table('people')).toMatchObject({ kind: 'table', primaryKey: ['id'], comment: 'residents' });
    expect(table('v_people')).toMatchObject({ kind: 'view', primaryKey: [], rowEstimate: null, comment: null });
    expect(table('no_pk').primaryKey).toEqual([]);
    expect(table('composite').primaryKey).toEqual(['x', 'y']);
    expect(table(HOSTILE_TABLE).columns.map((c) => c.name)).toEqual(HOSTILE_COLS);
  });

  it('maps column types onto type classes', () => {
    const p = table('people');
    const classes = Object.fromEntries(p.columns.map((c) => [c.name, c.typeClass]));
    expect(classes).toEqual({
      id: 'integer', full_name: 'text', email: 'text', active: 'boolean', born: 'integer', photo: 'binary',
      prefs: 'json', home: 'spatial', status: 'text', flags: 'other', notes: 'text', created: 'timestamp',
      dob: 'date', amount: 'decimal',
    });
    expect(col(p, 'full_name')).toMatchObject({ position: 2, dataType: 'varchar(100)', maxLength: 100, nullable: true, comment: 'legal name' });
    expect(col(p, 'email').nullable).toBe(false);
    expect(p.columns.map((c) => c.position)).toEqual(p.columns.map((_, i) => i + 1));
  });

  it('samples text cut in the database, spatial as WKT, binary never fetched', async () => {
    const p = table('people');
    const s = await conn.sample(p, sampleOpts(p, 1000, 100));
    expect(s.rows).toBe(3);
    expect(s.method).toBe('full');
    expect(s.queries).toBe(1);
    const v = (name: string) => s.values[p.columns.findIndex((c) => c.name === name)]!;
    const ann = v('email').indexOf('ann@example.org');
    expect(ann).toBeGreaterThanOrEqual(0);
    expect(v('photo').every((x) => x === null)).toBe(true);
    expect(v('home')[ann]).toBe('POINT(1 2)');
    expect(v('notes')[ann]).toHaveLength(100);
    expect(v('active')[ann]).toBe('1');
    expect(v('born')[ann]).toBe('1990');
    expect(v('flags')[ann]).toBe('5');
    expect(v('created')[ann]).toBe('2024-03-01 10:11:12');
    expect(v('dob')[ann]).toBe('1990-05-06');
    expect(JSON.parse(v('prefs')[ann]!)).toEqual({ a: 1 });
    expect(v('status')[ann]).toBe('open');
    expect(v('amount')[ann]).toBe('12.50');
  });

  it('samples tables without a usable key, views, composite keys and hostile names', async () => {
    for (const name of ['no_pk', 'composite', 'v_people', HOSTILE_TABLE, 't'.repeat(64)]) {
      const t = table(name);
      const s = await conn.sample(t, sampleOpts(t));
      expect(s.rows, name).toBeGreaterThan(0);
      expect(s.values).toHaveLength(t.columns.length);
    }
    const h = table(HOSTILE_TABLE);
    const s = await conn.sample(h, sampleOpts(h));
    expect(s.values[HOSTILE_COLS.indexOf('x`y')]!.slice().sort()).toEqual(['v2', null].sort());
    expect(s.values[HOSTILE_COLS.indexOf(LONG)]!.slice().sort()).toEqual(['v6', 'w6']);
    const big = table('t'.repeat(64));
    const sb = await conn.sample(big, { ...sampleOpts(big), rows: 1 });
    expect(sb.rows).toBe(1);
  });

  it('probes a 200k-row table: bounded queries, rows from at least 100 key ranges', async () => {
    await db.exec([
      'CREATE TABLE digits (i INT PRIMARY KEY)',
      'INSERT INTO digits VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)',
      'CREATE TABLE big (id INT PRIMARY KEY, v VARCHAR(20))',
      `INSERT INTO big SELECT 1 + a.i + 10*b.i + 100*c.i + 1000*d.i + 10000*e.i + 100000*f.i, CONCAT('v', a.i)
        FROM digits a, digits b, digits c, digits d, digits e, digits f WHERE f.i < 2`,
      'ANALYZE TABLE big',
    ]);
    const [t] = (await conn.catalog()).filter((x) => x.name === 'big');
    expect(t!.rowEstimate).toBeGreaterThan(100_000);
    const s = await conn.sample(t!, sampleOpts(t!, 1000));
    expect(s.method).toMatch(/^pk-probes/);
    expect(s.queries).toBe(2);
    expect(s.rows).toBeGreaterThan(900);
    expect(s.rows).toBeLessThanOrEqual(1000);
    const ids = s.values[0]!.map(Number);
    expect(new Set(ids).size).toBe(ids.length);
    const ranges = new Set(ids.map((id) => Math.floor((id - 1) / 1000))); // 200 ranges of 1,000 keys
    expect(ranges.size).toBeGreaterThanOrEqual(100);
  });

  it('odd data: empty and NULL-only tables, megabyte values, a view whose table is gone', async () => {
    await db.exec([
      'CREATE TABLE empty_t (id INT PRIMARY KEY, v TEXT)',
      'CREATE TABLE nulls (id INT PRIMARY KEY, v TEXT)',
      'INSERT INTO nulls VALUES (1, NULL), (2, NULL)',
      'CREATE TABLE huge (id INT PRIMARY KEY, v LONGTEXT)',
      "INSERT INTO huge VALUES (1, REPEAT('abc', 1000000))",
      'CREATE TABLE gone (id INT PRIMARY KEY)',
      'CREATE VIEW broken_view AS SELECT id FROM gone',
      'DROP TABLE gone',
    ]);
    const cat = await conn.catalog();
    const get = (n: string) => cat.find((t) => t.name === n)!;
    expect((await conn.sample(get('empty_t'), sampleOpts(get('empty_t')))).rows).toBe(0);
    const nulls = await conn.sample(get('nulls'), sampleOpts(get('nulls')));
    expect(nulls.values[1]).toEqual([null, null]);
    const huge = await conn.sample(get('huge'), sampleOpts(get('huge'), 10, 500));
    expect(huge.values[1]![0]).toHaveLength(500);
    expect(get('broken_view').kind).toBe('view');
    const e = await rejects(conn.sample(get('broken_view'), sampleOpts(get('broken_view'))));
    expect(e.code).toBe('OBJECT_NOT_FOUND');
    expect(e.message).toContain('broken_view');
  });

  it('samples inside a READ ONLY transaction: a view whose function writes fails and writes nothing', async () => {
    await db.exec([
      'CREATE TABLE audit_sink (n INT)',
      `CREATE FUNCTION touch_sink(x INT) RETURNS INT MODIFIES SQL DATA NOT DETERMINISTIC
        BEGIN INSERT INTO audit_sink VALUES (x); RETURN x; END`,
      'CREATE VIEW writing_view AS SELECT touch_sink(id) AS id, email FROM people',
    ]);
    const cat = await conn.catalog();
    const v = cat.find((t) => t.name === 'writing_view')!;
    const e = await rejects(conn.sample(v, sampleOpts(v)));
    expect(e.code).toBe('QUERY_FAILED');
    expect(e.message).toContain('read-only');
    const r = await conn.query('SELECT COUNT(*) AS n FROM audit_sink');
    expect(Number(r.rows[0]!['n'])).toBe(0);
  });

  it('one pooled connection: a sample leaves its session read-only for the next sample, read-write for a plain write', async () => {
    const one = await MysqlConnector.open(db.url, { ...OPTS, concurrency: 1 });
    try {
      await one.query('CREATE TABLE IF NOT EXISTS mode_sink (n INT)');
      const v = (await one.catalog()).find((t) => t.name === 'people')!;
      expect((await one.sample(v, sampleOpts(v))).rows).toBe(3);
      // The same (only) connection, read-only after the sample: a write through query() still works.
      await one.query('INSERT INTO mode_sink VALUES (?)', [7]);
      const sink = (await one.catalog()).find((t) => t.name === 'mode_sink')!;
      expect((await one.sample(sink, sampleOpts(sink))).values[0]).toEqual(['7']);
      // …and a read-write transaction on it too (it states its own mode).
      await one.transaction(async (s) => s.query('DELETE FROM mode_sink'));
      expect((await one.sample(sink, sampleOpts(sink))).rows).toBe(0);
    } finally {
      await one.query('DROP TABLE IF EXISTS mode_sink').catch(() => undefined);
      await one.close();
    }
  });

  it('runs read-write transactions and plain queries (migrate path), rolling back on error', async () => {
    await conn.transaction(async (s) => {
      const r = await s.query('UPDATE no_pk SET b = b + 10 WHERE a = ?', ['x']);
      expect(r.rowCount).toBe(1);
    });
    await expect(
      conn.transaction(async (s) => {
        await s.query('UPDATE no_pk SET b = 0');
        await s.query('SELECT * FROM no_such_table');
      }),
    ).rejects.toMatchObject({ code: 'OBJECT_NOT_FOUND' });
    const r = await conn.query('SELECT b FROM no_pk ORDER BY b');
    expect(r.rows.map((x) => Number(x['b']))).toEqual([2, 3, 11]);
  });

  it('fails a sample past the statement timeout with SAMPLE_TIMEOUT, and keeps working', async () => {
    const v = table('slow_view');
    const t0 = Date.now();
    const e = await rejects(conn.sample(v, { ...sampleOpts(v), statementTimeoutMs: 300 }));
    expect(e.code).toBe('SAMPLE_TIMEOUT');
    expect(e.message).toContain('slow_view');
    expect(Date.now() - t0).toBeLessThan(5_000);
    const p = table('people');
    expect((await conn.sample(p, sampleOpts(p))).rows).toBe(3);
  });

  it('maps a KILLed connection mid-sample to CONNECTION_LOST (retryable), then recovers', async () => {
    const v = table('slow_view');
    const pending = conn.sample(v, sampleOpts(v)).catch((e: unknown) => e);
    let killed = false;
    for (let i = 0; i < 50 && !killed; i++) {
      await new Promise((r) => setTimeout(r, 100));
      await admin(async (c) => {
        const [rows] = await c.query(
          "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = ? AND INFO LIKE '%slow_view%' AND ID <> CONNECTION_ID()",
          [db.name],
        );
        for (const r of rows as Array<{ ID: number }>) {
          await c.query(`KILL ${Number(r.ID)}`);
          killed = true;
        }
      });
    }
    expect(killed).toBe(true);
    const e = (await pending) as MinimError;
    expect(e).toBeInstanceOf(MinimError);
    expect(e.code).toBe('CONNECTION_LOST');
    expect(e.retryable).toBe(true);
    const p = table('people');
    expect((await conn.sample(p, sampleOpts(p))).rows).toBe(3);
  });

  it('reports PERMISSION_DENIED for a table the user cannot read, and hides it from the catalog', async () => {
    const user = uniqueName('u');
    const password = `pw-${randomBytes(6).toString('hex')}`;
    users.push(user);
    await admin(async (c) => {
      await c.query(`CREATE USER '${user}'@'%' IDENTIFIED BY '${password}'`);
      await c.query(`GRANT SELECT ON ${q(db.name)}.people TO '${user}'@'%'`);
    });
    const limited = await MysqlConnector.open(withUser(engine!.adminUrl, user, password, db.name), OPTS);
    try {
      const seen = await limited.catalog();
      expect(seen.map((t) => t.name)).toEqual(['people']);
      expect((await limited.sample(seen[0]!, sampleOpts(seen[0]!))).rows).toBe(3);
      const e = await rejects(limited.sample(table('no_pk'), sampleOpts(table('no_pk'))));
      expect(e.code).toBe('PERMISSION_DENIED');
      expect(e.message).toContain(`${db.name}.no_pk`);
      expect(e.message).not.toContain(password);
    } finally {
      await limited.close();
    }
  });

  it('without a database in the URL scans every visible non-system database, and only those', async () => {
    const other = await createTestDatabase(engine!, 'mysqlother');
    const hostileDb = `${uniqueName('h')} ;-- \`x'`;
    try {
      await other.exec('CREATE TABLE t2 (id INT PRIMARY KEY, e VARCHAR(50))');
      await admin(async (c) => {
        await c.query(`CREATE DATABASE ${q(hostileDb)}`);
        await c.query(`CREATE TABLE ${q(hostileDb)}.${q('sel`ect')} (id INT PRIMARY KEY)`);
      });
      const all = await MysqlConnector.open(engine!.adminUrl, OPTS);
      try {
        const schemas = new Set((await all.catalog()).map((t) => t.schema));
        expect([...schemas]).toEqual(expect.arrayContaining([db.name, other.name, hostileDb]));
        for (const sys of ['mysql', 'information_schema', 'performance_schema', 'sys']) expect(schemas.has(sys)).toBe(false);
      } finally {
        await all.close();
      }
      const user = uniqueName('v');
      const password = `pw-${randomBytes(6).toString('hex')}`;
      users.push(user);
      await admin(async (c) => {
        await c.query(`CREATE USER '${user}'@'%' IDENTIFIED BY '${password}'`);
        await c.query(`GRANT SELECT ON ${q(other.name)}.* TO '${user}'@'%'`);
      });
      const limited = await MysqlConnector.open(withUser(engine!.adminUrl, user, password), OPTS);
      try {
        const seen = await limited.catalog();
        expect([...new Set(seen.map((t) => t.schema))]).toEqual([other.name]);
        expect(seen.map((t) => t.name)).toEqual(['t2']);
      } finally {
        await limited.close();
      }
    } finally {
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${q(hostileDb)}`));
      await other.drop();
    }
  });

  it('maps bad URLs, refused ports, wrong passwords and unknown databases, never echoing a password', async () => {
    const user = uniqueName('p');
    const password = `Secret-${randomBytes(6).toString('hex')}`;
    users.push(user);
    await admin((c) => c.query(`CREATE USER '${user}'@'%' IDENTIFIED BY '${password}'`));
    const cases: Array<[string, string]> = [
      [`mysql://${user}:${password}@/nohost`, 'URL_INVALID'],
      [`mysql://${user}:${password}@127.0.0.1:1/`, 'CONNECT_FAILED'],
      [withUser(engine!.adminUrl, user, `${password}-wrong`), 'AUTH_FAILED'],
      [withUser(engine!.adminUrl, user, password, 'minim_no_such_db_x'), 'PERMISSION_DENIED'],
      [withUser(engine!.adminUrl.replace(/^mysql:/, 'mariadb:'), 'root', '', 'minim_no_such_db_x').replace(/:@/, '@'), 'DATABASE_NOT_FOUND'],
    ];
    for (const [url, code] of cases) {
      const e = await rejects(MysqlConnector.open(url, OPTS));
      expect(e.code, url.replace(password, '***')).toBe(code);
      expect(e.message).toContain('source city311');
      expect(e.message).not.toContain(password);
      expect(e.message.split('\n')).toHaveLength(1);
    }
  });
});
