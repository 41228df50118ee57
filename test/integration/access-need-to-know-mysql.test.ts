/**
 * Need-to-know on MariaDB, the 311 case: 27 accounts can read request.caller_ssn (roles with and
 * without a default role, column grants, a chain of roles, a definer view, table grants), 2 are
 * allowed. The review's verdicts equal what each account can really SELECT (as itself, then after
 * SET ROLE to each of our roles); the revocations take back the 25 paths and leave the 2, the
 * grant tables re-read agree, and a 26th account granted afterwards is a new unauthorized reader.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openConnector, DEFAULT_CONNECTOR_OPTIONS, type Connector } from '../../connectors/index.js';
import { newUnauthorizedReaders } from '../../src/access/judge.js';
import { parseAccessPolicy } from '../../src/access/policy.js';
import { reviewSource } from '../../src/access/review.js';
import { applyRevocation, proposeRevocations, verifyRevocation } from '../../src/access/revoke.js';
import type { AccessColumn, AccessReview } from '../../src/access/types.js';
import type { ScanResult } from '../../src/types.js';
import { type TestDatabase } from '../helpers/engines.js';
import { build311, LOGINS_311, SUPERVISORS, LATE, type Case311 } from '../helpers/access-311.js';
import { forEachEngine, serverOf, suiteEngines } from '../helpers/suite.js';

const LOGINS = [...LOGINS_311.mysql, 'nobody'];

forEachEngine('access need-to-know', await suiteEngines(['mysql'] as const), (e) => {
  let db: TestDatabase;
  let fx: Case311;
  let P: string;
  let U: (n: string) => string;
  let connector: Connector;
  let policy: ReturnType<typeof parseAccessPolicy>;

  beforeAll(async () => {
    fx = await build311('mysql', serverOf(e), 'ntk', { logins: [{ name: 'nobody' }] });
    db = fx.db;
    P = fx.prefix;
    U = fx.R;
    policy = parseAccessPolicy(`version: 1
categories:
  ssn:
    default: { allow: [], reason: nobody }
    departments:
      svc311:
        allow: [{ role: ${U('supervisor')}, reason: supervisors redact callers' SSNs }]
`, 'test-policy.yaml');
    connector = await openConnector(db.url, { ...DEFAULT_CONNECTOR_OPTIONS, name: 'svc311' });
  }, 120_000);

  afterAll(async () => {
    await connector?.close();
    await fx?.drop();
  });

  const canRead = (n: string) => fx.canRead(n);

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
    await fx.adminExec([`GRANT SELECT ON \`${db.name}\`.request TO '${U(LATE)}'@'%'`]);
    const later = await review();
    const fresh = newUnauthorizedReaders(reread, later);
    expect(fresh.map((f) => [f.table, f.principals])).toEqual([['request', [name(LATE)]]]);
  }, 180_000);
});
