/**
 * Executes one row operation in batches, each batch its own short transaction: key ranges on the
 * primary key, ctid page ranges on a PostgreSQL table without one, otherwise "up to N pending
 * rows" repeated until none is left. Reports rows changed, batches and the longest batch.
 */
import type { Connector, SqlSession } from '../../connectors/types.js';
import { ctidBatch, keysetBatch, keysetBound, pageStats, statelessBatch } from './batch-sql.js';
import { SALT_SETTING } from './mask-sql.js';
import type { RowOperation } from './operations.js';
import { compile, type Compiled, type SqlFamily } from './sql-compiler.js';
import { sql } from 'kysely';

export interface BatchEvent {
  readonly item: string;
  readonly changed: number;
  readonly totalChanged: number;
  readonly ms: number;
}

export interface RowResult {
  readonly changed: number;
  readonly batches: number;
  /** Longest single batch transaction, ms: the longest any batch held its locks. */
  readonly longestBatchMs: number;
  /** How rows were batched: keyset, ctid, repeat. */
  readonly method: 'keyset' | 'ctid' | 'repeat';
}

export interface ApplyContext {
  readonly connector: Connector;
  readonly family: SqlFamily;
  readonly batchSize: number;
  /** The hash salt, passed as a parameter inside each batch's transaction; never in SQL text. */
  readonly salt?: string;
  readonly onBatch?: (e: BatchEvent) => void;
}

/** Runs `op` to completion. */
export async function applyRows(ctx: ApplyContext, op: RowOperation): Promise<RowResult> {
  const { family } = ctx;
  let changed = 0;
  let batches = 0;
  let longest = 0;
  const run = async (q: Compiled): Promise<number> => {
    const t0 = performance.now();
    const n = await ctx.connector.transaction(async (s) => {
      await setSalt(s, family, ctx.salt);
      return (await s.query(q.sql, q.parameters)).rowCount;
    });
    const ms = performance.now() - t0;
    longest = Math.max(longest, ms);
    batches++;
    changed += n;
    ctx.onBatch?.({ item: op.item.id, changed: n, totalChanged: changed, ms });
    return n;
  };

  if (op.table.primaryKey.length > 0) {
    let last: unknown[] | null = null;
    for (;;) {
      const b = compile(family, keysetBound(family, op.table, last, ctx.batchSize));
      const row = (await ctx.connector.query(b.sql, b.parameters)).rows[0];
      const upper = row ? op.table.primaryKey.map((_, i) => row[`k${i}`]) : null;
      await run(compile(family, keysetBatch(family, op, last, upper)));
      if (!upper) break;
      last = upper;
    }
    return { changed, batches, longestBatchMs: longest, method: 'keyset' };
  }
  if (family === 'postgres') {
    const st = compile(family, pageStats(op.table));
    const r = (await ctx.connector.query(st.sql, st.parameters)).rows[0] ?? {};
    const pages = Number(r['pages'] ?? 0);
    const relpages = Number(r['relpages'] ?? 0);
    const tuples = Number(r['tuples'] ?? 0);
    const perPage = relpages > 0 && tuples > 0 ? tuples / relpages : 100;
    const step = Math.max(1, Math.floor(ctx.batchSize / perPage));
    for (let p = 0; p < pages; p += step) await run(compile(family, ctidBatch(op, p, p + step)));
    // Rows written past the pages counted at the start (concurrent inserts) get a stateless sweep.
    while ((await run(compile(family, statelessBatch(family, op, ctx.batchSize)))) > 0);
    return { changed, batches, longestBatchMs: longest, method: 'ctid' };
  }
  const q = compile(family, statelessBatch(family, op, ctx.batchSize));
  while ((await run(q)) > 0);
  return { changed, batches, longestBatchMs: longest, method: 'repeat' };
}

/** Sets the hash salt for the current transaction only (a parameter, never SQL text). */
async function setSalt(s: SqlSession, family: SqlFamily, salt: string | undefined): Promise<void> {
  if (salt === undefined) return;
  if (family === 'postgres') {
    const q = compile(family, sql`SELECT set_config(${SALT_SETTING.postgres}, ${salt}, true)`);
    await s.query(q.sql, q.parameters);
  } else if (family === 'mysql') {
    await s.query(`SET ${SALT_SETTING.mysql} = ?`, [salt]);
  } else {
    const q = compile(family, sql`EXEC sp_set_session_context @key = ${SALT_SETTING.mssql}, @value = ${salt}`);
    await s.query(q.sql, q.parameters);
  }
}

/** Runs DDL statements (restrict, drop) in one transaction. MySQL REVOKE of a grant that is not there is a no-op. */
export async function applyDdl(connector: Connector, family: SqlFamily, statements: readonly Compiled[]): Promise<void> {
  for (const q of statements) {
    try {
      await connector.transaction((s) => s.query(q.sql, q.parameters));
    } catch (e) {
      // NOTE: MySQL/MariaDB refuse to REVOKE a grant that does not exist (1147/1141); that is the goal state.
      const msg = e instanceof Error ? `${e.message} ${String((e.cause as Error | undefined)?.message ?? '')}` : '';
      if (family === 'mysql' && /^REVOKE/i.test(q.sql) && /no such grant|There is no such grant/i.test(msg)) continue;
      throw e;
    }
  }
}
