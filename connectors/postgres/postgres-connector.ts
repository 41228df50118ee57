/** PostgreSQL over `pg`: a pool of `options.concurrency` connections named `minim`. */
import pg from 'pg';
import type { ConnectorOptions } from '../types.js';
import { normalizeServerUrl, parseServerUrl, redactUrl } from '../../src/util/url.js';
import { PostgresBaseConnector } from './postgres-base-connector.js';
import { mapPostgresError } from './postgres-errors.js';
import { PostgresPoolTransport } from './postgres-pool-transport.js';

export class PostgresConnector extends PostgresBaseConnector {
  private constructor(transport: PostgresPoolTransport, options: ConnectorOptions) {
    super('postgres', transport, options);
  }

  /**
   * Opens a pool and checks it with one query. Failures are one-line MinimErrors naming the source
   * and the redacted URL: CONNECT_FAILED, AUTH_FAILED, DATABASE_NOT_FOUND, URL_INVALID.
   */
  static async open(url: string, options: ConnectorOptions): Promise<PostgresConnector> {
    parseServerUrl(url, options.name);
    const redactedUrl = redactUrl(url);
    let pool: pg.Pool;
    try {
      pool = new pg.Pool({
        // The user name and password percent-encoded where written raw: pg reads the same host we do.
        connectionString: normalizeServerUrl(url),
        max: Math.max(1, options.concurrency),
        connectionTimeoutMillis: options.connectTimeoutMs,
        idleTimeoutMillis: 10_000,
        application_name: 'minim',
        keepAlive: true,
      });
    } catch (e) {
      // pg-connection-string rejects some URLs the WHATWG parser accepts (bad sslmode, …).
      throw mapPostgresError(e, { source: options.name, redactedUrl, phase: 'connect' });
    }
    // An idle connection killed by the server emits 'error' on the pool: the next query gets a fresh one.
    pool.on('error', () => undefined);
    try {
      await pool.query('SELECT 1');
    } catch (e) {
      await pool.end().catch(() => undefined);
      throw mapPostgresError(e, { source: options.name, redactedUrl, phase: 'connect' });
    }
    return new PostgresConnector(new PostgresPoolTransport(pool, options.lockTimeoutMs), options);
  }
}
