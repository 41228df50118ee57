/**
 * kysely over PGlite for the history store: PostgresDialect with a one-connection pool. The store's
 * directory is created when missing (unlike a scanned source, which must exist).
 */
import { mkdirSync } from 'node:fs';
import { PostgresDialect, type PostgresPool, type PostgresPoolClient, type PostgresQueryResult } from 'kysely';
import { MinimError } from '../../src/errors.js';
import type { HistoryDialect } from '../history-types.js';
import { pgliteDataDir } from './pglite-connector.js';
import { pgliteStartOptions } from './pglite-start.js';

interface PgliteDb {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[]; affectedRows?: number }>;
  close(): Promise<void>;
}

const COMMANDS = new Set(['UPDATE', 'DELETE', 'INSERT', 'SELECT', 'MERGE']);

/** A pool of one: PGlite has one backend, so `connect()` waits until the previous client is released. */
class PglitePool implements PostgresPool {
  private tail: Promise<void> = Promise.resolve();
  constructor(private readonly db: PgliteDb) {}

  connect(): Promise<PostgresPoolClient> {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const ready = this.tail;
    this.tail = ready.then(() => released);
    const db = this.db;
    return ready.then(() => ({
      async query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
        const r = await db.query(sql, [...parameters]);
        const word = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? 'SELECT';
        const command = (COMMANDS.has(word) ? word : 'SELECT') as PostgresQueryResult<R>['command'];
        return { command, rowCount: r.affectedRows ?? r.rows.length, rows: r.rows as R[] };
      },
      release,
    }) as PostgresPoolClient);
  }

  async end(): Promise<void> {
    await this.tail;
    await this.db.close();
  }
}

export async function pgliteHistoryDialect(url: string): Promise<HistoryDialect> {
  const dir = pgliteDataDir(url);
  let db: PgliteDb;
  try {
    if (dir) mkdirSync(dir, { recursive: true });
    const { PGlite } = await import('@electric-sql/pglite');
    db = (await PGlite.create(dir ?? 'memory://', pgliteStartOptions(PGlite.defaultStartParams))) as unknown as PgliteDb;
  } catch (e) {
    throw new MinimError(
      'CONNECT_FAILED',
      `history: cannot open the PGlite store${dir ? ` at ${dir}` : ''} (${e instanceof Error ? e.message.split('\n')[0] : 'unknown error'}); check it is not in use by another minim process`,
      { subject: 'history', cause: e },
    );
  }
  return { dialect: new PostgresDialect({ pool: new PglitePool(db) }), where: dir ?? 'pglite:memory' };
}
