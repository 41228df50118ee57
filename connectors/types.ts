/**
 * The contract every engine implements. `src/` talks to databases only through this
 * interface (and `openConnector`); it never imports a driver.
 */
import type { RawBuilder } from 'kysely';
import type { AccessReader, ColumnRef, ReaderPath, RowSecurity } from '../src/access/types.js';
import type { DemoColumn } from '../src/demo/model.js';
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
  /**
   * PostgreSQL: the built-in base type's name (`pg_type.typname` after domains are resolved, e.g.
   * `int4`, `timestamptz`, `varchar`), which the sample statement casts a value to before reading
   * it uncut (postgres-sample-sql.ts). Absent for other engines.
   */
  readonly baseType?: string;
  /** Column comment / extended property / sensitivity label text, when present. */
  readonly comment: string | null;
  /** A generated / computed column (never written by migrate). */
  readonly generated?: boolean;
  /**
   * False when the account may not SELECT this column (column-level grants only on others): the
   * scan samples the readable columns and lists this one as skipped. Absent: readable.
   */
  readonly readable?: boolean;
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
  /**
   * The same values, per column as one text (joined-values.ts), when the connector read them so:
   * passed on whole to where they are classified. `values` splits them when read.
   */
  readonly joined?: ReadonlyArray<string | null>;
  /** How the rows were chosen, e.g. `tablesample-system(0.8%)`, `full`, `pk-probes`. */
  readonly method: string;
  /** Statements issued to take the sample. */
  readonly queries: number;
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
  /** The write path's catalog facts and SQL spellings (migrate preflight, batches, checksums). */
  readonly write?: WriteDialect;
  /** Runs `fn` in one read-write transaction (migrate --apply, label --apply). */
  transaction<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  /** Runs one statement outside an explicit transaction (read-only callers: access, verify). */
  query(sql: string, params?: readonly unknown[]): Promise<QueryResult>;
  close(): Promise<void>;
}

/** What the write path must know of a table before changing it (one catalog read per table). */
export interface TableFacts {
  readonly kind: TableKind;
  /** Generated / computed columns. */
  readonly generated: readonly string[];
  /** Unique constraints and unique indexes: their name and columns. */
  readonly uniques: ReadonlyArray<{ readonly name: string; readonly columns: readonly string[] }>;
  /** Keys usable for batching, best first: the primary key, then unique keys whose columns are all NOT NULL. */
  readonly keys: ReadonlyArray<readonly string[]>;
  /** Row triggers firing on UPDATE or DELETE. */
  readonly triggers: ReadonlyArray<{ readonly name: string; readonly events: readonly ('update' | 'delete')[] }>;
  /** Rewrite rules on the table (PostgreSQL). */
  readonly rules: readonly string[];
  /** Columns the engine rewrites on every UPDATE (MySQL/MariaDB `ON UPDATE CURRENT_TIMESTAMP`). */
  readonly onUpdate: readonly string[];
  /** Foreign keys of other tables (or this one) that reference this table: name, referencing table, referenced columns here. */
  readonly referencedBy: ReadonlyArray<{ readonly name: string; readonly table: string; readonly columns: readonly string[] }>;
  /** Foreign keys of this table: name, its columns, the table they reference. */
  readonly references: ReadonlyArray<{ readonly name: string; readonly columns: readonly string[]; readonly table: string }>;
  /** A physical row locator usable for batches of a keyless table with a value guard (PostgreSQL `ctid`), else null. */
  readonly rowLocator: string | null;
  /** For a view: view column → the base column it reads, where the catalog says so. */
  readonly viewBase?: ReadonlyMap<string, { readonly schema: string; readonly table: string; readonly column: string }>;
}

/** The SQL family a dialect speaks (PGlite speaks PostgreSQL). */
export type SqlFamily = 'postgres' | 'mysql' | 'mssql';

/** A statement ready to run: text with the dialect's placeholders ($1, ?, @1) and its parameters. */
export interface Compiled {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

/** What a mask writes (`set`) and which rows it would still change (`pending`; false once masked). */
export interface ColumnChange {
  readonly set: RawBuilder<unknown>;
  readonly pending: RawBuilder<unknown>;
}

/** One item's batch loop in the SQL file: the item, the schema its table lives in, its position. */
export interface ScriptBatch {
  readonly item: string;
  readonly schema: string;
  readonly index: number;
}

/**
 * The write path's SQL spellings (`connectors/<engine>/<engine>-migrate-dialect.ts`): everything
 * src/migrate writes that differs per engine, none of it needing a connection (the SQL file and
 * compile-only tests use it as is). Registered once in `connectors/index.ts` (`writeSql`).
 */
export interface WriteSql {
  /** The SQL family, as the SQL file's header names it. */
  readonly family: SqlFamily;
  /** Compiles a kysely `sql` template for this engine (compile-only, no connection). */
  compile(q: RawBuilder<unknown>): Compiled;
  /** `expr` as the server's own text (batch keys travel as text, compared back in the column's own type). */
  asText(expr: RawBuilder<unknown>): RawBuilder<unknown>;
  /** `a` equals `b`, NULL equal to NULL. */
  nullSafeEquals(a: RawBuilder<unknown>, b: RawBuilder<unknown>): RawBuilder<unknown>;
  /** A per-row integer hash of `columns` (NULLs distinct from any value); 0 for no columns. */
  rowHash(columns: readonly string[]): RawBuilder<unknown>;
  /** An aggregate over the rows of a query: the sum of `rowHash(columns)` as decimal text (order-independent). */
  checksum(columns: readonly string[]): RawBuilder<unknown>;
  /**
   * Optional: many guarded single-row updates in ONE statement (each row changed only if its
   * column still holds `old`); rowCount is the rows written. Without it, one statement per row.
   */
  guardedUpdateMany?(
    table: { readonly schema: string; readonly name: string },
    key: ReadonlyArray<{ readonly name: string; readonly dataType: string }>,
    column: string,
    keep: readonly string[],
    rows: ReadonlyArray<{ readonly key: readonly string[]; readonly old: string; readonly value: string }>,
  ): RawBuilder<unknown>;
  /** Optional: `column` is one of `values` (text, compared as `dataType`) in one array parameter. */
  keyAny?(column: string, dataType: string, values: readonly string[]): RawBuilder<unknown>;
  /**
   * Row limits of a SELECT … ORDER BY: `top(n)` goes after SELECT, `limit(n)` at the end (one of
   * them is empty); `nth(n)` at the end selects only the n-th row.
   */
  readonly rows: {
    top(n: number): RawBuilder<unknown>;
    limit(n: number): RawBuilder<unknown>;
    nth(n: number): RawBuilder<unknown>;
  };
  /** The row-lock suffix of a SELECT (`FOR UPDATE`), or the table hint (SQL Server) given as `hint`. */
  readonly lock: { readonly suffix: string; readonly hint: string };
  /**
   * The SQL-side masks, on column `c` (an identifier built with sql.id): what each writes and which
   * rows it would still change. The strategy's type checks stay engine-neutral (src/migrate/mask-sql.ts).
   */
  readonly mask: {
    /** Every letter and digit but the last four becomes `*`. */
    last4(c: RawBuilder<unknown>): ColumnChange;
    /** `sha256:` + hex of SHA-256(salt || value), the salt read from the session (`saltStatement`). */
    hash(c: RawBuilder<unknown>): ColumnChange;
    /** January 1st of the same year (`pureDate`: a date column, else a timestamp). */
    yearOfDate(c: RawBuilder<unknown>, pureDate: boolean): ColumnChange;
    /** A text date keeps its 4-digit year only; no year → NULL. */
    yearOfText(c: RawBuilder<unknown>): ColumnChange;
  };
  /** `column` holds a time more than `n` days / months / years before now (a purge's rows). */
  olderThan(column: RawBuilder<unknown>, n: number, unit: 'd' | 'm' | 'y'): RawBuilder<unknown>;
  /** The REVOKE of SELECT on one column from `role` (`PUBLIC` in any case), or why there is none here. */
  revokeColumn(table: RawBuilder<unknown>, column: RawBuilder<unknown>, role: string): { readonly statement: RawBuilder<unknown> } | { readonly note: string };
  /**
   * One stateless batch for the SQL file: change at most `n` pending rows. `head(top)` is the
   * UPDATE … SET or DELETE FROM with `top` placed after the verb; `keyColumns` may be empty.
   */
  statelessBatch(b: {
    readonly table: RawBuilder<unknown>;
    readonly head: (top: RawBuilder<unknown>) => RawBuilder<unknown>;
    readonly pending: RawBuilder<unknown>;
    readonly keyColumns: readonly string[];
    readonly n: number;
  }): RawBuilder<unknown>;
  /** Sets the hash salt for the current transaction only: a bound parameter, never SQL text. */
  saltStatement(salt: string): Compiled;
  /** The SQL file's engine parts: how to run it, the salt set from an environment variable, one item's batch loop. */
  readonly script: {
    header(): string[];
    saltSetup(env: string): string[];
    loop(statement: string, batch: ScriptBatch): string[];
  };
  /** Whether `error` from running `statement` means the grant to take back is already gone (the goal state). */
  revokedAlready(statement: string, error: unknown): boolean;
}

/** The write path's catalog facts and SQL spellings (migrate preflight, batches, checksums). */
export interface WriteDialect extends WriteSql {
  /** Catalog facts of one table. */
  tableFacts(schema: string, table: string): Promise<TableFacts>;
}

/** A label a column gets in its engine, and the statement writing it (empty with `skip`). */
export interface LabelStatement {
  readonly target: LabelTarget;
  readonly sql: string;
  /** Why the column is left alone (already labelled, a view, not found), instead of a statement. */
  readonly skip?: string;
}

/** A sensitive column and the categories its label names. */
export interface LabelTarget {
  readonly schema: string;
  readonly table: string;
  readonly column: string;
  readonly categories: readonly string[];
}

/**
 * Where and how an engine keeps column labels (`connectors/<engine>/<engine>-labels.ts`): reads
 * the columns' current labels and states the statements, then runs them. Registered once in
 * `connectors/index.ts` (`labelsDialect`); `src/label` holds no dialect branch.
 */
export interface LabelsDialect {
  /** Reads the targets' current labels and returns what to write (nothing is changed). */
  plan(session: SqlSession, targets: readonly LabelTarget[]): Promise<LabelStatement[]>;
  /** Runs the statements (not skipped); returns how many ran. */
  apply(connector: Pick<Connector, 'transaction' | 'query'>, statements: readonly LabelStatement[]): Promise<number>;
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

/**
 * How an engine spells the demo city (`connectors/<engine>/<engine>-demo-sql.ts`): identifiers,
 * types, literals and the few statements around the tables. `src/demo` renders through it.
 */
export interface DemoSpelling {
  quoteIdent(name: string): string;
  columnType(column: DemoColumn): string;
  /** A string literal for a text column. */
  text(value: string): string;
  /** A string literal for a date or timestamp column. */
  temporal(value: string): string;
  bool(value: boolean): string;
  /** What holds a department: its schema, or (MySQL) the database `<prefix><schema>`. */
  container(schema: string, prefix: string): string;
  /** Statements before the schemas (SQL Server: the database, created when missing, and USE). */
  prelude(database: string): string[];
  /** Creates a department's container (already quoted). */
  createContainer(quoted: string): string;
  /** The name clause before PRIMARY KEY (`CONSTRAINT [pk_…] `), or ''. */
  primaryKeyName(schema: string, table: string): string;
  /** After CREATE TABLE's closing parenthesis (` ENGINE=InnoDB`), or ''. */
  tableOptions: string;
  /** Refreshes a table's statistics. */
  analyze(ref: string): string;
  /** The seed file: what it starts with, and what ends every statement (`GO` batches on SQL Server). */
  readonly file: { readonly preamble: string; readonly terminator: string };
}
