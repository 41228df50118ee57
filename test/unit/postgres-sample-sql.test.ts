import { describe, expect, it } from 'vitest';
import type { CatalogColumn } from '../../connectors/types.js';
import { aggregateFits, aggregateSampleSql, buildSampleSql, textBound } from '../../connectors/postgres/postgres-sample-sql.js';

function column(name: string, typeClass: CatalogColumn['typeClass'] = 'text'): CatalogColumn {
  return { name, position: 1, dataType: 'text', typeClass, nullable: true, maxLength: null, comment: null };
}

const TABLE = { schema: 'hr', name: 'staff', kind: 'table' as const };
const OPTS = { rows: 1000, maxValueLength: 200, columns: [column('ssn'), column('photo', 'binary'), column('x"; DROP TABLE y; --')] };

describe('buildSampleSql', () => {
  it('TABLESAMPLE then random LIMIT, casting and cutting only the rows kept', () => {
    expect(buildSampleSql(TABLE, { kind: 'tablesample', percent: 0.42 }, OPTS)).toBe(
      'SELECT CASE WHEN octet_length(minim_sample.c0::text) <= 200 THEN minim_sample.c0::text ELSE substr(minim_sample.c0::text, 1, 200) END AS c0, NULL::text AS c1, CASE WHEN octet_length(minim_sample.c2::text) <= 200 THEN minim_sample.c2::text ELSE substr(minim_sample.c2::text, 1, 200) END AS c2 ' +
        'FROM (SELECT "ssn" AS c0, "x""; DROP TABLE y; --" AS c2 FROM ONLY "hr"."staff" TABLESAMPLE SYSTEM (0.420000) ' +
        'ORDER BY random() LIMIT 1000) AS minim_sample',
    );
  });

  it('a table no bigger than the sample: read whole, one row more than the sample, unsorted', () => {
    expect(buildSampleSql(TABLE, { kind: 'whole' }, { ...OPTS, columns: [column('ssn')] })).toBe(
      'SELECT CASE WHEN octet_length(minim_sample.c0::text) <= 200 THEN minim_sample.c0::text ELSE substr(minim_sample.c0::text, 1, 200) END AS c0 FROM (SELECT "ssn" AS c0 FROM ONLY "hr"."staff" LIMIT 1001) AS minim_sample',
    );
  });

  it('a small table: random n of its first 10n rows', () => {
    expect(buildSampleSql(TABLE, { kind: 'small' }, { ...OPTS, columns: [column('ssn')] })).toBe(
      'SELECT CASE WHEN octet_length(minim_sample.c0::text) <= 200 THEN minim_sample.c0::text ELSE substr(minim_sample.c0::text, 1, 200) END AS c0 FROM (SELECT * FROM (SELECT "ssn" AS c0 FROM ONLY "hr"."staff" LIMIT 10000) ' +
        'AS minim_small ORDER BY random() LIMIT 1000) AS minim_sample',
    );
  });

  it('views: plain LIMIT, no ONLY', () => {
    expect(buildSampleSql({ ...TABLE, kind: 'view' }, { kind: 'limit', reason: 'view' }, { ...OPTS, columns: [column('ssn')] })).toBe(
      'SELECT CASE WHEN octet_length(minim_sample.c0::text) <= 200 THEN minim_sample.c0::text ELSE substr(minim_sample.c0::text, 1, 200) END AS c0 FROM (SELECT "ssn" AS c0 FROM "hr"."staff" LIMIT 1000) AS minim_sample',
    );
  });

  it('never analyzed: the statement sizes the sample from pg_relation_size, quoting the name as a literal', () => {
    const sql = buildSampleSql({ schema: "it's", name: 'p"t', kind: 'partitioned' }, { kind: 'tablesample-sized', minPercent: 0 }, OPTS);
    expect(sql).toMatch(/^WITH minim_size AS \(SELECT least\(100, greatest\(0\.000000, 100\.0 \* 150 \/ greatest\(1, /);
    expect(sql).toContain(`pg_partition_tree(E'"it''s"."p""t"'::regclass) WHERE isleaf`);
    expect(sql).toContain('FROM "it\'s"."p""t" TABLESAMPLE SYSTEM ((SELECT pct FROM minim_size)) ORDER BY random() LIMIT 1000');
    expect(sql).toContain('(SELECT pct FROM minim_size) AS minim_pct');
  });

  it('rejects a non-integer length or row count', () => {
    expect(() => buildSampleSql(TABLE, { kind: 'small' }, { ...OPTS, rows: 1.5 })).toThrow();
    expect(() => buildSampleSql(TABLE, { kind: 'small' }, { ...OPTS, maxValueLength: -1 })).toThrow();
  });

  it('cuts only what can be longer than the limit: bounded types are cast to their base type alone, text is cut when its bytes exceed it', () => {
    const typed = (name: string, typeClass: CatalogColumn['typeClass'], dataType: string, baseType: string | undefined, maxLength: number | null = null): CatalogColumn => ({
      ...column(name, typeClass),
      dataType,
      maxLength,
      ...(baseType === undefined ? {} : { baseType }),
    });
    const columns = [
      typed('born', 'date', 'date', 'date'),
      typed('id', 'integer', 'bigint', 'int8'),
      typed('code', 'text', 'character varying(12)', 'varchar', 12),
      typed('wide', 'text', 'character varying(500)', 'varchar', 500),
      typed('amount', 'decimal', 'numeric(12,2)', 'numeric'),
      typed('price', 'decimal', 'numeric', 'numeric'),
      typed('doc', 'json', 'jsonb', 'jsonb'),
      typed('unknown', 'integer', 'bigint', undefined),
    ];
    const sql = buildSampleSql(TABLE, { kind: 'whole' }, { rows: 10, maxValueLength: 200, columns });
    expect(sql).toContain(
      'minim_sample.c0::pg_catalog."date"::text AS c0, minim_sample.c1::pg_catalog."int8"::text AS c1, minim_sample.c2::pg_catalog."varchar"(12)::text AS c2, ',
    );
    expect(sql).toContain('CASE WHEN octet_length(minim_sample.c3::text) <= 200 THEN minim_sample.c3::text ELSE substr(minim_sample.c3::text, 1, 200) END AS c3');
    expect(sql).toContain('minim_sample.c4::pg_catalog."numeric"(12,2)::text AS c4, substr(minim_sample.c5::text, 1, 200) AS c5, substr(minim_sample.c6::text, 1, 200) AS c6, ');
    // Without the catalog's base type nothing is read uncut.
    expect(sql).toContain('substr(minim_sample.c7::text, 1, 200) AS c7 ');
    // A limit under a type's bound keeps the cut: int8 reaches 20 characters with its sign.
    expect(buildSampleSql(TABLE, { kind: 'whole' }, { rows: 10, maxValueLength: 16, columns: [typed('id', 'integer', 'bigint', 'int8')] })).toContain(
      'substr(minim_sample.c0::text, 1, 16) AS c0',
    );
  });

  it('numeric bounds count the digits, the scale either side of the point, sign, point and a leading zero', () => {
    const n = (dataType: string) => textBound({ baseType: 'numeric', dataType, maxLength: null });
    expect(n('numeric(12,2)')).toEqual({ chars: 17, type: 'pg_catalog."numeric"(12,2)' }); // -9999999999.99 is 14
    expect(n('numeric(2,4)')).toEqual({ chars: 9, type: 'pg_catalog."numeric"(2,4)' }); // -0.0099 is 7
    expect(n('numeric(3,-2)')).toEqual({ chars: 9, type: 'pg_catalog."numeric"(3,-2)' }); // -99900 is 6
    expect(n('numeric(20,-10)')?.chars).toBe(33); // 20 digits, 10 zeros, sign
    expect(n('numeric')).toBeNull();
    // A domain over numeric(12,2) is spelled by its own name: no bound read off it.
    expect(n('money_amount')).toBeNull();
    expect(textBound({ baseType: 'money', dataType: 'money', maxLength: null })).toBeNull();
    expect(textBound({ baseType: 'text', dataType: 'us_postal_code', maxLength: null })).toBeNull();
    expect(textBound({ dataType: 'bigint', maxLength: null })).toBeNull();
  });
});

describe('aggregated samples (one joined text per column)', () => {
  const text = (n: number) => Array.from({ length: n }, (_, i) => column(`t${i}`));
  const ints = (n: number) => Array.from({ length: n }, (_, i): CatalogColumn => ({ ...column(`i${i}`, 'integer'), dataType: 'integer', baseType: 'int4' }));

  it('are used while the worst case (every value as long as the cut or its type allows) stays under 512 MB', () => {
    expect(aggregateFits(text(31), 1000, 4096)).toBe(true);
    expect(aggregateFits(text(33), 1000, 4096)).toBe(false);
    expect(aggregateFits([...text(20), ...ints(2000)], 1000, 4096)).toBe(true);
    // Binary columns are never fetched; a shorter cut or fewer rows admit more columns.
    expect(aggregateFits([...text(31), ...Array.from({ length: 500 }, (_, i) => column(`b${i}`, 'binary'))], 1000, 4096)).toBe(true);
    expect(aggregateFits(text(300), 1000, 200)).toBe(true);
    expect(aggregateFits(text(33), 100, 4096)).toBe(true);
  });

  it('wrap the row-wise statement: the row count, per column its joined values and non-NULL count, then the sized percent', () => {
    expect(aggregateSampleSql('SELECT 1', 2, true)).toBe(
      "SELECT count(*)::int4 AS n, string_agg(coalesce(r.c0, E'\\x02'), E'\\x01') AS a0, count(r.c0)::int4 AS k0, " +
        "string_agg(coalesce(r.c1, E'\\x02'), E'\\x01') AS a1, count(r.c1)::int4 AS k1, max(r.minim_pct) AS minim_pct FROM (SELECT 1) AS r",
    );
  });
});
