/** The engine registry, and the connector a URL names. Drivers are imported lazily, so a PostgreSQL scan never loads mssql. */
import type { Connector, ConnectorOptions, DemoSpelling, GrantsDialect, LabelsDialect, SqlFamily, WriteSql } from './types.js';
import type { Dialect } from '../src/types.js';
import { mssqlDemoSql } from './mssql/mssql-demo-sql.js';
import { mssqlGrants } from './mssql/mssql-grants.js';
import { mssqlLabels } from './mssql/mssql-labels.js';
import { mssqlWriteSql } from './mssql/mssql-migrate-dialect.js';
import { mysqlDemoSql } from './mysql/mysql-demo-sql.js';
import { mysqlGrants } from './mysql/mysql-grants.js';
import { mysqlLabels } from './mysql/mysql-labels.js';
import { mysqlWriteSql } from './mysql/mysql-migrate-dialect.js';
import { postgresDemoSql } from './postgres/postgres-demo-sql.js';
import { postgresGrants } from './postgres/postgres-grants.js';
import { postgresLabels } from './postgres/postgres-labels.js';
import { postgresWriteSql } from './postgres/postgres-migrate-dialect.js';
import { dialectOf } from '../src/util/url.js';

export type { Connector, ConnectorOptions, GrantsDialect, LabelsDialect, SqlFamily, WriteSql } from './types.js';

export const DEFAULT_CONNECTOR_OPTIONS: Omit<ConnectorOptions, 'name'> = {
  concurrency: 4,
  connectTimeoutMs: 10_000,
  statementTimeoutMs: 30_000,
  lockTimeoutMs: 2_000,
};

export async function openConnector(url: string, options: ConnectorOptions): Promise<Connector> {
  return ENGINES[dialectOf(url, options.name)].open(url, options);
}

/**
 * Every role an engine plays, registered here once (see CONTRIBUTING.md, "Adding an engine"). Only
 * `open` loads a driver, lazily; every other role is plain SQL text and catalog reading.
 */
export interface EngineRoles {
  /** Opens a connector (its driver imported only now). */
  open(url: string, options: ConnectorOptions): Promise<Connector>;
  /** Grants knowledge (`minim access`, revocation). */
  readonly grants: GrantsDialect;
  /** Where column labels live and how they are written (`minim label`). */
  readonly labels: LabelsDialect;
  /** The write path's SQL spellings (`minim migrate`). */
  readonly write: WriteSql;
  /** How the demo city is spelled (`minim demo`, docker/seed). */
  readonly demo: DemoSpelling;
  /** The server's port when a URL names none; null: the URL names a local directory, not a server. */
  readonly defaultPort: number | null;
}

const POSTGRES: EngineRoles = {
  open: async (url, options) => (await import('./postgres/postgres-connector.js')).PostgresConnector.open(url, options),
  grants: postgresGrants,
  labels: postgresLabels,
  write: postgresWriteSql,
  demo: postgresDemoSql,
  defaultPort: 5432,
};

/** The one place engines are registered: a dialect id (src/types.ts DIALECTS) → every role it plays. */
export const ENGINES: Readonly<Record<Dialect, EngineRoles>> = {
  postgres: POSTGRES,
  // PGlite speaks PostgreSQL in every role; its URL is a directory.
  pglite: {
    ...POSTGRES,
    open: async (url, options) => (await import('./pglite/pglite-connector.js')).PgliteConnector.open(url, options),
    defaultPort: null,
  },
  mysql: {
    open: async (url, options) => (await import('./mysql/mysql-connector.js')).MysqlConnector.open(url, options),
    grants: mysqlGrants,
    labels: mysqlLabels,
    write: mysqlWriteSql,
    demo: mysqlDemoSql,
    defaultPort: 3306,
  },
  mssql: {
    open: async (url, options) => (await import('./mssql/mssql-connector.js')).MssqlConnector.open(url, options),
    grants: mssqlGrants,
    labels: mssqlLabels,
    write: mssqlWriteSql,
    demo: mssqlDemoSql,
    defaultPort: 1433,
  },
};

/** The roles of an engine by dialect name; undefined for a name no engine has. */
export function engineRoles(dialect: string): EngineRoles | undefined {
  return Object.hasOwn(ENGINES, dialect) ? ENGINES[dialect as Dialect] : undefined;
}

/** The grants dialect of an engine (`minim access`, revocation). */
export function grantsDialect(dialect: Dialect): GrantsDialect {
  return ENGINES[dialect].grants;
}

/** Where an engine keeps column labels (`minim label`). */
export function labelsDialect(dialect: Dialect): LabelsDialect {
  return ENGINES[dialect].labels;
}

/** The write path's SQL spellings of an engine, by dialect or by the SQL family it speaks. */
export function writeSql(dialect: Dialect | SqlFamily): WriteSql {
  return ENGINES[dialect].write;
}

/** The SQL family a dialect speaks (PGlite: PostgreSQL). */
export function familyOf(dialect: Dialect): SqlFamily {
  return ENGINES[dialect].write.family;
}
