/**
 * `npm run bench`: scale and throughput figures (see docs/bench.md).
 *
 *   node dist/bench/run.js [--only demo,npx,pg-lb,mysql-lb,pg-10k,pg-wide,pg-many,sample-size,detectors,migrate,ndjson] [--quick] [--fresh]
 *
 * Progress goes to stderr; figures and the closing table to stdout. Generated databases are cached
 * between runs (`--fresh` rebuilds them). No sampled value is ever printed.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Table from 'cli-table3';
import { FULL, QUICK, ensureHugePg, ensureLowerBoundMysql, ensureLowerBoundPg, ensureMany, ensureMysqlSize, ensurePgSize, ensureWide } from './scale/databases.js';
import { benchDemo, benchNpx } from './scale/demo-child.js';
import { benchVsLowerBound, coreFloorRatio, cpuBudgetMs, printVsLowerBound, type VsLowerBound } from './scale/lower-bound-bench.js';
import { readFigures, writeFigures } from './figures.js';
import { benchDetectorsInChild, printDetectors } from './scale/detectors.js';
import { pgActivityDuring } from './scale/pg-activity.js';
import { META_EXCLUDE } from './scale/pg-fixtures.js';
import { fmt, mb, progress, since } from './scale/progress.js';
import { benchNdjsonRead } from './scale/ndjson-read.js';
import { benchSampleSize, printSampleSize } from './scale/sample-size.js';
import { benchScan, printScan, type ScanBenchResult } from './scale/scan-bench.js';

const BENCHES = ['demo', 'npx', 'pg-lb', 'mysql-lb', 'pg-10k', 'pg-wide', 'pg-many', 'sample-size', 'detectors', 'migrate', 'ndjson'] as const;
type Bench = (typeof BENCHES)[number];

/** One row of the closing table. */
interface Row {
  bench: string;
  figure: string;
  value: string;
  target: string;
  ok: '' | 'yes' | 'NO';
}

interface Args {
  only: Set<Bench>;
  quick: boolean;
  fresh: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const only = new Set<Bench>();
  let quick = false;
  let fresh = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--quick') quick = true;
    else if (a === '--fresh') fresh = true;
    else if (a === '--only' || a.startsWith('--only=')) {
      const list = a === '--only' ? argv[++i] : a.slice('--only='.length);
      for (const name of (list ?? '').split(',').filter(Boolean)) {
        if (!(BENCHES as readonly string[]).includes(name)) {
          throw new Error(`bench: unknown benchmark "${name}" in --only; choose from ${BENCHES.join(', ')}`);
        }
        only.add(name as Bench);
      }
    } else if (a === '--help' || a === '-h') {
      process.stdout.write(`usage: npm run bench -- [--only ${BENCHES.join(',')}] [--quick] [--fresh]\n`);
      process.exit(0);
    } else throw new Error(`bench: unknown option "${a}"; use --only NAME[,NAME], --quick or --fresh`);
  }
  return { only: only.size ? only : new Set(BENCHES), quick, fresh };
}

const check = (ok: boolean): 'yes' | 'NO' => (ok ? 'yes' : 'NO');

function scanRows(r: ScanBenchResult, extra: Row[] = []): Row[] {
  return [
    { bench: r.name, figure: `wall time (median of ${r.runs})`, value: `${fmt(r.wallMs / 1000, 2)} s`, target: '', ok: '' },
    { bench: r.name, figure: 'tables / columns', value: `${fmt(r.tables)} / ${fmt(r.columns)}`, target: '', ok: '' },
    { bench: r.name, figure: 'queries issued (statements)', value: `${fmt(r.queries)} (${fmt(r.queriesPerTable, 2)}/table)`, target: '', ok: '' },
    { bench: r.name, figure: 'peak RSS', value: mb(r.peakRssBytes), target: '', ok: '' },
    ...extra,
  ];
}

/** The figures runMigrateBench() returns (bench/migrate-bench.ts, another helper's file). */
interface MigrateFigures {
  readonly rows: number;
  readonly bareMs: number;
  readonly batchedMs: number;
  readonly ratio: number;
  readonly longestBatchMs: number;
}

/** Runs bench/migrate-bench.ts's runMigrateBench() when that file was built. */
async function migrateBench(quick: boolean, figures: Parameters<typeof writeFigures>[0], command: string): Promise<Row[]> {
  const file = fileURLToPath(new URL('./migrate-bench.js', import.meta.url));
  if (!existsSync(file)) {
    progress('migrate: bench/migrate-bench.ts is not built; skipped');
    return [{ bench: 'migrate', figure: 'skipped', value: 'bench/migrate-bench.ts absent', target: '', ok: '' }];
  }
  type Run = (rows?: number) => Promise<MigrateFigures>;
  type Section = (r: MigrateFigures, command?: string) => { command: string; data: unknown; markdown: string };
  const mod = (await import(pathToFileURL(file).href)) as { runMigrateBench?: Run; migrateFiguresSection?: Section };
  if (typeof mod.runMigrateBench !== 'function') throw new Error('bench: migrate-bench.js exports no runMigrateBench()');
  process.stdout.write('\n== migrate\n');
  const r = await mod.runMigrateBench(quick ? 100_000 : 1_000_000);
  // A full run writes the section with the others: every figure the docs quote from one run.
  if (mod.migrateFiguresSection) figures['bench.migrate'] = mod.migrateFiguresSection(r, command);
  return [
    { bench: 'migrate', figure: `mask ${fmt(r.rows)} rows: batched / bare UPDATE`, value: `${fmt(r.batchedMs / 1000, 2)} / ${fmt(r.bareMs / 1000, 2)} s`, target: '', ok: '' },
    { bench: 'migrate', figure: 'ratio batched/bare', value: fmt(r.ratio, 2), target: '≤ 3', ok: check(r.ratio <= 3) },
    { bench: 'migrate', figure: 'longest batch', value: `${fmt(r.longestBatchMs)} ms`, target: '≤ 1,000 ms', ok: check(r.longestBatchMs <= 1000) },
  ];
}

/** Runs one benchmark; a failure (a server down, a file mid-edit) becomes a row, and the others still run. */
async function guard(name: string, rows: Row[], fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    const message = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    progress(`${name} failed: ${message}`);
    rows.push({ bench: name, figure: 'FAILED', value: message.slice(0, 80), target: '', ok: 'NO' });
    process.exitCode = 1;
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const sizes = args.quick ? QUICK : FULL;
  const runs = args.quick ? { demo: 1, npx: 1, lb: 1, huge: 1, wide: 1, many: 1, sample: 3 } : { demo: 3, npx: 3, lb: 3, huge: 3, wide: 3, many: 3, sample: 7 };
  const command = `npm run bench${args.quick ? ' -- --quick' : ''}`;
  const figures: Parameters<typeof writeFigures>[0] = {};
  const scanFigures: Record<string, VsLowerBound> = {};
  const rows: Row[] = [];
  rows.push({ bench: 'sizes', figure: args.quick ? 'quick' : 'full', value: `wide ${sizes.wideTables}×12+${fmt(sizes.wideBigRows)}, many ${sizes.manyTables}×15, size ${fmt(sizes.sizeSmall)}/${fmt(sizes.sizeBig)}`, target: '', ok: '' });
  const started = performance.now();
  progress(`running ${[...args.only].join(', ')}${args.quick ? ' (quick sizes)' : ''}`);

  if (args.only.has('demo')) await guard('demo', rows, async () => {
    const r = await benchDemo(runs.demo);
    process.stdout.write(
      `\n== demo (minim scan --format json --out, median of ${r.runs})\n` +
        `  first run   ${fmt(r.first.wallMs / 1000, 2)} s (runs ${r.first.all.join(', ')} ms)  CPU ${fmt(r.first.cpuMs / 1000, 2)} s  peak RSS ${mb(r.first.peakRssBytes)}\n` +
        `  warm        ${fmt(r.warm.wallMs / 1000, 2)} s (runs ${r.warm.all.join(', ')} ms)  CPU ${fmt(r.warm.cpuMs / 1000, 2)} s  peak RSS ${mb(r.warm.peakRssBytes)}\n`,
    );
    rows.push(
      { bench: 'demo', figure: `first run wall (median of ${r.runs})`, value: `${fmt(r.first.wallMs / 1000, 2)} s`, target: '≤ 6 s', ok: check(r.first.wallMs <= 6000) },
      { bench: 'demo', figure: 'first run peak RSS', value: mb(r.first.peakRssBytes), target: '≤ 450 MB', ok: check(r.first.peakRssBytes <= 450 * 1024 * 1024) },
      { bench: 'demo', figure: `warm wall (median of ${r.runs})`, value: `${fmt(r.warm.wallMs / 1000, 2)} s`, target: '≤ 3 s', ok: check(r.warm.wallMs <= 3000) },
      { bench: 'demo', figure: 'warm peak RSS', value: mb(r.warm.peakRssBytes), target: '', ok: '' },
    );
    figures['bench.demo'] = {
      command,
      data: r,
      markdown: [
        '| demo city scan (`minim scan --format json --out`) | wall (median) | CPU | peak RSS | target |',
        '|---|---|---|---|---|',
        `| first run (city unpacked into an empty cache) | ${fmt(r.first.wallMs / 1000, 2)} s | ${fmt(r.first.cpuMs / 1000, 2)} s | ${mb(r.first.peakRssBytes)} | ≤ 6 s, ≤ 450 MB |`,
        `| warm (cached city) | ${fmt(r.warm.wallMs / 1000, 2)} s | ${fmt(r.warm.cpuMs / 1000, 2)} s | ${mb(r.warm.peakRssBytes)} | ≤ 3 s |`,
      ].join('\n'),
    };
  });

  if (args.only.has('npx')) await guard('npx', rows, async () => {
    // `npx minim scan` in the checkout, as on a fresh clone after `npm ci`: npm's resolution (and its
    // install of the checkout into an empty npx cache) counted, the demo cache empty on the first run.
    const r = await benchNpx(runs.npx);
    process.stdout.write(
      `\n== npx (npx minim scan --format json --out in the checkout, empty npx and demo caches, median of ${r.runs})\n` +
        `  first run   ${fmt(r.first.wallMs / 1000, 2)} s (runs ${r.first.all.join(', ')} ms)  peak RSS ${mb(r.first.maxProcessRssBytes)} (one process), ${mb(r.first.treeRssBytes)} (tree)\n` +
        `  second run  ${fmt(r.warm.wallMs / 1000, 2)} s (runs ${r.warm.all.join(', ')} ms)  peak RSS ${mb(r.warm.maxProcessRssBytes)} (one process), ${mb(r.warm.treeRssBytes)} (tree)\n` +
        `  npx cache entry: ${r.npxInstall}; dist/ rebuilt by npx: ${r.rebuilt ? 'yes' : 'no'}\n`,
    );
    rows.push(
      { bench: 'npx', figure: `first npx minim scan wall (median of ${r.runs})`, value: `${fmt(r.first.wallMs / 1000, 2)} s`, target: '≤ 6 s', ok: check(r.first.wallMs <= 6000) },
      { bench: 'npx', figure: 'first run peak RSS, tree (one process)', value: `${mb(r.first.treeRssBytes)} (${mb(r.first.maxProcessRssBytes)})`, target: '≤ 450 MB', ok: check(r.first.treeRssBytes <= 450 * 1024 * 1024) },
      { bench: 'npx', figure: `second npx minim scan wall (median of ${r.runs})`, value: `${fmt(r.warm.wallMs / 1000, 2)} s`, target: '', ok: '' },
      { bench: 'npx', figure: 'dist/ rebuilt by npx', value: r.rebuilt ? 'yes' : 'no', target: 'no', ok: check(!r.rebuilt) },
    );
    figures['bench.npx'] = {
      command,
      data: r,
      markdown: [
        '| `npx minim scan` in a clone after `npm ci` (`--format json --out`) | wall (median) | peak RSS, process tree (largest process) | target |',
        '|---|---|---|---|',
        `| first run (empty npx cache, empty demo cache) | ${fmt(r.first.wallMs / 1000, 2)} s | ${mb(r.first.treeRssBytes)} (${mb(r.first.maxProcessRssBytes)}) | ≤ 6 s, ≤ 450 MB |`,
        `| second run | ${fmt(r.warm.wallMs / 1000, 2)} s | ${mb(r.warm.treeRssBytes)} (${mb(r.warm.maxProcessRssBytes)}) | |`,
      ].join('\n'),
    };
  });

  const lowerBound = async (key: string, engine: 'postgres' | 'mariadb', url: string, runCount: number, rssTarget: number) => {
    // The bench marker is no table of the comparison: MariaDB keeps it beside the tables.
    const exclude = engine === 'postgres' ? META_EXCLUDE : ['minim_bench_marker'];
    const r = await benchVsLowerBound(key, engine, url, { sources: [{ name: key, url }], exclude }, runCount);
    printVsLowerBound(r);
    scanFigures[key] = r;
    rows.push(
      { bench: key, figure: `tables × columns`, value: `${fmt(r.tables)} / ${fmt(r.columns)}`, target: '', ok: '' },
      { bench: key, figure: `bare ${engine === 'postgres' ? 'pg' : 'mysql2'} / minim wall`, value: `${fmt(r.bare.wallMs / 1000, 2)} / ${fmt(r.minim.wallMs / 1000, 2)} s`, target: '', ok: '' },
      { bench: key, figure: 'ratio minim / lower bound', value: fmt(r.ratio, 2), target: '≤ 1.3', ok: check(r.ratio <= 1.3) },
      ...(r.bareJoined && r.ratioJoined !== undefined
        ? [{ bench: key, figure: 'bare pg reading joined columns; minim / it', value: `${fmt(r.bareJoined.wallMs / 1000, 2)} s; ${fmt(r.ratioJoined, 2)}`, target: '', ok: '' as const }]
        : []),
      { bench: key, figure: 'CPU bare / minim', value: `${fmt(r.bare.cpuMs / 1000, 2)} / ${fmt(r.minim.cpuMs / 1000, 2)} s`, target: '', ok: '' },
      { bench: key, figure: 'statements per table bare / minim', value: `${fmt(r.bare.statementsPerTable, 2)} / ${fmt(r.minim.statementsPerTable, 2)}`, target: '', ok: '' },
      { bench: key, figure: 'peak RSS minim (bare)', value: `${mb(r.minim.peakRssBytes)} (${mb(r.bare.peakRssBytes)})`, target: `≤ ${rssTarget} MB`, ok: check(r.minim.peakRssBytes <= rssTarget * 1024 * 1024) },
    );
  };
  if (args.only.has('pg-lb')) await guard('pg-lb', rows, async () => lowerBound('pg-lb', 'postgres', await ensureLowerBoundPg(sizes, args.fresh), runs.lb, 250));
  if (args.only.has('mysql-lb')) await guard('mysql-lb', rows, async () => lowerBound('mysql-lb', 'mariadb', await ensureLowerBoundMysql(sizes, args.fresh), runs.lb, 250));
  if (args.only.has('pg-10k')) await guard('pg-10k', rows, async () => lowerBound('pg-10k', 'postgres', await ensureHugePg(sizes, args.fresh), runs.huge, 300));
  if (Object.keys(scanFigures).length > 0) {
    // Merge with the comparisons an earlier run measured (a partial --only run keeps the others).
    const before = (readFigures().sections['bench.scan']?.data ?? {}) as Record<string, VsLowerBound>;
    const all = { ...before, ...scanFigures };
    const label: Record<string, string> = { 'pg-lb': 'PostgreSQL', 'mysql-lb': 'MariaDB', 'pg-10k': 'PostgreSQL' };
    figures['bench.scan'] = {
      command,
      data: all,
      markdown: [
        '| engine, tables × columns | bare driver (lower bound) | minim | minim / lower bound | bare driver reading joined columns as minim does; minim / it | CPU bare / minim (client) | machine CPU bare / minim (every process, the database included) | statements per table bare / minim | peak RSS minim |',
        '|---|---|---|---|---|---|---|---|---|',
        ...['pg-lb', 'mysql-lb', 'pg-10k'].filter((k) => all[k]).map((k) => {
          const r = all[k]!;
          const joined = r.bareJoined && r.ratioJoined !== undefined ? `${fmt(r.bareJoined.wallMs / 1000, 2)} s; ${fmt(r.ratioJoined, 2)}` : '–';
          return `| ${label[k]}, ${fmt(r.tables)} × ${fmt(Math.round(r.columns / Math.max(1, r.tables)))} | ${fmt(r.bare.wallMs / 1000, 2)} s | ${fmt(r.minim.wallMs / 1000, 2)} s | ${fmt(r.ratio, 2)} | ${joined} | ${fmt(r.bare.cpuMs / 1000, 1)} / ${fmt(r.minim.cpuMs / 1000, 1)} s | ${machine(r)} | ${fmt(r.bare.statementsPerTable, 2)} / ${fmt(r.minim.statementsPerTable, 2)} | ${mb(r.minim.peakRssBytes)} |`;
        }),
        '',
        ...budgetNote(all),
        `Samples of 1,000 rows at concurrency 4; the lower bound is a bare \`pg\` / \`mysql2\` client issuing one sampling statement per table and nothing else, one field per value. minim's PostgreSQL statement returns each column as one joined text (\`string_agg\`), which the driver decodes far more cheaply; the bare client reading that way, beside it, is what minim's own work is measured against there. Medians of ${Object.values(all)[0]?.runs ?? 3} runs, the ratio from the same run. Targets: ≤ 1.3 and ≤ 250 MB at 2,000 tables, ≤ 300 MB at 10,000.`,
      ].join('\n'),
    };
  }

  if (args.only.has('pg-wide')) await guard('pg-wide', rows, async () => {
    const url = await ensureWide(sizes, args.fresh);
    const [r, act] = await pgActivityDuring(url, () =>
      benchScan('pg-wide', { sources: [{ name: 'wide', url }], exclude: META_EXCLUDE }, runs.wide),
    );
    printScan(r);
    const txPerTable = act.transactions / runs.wide / Math.max(1, r.tables);
    process.stdout.write(`  server: ${fmt(txPerTable, 2)} transactions per table, ${fmt(act.rowsWritten)} rows written\n`);
    rows.push(
      ...scanRows(r, [
        { bench: r.name, figure: 'server transactions per table', value: fmt(txPerTable, 2), target: '', ok: '' },
        { bench: r.name, figure: 'rows written on the server', value: fmt(act.rowsWritten), target: '0', ok: check(act.rowsWritten === 0) },
      ]),
    );
  });

  if (args.only.has('pg-many')) await guard('pg-many', rows, async () => {
    const url = await ensureMany(sizes, args.fresh);
    const [r, act] = await pgActivityDuring(url, () =>
      benchScan('pg-many', { sources: [{ name: 'many', url }], exclude: META_EXCLUDE, sampleRows: 1000 }, runs.many),
    );
    printScan(r);
    const txPerTable = act.transactions / runs.many / Math.max(1, r.tables);
    process.stdout.write(`  server: ${fmt(txPerTable, 2)} transactions (round trips with a sample) per table, ${fmt(act.rowsWritten)} rows written\n`);
    rows.push(
      { bench: r.name, figure: `wall time (median of ${r.runs})`, value: `${fmt(r.wallMs / 1000, 2)} s`, target: '≤ 30 s', ok: check(r.wallMs <= 30_000) },
      { bench: r.name, figure: 'tables / columns', value: `${fmt(r.tables)} / ${fmt(r.columns)}`, target: '', ok: '' },
      { bench: r.name, figure: 'statements issued', value: `${fmt(r.queries)} (${fmt(r.queriesPerTable, 2)}/table)`, target: '', ok: '' },
      { bench: r.name, figure: 'server transactions per table', value: fmt(txPerTable, 2), target: '≤ 1 sample query', ok: check(txPerTable <= 1.05) },
      { bench: r.name, figure: 'values classified per second', value: fmt(r.valuesPerSecond), target: '', ok: '' },
      { bench: r.name, figure: 'peak RSS', value: mb(r.peakRssBytes), target: '≤ 300 MB', ok: check(r.peakRssBytes <= 300 * 1024 * 1024) },
    );
  });

  if (args.only.has('sample-size')) await guard('sample-size', rows, async () => {
    const pgUrl = await ensurePgSize(sizes, args.fresh);
    const myUrl = await ensureMysqlSize(sizes, args.fresh);
    const results = [await benchSampleSize('postgres', pgUrl, runs.sample), await benchSampleSize('mariadb', myUrl, runs.sample)];
    printSampleSize(results);
    figures['bench.sample-size'] = {
      command,
      data: results,
      markdown: [
        `| engine | sample of ${fmt(results[0]!.smallRows)} rows | of ${fmt(results[0]!.bigRows)} rows | ratio warm | ratio cold | distinct pages in the big sample |`,
        '|---|---|---|---|---|---|',
        ...results.map((r) => `| ${r.engine} | ${fmt(r.warm.smallMs, 1)} ms | ${fmt(r.warm.bigMs, 1)} ms | ${fmt(r.warm.bigMs / r.warm.smallMs, 2)} | ${fmt(r.ratio, 2)} | ${fmt(r.distinctPages)} |`),
        '',
        'Warm: the same seeded sample repeated, its pages in memory; cold: fresh random pages of the big table, read from disk. Target: ratio ≤ 1.5 warm.',
      ].join('\n'),
    };
    for (const r of results) {
      rows.push(
        { bench: `sample-size ${r.engine}`, figure: `${fmt(r.smallRows)} vs ${fmt(r.bigRows)} rows`, value: `${fmt(r.smallMs, 1)} / ${fmt(r.bigMs, 1)} ms`, target: '', ok: '' },
        { bench: `sample-size ${r.engine}`, figure: 'ratio big/small (cold pages)', value: fmt(r.ratio, 2), target: '≤ 2', ok: check(r.ratio <= 2) },
        { bench: `sample-size ${r.engine}`, figure: 'ratio big/small (warm pages)', value: fmt(r.warm.bigMs / r.warm.smallMs, 2), target: '≤ 1.5', ok: check(r.warm.bigMs / r.warm.smallMs <= 1.5) },
        { bench: `sample-size ${r.engine}`, figure: 'distinct pages in big sample', value: fmt(r.distinctPages), target: '≥ 100', ok: check(r.distinctPages >= 100) },
      );
    }
  });

  if (args.only.has('detectors')) await guard('detectors', rows, async () => {
    const results = await benchDetectorsInChild(args.quick);
    printDetectors(results);
    figures['bench.detectors'] = {
      command,
      data: results,
      markdown: [
        '| values (one core, full rule set) | minim values/s | target | openredaction values/s | minim / openredaction |',
        '|---|---|---|---|---|',
        ...results.map((r) => `| ${r.set} | ${fmt(r.minimPerSecond)} | ≥ ${fmt(r.target)} | ${r.openredactionValues > 0 ? fmt(r.openredactionPerSecond) : '–'} | ${r.openredactionValues > 0 ? `${fmt(r.ratio)}×` : '–'} |`),
      ].join('\n'),
    };
    for (const r of results) {
      rows.push({ bench: 'detectors', figure: `${r.set}/s/core`, value: fmt(r.minimPerSecond), target: `≥ ${fmt(r.target)}`, ok: check(r.minimPerSecond >= r.target) });
      if (r.openredactionValues > 0) {
        rows.push(
          { bench: 'detectors', figure: `openredaction ${r.set}/s`, value: fmt(r.openredactionPerSecond), target: '', ok: '' },
          { bench: 'detectors', figure: `ratio minim/openredaction (${r.set})`, value: `${fmt(r.ratio)}×`, target: '≥ 100×', ok: check(r.ratio >= 100) },
        );
      }
    }
  });

  if (args.only.has('migrate')) await guard('migrate', rows, async () => rows.push(...(await migrateBench(args.quick, figures, command))));

  if (args.only.has('ndjson')) await guard('ndjson', rows, async () => {
    for (const r of await benchNdjsonRead(args.quick)) {
      const target = r.targetMs === null ? '' : `< ${fmt(r.targetMs / 1000)} s`;
      rows.push({ bench: 'ndjson', figure: `read ${fmt(r.tables)} tables (${mb(r.bytes)})`, value: `${fmt(r.ms / 1000, 2)} s`, target, ok: r.targetMs === null ? '' : check(r.ms < r.targetMs) });
    }
  });

  if (Object.keys(figures).length > 0) {
    if (args.quick) progress('quick sizes: docs/figures.json left as it was (figures are written by full runs only)');
    else {
      writeFigures(figures);
      progress(`wrote ${Object.keys(figures).join(', ')} to docs/figures.json and re-rendered the docs`);
    }
  }

  const table = new Table({ head: ['benchmark', 'figure', 'value', 'target', 'met'], style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const r of rows) table.push([r.bench, r.figure, r.value, r.target, r.ok]);
  process.stdout.write(`\n${table.toString()}\n`);
  process.stdout.write(`${new Date().toISOString().slice(0, 10)}, ${(await import('node:os')).cpus().length} cores, Node ${process.version}; total ${fmt(since(started) / 1000)} s\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`);
  process.exitCode = 2;
});

/** The machine-wide CPU cell of a comparison (an older run without it: a dash). */
function machine(r: VsLowerBound): string {
  if (r.bare.machineCpuMs === undefined || r.minim.machineCpuMs === undefined) return '–';
  return `${fmt(r.bare.machineCpuMs / 1000, 1)} / ${fmt(r.minim.machineCpuMs / 1000, 1)} s (${fmt(r.bare.machineCpuMs / r.bare.wallMs, 2)} / ${fmt(r.minim.machineCpuMs / r.minim.wallMs, 2)} cores busy of ${r.cores})`;
}

/**
 * What the ≤ 1.3 target leaves minim, from the same figures: the lower bound's machine-wide CPU
 * against the machine's capacity over 1.3 × its wall, beside what minim spent beyond the bare client.
 */
function budgetNote(all: Record<string, VsLowerBound>): string[] {
  const rows: string[] = [];
  const s = (ms: number) => `${fmt(ms / 1000, 1)} s`;
  for (const k of ['pg-lb', 'mysql-lb', 'pg-10k']) {
    const r = all[k];
    const budget = r ? cpuBudgetMs(r) : null;
    const floor = r ? coreFloorRatio(r) : null;
    if (!r || budget === null || floor === null || r.minim.machineCpuMs === undefined || r.bare.machineCpuMs === undefined) continue;
    const beyond = r.minim.machineCpuMs - r.bare.machineCpuMs;
    const client = r.minim.cpuMs - r.bare.cpuMs;
    const classify = r.minim.classifyMs === undefined ? '–' : s(r.minim.classifyMs);
    rows.push(`| ${k} | ${s(Math.max(0, budget))} | ${s(beyond)} (client ${s(client)}, the rest of the machine ${s(beyond - client)}) | ${classify} | ${fmt(r.minim.cpuMs / r.minim.wallMs, 2)} | ${fmt(floor, 2)} |`);
  }
  if (rows.length === 0) return [];
  return [
    "The lower bound alone keeps most of the machine busy (client and database share the cores), so the target leaves minim's own work little room even spread over every core:",
    '',
    "| bench | CPU left for minim at 1.3× (every core busy) | minim's CPU beyond the lower bound (machine-wide) | time minim spent classifying | cores minim's process kept busy (CPU / wall) | ratio if every core were busy throughout |",
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ];
}
