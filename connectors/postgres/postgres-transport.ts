/**
 * The small slice of a PostgreSQL driver the shared connector code runs on. `pg` (a pool) and
 * PGlite (one embedded instance) each provide one, so both run the same SQL builders.
 */
import type { QueryResult, SqlSession } from '../types.js';

export interface PostgresTransport {
  /**
   * Sends `sql` (several statements, no parameters) as ONE simple-protocol message: one round
   * trip, one implicit transaction that rolls back on error. Returns each statement's rows as arrays.
   */
  script(sql: string): Promise<unknown[][][]>;
  /** One parameterised statement (extended protocol), outside an explicit transaction. */
  query(sql: string, params?: readonly unknown[]): Promise<QueryResult>;
  /** Runs `fn` inside BEGIN … COMMIT on one session; ROLLBACK when it throws. */
  transaction<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** What a read-only script sets for its one transaction: timeouts, the random seed, JIT. */
export interface ScriptSettings {
  readonly statementTimeoutMs: number;
  readonly lockTimeoutMs: number;
  /** Seeds random() for the transaction (reproducible samples). */
  readonly seed?: number;
  /** false: no JIT compilation for the statement (a big catalog query's estimate crosses jit_above_cost; compiling cost more than it saved). */
  readonly jit?: boolean;
}
