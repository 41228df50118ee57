import { isDriverError, MinimError, toMinimError } from '../errors.js';
import { createLogger, scrub, type Logger, type LogLevel } from '../util/log.js';
import { guardedSink, safeText } from '../util/text.js';
import { writeFileAtomic, writePiecesAtomic } from '../util/atomic.js';

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

/** Data a command produced: for stdout, or for `file` (written atomically) when given. */
export interface CommandOutput {
  readonly text: string | Iterable<string>;
  readonly file?: string;
}

/** What a command's action returns: its exit code, its data, and a summary for stderr after the data. */
export interface CommandResult {
  readonly code: number;
  readonly output?: CommandOutput | readonly CommandOutput[];
  readonly summary?: string;
}

/** Stdout writes of a document in pieces are gathered up to this size. */
const CHUNK = 1 << 16;

/** Writes a command's output and summary: the one place command data leaves the process. */
async function deliver(ctx: CliContext, result: CommandResult): Promise<void> {
  const outputs = result.output === undefined ? [] : Array.isArray(result.output) ? (result.output as readonly CommandOutput[]) : [result.output as CommandOutput];
  for (const o of outputs) await writeOutput(ctx, o);
  if (result.summary) ctx.stderr.write(result.summary);
}

/**
 * Writes one output: to its file atomically, or to stdout (a document in pieces is gathered into
 * large writes). Commands return their outputs; one that must write a file before it goes on (the
 * script of label --apply) calls this.
 */
export async function writeOutput(ctx: CliContext, o: CommandOutput): Promise<void> {
  if (o.file !== undefined) {
    if (typeof o.text === 'string') await writeFileAtomic(o.file, o.text);
    else await writePiecesAtomic(o.file, o.text);
  } else if (typeof o.text === 'string') {
    if (o.text) ctx.stdout.write(o.text);
  } else {
    let buf = '';
    for (const p of o.text) {
      buf += p;
      if (buf.length >= CHUNK) {
        ctx.stdout.write(buf);
        buf = '';
      }
    }
    if (buf) ctx.stdout.write(buf);
  }
}

/**
 * Wraps a command's action: the action returns its exit code and data, written here; any error
 * becomes one line on stderr and exit code 2. Only the entry point sets the process's exit code.
 */
export function action<A extends unknown[]>(ctx: CliContext, fn: (...args: A) => Promise<CommandResult>) {
  return async (...args: A): Promise<void> => {
    try {
      const result = await fn(...args);
      await deliver(ctx, result);
      ctx.exitCode = result.code;
    } catch (e) {
      ctx.stderr.write(errorLine(e) + '\n');
      if (ctx.env['MINIM_DEBUG'] && e instanceof Error && !(e instanceof MinimError)) {
        ctx.stderr.write(debugStack(e) + '\n');
      }
      ctx.exitCode = 2;
    }
  };
}
