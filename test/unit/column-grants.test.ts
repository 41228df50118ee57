/**
 * Column-level grants, the catalog side of each engine: which columns the account
 * may SELECT. The integration suite (test/integration/hostile-io.test.ts) scans as such an account
 * on PostgreSQL and MariaDB; SQL Server is covered here by its generated SQL and row mapping.
 */
import { describe, expect, it } from 'vitest';
import { assembleMssqlCatalog, catalogBatchSql } from '../../connectors/mssql/mssql-catalog.js';
import { assembleCatalog, catalogSql } from '../../connectors/mysql/mysql-catalog.js';
import { mysqlProbeKey } from '../../connectors/mysql/mysql-sample-sql.js';
import { CATALOG_COLUMNS, CATALOG_SQL } from '../../connectors/postgres/postgres-catalog-sql.js';
import { mapCatalogRows, type RawColumnRow } from '../../connectors/postgres/postgres-catalog.js';

describe('column-level grants in the catalog', () => {
  it("PostgreSQL: the catalog asks has_column_privilege(…, 'SELECT') per column where the table grant is missing, and maps false to readable: false", () => {
    expect(CATALOG_SQL).toContain("pg_catalog.has_table_privilege(c.oid, 'SELECT') AS table_readable");
    expect(CATALOG_SQL).toMatch(/WHEN r\.table_readable THEN true\s+ELSE pg_catalog\.has_column_privilege\(r\.oid, a\.attnum, 'SELECT'\) END AS readable/);
    expect(CATALOG_COLUMNS[CATALOG_COLUMNS.length - 1]).toBe('readable');
    const row = (column_name: string, position: number, readable: boolean | null): RawColumnRow => ({
      schema_name: 'public', table_name: 'people', relkind: 'r', row_estimate: 10, pages: 1, table_comment: null, primary_key: ['id'],
      column_name, position, data_type: 'text', base_type: 'text', base_category: 'S', typmod: -1, nullable: true, column_comment: null, readable,
    });
    const { tables } = mapCatalogRows([row('id', 1, true), row('ssn', 2, true), row('secret', 3, false), row('legacy', 4, null)]);
    expect(tables[0]!.columns.map((c) => [c.name, c.readable])).toEqual([
      ['id', undefined],
      ['ssn', undefined],
      ['secret', false],
      ['legacy', undefined],
    ]);
  });

  it('MariaDB/MySQL: COLUMNS.PRIVILEGES is read; a column without select is not readable, and then no key probes', () => {
    expect(catalogSql(['a'], 'mariadb').columns).toMatch(/COLUMN_COMMENT, EXTRA, PRIVILEGES FROM information_schema\.COLUMNS/);
    const tables = assembleCatalog(
      [['city', 'people', 'BASE TABLE', 1000, '', '']],
      [
        ['city', 'people', 'id', 1, 'int', 'int(11)', null, 'NO', '', '', 'insert,update'],
        ['city', 'people', 'ssn', 2, 'varchar', 'varchar(20)', 20, 'YES', '', '', 'select'],
        ['city', 'people', 'secret', 3, 'varchar', 'varchar(20)', 20, 'YES', '', '', 'update'],
        ['city', 'people', 'email', 4, 'varchar', 'varchar(20)', 20, 'YES', '', '', 'select,insert,update,references'],
      ],
      [['city', 'people', 'id', 1]],
      [],
    );
    const people = tables[0]!;
    expect(people.columns.map((c) => [c.name, c.readable])).toEqual([
      ['id', false],
      ['ssn', undefined],
      ['secret', false],
      ['email', undefined],
    ]);
    // The key probes select and order by the key: an unreadable key means the bounded read instead.
    expect(mysqlProbeKey(people)).toBeNull();
    const readableKey = { ...people, columns: people.columns.map((c) => (c.name === 'id' ? { ...c, readable: true } : c)) };
    expect(mysqlProbeKey(readableKey)?.name).toBe('id');
  });

  it('SQL Server: HAS_PERMS_BY_NAME on the three-part name with the column as sub-securable; 0 maps to readable: false', () => {
    const sql = catalogBatchSql("we]ird 'db");
    expect(sql).toContain(
      "HAS_PERMS_BY_NAME(QUOTENAME(N'we]ird ''db') + N'.' + QUOTENAME(ss.name) + N'.' + QUOTENAME(so.name), N'OBJECT', N'SELECT', c.name, N'COLUMN')",
    );
    expect(sql).toContain('JOIN [we]]ird \'db].sys.objects so ON so.object_id = c.object_id JOIN [we]]ird \'db].sys.schemas ss ON ss.schema_id = so.schema_id');
    expect(sql.split(';').filter((s) => s.trim()).length).toBe(3);
    const out = assembleMssqlCatalog(
      'city',
      false,
      [[10, 'hr', 'people', 'U', 100, 1, null]],
      [
        [10, 1, 'id', 'int', null, 4, 10, 0, false, null, 1],
        [10, 2, 'ssn', 'varchar', null, 11, 0, 0, true, null, 1],
        [10, 3, 'secret', 'varchar', null, 20, 0, 0, true, null, 0],
      ],
      [[10, 'id', 1]],
      [],
    );
    expect(out[0]!.table.columns.map((c) => [c.name, c.readable])).toEqual([
      ['id', undefined],
      ['ssn', undefined],
      ['secret', false],
    ]);
  });
});
