/** The SQL the MySQL connector generates: quoting, probe statements, catalog queries, session settings. */
import { describe, expect, it } from 'vitest';
import { catalogSql, listDatabasesSql, assembleCatalog } from '../../connectors/mysql/mysql-catalog.js';
import { quoteIdent, quoteTable } from '../../connectors/mysql/mysql-quote.js';
import {
  mysqlBoundedRandomSql,
  mysqlMinMaxSql,
  mysqlProbeKey,
  mysqlProbeSql,
  mysqlSelectExpr,
  stratifiedProbes,
} from '../../connectors/mysql/mysql-sample-sql.js';
import { assertSupported, mysqlRegex, parseMysqlVersion, sessionTimeoutsSql } from '../../connectors/mysql/mysql-session.js';
import { mysqlTypeClass } from '../../connectors/mysql/mysql-types.js';
import type { CatalogColumn, CatalogTable, TypeClass } from '../../connectors/types.js';

const column = (name: string, typeClass: TypeClass = 'text', dataType = 'varchar(20)', position = 1): CatalogColumn => ({
  name, position, dataType, typeClass, nullable: true, maxLength: 20, comment: null,
});
const table = (over: Partial<CatalogTable> = {}): CatalogTable => ({
  schema: 'db`1', name: 'ta`ble; DROP TABLE x;--', kind: 'table', rowEstimate: 1_000_000,
  primaryKey: ['id'], columns: [column('id', 'integer', 'int', 1), column('e`mail', 'text', 'varchar(20)', 2)], comment: null, ...over,
});

describe('mysql quoting', () => {
  it('doubles backticks and wraps every identifier', () => {
    expect(quoteIdent('a`b')).toBe('`a``b`');
    expect(quoteIdent('select')).toBe('`select`');
    expect(quoteTable('d;--', "t'x \"y")).toBe('`d;--`.`t\'x "y`');
  });
});

describe('mysql sample SQL', () => {
  it('casts and cuts text in the database; binary never fetched; spatial as WKT; bit as a number', () => {
    expect(mysqlSelectExpr(column('n`x'), 50)).toBe('LEFT(CAST(`n``x` AS CHAR CHARACTER SET utf8mb4), 50)');
    expect(mysqlSelectExpr(column('b', 'binary', 'blob'), 50)).toBe('NULL');
    expect(mysqlSelectExpr(column('g', 'spatial', 'point'), 50)).toBe('LEFT(CAST(ST_AsText(`g`) AS CHAR CHARACTER SET utf8mb4), 50)');
    expect(mysqlSelectExpr(column('f', 'other', 'bit(3)'), 50)).toBe('CAST(`f` + 0 AS CHAR)');
    expect(mysqlSelectExpr(column('n'), Number.NaN)).toContain(', 1)');
  });

  it('builds one UNION ALL statement of index-range probes with quoted hostile names', () => {
    const t = table();
    const sql = mysqlProbeSql(t, t.columns, 'id', [5n, 18446744073709551615n], 10, 100);
    expect(sql).toBe(
      '(SELECT LEFT(CAST(`id` AS CHAR CHARACTER SET utf8mb4), 100), LEFT(CAST(`e``mail` AS CHAR CHARACTER SET utf8mb4), 100), ' +
        'CAST(`id` AS CHAR CHARACTER SET utf8mb4) FROM `db``1`.`ta``ble; DROP TABLE x;--` WHERE `id` >= 5 ORDER BY `id` LIMIT 10)' +
        ' UNION ALL ' +
        '(SELECT LEFT(CAST(`id` AS CHAR CHARACTER SET utf8mb4), 100), LEFT(CAST(`e``mail` AS CHAR CHARACTER SET utf8mb4), 100), ' +
        'CAST(`id` AS CHAR CHARACTER SET utf8mb4) FROM `db``1`.`ta``ble; DROP TABLE x;--` WHERE `id` >= 18446744073709551615 ORDER BY `id` LIMIT 10)',
    );
    expect(sql).not.toMatch(/RAND\(\)|OFFSET/);
  });

  it('reads MIN/MAX of the key, and bounds the no-key path by a window', () => {
    const t = table();
    expect(mysqlMinMaxSql(t, 'id')).toBe('SELECT CAST(MIN(`id`) AS CHAR), CAST(MAX(`id`) AS CHAR) FROM `db``1`.`ta``ble; DROP TABLE x;--`');
    const sql = mysqlBoundedRandomSql(t, t.columns, 1000, 5000, 10);
    expect(sql).toMatch(/^SELECT \* FROM \(SELECT .* AS c0, .* AS c1 FROM `db``1`\.`ta``ble; DROP TABLE x;--` LIMIT 5000\) AS s ORDER BY RAND\(\) LIMIT 1000$/);
  });

  it('probes only an integer leading primary key of a table', () => {
    expect(mysqlProbeKey(table())?.name).toBe('id');
    expect(mysqlProbeKey(table({ primaryKey: [] }))).toBeNull();
    expect(mysqlProbeKey(table({ primaryKey: ['e`mail'] }))).toBeNull();
    expect(mysqlProbeKey(table({ kind: 'view' }))).toBeNull();
    expect(mysqlProbeKey(table({ primaryKey: ['id', 'e`mail'] }))?.name).toBe('id');
  });

  it('spreads probes: one per slice of the key range, within [min, max], bigint-safe', () => {
    const p = stratifiedProbes(1n, 200_000n, 100);
    expect(p).toHaveLength(100);
    p.forEach((k, i) => {
      expect(k).toBeGreaterThanOrEqual(1n + BigInt(i) * 2000n);
      expect(k).toBeLessThan(1n + BigInt(i + 1) * 2000n);
    });
    const big = stratifiedProbes(9_223_372_036_854_775_000n, 9_223_372_036_854_775_807n, 10, () => 0.999999);
    expect(big.every((k) => k <= 9_223_372_036_854_775_807n)).toBe(true);
    expect(stratifiedProbes(5n, 5n, 100)).toEqual([5n]);
    expect(stratifiedProbes(5n, 4n, 100)).toEqual([]);
  });
});

describe('mysql catalog SQL', () => {
  it('queries each information_schema view on its own, filtered by bound database names', () => {
    const sql = catalogSql(['a', 'b'], 'mariadb');
    for (const s of [sql.tables, sql.columns, sql.primaryKeys, sql.jsonChecks!]) {
      expect(s.match(/information_schema\./g)).toHaveLength(1);
      expect(s).toContain('IN (?, ?)');
      expect(s).not.toMatch(/\bJOIN\b/i);
    }
    expect(catalogSql(['a'], 'mysql').jsonChecks).toBeNull();
    expect(listDatabasesSql()).toContain("NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')");
  });

  it('joins rows in JS: sorted tables, ordered columns and keys, MariaDB JSON via json_valid checks', () => {
    const out = assembleCatalog(
      [
        ['d', 'z', 'BASE TABLE', 10, '', ''],
        ['d', 'a`b', 'BASE TABLE', '5', 'c', 'partitioned'],
        ['d', 'v', 'VIEW', null, 'VIEW', ''],
        ['d', 's', 'SEQUENCE', 1, '', ''],
      ],
      [
        ['d', 'a`b', 'j`s', 2, 'longtext', 'longtext', 4294967295, 'YES', ''],
        ['d', 'a`b', 'id', 1, 'int', 'int(11)', null, 'NO', 'key'],
      ],
      [['d', 'a`b', 'k2', 2], ['d', 'a`b', 'id', 1]],
      [['d', 'a`b', 'json_valid(`j``s`)']],
    );
    expect(out.map((t) => t.name)).toEqual(['a`b', 'v', 'z']);
    expect(out[0]).toMatchObject({ kind: 'partitioned', rowEstimate: 5, primaryKey: ['id', 'k2'], comment: 'c' });
    expect(out[0]!.columns.map((c) => [c.name, c.typeClass, c.nullable])).toEqual([['id', 'integer', false], ['j`s', 'json', true]]);
    expect(out[1]).toMatchObject({ kind: 'view', rowEstimate: null, comment: null });
  });
});

describe('mysql types and session', () => {
  it('maps types', () => {
    expect(mysqlTypeClass('tinyint', 'tinyint(1)')).toBe('boolean');
    expect(mysqlTypeClass('tinyint', 'tinyint(4)')).toBe('integer');
    expect(mysqlTypeClass('year', 'year(4)')).toBe('integer');
    expect(mysqlTypeClass('varbinary', 'varbinary(16)')).toBe('binary');
    expect(mysqlTypeClass('json', 'json')).toBe('json');
    expect(mysqlTypeClass('longtext', 'longtext', true)).toBe('json');
    expect(mysqlTypeClass('multipolygon', 'multipolygon')).toBe('spatial');
    expect(mysqlTypeClass('set', "set('a')")).toBe('text');
    expect(mysqlTypeClass('bit', 'bit(1)')).toBe('other');
    expect(mysqlTypeClass('vector', 'vector(3)')).toBe('other');
  });

  it('detects the flavour and refuses old servers', () => {
    expect(parseMysqlVersion('10.11.19-MariaDB-0+deb12u1')).toMatchObject({ flavour: 'mariadb', major: 10, minor: 11 });
    expect(parseMysqlVersion('5.5.5-10.6.3-MariaDB')).toMatchObject({ flavour: 'mariadb', major: 10, minor: 6 });
    expect(parseMysqlVersion('8.4.0')).toMatchObject({ flavour: 'mysql', major: 8 });
    expect(() => assertSupported(parseMysqlVersion('5.6.51'), 's')).toThrow(/MySQL 5\.6 is not supported/);
    expect(() => assertSupported(parseMysqlVersion('10.2.44-MariaDB'), 's')).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_SERVER' }));
    expect(() => assertSupported(parseMysqlVersion('5.7.44'), 's')).not.toThrow();
  });

  it('sets timeouts in each flavour’s unit', () => {
    expect(sessionTimeoutsSql('mariadb', 1500, 2000)).toBe(
      'SET SESSION max_statement_time = 1.500, innodb_lock_wait_timeout = 2, lock_wait_timeout = 2',
    );
    expect(sessionTimeoutsSql('mysql', 1500, 100)).toBe(
      'SET SESSION max_execution_time = 1500, innodb_lock_wait_timeout = 1, lock_wait_timeout = 1',
    );
    expect(mysqlRegex(parseMysqlVersion('8.0.36'), '\\d')).toBe('(?-i)\\d');
    expect(mysqlRegex(parseMysqlVersion('5.7.44'), '[[:digit:]]')).toBe('[[:digit:]]');
  });
});
