/** Server-side check of what a scan cost: transactions and rows written in one PostgreSQL database. */
import pg from 'pg';

/** Counters of `pg_stat_database` for the database of `url`. */
export interface PgActivity {
  readonly transactions: number;
  readonly rowsWritten: number;
}

/** Reads the counters (from a fresh connection, so the stats snapshot is current). */
export async function pgActivity(url: string): Promise<PgActivity> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query(
      `SELECT xact_commit + xact_rollback AS x, tup_inserted + tup_updated + tup_deleted AS w
         FROM pg_stat_database WHERE datname = current_database()`,
    );
    return { transactions: Number(r.rows[0]?.x ?? 0), rowsWritten: Number(r.rows[0]?.w ?? 0) };
  } finally {
    await c.end();
  }
}

/** Counter deltas around `fn`, after the backends of `fn` have flushed their statistics. */
export async function pgActivityDuring<T>(url: string, fn: () => Promise<T>): Promise<[T, PgActivity]> {
  const before = await pgActivity(url);
  const result = await fn();
  // NOTE: PostgreSQL 15 backends flush their statistics at most once a second, and at exit.
  await new Promise((r) => setTimeout(r, 1500));
  const after = await pgActivity(url);
  // The two reads here are transactions of their own: one is counted in the delta.
  return [result, { transactions: after.transactions - before.transactions - 1, rowsWritten: after.rowsWritten - before.rowsWritten }];
}
