/**
 * Sample time against table size: the connector's own `sample()` on a small and a big table of the
 * same shape (PostgreSQL and MariaDB), median of N each, interleaved so both see the same cache
 * state; and how spread the big table's sample is — the distinct pages its rows come from, computed
 * from the sequential `id` (rows were inserted in id order) and the catalog's rows per page.
 */
import { openConnector } from '../../connectors/index.js';
import type { CatalogTable, Connector } from '../../connectors/types.js';
import { fmt, median, progress, since } from './progress.js';

/** Figures for one engine. */
export interface SampleSizeResult {
  readonly engine: string;
  readonly smallRows: number;
  readonly bigRows: number;
  readonly smallMs: number;
  readonly bigMs: number;
  readonly smallRunsMs: readonly number[];
  readonly bigRunsMs: readonly number[];
  readonly ratio: number;
  readonly method: string;
  readonly sampledRows: number;
  /** Median over the runs of the distinct pages the big table's sample rows came from. */
  readonly distinctPages: number;
  readonly rowsPerPage: number;
  /** Medians of a seeded sample repeated, its pages in memory: the sampling's own cost. */
  readonly warm: { readonly smallMs: number; readonly bigMs: number };
}

const OPTS = { rows: 1000, maxValueLength: 4096, statementTimeoutMs: 30_000, lockTimeoutMs: 2_000 };

async function rowsPerPage(c: Connector, table: CatalogTable): Promise<number> {
  if (c.dialect === 'mysql') {
    // NOTE: InnoDB pages are 16 KiB; AVG_ROW_LENGTH is the catalog's data length / row estimate.
    const r = await c.query('SELECT AVG_ROW_LENGTH AS len FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?', [
      table.schema,
      table.name,
    ]);
    return Math.max(1, Math.floor(16384 / Number(r.rows[0]?.len ?? 100)));
  }
  const r = await c.query(
    'SELECT reltuples / GREATEST(relpages, 1) AS rpp FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2',
    [table.schema, table.name],
  );
  return Math.max(1, Math.floor(Number(r.rows[0]?.rpp ?? 1)));
}

/** Samples `small` and `big` of the database at `url` `runs` times each and reports medians. */
export async function benchSampleSize(engine: string, url: string, runs: number): Promise<SampleSizeResult> {
  const c = await openConnector(url, { name: `bench-${engine}`, concurrency: 1, connectTimeoutMs: 10_000, statementTimeoutMs: 30_000, lockTimeoutMs: 2_000 });
  try {
    const catalog = await c.catalog();
    const find = (name: string) => {
      const t = catalog.find((x) => x.name === name);
      if (!t) throw new Error(`bench ${engine}: table ${name} missing from the bench database; rerun with --fresh`);
      return t;
    };
    const small = find('rows_small');
    const big = find('rows_big');
    const sampleOf = (t: CatalogTable) => c.sample(t, { ...OPTS, columns: t.columns });
    const idIndex = big.columns.findIndex((col) => col.name === 'id');
    const rpp = await rowsPerPage(c, big);
    // One untimed sample of each first: connection set-up and the first plan are not the table's size.
    await sampleOf(small);
    await sampleOf(big);
    const smallMs: number[] = [];
    const bigMs: number[] = [];
    const pages: number[] = [];
    let method = '';
    let sampledRows = 0;
    for (let i = 0; i < runs; i++) {
      let t0 = performance.now();
      await sampleOf(small);
      smallMs.push(since(t0));
      t0 = performance.now();
      const s = await sampleOf(big);
      bigMs.push(since(t0));
      method = s.method;
      sampledRows = s.rows;
      const ids = s.values[idIndex] ?? [];
      pages.push(new Set(ids.map((id) => Math.floor((Number(id) - 1) / rpp))).size);
    }
    // Cold figures above: each run draws other random pages, most not in memory (a 10M-row table is
    // far larger than the buffer pool), so they measure the disk. Warm figures: the same seeded
    // sample twice, timing the second, so both tables' pages are in memory and the figure measures
    // the sampling itself (the same pages, rows and statements as a cold run).
    const ws: number[] = [];
    const wb: number[] = [];
    const seeded = (t: CatalogTable, seed: number) => c.sample(t, { ...OPTS, columns: t.columns, seed });
    for (let i = 0; i < runs; i++) {
      const seed = 1000 + i;
      await seeded(small, seed);
      let t0 = performance.now();
      await seeded(small, seed);
      ws.push(since(t0));
      await seeded(big, seed);
      t0 = performance.now();
      await seeded(big, seed);
      wb.push(since(t0));
    }
    const warm = { smallMs: median(ws), bigMs: median(wb) };
    const r: SampleSizeResult = {
      warm,
      engine,
      smallRows: small.rowEstimate ?? NaN,
      bigRows: big.rowEstimate ?? NaN,
      smallMs: median(smallMs),
      bigMs: median(bigMs),
      smallRunsMs: smallMs.map((x) => Number(x.toFixed(1))),
      bigRunsMs: bigMs.map((x) => Number(x.toFixed(1))),
      ratio: median(bigMs) / median(smallMs),
      method,
      sampledRows,
      distinctPages: median(pages),
      rowsPerPage: rpp,
    };
    progress(`sample-size ${engine}: ${fmt(r.smallMs, 1)} ms vs ${fmt(r.bigMs, 1)} ms`);
    return r;
  } finally {
    await c.close();
  }
}

/** Prints the sample-size figures to stdout. */
export function printSampleSize(results: readonly SampleSizeResult[]): void {
  const lines = ['\n== sample-size (connector sample(), 1,000 rows, all columns; median of runs)'];
  for (const r of results) {
    lines.push(
      `  ${r.engine.padEnd(10)} ${fmt(r.smallRows)} rows: ${fmt(r.smallMs, 1)} ms   ${fmt(r.bigRows)} rows: ${fmt(r.bigMs, 1)} ms   ratio ${fmt(r.ratio, 2)} (target ≤ 2)`,
      `  ${''.padEnd(10)} big table: ${fmt(r.sampledRows)} rows by ${r.method}, from ${fmt(r.distinctPages)} distinct pages of ~${fmt(r.rowsPerPage)} rows (target ≥ 100)`,
      `  ${''.padEnd(10)} runs small ${r.smallRunsMs.join(', ')} ms; big ${r.bigRunsMs.join(', ')} ms (cold: big-table pages read from disk)`,
    );
    lines.push(
      `  ${''.padEnd(10)} warm (same seeded sample repeated): ${fmt(r.warm.smallMs, 1)} ms vs ${fmt(r.warm.bigMs, 1)} ms   ratio ${fmt(r.warm.bigMs / r.warm.smallMs, 2)} (target ≤ 2)`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
