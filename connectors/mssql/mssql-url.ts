/**
 * `mssql://user:pass@host:port/db?encrypt=false&trustServerCertificate=true` (or `sqlserver://`)
 * onto an `mssql` pool config. Pure.
 */
import type { config as MssqlConfig } from 'mssql';
import { MinimError } from '../../src/errors.js';
import { parseServerUrl, redactUrl } from '../../src/util/url.js';
import type { ConnectorOptions } from '../types.js';

/** The pool config and the database the URL names (null: every visible database). */
export interface MssqlTarget {
  readonly config: MssqlConfig;
  readonly database: string | null;
  readonly redacted: string;
}

const BOOL: Record<string, boolean> = { true: true, yes: true, '1': true, false: false, no: false, '0': false };

/**
 * Query params (case-insensitive): `encrypt` (default true), `trustServerCertificate` (default false),
 * `instanceName`, `readOnlyIntent` (default true: ApplicationIntent=ReadOnly for scans).
 */
export function mssqlTarget(url: string, options: ConnectorOptions): MssqlTarget {
  const u = parseServerUrl(url, options.name);
  const redacted = redactUrl(url);
  const fail = (what: string) =>
    new MinimError('URL_INVALID', `source ${options.name}: ${what} in "${redacted}"; expected mssql://user:password@host:port/database`, {
      subject: options.name,
    });
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      throw fail('bad %-escape');
    }
  };
  const params = new Map([...u.searchParams].map(([k, v]) => [k.toLowerCase(), v]));
  const flag = (name: string, dflt: boolean) => {
    const v = params.get(name.toLowerCase());
    if (v === undefined) return dflt;
    const b = BOOL[v.toLowerCase()];
    if (b === undefined) throw fail(`${name}=${v} is not true or false`);
    return b;
  };
  const path = u.pathname.replace(/^\//, '');
  if (path.includes('/')) throw fail('a path with "/"');
  const database = path === '' ? null : decode(path);
  const instanceName = params.get('instancename');
  const config: MssqlConfig = {
    server: u.hostname.replace(/^\[(.*)\]$/, '$1'),
    ...(u.port === '' && instanceName ? {} : { port: u.port === '' ? 1433 : Number(u.port) }),
    user: decode(u.username),
    password: decode(u.password),
    ...(database === null ? {} : { database }),
    connectionTimeout: options.connectTimeoutMs,
    requestTimeout: options.statementTimeoutMs,
    pool: { max: Math.max(1, options.concurrency), min: 0, idleTimeoutMillis: 30_000 },
    options: {
      encrypt: flag('encrypt', true),
      trustServerCertificate: flag('trustServerCertificate', false),
      readOnlyIntent: flag('readOnlyIntent', true),
      appName: 'minim',
      ...(instanceName ? { instanceName } : {}),
    },
  };
  return { config, database, redacted };
}
