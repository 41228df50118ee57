/**
 * Scan history in a real database: scans stored (PGlite store and PostgreSQL store), then a column
 * added (SSNs), one dropped (e-mail), one altered (phone's type), and `minim diff` reports exactly
 * those as new, gone and changed, exit 1 for the new SSN column; retention prunes old runs.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HistoryStore } from '../../src/history/store.js';
import { runCaptured } from '../helpers/cli.js';
import { createTestDatabase, getEngine, type TestDatabase } from '../helpers/engines.js';

const pgEngine = await getEngine('postgres');
if (pgEngine.skip) console.warn(`history suite skipped: ${pgEngine.skip}`);

const SETUP = [
  `CREATE TABLE residents (id int PRIMARY KEY, full_name text, email text, phone text, birth_date date)`,
  `INSERT INTO residents SELECT g, 'Resident ' || g, 'resident' || g || '@example.org', '(816) 555-' || lpad((1000 + g)::text, 4, '0'), date '1950-01-01' + (g * 37) % 18000 FROM generate_series(1, 400) g`,
  `ANALYZE residents`,
];
const CHANGE = [
  `ALTER TABLE residents ADD COLUMN tax_ssn text`,
  `UPDATE residents SET tax_ssn = (100 + id % 500)::text || '-' || lpad((1 + id % 98)::text, 2, '0') || '-' || lpad((1000 + id)::text, 4, '0')`,
  `ALTER TABLE residents DROP COLUMN email`,
  `ALTER TABLE residents ALTER COLUMN phone TYPE varchar(20)`,
  `ANALYZE residents`,
];

interface DiffJson {
  diffs: Array<{ changes: Array<{ kind: string; column: string; category: string; detail: string; since?: string; department: string }> }>;
}

describe.skipIf(!pgEngine.engine)('scan history and diff', () => {
  let db: TestDatabase;
  let storeDb: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'minim-history-'));
  beforeAll(async () => {
    db = await createTestDatabase(pgEngine.engine!, 'history_src');
    storeDb = await createTestDatabase(pgEngine.engine!, 'history_store');
    await db.exec(SETUP);
  }, 120_000);
  afterAll(async () => {
    await db?.drop();
    await storeDb?.drop();
  });

  const stores = () => [
    ['PGlite', `pglite:${join(dir, 'store')}`],
    ['PostgreSQL', storeDb.url],
  ] as const;

  it('stores each scan and diffs new, gone and changed findings after adding, dropping and altering columns', async () => {
    const src = `city=${db.url}`;
    for (const [, store] of stores()) {
      const r = await runCaptured(['scan', src, '--history', store, '--seed', '7', '-f', 'json', '-q']);
      expect(r.code, r.stderr).toBe(0);
    }
    await db.exec(CHANGE);
    for (const [name, store] of stores()) {
      expect((await runCaptured(['scan', src, '--history', store, '--seed', '7', '-f', 'json', '-q'])).code).toBe(0);
      const list = await runCaptured(['history', '--history', store, '-f', 'json']);
      const runs = (JSON.parse(list.stdout) as { runs: Array<{ id: number; source: string; sensitive: number }> }).runs;
      expect(runs.map((r) => r.source), name).toEqual(['city', 'city']);
      const diff = await runCaptured(['diff', '--history', store, '-f', 'json']);
      expect(diff.code, `${name}: exit 1 on a new SSN column`).toBe(1);
      expect(diff.stderr).toContain('new core-category finding(s): ssn');
      const changes = (JSON.parse(diff.stdout) as DiffJson).diffs[0]!.changes.map((c) => [c.kind, c.column, c.category, c.detail]);
      expect(changes, name).toEqual(
        expect.arrayContaining([
          ['new', 'tax_ssn', 'ssn', 'new column'],
          ['gone', 'email', 'email', 'column dropped'],
          ['changed', 'phone', 'phone', 'type text → character varying(20)'],
        ]),
      );
      expect(changes.filter((c) => c[1] === 'full_name' || c[1] === 'birth_date'), `${name}: unchanged columns are not listed`).toEqual([]);
      // The markdown answers the same, per department.
      const md = await runCaptured(['diff', '--history', store, '-f', 'markdown']);
      expect(md.stdout).toMatch(/\| \*\*new\*\* \| city: public\.residents\.tax\\_ssn \| ssn \|/);
      // Explicit runs: the same pair by id, and the reverse direction swaps new and gone.
      const [b, a] = runs;
      const rev = JSON.parse((await runCaptured(['diff', String(b!.id), String(a!.id), '--history', store, '-f', 'json'])).stdout) as DiffJson;
      expect(rev.diffs[0]!.changes.find((c) => c.column === 'tax_ssn')?.kind).toBe('gone');
      expect(rev.diffs[0]!.changes.find((c) => c.column === 'email')?.kind).toBe('new');
    }
  }, 300_000);

  it('keeps only the newest runs per source (--keep) and records the date a finding first appeared', async () => {
    for (const [name, store] of stores()) {
      const first = (JSON.parse((await runCaptured(['history', '--history', store, '-f', 'json'])).stdout) as { runs: Array<{ scanned_at: string }> }).runs.at(-1)!;
      const r = await runCaptured(['scan', `city=${db.url}`, '--history', store, '--keep', '2', '-f', 'json']);
      expect(r.stderr, name).toMatch(/pruned 1 older run\(s\) \(keeping 2 per source\)/);
      const h = await HistoryStore.open(store.startsWith('pglite:') ? store : store);
      try {
        expect((await h.runs()).length, name).toBe(2);
        const seen = await h.firstSeen();
        // full_name was there from the first run (now pruned): first seen is the oldest run kept.
        const runs = await h.runs();
        expect(seen.get(JSON.stringify(['city', 'public', 'residents', 'birth_date', 'dob']))).toBe(runs.at(-1)!.scanned_at);
        expect(runs.at(-1)!.scanned_at >= first.scanned_at).toBe(true);
      } finally {
        await h.close();
      }
      const none = await runCaptured(['history', '--history', store, '--source', 'nope']);
      expect(none.stdout).toContain('No runs stored');
    }
  }, 300_000);
});

describe('minim diff on the demo city after a change (PGlite)', () => {
  it('answers "what changed since last month": a new SSN column in Parks & Recreation, exit 1', async () => {
    const { cp } = await import('node:fs/promises');
    const { ensureDemoDatabase } = await import('../../src/demo/cache.js');
    const { PGlite } = await import('@electric-sql/pglite');
    const dir = mkdtempSync(join(tmpdir(), 'minim-history-demo-'));
    const city = join(dir, 'city');
    await cp(await ensureDemoDatabase(), city, { recursive: true });
    const store = `pglite:${join(dir, 'store')}`;
    const departments = ['--config', join(dir, 'minim.config.yaml')];
    const { DEMO_DEPARTMENTS } = await import('../../src/demo/city.js');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'minim.config.yaml'), `sources:\n  - name: demo\n    url: pglite:${city}\n    departments:\n${DEMO_DEPARTMENTS.map((d) => `      ${d.schema}: "${d.name}"`).join('\n')}\n`);
    expect((await runCaptured(['scan', ...departments, '--history', store, '--seed', '1', '-f', 'json', '-q'])).code).toBe(0);
    const db = await PGlite.create(city);
    await db.exec(`ALTER TABLE parks_rec.program_registrations ADD COLUMN guardian_ssn text;
      UPDATE parks_rec.program_registrations SET guardian_ssn = (100 + (ctid::text::point)[1]::int % 500)::text || '-' || lpad((1 + (ctid::text::point)[1]::int % 98)::text, 2, '0') || '-' || lpad((1000 + (ctid::text::point)[1]::int)::text, 4, '0');
      ANALYZE parks_rec.program_registrations;`);
    await db.close();
    expect((await runCaptured(['scan', ...departments, '--history', store, '--seed', '1', '-f', 'json', '-q'])).code).toBe(0);
    const diff = await runCaptured(['diff', '--history', store, '-f', 'json']);
    expect(diff.code).toBe(1);
    const changes = (JSON.parse(diff.stdout) as DiffJson).diffs[0]!.changes;
    expect(changes.filter((c) => c.kind !== 'changed').map((c) => [c.kind, c.department, c.column, c.category])).toEqual([['new', 'Parks & Recreation', 'guardian_ssn', 'ssn']]);
    const table = await runCaptured(['diff', '--history', store]);
    expect(table.stdout).toContain('Parks & Recreation');
  }, 300_000);
});
