/**
 * The shared shape of every connector's error mapping: a driver code → what happened and what to do,
 * turned into one MinimError line that names the source (and table or redacted URL), never a value.
 * Server text reaches a message or a `cause` only through {@link serverText} (the one sanitizer:
 * `maskServerMessage`, the masking examples get), whatever the engine.
 */
import { MinimError, type ErrorCode } from '../src/errors.js';
import { maskServerMessage } from '../src/util/mask.js';
import { safeText } from '../src/util/text.js';

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
  return safeText(name);
}

/** `source S, table T` or `source S (URL)`: the start of every connector error message. */
export function placeOf(ctx: ErrorPlace): string {
  const where = ctx.table ? `, table ${oneLine(ctx.table)}` : ctx.url ? ` (${oneLine(ctx.url)})` : '';
  return `source ${oneLine(ctx.source)}${where}`;
}

/** The text a driver error carries (`message`, or mysql2's `sqlMessage`), raw: never print it. */
function rawText(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null) {
    const m = (error as { message?: unknown; sqlMessage?: unknown }).sqlMessage ?? (error as { message?: unknown }).message;
    if (typeof m === 'string') return m;
  }
  return String(error);
}

/**
 * The server's message for a driver error, masked (digits, emails, quoted values, names from the
 * data), keeping the object names the place names. The one way server text reaches any output.
 */
export function serverText(error: unknown, place: { readonly source: string; readonly table?: string | undefined }): string {
  return maskServerMessage(rawText(error), [place.source, ...(place.table ? [place.table] : [])]);
}

/**
 * A copy of a driver error that keeps its name, its code/errno/number/SQLSTATE and a masked message,
 * nothing else: no detail, hint, where, query text or parameters (they can hold values).
 */
export function sanitizedCause(error: unknown, place: { readonly source: string; readonly table?: string | undefined }): Error {
  const cause = new Error(serverText(error, place));
  cause.name = error instanceof Error ? error.name : 'Error';
  if (typeof error === 'object' && error !== null) {
    const e = error as Record<string, unknown>;
    for (const k of ['code', 'errno', 'number', 'sqlState']) {
      const v = e[k];
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') Object.assign(cause, { [k]: v });
    }
    // mssql wraps the driver's error; keep its number for callers that read it there.
    const inner = e['originalError'] as { number?: unknown; info?: { number?: unknown } } | undefined;
    const n = inner?.info?.number ?? inner?.number;
    if (typeof n === 'number') Object.assign(cause, { originalError: { number: n, info: { number: n } } });
  }
  return cause;
}

/** The MinimError for a mapped driver error. */
export function mappedError(m: ErrorMapping, ctx: ErrorPlace, cause: unknown): MinimError {
  return new MinimError(m.code, `${placeOf(ctx)}: ${m.what}; ${m.todo}`, {
    cause: sanitizedCause(cause, ctx),
    subject: ctx.table ?? ctx.source,
    retryable: m.retryable ?? false,
  });
}
