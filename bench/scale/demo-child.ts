/**
 * The demo bench: `minim scan --format json --out FILE` on the embedded demo city, as a new user
 * runs it, in a process of its own. First run: an empty cache directory (the city is unpacked or
 * built); warm: the same directory again. Wall time counts from the process start (module loading
 * included), so it is what the user waits for, bar Node's own start.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, mb, median, progress } from './progress.js';

export interface DemoRunFigures {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly maxRssBytes: number;
  readonly exitCode: number;
}

export interface DemoBenchResult {
  readonly runs: number;
  readonly first: { readonly wallMs: number; readonly cpuMs: number; readonly peakRssBytes: number; readonly all: readonly number[] };
  readonly warm: { readonly wallMs: number; readonly cpuMs: number; readonly peakRssBytes: number; readonly all: readonly number[] };
}

function demoInChild(cacheDir: string, out: string): Promise<DemoRunFigures> {
  const entry = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [entry, cacheDir, out], { maxBuffer: 1 << 20, env: { ...process.env, MINIM_BENCH_CHILD: '1' } }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`demo child failed: ${String(stderr).split('\n').slice(-5).join(' ')}`));
      try {
        resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '') as DemoRunFigures);
      } catch {
        reject(new Error('demo child printed no figures'));
      }
    });
  });
}

/** `runs` pairs of (first run in an empty cache, warm run in the same cache). */
export async function benchDemo(runs: number): Promise<DemoBenchResult> {
  const first: DemoRunFigures[] = [];
  const warm: DemoRunFigures[] = [];
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'minim-bench-demo-'));
    try {
      const a = await demoInChild(join(dir, 'cache'), join(dir, 'scan.json'));
      const b = await demoInChild(join(dir, 'cache'), join(dir, 'scan.json'));
      if (a.exitCode > 1 || b.exitCode > 1) throw new Error(`demo scan exited ${a.exitCode}/${b.exitCode}`);
      progress(`demo: run ${i + 1}/${runs}: first ${fmt(a.wallMs)} ms ${mb(a.maxRssBytes)}, warm ${fmt(b.wallMs)} ms ${mb(b.maxRssBytes)}`);
      first.push(a);
      warm.push(b);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const sum = (xs: DemoRunFigures[]) => ({
    wallMs: median(xs.map((x) => x.wallMs)),
    cpuMs: median(xs.map((x) => x.cpuMs)),
    peakRssBytes: Math.max(...xs.map((x) => x.maxRssBytes)),
    all: xs.map((x) => Math.round(x.wallMs)),
  });
  return { runs, first: sum(first), warm: sum(warm) };
}

async function main(): Promise<void> {
  const [cacheDir, out] = process.argv.slice(2) as [string, string];
  const { runCli } = await import('../../src/cli/program.js');
  const { silentLogger } = await import('../../src/util/log.js');
  const sink = { write: () => true };
  const code = await runCli(['scan', '--format', 'json', '--out', out, '--quiet'], {
    stdout: sink,
    stderr: sink,
    env: { ...process.env, CI: 'true', MINIM_CACHE_DIR: cacheDir },
    cwd: process.cwd(),
    logger: () => silentLogger,
    exitCode: 0,
  });
  const cpu = process.cpuUsage();
  const figures: DemoRunFigures = {
    wallMs: performance.now(),
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    exitCode: code,
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

if (process.env.MINIM_BENCH_CHILD === '1' && process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((e: unknown) => {
    process.stderr.write(`bench demo child: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`);
    process.exit(2);
  });
}
