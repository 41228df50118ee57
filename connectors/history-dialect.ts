/**
 * A kysely dialect for the scan-history store: PostgreSQL over `pg`, or an embedded PGlite
 * directory (created when missing). Drivers are imported lazily; `src/history` sees only kysely.
 */
import type { HistoryDialect } from './history-types.js';
import { dialectOf } from '../src/util/url.js';

export type { HistoryDialect } from './history-types.js';

/** The dialect for `postgres://…` or `pglite:DIR`. */
export async function openHistoryDialect(url: string): Promise<HistoryDialect> {
  if (dialectOf(url, 'history') === 'pglite') return (await import('./pglite/pglite-kysely.js')).pgliteHistoryDialect(url);
  if (dialectOf(url, 'history') === 'postgres') return (await import('./postgres/postgres-kysely.js')).postgresHistoryDialect(url);
  const { MinimError } = await import('../src/errors.js');
  throw new MinimError('USAGE', 'history: the store is PostgreSQL (postgres://…) or PGlite (pglite:DIR); pass one of those to --history');
}
