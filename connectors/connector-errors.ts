/**
 * The shared shape of every connector's error mapping: a driver code → what happened and what to do,
 * turned into one MinimError line that names the source (and table or redacted URL), never a value.
 */
import { MinimError, type ErrorCode } from '../src/errors.js';

/** What one driver error means, in our words. */
export interface ErrorMapping {
  readonly code: ErrorCode;
  readonly what: string;
  readonly todo: string;
  readonly retryable?: boolean;
}

/** Where an error happened. */
export interface ErrorPlace {
  readonly source: string;
  /** `schema.table`, when the error concerns one table. */
  readonly table?: string;
  /** Redacted URL, for errors at connect time. */
  readonly url?: string;
}

/** A name with control characters (a newline in a hostile identifier) escaped, so a message stays one line. */
export function oneLine(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** `source S, table T` or `source S (URL)`: the start of every connector error message. */
export function placeOf(ctx: ErrorPlace): string {
  const where = ctx.table ? `, table ${oneLine(ctx.table)}` : ctx.url ? ` (${oneLine(ctx.url)})` : '';
  return `source ${oneLine(ctx.source)}${where}`;
}

/** The MinimError for a mapped driver error. */
export function mappedError(m: ErrorMapping, ctx: ErrorPlace, cause: unknown): MinimError {
  return new MinimError(m.code, `${placeOf(ctx)}: ${m.what}; ${m.todo}`, {
    cause,
    subject: ctx.table ?? ctx.source,
    retryable: m.retryable ?? false,
  });
}
