/**
 * `--seed`: the same seed draws the same rows from unchanged data, on every server engine
 * (SQL Server: TABLESAMPLE … REPEATABLE and a seeded hash order); another seed does not.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openConnector } from '../../connectors/index.js';
import type { Connector } from '../../connectors/types.js';
import { createTestDatabase, type EngineDialect, type TestDatabase } from '../helpers/engines.js';
import { forEachEngine, SERVER_DIALECTS, serverOf, suiteEngines } from '../helpers/suite.js';

const ROWS = 60_000;
const DIGITS = `(${Array.from({ length: 10 }, (_, d) => `SELECT ${d} AS d`).join(' UNION ALL ')})`;
const FIXTURE: Record<EngineDialect, string[]> = {
  postgres: [
    'CREATE TABLE t (id bigint PRIMARY KEY, v text)',
    `INSERT INTO t SELECT g, md5(g::text) FROM generate_series(1, ${ROWS}) g`,
    'ANALYZE t',
  ],
  mysql: [
    'CREATE TABLE t (id bigint PRIMARY KEY, v varchar(40))',
    // Digits cross-joined: portable across MySQL 8 and MariaDB (no recursion limits).
    `INSERT INTO t SELECT g, MD5(g) FROM (SELECT 1 + a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d AS g FROM ${DIGITS} a, ${DIGITS} b, ${DIGITS} c, ${DIGITS} e, ${DIGITS} f) s WHERE g <= ${ROWS}`,
    'ANALYZE TABLE t',
  ],
  mssql: [
    'CREATE TABLE t (id bigint PRIMARY KEY, v nvarchar(40))',
    // NOTE: values in plain T-SQL (no binary CONVERT style), so the suite also runs over Babelfish.
    `WITH n AS (SELECT TOP (${ROWS}) ROW_NUMBER() OVER (ORDER BY (SELECT NULL)) AS g FROM sys.all_objects a CROSS JOIN sys.all_objects b) ` +
      `INSERT INTO t SELECT g, CONCAT(N'v', (g * 7919) % 100003) FROM n`,
  ],
};

forEachEngine('seeded samples', await suiteEngines(SERVER_DIALECTS), (e) => {
  const dialect = e.dialect;
  let db: TestDatabase;
  let c: Connector;
  beforeAll(async () => {
    db = await createTestDatabase(serverOf(e), 'seed');
    await db.exec(FIXTURE[dialect]);
    c = await openConnector(db.url, { name: 'seed', concurrency: 1, connectTimeoutMs: 10_000, statementTimeoutMs: 30_000, lockTimeoutMs: 2_000 });
  });
  afterAll(async () => {
    await c?.close();
    await db?.drop();
  });

  const sampleIds = async (seed?: number) => {
    const table = (await c.catalog()).find((t) => t.name === 't')!;
    const s = await c.sample(table, { rows: 500, columns: table.columns, maxValueLength: 100, statementTimeoutMs: 30_000, lockTimeoutMs: 2_000, ...(seed ? { seed } : {}) });
    return s.values[0]!.map(Number).sort((a, b) => a - b);
  };

  it('the same seed gives the same rows; another seed and no seed give others', async () => {
    const a = await sampleIds(42);
    const b = await sampleIds(42);
    const other = await sampleIds(43);
    const unseeded = await sampleIds();
    expect(a).toHaveLength(500);
    expect(b).toEqual(a);
    expect(other).not.toEqual(a);
    expect(unseeded).not.toEqual(a);
  });
});
