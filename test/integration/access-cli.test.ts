/** `minim access` end to end on PostgreSQL: scan, read grants, flag PUBLIC and BROAD, JSON per DESIGN.md. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccessReview } from '../../src/access/types.js';
import { createTestDatabase, getEngine, type TestDatabase } from '../helpers/engines.js';
import { runCaptured } from '../helpers/cli.js';

const found = await getEngine('postgres');
if (found.skip) console.warn(`access-cli: skipped: ${found.skip}`);

const tag = randomBytes(3).toString('hex');
const R = (n: string) => `acccli${tag}_${n}`;
const CLERKS = Array.from({ length: 4 }, (_, i) => R(`clerk${i}`));

const run = (argv: string[]) => runCaptured(argv);

describe.skipIf(!found.engine)('minim access (CLI) on PostgreSQL', () => {
  let db: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'minim-access-'));

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: found.engine!.adminUrl });
    await admin.connect();
    await admin.query(`CREATE ROLE "${R('staff')}" NOLOGIN`);
    for (const c of CLERKS) await admin.query(`CREATE ROLE "${c}" LOGIN IN ROLE "${R('staff')}"`);
    await admin.end();
    db = await createTestDatabase(found.engine!, 'access_cli');
    await db.exec([
      `CREATE TABLE employees (id int PRIMARY KEY, full_name text, ssn text)`,
      `CREATE TABLE requests (id int PRIMARY KEY, caller_email text)`,
      `INSERT INTO employees SELECT g, 'Person ' || g, (100 + g % 500)::text || '-' || lpad((1 + g % 98)::text, 2, '0') || '-' || lpad((1000 + g)::text, 4, '0') FROM generate_series(1, 300) g`,
      `INSERT INTO requests SELECT g, 'caller' || g || '@example.org' FROM generate_series(1, 300) g`,
      `GRANT SELECT ON employees TO "${R('staff')}"`,
      `GRANT SELECT ON requests TO PUBLIC`,
      `ANALYZE`,
    ]);
  });
  afterAll(async () => {
    await db?.drop();
    const admin = new pg.Client({ connectionString: found.engine!.adminUrl });
    await admin.connect();
    for (const r of [...CLERKS, R('staff')]) await admin.query(`DROP ROLE IF EXISTS "${r}"`).catch(() => {});
    await admin.end();
  });

  it('scans, lists readers with how, and flags PUBLIC and BROAD', async () => {
    const out = join(dir, 'access.json');
    const r = await run(['access', `hr=${db.url}`, '--format', 'json', '--max-readers', '3', '--out', out, '-q']);
    expect(r.code).toBe(0);
    const review = JSON.parse(readFileSync(out, 'utf8')) as AccessReview;
    expect(review.version).toBe(1);
    const ssn = review.columns.find((c) => c.column === 'ssn')!;
    expect(ssn).toMatchObject({ source: 'hr', schema: 'public', table: 'employees', categories: ['ssn'] });
    // staff role + 4 clerks = 5 non-superuser readers > 3 on a restricted category.
    expect(ssn.flags).toEqual(['BROAD']);
    expect(ssn.readers.find((x) => x.principal === CLERKS[0])).toMatchObject({
      principal: CLERKS[0], kind: 'user', via: `role membership: ${CLERKS[0]} → ${R('staff')} (SELECT on table)`,
    });
    const email = review.columns.find((c) => c.column === 'caller_email')!;
    expect(email.flags).toEqual(['PUBLIC']);
    // Everyone reads through PUBLIC: one grouped entry, not one line per role on the server (those
    // roles stay listed in the JSON, marked viaPublic, so logins are counted).
    expect(email.readers[0]).toMatchObject({ principal: 'PUBLIC', kind: 'public', via: expect.stringMatching(/^PUBLIC \(SELECT on table\)(: every role and user, \d+ of them with no grant of their own)?$/) });
    expect(email.readers.filter((x) => x.via.startsWith('PUBLIC') && !x.viaPublic)).toHaveLength(1);
    // email is not a restricted category: many readers, no BROAD.
    expect(email.flags).not.toContain('BROAD');
  });

  it('reuses a scan file, prints a table, and fails on flags when asked', async () => {
    const scanFile = join(dir, 'scan.json');
    expect((await run(['scan', `hr=${db.url}`, '--format', 'json', '--out', scanFile, '-q'])).code).toBe(0);
    const t = await run(['access', db.url, '--scan', scanFile, '--format', 'table', '--max-readers', '3']);
    expect(t.code).toBe(0);
    expect(t.stdout).toContain('hr: public.employees.ssn');
    expect(t.stdout).toMatch(/sensitive columns; 2 flagged \(PUBLIC 1, BROAD 1\)\./);
    const strict = await run(['access', db.url, '--scan', scanFile, '--format', 'json', '--fail-on-flags']);
    expect(strict.code).toBe(1);
    const lenient = await run(['access', db.url, '--scan', scanFile, '--format', 'json', '--max-readers', '50']);
    expect((JSON.parse(lenient.stdout) as AccessReview).columns.find((c) => c.column === 'ssn')!.flags).toEqual([]);
  });

  it('fails with one clear line on a bad scan file', async () => {
    const r = await run(['access', db.url, '--scan', join(dir, 'missing.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^minim: FILE_NOT_FOUND: scan .*missing\.json: cannot read the file; write one with minim scan/);
  });
});
