/**
 * Access review to revocation, end to end on MariaDB, through the CLI only: 27 accounts can read request.caller_ssn
 * (roles with and without a default role, column grants, a chain of roles, a definer view, table
 * grants), 2 allowed → `minim access --format json` → `minim plan --access` → signed approvals →
 * `minim migrate --apply` → only the 2 can still SELECT (connecting as each account) →
 * `minim check --access-baseline` passes, and fails naming a 26th account granted afterwards.
 * The server is shared: readers other sessions create (global grants) are never ours and are
 * left out of the assertions by name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mysql from 'mysql2/promise';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { AccessReview } from '../../src/access/types.js';
import type { Plan } from '../../src/plan/plan-schema.js';
import { createTestDatabase, getEngine, type TestDatabase } from '../helpers/engines.js';
import { runCaptured } from '../helpers/cli.js';
import { makeSteward, writeStewards, type TestSteward } from '../helpers/stewards.js';

const found = await getEngine('mysql');
if (found.skip) console.warn(`access-revoke-workflow-mysql: skipped: ${found.skip}`);

const tag = randomBytes(3).toString('hex');
const P = `rvk${tag}_`;
const U = (n: string) => `${P}${n}`;
const password = randomBytes(12).toString('hex');

const SUPERVISORS = ['sup1', 'sup2'];
const CLERKS = Array.from({ length: 8 }, (_, i) => `clerk${i + 1}`); // staff role; half without a default role
const ANALYSTS = Array.from({ length: 4 }, (_, i) => `analyst${i + 1}`);
const CHAIN = ['chain1', 'chain2', 'chain3'];
const REPORTERS = ['rep1', 'rep2', 'rep3'];
const TABLE_READERS = Array.from({ length: 7 }, (_, i) => `tr${i + 1}`);
const UNAUTHORIZED = [...CLERKS, ...ANALYSTS, ...CHAIN, ...REPORTERS, ...TABLE_READERS];
const ROLES = ['supervisor', 'staff', 'chain_c', 'chain_b', 'reporting'];
const LATE = 'late26';

describe.skipIf(!found.engine)('revocation workflow on MariaDB (access → plan --access → approve → migrate --apply → check --access-baseline)', () => {
  let db: TestDatabase;
  let steward: TestSteward;
  let mariadb = true;
  const dir = mkdtempSync(join(tmpdir(), 'minim-rvk-my-'));
  const f = (n: string) => join(dir, n);
  const admin = () => mysql.createConnection({ uri: found.engine!.adminUrl });
  const name = (n: string) => `'${U(n)}'@'%'`;
  const url = () => `svc311=${db.url}`;

  beforeAll(async () => {
    writeFileSync(
      f('access-policy.yaml'),
      `version: 1
categories:
  ssn:
    default: { allow: [], reason: nobody }
    departments:
      svc311:
        allow: [{ role: ${U('supervisor')}, reason: supervisors redact callers' SSNs }]
`,
    );
    db = await createTestDatabase(found.engine!, 'access_rvk');
    const a = await admin();
    try {
      const [v] = await a.query('SELECT VERSION() AS v');
      mariadb = /mariadb/i.test(String((v as Array<{ v: string }>)[0]!.v));
      const q = (sql: string) => a.query(sql);
      const d = `\`${db.name}\``;
      const setDefault = (role: string, n: string) =>
        q(mariadb ? `SET DEFAULT ROLE '${U(role)}' FOR ${name(n)}` : `SET DEFAULT ROLE '${U(role)}' TO ${name(n)}`);
      await q(`CREATE TABLE ${d}.request (id int PRIMARY KEY, caller_ssn varchar(11), status varchar(10))`);
      const rows = Array.from({ length: 200 }, (_, i) => `(${i + 1}, '${String(100 + (i % 500)).padStart(3, '0')}-${String(1 + (i % 98)).padStart(2, '0')}-${String(1000 + i)}', 'open')`);
      await q(`INSERT INTO ${d}.request VALUES ${rows.join(',')}`);
      await q(`CREATE SQL SECURITY DEFINER VIEW ${d}.request_report AS SELECT id, caller_ssn FROM ${d}.request`);
      for (const u of [...SUPERVISORS, ...UNAUTHORIZED, LATE]) await q(`CREATE USER ${name(u)} IDENTIFIED BY '${password}'`);
      for (const r of ROLES) await q(`CREATE ROLE '${U(r)}'`);
      await q(`GRANT SELECT (id, caller_ssn) ON ${d}.request TO '${U('supervisor')}'`);
      for (const n of SUPERVISORS) {
        await q(`GRANT '${U('supervisor')}' TO ${name(n)}`);
        await setDefault('supervisor', n);
      }
      await q(`GRANT SELECT ON ${d}.request TO '${U('staff')}'`);
      for (const [i, n] of CLERKS.entries()) {
        await q(`GRANT '${U('staff')}' TO ${name(n)}`);
        if (i % 2 === 0) await setDefault('staff', n);
      }
      for (const n of ANALYSTS) await q(`GRANT SELECT (caller_ssn) ON ${d}.request TO ${name(n)}`);
      await q(`GRANT SELECT (caller_ssn) ON ${d}.request TO '${U('chain_c')}'`);
      await q(`GRANT '${U('chain_c')}' TO '${U('chain_b')}'`);
      for (const n of CHAIN) await q(`GRANT '${U('chain_b')}' TO ${name(n)}`);
      await q(`GRANT SELECT ON ${d}.request_report TO '${U('reporting')}'`);
      for (const n of REPORTERS) await q(`GRANT '${U('reporting')}' TO ${name(n)}`);
      for (const n of TABLE_READERS) await q(`GRANT SELECT ON ${d}.request TO ${name(n)}`);
    } finally {
      await a.end();
    }
    steward = await makeSteward('Rita Access');
    await writeStewards(dir, [steward]);
  }, 120_000);

  afterAll(async () => {
    const a = await admin();
    try {
      for (const u of [...SUPERVISORS, ...UNAUTHORIZED, LATE]) await a.query(`DROP USER IF EXISTS ${name(u)}`);
      for (const r of ROLES) await a.query(`DROP ROLE IF EXISTS '${U(r)}'`).catch(() => {});
      const [left] = await a.query(`SELECT COUNT(*) AS n FROM mysql.user WHERE User LIKE ?`, [`${P}%`]);
      expect(Number((left as Array<{ n: number }>)[0]!.n)).toBe(0);
    } finally {
      await a.end();
    }
    await db?.drop();
  });

  /** Whether account `n` can SELECT the column: as itself, then after SET ROLE to each of our roles. */
  async function canRead(n: string): Promise<boolean> {
    const u = new URL(db.url);
    u.username = U(n);
    u.password = password;
    u.pathname = '/';
    const c = await mysql.createConnection({ uri: u.toString() });
    const probes = [`SELECT caller_ssn FROM \`${db.name}\`.request LIMIT 1`, `SELECT caller_ssn FROM \`${db.name}\`.request_report LIMIT 1`];
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
    try {
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

  it('revokes the 25 unauthorized paths through a signed plan, keeps the 2, and gates a 26th account', async () => {
    for (const n of [...SUPERVISORS, ...UNAUTHORIZED]) expect(await canRead(n), n).toBe(true);
    const sc = await runCaptured(['scan', url(), '--format', 'json', '--out', f('scan.json'), '--no-progress']);
    expect(sc.code, sc.stderr).toBe(0);
    const policy = ['--access-policy', f('access-policy.yaml')];
    const ac = await runCaptured(['access', url(), '--scan', f('scan.json'), ...policy, '--format', 'json', '--out', f('a.json'), '-q']);
    expect(ac.code, ac.stderr).toBe(0);
    const before = JSON.parse(readFileSync(f('a.json'), 'utf8')) as AccessReview;
    const col = before.columns.find((c) => c.table === 'request' && c.column === 'caller_ssn')!;
    expect(col.readers.filter((r) => r.login && r.principal.startsWith(`'${P}`)).length).toBe(27);

    const pl = await runCaptured(['plan', '--scan', f('scan.json'), '--access', f('a.json'), ...policy, '--out', f('plan.yaml')], steward.env);
    expect(pl.code, pl.stderr).toBe(0);
    const plan = parseYaml(readFileSync(f('plan.yaml'), 'utf8')) as Plan;
    // Ours only: a global reader another session made is refused (a note), never an item of ours.
    const restrict = plan.items.filter((i) => i.revoke && i.revoke.principal.includes(P));
    expect(new Set(restrict.map((i) => i.id)).size).toBe(restrict.length);
    const statements = restrict.map((i) => i.revoke!.statement);
    expect(statements).toContain(`REVOKE SELECT (\`caller_ssn\`) ON \`${db.name}\`.\`request\` FROM '${U('analyst1')}'@'%'`);
    expect(statements).toContain(`REVOKE SELECT ON \`${db.name}\`.\`request_report\` FROM '${U('reporting')}'`);
    expect(restrict.some((i) => i.revoke!.principal.includes(U('supervisor')))).toBe(false);

    const ap = await runCaptured(['approve', f('plan.yaml'), ...restrict.map((i) => i.id), '--reason', 'need-to-know review'], steward.env);
    expect(ap.code, ap.stderr).toBe(0);
    const run = await runCaptured(['migrate', f('plan.yaml'), '--url', db.url, ...policy, '--apply']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect((run.stdout.match(/ restrict {2}done/g) ?? []).length).toBe(restrict.length);

    for (const n of UNAUTHORIZED) expect(await canRead(n), `${n} still reads`).toBe(false);
    for (const n of SUPERVISORS) expect(await canRead(n), `${n} lost access`).toBe(true);

    const ac2 = await runCaptured(['access', url(), '--scan', f('scan.json'), ...policy, '--format', 'json', '--out', f('a2.json'), '-q']);
    expect(ac2.code, ac2.stderr).toBe(0);
    const after = JSON.parse(readFileSync(f('a2.json'), 'utf8')) as AccessReview;
    const col2 = after.columns.find((c) => c.table === 'request' && c.column === 'caller_ssn')!;
    expect(col2.readers.filter((r) => r.login && r.principal.startsWith(`'${P}`)).map((r) => r.principal).sort()).toEqual(SUPERVISORS.map(name).sort());

    const ok = await runCaptured(['check', url(), '--access-baseline', f('a2.json'), ...policy, '-q']);
    // Only a global reader another session created in between may appear here, never one of ours.
    if (ok.code !== 0) expect(ok.stdout, 'only foreign readers').not.toContain(P);
    else expect(ok.code).toBe(0);

    const a = await admin();
    try {
      await a.query(`GRANT SELECT ON \`${db.name}\`.request TO ${name(LATE)}`);
    } finally {
      await a.end();
    }
    const bad = await runCaptured(['check', url(), '--access-baseline', f('a2.json'), ...policy, '-q']);
    expect(bad.code, bad.stdout + bad.stderr).toBe(1);
    expect(bad.stdout).toMatch(new RegExp(`new logins? can read ${db.name}\\.request\\.caller_ssn \\(ssn\\): .*'${U(LATE)}'@'%'`));
  }, 180_000);
});
