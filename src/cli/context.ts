import { MinimError, toMinimError } from '../errors.js';
import { createLogger, scrub, type Logger, type LogLevel } from '../util/log.js';

/** What a command needs from the process; tests hand in their own streams. */
export interface CliContext {
  readonly stdout: { write(chunk: string): unknown; isTTY?: boolean };
  readonly stderr: { write(chunk: string): unknown; isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Interactive input (minim review, passphrase prompts); process.stdin when absent. */
  readonly stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  logger(level?: LogLevel): Logger;
  /** Set by the entry point from the command's result. */
  exitCode: number;
}

export function processContext(): CliContext {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    logger: (level = 'info') => createLogger(level, (l) => process.stderr.write(l)),
    exitCode: 0,
  };
}

/** The one-line message printed for an error: `minim: CODE: message`. Secrets scrubbed. */
export function errorLine(e: unknown): string {
  const err = toMinimError(e);
  const msg = err.message.split('\n')[0] ?? '';
  return scrub(`minim: ${err.code}: ${msg}`);
}

/**
 * Wraps a command's action: the action returns its exit code; any error becomes one line on
 * stderr and exit code 2. Only the entry point calls process.exit.
 */
export function action<A extends unknown[]>(ctx: CliContext, fn: (...args: A) => Promise<number>) {
  return async (...args: A): Promise<void> => {
    try {
      ctx.exitCode = await fn(...args);
    } catch (e) {
      ctx.stderr.write(errorLine(e) + '\n');
      if (ctx.env['MINIM_DEBUG'] && e instanceof Error && !(e instanceof MinimError)) {
        ctx.stderr.write(scrub(e.stack ?? '') + '\n');
      }
      ctx.exitCode = 2;
    }
  };
}
