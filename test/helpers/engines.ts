/**
 * Test engines (DESIGN.md "Test engines"): each engine from its env URL, else the local service on
 * its standard port, else a testcontainers container where a Docker engine is reachable, else the
 * suite is skipped with a printed reason. In CI (CI=true) PostgreSQL and MySQL are required.
 */
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import pg from 'pg';
import mysql from 'mysql2/promise';

export type EngineDialect = 'postgres' | 'mysql' | 'mssql';
export const ENGINE_DIALECTS: readonly EngineDialect[] = ['postgres', 'mysql', 'mssql'];

export interface TestEngine {
  readonly dialect: EngineDialect;
  /** Server-level URL (no database), with admin rights. */
  readonly adminUrl: string;
  readonly origin: 'env' | 'local' | 'container';
}

export type EngineResult = { engine: TestEngine; skip?: undefined } | { engine?: undefined; skip: string };

export const IMAGES: Record<string, string> = JSON.parse(
  readFileSync(new URL('../../docker/images.json', import.meta.url), 'utf8'),
);

const ENV: Record<EngineDialect, string> = {
  postgres: 'MINIM_TEST_POSTGRES_URL',
  mysql: 'MINIM_TEST_MYSQL_URL',
  mssql: 'MINIM_TEST_MSSQL_URL',
};
const LOCAL: Partial<Record<EngineDialect, { port: number; url: string }>> = {
  postgres: { port: 5432, url: 'postgres://postgres@127.0.0.1:5432/postgres' },
  mysql: { port: 3306, url: 'mysql://root@127.0.0.1:3306/' },
};
const REQUIRED_IN_CI: readonly EngineDialect[] = ['postgres', 'mysql'];

const cache = new Map<EngineDialect, Promise<EngineResult>>();
const stoppers: Array<() => Promise<unknown>> = [];

function portOpen(port: number, host = '127.0.0.1', timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ port, host });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(timeoutMs, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

async function dockerReachable(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

async function startContainer(dialect: EngineDialect): Promise<TestEngine> {
  if (dialect === 'postgres') {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const c = await new PostgreSqlContainer(IMAGES['postgres']!).withStartupTimeout(180_000).start();
    stoppers.push(() => c.stop());
    return { dialect, origin: 'container', adminUrl: c.getConnectionUri() };
  }
  if (dialect === 'mysql') {
    const { MySqlContainer } = await import('@testcontainers/mysql');
    const c = await new MySqlContainer(IMAGES['mysql']!).withStartupTimeout(180_000).start();
    stoppers.push(() => c.stop());
    return {
      dialect,
      origin: 'container',
      adminUrl: `mysql://root:${encodeURIComponent(c.getRootPassword())}@${c.getHost()}:${c.getPort()}/`,
    };
  }
  const { MSSQLServerContainer } = await import('@testcontainers/mssqlserver');
  const c = await new MSSQLServerContainer(IMAGES['mssql']!).acceptLicense().withStartupTimeout(300_000).start();
  stoppers.push(() => c.stop());
  return {
    dialect,
    origin: 'container',
    adminUrl: `mssql://sa:${encodeURIComponent(c.getPassword())}@${c.getHost()}:${c.getPort()}/master?encrypt=false&trustServerCertificate=true`,
  };
}

async function resolveEngine(dialect: EngineDialect, env: NodeJS.ProcessEnv): Promise<EngineResult> {
  const fromEnv = env[ENV[dialect]];
  if (fromEnv) return { engine: { dialect, adminUrl: fromEnv, origin: 'env' } };
  const local = LOCAL[dialect];
  if (local && (await portOpen(local.port))) return { engine: { dialect, adminUrl: local.url, origin: 'local' } };
  if (await dockerReachable()) return { engine: await startContainer(dialect) };
  const reason = `${dialect}: no ${ENV[dialect]}, no local service${local ? ` on port ${local.port}` : ''}, no Docker engine`;
  if (env['CI'] === 'true' && REQUIRED_IN_CI.includes(dialect)) {
    throw new Error(`${reason} — required in CI (CI=true)`);
  }
  return { skip: reason };
}

/** The engine for `dialect`, resolved once per test process. Throws in CI when a required one is missing. */
export function getEngine(dialect: EngineDialect, env: NodeJS.ProcessEnv = process.env): Promise<EngineResult> {
  let p = cache.get(dialect);
  if (!p) {
    p = resolveEngine(dialect, env);
    cache.set(dialect, p);
  }
  return p;
}

/** Stops any containers this process started. */
export async function stopEngines(): Promise<void> {
  await Promise.allSettled(stoppers.splice(0).map((s) => s()));
}

export interface TestDatabase {
  readonly name: string;
  /** URL of the new database. */
  readonly url: string;
  /** Runs statements (separated by the caller) against the new database as admin. */
  exec(sql: string | string[]): Promise<void>;
  drop(): Promise<void>;
}

/** A unique database name: `minim_<prefix>_<random>`. */
export function uniqueName(prefix: string): string {
  return `minim_${prefix.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
}

/** Creates a fresh database on `engine`; `drop()` removes it. */
export async function createTestDatabase(engine: TestEngine, prefix: string): Promise<TestDatabase> {
  const name = uniqueName(prefix);
  if (engine.dialect === 'postgres') {
    const admin = new pg.Client({ connectionString: engine.adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const u = new URL(engine.adminUrl);
    u.pathname = `/${name}`;
    const url = u.toString();
    return {
      name,
      url,
      async exec(sql) {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        try {
          for (const s of Array.isArray(sql) ? sql : [sql]) await c.query(s);
        } finally {
          await c.end();
        }
      },
      async drop() {
        const a = new pg.Client({ connectionString: engine.adminUrl });
        await a.connect();
        try {
          await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        } finally {
          await a.end();
        }
      },
    };
  }
  if (engine.dialect === 'mysql') {
    const admin = await mysql.createConnection({ uri: engine.adminUrl });
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
    await admin.end();
    const u = new URL(engine.adminUrl);
    u.pathname = `/${name}`;
    const url = u.toString();
    return {
      name,
      url,
      async exec(sql) {
        const c = await mysql.createConnection({ uri: url, multipleStatements: false });
        try {
          for (const s of Array.isArray(sql) ? sql : [sql]) await c.query(s);
        } finally {
          await c.end();
        }
      },
      async drop() {
        const a = await mysql.createConnection({ uri: engine.adminUrl });
        try {
          await a.query(`DROP DATABASE IF EXISTS \`${name}\``);
        } finally {
          await a.end();
        }
      },
    };
  }
  return createMssqlDatabase(engine, name);
}

/** SQL Server: a fresh database; each statement given to `exec` runs as its own batch (CREATE VIEW needs one). */
async function createMssqlDatabase(engine: TestEngine, name: string): Promise<TestDatabase> {
  const sql = (await import('mssql')).default;
  const { mssqlTarget } = await import('../../connectors/mssql/mssql-url.js');
  const configOf = (url: string) =>
    mssqlTarget(url, { name: 'test-admin', concurrency: 1, connectTimeoutMs: 30_000, statementTimeoutMs: 120_000, lockTimeoutMs: 10_000 }).config;
  const quoted = `[${name.replace(/]/g, ']]')}]`;
  const run = async (url: string, statements: string[]) => {
    const pool = await new sql.ConnectionPool({ ...configOf(url), options: { ...configOf(url).options, readOnlyIntent: false } }).connect();
    try {
      for (const s of statements) {
        try {
          await pool.request().batch(s);
        } catch (e) {
          // NOTE: Babelfish for PostgreSQL (T-SQL over TDS, used for local checks where no SQL Server
          // runs) has no UPDATE STATISTICS; its statistics come from PostgreSQL's own ANALYZE.
          if (/^UPDATE STATISTICS/.test(s) && /not currently supported in Babelfish/.test(String((e as Error).message))) continue;
          throw e;
        }
      }
    } finally {
      await pool.close();
    }
  };
  await run(engine.adminUrl, [`CREATE DATABASE ${quoted}`]);
  const u = new URL(engine.adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  return {
    name,
    url,
    exec: (statements) => run(url, Array.isArray(statements) ? statements : [statements]),
    drop: () => {
      const exists = `IF DB_ID(N'${name.replace(/'/g, "''")}') IS NOT NULL`;
      // NOTE: SQL Server closes the database's other sessions first; a T-SQL server without ALTER
      // DATABASE (Babelfish, used for local checks over TDS) refuses that batch: drop it alone then.
      return run(engine.adminUrl, [`${exists} BEGIN ALTER DATABASE ${quoted} SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE ${quoted}; END`]).catch(() =>
        run(engine.adminUrl, [`${exists} DROP DATABASE ${quoted}`]),
      );
    },
  };
}
