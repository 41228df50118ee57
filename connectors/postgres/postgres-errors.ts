/**
 * pg / PGlite errors → MinimError. Messages are one line, name the source (and table), say what to
 * do, and never carry a value: the server's `detail`, `hint`, `where` and query text are dropped, its
 * message passes through the shared sanitizer (`serverText`: digits, emails, quoted values and
 * names from the data masked), and the `cause` is a sanitised copy of the driver error.
 */
import { MinimError, type ErrorCode } from '../../src/errors.js';
import { maskServerMessage } from '../../src/util/mask.js';
import { oneLine, sanitizedCause, serverText } from '../connector-errors.js';

export interface PostgresErrorContext {
  /** Source name (options.name). */
  readonly source: string;
  /** `schema.table`, when the error is about one relation. */
  readonly table?: string;
  /** Redacted URL, named in errors raised while connecting. */
  readonly redactedUrl?: string;
  /** Connecting: a dropped connection means the server could not be reached, not a lost session. */
  readonly phase?: 'connect' | 'query';
}

interface Mapping {
  readonly code: ErrorCode;
  readonly what: string;
  readonly todo: string;
  readonly retryable?: boolean;
}

const LOST: Mapping = {
  code: 'CONNECTION_LOST',
  what: 'the connection was lost (terminated by the server, a restart or the network)',
  todo: 'retry; check the server is up',
  retryable: true,
};
const UNREACHABLE: Mapping = {
  code: 'CONNECT_FAILED',
  what: 'cannot connect',
  todo: 'check the host, port and network, and that the server accepts TCP connections',
};

const BY_SQLSTATE: Record<string, Mapping> = {
  '42501': {
    code: 'PERMISSION_DENIED',
    what: 'permission denied',
    todo: 'grant SELECT to the scanning role, or exclude the table',
  },
  '57014': {
    code: 'SAMPLE_TIMEOUT',
    what: 'the statement timed out (or was cancelled)',
    todo: 'raise the statement timeout, or exclude the table',
  },
  '55P03': {
    code: 'LOCK_TIMEOUT',
    what: 'could not get a lock in time: another session holds a conflicting lock',
    todo: 'retry later, or raise the lock timeout',
  },
  '42P01': { code: 'OBJECT_NOT_FOUND', what: 'the relation no longer exists', todo: 'it was dropped or renamed during the scan; scan again' },
  '42703': { code: 'OBJECT_NOT_FOUND', what: 'a column no longer exists', todo: 'the table was altered during the scan; scan again' },
  '3F000': { code: 'OBJECT_NOT_FOUND', what: 'the schema no longer exists', todo: 'it was dropped or renamed during the scan; scan again' },
  '28P01': { code: 'AUTH_FAILED', what: 'authentication failed', todo: 'check the user name and password in the URL' },
  '28000': {
    code: 'AUTH_FAILED',
    what: 'the server refused this user',
    todo: 'check the user name, that it may log in, and pg_hba.conf',
  },
  '3D000': { code: 'DATABASE_NOT_FOUND', what: 'the database does not exist', todo: 'check the database name in the URL' },
  '53300': {
    code: 'CONNECT_FAILED',
    what: 'the server has too many connections',
    todo: 'lower --concurrency or retry later',
    retryable: true,
  },
  '25006': {
    code: 'QUERY_FAILED',
    what: 'the statement tried to write in a read-only transaction (a view or function that writes, or a standby server)',
    todo: 'exclude the object, or for changes connect to the primary',
  },
  '57P01': LOST,
  '57P02': LOST,
  '57P03': { ...LOST, what: 'the server is starting up or shutting down' },
};

const BY_ERRNO: Record<string, Mapping> = {
  ECONNREFUSED: { ...UNREACHABLE, what: 'cannot connect: connection refused' },
  ENOTFOUND: { ...UNREACHABLE, what: 'cannot connect: host not found' },
  EAI_AGAIN: { ...UNREACHABLE, what: 'cannot connect: host name lookup failed' },
  ETIMEDOUT: { ...UNREACHABLE, what: 'cannot connect: timed out' },
  EHOSTUNREACH: { ...UNREACHABLE, what: 'cannot connect: host unreachable' },
  ENETUNREACH: { ...UNREACHABLE, what: 'cannot connect: network unreachable' },
  ECONNRESET: LOST,
  EPIPE: LOST,
};

/** Maps any error thrown by pg or PGlite onto a MinimError; MinimErrors pass through. */
export function mapPostgresError(error: unknown, context: PostgresErrorContext): MinimError {
  if (error instanceof MinimError) return error;
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  let mapping = (code && (BY_SQLSTATE[code] ?? BY_ERRNO[code])) || byMessage(message);
  if (context.phase === 'connect' && mapping?.code === 'CONNECTION_LOST') {
    mapping = { ...UNREACHABLE, what: 'cannot connect: the server closed the connection', retryable: true };
  }
  // SQLSTATE class 08 is connection exception: unreachable while connecting, lost afterwards.
  if (!mapping && code?.startsWith('08')) mapping = context.phase === 'connect' ? UNREACHABLE : LOST;
  const what = mapping
    ? mapping.what + (code && /^(?=.*\d)[0-9A-Z]{5}$/.test(code) ? ` (SQLSTATE ${code})` : '')
    : `query failed (${code ? `SQLSTATE ${oneLine(code)}: ` : ''}${serverText(error, context)})`;
  const todo = mapping?.todo ?? 'see the server log for this time, or exclude the object';
  const source = oneLine(context.source);
  const where = context.redactedUrl ? `source ${source} (${oneLine(context.redactedUrl)})` : `source ${source}`;
  const subject = context.table ? `${where}: table ${oneLine(context.table)}` : where;
  return new MinimError(mapping?.code ?? 'QUERY_FAILED', `${subject}: ${what}; ${todo}`, {
    cause: sanitizedCause(error, context),
    subject: context.table ?? context.source,
    retryable: mapping?.retryable ?? false,
  });
}

function byMessage(message: string): Mapping | undefined {
  if (/connection terminated due to connection timeout|timeout expired|timeout exceeded when trying to connect/i.test(message)) {
    return { ...UNREACHABLE, what: 'cannot connect: timed out' };
  }
  if (/connection terminated|connection (was )?closed|server closed the connection|client has encountered a connection error/i.test(message)) {
    return LOST;
  }
  return undefined;
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.length > 0) return code;
  // AggregateError (e.g. IPv4 and IPv6 both refused) carries the code on its members.
  const inner = (error as { errors?: unknown }).errors;
  if (Array.isArray(inner)) for (const e of inner) {
    const c = errorCode(e);
    if (c) return c;
  }
  return undefined;
}


/** The server's message masked like an example (see `maskServerMessage`), on one line, capped. */
export function sanitizeServerMessage(message: string, known: readonly string[] = []): string {
  return maskServerMessage(message, known);
}
