import type { Logger } from '../util/log.js';
import type { ScanColumn, ScanError, ScanResult, ScanRisk } from '../types.js';

/** One database to scan. */
export interface SourceSpec {
  /** Unique name used in results and item ids (letters, digits, `_`, `-`). */
  readonly name: string;
  /** postgres://…, mysql://…, mssql://…, pglite:DIR. `${ENV}` already interpolated. */
  readonly url: string;
  readonly department?: string;
  /** Department of each schema, when the source holds several (schema → department name). */
  readonly departments?: Readonly<Record<string, string>>;
  /** Per-source table patterns (`schema.table` globs), added to the scan-wide ones. */
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
  /** Per-server concurrency override. */
  readonly concurrency?: number;
}

/** Progress events for a progress bar (stderr) — never carry values. */
export type ScanProgress =
  | { kind: 'source-start'; source: string; tables: number }
  | { kind: 'table-done'; source: string; table: string; rows: number; error?: string }
  | { kind: 'source-done'; source: string };

export interface ScanOptions {
  /** Sources to scan; empty or absent → the embedded demo city. */
  readonly sources?: readonly SourceSpec[];
  /** Target sample rows per table (default 1000). */
  readonly sampleRows?: number;
  /** Per-server concurrency (default 4). */
  readonly concurrency?: number;
  /** Global concurrency across all servers (default 16). */
  readonly globalConcurrency?: number;
  /** `schema.table` glob patterns (picomatch); a bare `table` pattern matches any schema. */
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
  /** Extra rules directories (`--rules DIR`), loaded after the built-in rules/. */
  readonly rulesDirs?: readonly string[];
  /** Keep low-confidence candidates on each column (`--show-candidates`). */
  readonly showCandidates?: boolean;
  /** Count matches over whole tables inside the database for reported findings (`--exact`). */
  readonly exact?: boolean;
  readonly statementTimeoutMs?: number;
  /**
   * Statement timeout for sampling a view (default 5000, never above statementTimeoutMs): a slow
   * view's statement holds its base tables' locks while it runs (`--view-timeout`).
   */
  readonly viewTimeoutMs?: number;
  readonly lockTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
  /** Reproducible samples: the same seed draws the same rows from unchanged data (`--seed`). */
  readonly sampleSeed?: number;
  /** Text values are cut to this many characters in the database (default 4096). */
  readonly maxValueLength?: number;
  readonly logger?: Logger;
  readonly onProgress?: (event: ScanProgress) => void;
  /** Called as each table finishes (for streaming NDJSON output); the outcome holds no raw value. */
  readonly onTable?: (outcome: TableResult) => void | Promise<void>;
  /** Tables to leave out because an earlier run finished them (`--resume`). */
  readonly skipTable?: (source: string, schema: string, table: string) => boolean;
  /**
   * Worker threads that classify samples off the thread driving the connections (0: in-thread).
   * Default: a pool sized to the machine (none below 4 cores) when a source has 200 tables or more,
   * else in-thread (pipelined: the next statement is sent before a sample is classified).
   */
  readonly classifyThreads?: number;
  /** Demo cache directory override (tests). */
  readonly demoCacheDir?: string;
}

/** One finished table: its columns, its error if any, its re-identification risk if any. */
export interface TableResult {
  readonly source: string;
  readonly schema: string;
  readonly table: string;
  readonly columns: readonly ScanColumn[];
  readonly error: ScanError | null;
  readonly risk: ScanRisk | null;
}

export type { ScanResult };
