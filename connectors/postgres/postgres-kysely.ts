/** kysely over `pg` for the history store: a small pool, errors mapped to MinimError on connect. */
import { PostgresDialect } from 'kysely';
import pg from 'pg';
import { parseServerUrl, redactUrl } from '../../src/util/url.js';
import type { HistoryDialect } from '../history-types.js';
import { mapPostgresError } from './postgres-errors.js';

export async function postgresHistoryDialect(url: string): Promise<HistoryDialect> {
  parseServerUrl(url, 'history');
  const redactedUrl = redactUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 10_000, application_name: 'minim-history' });
  pool.on('error', () => undefined);
  try {
    await pool.query('SELECT 1');
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw mapPostgresError(e, { source: 'history', redactedUrl, phase: 'connect' });
  }
  return { dialect: new PostgresDialect({ pool }), where: redactedUrl };
}
