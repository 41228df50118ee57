/**
 * The 311 need-to-know case, built once for every access suite: 27 logins can read
 * svc311.request.caller_ssn (request.caller_ssn on MariaDB, dbo.request.caller_ssn on SQL Server),
 * 2 of them supervisors the policy allows. How each login reads is the engine's own mix:
 * - PostgreSQL: supervisor role (column grant), staff role (table grant), direct column grants, a
 *   role chain (chain_b → chain_c, column grant), a view for reporting, ALTER DEFAULT PRIVILEGES
 *   (defreader), NOINHERIT members of archive (reading after SET ROLE).
 * - MariaDB/MySQL: the same roles with and without a default role, a definer view, direct column
 *   and table grants.
 * - SQL Server: database users without login in roles (supervisor, staff, chain_b in chain_c),
 *   direct column and table grants.
 * `canRead` asks the engine itself, connected (or, on SQL Server, EXECUTE AS USER) as each login,
 * trying every role it may SET. Names carry a random prefix: roles are server-wide on PostgreSQL
 * and MariaDB and other sessions share the server; `drop()` removes every one and checks none is left.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import mysql from 'mysql2/promise';
import { expect } from 'vitest';
import { createTestDatabase, type EngineDialect, type TestDatabase, type TestEngine } from './engines.js';
import { openAdmin } from './admin.js';

export const SUPERVISORS = ['sup1', 'sup2'];
export const CLERKS = Array.from({ length: 8 }, (_, i) => `clerk${i + 1}`); // staff role, table grant (MariaDB: half without a default role)
export const ANALYSTS = Array.from({ length: 4 }, (_, i) => `analyst${i + 1}`); // direct column grants
export const CHAIN = ['chain1', 'chain2', 'chain3']; // chain_b → chain_c, column grant
export const REPORTERS = ['rep1', 'rep2', 'rep3']; // reporting role, a view over the column (PostgreSQL, MariaDB)
export const DEFAULTS = ['def1', 'def2', 'def3']; // PostgreSQL: defreader role, through ALTER DEFAULT PRIVILEGES
export const ARCHIVISTS = ['arch1', 'arch2', 'arch3', 'arch4']; // PostgreSQL: NOINHERIT members of archive: SET ROLE
export const LATE = 'late26';

/** Who reads the column on each engine: 27 logins, 2 of them supervisors. */
export const LOGINS_311: Record<EngineDialect, readonly string[]> = {
  postgres: [...SUPERVISORS, ...CLERKS, ...ANALYSTS, ...CHAIN, ...REPORTERS, ...DEFAULTS, ...ARCHIVISTS],
  mysql: [...SUPERVISORS, ...CLERKS, ...ANALYSTS, ...CHAIN, ...REPORTERS, ...Array.from({ length: 7 }, (_, i) => `tr${i + 1}`)],
  mssql: [...SUPERVISORS, ...CLERKS, ...ANALYSTS, ...CHAIN, ...Array.from({ length: 10 }, (_, i) => `tr${i + 1}`)],
};
/** The roles of the case on each engine (created before, dropped after, the logins). */
export const GROUPS_311: Record<EngineDialect, readonly string[]> = {
  postgres: ['supervisor', 'staff', 'chain_c', 'chain_b', 'reporting', 'defreader', 'archive'],
  mysql: ['supervisor', 'staff', 'chain_c', 'chain_b', 'reporting'],
  mssql: ['supervisor', 'staff', 'chain_c', 'chain_b'],
};
/** What the engine calls one who logs in, as the tests name it. */
export const NOUN_311: Record<EngineDialect, string> = { postgres: 'login', mysql: 'account', mssql: 'user' };

/** The access policy of the case: only the supervisor role may read SSNs in svc311; `more` appends YAML under `categories:`. */
export function policy311(R: (n: string) => string, more: { departments?: string; categories?: string } = {}): string {
  return `version: 1
categories:
  ssn:
    default: { allow: [], reason: nobody }
    departments:
      svc311:
        allow: [{ role: ${R('supervisor')}, reason: supervisors redact callers' SSNs }]
${more.departments ?? ''}${more.categories ?? ''}`;
}

/** The 25 who must lose the column. */
export const unauthorized311 = (d: EngineDialect) => LOGINS_311[d].filter((n) => !SUPERVISORS.includes(n));

export interface Extra311 {
  /** More roles (PostgreSQL: NOLOGIN; MariaDB: roles). */
  readonly groups?: readonly string[];
  /** More logins, each with the roles it is in. */
  readonly logins?: ReadonlyArray<{ name: string; roles?: readonly string[] }>;
  /** More statements in the test database, after the case's own (`g` quotes one of our names). */
  readonly statements?: (g: (n: string) => string) => string[];
  /** Rows in svc311.request (default: PostgreSQL 300, MariaDB 200, SQL Server 200). */
  readonly rows?: number;
}

export interface Case311 {
  readonly dialect: EngineDialect;
  readonly db: TestDatabase;
  /** Name prefix of every role and login of this case. */
  readonly prefix: string;
  /** Our raw name for `n`. */
  R(n: string): string;
  /** `n` as `minim access` names the principal (MariaDB: 'user'@'%'). */
  principal(n: string): string;
  /** The schema the request table is in, as the scan names it. */
  readonly schema: string;
  /** Extra `minim scan` arguments (PostgreSQL: only svc311). */
  readonly scanArgs: readonly string[];
  /**
   * Whether logins other sessions create may read the column too (MariaDB: global SELECT on *.*
   * from shared-server sessions): counts and gates then leave them out by name.
   */
  readonly foreignReaders: boolean;
  /**
   * Every REVOKE that takes back the 25 unauthorized paths, exactly (the engine's own spelling):
   * one per grant, never the supervisor's (extras that grant on the request table add to it).
   */
  readonly expectedRevokes: readonly string[];
  /** Grantees (as `revoke.principal` names them) that must each lose a grant. */
  readonly revokedFrom: readonly string[];
  /** The readers of `col` that are logins of this case (never the 26th, never another session's). */
  ours<T extends { login?: boolean; principal: string }>(readers: readonly T[]): T[];
  /** Lets the 26th login (LATE) read caller_ssn. */
  grantLate(): Promise<void>;
  /** SELECTs that read caller_ssn (the table, and the view where there is one). */
  readonly probes: readonly string[];
  /** Whether login `n` can run any of `probes` (as itself, then after SET ROLE to each role of the case). */
  canRead(n: string, probes?: readonly string[]): Promise<boolean>;
  /** Runs admin statements (server level on PostgreSQL/MariaDB, in the test database on SQL Server). */
  adminExec(statements: readonly string[]): Promise<void>;
  /** Drops the database, every login and role of the case; checks none is left. */
  drop(): Promise<void>;
}

const ssnSql: Record<EngineDialect, (rows: number) => string> = {
  postgres: (rows) =>
    `INSERT INTO svc311.request SELECT g, (100 + g % 500)::text || '-' || lpad((1 + g % 98)::text, 2, '0') || '-' || lpad((1000 + g)::text, 4, '0'), 'open' FROM generate_series(1, ${rows}) g`,
  mysql: (rows) =>
    `INSERT INTO request VALUES ${Array.from({ length: rows }, (_, i) => `(${i + 1}, '${String(100 + (i % 500)).padStart(3, '0')}-${String(1 + (i % 98)).padStart(2, '0')}-${String(1000 + i)}', 'open')`).join(',')}`,
  mssql: (rows) =>
    `INSERT INTO dbo.request VALUES ${Array.from({ length: rows }, (_, i) => `(${i + 1}, N'${String(100 + (i % 500)).padStart(3, '0')}-${String(1 + (i % 98)).padStart(2, '0')}-${String(1000 + i)}', N'open')`).join(',')}`,
};

/**
 * Whether a session reads through any of `probes`: as itself, then after each `setRoles` statement
 * the engine accepts (undone by `reset` after the try, where the engine has one).
 */
async function readsAs(query: (sql: string) => Promise<unknown>, probes: readonly string[], setRoles: readonly string[], reset?: string): Promise<boolean> {
  const attempt = async () => {
    for (const p of probes) {
      try {
        await query(p);
        return true;
      } catch {
        /* not this way */
      }
    }
    return false;
  };
  if (await attempt()) return true;
  for (const s of setRoles) {
    try {
      await query(s);
    } catch {
      continue;
    }
    const ok = await attempt();
    if (reset) await query(reset);
    if (ok) return true;
  }
  return false;
}

/** Builds the case on `engine` in a fresh database. `tag` starts the names (`ntk`, `rvk`). */
export async function build311(dialect: EngineDialect, engine: TestEngine, tag: string, extra: Extra311 = {}): Promise<Case311> {
  const prefix = `${tag}${randomBytes(3).toString('hex')}_`;
  const R = (n: string) => `${prefix}${n}`;
  if (dialect === 'postgres') return buildPostgres(engine, prefix, R, extra);
  if (dialect === 'mysql') return buildMysql(engine, prefix, R, extra);
  return buildMssql(engine, prefix, R, extra);
}

async function buildPostgres(engine: TestEngine, prefix: string, R: (n: string) => string, extra: Extra311): Promise<Case311> {
  const password = randomBytes(12).toString('hex');
  const groups = [...GROUPS_311.postgres, ...(extra.groups ?? [])];
  const logins = [...LOGINS_311.postgres, ...(extra.logins ?? []).map((l) => l.name), LATE];
  const serverAdmin = async (statements: readonly string[]) => {
    const a = new pg.Client({ connectionString: engine.adminUrl });
    await a.connect();
    try {
      for (const s of statements) await a.query(s);
    } finally {
      await a.end();
    }
  };
  const g = (n: string) => `"${R(n)}"`;
  const login = (n: string, role?: string, noinherit = false) =>
    `CREATE ROLE ${g(n)} LOGIN ${noinherit ? 'NOINHERIT' : ''} PASSWORD '${password}'${role ? ` IN ROLE ${g(role)}` : ''}`;
  await serverAdmin([
    ...groups.map((n) => `CREATE ROLE ${g(n)} NOLOGIN`),
    `GRANT ${g('chain_c')} TO ${g('chain_b')}`,
    ...SUPERVISORS.map((n) => login(n, 'supervisor')),
    ...CLERKS.map((n) => login(n, 'staff')),
    ...ANALYSTS.map((n) => login(n)),
    ...CHAIN.map((n) => login(n, 'chain_b')),
    ...REPORTERS.map((n) => login(n, 'reporting')),
    ...DEFAULTS.map((n) => login(n, 'defreader')),
    ...ARCHIVISTS.map((n) => login(n, 'archive', true)),
    ...(extra.logins ?? []).flatMap((l) => [login(l.name, l.roles?.[0]), ...(l.roles ?? []).slice(1).map((r) => `GRANT ${g(r)} TO ${g(l.name)}`)]),
    login(LATE),
  ]);
  const db = await createTestDatabase(engine, `access_${prefix.slice(0, 3)}`);
  await db.exec([
    `CREATE SCHEMA svc311`,
    `GRANT USAGE ON SCHEMA svc311 TO PUBLIC`,
    // Default privileges: every table created in svc311 from now on is readable by defreader.
    `ALTER DEFAULT PRIVILEGES IN SCHEMA svc311 GRANT SELECT ON TABLES TO ${g('defreader')}`,
    `CREATE TABLE svc311.request (id int PRIMARY KEY, caller_ssn text, status text)`,
    ssnSql.postgres(extra.rows ?? 300),
    `GRANT SELECT (id, caller_ssn) ON svc311.request TO ${g('supervisor')}`,
    `GRANT SELECT ON svc311.request TO ${g('staff')}`,
    ...ANALYSTS.map((n) => `GRANT SELECT (caller_ssn) ON svc311.request TO ${g(n)}`),
    `GRANT SELECT (caller_ssn) ON svc311.request TO ${g('chain_c')}`,
    `CREATE VIEW svc311.request_report AS SELECT id, caller_ssn FROM svc311.request`,
    `REVOKE ALL ON svc311.request_report FROM ${g('defreader')}`,
    `GRANT SELECT ON svc311.request_report TO ${g('reporting')}`,
    `GRANT SELECT ON svc311.request TO ${g('archive')}`,
    ...(extra.statements?.(g) ?? []),
    `ANALYZE`,
  ]);
  const probes = ['SELECT caller_ssn FROM svc311.request LIMIT 1', 'SELECT caller_ssn FROM svc311.request_report LIMIT 1'];
  return {
    dialect: 'postgres', db, prefix, R, principal: R, schema: 'svc311', probes,
    scanArgs: ['--include', 'svc311.*'],
    foreignReaders: false,
    expectedRevokes: [
      `REVOKE SELECT ON TABLE "svc311"."request_report" FROM ${g('reporting')}`,
      ...[...ANALYSTS, 'chain_c'].map((n) => `REVOKE SELECT ("caller_ssn") ON TABLE "svc311"."request" FROM ${g(n)}`),
      ...['staff', 'defreader', 'archive'].map((n) => `REVOKE SELECT ON TABLE "svc311"."request" FROM ${g(n)}`),
    ],
    revokedFrom: ['staff', 'chain_c', 'reporting', 'defreader', 'archive', ...ANALYSTS].map(R),
    ours: (readers) => readers.filter((r) => r.login && r.principal.startsWith(prefix) && r.principal !== R(LATE)),
    grantLate: () => db.exec(`GRANT SELECT (caller_ssn) ON svc311.request TO ${g(LATE)}`),
    async canRead(n, ps = probes) {
      const u = new URL(db.url);
      u.username = R(n);
      u.password = password;
      const c = new pg.Client({ connectionString: u.toString() });
      await c.connect();
      try {
        return await readsAs((q) => c.query(q), ps, groups.map((r) => `SET ROLE ${g(r)}`), 'RESET ROLE');
      } finally {
        await c.end();
      }
    },
    adminExec: serverAdmin,
    async drop() {
      await db.drop();
      const a = new pg.Client({ connectionString: engine.adminUrl });
      await a.connect();
      try {
        for (const n of logins) await a.query(`DROP ROLE IF EXISTS ${g(n)}`).catch(() => {});
        for (const n of [...groups].reverse()) await a.query(`DROP ROLE IF EXISTS ${g(n)}`).catch(() => {});
        const left = await a.query(`SELECT count(*)::int AS n FROM pg_roles WHERE rolname LIKE $1`, [`${prefix}%`]);
        expect(left.rows[0].n).toBe(0);
      } finally {
        await a.end();
      }
    },
  };
}

async function buildMysql(engine: TestEngine, prefix: string, R: (n: string) => string, extra: Extra311): Promise<Case311> {
  const password = randomBytes(12).toString('hex');
  const groups = [...GROUPS_311.mysql, ...(extra.groups ?? [])];
  const logins = [...LOGINS_311.mysql, ...(extra.logins ?? []).map((l) => l.name), LATE];
  const acct = (n: string) => `'${R(n)}'@'%'`;
  const serverAdmin = async (statements: readonly string[]) => {
    const a = await mysql.createConnection({ uri: engine.adminUrl });
    try {
      for (const s of statements) await a.query(s);
    } finally {
      await a.end();
    }
  };
  const db = await createTestDatabase(engine, `access_${prefix.slice(0, 3)}`);
  const d = `\`${db.name}\``;
  const a = await mysql.createConnection({ uri: engine.adminUrl });
  try {
    const [v] = await a.query('SELECT VERSION() AS v');
    const mariadb = /mariadb/i.test(String((v as Array<{ v: string }>)[0]!.v));
    const q = (sql: string) => a.query(sql);
    const setDefault = (role: string, n: string) =>
      q(mariadb ? `SET DEFAULT ROLE '${R(role)}' FOR ${acct(n)}` : `SET DEFAULT ROLE '${R(role)}' TO ${acct(n)}`);
    await q(`CREATE TABLE ${d}.request (id int PRIMARY KEY, caller_ssn varchar(11), status varchar(10))`);
    await q(ssnSql.mysql(extra.rows ?? 200).replace('INSERT INTO request', `INSERT INTO ${d}.request`));
    await q(`CREATE SQL SECURITY DEFINER VIEW ${d}.request_report AS SELECT id, caller_ssn FROM ${d}.request`);
    for (const u of logins) await q(`CREATE USER ${acct(u)} IDENTIFIED BY '${password}'`);
    for (const r of groups) await q(`CREATE ROLE '${R(r)}'`);
    await q(`GRANT SELECT (id, caller_ssn) ON ${d}.request TO '${R('supervisor')}'`);
    for (const n of SUPERVISORS) {
      await q(`GRANT '${R('supervisor')}' TO ${acct(n)}`);
      await setDefault('supervisor', n);
    }
    await q(`GRANT SELECT ON ${d}.request TO '${R('staff')}'`);
    for (const [i, n] of CLERKS.entries()) {
      await q(`GRANT '${R('staff')}' TO ${acct(n)}`);
      if (i % 2 === 0) await setDefault('staff', n);
    }
    for (const n of ANALYSTS) await q(`GRANT SELECT (caller_ssn) ON ${d}.request TO ${acct(n)}`);
    await q(`GRANT SELECT (caller_ssn) ON ${d}.request TO '${R('chain_c')}'`);
    await q(`GRANT '${R('chain_c')}' TO '${R('chain_b')}'`);
    for (const n of CHAIN) await q(`GRANT '${R('chain_b')}' TO ${acct(n)}`);
    await q(`GRANT SELECT ON ${d}.request_report TO '${R('reporting')}'`);
    for (const n of REPORTERS) await q(`GRANT '${R('reporting')}' TO ${acct(n)}`);
    for (const n of LOGINS_311.mysql.filter((x) => x.startsWith('tr'))) await q(`GRANT SELECT ON ${d}.request TO ${acct(n)}`);
    for (const l of extra.logins ?? []) for (const r of l.roles ?? []) await q(`GRANT '${R(r)}' TO ${acct(l.name)}`);
    for (const s of extra.statements?.((n) => `'${R(n)}'`) ?? []) await q(s);
  } finally {
    await a.end();
  }
  const probes = [`SELECT caller_ssn FROM ${d}.request LIMIT 1`, `SELECT caller_ssn FROM ${d}.request_report LIMIT 1`];
  return {
    dialect: 'mysql', db, prefix, R, principal: acct, schema: db.name, probes,
    scanArgs: [],
    foreignReaders: true,
    expectedRevokes: [
      ...ANALYSTS.map((n) => `REVOKE SELECT (\`caller_ssn\`) ON ${d}.\`request\` FROM ${acct(n)}`),
      `REVOKE SELECT (\`caller_ssn\`) ON ${d}.\`request\` FROM '${R('chain_c')}'`,
      `REVOKE SELECT ON ${d}.\`request_report\` FROM '${R('reporting')}'`,
      `REVOKE SELECT ON ${d}.\`request\` FROM '${R('staff')}'`,
      ...LOGINS_311.mysql.filter((x) => x.startsWith('tr')).map((n) => `REVOKE SELECT ON ${d}.\`request\` FROM ${acct(n)}`),
    ],
    revokedFrom: ANALYSTS.map(acct),
    ours: (readers) => readers.filter((r) => r.login && r.principal.startsWith(`'${prefix}`) && r.principal !== acct(LATE)),
    grantLate: () => serverAdmin([`GRANT SELECT ON ${d}.request TO ${acct(LATE)}`]),
    async canRead(n, ps = probes) {
      const u = new URL(db.url);
      u.username = R(n);
      u.password = password;
      // No default database: an account whose only grant sits behind SET ROLE cannot USE it yet.
      u.pathname = '/';
      const c = await mysql.createConnection({ uri: u.toString() });
      try {
        return await readsAs((q) => c.query(q), ps, groups.map((r) => `SET ROLE '${R(r)}'`));
      } finally {
        await c.end();
      }
    },
    adminExec: serverAdmin,
    async drop() {
      const b = await mysql.createConnection({ uri: engine.adminUrl });
      try {
        for (const u of logins) await b.query(`DROP USER IF EXISTS ${acct(u)}`);
        for (const r of groups) await b.query(`DROP ROLE IF EXISTS '${R(r)}'`).catch(() => {});
        const [left] = await b.query(`SELECT COUNT(*) AS n FROM mysql.user WHERE User LIKE ?`, [`${prefix}%`]);
        expect(Number((left as Array<{ n: number }>)[0]!.n)).toBe(0);
      } finally {
        await b.end();
      }
      await db.drop();
    },
  };
}

/** SQL Server: users WITHOUT LOGIN live in the test database and go with it. */
async function buildMssql(engine: TestEngine, prefix: string, R: (n: string) => string, extra: Extra311): Promise<Case311> {
  const groups = [...GROUPS_311.mssql, ...(extra.groups ?? [])];
  const logins = [...LOGINS_311.mssql, ...(extra.logins ?? []).map((l) => l.name), LATE];
  const g = (n: string) => `[${R(n).replace(/]/g, ']]')}]`;
  const db = await createTestDatabase(engine, `access_${prefix.slice(0, 3)}`);
  await db.exec([
    `CREATE TABLE dbo.request (id int PRIMARY KEY, caller_ssn nvarchar(11), status nvarchar(10))`,
    ssnSql.mssql(extra.rows ?? 200),
    ...logins.map((n) => `CREATE USER ${g(n)} WITHOUT LOGIN`),
    ...groups.map((n) => `CREATE ROLE ${g(n)}`),
    `ALTER ROLE ${g('chain_c')} ADD MEMBER ${g('chain_b')}`,
    `GRANT SELECT ON dbo.request (id, caller_ssn) TO ${g('supervisor')}`,
    ...SUPERVISORS.map((n) => `ALTER ROLE ${g('supervisor')} ADD MEMBER ${g(n)}`),
    `GRANT SELECT ON dbo.request TO ${g('staff')}`,
    ...CLERKS.map((n) => `ALTER ROLE ${g('staff')} ADD MEMBER ${g(n)}`),
    ...ANALYSTS.map((n) => `GRANT SELECT ON dbo.request (caller_ssn) TO ${g(n)}`),
    `GRANT SELECT ON dbo.request (caller_ssn) TO ${g('chain_c')}`,
    ...CHAIN.map((n) => `ALTER ROLE ${g('chain_b')} ADD MEMBER ${g(n)}`),
    ...LOGINS_311.mssql.filter((x) => x.startsWith('tr')).map((n) => `GRANT SELECT ON dbo.request TO ${g(n)}`),
    ...(extra.logins ?? []).flatMap((l) => (l.roles ?? []).map((r) => `ALTER ROLE ${g(r)} ADD MEMBER ${g(l.name)}`)),
    ...(extra.statements?.(g) ?? []),
  ]);
  const probes = ['SELECT TOP 1 @x = caller_ssn FROM dbo.request'];
  const admin = await openAdmin('mssql', db.url);
  return {
    dialect: 'mssql', db, prefix, R, principal: R, schema: 'dbo', probes,
    scanArgs: [],
    foreignReaders: false,
    expectedRevokes: [
      ...[...ANALYSTS, 'chain_c'].map((n) => `REVOKE SELECT ON [dbo].[request] ([caller_ssn]) FROM ${g(n)}`),
      ...['staff', ...LOGINS_311.mssql.filter((x) => x.startsWith('tr'))].map((n) => `REVOKE SELECT ON [dbo].[request] FROM ${g(n)}`),
    ],
    revokedFrom: ANALYSTS.map(R),
    ours: (readers) => readers.filter((r) => r.login && r.principal.startsWith(prefix) && r.principal !== R(LATE)),
    grantLate: () => db.exec([`GRANT SELECT ON dbo.request (caller_ssn) TO ${g(LATE)}`]),
    async canRead(n, ps = probes) {
      for (const p of ps) {
        const rows = await admin.rows(`DECLARE @ok int = 0; DECLARE @x nvarchar(40);
EXECUTE AS USER = N'${R(n).replace(/'/g, "''")}';
BEGIN TRY ${p}; SET @ok = 1; END TRY BEGIN CATCH SET @ok = 0; END CATCH;
REVERT;
SELECT @ok AS ok`);
        if (Number(rows[0]?.['ok']) === 1) return true;
      }
      return false;
    },
    adminExec: (statements) => db.exec([...statements]),
    async drop() {
      await admin.close();
      await db.drop();
    },
  };
}
