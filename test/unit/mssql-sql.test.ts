/**
 * The SQL the SQL Server connector generates (SQL Server cannot run here; the real-server suite is
 * test/integration/mssql-connector.test.ts): quoting, catalog batches, sample statements, LIKE counts.
 */
import { describe, expect, it } from 'vitest';
import { assembleMssqlCatalog, catalogBatchSql, listDatabasesSql, sensitivitySql } from '../../connectors/mssql/mssql-catalog.js';
import { nstring, quoteIdent, quoteTable } from '../../connectors/mssql/mssql-quote.js';
import {
  formatPercent,
  lockTimeoutSql,
  mssqlBoundedRandomSql,
  mssqlSelectExpr,
  mssqlTablesampleSql,
  mssqlWholeSql,
  tablesamplePercent,
} from '../../connectors/mssql/mssql-sample-sql.js';
import { takeMssqlSample } from '../../connectors/mssql/mssql-sample.js';
import type { CatalogTable } from '../../connectors/types.js';
import { labelEvidence } from '../../src/label/parse.js';
import { assertSupported, parseMssqlVersion } from '../../connectors/mssql/mssql-session.js';
import { mssqlDataType, mssqlMaxLength, mssqlTypeClass } from '../../connectors/mssql/mssql-types.js';
import type { CatalogColumn, TypeClass } from '../../connectors/types.js';

const col = (name: string, typeClass: TypeClass = 'text', dataType = 'nvarchar(20)'): CatalogColumn => ({
  name, position: 1, dataType, typeClass, nullable: true, maxLength: 20, comment: null,
});
const HOSTILE = { database: 'db]; DROP DATABASE x;--', schema: "sch'ema [x]" };
const TABLE = 'ta]]ble "q" `b` ;--';

describe('mssql quoting', () => {
  it('wraps in brackets, doubling ]', () => {
    expect(quoteIdent('a]b')).toBe('[a]]b]');
    expect(quoteIdent('select')).toBe('[select]');
    expect(quoteTable(HOSTILE, TABLE)).toBe("[db]]; DROP DATABASE x;--].[sch'ema [x]]].[ta]]]]ble \"q\" `b` ;--]");
    expect(nstring("o'k")).toBe("N'o''k'");
  });
});

describe('mssql sample SQL', () => {
  it('converts and cuts inside the database; binary never fetched; spatial as WKT; ISO dates', () => {
    expect(mssqlSelectExpr(col('n]x'), 50)).toBe('LEFT(CONVERT(nvarchar(max), [n]]x]), 50)');
    expect(mssqlSelectExpr(col('b', 'binary', 'varbinary(max)'), 50)).toBe('CAST(NULL AS nvarchar(1))');
    expect(mssqlSelectExpr(col('g', 'spatial', 'geography'), 50)).toBe('LEFT([g].STAsText(), 50)');
    expect(mssqlSelectExpr(col('d', 'date', 'date'), 50)).toBe('CONVERT(nvarchar(30), [d], 23)');
    expect(mssqlSelectExpr(col('t', 'timestamp', 'datetime'), 50)).toBe('CONVERT(nvarchar(40), [t], 121)');
    expect(mssqlSelectExpr(col('h', 'other', 'hierarchyid'), 50)).toBe('LEFT([h].ToString(), 50)');
    expect(mssqlSelectExpr(col('f', 'decimal', 'float'), 50)).toBe('CONVERT(nvarchar(40), [f], 3)');
    expect(mssqlSelectExpr(col('x', 'other', 'xml'), 7)).toBe('LEFT(CONVERT(nvarchar(max), [x]), 7)');
  });

  it('samples pages with TABLESAMPLE and shuffles only the sampled rows, hostile names quoted', () => {
    const sql = mssqlTablesampleSql(HOSTILE, TABLE, [col('a b'), col('c]')], 1000, 0.25, 100);
    expect(sql).toBe(
      'SELECT TOP (1000) * FROM (SELECT LEFT(CONVERT(nvarchar(max), [a b]), 100) AS c0, LEFT(CONVERT(nvarchar(max), [c]]]), 100) AS c1 ' +
        "FROM [db]]; DROP DATABASE x;--].[sch'ema [x]]].[ta]]]]ble \"q\" `b` ;--] TABLESAMPLE SYSTEM (0.25 PERCENT)) AS s ORDER BY NEWID()",
    );
    expect(mssqlBoundedRandomSql(HOSTILE, TABLE, [col('a')], 1000, 5000, 10)).toMatch(
      /^SELECT TOP \(1000\) \* FROM \(SELECT TOP \(5000\) LEFT\(CONVERT\(nvarchar\(max\), \[a\]\), 10\) AS c0 FROM .* AS s ORDER BY NEWID\(\)$/,
    );
    expect(lockTimeoutSql(2000)).toBe('SET LOCK_TIMEOUT 2000;');
    expect(lockTimeoutSql(Number.NaN)).toBe('SET LOCK_TIMEOUT 0;');
  });

  it('reads a table no bigger than the sample whole: TOP (rows + 1), unsorted', () => {
    expect(mssqlWholeSql(HOSTILE, TABLE, [col('a')], 1001, 10)).toBe(
      "SELECT TOP (1001) LEFT(CONVERT(nvarchar(max), [a]), 10) AS c0 FROM [db]]; DROP DATABASE x;--].[sch'ema [x]]].[ta]]]]ble \"q\" `b` ;--]",
    );
  });

  it('chooses the whole read by the estimate, and falls back when more rows than the estimate came back', async () => {
    const cols = [col('a')];
    const table = (rowEstimate: number | null, kind: CatalogTable['kind'] = 'table'): CatalogTable => ({
      schema: 's', name: 't', kind, rowEstimate, primaryKey: [], columns: cols, comment: null,
    });
    const opts = { rows: 1000, columns: cols, maxValueLength: 10, statementTimeoutMs: 1000, lockTimeoutMs: 500 };
    /** A table of `n` rows answering the three statement shapes by their TOP limits. */
    const source = (n: number) => {
      const sql: string[] = [];
      return {
        sql,
        async rows(batch: string) {
          sql.push(batch);
          const top = Number(/SELECT TOP \((\d+)\)/.exec(batch)![1]);
          const inner = /SELECT TOP \((\d+)\) LEFT/.exec(batch.slice(10));
          const read = Math.min(n, top, inner ? Number(inner[1]) : Infinity);
          return Array.from({ length: Math.min(read, top) }, (_, i) => [`v${i}`]);
        },
      };
    };
    const exact = source(1000);
    expect(await takeMssqlSample(exact, { database: 'd', schema: 's' }, table(1000), opts)).toMatchObject({ rows: 1000, method: 'full', queries: 1 });
    expect(exact.sql).toEqual(['SET LOCK_TIMEOUT 500; SELECT TOP (1001) LEFT(CONVERT(nvarchar(max), [a]), 10) AS c0 FROM [d].[s].[t]']);
    const grown = source(50_000);
    const s = await takeMssqlSample(grown, { database: 'd', schema: 's' }, table(900), opts);
    expect(grown.sql).toHaveLength(2);
    expect(grown.sql[1]).toContain('ORDER BY NEWID()');
    expect(s).toMatchObject({ rows: 1000, queries: 2, method: 'estimate-stale:random-of-first(5000)' });
    const view = source(10);
    expect(await takeMssqlSample(view, { database: 'd', schema: 's' }, table(null, 'view'), opts)).toMatchObject({ method: 'full', queries: 1 });
    expect(view.sql[0]).toContain('ORDER BY NEWID()');
  });

  it('sizes the TABLESAMPLE percent from the estimate', () => {
    expect(tablesamplePercent(10_000_000, 1000)).toBeCloseTo(0.1);
    expect(tablesamplePercent(1_000_000, 5000)).toBeCloseTo(1.5);
    expect(tablesamplePercent(6000, 1000)).toBe(100);
    expect(formatPercent(0.1)).toBe('0.1');
    expect(formatPercent(1e-9)).toBe('0.000001');
    expect(formatPercent(250)).toBe('100');
    expect(formatPercent(Number.NaN)).toBe('100');
  });
});

describe('mssql catalog SQL', () => {
  it('reads sys.* with three-part names of the quoted database', () => {
    const sql = catalogBatchSql('we]ird db');
    for (const view of ['sys.tables', 'sys.views', 'sys.columns', 'sys.types', 'sys.schemas', 'sys.partitions', 'sys.indexes', 'sys.index_columns', 'sys.extended_properties']) {
      expect(sql).toContain(`[we]]ird db].${view}`);
    }
    expect(sql).toContain('p.index_id IN (0, 1)');
    expect(sql).toContain("ep.name = N'MS_Description'");
    expect(sql).not.toMatch(/COUNT_BIG\(\*\) FROM \[we/);
    expect(sql.split(';').filter((s) => s.trim()).length).toBe(3);
    expect(sensitivitySql('d')).toContain('[d].sys.sensitivity_classifications');
    expect(listDatabasesSql()).toContain('state = 0 AND database_id > 4');
  });

  it('assembles tables, ordered columns, keys, comments and sensitivity labels', () => {
    const out = assembleMssqlCatalog(
      'city',
      true,
      [
        [10, 'hr', 'people', 'U', '1200', 1, 'residents'],
        [11, 'dbo', 'v', 'V', null, 0, null],
        [12, 'dbo', 'parts', 'U', 50, 4, null],
      ],
      [
        [10, 4, 'ssn', 'ssn_t', 'varchar', 11, 0, 0, false, null],
        [10, 1, 'id', 'int', null, 4, 10, 0, false, null],
        [10, 2, 'name', 'nvarchar', null, 200, 0, 0, true, 'legal name'],
        [10, 3, 'loc', 'geography', null, -1, 0, 0, true, null],
      ],
      [[10, 'id', 1]],
      [[10, 4, 'Highly Confidential', 'National ID']],
    );
    expect(out.map((t) => `${t.table.schema}.${t.table.name}`)).toEqual(['city.dbo.parts', 'city.dbo.v', 'city.hr.people']);
    const people = out[2]!;
    expect(people.location).toEqual({ database: 'city', schema: 'hr' });
    expect(people.table).toMatchObject({ kind: 'table', rowEstimate: 1200, primaryKey: ['id'], comment: 'residents' });
    expect(people.table.columns.map((c) => [c.position, c.name, c.dataType, c.typeClass, c.maxLength])).toEqual([
      [1, 'id', 'int', 'integer', null],
      [2, 'name', 'nvarchar(100)', 'text', 100],
      [3, 'loc', 'geography', 'spatial', null],
      [4, 'ssn', 'varchar(11)', 'text', 11],
    ]);
    expect(people.table.columns[1]!.comment).toBe('legal name');
    expect(people.table.columns[3]!.comment).toBe('sensitivity: label=Highly Confidential; information_type=National ID');
    // The scan reads the classification back as a category.
    expect(labelEvidence(people.table.columns[3]!.comment)).toEqual([{ category: 'ssn' }]);
    expect(out[1]!.table).toMatchObject({ kind: 'view', rowEstimate: null });
    expect(out[0]!.table.kind).toBe('partitioned');
    expect(assembleMssqlCatalog('city', false, [[1, 'dbo', 't', 'U', 0, 1, null]], [], [], [])[0]!.table.schema).toBe('dbo');
  });
});

describe('mssql types and versions', () => {
  it('maps types', () => {
    const cases: Record<string, TypeClass> = {
      nvarchar: 'text', ntext: 'text', char: 'text', bit: 'boolean', varbinary: 'binary', image: 'binary', timestamp: 'binary',
      rowversion: 'binary', geography: 'spatial', geometry: 'spatial', hierarchyid: 'other', sql_variant: 'other', xml: 'other',
      uniqueidentifier: 'uuid', datetime2: 'timestamp', datetimeoffset: 'timestamp', smalldatetime: 'timestamp', datetime: 'timestamp',
      date: 'date', money: 'decimal', bigint: 'integer', time: 'time',
    };
    for (const [t, c] of Object.entries(cases)) expect(mssqlTypeClass(t), t).toBe(c);
    expect(mssqlDataType('nvarchar', -1, 0, 0)).toBe('nvarchar(max)');
    expect(mssqlDataType('decimal', 9, 10, 2)).toBe('decimal(10,2)');
    expect(mssqlDataType('datetime2', 8, 27, 7)).toBe('datetime2(7)');
    expect(mssqlMaxLength('nchar', 20)).toBe(10);
    expect(mssqlMaxLength('varchar', -1)).toBeNull();
  });

  it('refuses SQL Server before 2017, accepts Azure SQL', () => {
    const v = parseMssqlVersion(['Microsoft SQL Server 2016 (SP3) - 13.0.6300.2 (X64)\n\tAug 2022', 13, 3]);
    expect(v.version).toBe('Microsoft SQL Server 2016 (SP3) - 13.0.6300.2 (X64)');
    expect(() => assertSupported(v, 'payroll')).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_SERVER' }));
    expect(() => assertSupported(parseMssqlVersion(['x', 14, 3]), 'p')).not.toThrow();
    expect(() => assertSupported(parseMssqlVersion(['Microsoft SQL Azure', 12, 5]), 'p')).not.toThrow();
  });
});
