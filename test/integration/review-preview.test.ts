/**
 * `minim review --preview` on PostgreSQL: before deciding, the steward sees what migrate would do
 * to the item — the rows it would change and masked before → after examples — from the scan's own
 * validated detectors, with nothing written and no raw value shown.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pgDriver from 'pg';
import { runCli } from '../../src/cli/program.js';
import type { CliContext } from '../../src/cli/context.js';
import { createLogger } from '../../src/util/log.js';
import { createTestDatabase, getEngine, type TestDatabase } from '../helpers/engines.js';
import { makeSteward, stewardsYaml } from '../helpers/stewards.js';

const pg = await getEngine('postgres');
if (!pg.engine) console.log(`review-preview: skipped — ${pg.skip}`);
const CTRL_C = '\x03';
/** Valid SSNs, one per row, different every row. */
const ssnSql = `(100 + i % 500)::text || '-' || lpad((10 + i % 89)::text, 2, '0') || '-' || (1000 + (i * 7) % 8999)::text`;

describe.skipIf(!pg.engine)('review --preview on PostgreSQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(pg.engine!, 'review_preview');
    await db.exec([
      'CREATE TABLE calls (id int PRIMARY KEY, notes text)',
      // 1 row in 10 holds a caller's SSN; the others a parcel number of the same shape (area 9xx: never an SSN).
      `INSERT INTO calls SELECT i, CASE WHEN i % 10 = 0 THEN 'Caller gave SSN ' || ${ssnSql} || ' to verify' ELSE 'Parcel ' || (900 + i % 99)::text || '-' || lpad((10 + i % 80)::text, 2, '0') || '-' || (1000 + i)::text || ' regraded' END FROM generate_series(1, 500) i`,
      'ANALYZE calls',
    ]);
  });
  afterAll(async () => db?.drop());

  it('shows the rows the item would change and masked examples, writes nothing, prints no raw value', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'minim-review-preview-'));
    const ana = await makeSteward('Ana Ruiz');
    await writeFile(join(dir, 'stewards.yaml'), stewardsYaml([ana]));
    let err = '';
    let out = '';
    const ctx = (stdin?: PassThrough): CliContext => ({
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: (s: string) => (err += s), isTTY: true },
      env: { ...ana.env },
      cwd: dir,
      logger: (level = 'info') => createLogger(level, (l) => (err += l)),
      exitCode: 0,
      ...(stdin ? { stdin } : {}),
    });
    expect(await runCli(['scan', `city=${db.url}`, '--format', 'json', '--out', join(dir, 'scan.json'), '-q'], ctx())).toBe(0);
    expect(await runCli(['plan', '--scan', join(dir, 'scan.json'), '--out', join(dir, 'plan.yaml'), '-q'], ctx())).toBe(0);
    err = '';
    const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => undefined });
    const done = runCli(['review', join(dir, 'plan.yaml'), '--preview', '--url', db.url], ctx(stdin));
    for (let i = 0; i < 1500 && !err.includes('Decision'); i++) await new Promise((r) => setTimeout(r, 20));
    stdin.write(CTRL_C);
    expect(await done).toBe(0);
    expect(err).toContain('city.public.calls.notes:mask');
    expect(err).toContain('preview (what migrate would change; nothing is written)');
    expect(err).toMatch(/would change 50 row\(s\)/);
    expect(err).toMatch(/e\.g\. .*\*\*\*-\*\*-\d{4}.* → .*\[REDACTED-SSN\]/);
    expect(err).toMatch(/stays: .*Parcel/);
    // No raw SSN anywhere: every SSN printed keeps at most its last four digits.
    expect(err).not.toMatch(/\b[1-8]\d\d-\d\d-\d{4}\b/);
    // Nothing written: every planted SSN is still there.
    const c = new pgDriver.Client({ connectionString: db.url });
    await c.connect();
    const { rows } = await c.query("SELECT count(*)::int AS n FROM calls WHERE notes LIKE 'Caller gave SSN %' AND notes NOT LIKE '%REDACTED%'");
    await c.end();
    expect(rows[0].n).toBe(50);
  }, 120_000);
});
