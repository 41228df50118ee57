/** Opens the connector a URL names. Drivers are imported lazily, so a PostgreSQL scan never loads mssql. */
import type { Connector, ConnectorOptions, GrantsDialect } from './types.js';
import type { Dialect } from '../src/types.js';
import { mssqlGrants } from './mssql/mssql-grants.js';
import { mysqlGrants } from './mysql/mysql-grants.js';
import { postgresGrants } from './postgres/postgres-grants.js';
import { dialectOf } from '../src/util/url.js';

export type { Connector, ConnectorOptions, GrantsDialect } from './types.js';

export const DEFAULT_CONNECTOR_OPTIONS: Omit<ConnectorOptions, 'name'> = {
  concurrency: 4,
  connectTimeoutMs: 10_000,
  statementTimeoutMs: 30_000,
  lockTimeoutMs: 2_000,
};

export async function openConnector(url: string, options: ConnectorOptions): Promise<Connector> {
  switch (dialectOf(url, options.name)) {
    case 'postgres':
      return (await import('./postgres/postgres-connector.js')).PostgresConnector.open(url, options);
    case 'pglite':
      return (await import('./pglite/pglite-connector.js')).PgliteConnector.open(url, options);
    case 'mysql':
      return (await import('./mysql/mysql-connector.js')).MysqlConnector.open(url, options);
    case 'mssql':
      return (await import('./mssql/mssql-connector.js')).MssqlConnector.open(url, options);
  }
}

/** Each engine's grants knowledge (no driver inside: plain SQL text and catalog reading). */
const GRANTS: Record<Dialect, GrantsDialect> = {
  postgres: postgresGrants,
  pglite: postgresGrants,
  mysql: mysqlGrants,
  mssql: mssqlGrants,
};

/** The grants dialect of an engine (`minim access`, revocation). */
export function grantsDialect(dialect: Dialect): GrantsDialect {
  return GRANTS[dialect];
}
