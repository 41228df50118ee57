/**
 * Access review to revocation, end to end on PostgreSQL, through the CLI only: the 311 case (27 logins can read
 * svc311.request.caller_ssn, 2 allowed) → `minim access --format json` → `minim plan --access`
 * (one restrict item per unauthorized grant) → signed approvals with a real steward key →
 * `minim migrate --apply` (REVOKE, re-read) → every unauthorized login can no longer SELECT the
 * column (connecting as each), the 2 allowed still can → `minim check --access-baseline` passes,
 * and fails naming a 26th login granted afterwards.
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

const UNAUTHORIZED = unauthorized311('postgres');

forEachEngine('access revoke workflow', await suiteEngines(['postgres'] as const), (e) => {
  let db: TestDatabase;
  let fx: Case311;
  let R: (n: string) => string;
  let steward: TestSteward;
  const dir = mkdtempSync(join(tmpdir(), 'minim-rvk-'));
  const f = (n: string) => join(dir, n);
  const url = () => `svc311=${db.url}`;

  beforeAll(async () => {
    fx = await build311('postgres', serverOf(e), 'rvk');
    db = fx.db;
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
  }, 120_000);

  afterAll(async () => {
    await fx?.drop();
  });

  /** Whether login `n` can SELECT the column (as itself, then after SET ROLE to each of our roles): the engine answers. */
  const canRead = (n: string) => fx.canRead(n);

  it('revokes the 25 unauthorized paths through a signed plan, keeps the 2, and gates a 26th login', async () => {
    // Independent baseline: all 27 can read before.
    for (const n of [...SUPERVISORS, ...UNAUTHORIZED]) expect(await canRead(n), n).toBe(true);
    const sc = await runCaptured(['scan', url(), '--include', 'svc311.*', '--format', 'json', '--out', f('scan.json'), '--no-progress']);
    expect(sc.code, sc.stderr).toBe(0);
    const ac = await runCaptured(['access', url(), '--scan', f('scan.json'), '--access-policy', f('access-policy.yaml'), '--format', 'json', '--out', f('a.json'), '-q']);
    expect(ac.code, ac.stderr).toBe(0);
    const before = JSON.parse(readFileSync(f('a.json'), 'utf8')) as AccessReview;
    expect(before.columns.find((c) => c.column === 'caller_ssn')!.sentence).toMatch(/27 logins can read it, 2 allowed, 25 unauthorized/);

    const pl = await runCaptured(['plan', '--scan', f('scan.json'), '--access', f('a.json'), '--access-policy', f('access-policy.yaml'), '--out', f('plan.yaml')], steward.env);
    expect(pl.code, pl.stderr).toBe(0);
    const plan = parseYaml(readFileSync(f('plan.yaml'), 'utf8')) as Plan;
    const restrict = plan.items.filter((i) => i.revoke);
    expect(restrict.length).toBeGreaterThan(0);
    expect(new Set(restrict.map((i) => i.id)).size).toBe(restrict.length);
    for (const i of restrict) {
      expect(i.action).toBe('restrict');
      expect(i.id.startsWith(`svc311.svc311.${i.table}.${i.column}:restrict:${i.revoke!.principal}`), i.id).toBe(true);
      expect(i.revoke!.statement).toMatch(/^REVOKE /);
      // Never the allowed role's grant.
      expect(i.revoke!.principal).not.toBe(R('supervisor'));
    }
    const principals = new Set(restrict.map((i) => i.revoke!.principal));
    for (const g of ['staff', 'chain_c', 'reporting', 'defreader', 'archive', ...ANALYSTS]) expect(principals.has(R(g)), g).toBe(true);

    const ap = await runCaptured(['approve', f('plan.yaml'), ...restrict.map((i) => i.id), '--reason', 'need-to-know review'], steward.env);
    expect(ap.code, ap.stderr).toBe(0);

    // Dry run: the REVOKE of each item, nothing changed.
    const dry = await runCaptured(['migrate', f('plan.yaml'), '--url', db.url, '--access-policy', f('access-policy.yaml')]);
    expect(dry.code, dry.stderr).toBe(0);
    for (const i of restrict) expect(dry.stdout + dry.stderr).toContain(i.revoke!.statement);
    expect(await canRead('clerk1')).toBe(true);

    const run = await runCaptured(['migrate', f('plan.yaml'), '--url', db.url, '--access-policy', f('access-policy.yaml'), '--apply']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    for (const i of restrict) expect(run.stdout + run.stderr).toMatch(new RegExp(`${i.id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+restrict\\s+done`));

    // The engine's answer, login by login.
    for (const n of UNAUTHORIZED) expect(await canRead(n), `${n} still reads`).toBe(false);
    for (const n of SUPERVISORS) expect(await canRead(n), `${n} lost access`).toBe(true);

    // Applying again with the journal: each item was done and its grant is still gone (done, resumed, re-verified).
    const again = await runCaptured(['migrate', f('plan.yaml'), '--url', db.url, '--access-policy', f('access-policy.yaml'), '--apply']);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect((again.stdout.match(/ restrict {2}done: done \(resumed\)/g) ?? []).length).toBe(restrict.length);
    // Without that journal the grant is simply gone: each item fails, refused and named (nothing revoked twice).
    const gone = await runCaptured(['migrate', f('plan.yaml'), '--url', db.url, '--access-policy', f('access-policy.yaml'), '--apply', '--journal', f('other.journal.ndjson')]);
    expect(gone.code, gone.stdout + gone.stderr).toBe(2);
    expect((gone.stdout.match(/ restrict {2}failed: refused: \S+ no longer holds /g) ?? []).length).toBe(restrict.length);

    const ac2 = await runCaptured(['access', url(), '--scan', f('scan.json'), '--access-policy', f('access-policy.yaml'), '--format', 'json', '--out', f('a2.json'), '-q']);
    expect(ac2.code, ac2.stderr).toBe(0);
    const after = JSON.parse(readFileSync(f('a2.json'), 'utf8')) as AccessReview;
    expect(after.columns.find((c) => c.column === 'caller_ssn')!.logins).toMatchObject({ allowed: 2, unauthorized: 0 });

    const ok = await runCaptured(['check', url(), '--access-baseline', f('a2.json'), '--access-policy', f('access-policy.yaml'), '-q']);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);

    await db.exec([`GRANT SELECT (caller_ssn) ON svc311.request TO "${R(LATE)}"`]);
    const bad = await runCaptured(['check', url(), '--access-baseline', f('a2.json'), '--access-policy', f('access-policy.yaml'), '-q']);
    expect(bad.code, bad.stdout + bad.stderr).toBe(1);
    expect(bad.stdout).toContain(`1 new login can read svc311.request.caller_ssn (ssn): ${R(LATE)}`);
  }, 180_000);

  it('refuses, at apply time, a signed revocation that would now cut an allowed reader\'s only path', async () => {
    // Since the plan was signed: staff holds its table grant again, and supervisor sup1 now reads only through staff.
    await db.exec([
      `GRANT SELECT ON svc311.request TO "${R('staff')}"`,
      `REVOKE SELECT (id, caller_ssn) ON svc311.request FROM "${R('supervisor')}"`,
    ]);
    await fx.adminExec([`GRANT "${R('staff')}" TO "${R('sup1')}"`]);
    expect(await canRead('sup1')).toBe(true);
    expect(await canRead('clerk1')).toBe(true);
    const run = await runCaptured(['migrate', f('plan.yaml'), '--url', db.url, '--access-policy', f('access-policy.yaml'), '--apply', '--journal', f('third.journal.ndjson')]);
    expect(run.code, run.stdout + run.stderr).toBe(2);
    const line = (run.stdout + run.stderr).split('\n').find((l) => l.includes(`:restrict:${R('staff')}`))!;
    expect(line).toMatch(new RegExp(`failed: refused: would cut allowed reader ${R('sup1')}'s path`));
    // Nothing was revoked: the engine still lets both read.
    expect(await canRead('sup1')).toBe(true);
    expect(await canRead('clerk1')).toBe(true);
  }, 120_000);
});
