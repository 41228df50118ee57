import { describe, expect, it } from 'vitest';
import type { CatalogColumn } from '../../connectors/types.js';
import { buildSampleSql } from '../../connectors/postgres/postgres-sample-sql.js';

function column(name: string, typeClass: CatalogColumn['typeClass'] = 'text'): CatalogColumn {
  return { name, position: 1, dataType: 'text', typeClass, nullable: true, maxLength: null, comment: null };
}

const TABLE = { schema: 'hr', name: 'staff', kind: 'table' as const };
const OPTS = { rows: 1000, maxValueLength: 200, columns: [column('ssn'), column('photo', 'binary'), column('x"; DROP TABLE y; --')] };

describe('buildSampleSql', () => {
  it('TABLESAMPLE then random LIMIT, casting and cutting only the rows kept', () => {
    expect(buildSampleSql(TABLE, { kind: 'tablesample', percent: 0.42 }, OPTS)).toBe(
      'SELECT substr(minim_sample.c0::text, 1, 200) AS c0, NULL::text AS c1, substr(minim_sample.c2::text, 1, 200) AS c2 ' +
        'FROM (SELECT "ssn" AS c0, "x""; DROP TABLE y; --" AS c2 FROM ONLY "hr"."staff" TABLESAMPLE SYSTEM (0.420000) ' +
        'ORDER BY random() LIMIT 1000) AS minim_sample',
    );
  });

  it('a table no bigger than the sample: read whole, one row more than the sample, unsorted', () => {
    expect(buildSampleSql(TABLE, { kind: 'whole' }, { ...OPTS, columns: [column('ssn')] })).toBe(
      'SELECT substr(minim_sample.c0::text, 1, 200) AS c0 FROM (SELECT "ssn" AS c0 FROM ONLY "hr"."staff" LIMIT 1001) AS minim_sample',
    );
  });

  it('a small table: random n of its first 10n rows', () => {
    expect(buildSampleSql(TABLE, { kind: 'small' }, { ...OPTS, columns: [column('ssn')] })).toBe(
      'SELECT substr(minim_sample.c0::text, 1, 200) AS c0 FROM (SELECT * FROM (SELECT "ssn" AS c0 FROM ONLY "hr"."staff" LIMIT 10000) ' +
        'AS minim_small ORDER BY random() LIMIT 1000) AS minim_sample',
    );
  });

  it('views: plain LIMIT, no ONLY', () => {
    expect(buildSampleSql({ ...TABLE, kind: 'view' }, { kind: 'limit', reason: 'view' }, { ...OPTS, columns: [column('ssn')] })).toBe(
      'SELECT substr(minim_sample.c0::text, 1, 200) AS c0 FROM (SELECT "ssn" AS c0 FROM "hr"."staff" LIMIT 1000) AS minim_sample',
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
});
