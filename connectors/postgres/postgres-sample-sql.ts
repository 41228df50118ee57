/**
 * Builds the ONE statement that samples a relation: all requested columns, each cast to text and
 * cut inside the database. Identifiers are quoted by construction; the numbers are checked integers.
 */
import type { CatalogColumn, CatalogTable } from '../types.js';
import { MIN_SAMPLED_PAGES, SMALL_READ_CAP, type SamplePlan } from './postgres-sample-plan.js';
import { quoteIdent, quoteLiteral, quoteQualified, sqlInt } from './postgres-quote.js';

export interface SampleSqlOptions {
  readonly rows: number;
  readonly columns: readonly CatalogColumn[];
  readonly maxValueLength: number;
  /** Test/diagnostic only: append each row's heap page number (from ctid) as the last column. Tables only. */
  readonly withPage?: boolean;
  /** TABLESAMPLE … REPEATABLE (seed): the same pages from unchanged data. */
  readonly seed?: number;
}

const ALIAS = 'minim_sample';

/**
 * `SELECT <c0 as text, cut to L> … FROM (SELECT "col" AS c0 … FROM [ONLY] "s"."t" [TABLESAMPLE SYSTEM (p)]
 * [ORDER BY random()] LIMIT n) AS minim_sample` (a small table: random n of its first 10n rows; a
 * table no bigger than the sample: `LIMIT n + 1`, unsorted).
 * The inner query carries the raw (possibly TOASTed) values through the sort untouched; only the n
 * rows kept are cast and cut (cutText). NOTE: `substr` on a text value fetches just the slice it needs of a
 * TOASTed value (`left` detoasts it whole), so megabyte values cost no more than short ones.
 * Binary columns are never fetched: their values come back NULL (callers should not ask for them).
 * Columns after `options.columns`: `minim_pct` (the percent a sized plan computed), then `minim_page`.
 */
export function buildSampleSql(
  table: Pick<CatalogTable, 'schema' | 'name' | 'kind'>,
  plan: SamplePlan,
  options: SampleSqlOptions,
): string {
  const inner: string[] = [];
  const outer: string[] = [];
  options.columns.forEach((column, i) => {
    if (column.typeClass === 'binary') {
      outer.push(`NULL::text AS c${i}`);
      return;
    }
    inner.push(`${quoteIdent(column.name)} AS c${i}`);
    outer.push(`${cutText(`${ALIAS}.c${i}`, column, options.maxValueLength)} AS c${i}`);
  });
  if (plan.kind === 'tablesample-sized') outer.push('(SELECT pct FROM minim_size) AS minim_pct');
  if (options.withPage) {
    inner.push('ctid AS minim_ctid');
    outer.push(`(${ALIAS}.minim_ctid::text::point)[0]::bigint AS minim_page`);
  }
  // NOTE: ONLY keeps a legacy-inheritance parent from reading its children (they are listed on their own).
  const only = table.kind === 'table' ? 'ONLY ' : '';
  const from = `${only}${quoteQualified(table.schema, table.name)}`;
  const limit = `LIMIT ${sqlInt(options.rows)}`;
  const columns = inner.join(', ');
  const repeatable = options.seed === undefined ? '' : ` REPEATABLE (${sqlInt(options.seed)})`;
  let source: string;
  let prefix = '';
  switch (plan.kind) {
    case 'whole':
      // One more row than the sample: its presence tells the caller the estimate was stale.
      source = `${from} LIMIT ${sqlInt(options.rows + 1)}`;
      break;
    case 'small':
      source = `(SELECT ${columns} FROM ${from} LIMIT ${sqlInt(SMALL_READ_CAP * options.rows)}) AS minim_small ORDER BY random() ${limit}`;
      return `SELECT ${outer.join(', ')} FROM (SELECT * FROM ${source}) AS ${ALIAS}`;
    case 'tablesample':
      source = `${from} TABLESAMPLE SYSTEM (${plan.percent.toFixed(6)})${repeatable} ORDER BY random() ${limit}`;
      break;
    case 'tablesample-sized':
      prefix = `WITH minim_size AS (SELECT ${sizedPercentSql(table, plan.minPercent)} AS pct) `;
      source = `${from} TABLESAMPLE SYSTEM ((SELECT pct FROM minim_size))${repeatable} ORDER BY random() ${limit}`;
      break;
    case 'random-limit':
      source = `${from} ORDER BY random() ${limit}`;
      break;
    case 'limit':
      source = `${from} ${limit}`;
  }
  return `${prefix}SELECT ${outer.join(', ')} FROM (SELECT ${columns} FROM ${source}) AS ${ALIAS}`;
}

/**
 * The most characters a value's text form can have, by type: PostgreSQL's output functions under
 * any DateStyle, IntervalStyle or time zone (dates up to year 5874897 and BC; timestamps with a
 * 10-character zone abbreviation; int8 with its sign). Keyed by the domain-resolved base type.
 */
const TEXT_BOUND: Readonly<Record<string, number>> = {
  bool: 5,
  int2: 6,
  int4: 11,
  int8: 20,
  uuid: 36,
  date: 32,
  time: 32,
  timetz: 32,
  timestamp: 64,
  timestamptz: 64,
  float4: 32,
  float8: 32,
  inet: 64,
  cidr: 64,
  macaddr: 17,
  macaddr8: 23,
};

/**
 * A bound on the text form of `column`'s values and the type it holds for (the base type, quoted,
 * with its modifier), or null when its type bounds nothing (text, numeric without precision,
 * json, arrays…) or is not known. `varchar(n)` and `char(n)` hold at most n characters;
 * `numeric(p, s)` prints p digits, |s| zeros or leading fraction zeros, a sign, a point and a
 * leading 0 (or NaN).
 */
export function textBound(column: Pick<CatalogColumn, 'baseType' | 'dataType' | 'maxLength'>): { chars: number; type: string } | null {
  const base = column.baseType;
  if (base === undefined) return null;
  const type = (typmod: string) => `pg_catalog.${quoteIdent(base)}${typmod}`;
  const fixed = TEXT_BOUND[base];
  if (fixed !== undefined) return { chars: fixed, type: type('') };
  if ((base === 'varchar' || base === 'bpchar') && column.maxLength !== null) {
    return { chars: column.maxLength, type: type(`(${sqlInt(column.maxLength)})`) };
  }
  const numeric = base === 'numeric' ? /^numeric\((\d+)(?:,(-?\d+))?\)$/.exec(column.dataType) : null;
  if (numeric) {
    const p = Number(numeric[1]);
    const scale = Number(numeric[2] ?? 0);
    return { chars: Math.max(9, p + Math.abs(scale) + 3), type: type(`(${sqlInt(p)},${scale < 0 ? '-' : ''}${sqlInt(Math.abs(scale))})`) };
  }
  return null;
}

/**
 * `ref` as text of at most `maxValueLength` characters, computed as cheaply as the type allows,
 * always equal to `substr(ref::text, 1, maxValueLength)`:
 * - a type whose text form is never longer: cast to the catalog's base type, then to text. When
 *   the column still has that type the first cast costs nothing (the parser drops a cast to the
 *   type an expression already has); when it was altered after the catalog was read, the cast
 *   either converts and bounds the value (`varchar(n)` cuts to n) or fails the statement, which
 *   the scan reports for that table: a value is never read uncut;
 * - text: the value itself when its byte length is within the limit (octet_length reads the
 *   varlena header, also of a TOASTed value, without fetching it), else the cut;
 * - anything else: the cut.
 * NOTE: substr walks every value's characters and copies it (slicing a TOASTed one): over 2,000
 * tables of 15 columns and 1,000 rows the server spent about 1.6 times the CPU of plain casts
 * (docs/bench.md, "Where the time goes").
 */
function cutText(ref: string, column: CatalogColumn, maxValueLength: number): string {
  const bound = textBound(column);
  if (bound !== null && bound.chars <= maxValueLength) return `${ref}::${bound.type}::text`;
  const max = sqlInt(maxValueLength);
  if (column.typeClass === 'text') return `CASE WHEN octet_length(${ref}::text) <= ${max} THEN ${ref}::text ELSE substr(${ref}::text, 1, ${max}) END`;
  return `substr(${ref}::text, 1, ${max})`;
}

/**
 * The percent that draws MIN_SAMPLED_PAGES pages (and at least `minPercent`), from the relation's size
 * on disk, computed by the sample statement itself (which holds the table's lock anyway). A
 * partitioned table's size is the sum over its leaf partitions.
 */
function sizedPercentSql(table: Pick<CatalogTable, 'schema' | 'name' | 'kind'>, minPercent: number): string {
  const rel = `${quoteLiteral(quoteQualified(table.schema, table.name))}::regclass`;
  const bytes =
    table.kind === 'partitioned'
      ? `(SELECT coalesce(sum(pg_relation_size(relid)), 0) FROM pg_partition_tree(${rel}) WHERE isleaf)`
      : `pg_relation_size(${rel})`;
  const pages = `greatest(1, ${bytes}::float8 / current_setting('block_size')::float8)`;
  return `least(100, greatest(${minPercent.toFixed(6)}, 100.0 * ${MIN_SAMPLED_PAGES} / ${pages}))::float4`;
}

/**
 * The most bytes an aggregated sample may hold at worst (aggregateFits): half of PostgreSQL's 1 GB
 * limit on the one row that carries it (and far under V8's limit on one string).
 */
export const AGGREGATE_MAX_BYTES = 512 * 1024 * 1024;

/**
 * Whether a sample of `rows` rows of `columns`, each value cut to `maxValueLength` characters, can
 * come back as one aggregated row (aggregateSampleSql) even if every value were as long as its type
 * or the cut allows, in 4-byte characters. A table of many long text columns is read row by row:
 * at the defaults (1,000 rows, 4,096 characters) up to 32 unbounded text columns, and any number
 * of numbers, dates, uuids or short varchars.
 */
export function aggregateFits(columns: readonly CatalogColumn[], rows: number, maxValueLength: number): boolean {
  let chars = 0;
  for (const c of columns) {
    if (c.typeClass === 'binary') continue;
    const bound = textBound(c);
    chars += bound !== null && bound.chars < maxValueLength ? bound.chars : maxValueLength;
  }
  // Each value also brings its separator.
  return (chars + columns.length) * 4 * (rows + 1) <= AGGREGATE_MAX_BYTES;
}

/**
 * The sample `rowSql` (buildSampleSql) returned as ONE row: the row count, then per column its
 * values joined (`string_agg`; connectors/joined-values.ts) and its count of non-NULL values, then
 * the sized plan's percent when it has one. Every aggregate reads the
 * same rows in the same order, so position k of every column is row k.
 * NOTE: the driver turns one text per column into one string instead of one per value (a message,
 * a slice and a decode each): on 2,000 tables × 15 columns × 1,000 rows the client spent 1.6 s of
 * CPU instead of 3.9 s for the same values, the server about the same. A value holding the
 * separator or equal to the NULL mark is found out by the counts (joinedFits), and the sample is
 * then read row by row.
 */
export function aggregateSampleSql(rowSql: string, width: number, withPercent: boolean): string {
  const parts = ['count(*)::int4 AS n'];
  for (let i = 0; i < width; i++) {
    parts.push(`string_agg(coalesce(r.c${i}, E'\\x02'), E'\\x01') AS a${i}`, `count(r.c${i})::int4 AS k${i}`);
  }
  if (withPercent) parts.push('max(r.minim_pct) AS minim_pct');
  return `SELECT ${parts.join(', ')} FROM (${rowSql}) AS r`;
}

