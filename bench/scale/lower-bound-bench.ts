/**
 * minim against the I/O lower bound on the same tables, in one run: each round runs the bare
 * driver client, then the minim scan, each in a process of its own (one at a time), so the ratio of
 * the medians compares the two under the same machine load.
 */
import { cpus } from 'node:os';
import { lowerBoundInChild, type LowerBoundFigures } from './lower-bound.js';
import { fmt, mb, median, progress } from './progress.js';
import { scanInChild, type ChildScanOptions, type ScanFigures } from './scan-child.js';

export interface Side {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly peakRssBytes: number;
  /**
   * Requests sent to the server per table, counted on the wire (wire-count.ts), the catalog and
   * session set-up included: a multi-statement message is one, a BEGIN or COMMIT sent alone is one.
   */
  readonly statementsPerTable: number;
  readonly all: readonly number[];
  /**
   * CPU time of the whole machine while this side ran (every process: the database server's too),
   * median: what the client measures of itself leaves out the server, which shares the cores.
   */
  readonly machineCpuMs?: number;
  /** minim only: the scan's own count of the time it spent classifying (stats.classifyMs), median. */
  readonly classifyMs?: number;
}

export interface VsLowerBound {
  readonly name: string;
  readonly engine: 'postgres' | 'mariadb';
  readonly runs: number;
  readonly tables: number;
  readonly columns: number;
  readonly concurrency: number;
  readonly bare: Side;
  /**
   * PostgreSQL: the bare client reading each table as minim's connector does, one joined text per
   * column (lower-bound.ts `joined`), in the same rounds. The target is against `bare`.
   */
  readonly bareJoined?: Side;
  readonly minim: Side;
  /** minim wall / bare wall (medians of the same run). */
  readonly ratio: number;
  /** minim wall / bareJoined wall, when measured. */
  readonly ratioJoined?: number;
  readonly errors: number;
  /** Cores of the machine the comparison ran on (client and database server share them). */
  readonly cores?: number;
}

/** Busy CPU time of the whole machine so far (ms, every core, every process). */
function machineBusyMs(): number {
  let busy = 0;
  for (const c of cpus()) busy += c.times.user + c.times.nice + c.times.sys + c.times.irq;
  return busy;
}

/** Runs `fn` and adds the machine's busy CPU time during it to its figures. */
async function withMachineCpu<T>(fn: () => Promise<T>): Promise<T & { machineCpuMs: number }> {
  const before = machineBusyMs();
  const figures = await fn();
  return { ...figures, machineCpuMs: machineBusyMs() - before };
}

export async function benchVsLowerBound(
  name: string,
  engine: 'postgres' | 'mariadb',
  url: string,
  scanOptions: ChildScanOptions,
  runs: number,
  concurrency = 4,
  rows = 1000,
): Promise<VsLowerBound> {
  const bare: Array<LowerBoundFigures & { machineCpuMs: number }> = [];
  const joined: Array<LowerBoundFigures & { machineCpuMs: number }> = [];
  const minim: Array<ScanFigures & { machineCpuMs: number }> = [];
  for (let i = 0; i < runs; i++) {
    const b = await withMachineCpu(() => lowerBoundInChild({ engine, url, concurrency, rows, excludeSchemas: ['minim_bench_meta'] }));
    const j = engine === 'postgres' ? await withMachineCpu(() => lowerBoundInChild({ engine, url, concurrency, rows, excludeSchemas: ['minim_bench_meta'], joined: true })) : null;
    const m = await withMachineCpu(() => scanInChild({ ...scanOptions, concurrency, sampleRows: rows }));
    progress(`${name}: run ${i + 1}/${runs}: bare ${fmt(b.wallMs)} ms (${b.tables} tables)${j ? `, bare joined ${fmt(j.wallMs)} ms` : ''}, minim ${fmt(m.wallMs)} ms (${m.tables} tables, ${m.errors} errors), ${mb(m.maxRssBytes)}`);
    if (b.tables !== m.tables || (j && j.tables !== m.tables)) throw new Error(`${name}: the bare client read ${b.tables} tables, minim ${m.tables}; not the same tables`);
    bare.push(b);
    if (j) joined.push(j);
    minim.push(m);
  }
  const tables = minim[0]!.tables;
  const side = (xs: ReadonlyArray<{ wallMs: number; cpuMs: number; maxRssBytes: number; machineCpuMs: number }>, statements: number): Side => ({
    wallMs: median(xs.map((x) => x.wallMs)),
    cpuMs: median(xs.map((x) => x.cpuMs)),
    machineCpuMs: median(xs.map((x) => x.machineCpuMs)),
    peakRssBytes: Math.max(...xs.map((x) => x.maxRssBytes)),
    statementsPerTable: statements / Math.max(1, tables),
    all: xs.map((x) => Math.round(x.wallMs)),
  });
  const b = side(bare, median(bare.map((x) => x.roundTrips)));
  const bj = joined.length > 0 ? side(joined, median(joined.map((x) => x.roundTrips))) : null;
  const classify = minim.map((x) => x.classifyMs).filter((x): x is number => x !== undefined);
  const m: Side = {
    ...side(minim, median(minim.map((x) => x.roundTrips))),
    ...(classify.length === minim.length ? { classifyMs: median(classify) } : {}),
  };
  return {
    name,
    engine,
    runs,
    tables,
    columns: minim[0]!.columns,
    concurrency,
    bare: b,
    ...(bj ? { bareJoined: bj, ratioJoined: m.wallMs / bj.wallMs } : {}),
    minim: m,
    ratio: m.wallMs / b.wallMs,
    errors: Math.max(...minim.map((x) => x.errors)),
    cores: cpus().length,
  };
}

/**
 * CPU time minim may spend beyond the bare client and still finish within `target` × the lower
 * bound's wall, if its work spread perfectly over every core: the machine's capacity over that
 * wall minus what the lower bound itself kept busy (client and database server). Null without the
 * machine figures (an older run).
 */
export function cpuBudgetMs(r: VsLowerBound, target = 1.3): number | null {
  if (r.bare.machineCpuMs === undefined || r.cores === undefined) return null;
  return target * r.bare.wallMs * r.cores - r.bare.machineCpuMs;
}

/**
 * The best ratio minim's CPU allows on this machine: its machine-wide CPU time (client and database
 * server) spread over every core with none ever idle, against the lower bound's wall. Above the
 * target, no scheduling (threads, pipelining) can meet it; only spending less CPU can. Null without
 * the machine figures.
 */
export function coreFloorRatio(r: VsLowerBound): number | null {
  if (r.minim.machineCpuMs === undefined || r.cores === undefined) return null;
  return r.minim.machineCpuMs / r.cores / r.bare.wallMs;
}

export function printVsLowerBound(r: VsLowerBound): void {
  const line = (label: string, s: Side) =>
    `  ${label.padEnd(12)} wall ${fmt(s.wallMs / 1000, 2)} s (runs ${s.all.join(', ')} ms)  CPU ${fmt(s.cpuMs / 1000, 2)} s  ${fmt(s.statementsPerTable, 2)} requests/table (on the wire)  peak RSS ${mb(s.peakRssBytes)}`;
  process.stdout.write(
    [
      `\n== ${r.name}: ${fmt(r.tables)} tables / ${fmt(r.columns)} columns, concurrency ${r.concurrency} (median of ${r.runs})`,
      line('bare driver', r.bare),
      ...(r.bareJoined ? [line('bare joined', r.bareJoined)] : []),
      line('minim', r.minim),
      `  machine CPU (all processes, the database's included): bare ${fmt((r.bare.machineCpuMs ?? NaN) / 1000, 2)} s, minim ${fmt((r.minim.machineCpuMs ?? NaN) / 1000, 2)} s on ${r.cores ?? '?'} cores`,
      `  ratio minim / lower bound: ${fmt(r.ratio, 2)} (with every core busy throughout, minim's CPU allows ${fmt(coreFloorRatio(r) ?? NaN, 2)}); scan errors: ${r.errors}`,
      ...(r.ratioJoined === undefined ? [] : [`  ratio minim / bare client reading joined columns as minim does: ${fmt(r.ratioJoined, 2)}`]),
      `  minim's process kept ${fmt(r.minim.cpuMs / r.minim.wallMs, 2)} cores busy on average (its CPU / its wall); classifying: ${r.minim.classifyMs === undefined ? '–' : `${fmt(r.minim.classifyMs / 1000, 2)} s`}`,
      '',
    ].join('\n'),
  );
}
