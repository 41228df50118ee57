/**
 * The Connector for the PostgreSQL family, on any PostgresTransport: `PostgresConnector` (pg pool)
 * and `PgliteConnector` (embedded) only supply the transport, so both run the same SQL.
 */
import type { Dialect } from '../../src/types.js';
import type {
  CatalogTable,
  Connector,
  ConnectorOptions,
  QueryResult,
  SampleOptions,
  SqlSession,
  TableSample,
  WriteDialect,
} from '../types.js';
import { postgresWriteDialect } from './postgres-migrate-dialect.js';
import { readCatalog, tableKey, type RelationSize } from './postgres-catalog.js';
import { mapPostgresError } from './postgres-errors.js';
import { READ_ONLY_PREAMBLE_STATEMENTS, runReadOnly } from './postgres-read-only.js';
import { takeSample } from './postgres-sample.js';
import type { PostgresTransport } from './postgres-transport.js';

export class PostgresBaseConnector implements Connector {
  readonly dialect: Dialect;
  readonly write: WriteDialect = postgresWriteDialect((text, params) => this.query(text, params));
  protected readonly transport: PostgresTransport;
  protected readonly options: ConnectorOptions;
  private sizes = new Map<string, RelationSize>();
  private closed: Promise<void> | undefined;

  protected constructor(dialect: Dialect, transport: PostgresTransport, options: ConnectorOptions) {
    this.dialect = dialect;
    this.transport = transport;
    this.options = options;
  }

  /** `PostgreSQL 15.20`. */
  async serverVersion(): Promise<string> {
    const { rows } = await this.query("SELECT current_setting('server_version') AS v");
    return `PostgreSQL ${String(rows[0]?.['v'] ?? '').split(' ')[0]}`;
  }

  async catalog(): Promise<CatalogTable[]> {
    try {
      const { tables, sizes } = await readCatalog(this.transport, this.options);
      this.sizes = new Map(sizes);
      return tables;
    } catch (e) {
      throw mapPostgresError(e, { source: this.options.name });
    }
  }

  /**
   * One read-only statement per table (see postgres-sample.ts). A table the last catalog() did not
   * list (its size unknown) first re-reads the catalog, and `queries` counts that too.
   */
  async sample(table: CatalogTable, options: SampleOptions): Promise<TableSample> {
    const label = `${table.schema}.${table.name}`;
    try {
      let extra = 0;
      let size = this.sizes.get(tableKey(table.schema, table.name));
      if (!size) {
        await this.catalog();
        extra = READ_ONLY_PREAMBLE_STATEMENTS + 1;
        size = this.sizes.get(tableKey(table.schema, table.name)) ?? { rowEstimate: table.rowEstimate, pages: null };
      }
      const result = await takeSample(this.transport, table, size, options);
      return extra === 0 ? result : Object.freeze({ ...result, queries: result.queries + extra });
    } catch (e) {
      throw mapPostgresError(e, { source: this.options.name, table: label });
    }
  }

  /**
   * Read-write transaction; rolled back when `fn` throws. On pg it runs under lock_timeout =
   * options.lockTimeoutMs (LOCK_TIMEOUT rather than queueing DDL behind the department's work).
   * NOTE: inside `fn`, use the session only: on PGlite (one backend) a call to this connector's
   * `query` would wait for the transaction to end.
   */
  async transaction<T>(fn: (session: SqlSession) => Promise<T>): Promise<T> {
    let inner: unknown;
    try {
      return await this.transport.transaction(async (session) => {
        try {
          return await fn(session);
        } catch (e) {
          inner = e;
          throw e;
        }
      });
    } catch (e) {
      // Errors from `fn` itself (a plan check, a MinimError) pass through; driver errors are mapped.
      if (e === inner && !isDriverError(e)) throw e;
      throw mapPostgresError(e, { source: this.options.name });
    }
  }

  async query(sql: string, params?: readonly unknown[]): Promise<QueryResult> {
    try {
      return await this.transport.query(sql, params);
    } catch (e) {
      throw mapPostgresError(e, { source: this.options.name });
    }
  }

  /** Idempotent. */
  close(): Promise<void> {
    this.closed ??= this.transport.close().catch(() => undefined);
    return this.closed;
  }
}

/** A pg / PGlite server error (it carries a SQLSTATE) or a socket error. */
function isDriverError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (/^[0-9A-Z]{5}$/.test(code) || /^E[A-Z]+$/.test(code));
}
