/**
 * Maps mysql2 errors (`.code`, `.errno`) onto MinimError. Messages are our own; for an error we do
 * not know, the server's text follows only through the shared sanitizer (`serverText`), because
 * server messages quote values (duplicate keys, truncated values, a trigger's SIGNAL text).
 */
import { MinimError } from '../../src/errors.js';
import { mappedError, placeOf, sanitizedCause, serverText, type ErrorMapping } from '../connector-errors.js';

/** Where an error happened: the source name, and the redacted URL or the table it concerns. */
export interface MysqlErrorContext {
  readonly source: string;
  /** `db.table`, when the error concerns one table. */
  readonly table?: string;
  /** Redacted URL, for errors at connect time. */
  readonly url?: string;
}

type Mapping = ErrorMapping;

const BY_ERRNO: Record<number, Mapping> = {
  1045: { code: 'AUTH_FAILED', what: 'access denied (user or password rejected)', todo: 'check the user and password in the URL' },
  1044: { code: 'PERMISSION_DENIED', what: 'no access to the database', todo: 'GRANT SELECT on it to the scanning user' },
  1049: { code: 'DATABASE_NOT_FOUND', what: 'unknown database', todo: 'check the database name in the URL' },
  1142: { code: 'PERMISSION_DENIED', what: 'SELECT denied on the table', todo: 'GRANT SELECT on it to the scanning user, or exclude it' },
  1143: { code: 'PERMISSION_DENIED', what: 'SELECT denied on a column', todo: 'GRANT SELECT on the table to the scanning user, or exclude it' },
  1227: { code: 'PERMISSION_DENIED', what: 'missing privilege', todo: 'grant the scanning user the privilege named in the docs' },
  1146: { code: 'OBJECT_NOT_FOUND', what: 'table not found (dropped or renamed?)', todo: 'rescan to refresh the catalog' },
  1054: { code: 'OBJECT_NOT_FOUND', what: 'column not found (table altered?)', todo: 'rescan to refresh the catalog' },
  1356: { code: 'OBJECT_NOT_FOUND', what: 'view is invalid (it references a missing table or column)', todo: 'fix or drop the view, or exclude it' },
  3024: { code: 'SAMPLE_TIMEOUT', what: 'statement timeout (max_execution_time) exceeded', todo: 'raise the statement timeout or exclude the table' },
  1969: { code: 'SAMPLE_TIMEOUT', what: 'statement timeout (max_statement_time) exceeded', todo: 'raise the statement timeout or exclude the table' },
  1205: { code: 'LOCK_TIMEOUT', what: 'lock wait timeout exceeded', todo: 'retry when the table is not locked, or raise the lock timeout' },
  1927: { code: 'CONNECTION_LOST', what: 'connection was killed', todo: 'retry; check the server log', retryable: true },
  2013: { code: 'CONNECTION_LOST', what: 'lost connection to the server during a query', todo: 'retry; check the server log', retryable: true },
  1053: { code: 'CONNECTION_LOST', what: 'server is shutting down', todo: 'retry when the server is back', retryable: true },
  1317: { code: 'CONNECTION_LOST', what: 'query was interrupted (KILL QUERY)', todo: 'retry; check who killed it', retryable: true },
  1792: { code: 'QUERY_FAILED', what: 'the object tried to write inside the read-only scan transaction (a view or function with side effects)', todo: 'exclude it' },
  1139: { code: 'QUERY_FAILED', what: 'the server rejected the regular expression', todo: 'simplify the pattern' },
  3685: { code: 'QUERY_FAILED', what: 'the server rejected the regular expression', todo: 'simplify the pattern' },
  1040: { code: 'CONNECT_FAILED', what: 'too many connections', todo: 'lower the concurrency or retry later', retryable: true },
};

const BY_CODE: Record<string, Mapping> = {
  PROTOCOL_CONNECTION_LOST: { code: 'CONNECTION_LOST', what: 'connection closed by the server', todo: 'retry; check the server log', retryable: true },
  ECONNRESET: { code: 'CONNECTION_LOST', what: 'connection reset', todo: 'retry; check the server log', retryable: true },
  EPIPE: { code: 'CONNECTION_LOST', what: 'connection broken', todo: 'retry; check the server log', retryable: true },
  ECONNREFUSED: { code: 'CONNECT_FAILED', what: 'connection refused', todo: 'check the host and port, and that the server is running' },
  ENOTFOUND: { code: 'CONNECT_FAILED', what: 'host not found', todo: 'check the host name in the URL' },
  EAI_AGAIN: { code: 'CONNECT_FAILED', what: 'host name lookup failed', todo: 'check the host name and DNS' },
  ETIMEDOUT: { code: 'CONNECT_FAILED', what: 'connect timeout', todo: 'check the host, port and firewall, or raise the connect timeout' },
  EHOSTUNREACH: { code: 'CONNECT_FAILED', what: 'host unreachable', todo: 'check the host and network' },
  HANDSHAKE_SSL_ERROR: { code: 'CONNECT_FAILED', what: 'TLS handshake failed', todo: 'check the ssl settings in the URL' },
};

/** The driver-shaped fields we read. */
interface DriverError {
  code?: unknown;
  errno?: unknown;
  fatal?: unknown;
}

/** Converts anything a mysql2 call threw into a one-line MinimError naming the source (and table or URL). */
export function mapMysqlError(err: unknown, ctx: MysqlErrorContext): MinimError {
  if (err instanceof MinimError) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as DriverError;
  const code = typeof e.code === 'string' ? e.code : undefined;
  const errno = typeof e.errno === 'number' ? e.errno : undefined;
  const m = (errno !== undefined ? BY_ERRNO[errno] : undefined) ?? (code ? BY_CODE[code] : undefined);
  const subject = ctx.table ?? ctx.source;
  if (m) return mappedError(m, ctx, err);
  // Unknown: the driver code and number, and the server's text masked like an example.
  const id = [code, errno].filter((x) => x !== undefined).join(' ') || 'unknown error';
  const fatal = e.fatal === true;
  const text = serverText(err, ctx);
  return new MinimError(
    fatal ? 'CONNECTION_LOST' : 'QUERY_FAILED',
    `${placeOf(ctx)}: MySQL error ${id}${text ? ` (${text})` : ''}; see the server log${fatal ? ' and retry' : ''}`,
    { cause: sanitizedCause(err, ctx), subject, retryable: fatal },
  );
}

/** Whether the connection that raised `err` must be destroyed rather than returned to the pool. */
export function isFatalMysqlError(err: unknown): boolean {
  const e = (typeof err === 'object' && err !== null ? err : {}) as DriverError;
  return e.fatal === true || e.code === 'PROTOCOL_CONNECTION_LOST' || e.code === 'ECONNRESET' || e.errno === 1927;
}

/** ER_NONEXISTING_GRANT, ER_NONEXISTING_TABLE_GRANT: a REVOKE of a grant that is not there. */
const ABSENT_GRANT_ERRNOS = new Set([1141, 1147]);

/**
 * Whether an error (the driver's, or the MinimError it was mapped onto, whose `cause` keeps the
 * errno) says the grant being taken back does not exist: for a REVOKE, the goal state.
 */
export function isAbsentGrantError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; typeof e === 'object' && e !== null && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const errno = (e as { errno?: unknown }).errno;
    if (typeof errno === 'number' && ABSENT_GRANT_ERRNOS.has(errno)) return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && /no such grant/i.test(message)) return true;
  }
  return false;
}
