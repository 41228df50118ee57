/** PostgresTransport on one PGlite instance, every operation serialised through a queue. */
import type { QueryResult, SqlSession } from '../types.js';
import type { PostgresTransport } from '../postgres/postgres-transport.js';

interface PgliteResults {
  rows: unknown[];
  affectedRows?: number;
}

interface PgliteQueryable {
  query(sql: string, params?: unknown[], options?: { rowMode?: 'array' | 'object' }): Promise<PgliteResults>;
  exec(sql: string, options?: { rowMode?: 'array' | 'object' }): Promise<PgliteResults[]>;
}

/** The slice of a PGlite instance this transport uses (a fake `{ query, exec }` will do in unit tests). */
export interface PgliteLike extends PgliteQueryable {
  transaction<T>(fn: (tx: PgliteQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export class PgliteTransport implements PostgresTransport {
  // NOTE: PGlite is single-threaded (one backend): the queue makes each operation, a transaction
  // included, run whole before the next starts.
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: PgliteLike) {}

  script(sql: string): Promise<unknown[][][]> {
    return this.enqueue(async () => (await this.db.exec(sql, { rowMode: 'array' })).map((r) => r.rows as unknown[][]));
  }

  query(sql: string, params?: readonly unknown[]): Promise<QueryResult> {
    return this.enqueue(async () => toQueryResult(await this.db.query(sql, params ? [...params] : undefined)));
  }

  transaction<T>(fn: (session: SqlSession) => Promise<T>): Promise<T> {
    return this.enqueue(() =>
      this.db.transaction(async (tx) =>
        fn({ query: async (sql, params) => toQueryResult(await tx.query(sql, params ? [...params] : undefined)) }),
      ),
    );
  }

  close(): Promise<void> {
    return this.enqueue(() => this.db.close());
  }

  private enqueue<T>(op: () => Promise<T>): Promise<T> {
    const run = this.tail.then(op);
    this.tail = run.catch(() => undefined);
    return run;
  }
}

function toQueryResult(result: PgliteResults): QueryResult {
  return { rows: result.rows as Array<Record<string, unknown>>, rowCount: result.affectedRows ?? result.rows.length };
}
