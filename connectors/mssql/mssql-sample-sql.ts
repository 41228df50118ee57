/**
 * Pure builders for the SQL Server sample statements. Identifiers are quoted by construction,
 * numbers are validated; no value is ever interpolated.
 */
import type { CatalogColumn } from '../types.js';
import { quoteIdent, quoteTable, type MssqlLocation } from './mssql-quote.js';

const int = (n: number, min = 1) => String(Math.max(min, Math.floor(Number.isFinite(n) ? n : min)));

/**
 * The select-list expression for one column, as nvarchar cut inside the database.
 * NOTE: binary (and rowversion) columns are never fetched: a typed NULL stands in. Spatial values come
 * as WKT (`.STAsText()`), hierarchyid as its path, dates in ISO form (styles 23 and 121) rather than
 * the locale default `Jan  1 2024 12:00AM`, floats with all 17 digits (style 3).
 */
export function mssqlSelectExpr(column: CatalogColumn, maxValueLength: number): string {
  const c = quoteIdent(column.name);
  const n = int(maxValueLength);
  const t = column.dataType.toLowerCase();
  switch (column.typeClass) {
    case 'binary':
      return 'CAST(NULL AS nvarchar(1))';
    case 'spatial':
      return `LEFT(${c}.STAsText(), ${n})`;
    case 'date':
      return `CONVERT(nvarchar(30), ${c}, 23)`;
    case 'timestamp':
      return `CONVERT(nvarchar(40), ${c}, 121)`;
    default:
      if (t === 'hierarchyid') return `LEFT(${c}.ToString(), ${n})`;
      if (t === 'float' || t === 'real') return `CONVERT(nvarchar(40), ${c}, 3)`;
      return `LEFT(CONVERT(nvarchar(max), ${c}), ${n})`;
  }
}

function selectList(columns: readonly CatalogColumn[], maxValueLength: number): string {
  return columns.length === 0 ? '1 AS c0' : columns.map((c, i) => `${mssqlSelectExpr(c, maxValueLength)} AS c${i}`).join(', ');
}

/** The session guard sent ahead of every sample in the same batch. */
export function lockTimeoutSql(lockTimeoutMs: number): string {
  return `SET LOCK_TIMEOUT ${int(lockTimeoutMs, 0)};`;
}

/**
 * The order the sampled rows are kept in. No seed: `NEWID()`, fresh each run. A seed (`--seed`):
 * a SHA-256 of the seed and the row's selected values, so the same seed keeps the same rows of
 * unchanged data and another seed others (rows with equal values tie, and their values are equal).
 * NOTE: NEWID() cannot be seeded and RAND(seed) is one value per statement, not per row, hence the
 * hash. CONCAT takes at most 254 arguments: the first 120 columns decide the order.
 */
export function mssqlSampleOrder(width: number, seed?: number): string {
  if (seed === undefined) return 'NEWID()';
  const cols = Array.from({ length: Math.max(1, Math.min(width, 120)) }, (_, i) => `, N'|', s.c${i}`).join('');
  return `HASHBYTES('SHA2_256', CONCAT(N'${int(seed)}'${cols}))`;
}

/**
 * `TABLESAMPLE SYSTEM (p PERCENT)` picks random pages; `ORDER BY NEWID()` then shuffles only the
 * sampled rows. Cost follows the pages sampled, not the table. With a seed: `REPEATABLE (seed)`
 * (the same pages from unchanged data) and the seeded order above.
 * NOTE: TABLESAMPLE works on base tables only (not views) and is page-grained: a small percent of a
 * small table can return no rows, hence the caller's fallback.
 */
export function mssqlTablesampleSql(
  loc: MssqlLocation,
  table: string,
  columns: readonly CatalogColumn[],
  rows: number,
  percent: number,
  maxValueLength: number,
  seed?: number,
): string {
  const repeatable = seed === undefined ? '' : ` REPEATABLE (${int(seed)})`;
  return (
    `SELECT TOP (${int(rows)}) * FROM (SELECT ${selectList(columns, maxValueLength)} FROM ${quoteTable(loc, table)} ` +
    `TABLESAMPLE SYSTEM (${formatPercent(percent)} PERCENT)${repeatable}) AS s ORDER BY ${mssqlSampleOrder(columns.length, seed)}`
  );
}

/** At most `window` rows read (the first in storage order), `rows` of them kept at random (seeded: by the seeded order). */
export function mssqlBoundedRandomSql(
  loc: MssqlLocation,
  table: string,
  columns: readonly CatalogColumn[],
  rows: number,
  window: number,
  maxValueLength: number,
  seed?: number,
): string {
  return (
    `SELECT TOP (${int(rows)}) * FROM (SELECT TOP (${int(window)}) ${selectList(columns, maxValueLength)} ` +
    `FROM ${quoteTable(loc, table)}) AS s ORDER BY ${mssqlSampleOrder(columns.length, seed)}`
  );
}

/**
 * `SELECT TOP (k) … FROM t`, no sort: a table no bigger than the sample read whole (k is one more
 * than the sample, so a table that outgrew its estimate shows itself).
 */
export function mssqlWholeSql(loc: MssqlLocation, table: string, columns: readonly CatalogColumn[], limit: number, maxValueLength: number): string {
  return `SELECT TOP (${int(limit)}) ${selectList(columns, maxValueLength)} FROM ${quoteTable(loc, table)}`;
}

/** A percent literal TABLESAMPLE accepts: (0, 100], at most 6 decimals. */
export function formatPercent(percent: number): string {
  const p = Number.isFinite(percent) ? Math.min(100, Math.max(0.000001, percent)) : 100;
  return p.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
}

/**
 * The percent of a table of `estimate` rows to sample so at least `max(3 × rows, minRows)` rows come
 * back on average: the 3× absorbs TABLESAMPLE's page-grained variance, and `minRows` (10,000) makes
 * the rows come from ~100 or more pages of a big table.
 */
export function tablesamplePercent(estimate: number, rows: number, minRows = 10_000): number {
  return Math.min(100, (Math.max(3 * rows, minRows) / Math.max(1, estimate)) * 100);
}

