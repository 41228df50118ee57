/** PostgresTransport on a `pg` pool. */
import type pg from 'pg';
import type { QueryResult, SqlSession } from '../types.js';
import type { PostgresTransport } from './postgres-transport.js';
import { sqlInt } from './postgres-quote.js';

/** The slice of `pg.Pool` this transport uses. */
export type PoolLike = Pick<pg.Pool, 'query' | 'connect' | 'end'>;

export class PostgresPoolTransport implements PostgresTransport {
  /** `lockTimeoutMs`: set LOCAL in every read-write transaction, so a DDL never queues behind others' work for long. */
  constructor(
    private readonly pool: PoolLike,
    private readonly lockTimeoutMs = 0,
  ) {}

  async script(sql: string): Promise<unknown[][][]> {
    // No parameters → pg uses the simple protocol, which accepts several statements in one message.
    const result = (await this.pool.query({ text: sql, rowMode: 'array' })) as unknown as pg.QueryArrayResult | pg.QueryArrayResult[];
    return (Array.isArray(result) ? result : [result]).map((r) => r.rows ?? []);
  }

  async query(sql: string, params?: readonly unknown[]): Promise<QueryResult> {
    return toQueryResult(await this.pool.query(sql, params ? [...params] : undefined));
  }

  async transaction<T>(fn: (session: SqlSession) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // NOTE: pg-pool detaches its idle 'error' listener while a client is checked out; without one, a
    // connection killed between statements would crash the process with an unhandled 'error'.
    let lost: Error | undefined;
    const onError = (e: Error) => {
      lost = e;
    };
    client.on('error', onError);
    let failed: unknown;
    try {
      // One message: the transaction starts and gets its lock timeout in one round trip.
      await client.query(`BEGIN READ WRITE; SET LOCAL lock_timeout = ${sqlInt(Math.round(this.lockTimeoutMs))}`);
      const session: SqlSession = {
        query: async (sql, params) => toQueryResult(await client.query(sql, params ? [...params] : undefined)),
      };
      const value = await fn(session);
      await client.query('COMMIT');
      return value;
    } catch (e) {
      failed = e;
      if (!lost) await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.removeListener('error', onError);
      // A client that failed mid-transaction or lost its connection is destroyed, not reused.
      client.release(lost ?? (failed instanceof Error && isConnectionError(failed) ? failed : undefined));
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

function isConnectionError(e: Error): boolean {
  const code = (e as { code?: unknown }).code;
  return (typeof code === 'string' && (code.startsWith('08') || code.startsWith('57P') || /^E[A-Z]+$/.test(code))) ||
    /connection terminated/i.test(e.message);
}

function toQueryResult(result: pg.QueryResult): QueryResult {
  return { rows: result.rows ?? [], rowCount: result.rowCount ?? result.rows?.length ?? 0 };
}
