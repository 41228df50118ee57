/**
 * Access review to revocation, end to end on every engine, through the CLI only: the 311 case of
 * test/helpers/access-311.ts (27 logins read the request table's caller_ssn — roles, a role chain,
 * column and table grants, and each engine's own ways: PostgreSQL's view, default privileges and
 * NOINHERIT members, MariaDB's roles without a default role and definer view; 2 supervisors
 * allowed) → `minim access --format json` → `minim plan --access` (one restrict item per
 * unauthorized grant) → signed approvals with a real steward key → `minim migrate` (dry run, then
 * `--apply`: REVOKE, re-read) → every unauthorized login can no longer SELECT the column (the
 * engine answers, connected as each, or EXECUTE AS USER on SQL Server), the 2 allowed still can →
 * `minim check --access-baseline` passes, and fails naming a 26th login granted afterwards.
 * MariaDB is shared: readers other sessions create (global grants) are never ours and are left out
 * of the assertions by name (`Case311.foreignReaders`).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { AccessReview } from '../../src/access/types.js';
import type { Plan } from '../../src/plan/plan-schema.js';
import type { EngineDialect } from '../helpers/engines.js';
import { runCaptured } from '../helpers/cli.js';
import { makeSteward, writeStewards, type TestSteward } from '../helpers/stewards.js';
import { build311, policy311, NOUN_311, SUPERVISORS, LATE, unauthorized311, type Case311 } from '../helpers/access-311.js';
import { forEachEngine, serverOf, suiteEngines, SERVER_DIALECTS } from '../helpers/suite.js';

/** Where the engines' runs differ, as data (each engine keeps every check it had). */
interface RevokeExpectations {
  /** Seconds to build the case (SQL Server creates every user in one batch, slowly). */
  readonly buildSeconds: number;
  /** `minim access`'s sentence before: 27 logins, 2 allowed, 25 unauthorized (no other login reads it there). */
  readonly sentence: boolean;
  /** Applying again resumes from the journal; without it each grant is refused as gone. */
  readonly reapply: boolean;
}
const EXPECT: Record<EngineDialect, RevokeExpectations> = {
  postgres: { buildSeconds: 120, sentence: true, reapply: true },
  mysql: { buildSeconds: 120, sentence: false, reapply: true },
  mssql: { buildSeconds: 300, sentence: false, reapply: false },
};

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

forEachEngine('access revoke workflow', await suiteEngines(SERVER_DIALECTS), (e) => {
  const x = EXPECT[e.dialect];
  const UNAUTHORIZED = unauthorized311(e.dialect);
  let fx: Case311;
  let steward: TestSteward;
  const dir = mkdtempSync(join(tmpdir(), `minim-rvk-${e.dialect}-`));
  const f = (n: string) => join(dir, n);
  const url = () => `svc311=${fx.db.url}`;
  const policy = ['--access-policy', f('access-policy.yaml')];

  beforeAll(async () => {
    fx = await build311(e.dialect, serverOf(e), 'rvk');
    writeFileSync(f('access-policy.yaml'), policy311(fx.R));
    steward = await makeSteward('Rita Access');
    await writeStewards(dir, [steward]);
  }, x.buildSeconds * 1000);

  afterAll(async () => {
    await fx?.drop();
  });

  /** Whether login `n` can SELECT the column: the engine answers (as itself, then after SET ROLE to each of our roles). */
  const canRead = (n: string) => fx.canRead(n);

  it(`revokes the 25 unauthorized paths through a signed plan, keeps the 2, and gates a 26th ${NOUN_311[e.dialect]}`, async () => {
    const { R, principal: name, prefix: P, db } = fx;
    const column = `${fx.schema}.request.caller_ssn`;
    // Independent baseline: all 27 can read before.
    for (const n of [...SUPERVISORS, ...UNAUTHORIZED]) expect(await canRead(n), n).toBe(true);
    const sc = await runCaptured(['scan', url(), ...fx.scanArgs, '--format', 'json', '--out', f('scan.json'), '--no-progress']);
    expect(sc.code, sc.stderr).toBe(0);
    const ac = await runCaptured(['access', url(), '--scan', f('scan.json'), ...policy, '--format', 'json', '--out', f('a.json'), '-q']);
    expect(ac.code, ac.stderr).toBe(0);
    const before = JSON.parse(readFileSync(f('a.json'), 'utf8')) as AccessReview;
    const col = before.columns.find((c) => c.table === 'request' && c.column === 'caller_ssn')!;
    expect(col.categories).toContain('ssn');
    if (x.sentence) expect(col.sentence).toMatch(/27 logins can read it, 2 allowed, 25 unauthorized/);
    expect(fx.ours(col.readers).length).toBe(27);
    expect(fx.ours(col.readers).map((r) => r.principal).sort()).toEqual([...SUPERVISORS, ...UNAUTHORIZED].map(name).sort());
    expect(col.readers.find((r) => r.principal === name('sup1'))).toMatchObject({ verdict: 'allowed', rule: 'ssn.departments.svc311' });
    expect(col.readers.find((r) => r.principal === name('clerk1'))).toMatchObject({ verdict: 'UNAUTHORIZED' });

    const pl = await runCaptured(['plan', '--scan', f('scan.json'), '--access', f('a.json'), ...policy, '--out', f('plan.yaml')], steward.env);
    expect(pl.code, pl.stderr).toBe(0);
    const plan = parseYaml(readFileSync(f('plan.yaml'), 'utf8')) as Plan;
    // Ours only where other sessions' global readers may show up: theirs are refused (a note), never an item of ours.
    const restrict = plan.items.filter((i) => i.revoke && (!fx.foreignReaders || i.revoke.principal.includes(P)));
    expect(restrict.length).toBeGreaterThan(0);
    expect(new Set(restrict.map((i) => i.id)).size).toBe(restrict.length);
    for (const i of restrict) {
      expect(i.action).toBe('restrict');
      expect(i.id.startsWith(`svc311.${fx.schema}.${i.table}.${i.column}:restrict:${i.revoke!.principal}`), i.id).toBe(true);
      expect(i.revoke!.statement).toMatch(/^REVOKE /);
      expect(i.revoke!.principal.startsWith(P) || i.revoke!.principal.startsWith(`'${P}`), i.revoke!.principal).toBe(true);
    }
    // Never the allowed role's grant.
    expect(restrict.some((i) => i.revoke!.principal.includes(R('supervisor')))).toBe(false);
    // Exactly one item per unauthorized grant, each with the engine's REVOKE.
    expect(restrict.map((i) => i.revoke!.statement).sort()).toEqual([...fx.expectedRevokes].sort());
    const principals = new Set(restrict.map((i) => i.revoke!.principal));
    for (const p of fx.revokedFrom) expect(principals.has(p), p).toBe(true);

    const ap = await runCaptured(['approve', f('plan.yaml'), ...restrict.map((i) => i.id), '--reason', 'need-to-know review'], steward.env);
    expect(ap.code, ap.stderr).toBe(0);

    // Dry run: the REVOKE of each item, nothing changed.
    const dry = await runCaptured(['migrate', f('plan.yaml'), '--url', db.url, ...policy]);
    expect(dry.code, dry.stderr).toBe(0);
    for (const i of restrict) expect(dry.stdout + dry.stderr).toContain(i.revoke!.statement);
    expect(await canRead('clerk1')).toBe(true);

    const run = await runCaptured(['migrate', f('plan.yaml'), '--url', db.url, ...policy, '--apply']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect((run.stdout.match(/ restrict {2}done/g) ?? []).length).toBe(restrict.length);
    for (const i of restrict) expect(run.stdout + run.stderr).toMatch(new RegExp(`${escapeRe(i.id)}\\s+restrict\\s+done`));

    // The engine's answer, login by login.
    for (const n of UNAUTHORIZED) expect(await canRead(n), `${n} still reads`).toBe(false);
    for (const n of SUPERVISORS) expect(await canRead(n), `${n} lost access`).toBe(true);

    if (x.reapply) {
      // Applying again with the journal: each item was done and its grant is still gone (done, resumed, re-verified).
      const again = await runCaptured(['migrate', f('plan.yaml'), '--url', db.url, ...policy, '--apply']);
      expect(again.code, again.stdout + again.stderr).toBe(0);
      expect((again.stdout.match(/ restrict {2}done: done \(resumed\)/g) ?? []).length).toBe(restrict.length);
      // Without that journal the grant is simply gone: each item fails, refused and named (nothing revoked twice).
      const gone = await runCaptured(['migrate', f('plan.yaml'), '--url', db.url, ...policy, '--apply', '--journal', f('other.journal.ndjson')]);
      expect(gone.code, gone.stdout + gone.stderr).toBe(2);
      expect((gone.stdout.match(/ restrict {2}failed: refused: \S+ no longer holds /g) ?? []).length).toBe(restrict.length);
    }

    const ac2 = await runCaptured(['access', url(), '--scan', f('scan.json'), ...policy, '--format', 'json', '--out', f('a2.json'), '-q']);
    expect(ac2.code, ac2.stderr).toBe(0);
    const after = JSON.parse(readFileSync(f('a2.json'), 'utf8')) as AccessReview;
    const col2 = after.columns.find((c) => c.table === 'request' && c.column === 'caller_ssn')!;
    expect(fx.ours(col2.readers).map((r) => r.principal).sort()).toEqual(SUPERVISORS.map(name).sort());
    if (!fx.foreignReaders) expect(col2.logins).toMatchObject({ allowed: 2, unauthorized: 0 });

    const ok = await runCaptured(['check', url(), '--access-baseline', f('a2.json'), ...policy, '-q']);
    // Only a global reader another session created in between may appear here, never one of ours.
    if (fx.foreignReaders && ok.code !== 0) expect(ok.stdout, 'only foreign readers').not.toContain(P);
    else expect(ok.code, ok.stdout + ok.stderr).toBe(0);

    await fx.grantLate();
    const bad = await runCaptured(['check', url(), '--access-baseline', f('a2.json'), ...policy, '-q']);
    expect(bad.code, bad.stdout + bad.stderr).toBe(1);
    if (fx.foreignReaders) expect(bad.stdout).toMatch(new RegExp(`new logins? can read ${escapeRe(column)} \\(ssn\\): .*${escapeRe(name(LATE))}`));
    else expect(bad.stdout).toContain(`1 new login can read ${column} (ssn): ${name(LATE)}`);
  }, x.buildSeconds * 1000 + 60_000);

  // PostgreSQL only: a role granted to a login is re-checked at apply time (the plan was signed before).
  if (e.dialect === 'postgres') {
    it('refuses, at apply time, a signed revocation that would now cut an allowed reader\'s only path', async () => {
      const { R, db } = fx;
      // Since the plan was signed: staff holds its table grant again, and supervisor sup1 now reads only through staff.
      await db.exec([
        `GRANT SELECT ON svc311.request TO "${R('staff')}"`,
        `REVOKE SELECT (id, caller_ssn) ON svc311.request FROM "${R('supervisor')}"`,
      ]);
      await fx.adminExec([`GRANT "${R('staff')}" TO "${R('sup1')}"`]);
      expect(await canRead('sup1')).toBe(true);
      expect(await canRead('clerk1')).toBe(true);
      const run = await runCaptured(['migrate', f('plan.yaml'), '--url', db.url, ...policy, '--apply', '--journal', f('third.journal.ndjson')]);
      expect(run.code, run.stdout + run.stderr).toBe(2);
      const line = (run.stdout + run.stderr).split('\n').find((l) => l.includes(`:restrict:${R('staff')}`))!;
      expect(line).toMatch(new RegExp(`failed: refused: would cut allowed reader ${R('sup1')}'s path`));
      // Nothing was revoked: the engine still lets both read.
      expect(await canRead('sup1')).toBe(true);
      expect(await canRead('clerk1')).toBe(true);
    }, 120_000);
  }
});
