import { maskServerMessage } from './util/mask.js';

/** Stable error codes. Scripts and the scan JSON's `errors[].code` depend on these: never rename one. */
export const ERROR_CODES = [
  'USAGE',
  'CONFIG_INVALID',
  'URL_INVALID',
  'CONNECT_FAILED',
  'AUTH_FAILED',
  'DATABASE_NOT_FOUND',
  'PERMISSION_DENIED',
  'SAMPLE_TIMEOUT',
  'LOCK_TIMEOUT',
  'CONNECTION_LOST',
  'OBJECT_NOT_FOUND',
  'UNSUPPORTED_TYPE',
  'UNSUPPORTED_SERVER',
  'QUERY_FAILED',
  'RULE_INVALID',
  'PLAN_INVALID',
  'PLAN_TAMPERED',
  'PLAN_STALE',
  'APPROVAL_INVALID',
  'SOURCE_MISMATCH',
  'FILE_NOT_FOUND',
  'FILE_INVALID',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The one error type of minim: a stable `code`, a message a person can act on, the driver error as `cause`. */
export class MinimError extends Error {
  readonly code: ErrorCode;
  /** What the error is about: a source name, a table, a file. Never a password or a sampled value. */
  readonly subject: string | undefined;
  /** Whether retrying the same operation once may succeed (connection dropped, server restarting). */
  readonly retryable: boolean;

  constructor(
    code: ErrorCode,
    message: string,
    options: { cause?: unknown; subject?: string; retryable?: boolean } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'MinimError';
    this.code = code;
    this.subject = options.subject;
    this.retryable = options.retryable ?? false;
  }
}

/**
 * Whether `e` looks like a database driver's error (pg, mysql2, mssql/tedious): its text is the
 * server's, which can quote values, so it is masked before it becomes a message.
 */
export function isDriverError(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const x = e as Record<string, unknown>;
  return (
    (typeof x['severity'] === 'string' && typeof x['code'] === 'string') ||
    typeof x['sqlMessage'] === 'string' ||
    typeof x['sqlState'] === 'string' ||
    (typeof x['number'] === 'number' && ('class' in x || 'state' in x || 'lineNumber' in x)) ||
    (typeof x['originalError'] === 'object' && x['originalError'] !== null)
  );
}

/** Wraps anything thrown into a MinimError, keeping MinimErrors as they are. Driver text is masked. */
export function toMinimError(e: unknown, fallback: ErrorCode = 'INTERNAL', subject?: string): MinimError {
  if (e instanceof MinimError) return e;
  const raw = e instanceof Error ? e.message : String(e);
  const message = isDriverError(e) ? `database error (${maskServerMessage(raw, subject ? [subject] : [])})` : raw;
  return new MinimError(fallback, message, { cause: e, ...(subject === undefined ? {} : { subject }) });
}
