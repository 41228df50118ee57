/**
 * Faults injected against the real servers (PostgreSQL, MariaDB; SQL Server wherever reachable)
 * while `scan()` runs, one suite over the engines with one body (each engine's setup, names and
 * kill queries are data in `FAULTS`): a connection
 * killed mid-sample (once → retried; repeatedly, as a restarting server would → CONNECTION_LOST),
 * every minim connection killed at once, a statement timeout, a table dropped and a table altered
 * between catalog and sample. Each time: an entry in `errors` with its code, every other table scanned.
 * NOTE: a real server restart cannot be done safely on a shared machine; a loop that kills the
 * scanner's backends stands in for it (the client sees the same thing: connections closed under it).
 * SQL Server has no sleep usable in a view: its slow view counts a catalog cross join instead, and
 * its suite covers the kill once, the statement timeout and the DDL race.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import pg from 'pg';
import mysql from 'mysql2/promise';
import { createTestDatabase, type EngineDialect, type TestDatabase, type TestEngine } from '../helpers/engines.js';
import { openAdmin, type AdminSession } from '../helpers/admin.js';
import { forEachEngine, SERVER_DIALECTS, serverOf, suiteEngines } from '../helpers/suite.js';
import { scan } from '../../src/scan/index.js';
import type { ScanResult } from '../../src/types.js';
import { parseNdjson, ndjsonToResult } from '../../src/merge/ndjson.js';

/**
 * Runs DDL from a child process, synchronously: this process's event loop stands still meanwhile,
 * so no later table is sampled before the DDL lands (the scan samples ahead of onTable: it sends the
 * next statement before a finished table is classified and reported).
 */
function ddlNow(kind: 'pg' | 'mysql' | 'mssql', url: string, statements: readonly string[]): void {
  const script =
    kind === 'pg'
      ? "import pg from 'pg'; const c = new pg.Client({ connectionString: process.env.U }); await c.connect(); for (const s of JSON.parse(process.env.S)) await c.query(s); await c.end();"
      : kind === 'mssql'
        ? "import { mssqlTarget } from './dist/connectors/mssql/mssql-url.js'; import sql from 'mssql'; const t = mssqlTarget(process.env.U, { name: 'ddl', concurrency: 1, connectTimeoutMs: 30000, statementTimeoutMs: 60000, lockTimeoutMs: 10000 }).config; const p = await new sql.ConnectionPool({ ...t, options: { ...t.options, readOnlyIntent: false } }).connect(); for (const s of JSON.parse(process.env.S)) await p.request().batch(s); await p.close();"
        : "import mysql from 'mysql2/promise'; const c = await mysql.createConnection({ uri: process.env.U }); for (const s of JSON.parse(process.env.S)) await c.query(s); await c.end();";
  execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: { ...process.env, U: url, S: JSON.stringify(statements) },
    stdio: 'pipe',
  });
}

const CLI = new URL('../../dist/src/cli/main.js', import.meta.url).pathname;

/** Runs the built CLI; resolves with its exit code, stdout and stderr. `onSpawn` may kill it. */
function cli(args: string[], onSpawn?: (p: ReturnType<typeof spawn>) => void): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    onSpawn?.(p);
  });
}

const TABLES = Array.from({ length: 10 }, (_, i) => `t${String(i + 1).padStart(2, '0')}`);
const SSNS = ['219-09-9999', '078-05-1120', '536-22-8726', '457-55-5462', '212-67-4411'];

function tablesWithErrors(r: ScanResult) {
  return Object.fromEntries(r.errors.map((e) => [e.table ?? e.source, e.code]));
}
/** Every planted table scanned: its ssn column sampled and found. */
function expectScanned(r: ScanResult, tables: readonly string[]) {
  for (const t of tables) {
    const c = r.columns.find((x) => x.table === t && x.column === 'ssn');
    expect(c, t).toBeDefined();
    expect(c!.sampled, t).toBe(5);
    expect(c!.findings.map((f) => f.category), t).toContain('ssn');
  }
}

/** Polls `find` every 50 ms until it returns ids, then `kill`s them; `times` kills, or until stopped. */
function killer(find: () => Promise<number[]>, kill: (id: number) => Promise<void>, times: number) {
  let stop = false;
  let kills = 0;
  const done = (async () => {
    while (!stop && kills < times) {
      const ids = await find().catch(() => []);
      for (const id of ids) {
        await kill(id).catch(() => undefined);
        kills += 1;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return {
    get kills() {
      return kills;
    },
    async stop() {
      stop = true;
      await done;
    },
  };
}

/** One engine's faults case: a database with TABLES and the slow view v_slow, and an admin session to find and kill minim's. */
interface FaultsCase {
  readonly db: TestDatabase;
  /** Sessions sampling v_slow. */
  slow(): Promise<number[]>;
  /** Every minim session (where the engine's suite kills them all at once). */
  all?(): Promise<number[]>;
  kill(id: number): Promise<void>;
  close(): Promise<void>;
}

/** How each engine is set up and what its suite names and expects: the steps are shared. */
interface FaultsEngine {
  /** The source name the scan reports. */
  readonly source: string;
  readonly ddl: 'pg' | 'mysql' | 'mssql';
  /** Creates the case (the slow view's own way per engine). */
  build(engine: TestEngine): Promise<FaultsCase>;
  readonly buildMs?: number;
  /** How `errors` names table `t` of the case. */
  table(db: TestDatabase, t: string): string;
  /** Test names where the engines' words differ. */
  readonly names: { readonly once: string; readonly again?: string; readonly all?: string; readonly timeout: string };
  /** Extra scan options of the kill-once run (SQL Server's slow view runs for long). */
  readonly onceOptions?: { statementTimeoutMs: number };
  readonly onceMs: number;
  /** What the CONNECTION_LOST error says, where the suite pins it. */
  readonly lostMessage?: RegExp;
  /** The statement timeout that cuts v_slow (and only it). */
  readonly timeoutMs: number;
  /** Test timeout of the other cases. */
  readonly caseMs: number;
}

/** Builds the 10 tables and the slow view with `db.exec`, returns the database. */
async function plant(engine: TestEngine, columns: string, literal: (s: string) => string, slowView: string): Promise<TestDatabase> {
  const db = await createTestDatabase(engine, 'faults');
  const stmts: string[] = [];
  for (const t of TABLES) {
    stmts.push(`CREATE TABLE ${t} (${columns})`);
    stmts.push(`INSERT INTO ${t} VALUES ${SSNS.map((s, i) => `(${i}, ${literal(s)}, ${literal(`n${i}`)})`).join(', ')}`);
  }
  stmts.push(slowView);
  await db.exec(stmts);
  return db;
}

const FAULTS: Record<EngineDialect, FaultsEngine> = {
  postgres: {
    source: 'pgfaults',
    ddl: 'pg',
    async build(engine) {
      // A view whose sample takes 2 s: the window in which faults are injected.
      const db = await plant(engine, 'id int PRIMARY KEY, ssn text, note text', (s) => `'${s}'`, `CREATE VIEW v_slow AS SELECT t.id, t.ssn FROM t01 t CROSS JOIN (SELECT pg_sleep(2)) AS s`);
      const admin = new pg.Client({ connectionString: db.url });
      await admin.connect();
      const pids = async (where: string) =>
        (await admin.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'minim' ${where} AND pid <> pg_backend_pid()`)).rows.map((r) => r.pid as number);
      return {
        db,
        slow: () => pids(`AND state = 'active' AND query LIKE '%v_slow%'`),
        all: () => pids(''),
        kill: async (pid) => void (await admin.query('SELECT pg_terminate_backend($1)', [pid])),
        close: () => admin.end(),
      };
    },
    table: (_db, t) => `public.${t}`,
    names: {
      once: 'a connection killed once mid-sample is retried and the table is scanned',
      again: 'a connection killed again and again (a restarting server) is CONNECTION_LOST; every other table is scanned',
      all: 'every minim connection killed at once, busy or idle: the pool reconnects and all tables are scanned',
      timeout: 'a statement timeout is SAMPLE_TIMEOUT for that table only, not retried',
    },
    lostMessage: /pgfaults.*v_slow.*connection was lost/,
    onceMs: 60_000,
    timeoutMs: 500,
    caseMs: 60_000,
  },
  mysql: {
    source: 'myfaults',
    ddl: 'mysql',
    async build(engine) {
      const db = await plant(engine, 'id int PRIMARY KEY, ssn varchar(11), note varchar(20)', (s) => `'${s}'`, `CREATE VIEW v_slow AS SELECT t.id, t.ssn FROM t01 t CROSS JOIN (SELECT SLEEP(2) AS z) AS s`);
      const admin = await mysql.createConnection({ uri: db.url });
      const ids = async (where: string) => {
        const [rows] = await admin.query(`SELECT ID AS id FROM information_schema.PROCESSLIST WHERE DB = ? ${where} AND ID <> CONNECTION_ID()`, [db.name]);
        return (rows as Array<{ id: number }>).map((r) => Number(r.id));
      };
      return {
        db,
        slow: () => ids(`AND INFO LIKE '%v_slow%' AND INFO NOT LIKE '%PROCESSLIST%'`),
        all: () => ids(''),
        kill: async (id) => void (await admin.query(`KILL ${Number(id)}`)),
        close: () => admin.end(),
      };
    },
    table: (db, t) => `${db.name}.${t}`,
    lostMessage: /myfaults.*v_slow.*connection closed by the server/,
    names: {
      once: 'a connection KILLed once mid-sample is retried and the table is scanned',
      again: 'KILLed again and again: CONNECTION_LOST for that table; every other table is scanned',
      all: 'every minim connection KILLed at once, busy or idle: the pool reconnects and all tables are scanned',
      timeout: 'a statement timeout is SAMPLE_TIMEOUT for that table only',
    },
    onceMs: 60_000,
    timeoutMs: 500,
    caseMs: 60_000,
  },
  mssql: {
    source: 'msfaults',
    ddl: 'mssql',
    async build(engine) {
      // A view whose sample takes seconds: a count over a catalog cross join (no sleep inside a view here).
      const db = await plant(
        engine,
        'id int PRIMARY KEY, ssn nvarchar(11), note nvarchar(20)',
        (s) => `N'${s}'`,
        `CREATE VIEW v_slow AS SELECT t.id, t.ssn FROM t01 t CROSS APPLY (SELECT COUNT_BIG(*) AS n FROM sys.all_objects a CROSS JOIN sys.all_objects b CROSS JOIN (SELECT TOP (60) object_id FROM sys.all_objects) c) AS s`,
      );
      const admin: AdminSession = await openAdmin('mssql', db.url);
      return {
        db,
        slow: async () =>
          (await admin.rows(
            `SELECT r.session_id AS id FROM sys.dm_exec_requests r CROSS APPLY sys.dm_exec_sql_text(r.sql_handle) t WHERE r.database_id = DB_ID() AND r.session_id <> @@SPID AND t.text LIKE '%v[_]slow%' AND t.text NOT LIKE '%dm[_]exec[_]requests%'`,
          )).map((r) => Number(r['id'])),
        kill: async (id) => void (await admin.rows(`KILL ${Number(id)}; SELECT 1 AS ok`)),
        close: () => admin.close(),
      };
    },
    buildMs: 300_000,
    table: (_db, t) => `dbo.${t}`,
    names: {
      once: 'a session KILLed once mid-sample is retried and the table is scanned',
      timeout: 'a statement timeout is SAMPLE_TIMEOUT for that table only',
    },
    onceOptions: { statementTimeoutMs: 120_000 },
    onceMs: 300_000,
    timeoutMs: 300,
    caseMs: 120_000,
  },
};

forEachEngine('faults', await suiteEngines(SERVER_DIALECTS), (e) => {
  const F = FAULTS[e.dialect];
  let fx: FaultsCase;
  const src = () => ({ name: F.source, url: fx.db.url });
  const table = (t: string) => F.table(fx.db, t);

  beforeAll(async () => {
    fx = await F.build(serverOf(e));
  }, F.buildMs);
  afterAll(async () => {
    await fx?.close();
    await fx?.db.drop();
  });

  it(F.names.once, async () => {
    const k = killer(() => fx.slow(), (id) => fx.kill(id), 1);
    const r = await scan({ sources: [src()], concurrency: 2, ...F.onceOptions });
    await k.stop();
    expect(k.kills).toBe(1);
    expect(r.errors).toEqual([]);
    expectScanned(r, [...TABLES, 'v_slow']);
  }, F.onceMs);

  if (F.names.again) {
    it(F.names.again, async () => {
      const k = killer(() => fx.slow(), (id) => fx.kill(id), 2);
      const r = await scan({ sources: [src()], concurrency: 2 });
      await k.stop();
      expect(k.kills).toBe(2);
      expect(tablesWithErrors(r)).toEqual({ [table('v_slow')]: 'CONNECTION_LOST' });
      if (F.lostMessage) expect(r.errors[0]!.message).toMatch(F.lostMessage);
      expect(r.columns.find((c) => c.table === 'v_slow' && c.column === 'ssn')!.skipped).toMatch(/CONNECTION_LOST/);
      expectScanned(r, TABLES);
    }, F.caseMs);
  }

  if (F.names.all) {
    it(F.names.all, async () => {
      const all = fx.all!;
      // Wait until the slow view is being sampled, then kill every minim session.
      const k = killer(async () => ((await fx.slow()).length > 0 ? all() : []), (id) => fx.kill(id), 1);
      const r = await scan({ sources: [src()], concurrency: 3 });
      await k.stop();
      expect(k.kills).toBeGreaterThanOrEqual(1);
      expect(r.errors).toEqual([]);
      expectScanned(r, [...TABLES, 'v_slow']);
    }, F.caseMs);
  }

  it(F.names.timeout, async () => {
    const r = await scan({ sources: [src()], statementTimeoutMs: F.timeoutMs });
    expect(tablesWithErrors(r)).toEqual({ [table('v_slow')]: 'SAMPLE_TIMEOUT' });
    expectScanned(r, TABLES);
  }, F.caseMs);

  // PostgreSQL only: the CLI's --out/--resume is engine-blind, one engine proves it.
  if (e.dialect === 'postgres') {
    it.skipIf(!existsSync(CLI))('a scan killed mid-run keeps its finished tables in --out FILE.ndjson; --resume scans only the rest', async () => {
      const out = join(mkdtempSync(join(tmpdir(), 'minim-resume-')), 'scan.ndjson');
      const tableLines = () => (existsSync(out) ? readFileSync(out, 'utf8').split('\n').filter((l) => l.includes('"type":"table"')).length : 0);
      // Concurrency 1: t01…t10 finish, then v_slow sleeps 2 s; the process is SIGKILLed meanwhile.
      const first = await cli(['scan', `pgfaults=${fx.db.url}`, '--out', out, '--concurrency', '1', '--no-progress'], (p) => {
        const t = setInterval(() => {
          if (tableLines() >= TABLES.length) {
            clearInterval(t);
            p.kill('SIGKILL');
          }
        }, 20);
      });
      expect(first.signal).toBe('SIGKILL');
      const cut = parseNdjson(readFileSync(out, 'utf8'), out);
      expect(cut.complete).toBe(false);
      expect(cut.tables.map((t) => t.table).sort()).toEqual(TABLES);

      const second = await cli(['scan', `pgfaults=${fx.db.url}`, '--out', out, '--resume', '--no-progress']);
      expect(second.code).toBe(0);
      expect(second.stderr).toMatch(/10 tables kept from the earlier run/);
      const whole = parseNdjson(readFileSync(out, 'utf8'), out);
      expect(whole.complete).toBe(true);
      expect(whole.ends.at(-1)!.stats.tables).toBe(1); // only v_slow was scanned by the resumed run
      const r = ndjsonToResult(whole);
      expect(r.errors).toEqual([]);
      expectScanned(r, [...TABLES, 'v_slow']);
      expect(r.stats!.tables).toBe(TABLES.length + 1);
    }, 60_000);
  }

  it('a table dropped and a table altered between catalog and sample: OBJECT_NOT_FOUND each, the rest scanned', async () => {
    let fired = false;
    const r = await scan({
      sources: [src()],
      concurrency: 1,
      exclude: ['v_slow'],
      onTable: async () => {
        if (fired) return;
        fired = true;
        ddlNow(F.ddl, fx.db.url, ['DROP TABLE t10', 'ALTER TABLE t09 DROP COLUMN note']);
      },
    });
    expect(tablesWithErrors(r)).toEqual({ [table('t10')]: 'OBJECT_NOT_FOUND', [table('t09')]: 'OBJECT_NOT_FOUND' });
    expectScanned(r, TABLES.slice(0, 8));
  }, F.caseMs);
});
