/** Runs `minim scan --format json` through the built CLI and turns its columns into predictions. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadedCorpus } from './load.js';
import { columnKey } from './sample.js';

/**
 * The built CLI entry: relative to this compiled file (dist/bench/eval/minim.js), or, when this
 * module runs from source (the CI gate test under vitest), the repository's dist/ build.
 */
const BESIDE = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
export const CLI_PATH = existsSync(BESIDE) ? BESIDE : fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));

interface ScanJson {
  columns: Array<{ schema: string; table: string; column: string; findings: Array<{ category: string }> }>;
  errors?: Array<{ table?: string; code: string; message: string }>;
}

export interface MinimRun {
  predicted: Map<string, Set<string>>;
  /** Scan errors, as `table: CODE` (messages carry no values by contract, but are not echoed). */
  errors: string[];
  /** Columns in the scan output that are not the corpus's (other schemas), ignored. */
  foreignColumns: number;
  wallMs: number;
}

/** True when the scan command has been built. */
export function minimAvailable(): boolean {
  return existsSync(CLI_PATH) && existsSync(join(dirname(CLI_PATH), 'commands', 'scan.js'));
}

function runCli(args: string[], timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_PATH, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/** Scans every URL of the loaded corpus (one CLI run per URL) and collects the reported categories. */
export async function runMinim(loaded: LoadedCorpus, extraArgs: readonly string[] = [], timeoutMs = 600_000): Promise<MinimRun> {
  const predicted = new Map<string, Set<string>>();
  const errors: string[] = [];
  let foreign = 0;
  const t0 = performance.now();
  for (const url of loaded.scanUrls) {
    const { code, stdout, stderr } = await runCli(['scan', url, '--format', 'json', ...extraArgs], timeoutMs);
    if (code !== 0 && code !== 1) {
      const last = stderr.trim().split('\n').pop() ?? '';
      throw new Error(`minim scan exited ${code} on ${loaded.dialect}: ${last}`);
    }
    let json: ScanJson;
    try {
      json = JSON.parse(stdout) as ScanJson;
    } catch {
      throw new Error(`minim scan on ${loaded.dialect} did not print JSON on stdout (${stdout.length} bytes)`);
    }
    for (const c of json.columns) {
      const dept = loaded.departmentOf(c.schema);
      if (!dept) {
        foreign++;
        continue;
      }
      predicted.set(columnKey(dept, c.table, c.column), new Set(c.findings.map((f) => f.category)));
    }
    for (const e of json.errors ?? []) errors.push(`${e.table ?? '?'}: ${e.code}`);
  }
  return { predicted, errors, foreignColumns: foreign, wallMs: performance.now() - t0 };
}
