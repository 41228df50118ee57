/** Runs the CLI in-process with captured streams, as the entry point would (CI=true: no progress bar). */
import type { CliContext } from '../../src/cli/context.js';
import { runCli } from '../../src/cli/program.js';
import { silentLogger } from '../../src/util/log.js';

export interface CapturedContext {
  readonly ctx: CliContext;
  out(): string;
  err(): string;
}

/** A context whose stdout and stderr are captured in memory. */
export function capturedContext(env: NodeJS.ProcessEnv = {}): CapturedContext {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CliContext = {
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s) },
    env: { ...process.env, CI: 'true', ...env },
    cwd: process.cwd(),
    logger: () => silentLogger,
    exitCode: 0,
  };
  return { ctx, out: () => out.join(''), err: () => err.join('') };
}

/** `minim ARGV…` in-process: the exit code and what it wrote. */
export async function runCaptured(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const c = capturedContext(env);
  const code = await runCli(argv, c.ctx);
  return { code, stdout: c.out(), stderr: c.err() };
}
