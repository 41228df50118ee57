/** `mysql://user:pass@host:port/db` (or `mariadb://`) onto a mysql2 pool config. Pure. */
import type { PoolOptions } from 'mysql2/promise';
import { MinimError } from '../../src/errors.js';
import { parseServerUrl, redactUrl } from '../../src/util/url.js';
import type { ConnectorOptions } from '../types.js';

/** The pool config and the database the URL names (null: every visible database). */
export interface MysqlTarget {
  readonly config: PoolOptions;
  readonly database: string | null;
  readonly redacted: string;
}

/** Parses the URL; query params: `ssl=true|false` (`true` verifies the certificate), `ssl=skip-verify`. */
export function mysqlTarget(url: string, options: ConnectorOptions): MysqlTarget {
  const u = parseServerUrl(url, options.name);
  const redacted = redactUrl(url);
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      throw new MinimError('URL_INVALID', `source ${options.name}: bad %-escape in "${redacted}"`, { subject: options.name });
    }
  };
  const path = u.pathname.replace(/^\//, '');
  if (path.includes('/')) {
    throw new MinimError('URL_INVALID', `source ${options.name}: "${redacted}" has a path with "/"; expected mysql://user:password@host:port/database`, {
      subject: options.name,
    });
  }
  const database = path === '' ? null : decode(path);
  const port = u.port === '' ? 3306 : Number(u.port);
  const sslParam = u.searchParams.get('ssl');
  const ssl =
    sslParam === null || sslParam === 'false' ? undefined : sslParam === 'skip-verify' ? { rejectUnauthorized: false } : {};
  const config: PoolOptions = {
    host: u.hostname.replace(/^\[(.*)\]$/, '$1'),
    port,
    user: decode(u.username),
    password: decode(u.password),
    ...(database === null ? {} : { database }),
    ...(ssl === undefined ? {} : { ssl }),
    connectionLimit: Math.max(1, options.concurrency),
    connectTimeout: options.connectTimeoutMs,
    waitForConnections: true,
    queueLimit: 0,
    charset: 'utf8mb4',
    supportBigNumbers: true,
    bigNumberStrings: true,
    // NOTE: dates as text: no time-zone shift, and zero dates (0000-00-00) do not become Invalid Date.
    dateStrings: true,
    jsonStrings: true,
    multipleStatements: false,
    enableKeepAlive: true,
  };
  return { config, database, redacted };
}
