/**
 * Child-process entry: runs one `minim scan … --format json --out FILE` as the CLI runs it (its V8
 * flags, its argument parsing, the JSON written to a file) and prints one JSON line of figures
 * (never a value): wall time of the command, its stats read back from the file it wrote, and this
 * process's peak RSS — so each measured scan has a process of its own and its memory is not mixed
 * with the bench's.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyCliV8Flags } from '../../src/cli/v8-flags.js';
import type { ScanOptions } from '../../src/scan/index.js';
import type { ScanResult } from '../../src/types.js';
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
  /** CPU time of the command, every thread of the process (user + system). */
  readonly cpuMs: number;
  /** Peak resident set of the child process (getrusage maxrss). */
  readonly maxRssBytes: number;
  /** What the scan counted of its own time spent classifying (stats.classifyMs). */
  readonly classifyMs?: number;
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

/** The `minim scan` arguments that do what `options` asks (the sources by URL). */
export function scanArgs(options: ChildScanOptions, out: string): string[] {
  const args = ['scan', ...(options.sources ?? []).map((s) => s.url), '--format', 'json', '--out', out, '--quiet'];
  if (options.sampleRows !== undefined) args.push('--sample-rows', String(options.sampleRows));
  if (options.concurrency !== undefined) args.push('--concurrency', String(options.concurrency));
  if (options.classifyThreads !== undefined) args.push('--classify-threads', String(options.classifyThreads));
  if (options.include?.length) args.push('--include', options.include.join(','));
  if (options.exclude?.length) args.push('--exclude', options.exclude.join(','));
  return args;
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as ChildScanOptions;
  // The CLI's entry point (main.ts) sets these before anything runs: the scan is measured as it runs.
  applyCliV8Flags();
  const { runCli } = await import('../../src/cli/program.js');
  const { silentLogger } = await import('../../src/util/log.js');
  const dir = mkdtempSync(join(tmpdir(), 'minim-bench-scan-'));
  const out = join(dir, 'scan.json');
  const sink = { write: () => true };
  try {
    const wire = countRoundTrips();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const code = await runCli(scanArgs(options, out), {
      stdout: sink,
      stderr: sink,
      env: { ...process.env, CI: 'true', ...(options.demoCacheDir ? { MINIM_CACHE_DIR: options.demoCacheDir } : {}) },
      cwd: process.cwd(),
      logger: () => silentLogger,
      exitCode: 0,
    });
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    wire.stop();
    // Read before the file is: its parse is no part of the scan.
    const maxRssBytes = process.resourceUsage().maxRSS * 1024;
    if (code === 2) throw new Error('minim scan exited 2 (a source could not be read)');
    const result = JSON.parse(readFileSync(out, 'utf8')) as ScanResult;
    const stats = result.stats ?? { tables: 0, columns: result.columns.length, queries: 0, valuesClassified: 0, classifyMs: undefined };
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
      maxRssBytes,
      ...(stats.classifyMs === undefined ? {} : { classifyMs: stats.classifyMs }),
    };
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.env.MINIM_BENCH_CHILD === '1' && process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((e: unknown) => {
    process.stderr.write(`bench scan child: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`);
    process.exit(2);
  });
}
