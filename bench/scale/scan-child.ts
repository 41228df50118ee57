/**
 * Child-process entry: runs one library `scan()` and prints one JSON line of figures (never a
 * value): wall time of the scan call, its stats, and this process's peak RSS — so each measured
 * scan has a process of its own and its memory is not mixed with the bench's.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { applyCliV8Flags } from '../../src/cli/v8-flags.js';
import { scan } from '../../src/scan/index.js';
import type { ScanOptions } from '../../src/scan/index.js';
import { countRoundTrips } from './wire-count.js';

/** What the child reports. */
export interface ScanFigures {
  readonly wallMs: number;
  readonly tables: number;
  readonly columns: number;
  readonly queries: number;
  /** Requests sent to the server (wire-count.ts): what `queries` costs in round trips. */
  readonly roundTrips: number;
  readonly valuesClassified: number;
  readonly errors: number;
  readonly findings: number;
  /** CPU time of the scan call, every thread of the process (user + system). */
  readonly cpuMs: number;
  /** Peak resident set of the child process (getrusage maxrss). */
  readonly maxRssBytes: number;
}

/** The serialisable part of ScanOptions the child accepts. */
export type ChildScanOptions = Pick<ScanOptions, 'sources' | 'exclude' | 'include' | 'sampleRows' | 'concurrency' | 'classifyThreads' | 'demoCacheDir'>;

/** Runs one scan in a fresh Node process and returns its figures. */
export function scanInChild(options: ChildScanOptions): Promise<ScanFigures> {
  const entry = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [entry, JSON.stringify(options)],
      { maxBuffer: 1 << 20, env: { ...process.env, MINIM_BENCH_CHILD: '1' } },
      (err, stdout, stderr) => {
        if (err) return reject(new Error(`bench scan child failed: ${String(stderr).split('\n').slice(-5).join(' ')}`));
        const line = stdout.trim().split('\n').pop() ?? '';
        try {
          resolve(JSON.parse(line) as ScanFigures);
        } catch {
          reject(new Error('bench scan child printed no figures'));
        }
      },
    );
  });
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as ChildScanOptions;
  // The measured row is `minim scan`: its process runs with the CLI's V8 flags (main.ts sets them),
  // not V8's defaults, whose heap grows further before collecting (v8-flags.ts).
  applyCliV8Flags();
  const wire = countRoundTrips();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await scan(options);
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  wire.stop();
  const stats = result.stats ?? { tables: 0, columns: result.columns.length, queries: 0, valuesClassified: 0 };
  const figures: ScanFigures = {
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    tables: stats.tables,
    columns: stats.columns,
    queries: stats.queries,
    roundTrips: wire.roundTrips,
    valuesClassified: stats.valuesClassified,
    errors: result.errors.length,
    findings: result.columns.reduce((n, c) => n + c.findings.length, 0),
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

if (process.env.MINIM_BENCH_CHILD === '1' && process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((e: unknown) => {
    process.stderr.write(`bench scan child: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`);
    process.exit(2);
  });
}
