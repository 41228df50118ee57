/**
 * The demo bench: `minim scan --format json --out FILE` on the embedded demo city, as a new user
 * runs it, in a process of its own. First run: an empty cache directory (the city is unpacked or
 * built); warm: the same directory again. Wall time counts from the process start (module loading
 * included), so it is what the user waits for, bar Node's own start.
 */
import { execFile, spawn } from 'node:child_process';
import { lstatSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../../src/util/paths.js';
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

/** One `npx minim scan` from the checkout, timed from outside (npm's own start and resolution included). */
export interface NpxRunFigures {
  readonly wallMs: number;
  /** The largest peak RSS of any one process of the tree (npm, the shell, the scan): VmHWM. */
  readonly maxProcessRssBytes: number;
  /** The largest sum of the tree's RSS seen at one moment (sampled every 20 ms). */
  readonly treeRssBytes: number;
  readonly exitCode: number;
}

export interface NpxBenchResult {
  readonly runs: number;
  readonly first: { readonly wallMs: number; readonly maxProcessRssBytes: number; readonly treeRssBytes: number; readonly all: readonly number[] };
  readonly warm: { readonly wallMs: number; readonly maxProcessRssBytes: number; readonly treeRssBytes: number; readonly all: readonly number[] };
  /** How npx ran the checkout's bin on the first run: a link to the checkout in its cache, or no install at all. */
  readonly npxInstall: 'link' | 'none' | 'copy';
  /** Whether any npx run rebuilt dist/ (the linked package's prepare script running the build). */
  readonly rebuilt: boolean;
}

const procStatus = (pid: number, key: string): number => {
  try {
    const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
};

/** The pid and its descendants, through /proc/<pid>/task/<tid>/children (Linux). */
function processTree(pid: number, out: number[] = []): number[] {
  out.push(pid);
  let tids: string[] = [];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tids) {
    let children = '';
    try {
      children = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8');
    } catch {
      continue;
    }
    for (const c of children.split(' ').filter(Boolean)) processTree(Number(c), out);
  }
  return out;
}

/** Runs `npx minim scan --format json --out FILE` in the checkout with its own npm cache and demo cache. */
function npxScan(root: string, npmCache: string, demoCache: string, out: string): Promise<NpxRunFigures> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('npx', ['minim', 'scan', '--format', 'json', '--out', out, '--quiet'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
      // offline: the run may not reach a registry, so any install it does is from the checkout alone.
      env: { ...process.env, CI: 'true', MINIM_CACHE_DIR: demoCache, npm_config_cache: npmCache, npm_config_offline: 'true', npm_config_update_notifier: 'false' },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
    const hwm = new Map<number, number>();
    let treeRssBytes = 0;
    const sample = () => {
      if (child.pid === undefined) return;
      let sum = 0;
      for (const pid of processTree(child.pid)) {
        sum += procStatus(pid, 'VmRSS');
        hwm.set(pid, Math.max(hwm.get(pid) ?? 0, procStatus(pid, 'VmHWM')));
      }
      treeRssBytes = Math.max(treeRssBytes, sum);
    };
    const timer = setInterval(sample, 20);
    child.on('error', (e) => {
      clearInterval(timer);
      reject(e);
    });
    child.on('exit', (code) => {
      clearInterval(timer);
      const wallMs = performance.now() - started;
      if (code !== 0 && code !== 1) return reject(new Error(`npx minim scan exited ${code}: ${stderr.split('\n').slice(-5).join(' ')}`));
      resolve({ wallMs, maxProcessRssBytes: Math.max(0, ...hwm.values()), treeRssBytes, exitCode: code ?? -1 });
    });
  });
}

const mtime = (path: string): number => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return NaN;
  }
};

/**
 * `runs` pairs of `npx minim scan` from the checkout, as on a fresh clone after `npm ci`: the first
 * run with an empty npx cache and an empty demo cache, the second with both as the first left them.
 */
export async function benchNpx(runs: number, root: string = packageRoot()): Promise<NpxBenchResult> {
  const first: NpxRunFigures[] = [];
  const warm: NpxRunFigures[] = [];
  const built = [join(root, 'dist', 'src', 'cli', 'main.js'), join(root, 'dist', '.build-inputs.json')];
  const before = built.map(mtime);
  let npxInstall: NpxBenchResult['npxInstall'] = 'none';
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'minim-bench-npx-'));
    try {
      const [npmCache, demoCache, out] = [join(dir, 'npm'), join(dir, 'cache'), join(dir, 'scan.json')];
      const a = await npxScan(root, npmCache, demoCache, out);
      const b = await npxScan(root, npmCache, demoCache, out);
      try {
        for (const hash of readdirSync(join(npmCache, '_npx'))) {
          const link = join(npmCache, '_npx', hash, 'node_modules', 'minim');
          npxInstall = lstatSync(link).isSymbolicLink() ? 'link' : 'copy';
        }
      } catch {
        // no _npx folder: npx ran the bin without installing anything
      }
      progress(`npx: run ${i + 1}/${runs}: first ${fmt(a.wallMs)} ms ${mb(a.treeRssBytes)} tree, warm ${fmt(b.wallMs)} ms ${mb(b.treeRssBytes)} tree`);
      first.push(a);
      warm.push(b);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const sum = (xs: NpxRunFigures[]) => ({
    wallMs: median(xs.map((x) => x.wallMs)),
    maxProcessRssBytes: Math.max(...xs.map((x) => x.maxProcessRssBytes)),
    treeRssBytes: Math.max(...xs.map((x) => x.treeRssBytes)),
    all: xs.map((x) => Math.round(x.wallMs)),
  });
  const rebuilt = built.map(mtime).some((t, i) => t !== before[i]);
  return { runs, first: sum(first), warm: sum(warm), npxInstall, rebuilt };
}

async function main(): Promise<void> {
  const [cacheDir, out] = process.argv.slice(2) as [string, string];
  // The CLI's entry point sets these before anything runs; the demo is measured as the CLI runs it.
  const { applyCliV8Flags } = await import('../../src/cli/v8-flags.js');
  applyCliV8Flags();
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
