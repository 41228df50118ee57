/** The bench databases by name and size (full and `--quick`), built once and cached. */
import { buildBigTable, buildManyTables, ensurePgDatabase } from './pg-fixtures.js';
import { ensureMysqlManyDatabase, ensureMysqlSizeDatabase } from './mysql-fixtures.js';

/** Sizes of every generated database; `--quick` uses the small set (its own database names). */
export interface Sizes {
  readonly suffix: string;
  readonly wideTables: number;
  readonly wideBigRows: number;
  readonly manyTables: number;
  readonly sizeSmall: number;
  readonly sizeBig: number;
  /** Tables of the lower-bound comparison (PostgreSQL and MariaDB, 15 columns, `lbRows` rows each). */
  readonly lbTables: number;
  readonly lbRows: number;
  /** Tables of the 10,000-table PostgreSQL scan (15 columns, `hugeRows` rows each). */
  readonly hugeTables: number;
  readonly hugeRows: number;
}

export const FULL: Sizes = { suffix: 'v1', wideTables: 500, wideBigRows: 5_000_000, manyTables: 2000, sizeSmall: 10_000, sizeBig: 10_000_000, lbTables: 2000, lbRows: 1000, hugeTables: 10_000, hugeRows: 200 };
export const QUICK: Sizes = { suffix: 'quick_v1', wideTables: 50, wideBigRows: 200_000, manyTables: 200, sizeSmall: 10_000, sizeBig: 1_000_000, lbTables: 200, lbRows: 1000, hugeTables: 1000, hugeRows: 200 };

/** 500 × 12 mixed columns (500-3,000 rows each) plus one big table `public.big_events`. */
export function ensureWide(s: Sizes, fresh: boolean): Promise<string> {
  return ensurePgDatabase(`minim_bench_wide_${s.suffix}`, `${s.wideTables}x12+${s.wideBigRows}`, fresh, async (c) => {
    await buildManyTables(c, 'wide', s.wideTables, 12, (i) => 500 + ((i * 37) % 2500));
    await buildBigTable(c, 'public.big_events', s.wideBigRows);
  });
}

/** 2,000 × 15 columns of 1,500 rows each (1,000-row samples come from more rows than the sample). */
export function ensureMany(s: Sizes, fresh: boolean): Promise<string> {
  return ensurePgDatabase(`minim_bench_many_${s.suffix}`, `${s.manyTables}x15x1500`, fresh, (c) =>
    buildManyTables(c, 'many', s.manyTables, 15, () => 1500),
  );
}

/** `public.rows_small` and `public.rows_big` with the same columns. */
export function ensurePgSize(s: Sizes, fresh: boolean): Promise<string> {
  return ensurePgDatabase(`minim_bench_size_${s.suffix}`, `${s.sizeSmall}+${s.sizeBig}`, fresh, async (c) => {
    await buildBigTable(c, 'public.rows_small', s.sizeSmall);
    await buildBigTable(c, 'public.rows_big', s.sizeBig);
  });
}

/** The same two tables on MariaDB. */
export function ensureMysqlSize(s: Sizes, fresh: boolean): Promise<string> {
  return ensureMysqlSizeDatabase(`minim_bench_size_${s.suffix}`, s.sizeSmall, s.sizeBig, fresh);
}

/**
 * The lower-bound comparison on PostgreSQL: `lbTables` × 15 columns holding exactly `lbRows` rows
 * (the sample size), so a whole-table read IS the sample.
 */
export function ensureLowerBoundPg(s: Sizes, fresh: boolean): Promise<string> {
  return ensurePgDatabase(`minim_bench_lb_${s.lbTables}x${s.lbRows}_v1`, `${s.lbTables}x15x${s.lbRows}`, fresh, (c) =>
    buildManyTables(c, 'lower-bound', s.lbTables, 15, () => s.lbRows),
  );
}

/** The same shape on MariaDB. */
export function ensureLowerBoundMysql(s: Sizes, fresh: boolean): Promise<string> {
  return ensureMysqlManyDatabase(`minim_bench_lb_${s.lbTables}x${s.lbRows}_v1`, s.lbTables, 15, s.lbRows, fresh);
}

/** `hugeTables` × 15 columns of `hugeRows` rows on PostgreSQL (catalog, memory and output at scale). */
export function ensureHugePg(s: Sizes, fresh: boolean): Promise<string> {
  return ensurePgDatabase(`minim_bench_huge_${s.hugeTables}x${s.hugeRows}_v1`, `${s.hugeTables}x15x${s.hugeRows}`, fresh, (c) =>
    buildManyTables(c, 'huge', s.hugeTables, 15, () => s.hugeRows),
  );
}
