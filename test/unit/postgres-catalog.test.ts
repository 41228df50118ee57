import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapCatalogRows, tableKey, type RawColumnRow } from '../../connectors/postgres/postgres-catalog.js';
import { pgliteDataDir } from '../../connectors/pglite/pglite-connector.js';

function row(over: Partial<RawColumnRow>): RawColumnRow {
  return {
    schema_name: 'hr',
    table_name: 'staff',
    relkind: 'r',
    row_estimate: 120.4,
    pages: 3,
    table_comment: null,
    primary_key: ['id'],
    column_name: 'id',
    position: 1,
    data_type: 'integer',
    base_type: 'int4',
    base_category: 'N',
    typmod: -1,
    nullable: false,
    column_comment: null,
    ...over,
  };
}

describe('mapCatalogRows', () => {
  const { tables, sizes } = mapCatalogRows([
    row({}),
    row({ column_name: 'ssn', position: 2, data_type: 'character varying(11)', base_type: 'varchar', base_category: 'S', typmod: 15, nullable: true, column_comment: 'SSN' }),
    row({ table_name: 'v', relkind: 'v', row_estimate: null, pages: null, primary_key: null, column_name: 'x', data_type: 'text', base_type: 'text', base_category: 'S' }),
    row({ table_name: 'z_empty', relkind: 'r', row_estimate: '0', pages: '0', primary_key: null, column_name: null, position: null, data_type: null, base_type: null, base_category: null, typmod: null, nullable: null }),
  ]);

  it('groups rows into tables with camelCase columns', () => {
    expect(tables).toHaveLength(3);
    expect(tables[0]).toEqual({
      schema: 'hr',
      name: 'staff',
      kind: 'table',
      rowEstimate: 120,
      primaryKey: ['id'],
      comment: null,
      columns: [
        { name: 'id', position: 1, dataType: 'integer', typeClass: 'integer', nullable: false, maxLength: null, baseType: 'int4', comment: null },
        { name: 'ssn', position: 2, dataType: 'character varying(11)', typeClass: 'text', nullable: true, maxLength: 11, baseType: 'varchar', comment: 'SSN' },
      ],
    });
    expect(tables[1]).toMatchObject({ kind: 'view', rowEstimate: null, primaryKey: [] });
  });

  it('keeps a table without columns, and numbers that arrive as strings', () => {
    expect(tables[2]).toMatchObject({ name: 'z_empty', columns: [], rowEstimate: 0 });
    expect(sizes.get(tableKey('hr', 'z_empty'))).toEqual({ rowEstimate: 0, pages: 0 });
    expect(sizes.get(tableKey('hr', 'staff'))).toEqual({ rowEstimate: 120, pages: 3 });
  });

  it('freezes what it returns', () => {
    expect(Object.isFrozen(tables[0])).toBe(true);
    expect(Object.isFrozen(tables[0]!.columns[1])).toBe(true);
    expect(Object.isFrozen(tables[0]!.primaryKey)).toBe(true);
  });
});

describe('pgliteDataDir', () => {
  it('reads pglite:DIR, and pglite: / pglite:memory as in-memory', () => {
    expect(pgliteDataDir('pglite:')).toBeNull();
    expect(pgliteDataDir('pglite:memory')).toBeNull();
    expect(pgliteDataDir('pglite:memory://')).toBeNull();
    expect(pgliteDataDir('pglite:/var/lib/city')).toBe('/var/lib/city');
    expect(pgliteDataDir('pglite:///var/lib/city')).toBe('/var/lib/city');
    expect(pgliteDataDir('pglite:./data/city')).toBe(path.resolve('data/city'));
  });
});
