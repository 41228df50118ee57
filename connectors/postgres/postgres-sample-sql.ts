/**
 * Builds the ONE statement that samples a relation: all requested columns, each cast to text and
 * cut inside the database. Identifiers are quoted by construction; the numbers are checked integers.
 */
import type { CatalogColumn, CatalogTable } from '../types.js';
import type { SamplePlan } from './postgres-sample-plan.js';
import { quoteIdent, quoteQualified, sqlInt } from './postgres-quote.js';

export interface SampleSqlOptions {
  readonly rows: number;
  readonly columns: readonly CatalogColumn[];
  readonly maxValueLength: number;
  /** Test/diagnostic only: append each row's heap page number (from ctid) as a last column. Tables only. */
  readonly withPage?: boolean;
}

const ALIAS = 'minim_sample';

/**
 * `SELECT substr(c0::text, 1, L) … FROM (SELECT "col" AS c0 … FROM [ONLY] "s"."t" [TABLESAMPLE SYSTEM (p)]
 * [ORDER BY random()] LIMIT n) AS minim_sample`.
 * The inner query carries the raw (possibly TOASTed) values through the sort untouched; only the n
 * rows kept are cast and cut. NOTE: `substr` on a text value fetches just the slice it needs of a
 * TOASTed value (`left` detoasts it whole), so megabyte values cost no more than short ones.
 * Binary columns are never fetched: their values come back NULL (callers should not ask for them).
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
    outer.push(`substr(${ALIAS}.c${i}::text, 1, ${sqlInt(options.maxValueLength)}) AS c${i}`);
  });
  if (options.withPage) {
    inner.push('ctid AS minim_ctid');
    outer.push(`(${ALIAS}.minim_ctid::text::point)[0]::bigint AS minim_page`);
  }
  // NOTE: ONLY keeps a legacy-inheritance parent from reading its children (they are listed on their own).
  const only = table.kind === 'table' ? 'ONLY ' : '';
  const from = `${only}${quoteQualified(table.schema, table.name)}`;
  const limit = `LIMIT ${sqlInt(options.rows)}`;
  const source =
    plan.kind === 'tablesample'
      ? `${from} TABLESAMPLE SYSTEM (${plan.percent.toFixed(6)}) ORDER BY random() ${limit}`
      : plan.kind === 'random-limit'
        ? `${from} ORDER BY random() ${limit}`
        : `${from} ${limit}`;
  return `SELECT ${outer.join(', ')} FROM (SELECT ${inner.join(', ')} FROM ${source}) AS ${ALIAS}`;
}

/** `SELECT count(*) FROM "s"."t" WHERE "col"::text ~ <regex literal>`: the exact-count statement. */
export function buildCountMatchesSql(table: Pick<CatalogTable, 'schema' | 'name' | 'kind'>, column: string, regexLiteral: string): string {
  const only = table.kind === 'table' ? 'ONLY ' : '';
  return `SELECT count(*) FROM ${only}${quoteQualified(table.schema, table.name)} WHERE ${quoteIdent(column)}::text ~ ${regexLiteral}`;
}
