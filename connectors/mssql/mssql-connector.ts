/**
 * The SQL Server connector on `mssql` (tedious). Scans read through a pool with
 * ApplicationIntent=ReadOnly, each sample in a READ COMMITTED transaction that is rolled back, with
 * `SET LOCK_TIMEOUT` and a per-request timeout. The read-write path (migrate, label) uses a second
 * pool without read-only intent, opened on first use.
 */
import sql from 'mssql';
import { MinimError } from '../../src/errors.js';
import { registerSecret } from '../../src/util/log.js';
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
import { mssqlWriteDialect } from './mssql-migrate-dialect.js';
import { listDatabasesSql, readMssqlCatalog, type MssqlRowSource } from './mssql-catalog.js';
import { mapMssqlError, type MssqlErrorContext } from './mssql-errors.js';
import type { MssqlLocation } from './mssql-quote.js';
import { takeMssqlSample } from './mssql-sample.js';
import { lockTimeoutSql } from './mssql-sample-sql.js';
import { VERSION_SQL, assertSupported, parseMssqlVersion, type MssqlServer } from './mssql-session.js';
import { mssqlTarget, type MssqlTarget } from './mssql-url.js';

/** Database errors after which a listed database is skipped: it went away between listing and reading. */
const VANISHED = new Set([911, 942, 4060, 40613]);

type RequestCtor = new (parent: sql.ConnectionPool | sql.Transaction, overrides?: { requestTimeout?: number }) => sql.Request;
/** NOTE: mssql's Request takes `{ requestTimeout }` overrides as a second argument (untyped in @types/mssql). */
const Request = sql.Request as unknown as RequestCtor;

/** SQL Server 2017+ and Azure SQL. Open with `MssqlConnector.open(url, options)`. */
export class MssqlConnector implements Connector {
  readonly dialect = 'mssql' as const;
  readonly write: WriteDialect = mssqlWriteDialect((text, params) => this.query(text, params));
  readonly #locations = new Map<string, MssqlLocation>();
  #writePool: Promise<sql.ConnectionPool> | null = null;

  private constructor(
    private readonly pool: sql.ConnectionPool,
    private readonly target: MssqlTarget,
    private readonly server: MssqlServer,
    private readonly options: ConnectorOptions,
  ) {}

  /** Connects (checking credentials, database and version) or throws a MinimError. */
  static async open(url: string, options: ConnectorOptions): Promise<MssqlConnector> {
    const target = mssqlTarget(url, options);
    if (target.config.password) registerSecret(target.config.password);
    const loginNumbers: number[] = [];
    const pool = await connectPool(target.config, options.name, target.redacted, loginNumbers);
    try {
      const req = new Request(pool);
      req.arrayRowMode = true;
      const result = await req.query(VERSION_SQL);
      const server = parseMssqlVersion((result.recordset as unknown as unknown[][])[0] ?? []);
      assertSupported(server, options.name);
      return new MssqlConnector(pool, target, server, options);
    } catch (e) {
      await pool.close().catch(() => {});
      throw mapMssqlError(e, { source: options.name, url: target.redacted });
    }
  }

  async serverVersion(): Promise<string> {
    return this.server.version;
  }

  async catalog(): Promise<CatalogTable[]> {
    const ctx = { source: this.options.name };
    const src: MssqlRowSource = {
      recordsets: async (batch) => {
        const req = new Request(this.pool);
        req.arrayRowMode = true;
        const result = await req.query(batch);
        return result.recordsets as unknown as unknown[][][];
      },
    };
    try {
      const single = this.target.database;
      const databases = single !== null ? [single] : (await src.recordsets(listDatabasesSql()))[0]!.map((r) => String(r[0]));
      const out: CatalogTable[] = [];
      for (const database of databases) {
        let tables;
        try {
          tables = await readMssqlCatalog(src, database, single === null);
        } catch (e) {
          // NOTE: a database dropped or taken offline after it was listed is skipped; others still scan.
          if (single === null && VANISHED.has(Number((e as { number?: unknown }).number))) continue;
          throw e;
        }
        for (const t of tables) {
          this.#locations.set(locationKey(t.table), t.location);
          out.push(t.table);
        }
      }
      return out;
    } catch (e) {
      throw mapMssqlError(e, ctx);
    }
  }

  async sample(table: CatalogTable, options: SampleOptions): Promise<TableSample> {
    const loc = this.#locate(table);
    return this.#readOnly(table, (tx) =>
      takeMssqlSample(
        {
          rows: async (batch) => {
            const req = new Request(tx, { requestTimeout: options.statementTimeoutMs });
            req.arrayRowMode = true;
            const r = await req.query(batch);
            const sets = r.recordsets as unknown as unknown[][][];
            return sets[sets.length - 1] ?? [];
          },
        },
        loc,
        table,
        options,
      ),
    );
  }

  /** Parameters bind positionally as `@1`, `@2`, … (kysely's MssqlDialect placeholders). */
  async transaction<T>(fn: (session: SqlSession) => Promise<T>): Promise<T> {
    const ctx = { source: this.options.name };
    const pool = await this.#write();
    const tx = new sql.Transaction(pool);
    try {
      await tx.begin(sql.ISOLATION_LEVEL.READ_COMMITTED);
    } catch (e) {
      throw mapMssqlError(e, ctx);
    }
    try {
      await runQuery(new Request(tx, { requestTimeout: 0 }), lockTimeoutSql(this.options.lockTimeoutMs));
      const result = await fn({ query: (text, params) => runQuery(new Request(tx, { requestTimeout: 0 }), text, params) });
      await tx.commit();
      return result;
    } catch (e) {
      await tx.rollback().catch(() => {});
      throw mapMssqlError(e, ctx);
    }
  }

  /** One statement on the read-only pool; parameters bind as `@1`, `@2`, … */
  async query(text: string, params?: readonly unknown[]): Promise<QueryResult> {
    try {
      return await runQuery(new Request(this.pool, { requestTimeout: this.options.statementTimeoutMs }), text, params);
    } catch (e) {
      throw mapMssqlError(e, { source: this.options.name });
    }
  }

  async close(): Promise<void> {
    const write = this.#writePool;
    this.#writePool = null;
    await Promise.allSettled([this.pool.close(), write?.then((p) => p.close())]);
  }

  /** Where `table` really lives (database, schema). */
  #locate(table: CatalogTable): MssqlLocation {
    const known = this.#locations.get(locationKey(table));
    if (known) return known;
    if (this.target.database !== null) return { database: this.target.database, schema: table.schema };
    // NOTE: a table the catalog did not list: split `db.schema` at the first dot.
    const dot = table.schema.indexOf('.');
    return dot < 0 ? { database: 'master', schema: table.schema } : { database: table.schema.slice(0, dot), schema: table.schema.slice(dot + 1) };
  }

  /** Runs `fn` in a READ COMMITTED transaction that is always rolled back; errors mapped for `table`. */
  async #readOnly<T>(table: CatalogTable, fn: (tx: sql.Transaction) => Promise<T>): Promise<T> {
    const ctx: MssqlErrorContext = { source: this.options.name, table: `${table.schema}.${table.name}` };
    const tx = new sql.Transaction(this.pool);
    try {
      await tx.begin(sql.ISOLATION_LEVEL.READ_COMMITTED);
    } catch (e) {
      throw mapMssqlError(e, ctx);
    }
    try {
      return await fn(tx);
    } catch (e) {
      throw mapMssqlError(e, ctx);
    } finally {
      await tx.rollback().catch(() => {});
    }
  }

  #write(): Promise<sql.ConnectionPool> {
    this.#writePool ??= connectPool(
      { ...this.target.config, options: { ...this.target.config.options, readOnlyIntent: false } },
      this.options.name,
      this.target.redacted,
      [],
    );
    return this.#writePool;
  }
}

const locationKey = (t: CatalogTable) => `${t.schema}\u0000${t.name}`;

/** A connected pool, or a MinimError naming the source and the redacted URL. */
async function connectPool(config: sql.config, source: string, url: string, loginNumbers: number[]): Promise<sql.ConnectionPool> {
  const pool = new sql.ConnectionPool({
    ...config,
    beforeConnect: (conn) => {
      (conn as unknown as { on(e: string, f: (t: { number?: number }) => void): void }).on('errorMessage', (t) => {
        if (typeof t.number === 'number' && loginNumbers.length < 16) loginNumbers.push(t.number);
      });
    },
  });
  // NOTE: a pooled connection dropped while idle emits 'error' on the pool; the pool replaces it.
  pool.on('error', () => {});
  try {
    await pool.connect();
    return pool;
  } catch (e) {
    await pool.close().catch(() => {});
    throw mapMssqlError(e, { source, url, phase: 'connect', loginNumbers });
  }
}

async function runQuery(req: sql.Request, text: string, params?: readonly unknown[]): Promise<QueryResult> {
  (params ?? []).forEach((v, i) => req.input(String(i + 1), v));
  const r = await req.query(text);
  const rows = (r.recordset ?? []) as unknown as Array<Record<string, unknown>>;
  return { rows, rowCount: r.recordset ? rows.length : ownRowCount(r.rowsAffected) };
}

/**
 * The rows the statement itself changed. The driver lists one count per statement that ran,
 * and a trigger's statements run (and are counted) inside the statement that fired them, before
 * it completes: an UPDATE of 280 rows whose audit trigger inserts 280 rows lists [280, 280]. So
 * the statement's own count is the last one; the sum counted the trigger's rows as changed.
 * NOTE: every statement the write path sends is one DML statement.
 */
export function ownRowCount(counts: readonly number[] | undefined): number {
  return counts !== undefined && counts.length > 0 ? counts[counts.length - 1]! : 0;
}
