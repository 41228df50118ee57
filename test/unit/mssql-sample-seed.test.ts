/**
 * `--seed` on SQL Server: the sample statements a seed produces. Seeded: TABLESAMPLE gets
 * REPEATABLE (seed) and the kept rows are ordered by a SHA-256 of the seed and the row's values, so
 * the same seed keeps the same rows of unchanged data; no seed: NEWID(), as before. The rows these
 * statements really draw are compared on a server in test/integration/sample-seed.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { mssqlBoundedRandomSql, mssqlSampleOrder, mssqlTablesampleSql } from '../../connectors/mssql/mssql-sample-sql.js';
import { takeMssqlSample } from '../../connectors/mssql/mssql-sample.js';
import type { CatalogColumn, CatalogTable } from '../../connectors/types.js';

const col = (name: string): CatalogColumn => ({ name, position: 1, dataType: 'nvarchar(20)', typeClass: 'text', nullable: true, maxLength: 20, comment: null });
const LOC = { database: 'db', schema: 'dbo' };

describe('SQL Server sample order with and without a seed', () => {
  it('no seed: NEWID(); a seed: SHA-256 over the seed and every selected value, the seed a validated integer', () => {
    expect(mssqlSampleOrder(2)).toBe('NEWID()');
    expect(mssqlSampleOrder(2, 42)).toBe("HASHBYTES('SHA2_256', CONCAT(N'42', N'|', s.c0, N'|', s.c1))");
    expect(mssqlSampleOrder(0, 7)).toBe("HASHBYTES('SHA2_256', CONCAT(N'7', N'|', s.c0))");
    // A non-integer never reaches the SQL text as written.
    expect(mssqlSampleOrder(1, 3.9)).toBe("HASHBYTES('SHA2_256', CONCAT(N'3', N'|', s.c0))");
    // CONCAT's 254-argument limit: at most 120 columns take part.
    const wide = mssqlSampleOrder(400, 1);
    expect(wide.match(/s\.c\d+/g)).toHaveLength(120);
    expect(wide).toContain('s.c119)');
  });

  it('seeded TABLESAMPLE repeats its pages (REPEATABLE) and orders by the seeded hash; another seed differs', () => {
    const a = mssqlTablesampleSql(LOC, 't', [col('a'), col('b')], 500, 2.5, 100, 42);
    expect(a).toBe(
      'SELECT TOP (500) * FROM (SELECT LEFT(CONVERT(nvarchar(max), [a]), 100) AS c0, LEFT(CONVERT(nvarchar(max), [b]), 100) AS c1 ' +
        "FROM [db].[dbo].[t] TABLESAMPLE SYSTEM (2.5 PERCENT) REPEATABLE (42)) AS s ORDER BY HASHBYTES('SHA2_256', CONCAT(N'42', N'|', s.c0, N'|', s.c1))",
    );
    expect(mssqlTablesampleSql(LOC, 't', [col('a'), col('b')], 500, 2.5, 100, 43)).not.toBe(a);
    expect(mssqlTablesampleSql(LOC, 't', [col('a')], 500, 2.5, 100)).toMatch(/TABLESAMPLE SYSTEM \(2\.5 PERCENT\)\) AS s ORDER BY NEWID\(\)$/);
  });

  it('the bounded window keeps its rows by the seeded order', () => {
    expect(mssqlBoundedRandomSql(LOC, 't', [col('a')], 100, 500, 10, 9)).toBe(
      "SELECT TOP (100) * FROM (SELECT TOP (500) LEFT(CONVERT(nvarchar(max), [a]), 10) AS c0 FROM [db].[dbo].[t]) AS s ORDER BY HASHBYTES('SHA2_256', CONCAT(N'9', N'|', s.c0))",
    );
  });

  it('takeMssqlSample passes the seed into every statement it sends', async () => {
    const cols = [col('a')];
    for (const rowEstimate of [100_000, 2_000]) {
      const table: CatalogTable = { schema: 'dbo', name: 't', kind: 'table', rowEstimate, primaryKey: [], columns: cols, comment: null };
      const sent: string[] = [];
      // The statements' text is what is checked; the rows returned are the sample size asked for.
      await takeMssqlSample({ rows: async (batch) => (sent.push(batch), Array.from({ length: 100 }, (_, i) => [`v${i}`])) }, LOC, table, {
        rows: 100, columns: cols, maxValueLength: 10, statementTimeoutMs: 1000, lockTimeoutMs: 500, seed: 1234,
      });
      expect(sent.length).toBeGreaterThan(0);
      for (const s of sent) expect(s).toContain("ORDER BY HASHBYTES('SHA2_256', CONCAT(N'1234'");
      if (rowEstimate > 500) expect(sent[0]).toContain('REPEATABLE (1234)');
    }
  });
});
