/**
 * Need-to-know on MariaDB, the 311 case: 27 accounts can read request.caller_ssn (roles with and
 * without a default role, column grants, a chain of roles, a definer view, table grants), 2 are
 * allowed. The review's verdicts equal what each account can really SELECT (as itself, then after
 * SET ROLE to each of our roles); the revocations take back the 25 paths and leave the 2, the
 * grant tables re-read agree, and a 26th account granted afterwards is a new unauthorized reader.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mysql from 'mysql2/promise';
import { randomBytes } from 'node:crypto';
import { openConnector, DEFAULT_CONNECTOR_OPTIONS, type Connector } from '../../connectors/index.js';
import { newUnauthorizedReaders } from '../../src/access/judge.js';
import { parseAccessPolicy } from '../../src/access/policy.js';
import { reviewSource } from '../../src/access/review.js';
import { applyRevocation, proposeRevocations, verifyRevocation } from '../../src/access/revoke.js';
import type { AccessColumn, AccessReview } from '../../src/access/types.js';
import type { ScanResult } from '../../src/types.js';
import { createTestDatabase, getEngine, type TestDatabase } from '../helpers/engines.js';

const found = await getEngine('mysql');
if (found.skip) console.warn(`access-need-to-know-mysql: skipped: ${found.skip}`);

const tag = randomBytes(3).toString('hex');
const P = `ntk${tag}_`;
const U = (n: string) => `${P}${n}`;
const password = randomBytes(12).toString('hex');

const SUPERVISORS = ['sup1', 'sup2'];
const CLERKS = Array.from({ length: 8 }, (_, i) => `clerk${i + 1}`); // staff role; half without a default role
const ANALYSTS = Array.from({ length: 4 }, (_, i) => `analyst${i + 1}`);
const CHAIN = ['chain1', 'chain2', 'chain3'];
const REPORTERS = ['rep1', 'rep2', 'rep3'];
const TABLE_READERS = Array.from({ length: 7 }, (_, i) => `tr${i + 1}`);
const LOGINS = [...SUPERVISORS, ...CLERKS, ...ANALYSTS, ...CHAIN, ...REPORTERS, ...TABLE_READERS, 'nobody'];
const ROLES = ['supervisor', 'staff', 'chain_c', 'chain_b', 'reporting'];
const LATE = 'late26';

describe.skipIf(!found.engine)('need-to-know access on MariaDB', () => {
  let db: TestDatabase;
  let connector: Connector;
  let mariadb = true;
  const policy = parseAccessPolicy(`version: 1
categories:
  ssn:
    default: { allow: [], reason: nobody }
    departments:
      svc311:
        allow: [{ role: ${U('supervisor')}, reason: supervisors redact callers' SSNs }]
`, 'test-policy.yaml');
  const admin = () => mysql.createConnection({ uri: found.engine!.adminUrl });

  beforeAll(async () => {
    db = await createTestDatabase(found.engine!, 'access_ntk');
    const a = await admin();
    try {
      const [v] = await a.query('SELECT VERSION() AS v');
      mariadb = /mariadb/i.test(String((v as Array<{ v: string }>)[0]!.v));
      const q = (sql: string) => a.query(sql);
      const d = `\`${db.name}\``;
      const acct = (n: string) => `'${U(n)}'@'%'`;
      const setDefault = (role: string, n: string) =>
        q(mariadb ? `SET DEFAULT ROLE '${U(role)}' FOR ${acct(n)}` : `SET DEFAULT ROLE '${U(role)}' TO ${acct(n)}`);
      await q(`CREATE TABLE ${d}.request (id int PRIMARY KEY, caller_ssn varchar(11), status varchar(10))`);
      await q(`INSERT INTO ${d}.request VALUES (1, '123-45-6789', 'open')`);
      await q(`CREATE SQL SECURITY DEFINER VIEW ${d}.request_report AS SELECT id, caller_ssn FROM ${d}.request`);
      for (const u of [...LOGINS, LATE]) await q(`CREATE USER ${acct(u)} IDENTIFIED BY '${password}'`);
      for (const r of ROLES) await q(`CREATE ROLE '${U(r)}'`);
      await q(`GRANT SELECT (id, caller_ssn) ON ${d}.request TO '${U('supervisor')}'`);
      for (const n of SUPERVISORS) {
        await q(`GRANT '${U('supervisor')}' TO ${acct(n)}`);
        await setDefault('supervisor', n);
      }
      await q(`GRANT SELECT ON ${d}.request TO '${U('staff')}'`);
      for (const [i, n] of CLERKS.entries()) {
        await q(`GRANT '${U('staff')}' TO ${acct(n)}`);
        if (i % 2 === 0) await setDefault('staff', n);
      }
      for (const n of ANALYSTS) await q(`GRANT SELECT (caller_ssn) ON ${d}.request TO ${acct(n)}`);
      await q(`GRANT SELECT (caller_ssn) ON ${d}.request TO '${U('chain_c')}'`);
      await q(`GRANT '${U('chain_c')}' TO '${U('chain_b')}'`);
      for (const n of CHAIN) await q(`GRANT '${U('chain_b')}' TO ${acct(n)}`);
      await q(`GRANT SELECT ON ${d}.request_report TO '${U('reporting')}'`);
      for (const n of REPORTERS) await q(`GRANT '${U('reporting')}' TO ${acct(n)}`);
      for (const n of TABLE_READERS) await q(`GRANT SELECT ON ${d}.request TO ${acct(n)}`);
    } finally {
      await a.end();
    }
    connector = await openConnector(db.url, { ...DEFAULT_CONNECTOR_OPTIONS, name: 'svc311' });
  }, 120_000);

  afterAll(async () => {
    await connector?.close();
    const a = await admin();
    try {
      for (const u of [...LOGINS, LATE]) await a.query(`DROP USER IF EXISTS '${U(u)}'@'%'`);
      for (const r of ROLES) await a.query(`DROP ROLE IF EXISTS '${U(r)}'`).catch(() => {});
      const [left] = await a.query(`SELECT COUNT(*) AS n FROM mysql.user WHERE User LIKE ?`, [`${P}%`]);
      expect(Number((left as Array<{ n: number }>)[0]!.n)).toBe(0);
    } finally {
      await a.end();
    }
    await db?.drop();
  });

  /** Whether account `n` can read the column: as itself, then after SET ROLE to each of our roles. */
  async function canRead(n: string): Promise<boolean> {
    const u = new URL(db.url);
    u.username = U(n);
    u.password = password;
    // No default database: an account whose only grant sits behind SET ROLE cannot USE it yet.
    u.pathname = '/';
    const c = await mysql.createConnection({ uri: u.toString() });
    const probes = [`SELECT caller_ssn FROM \`${db.name}\`.request LIMIT 1`, `SELECT caller_ssn FROM \`${db.name}\`.request_report LIMIT 1`];
    try {
      const attempt = async () => {
        for (const p of probes) {
          try {
            await c.query(p);
            return true;
          } catch {
            /* not this way */
          }
        }
        return false;
      };
      if (await attempt()) return true;
      for (const r of ROLES) {
        try {
          await c.query(`SET ROLE '${U(r)}'`);
        } catch {
          continue;
        }
        if (await attempt()) return true;
      }
      return false;
    } finally {
      await c.end();
    }
  }

  async function review(): Promise<AccessReview> {
    const scan = {
      sources: [{ name: 'svc311' }],
      columns: ['request', 'request_report'].map((table) => ({ source: 'svc311', schema: db.name, table, column: 'caller_ssn', findings: [{ category: 'ssn' }] })),
    } as unknown as ScanResult;
    return reviewSource(scan, 'svc311', connector.dialect, connector, { policy });
  }
  const ours = (c: AccessColumn) => c.readers.filter((r) => r.login && r.principal.startsWith(`'${P}`) && r.principal !== `'${U(LATE)}'@'%'`);
  const name = (n: string) => `'${U(n)}'@'%'`;

  it('judges 27 accounts, 2 allowed, exactly those that can SELECT; revokes the 25 and leaves the 2', async () => {
    const before = await review();
    const col = before.columns.find((c) => c.table === 'request')!;
    const foreign = col.readers.filter((x) => x.login && x.verdict === 'UNAUTHORIZED' && !x.principal.startsWith(`'${P}`)).length;
    expect(col.sentence).toMatch(new RegExp(`: ${27 + foreign} logins can read it, 2 allowed, ${25 + foreign} unauthorized`));
    expect(col.sentence!.startsWith(`${db.name}.request.caller_ssn (ssn): `)).toBe(true);
    expect(col.readers.find((r) => r.principal === name('sup1'))).toMatchObject({ verdict: 'allowed', rule: 'ssn.departments.svc311' });
    expect(col.readers.find((r) => r.principal === name('rep1'))).toMatchObject({ verdict: 'UNAUTHORIZED', via: expect.stringContaining(`SELECT on view ${db.name}.request_report`) });
    const engine = new Set<string>();
    for (const n of LOGINS) if (await canRead(n)) engine.add(name(n));
    expect(ours(col).map((r) => r.principal).sort()).toEqual([...engine].sort());
    expect(engine.size).toBe(27);

    const revocations = proposeRevocations(before, policy);
    const refused = revocations.filter((r) => r.refused);
    // Global readers other sessions create (SELECT on *.*) are named and left: never ours.
    expect(refused.filter((r) => r.principal.includes(P))).toEqual([]);
    const applied = revocations.filter((r) => !r.refused && r.principal.includes(P));
    expect(applied.map((r) => r.statementSql)).toContain(`REVOKE SELECT (\`caller_ssn\`) ON \`${db.name}\`.\`request\` FROM '${U('analyst1')}'@'%'`);
    expect(applied.map((r) => r.statementSql)).toContain(`REVOKE SELECT ON \`${db.name}\`.\`request_report\` FROM '${U('reporting')}'`);
    expect(new Set(applied.map((r) => r.statementSql)).size, 'one statement per grant').toBe(applied.length);
    for (const r of applied) await applyRevocation(connector, r);
    for (const r of applied) expect(await verifyRevocation(connector, r), r.statementSql).toEqual({ ok: true, stillGranted: false });

    const after = new Set<string>();
    for (const n of LOGINS) if (await canRead(n)) after.add(name(n));
    expect([...after].sort()).toEqual(SUPERVISORS.map(name).sort());
    const reread = await review();
    const col2 = reread.columns.find((c) => c.table === 'request')!;
    expect(ours(col2).map((r) => r.principal).sort()).toEqual(SUPERVISORS.map(name).sort());

    // The 26th account.
    const a = await admin();
    try {
      await a.query(`GRANT SELECT ON \`${db.name}\`.request TO '${U(LATE)}'@'%'`);
    } finally {
      await a.end();
    }
    const later = await review();
    const fresh = newUnauthorizedReaders(reread, later);
    expect(fresh.map((f) => [f.table, f.principals])).toEqual([['request', [name(LATE)]]]);
  }, 180_000);
});
