/**
 * The revocation workflow on SQL Server, through the CLI only (wherever MINIM_TEST_MSSQL_URL or a
 * Docker engine exists; skipped with the reason printed elsewhere): the 311 case of
 * test/helpers/access-311.ts (27 database users read dbo.request.caller_ssn through roles, a role
 * chain, column and table grants; 2 supervisors allowed) → `minim access --format json` →
 * `minim plan --access` → signed approvals → `minim migrate --apply` (REVOKE, re-read) → only the 2
 * can still SELECT (EXECUTE AS USER each) → `minim check --access-baseline` passes, and fails
 * naming a 26th user granted afterwards.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { AccessReview } from '../../src/access/types.js';
import type { Plan } from '../../src/plan/plan-schema.js';
import { type TestDatabase } from '../helpers/engines.js';
import { runCaptured } from '../helpers/cli.js';
import { makeSteward, writeStewards, type TestSteward } from '../helpers/stewards.js';
import { build311, ANALYSTS, SUPERVISORS, LATE, unauthorized311, type Case311 } from '../helpers/access-311.js';
import { forEachEngine, serverOf, suiteEngines } from '../helpers/suite.js';

const UNAUTHORIZED = unauthorized311('mssql');

forEachEngine('access revoke workflow', await suiteEngines(['mssql'] as const), (e) => {
  let db: TestDatabase;
  let fx: Case311;
  let P: string;
  let R: (n: string) => string;
  let steward: TestSteward;
  const dir = mkdtempSync(join(tmpdir(), 'minim-rvk-ms-'));
  const f = (n: string) => join(dir, n);
  const url = () => `svc311=${db.url}`;
  const policy = () => ['--access-policy', f('access-policy.yaml')];

  beforeAll(async () => {
    fx = await build311('mssql', serverOf(e), 'rvk');
    db = fx.db;
    P = fx.prefix;
    R = fx.R;
    writeFileSync(f('access-policy.yaml'), `version: 1
categories:
  ssn:
    default: { allow: [], reason: nobody }
    departments:
      svc311:
        allow: [{ role: ${R('supervisor')}, reason: supervisors redact callers' SSNs }]
`);
    steward = await makeSteward('Rita Access');
    await writeStewards(dir, [steward]);
  }, 300_000);

  afterAll(async () => {
    await fx?.drop();
  });

  it('revokes the 25 unauthorized paths through a signed plan, keeps the 2, and gates a 26th user', async () => {
    for (const n of [...SUPERVISORS, ...UNAUTHORIZED]) expect(await fx.canRead(n), n).toBe(true);
    const sc = await runCaptured(['scan', url(), '--format', 'json', '--out', f('scan.json'), '--no-progress']);
    expect(sc.code, sc.stderr).toBe(0);
    const ac = await runCaptured(['access', url(), '--scan', f('scan.json'), ...policy(), '--format', 'json', '--out', f('a.json'), '-q']);
    expect(ac.code, ac.stderr).toBe(0);
    const before = JSON.parse(readFileSync(f('a.json'), 'utf8')) as AccessReview;
    const col = before.columns.find((c) => c.table === 'request' && c.column === 'caller_ssn')!;
    expect(col.categories).toContain('ssn');
    const ours = (c: typeof col) => c.readers.filter((r) => r.login && r.principal.startsWith(P) && r.principal !== R(LATE));
    expect(ours(col).map((r) => r.principal).sort()).toEqual([...SUPERVISORS, ...UNAUTHORIZED].map(R).sort());
    expect(col.readers.find((r) => r.principal === R('sup1'))).toMatchObject({ verdict: 'allowed', rule: 'ssn.departments.svc311' });
    expect(col.readers.find((r) => r.principal === R('clerk1'))).toMatchObject({ verdict: 'UNAUTHORIZED' });

    const pl = await runCaptured(['plan', '--scan', f('scan.json'), '--access', f('a.json'), ...policy(), '--out', f('plan.yaml')], steward.env);
    expect(pl.code, pl.stderr).toBe(0);
    const plan = parseYaml(readFileSync(f('plan.yaml'), 'utf8')) as Plan;
    const restrict = plan.items.filter((i) => i.revoke && i.revoke.principal.startsWith(P));
    expect(new Set(restrict.map((i) => i.id)).size).toBe(restrict.length);
    const statements = restrict.map((i) => i.revoke!.statement);
    expect(statements).toContain(`REVOKE SELECT ON [dbo].[request] ([caller_ssn]) FROM [${R('analyst1')}]`);
    expect(statements).toContain(`REVOKE SELECT ON [dbo].[request] FROM [${R('staff')}]`);
    expect(statements).toContain(`REVOKE SELECT ON [dbo].[request] ([caller_ssn]) FROM [${R('chain_c')}]`);
    for (const n of ANALYSTS) expect(restrict.some((i) => i.revoke!.principal === R(n)), n).toBe(true);
    expect(restrict.some((i) => i.revoke!.principal === R('supervisor'))).toBe(false);

    const ap = await runCaptured(['approve', f('plan.yaml'), ...restrict.map((i) => i.id), '--reason', 'need-to-know review'], steward.env);
    expect(ap.code, ap.stderr).toBe(0);
    const dry = await runCaptured(['migrate', f('plan.yaml'), '--url', db.url, ...policy()]);
    expect(dry.code, dry.stderr).toBe(0);
    for (const i of restrict) expect(dry.stdout + dry.stderr).toContain(i.revoke!.statement);
    expect(await fx.canRead('clerk1')).toBe(true);

    const run = await runCaptured(['migrate', f('plan.yaml'), '--url', db.url, ...policy(), '--apply']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect((run.stdout.match(/ restrict {2}done/g) ?? []).length).toBe(restrict.length);

    for (const n of UNAUTHORIZED) expect(await fx.canRead(n), `${n} still reads`).toBe(false);
    for (const n of SUPERVISORS) expect(await fx.canRead(n), `${n} lost access`).toBe(true);

    const ac2 = await runCaptured(['access', url(), '--scan', f('scan.json'), ...policy(), '--format', 'json', '--out', f('a2.json'), '-q']);
    expect(ac2.code, ac2.stderr).toBe(0);
    const after = JSON.parse(readFileSync(f('a2.json'), 'utf8')) as AccessReview;
    const col2 = after.columns.find((c) => c.table === 'request' && c.column === 'caller_ssn')!;
    expect(ours(col2).map((r) => r.principal).sort()).toEqual(SUPERVISORS.map(R).sort());
    expect(col2.logins).toMatchObject({ allowed: 2, unauthorized: 0 });

    const ok = await runCaptured(['check', url(), '--access-baseline', f('a2.json'), ...policy(), '-q']);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    await fx.adminExec([`GRANT SELECT ON dbo.request (caller_ssn) TO [${R(LATE)}]`]);
    const bad = await runCaptured(['check', url(), '--access-baseline', f('a2.json'), ...policy(), '-q']);
    expect(bad.code, bad.stdout + bad.stderr).toBe(1);
    expect(bad.stdout).toContain(`1 new login can read dbo.request.caller_ssn (ssn): ${R(LATE)}`);
  }, 300_000);
});
