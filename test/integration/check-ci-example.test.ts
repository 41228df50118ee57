/**
 * The worked CI example (docs/ci-check.md): apply the application's migrations to a fresh
 * database, seed it, and gate on `minim check`. A new SSN column fails the check (exit 1); once
 * a steward approves its plan items, the check passes (exit 0). Runs against PostgreSQL from
 * test/helpers/engines.ts: env URL, the local service, or a testcontainers container.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildPlan } from '../../src/plan/build-plan.js';
import { decide, selectItems } from '../../src/plan/decide.js';
import { loadPolicy } from '../../src/plan/policy.js';
import { writePlan } from '../../src/plan/plan-file.js';
import { readScanFile } from '../../src/report/read-input.js';
import { createTestDatabase, getEngine, type TestDatabase } from '../helpers/engines.js';
import { runCaptured } from '../helpers/cli.js';
import { makeSteward, writeStewards } from '../helpers/stewards.js';

const found = await getEngine('postgres');
if (found.skip) console.warn(`check-ci-example: skipped: ${found.skip}`);

/** The application's migrations, in order (in a real project: the files your migration tool applies). */
const MIGRATIONS = [
  `CREATE TABLE residents (id int PRIMARY KEY, full_name text NOT NULL, email text, signed_up date NOT NULL)`,
  `CREATE TABLE service_requests (id int PRIMARY KEY, resident_id int REFERENCES residents(id), status text, opened_at timestamptz)`,
];
/** The change under review in the pull request: a new column holding SSNs. */
const NEW_MIGRATION = `ALTER TABLE residents ADD COLUMN tax_ssn text`;

const SEED = [
  `INSERT INTO residents SELECT g, 'Resident ' || g, 'resident' || g || '@example.org', date '2020-01-01' + g FROM generate_series(1, 400) g`,
  `INSERT INTO service_requests SELECT g, 1 + g % 400, 'open', now() FROM generate_series(1, 800) g`,
  `ANALYZE`,
];
// Valid-shaped SSNs (area 100-665, group 01-99, serial 0001-9999) generated in the database.
const SEED_SSN = `UPDATE residents SET tax_ssn = (100 + id % 500)::text || '-' || lpad((1 + id % 98)::text, 2, '0') || '-' || lpad((1000 + id)::text, 4, '0')`;

const run = (argv: string[]) => runCaptured(argv);

describe.skipIf(!found.engine)('CI example: minim check gates a migration that adds an SSN column', () => {
  let db: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'minim-ci-'));
  const baseline = join(dir, 'baseline.json');
  const current = join(dir, 'current.json');
  const plan = join(dir, 'plan.yaml');
  const source = () => `app=${db.url}`;

  beforeAll(async () => {
    db = await createTestDatabase(found.engine!, 'ci_check');
    await db.exec([...MIGRATIONS, ...SEED]);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('passes against its own baseline scan', async () => {
    expect((await run(['scan', source(), '--format', 'json', '--out', baseline, '-q'])).code).toBe(0);
    const r = await run(['check', '--baseline', baseline, source(), '-q']);
    expect(r.stdout).toContain('Check passed');
    expect(r.code).toBe(0);
  });

  it('fails (exit 1) once a migration adds an SSN column', async () => {
    await db.exec([NEW_MIGRATION, SEED_SSN, 'ANALYZE residents']);
    const r = await run(['check', '--baseline', baseline, source(), '--format', 'markdown', '-q']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('### ❌ minim check');
    expect(r.stdout).toMatch(/\*\*new\*\* \| app: public\.residents\.tax\\_ssn \| ssn/);
    expect(r.stdout).not.toMatch(/\d{3}-\d{2}-\d{4}/);
  });

  it('fails against a plan until a steward approves and the mask is applied, then passes (exit 0)', async () => {
    expect((await run(['scan', source(), '--format', 'json', '--out', current, '-q'])).code).toBe(0);
    const scan = await readScanFile(current);
    const proposed = buildPlan(scan, await loadPolicy(), { scanPath: current });
    await writePlan(plan, proposed);
    // Approvals are signed by stewards listed in stewards.yaml, next to the plan.
    const ana = await makeSteward('Ana Steward');
    const { stewards } = await writeStewards(dirname(plan), [ana], []);
    const pending = await run(['check', '--baseline', plan, '--scan', current, '--format', 'json']);
    expect(pending.code).toBe(1);
    const body = JSON.parse(pending.stdout) as { problems: Array<{ column: string; detail: string }> };
    expect(body.problems.find((p) => p.column === 'tax_ssn')?.detail).toMatch(/^ssn: \w+ awaiting approval/);

    const { plan: approved } = decide(proposed, selectItems(proposed, { all: true }, plan).items, {
      verdict: 'approved', reason: 'needed for 1099 reporting; masked in the next release', key: ana.key, stewards,
    });
    await writePlan(plan, approved);
    // Approved is not done: the SSNs are still there until the mask is applied.
    const unapplied = await run(['check', '--baseline', plan, source(), '-q', '--format', 'json']);
    expect(unapplied.code).toBe(1);
    const pending2 = JSON.parse(unapplied.stdout) as { problems: Array<{ kind: string; column: string; detail: string }> };
    expect(pending2.problems).toEqual([expect.objectContaining({ kind: 'unapplied', column: 'tax_ssn', detail: expect.stringMatching(/^ssn: mask approved but not applied/) })]);
    await db.exec([`UPDATE residents SET tax_ssn = '***-**-' || right(tax_ssn, 4)`, 'ANALYZE residents']);
    const ok = await run(['check', '--baseline', plan, source(), '-q']);
    expect(ok.stdout).toContain('Check passed');
    expect(ok.code).toBe(0);
  });
});
