/**
 * A test's own admin session on a test database, the same three calls on every engine: rows of a
 * statement (as objects), and close. The suites read back what minim changed through this, never
 * through minim's own connectors.
 */
import pg from 'pg';
import mysql from 'mysql2/promise';
import type { EngineDialect } from './engines.js';

export interface AdminSession {
  rows(sql: string): Promise<Array<Record<string, unknown>>>;
  close(): Promise<void>;
}

/** Quotes an identifier the way each engine does. */
export const QUOTE: Record<EngineDialect, (id: string) => string> = {
  postgres: (id) => `"${id.replace(/"/g, '""')}"`,
  mysql: (id) => '`' + id.replace(/`/g, '``') + '`',
  mssql: (id) => `[${id.replace(/]/g, ']]')}]`,
};

/** A string literal (N'…' on SQL Server, so non-Latin text survives). */
export const LITERAL: Record<EngineDialect, (v: string) => string> = {
  postgres: (v) => `'${v.replace(/'/g, "''")}'`,
  mysql: (v) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`,
  mssql: (v) => `N'${v.replace(/'/g, "''")}'`,
};

/** Opens an admin session on `url` (a test database's URL). */
export async function openAdmin(dialect: EngineDialect, url: string): Promise<AdminSession> {
  if (dialect === 'postgres') {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    return { rows: async (sql) => (await c.query(sql)).rows as Array<Record<string, unknown>>, close: () => c.end() };
  }
  if (dialect === 'mysql') {
    const c = await mysql.createConnection({ uri: url, dateStrings: true });
    return { rows: async (sql) => (await c.query(sql))[0] as Array<Record<string, unknown>>, close: () => c.end() };
  }
  const sql = (await import('mssql')).default;
  const { mssqlTarget } = await import('../../connectors/mssql/mssql-url.js');
  const config = mssqlTarget(url, { name: 'test-admin', concurrency: 1, connectTimeoutMs: 30_000, statementTimeoutMs: 120_000, lockTimeoutMs: 10_000 }).config;
  const pool = await new sql.ConnectionPool({ ...config, options: { ...config.options, readOnlyIntent: false } }).connect();
  return {
    rows: async (text) => (await pool.request().query(text)).recordset as unknown as Array<Record<string, unknown>>,
    close: () => pool.close(),
  };
}

/** Rows of one statement in a session of its own. */
export async function adminRows(dialect: EngineDialect, url: string, sql: string): Promise<Array<Record<string, unknown>>> {
  const a = await openAdmin(dialect, url);
  try {
    return await a.rows(sql);
  } finally {
    await a.close();
  }
}
