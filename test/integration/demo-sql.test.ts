/**
 * The demo city loads into real engines: the PostgreSQL rendering into a fresh database on the
 * local PostgreSQL, the MySQL rendering into uniquely prefixed databases on the local MariaDB/MySQL,
 * the SQL Server rendering where a SQL Server is reachable,
 * and the embedded PGlite build through ensureDemoDatabase. Row counts, column order, literal
 * round-trips and row estimates must match the model.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONNECTOR_OPTIONS, openConnector, type Connector } from '../../connectors/index.js';
import { DEMO_MARKER, demoDirName, ensureDemoDatabase, extractTarGz, packDemoDump, packagedDumpPath } from '../../src/demo/cache.js';
import { buildDemoCity } from '../../src/demo/city.js';
import type { DemoTable, DemoValue } from '../../src/demo/model.js';
import { renderDemoSql } from '../../src/demo/render.js';
import { createTestDatabase, getEngine, uniqueName, type TestDatabase } from '../helpers/engines.js';

const city = buildDemoCity();
const totalRows = city.tables.reduce((s, t) => s + t.rows.length, 0);
const expectedCounts = Object.fromEntries(city.tables.map((t) => [`${t.schema}.${t.name}`, t.rows.length]));

/** Columns whose exact values exercise quoting: apostrophes, accents, backslashes. */
const ROUND_TRIP: ReadonlyArray<readonly [string, string, string]> = [
  ['legacy_exports', 'export_files', 'file_name'],
  ['call_center_311', 'service_requests', 'caller_name'],
  ['municipal_court', 'defendants', 'city'],
  ['human_services', 'case_notes', 'noteText'],
];

function expectedValues(schema: string, table: string, column: string): DemoValue[] {
  const t = city.tables.find((x) => x.schema === schema && x.name === table)!;
  const i = t.columns.findIndex((c) => c.name === column);
  return t.rows.map((r) => r[i]!);
}

const pgEngine = await getEngine('postgres');
const myEngine = await getEngine('mysql');
const msEngine = await getEngine('mssql');
if (msEngine.skip) console.warn(`demo-sql mssql suite skipped: ${msEngine.skip}`);
if (pgEngine.skip) console.warn(`demo-sql postgres suite skipped: ${pgEngine.skip}`);
if (myEngine.skip) console.warn(`demo-sql mysql suite skipped: ${myEngine.skip}`);

describe.skipIf(!pgEngine.engine)('demo city on PostgreSQL', () => {
  let db: TestDatabase;
  let client: pg.Client;

  beforeAll(async () => {
    db = await createTestDatabase(pgEngine.engine!, 'demo_sql');
    const started = performance.now();
    await db.exec(renderDemoSql(city, 'postgres'));
    console.log(`demo city loaded into PostgreSQL: ${city.tables.length} tables, ${totalRows} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  it('has every table with the model row count and row estimates from ANALYZE', async () => {
    const { rows } = await client.query<{ schema: string; name: string; estimate: number }>(
      `SELECT n.nspname AS schema, c.relname AS name, c.reltuples::int AS estimate
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')`,
    );
    const counts: Record<string, number> = {};
    for (const r of rows) {
      const q = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${r.schema}"."${r.name}"`);
      counts[`${r.schema}.${r.name}`] = Number(q.rows[0]!.n);
      expect(r.estimate, `${r.schema}.${r.name}`).toBe(expectedCounts[`${r.schema}.${r.name}`]);
    }
    expect(counts).toEqual(expectedCounts);
  });

  it('keeps column order and primary keys', async () => {
    for (const t of city.tables) {
      const cols = await client.query<{ column_name: string }>(
        'SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position',
        [t.schema, t.name],
      );
      expect(cols.rows.map((r) => r.column_name)).toEqual(t.columns.map((c) => c.name));
      const pk = await client.query<{ column_name: string }>(
        `SELECT a.attname AS column_name FROM pg_index i
           JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
          WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)`,
        [`"${t.schema}"."${t.name}"`],
      );
      expect(pk.rows.map((r) => r.column_name), `${t.schema}.${t.name}`).toEqual([...t.primaryKey]);
    }
  });

  it.each(ROUND_TRIP)('round-trips %s.%s.%s literally', async (schema, table, column) => {
    const t = city.tables.find((x) => x.schema === schema && x.name === table)!;
    const { rows } = await client.query(`SELECT "${column}" AS v FROM "${schema}"."${table}" ORDER BY "${t.primaryKey[0]}"`);
    expect(rows.map((r) => r.v)).toEqual(expectedValues(schema, table, column));
  });
});

describe.skipIf(!myEngine.engine)('demo city on MySQL/MariaDB', () => {
  const prefix = `${uniqueName('demo')}_`;
  let conn: mysql.Connection;
  const dbName = (schema: string) => `${prefix}${schema}`;

  beforeAll(async () => {
    conn = await mysql.createConnection({ uri: myEngine.engine!.adminUrl, dateStrings: true });
    const started = performance.now();
    for (const s of renderDemoSql(city, 'mysql', { databasePrefix: prefix })) await conn.query(s);
    console.log(`demo city loaded into MySQL/MariaDB: ${city.tables.length} tables, ${totalRows} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  });
  afterAll(async () => {
    if (!conn) return;
    for (const d of city.departments) await conn.query(`DROP DATABASE IF EXISTS \`${dbName(d.schema)}\``);
    await conn.end();
  });

  it('has one database per department and every table with the model row count', async () => {
    const [dbs] = await conn.query<mysql.RowDataPacket[]>('SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE ?', [`${prefix}%`]);
    expect(dbs.map((r) => r['name']).sort()).toEqual(city.departments.map((d) => dbName(d.schema)).sort());
    const counts: Record<string, number> = {};
    for (const t of city.tables) {
      const [rows] = await conn.query<mysql.RowDataPacket[]>(`SELECT COUNT(*) AS n FROM \`${dbName(t.schema)}\`.\`${t.name}\``);
      counts[`${t.schema}.${t.name}`] = Number(rows[0]!['n']);
    }
    expect(counts).toEqual(expectedCounts);
  });

  it('has row estimates of the right order after ANALYZE TABLE', async () => {
    for (const t of city.tables) {
      const [rows] = await conn.query<mysql.RowDataPacket[]>(
        'SELECT TABLE_ROWS AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?',
        [dbName(t.schema), t.name],
      );
      const estimate = Number(rows[0]!['n']);
      // NOTE: InnoDB estimates from sampled index pages; within a factor of two is the best it promises.
      expect(estimate, `${t.schema}.${t.name}`).toBeGreaterThan(t.rows.length / 2);
      expect(estimate, `${t.schema}.${t.name}`).toBeLessThan(t.rows.length * 2);
    }
  });

  it('keeps column order', async () => {
    for (const t of city.tables) {
      const [rows] = await conn.query<mysql.RowDataPacket[]>(
        'SELECT COLUMN_NAME AS name FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION',
        [dbName(t.schema), t.name],
      );
      expect(rows.map((r) => r['name'])).toEqual(t.columns.map((c) => c.name));
    }
  });

  it.each(ROUND_TRIP)('round-trips %s.%s.%s literally (backslashes, apostrophes, accents)', async (schema, table, column) => {
    const t = city.tables.find((x) => x.schema === schema && x.name === table)!;
    const [rows] = await conn.query<mysql.RowDataPacket[]>(`SELECT \`${column}\` AS v FROM \`${dbName(schema)}\`.\`${table}\` ORDER BY \`${t.primaryKey[0]}\``);
    expect(rows.map((r) => r['v'])).toEqual(expectedValues(schema, table, column));
  });
});

// NOTE: runs where SQL Server is reachable (MINIM_TEST_MSSQL_URL or Docker for testcontainers).
describe.skipIf(!msEngine.engine)('demo city on SQL Server', () => {
  let db: TestDatabase;
  let connector: Connector;

  beforeAll(async () => {
    db = await createTestDatabase(msEngine.engine!, 'demo_sql');
    const started = performance.now();
    await db.exec(renderDemoSql(city, 'mssql', { database: db.name }));
    console.log(`demo city loaded into SQL Server: ${city.tables.length} tables, ${totalRows} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    connector = await openConnector(db.url, { name: 'demo-sql', ...DEFAULT_CONNECTOR_OPTIONS });
  }, 600_000);
  afterAll(async () => {
    await connector?.close();
    await db?.drop();
  });

  it('has every table with the model row count, column order and estimate', async () => {
    const catalog = await connector.catalog();
    const counts: Record<string, number> = {};
    for (const t of city.tables) {
      const r = await connector.query(`SELECT COUNT_BIG(*) AS n FROM [${t.schema}].[${t.name}]`);
      counts[`${t.schema}.${t.name}`] = Number(r.rows[0]!['n']);
      const entry = catalog.find((c) => c.name === t.name && (c.schema === t.schema || c.schema.endsWith(`.${t.schema}`)));
      expect(entry?.columns.map((c) => c.name), `${t.schema}.${t.name}`).toEqual(t.columns.map((c) => c.name));
      expect(entry?.rowEstimate, `${t.schema}.${t.name}`).toBe(t.rows.length);
    }
    expect(counts).toEqual(expectedCounts);
  });

  it.each(ROUND_TRIP)('round-trips %s.%s.%s literally (apostrophes, accents via N\'\')', async (schema, table, column) => {
    const t = city.tables.find((x) => x.schema === schema && x.name === table)!;
    const r = await connector.query(`SELECT [${column}] AS v FROM [${schema}].[${table}] ORDER BY [${t.primaryKey[0]}]`);
    expect(r.rows.map((x) => x['v'])).toEqual(expectedValues(schema, table, column));
  });
});

describe('demo city in embedded PGlite (ensureDemoDatabase)', () => {
  let cacheDir: string;
  beforeAll(async () => {
    cacheDir = await mkdtemp(join(tmpdir(), 'minim-demo-cache-'));
  });
  afterAll(async () => {
    if (cacheDir) await rm(cacheDir, { recursive: true, force: true });
  });

  async function countTables(dir: string, t: DemoTable[]): Promise<Record<string, number>> {
    const db = new PGlite(dir);
    try {
      const out: Record<string, number> = {};
      for (const x of t) {
        const r = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${x.schema}"."${x.name}"`);
        out[`${x.schema}.${x.name}`] = r.rows[0]!.n;
      }
      return out;
    } finally {
      await db.close();
    }
  }

  it('builds into the cache, leaves no temporary directory, then serves the cache', { timeout: 120_000 }, async () => {
    const lines: string[] = [];
    const started = performance.now();
    const dir = await ensureDemoDatabase({ cacheDir: join(cacheDir, 'a'), log: (m) => lines.push(m), dump: false });
    console.log(`PGlite demo build: ${((performance.now() - started) / 1000).toFixed(1)} s (${lines.at(-1)})`);
    expect(dir).toBe(join(cacheDir, 'a', demoDirName()));
    expect(await readdir(join(cacheDir, 'a'))).toEqual([demoDirName()]);
    expect(await readdir(dir)).toContain(DEMO_MARKER);

    const cachedLines: string[] = [];
    const t0 = performance.now();
    expect(await ensureDemoDatabase({ cacheDir: join(cacheDir, 'a'), log: (m) => cachedLines.push(m) })).toBe(dir);
    console.log(`PGlite demo cached lookup: ${(performance.now() - t0).toFixed(0)} ms`);
    expect(cachedLines).toEqual([]);

    expect(await countTables(dir, [...city.tables])).toEqual(expectedCounts);
  });

  /** One digest per table of every row, in a canonical order. */
  async function digests(dir: string): Promise<Record<string, string>> {
    const db = new PGlite(dir);
    try {
      const out: Record<string, string> = {};
      for (const x of city.tables) {
        const r = await db.query<{ d: string }>(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS d FROM "${x.schema}"."${x.name}" t`);
        out[`${x.schema}.${x.name}`] = r.rows[0]!.d;
      }
      return out;
    } finally {
      await db.close();
    }
  }

  it('the prebuilt dump unpacks to exactly the city the SQL builds, without running initdb', { timeout: 180_000 }, async () => {
    // `npm run build` packs it; pack one here when the build did not (a failure there is not fatal).
    let dump = packagedDumpPath();
    if (!existsSync(`${dump}.json`)) {
      dump = join(cacheDir, 'packed', `${demoDirName()}.tar.gz`);
      await packDemoDump(dump);
    }
    const lines: string[] = [];
    const started = performance.now();
    const dir = await ensureDemoDatabase({ cacheDir: join(cacheDir, 'dump'), log: (m) => lines.push(m), dump });
    console.log(`PGlite demo from dump: ${((performance.now() - started) / 1000).toFixed(1)} s (${lines.at(-1)})`);
    expect(lines.join('\n')).not.toMatch(/could not be unpacked/);
    expect(await readdir(join(cacheDir, 'dump'))).toEqual([demoDirName()]);
    expect(JSON.parse(await readFile(join(dir, DEMO_MARKER), 'utf8'))).toMatchObject({ tables: city.tables.length });
    expect(await digests(dir)).toEqual(await digests(join(cacheDir, 'a', demoDirName())));
  });

  it('a damaged dump is never trusted: the city is built from SQL instead', { timeout: 180_000 }, async () => {
    const dump = join(cacheDir, 'damaged.tar.gz');
    await writeFile(dump, gzipSync(Buffer.alloc(2048, 7)));
    const sidecar = existsSync(`${packagedDumpPath()}.json`) ? await readFile(`${packagedDumpPath()}.json`, 'utf8') : null;
    await writeFile(`${dump}.json`, sidecar ?? '{}');
    const lines: string[] = [];
    const dir = await ensureDemoDatabase({ cacheDir: join(cacheDir, 'damaged'), log: (m) => lines.push(m), dump });
    if (sidecar) expect(lines.join('\n')).toMatch(/prebuilt copy could not be unpacked/);
    expect(await countTables(dir, [...city.tables])).toEqual(expectedCounts);
  });

  it('extractTarGz refuses an entry that would leave the target directory', async () => {
    const header = Buffer.alloc(512);
    header.write('../escape.txt', 0, 'utf8');
    header.write('0000644\0', 100);
    header.write('00000000001\0', 124);
    header.write('0', 156);
    header.write('ustar\0', 257);
    const body = Buffer.alloc(512);
    body.write('x');
    const out = join(cacheDir, 'extract');
    await expect(extractTarGz(gzipSync(Buffer.concat([header, body, Buffer.alloc(1024)])), out)).rejects.toThrow(/leaves the target directory/);
    expect(existsSync(join(cacheDir, 'escape.txt'))).toBe(false);
  });

  it('keeps the first complete database when another builder publishes during its build', { timeout: 120_000 }, async () => {
    const base = join(cacheDir, 'b');
    const target = join(base, demoDirName());
    await mkdir(base);
    // Another builder's complete directory, ready to publish (builders publish by one atomic rename).
    const theirs = join(base, 'other-builder-build');
    await cp(join(cacheDir, 'a', demoDirName()), theirs, { recursive: true });
    await writeFile(join(theirs, 'published-by-the-other-builder'), '');
    let published: Promise<void> | undefined;
    // It publishes while ours is still building.
    const building = ensureDemoDatabase({ cacheDir: base, log: () => void (published ??= rename(theirs, target)) });
    await building.finally(() => published);
    expect(published).toBeDefined();
    expect(await building).toBe(target);
    expect(await readdir(target)).toContain('published-by-the-other-builder');
    expect(await readdir(base)).toEqual([demoDirName()]);
  });

  it('fails with one clear line when the cache directory cannot be created', async () => {
    const blocker = join(cacheDir, 'not-a-dir');
    await writeFile(blocker, 'x');
    await expect(ensureDemoDatabase({ cacheDir: join(blocker, 'sub') })).rejects.toMatchObject({
      code: 'FILE_INVALID',
      message: expect.stringMatching(/cannot create cache directory .*MINIM_CACHE_DIR/),
    });
  });
});
