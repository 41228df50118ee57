/**
 * `minim access` on MariaDB/MySQL: for each test account, the columns minim says it can read are
 * exactly those a real SELECT succeeds on, connected as that account (trying each granted role
 * with SET ROLE when the default fails).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import mysql from 'mysql2/promise';
import { randomBytes } from 'node:crypto';
import { openConnector, DEFAULT_CONNECTOR_OPTIONS, type Connector } from '../../connectors/index.js';
import { mysqlReaders, dbPatternMatches } from '../../connectors/mysql/mysql-grants.js';
import { refKey, type ColumnRef } from '../../src/access/types.js';
import { createTestDatabase, type TestDatabase } from '../helpers/engines.js';
import { forEachEngine, serverOf, suiteEngines } from '../helpers/suite.js';


const tag = randomBytes(3).toString('hex');
const U = (n: string) => `acc${tag}_${n}`;
const password = randomBytes(12).toString('hex');
const USERS = ['clerk', 'clerk2', 'auditor', 'tablereader', 'dbreader', 'wild', 'globalreader', 'nobody', 'a'];
const ROLES = ['staff', 'b', 'c'];

forEachEngine('access readers', await suiteEngines(['mysql'] as const), (e) => {
  const found = { engine: serverOf(e) };
  let db: TestDatabase;
  let connector: Connector;
  let mariadb = true;
  const admin = () => mysql.createConnection({ uri: found.engine!.adminUrl });

  beforeAll(async () => {
    db = await createTestDatabase(found.engine!, 'access_my');
    const a = await admin();
    try {
      const [v] = await a.query('SELECT VERSION() AS v');
      mariadb = /mariadb/i.test(String((v as Array<{ v: string }>)[0]!.v));
      const q = (sql: string) => a.query(sql);
      await q(`CREATE TABLE \`${db.name}\`.requests (id int PRIMARY KEY, notes text, \`Caller SSN\` varchar(11))`);
      await q(`CREATE TABLE \`${db.name}\`.employees (id int PRIMARY KEY, ssn varchar(11), dob date)`);
      for (const u of USERS) await q(`CREATE USER '${U(u)}'@'%' IDENTIFIED BY '${password}'`);
      for (const r of ROLES) await q(`CREATE ROLE '${U(r)}'`);
      const d = `\`${db.name}\``;
      await q(`GRANT SELECT ON ${d}.employees TO '${U('staff')}'`);
      await q(`GRANT '${U('staff')}' TO '${U('clerk')}'@'%'`);
      await q(`GRANT '${U('staff')}' TO '${U('clerk2')}'@'%'`);
      await q(mariadb ? `SET DEFAULT ROLE '${U('staff')}' FOR '${U('clerk')}'@'%'` : `SET DEFAULT ROLE '${U('staff')}' TO '${U('clerk')}'@'%'`);
      await q(`GRANT SELECT (ssn) ON ${d}.employees TO '${U('auditor')}'@'%'`);
      await q(`GRANT SELECT ON ${d}.requests TO '${U('tablereader')}'@'%'`);
      await q(`GRANT SELECT ON ${d}.* TO '${U('dbreader')}'@'%'`);
      // A wildcard database grant: the last character of the name as `_`.
      await q(`GRANT SELECT ON \`${db.name.slice(0, -1)}_\`.* TO '${U('wild')}'@'%'`);
      await q(`GRANT SELECT ON *.* TO '${U('globalreader')}'@'%'`);
      await q(`GRANT SELECT (\`Caller SSN\`) ON ${d}.requests TO '${U('c')}'`);
      await q(`GRANT '${U('c')}' TO '${U('b')}'`);
      await q(`GRANT '${U('b')}' TO '${U('a')}'@'%'`);
      if (mariadb) await q(`GRANT SELECT (notes) ON ${d}.requests TO PUBLIC`);
    } finally {
      await a.end();
    }
    connector = await openConnector(db.url, { ...DEFAULT_CONNECTOR_OPTIONS, name: 'calls' });
  });

  afterAll(async () => {
    await connector?.close();
    const a = await admin();
    try {
      if (mariadb) await a.query(`REVOKE SELECT (notes) ON \`${db.name}\`.requests FROM PUBLIC`).catch(() => {});
      for (const u of USERS) await a.query(`DROP USER IF EXISTS '${U(u)}'@'%'`);
      for (const r of ROLES) await a.query(`DROP ROLE IF EXISTS '${U(r)}'`).catch(() => {});
    } finally {
      await a.end();
    }
    await db?.drop();
  });

  const refs = (): ColumnRef[] => [
    { schema: db.name, table: 'requests', column: 'notes' },
    { schema: db.name, table: 'requests', column: 'Caller SSN' },
    { schema: db.name, table: 'employees', column: 'ssn' },
    { schema: db.name, table: 'employees', column: 'dob' },
  ];

  /** Whether `user` can SELECT the column: as connected, or after SET ROLE of a granted role. */
  async function canSelect(user: string, ref: ColumnRef): Promise<boolean> {
    const u = new URL(found.engine!.adminUrl);
    const c = await mysql.createConnection({ host: u.hostname, port: Number(u.port || 3306), user, password });
    try {
      const sql = `SELECT \`${ref.column}\` FROM \`${ref.schema}\`.\`${ref.table}\` LIMIT 0`;
      const attempt = () => c.query(sql).then(() => true, (e: { code?: string }) => {
        if (e.code === 'ER_COLUMNACCESS_DENIED_ERROR' || e.code === 'ER_TABLEACCESS_DENIED_ERROR' || e.code === 'ER_DBACCESS_DENIED_ERROR') return false;
        throw e;
      });
      if (await attempt()) return true;
      const [roles] = await c.query('SELECT ROLE_NAME AS r FROM information_schema.APPLICABLE_ROLES');
      for (const { r } of roles as Array<{ r: string }>) {
        // Nested roles are listed too but cannot be SET directly: they come with their parent.
        if (!(await c.query(`SET ROLE '${r}'`).then(() => true, () => false))) continue;
        if (await attempt()) return true;
      }
      return false;
    } finally {
      await c.end();
    }
  }

  it('lists exactly the accounts a real SELECT lets read each column', async () => {
    const readers = await mysqlReaders(connector, refs());
    let checks = 0;
    for (const ref of refs()) {
      const listed = readers.get(refKey(ref))!;
      const pub = listed.some((r) => r.kind === 'public');
      for (const u of USERS) {
        const name = `'${U(u)}'@'%'`;
        const says = pub || listed.some((r) => r.principal === name);
        expect(says, `${name} on ${ref.table}.${ref.column}`).toBe(await canSelect(U(u), ref));
        checks++;
      }
    }
    expect(checks).toBe(USERS.length * 4);
  });

  it('explains the grant behind each reader', async () => {
    const readers = await mysqlReaders(connector, refs());
    const of = (i: number, n: string) => readers.get(refKey(refs()[i]!))!.find((r) => r.principal === n);
    expect(of(2, `'${U('clerk')}'@'%'`)?.via).toBe(`role membership: '${U('clerk')}'@'%' → ${U('staff')} (SELECT on table)`);
    expect(of(2, `'${U('auditor')}'@'%'`)?.via).toBe('direct grant (SELECT on column)');
    expect(of(3, `'${U('auditor')}'@'%'`)).toBeUndefined();
    expect(of(1, `'${U('a')}'@'%'`)?.via).toBe(`role membership: '${U('a')}'@'%' → ${U('b')} → ${U('c')} (SELECT on column)`);
    expect(of(0, `'${U('wild')}'@'%'`)?.via).toBe(`direct grant (SELECT on ${db.name.slice(0, -1)}_.*)`);
    expect(of(0, `'${U('globalreader')}'@'%'`)?.via).toBe('direct grant (SELECT on *.*)');
    expect(of(0, `'${U('staff')}'`)).toBeUndefined();
    expect(of(2, U('staff'))).toMatchObject({ kind: 'role' });
    if (mariadb) expect(of(0, 'PUBLIC')).toMatchObject({ kind: 'public' });
    expect(readers.get(refKey(refs()[0]!))!.some((r) => r.superuser)).toBe(true);
  });

  it('matches database patterns like the server', () => {
    expect(dbPatternMatches('app\\_db', 'app_db', false)).toBe(true);
    expect(dbPatternMatches('app\\_db', 'appxdb', false)).toBe(false);
    expect(dbPatternMatches('app_db', 'appxdb', false)).toBe(true);
    expect(dbPatternMatches('app%', 'application', false)).toBe(true);
    expect(dbPatternMatches('App', 'app', false)).toBe(false);
    expect(dbPatternMatches('App', 'app', true)).toBe(true);
  });
});
