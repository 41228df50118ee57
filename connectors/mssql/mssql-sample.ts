/**
 * Bounded sampling for SQL Server: cost independent of the table's size.
 *
 * - A table whose estimate is no larger than the sample: read whole, unsorted, in one statement
 *   (`TOP (rows + 1)`, `full`). The extra row means the estimate was stale: the rows are dropped
 *   and the table is sampled as below (`estimate-stale:` + method, one statement more).
 * - Base tables bigger than the window: `TABLESAMPLE SYSTEM (p PERCENT)` sized from the catalog's
 *   estimate, then `ORDER BY NEWID()` over the sampled rows only (`tablesample-system(p%)`).
 *   TABLESAMPLE is page-grained: when it returns under half the rows wanted (few pages, bad
 *   estimate), a second, bounded statement reads the first rows instead.
 * - Small tables, views, external tables: `TOP (5 × rows)` in storage order, `rows` kept at random
 *   (`full` when the table is smaller than that; `random-of-first(N)` when it may be bigger).
 * Every statement runs after `SET LOCK_TIMEOUT` in the same batch.
 * `SampleOptions.seed` (`--seed`): TABLESAMPLE gets `REPEATABLE (seed)` and the rows are kept in the
 * order of a SHA-256 of the seed and their values instead of `NEWID()` (`mssqlSampleOrder`), so the
 * same seed draws the same rows from unchanged data.
 */
import type { CatalogTable, SampleOptions, TableSample } from '../types.js';
import type { MssqlLocation } from './mssql-quote.js';
import { lockTimeoutSql, mssqlBoundedRandomSql, mssqlTablesampleSql, mssqlWholeSql, tablesamplePercent } from './mssql-sample-sql.js';

/** Runs one batch and returns the rows (as arrays) of its last result set. */
export interface MssqlSampleSource {
  rows(batch: string): Promise<unknown[][]>;
}

/** The bounded window, as a multiple of the target rows. */
export const WINDOW_FACTOR = 5;

/** Takes one bounded sample of `table` (at `loc`) through `db` (already in a transaction). */
export async function takeMssqlSample(
  db: MssqlSampleSource,
  loc: MssqlLocation,
  table: CatalogTable,
  options: SampleOptions,
): Promise<TableSample> {
  const n = Math.max(1, Math.floor(options.rows));
  const cols = options.columns;
  const window = n * WINDOW_FACTOR;
  const guard = lockTimeoutSql(options.lockTimeoutMs);
  const sampleable = table.kind === 'table' || table.kind === 'partitioned';
  let queries = 0;
  let prefix = '';
  if (table.kind !== 'view' && table.rowEstimate !== null && table.rowEstimate <= n) {
    const rows = await db.rows(`${guard} ${mssqlWholeSql(loc, table.name, cols, n + 1, options.maxValueLength)}`);
    queries++;
    if (rows.length <= n) return toSample(rows, cols.length, 'full', queries);
    prefix = 'estimate-stale:';
  }
  if (sampleable && table.rowEstimate !== null && table.rowEstimate > window) {
    const percent = tablesamplePercent(table.rowEstimate, n);
    const rows = await db.rows(`${guard} ${mssqlTablesampleSql(loc, table.name, cols, n, percent, options.maxValueLength, options.seed)}`);
    queries++;
    if (rows.length * 2 >= n) return toSample(rows, cols.length, `tablesample-system(${round(percent)}%)`, queries);
    prefix += 'tablesample+';
  }
  const rows = await db.rows(`${guard} ${mssqlBoundedRandomSql(loc, table.name, cols, n, window, options.maxValueLength, options.seed)}`);
  queries++;
  const method =
    rows.length < n ? 'full' : !prefix && table.rowEstimate !== null && table.rowEstimate <= window ? 'random' : `random-of-first(${window})`;
  return toSample(rows, cols.length, prefix + method, queries);
}

const round = (p: number) => String(Number(p >= 1 ? p.toFixed(1) : p.toPrecision(2)));

function toSample(rows: readonly unknown[][], width: number, method: string, queries: number): TableSample {
  const values: Array<Array<string | null>> = Array.from({ length: width }, () => new Array<string | null>(rows.length));
  rows.forEach((r, i) => {
    for (let c = 0; c < width; c++) {
      const v = r[c];
      values[c]![i] = v === null || v === undefined ? null : String(v);
    }
  });
  return { rows: rows.length, values, method, queries };
}
