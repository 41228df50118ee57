/**
 * The contract every engine implements. `src/` talks to databases only through this
 * interface (and `openConnector`); it never imports a driver.
 */
import type { AccessReader, ColumnRef, ReaderPath, RowSecurity } from '../src/access/types.js';
import type { Dialect } from '../src/types.js';

/** What the classifier needs to know of a column's type, whatever the engine calls it. */
export type TypeClass =
  | 'text'
  | 'integer'
  | 'decimal'
  | 'date'
  | 'timestamp'
  | 'time'
  | 'boolean'
  | 'binary'
  | 'json'
  | 'array'
  | 'uuid'
  | 'spatial'
  | 'other';

export interface CatalogColumn {
  readonly name: string;
  /** 1-based ordinal position. */
  readonly position: number;
  /** The engine's own type name, e.g. `character varying(20)`, `varchar(20)`, `nvarchar(max)`. */
  readonly dataType: string;
  readonly typeClass: TypeClass;
  readonly nullable: boolean;
  /** Declared character length, when the type has one. */
  readonly maxLength: number | null;
  /** Column comment / extended property / sensitivity label text, when present. */
  readonly comment: string | null;
}

export type TableKind = 'table' | 'view' | 'materialized_view' | 'partitioned' | 'foreign';

export interface CatalogTable {
  /** Schema (PostgreSQL, SQL Server `db.schema` when several databases) or database (MySQL). */
  readonly schema: string;
  readonly name: string;
  readonly kind: TableKind;
  /** From the catalog (reltuples, TABLE_ROWS, sys.partitions); null when never analyzed. */
  readonly rowEstimate: number | null;
  /** Primary key column names in key order; empty when the table has none. */
  readonly primaryKey: readonly string[];
  readonly columns: readonly CatalogColumn[];
  readonly comment: string | null;
}

export interface SampleOptions {
  /** Target rows (an upper bound; a small table returns all its rows). */
  readonly rows: number;
  /** The columns to fetch, in this order. */
  readonly columns: readonly CatalogColumn[];
  /** Text values are cut to this many characters inside the database. */
  readonly maxValueLength: number;
  readonly statementTimeoutMs: number;
  readonly lockTimeoutMs: number;
  /**
   * 1..2147483647: the same seed draws the same rows from unchanged data (reproducible audits;
   * PostgreSQL `REPEATABLE` + `setseed`, MySQL probe positions and `RAND(seed)`). Absent: random.
   */
  readonly seed?: number;
}

export interface TableSample {
  /** Rows returned. */
  readonly rows: number;
  /** Column-major: `values[i]` holds the values of `options.columns[i]`, as text; SQL NULL is null. */
  readonly values: ReadonlyArray<ReadonlyArray<string | null>>;
  /** How the rows were chosen, e.g. `tablesample-system(0.8%)`, `full`, `pk-probes`. */
  readonly method: string;
  /** Statements issued to take the sample. */
  readonly queries: number;
}

/** One column to count exact matches in, for `Connector.countMatches`. */
export interface CountTarget {
  readonly column: string;
  readonly regex: string;
}

export interface QueryResult {
  readonly rows: ReadonlyArray<Record<string, unknown>>;
  /** Rows affected, for DML. */
  readonly rowCount: number;
}

/** The small slice of a session used by migrate, label and access: raw parameterised SQL. */
export interface SqlSession {
  query(sql: string, params?: readonly unknown[]): Promise<QueryResult>;
}

export interface ConnectorOptions {
  /** The source's name, used in error messages (never the URL). */
  readonly name: string;
  /** Per-server concurrency: the pool size. */
  readonly concurrency: number;
  readonly connectTimeoutMs: number;
  readonly statementTimeoutMs: number;
  readonly lockTimeoutMs: number;
}

export interface Connector {
  readonly dialect: Dialect;
  /** Server version string, e.g. `PostgreSQL 15.20`, `10.11.19-MariaDB`. */
  serverVersion(): Promise<string>;
  /** Every user table and view, ordered by schema, table; columns by position. */
  catalog(): Promise<CatalogTable[]>;
  /** A bounded sample of one table, in a read-only transaction with timeouts: one query per table. */
  sample(table: CatalogTable, options: SampleOptions): Promise<TableSample>;
  /**
   * Exact counts inside the database, in ONE statement (one pass over the table): for each target,
   * the rows whose column matches its regex (POSIX-ish, the subset all engines share); null where
   * this engine cannot push that pattern down. Absent where the engine cannot count at all.
   */
  countMatches?(table: CatalogTable, targets: readonly CountTarget[]): Promise<Array<number | null>>;
  /** Runs `fn` in one read-write transaction (migrate --apply, label --apply). */
  transaction<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  /** Runs one statement outside an explicit transaction (read-only callers: access, verify). */
  query(sql: string, params?: readonly unknown[]): Promise<QueryResult>;
  close(): Promise<void>;
}

/**
 * What an engine knows about read privileges (`connectors/<engine>/<engine>-grants.ts`): who can
 * read a column and how, and the SQL that takes one grant back. Registered once in
 * `connectors/index.ts` (`grantsDialect`); `src/access` holds no dialect branch.
 */
export interface GrantsDialect {
  /** Readers of each column, keyed by `refKey` (schema, table, column as the scan names them). */
  readers(session: SqlSession, refs: readonly ColumnRef[]): Promise<Map<string, AccessReader[]>>;
  /** Row-level security per table, keyed `JSON.stringify([schema, table])`; only tables that have any. */
  rowSecurity?(session: SqlSession, refs: readonly ColumnRef[]): Promise<Map<string, RowSecurity>>;
  /**
   * The statement taking back the grant `path` ends in (column, table or view grant), identifiers
   * quoted by construction; a string starting `refused:` when this engine cannot take it back
   * without dropping a role or a membership (or it is no grant: owner, superuser).
   */
  revokeSql(path: ReaderPath): string;
  /** Whether the grantee of `path` still holds that grant, re-read from the catalog. */
  stillGranted(session: SqlSession, path: ReaderPath): Promise<boolean>;
  /**
   * Whether `principal` can read the column, as the engine itself answers it (PostgreSQL
   * has_column_privilege with schema USAGE); absent where the engine has no such question.
   */
  canRead?(session: SqlSession, principal: string, ref: ColumnRef): Promise<boolean>;
}
