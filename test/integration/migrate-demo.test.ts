/**
 * The migrate suite on PGlite, the embedded engine: the demo city, plan → approve --all →
 * migrate --apply verifies, and a second run changes nothing. (The server engines run the same
 * capability on their own fixture in migrate.test.ts.)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { forEachEngine, suiteEngines } from '../helpers/suite.js';
import { scan } from '../../src/scan/index.js';
import { loadPolicy } from '../../src/plan/policy.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { decide, selectItems } from '../../src/plan/decide.js';
import { migrate } from '../../src/migrate/migrate.js';
import { makeSteward, stewardsYaml } from '../helpers/stewards.js';
import { parseStewards } from '../../src/approvals/stewards.js';

forEachEngine('migrate', await suiteEngines(['pglite'] as const), () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('masks, purges and restricts what was approved, verifies, and is idempotent', { timeout: 240_000 }, async () => {
    const cache = await mkdtemp(join(tmpdir(), 'minim-demo-migrate-'));
    dirs.push(cache);
    const result = await scan({ demoCacheDir: cache });
    const source = result.sources[0]!;
    expect(source.dialect).toBe('pglite');
    let plan = buildPlan(result, await loadPolicy());
    // A purge without a date column is blocked in the plan (it cannot be approved; migrate refuses it).
    const blocked = plan.items.filter((i) => i.blocked);
    expect(blocked.map((i) => i.id)).toEqual(['demo.legacy_exports.exp_2009_master.col_19:purge']);
    // Two stewards sign (purges need two distinct stewards): one approves everything, the other the purges and drops.
    const [ana, bo] = await Promise.all([makeSteward('Ana Ruiz'), makeSteward('Bo Chen')]);
    const stewards = parseStewards(stewardsYaml([ana, bo]), 'stewards.yaml');
    const all = selectItems(plan, { all: true }, 'demo-plan').items;
    expect(all.some((i) => i.blocked)).toBe(false);
    plan = decide(plan, all, { verdict: 'approved', reason: 'demo review', key: ana.key, stewards }).plan;
    plan = decide(plan, plan.items.filter((i) => (i.action === 'purge' || i.action === 'drop') && i.status === 'approved'), { verdict: 'approved', reason: 'second steward', key: bo.key, stewards }).plan;
    const urls = new Map([[source.name, source.url!]]);

    const first = await migrate({ plan, planFile: 'demo-plan', urls, stewards, apply: true, batchSize: 500 });
    expect(first.verified).toBe(true);
    const done = first.sources[0]!.items.filter((i) => i.outcome === 'done' && i.changed !== undefined);
    const byColumn = (suffix: string) => done.find((i) => i.id.endsWith(suffix));
    // The planted data: parks stored full card numbers, the 311 notes hold SSNs, court license numbers.
    expect(byColumn('.parks_rec.program_registrations.card_number:mask')).toMatchObject({ strategy: 'last4', verify: { validatedRemaining: 0, checkedWith: ['credit_card'] } });
    expect(byColumn('.call_center_311.service_requests.notes:mask')).toMatchObject({ strategy: 'redact', verify: { validatedRemaining: 0 } });
    expect(byColumn('.parks_rec.program_registrations.card_number:mask')!.changed).toBeGreaterThan(0);
    for (const i of done) if (i.pending !== undefined) expect(i.changed).toBe(i.pending);

    const second = await migrate({ plan, planFile: 'demo-plan', urls, stewards, apply: true, batchSize: 500 });
    expect(second.verified).toBe(true);
    const changed = second.sources[0]!.items.filter((i) => i.changed !== undefined).map((i) => i.changed);
    expect(changed.length).toBe(done.length);
    expect(changed.every((n) => n === 0)).toBe(true);
  });
});
