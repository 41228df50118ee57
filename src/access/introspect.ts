/** Picks the access introspector for a connector's dialect. */
import type { SqlSession } from '../../connectors/types.js';
import type { Dialect } from '../types.js';
import { mssqlReaders } from './mssql-access.js';
import { mysqlReaders } from './mysql-access.js';
import { postgresReaders } from './postgres-access.js';
import type { AccessReader, ColumnRef } from './types.js';

export type ReadersFn = (session: SqlSession, refs: readonly ColumnRef[]) => Promise<Map<string, AccessReader[]>>;

export const INTROSPECTORS: Record<Dialect, ReadersFn> = {
  postgres: postgresReaders,
  pglite: postgresReaders,
  mysql: mysqlReaders,
  mssql: mssqlReaders,
};
