/** Server flavour, version checks and session timeouts for MySQL / MariaDB. Pure. */
import { MinimError } from '../../src/errors.js';
import type { MysqlFlavour } from './mysql-catalog.js';

/** What `SELECT VERSION()` tells us. */
export interface MysqlServer {
  readonly version: string;
  readonly flavour: MysqlFlavour;
  readonly major: number;
  readonly minor: number;
}

/** Parses `SELECT VERSION()`: `10.11.19-MariaDB-0+deb12u1`, `8.4.0`, `5.5.5-10.6.3-MariaDB`. */
export function parseMysqlVersion(version: string): MysqlServer {
  const flavour: MysqlFlavour = /mariadb/i.test(version) ? 'mariadb' : 'mysql';
  // NOTE: MariaDB behind some proxies reports `5.5.5-10.x.y-MariaDB`; the real version follows `5.5.5-`.
  const m = /^(?:5\.5\.5-)?(\d+)\.(\d+)/.exec(version);
  return { version, flavour, major: m ? Number(m[1]) : 0, minor: m ? Number(m[2]) : 0 };
}

/** Throws UNSUPPORTED_SERVER for MySQL < 5.7 and MariaDB < 10.3. */
export function assertSupported(server: MysqlServer, source: string): void {
  const [minMajor, minMinor] = server.flavour === 'mariadb' ? [10, 3] : [5, 7];
  if (server.major < minMajor || (server.major === minMajor && server.minor < minMinor)) {
    const name = server.flavour === 'mariadb' ? 'MariaDB' : 'MySQL';
    throw new MinimError(
      'UNSUPPORTED_SERVER',
      `source ${source}: ${name} ${server.major}.${server.minor} is not supported; minim needs ${name} ${minMajor}.${minMinor} or newer`,
      { subject: source },
    );
  }
}

/**
 * One `SET SESSION` for the statement and lock timeouts (0 ms: no statement timeout).
 * NOTE: MySQL's `max_execution_time` is in ms and limits SELECT only; MariaDB's
 * `max_statement_time` is in seconds and limits every statement.
 */
export function sessionTimeoutsSql(flavour: MysqlFlavour, statementTimeoutMs: number, lockTimeoutMs: number): string {
  const stmt =
    flavour === 'mariadb'
      ? `max_statement_time = ${(Math.max(0, Math.floor(statementTimeoutMs)) / 1000).toFixed(3)}`
      : `max_execution_time = ${Math.max(0, Math.floor(statementTimeoutMs))}`;
  const lockSeconds = Math.max(1, Math.ceil(lockTimeoutMs / 1000));
  return `SET SESSION ${stmt}, innodb_lock_wait_timeout = ${lockSeconds}, lock_wait_timeout = ${lockSeconds}`;
}

/**
 * The pattern as sent to `REGEXP`: case-sensitive like PostgreSQL's `~`.
 * NOTE: MySQL 8 uses ICU and MariaDB PCRE; both honour the inline `(?-i)` flag that overrides a
 * `_ci` collation, and both know `\d`, `\b`, `{m,n}`. MySQL 5.7 (Henry Spencer) knows neither, so
 * the pattern is sent as is there (POSIX classes like `[[:digit:]]` work everywhere).
 */
export function mysqlRegex(server: MysqlServer, regex: string): string {
  return server.flavour === 'mysql' && server.major < 8 ? regex : `(?-i)${regex}`;
}
