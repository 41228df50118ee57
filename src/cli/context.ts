import { isDriverError, MinimError, toMinimError } from '../errors.js';
import { createLogger, scrub, type Logger, type LogLevel } from '../util/log.js';
import { guardedSink, safeText } from '../util/text.js';

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

/**
 * The process's streams behind the output boundary: stderr (progress, logs, summaries, errors) always
 * has its control characters escaped; stdout too when it is a terminal. Piped stdout carries data
 * (JSON, SQL, CSV) as it is: JSON escapes control characters itself, and SQL must keep names exact.
 */
export function processContext(): CliContext {
  return {
    stdout: process.stdout.isTTY ? guardedSink(process.stdout) : process.stdout,
    stderr: guardedSink(process.stderr),
    env: process.env,
    cwd: process.cwd(),
    logger: (level = 'info') => createLogger(level, (l) => process.stderr.write(l)), // createLogger escapes each line
    exitCode: 0,
  };
}

/** The one-line message printed for an error: `minim: CODE: message`. Secrets scrubbed, control characters escaped. */
export function errorLine(e: unknown): string {
  const err = toMinimError(e);
  return safeText(scrub(`minim: ${err.code}: ${err.message.replace(/\n+$/, '')}`));
}

/** A stack trace for MINIM_DEBUG: the frames, under a message masked like every other error text. */
export function debugStack(e: Error): string {
  const frames = (e.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l));
  const head = `${e.name}: ${isDriverError(e) ? toMinimError(e).message : e.message}`;
  return [head, ...frames].map((l) => safeText(scrub(l))).join('\n');
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
        ctx.stderr.write(debugStack(e) + '\n');
      }
      ctx.exitCode = 2;
    }
  };
}
