/** Scan benchmarks (demo, pg-wide, pg-many): N scans, each in its own process; medians and peak RSS. */
import { scanInChild, type ChildScanOptions, type ScanFigures } from './scan-child.js';
import { fmt, mb, median, progress } from './progress.js';

/** Figures of one scan benchmark: medians over the runs, peak RSS the largest seen. */
export interface ScanBenchResult {
  readonly name: string;
  readonly runs: number;
  readonly wallMs: number;
  readonly wallMsAll: readonly number[];
  readonly tables: number;
  readonly columns: number;
  readonly queries: number;
  readonly queriesPerTable: number;
  readonly valuesClassified: number;
  readonly valuesPerSecond: number;
  readonly errors: number;
  readonly findings: number;
  readonly peakRssBytes: number;
}

/** Runs `runs` scans of `options` in child processes (one at a time) and summarises them. */
export async function benchScan(name: string, options: ChildScanOptions, runs: number): Promise<ScanBenchResult> {
  const all: ScanFigures[] = [];
  for (let i = 0; i < runs; i++) {
    const f = await scanInChild(options);
    progress(`${name}: run ${i + 1}/${runs}: ${fmt(f.wallMs)} ms, ${f.tables} tables, ${f.queries} queries, ${mb(f.maxRssBytes)}`);
    all.push(f);
  }
  const last = all[all.length - 1]!;
  const wallMs = median(all.map((f) => f.wallMs));
  const values = median(all.map((f) => f.valuesClassified));
  return {
    name,
    runs,
    wallMs,
    wallMsAll: all.map((f) => Math.round(f.wallMs)),
    tables: last.tables,
    columns: last.columns,
    queries: median(all.map((f) => f.queries)),
    queriesPerTable: last.tables ? median(all.map((f) => f.queries)) / last.tables : 0,
    valuesClassified: values,
    valuesPerSecond: wallMs > 0 ? (values * 1000) / wallMs : 0,
    errors: Math.max(...all.map((f) => f.errors)),
    findings: last.findings,
    peakRssBytes: Math.max(...all.map((f) => f.maxRssBytes)),
  };
}

/** Prints one scan benchmark's figures to stdout. */
export function printScan(r: ScanBenchResult): void {
  process.stdout.write(
    [
      `\n== ${r.name} (median of ${r.runs}; runs ${r.wallMsAll.join(', ')} ms)`,
      `  wall time           ${fmt(r.wallMs)} ms`,
      `  tables / columns    ${fmt(r.tables)} / ${fmt(r.columns)}`,
      `  queries issued      ${fmt(r.queries)} (${fmt(r.queriesPerTable, 2)} per table)`,
      `  values classified   ${fmt(r.valuesClassified)} (${fmt(r.valuesPerSecond)} per second of wall time)`,
      `  findings / errors   ${fmt(r.findings)} / ${fmt(r.errors)}`,
      `  peak RSS            ${mb(r.peakRssBytes)}`,
      '',
    ].join('\n'),
  );
}
