/**
 * Maps `mssql` / tedious errors (`.number` for server errors, `.code` for driver ones) onto
 * MinimError. Messages are our own; server text (which can quote values: conversion errors, duplicate
 * keys, a trigger's THROW) follows an unknown error only through the shared sanitizer (`serverText`).
 */
import { MinimError } from '../../src/errors.js';
import { mappedError, placeOf, sanitizedCause, serverText, type ErrorMapping } from '../connector-errors.js';

/** Where an error happened. `phase: 'connect'` turns socket errors into CONNECT_FAILED. */
export interface MssqlErrorContext {
  readonly source: string;
  /** `db.schema.table` or `schema.table`, when the error concerns one table. */
  readonly table?: string;
  /** Redacted URL, for errors at connect time. */
  readonly url?: string;
  readonly phase?: 'connect' | 'query';
  /** Server error numbers seen during login (tedious keeps only the last message). */
  readonly loginNumbers?: readonly number[];
}

type Mapping = ErrorMapping;

const LOST = { code: 'CONNECTION_LOST', todo: 'retry; check the server log', retryable: true } as const;
const BY_NUMBER: Record<number, Mapping> = {
  18456: { code: 'AUTH_FAILED', what: 'login failed', todo: 'check the user and password in the URL' },
  4060: { code: 'DATABASE_NOT_FOUND', what: 'cannot open the database (missing, or no access)', todo: 'check the database name in the URL' },
  4064: { code: 'DATABASE_NOT_FOUND', what: "cannot open the login's default database", todo: 'name a database in the URL' },
  911: { code: 'DATABASE_NOT_FOUND', what: 'database does not exist (dropped mid-scan?)', todo: 'rescan to refresh the catalog' },
  942: { code: 'DATABASE_NOT_FOUND', what: 'database is offline', todo: 'bring it online or exclude it' },
  229: { code: 'PERMISSION_DENIED', what: 'SELECT permission denied on the object', todo: 'GRANT SELECT on it to the scanning login, or exclude it' },
  230: { code: 'PERMISSION_DENIED', what: 'SELECT permission denied on a column', todo: 'GRANT SELECT on the table to the scanning login, or exclude it' },
  262: { code: 'PERMISSION_DENIED', what: 'permission denied in the database', todo: 'grant the scanning login the permission named in the docs' },
  916: { code: 'PERMISSION_DENIED', what: 'the login cannot access the database', todo: 'create a user for the login in that database, or exclude it' },
  300: { code: 'PERMISSION_DENIED', what: 'a server permission is missing', todo: 'grant VIEW DEFINITION / VIEW DATABASE STATE, or exclude the object' },
  208: { code: 'OBJECT_NOT_FOUND', what: 'table not found (dropped or renamed?)', todo: 'rescan to refresh the catalog' },
  207: { code: 'OBJECT_NOT_FOUND', what: 'column not found (table altered?)', todo: 'rescan to refresh the catalog' },
  4413: { code: 'OBJECT_NOT_FOUND', what: 'view is invalid (it references a missing object)', todo: 'fix or drop the view, or exclude it' },
  1222: { code: 'LOCK_TIMEOUT', what: 'lock request timeout exceeded', todo: 'retry when the table is not locked, or raise the lock timeout' },
  1205: { code: 'LOCK_TIMEOUT', what: 'chosen as deadlock victim', todo: 'retry', retryable: true },
  596: { ...LOST, what: 'session was killed' },
  233: { ...LOST, what: 'connection closed by the server' },
  10054: { ...LOST, what: 'connection reset by the server' },
  40613: { ...LOST, what: 'database is not currently available (Azure failover)' },
  40197: { ...LOST, what: 'service error processing the request (Azure failover)' },
  40501: { ...LOST, what: 'service is busy (Azure throttling)' },
};

const BY_CODE: Record<string, Mapping> = {
  ELOGIN: { code: 'AUTH_FAILED', what: 'login failed', todo: 'check the user and password in the URL' },
  ETIMEOUT: { code: 'SAMPLE_TIMEOUT', what: 'request timeout exceeded', todo: 'raise the statement timeout or exclude the table' },
  ECANCEL: { code: 'SAMPLE_TIMEOUT', what: 'request was cancelled', todo: 'raise the statement timeout or exclude the table' },
  ESOCKET: { ...LOST, what: 'connection lost' },
  ECONNCLOSED: { ...LOST, what: 'connection closed' },
  ECLOSE: { ...LOST, what: 'connection closed before the request completed' },
  EENCRYPT: { code: 'CONNECT_FAILED', what: 'the server requires encryption', todo: 'set encrypt=true in the URL' },
  EINSTLOOKUP: { code: 'CONNECT_FAILED', what: 'named instance lookup failed', todo: 'check instanceName, or give the port' },
};
const AT_CONNECT: Record<string, Mapping> = {
  ESOCKET: { code: 'CONNECT_FAILED', what: 'cannot reach the server', todo: 'check the host and port, TLS settings, and that the server is running' },
  ETIMEOUT: { code: 'CONNECT_FAILED', what: 'connect timeout', todo: 'check the host, port and firewall, or raise the connect timeout' },
  ECONNCLOSED: { code: 'CONNECT_FAILED', what: 'connection closed during login', todo: 'check the TLS settings (encrypt, trustServerCertificate)' },
};

interface DriverError {
  code?: unknown;
  number?: unknown;
  originalError?: { info?: { number?: unknown }; number?: unknown };
}

/** The server error number, from the error or the driver error it wraps. */
function numberOf(e: DriverError): number | undefined {
  const n = e.number ?? e.originalError?.info?.number ?? e.originalError?.number;
  return typeof n === 'number' ? n : undefined;
}

/** Converts anything mssql threw into a one-line MinimError naming the source (and table or URL). */
export function mapMssqlError(err: unknown, ctx: MssqlErrorContext): MinimError {
  if (err instanceof MinimError) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as DriverError;
  const code = typeof e.code === 'string' ? e.code : undefined;
  let number = numberOf(e);
  // NOTE: at login the server sends 4060 (cannot open database) and then 18456; tedious keeps the last.
  if (code === 'ELOGIN' && ctx.loginNumbers?.includes(4060)) number = 4060;
  const m =
    (number !== undefined ? BY_NUMBER[number] : undefined) ??
    (code && ctx.phase === 'connect' ? AT_CONNECT[code] : undefined) ??
    (code ? BY_CODE[code] : undefined);
  const subject = ctx.table ?? ctx.source;
  if (m) return mappedError(m, ctx, err);
  const id = [code, number].filter((x) => x !== undefined).join(' ') || 'unknown error';
  const text = serverText(err, ctx);
  return new MinimError('QUERY_FAILED', `${placeOf(ctx)}: SQL Server error ${id}${text ? ` (${text})` : ''}; see the server log`, {
    cause: sanitizedCause(err, ctx),
    subject,
  });
}
