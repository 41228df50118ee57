/**
 * Access review to revocation, end to end on MariaDB, through the CLI only: 27 accounts can read request.caller_ssn
 * (roles with and without a default role, column grants, a chain of roles, a definer view, table
 * grants), 2 allowed → `minim access --format json` → `minim plan --access` → signed approvals →
 * `minim migrate --apply` → only the 2 can still SELECT (connecting as each account) →
 * `minim check --access-baseline` passes, and fails naming a 26th account granted afterwards.
 * The server is shared: readers other sessions create (global grants) are never ours and are
 * left out of the assertions by name.
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
import { build311, SUPERVISORS, LATE, unauthorized311, type Case311 } from '../helpers/access-311.js';
import { forEachEngine, serverOf, suiteEngines } from '../helpers/suite.js';

const UNAUTHORIZED = unauthorized311('mysql');

forEachEngine('access revoke workflow', await suiteEngines(['mysql'] as const), (e) => {
  let db: TestDatabase;
  let fx: Case311;
  let P: string;
  let U: (n: string) => string;
  let steward: TestSteward;
  const dir = mkdtempSync(join(tmpdir(), 'minim-rvk-my-'));
  const f = (n: string) => join(dir, n);
  const name = (n: string) => `'${U(n)}'@'%'`;
  const url = () => `svc311=${db.url}`;

  beforeAll(async () => {
    fx = await build311('mysql', serverOf(e), 'rvk');
    db = fx.db;
    P = fx.prefix;
    U = fx.R;
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
    steward = await makeSteward('Rita Access');
    await writeStewards(dir, [steward]);
  }, 120_000);

  afterAll(async () => {
    await fx?.drop();
  });

  /** Whether account `n` can SELECT the column: as itself, then after SET ROLE to each of our roles. */
  const canRead = (n: string) => fx.canRead(n);

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

    await fx.adminExec([`GRANT SELECT ON \`${db.name}\`.request TO ${name(LATE)}`]);
    const bad = await runCaptured(['check', url(), '--access-baseline', f('a2.json'), ...policy, '-q']);
    expect(bad.code, bad.stdout + bad.stderr).toBe(1);
    expect(bad.stdout).toMatch(new RegExp(`new logins? can read ${db.name}\\.request\\.caller_ssn \\(ssn\\): .*'${U(LATE)}'@'%'`));
  }, 180_000);
});
