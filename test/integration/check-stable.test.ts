/**
 * The gate never cries wolf: `minim check` run 20 times on an unchanged database — the demo city on
 * PGlite and the demo city loaded into PostgreSQL — fails 0 times. On PostgreSQL also: an approved
 * mask that was never applied fails the gate and passes once the column is masked.
 */
import { mkdtempSync } from 'node:fs';
import { makeSteward, writeStewards } from '../helpers/stewards.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoCity } from '../../src/demo/city.js';
import { renderDemoSql } from '../../src/demo/render.js';
import { buildPlan, decide, loadPolicy, selectItems, writePlan } from '../../src/plan/index.js';
import { readScanFile } from '../../src/report/read-input.js';
import { runCaptured } from '../helpers/cli.js';
import { createTestDatabase, getEngine, type TestDatabase } from '../helpers/engines.js';

const RUNS = 20;
const pgEngine = await getEngine('postgres');
if (pgEngine.skip) console.warn(`check-stable postgres suite skipped: ${pgEngine.skip}`);

async function twentyChecks(args: string[], baseline: string): Promise<number[]> {
  const codes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await runCaptured(['check', ...args, '--baseline', baseline, '-q', '--format', 'json']);
    if (r.code !== 0) console.warn(`check run ${i + 1} exit ${r.code}: ${r.stdout.slice(0, 2000)} ${r.stderr}`);
    codes.push(r.code);
  }
  return codes;
}

describe('check on the unchanged demo city (PGlite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'minim-check-stable-'));
  it(`passes ${RUNS} runs out of ${RUNS}`, async () => {
    const baseline = join(dir, 'baseline.json');
    expect((await runCaptured(['check', '--demo', '--write-baseline', baseline, '-q'])).code).toBe(0);
    const b = await readScanFile(baseline);
    expect(b.sampleSeed).toBe(1);
    expect(b.candidatesListed).toBe(true);
    const codes = await twentyChecks(['--demo'], baseline);
    expect(codes.filter((c) => c !== 0)).toEqual([]);
  }, 900_000);
});

describe.skipIf(!pgEngine.engine)('check on PostgreSQL', () => {
  let db: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'minim-check-stable-pg-'));
  beforeAll(async () => {
    db = await createTestDatabase(pgEngine.engine!, 'check_stable');
    await db.exec(renderDemoSql(buildDemoCity(), 'postgres'));
    await db.exec('ANALYZE');
  }, 300_000);
  afterAll(async () => {
    await db?.drop();
  });

  it(`passes ${RUNS} runs out of ${RUNS} on the unchanged demo city`, async () => {
    const baseline = join(dir, 'baseline.json');
    expect((await runCaptured(['check', `city=${db.url}`, '--write-baseline', baseline, '-q'])).code).toBe(0);
    const codes = await twentyChecks([`city=${db.url}`], baseline);
    expect(codes.filter((c) => c !== 0)).toEqual([]);
  }, 900_000);

  it('fails on an approved mask never applied, passes once the column is masked', async () => {
    await db.exec([
      'CREATE SCHEMA vendors',
      'CREATE TABLE vendors.contractors (id int PRIMARY KEY, tin_ssn text)',
      // Valid-shaped SSNs (area 100-665, group 01-99, serial 1001+) generated in the database.
      `INSERT INTO vendors.contractors SELECT g, (100 + g % 500)::text || '-' || lpad((1 + g % 98)::text, 2, '0') || '-' || lpad((1000 + g)::text, 4, '0') FROM generate_series(1, 500) g`,
      'ANALYZE vendors.contractors',
    ]);
    const src = `city=${db.url}`;
    const scanFile = join(dir, 'scan.json');
    expect((await runCaptured(['scan', src, '--include', 'vendors.*', '--format', 'json', '--out', scanFile, '-q'])).code).toBe(0);
    const built = buildPlan(await readScanFile(scanFile), await loadPolicy(), { scanPath: scanFile });
    const masked = { ...built, items: built.items.map((i) => (i.category === 'ssn' ? { ...i, action: 'mask' as const, strategy: 'last4' as const } : i)) };
    const ana = await makeSteward('Ana Steward');
    const { stewards } = await writeStewards(dir, [ana]);
    const { plan } = decide(masked, selectItems(masked, { all: true }, 'plan.yaml').items, { verdict: 'approved', reason: 'mask contractor SSNs to the last four', key: ana.key, stewards });
    const planFile = join(dir, 'plan.yaml');
    await writePlan(planFile, plan);
    const before = await runCaptured(['check', src, '--baseline', planFile, '--format', 'json', '-q']);
    expect(before.code).toBe(1);
    const body = JSON.parse(before.stdout) as { problems: Array<{ kind: string; table: string; column: string; detail: string }> };
    expect(body.problems.filter((p) => p.table === 'contractors')).toEqual([
      expect.objectContaining({ kind: 'unapplied', column: 'tin_ssn', detail: expect.stringMatching(/^ssn: mask approved but not applied/) }),
    ]);
    await db.exec(`UPDATE vendors.contractors SET tin_ssn = '***-**-' || right(tin_ssn, 4)`);
    const after = await runCaptured(['check', src, '--baseline', planFile, '--format', 'json', '-q']);
    const bodyAfter = JSON.parse(after.stdout) as { problems: Array<{ table: string }> };
    expect(bodyAfter.problems.filter((p) => p.table === 'contractors')).toEqual([]);
  }, 300_000);
});
