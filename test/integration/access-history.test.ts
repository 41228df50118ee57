/**
 * Readers in the history, on PostgreSQL and MariaDB, through the CLI: `minim access --history`
 * stores who can read each sensitive column (names and verdicts only) with the scan's run; after 3
 * new logins get the SSN column and one loses it, `minim diff` says "3 new logins can read ssn in
 * hr.….payroll.ssn since <date>" and the login gone (table, markdown, JSON), exit 1; `minim check`
 * passes against the stored readers and fails on a 4th new unauthorized login, from the history
 * and from an --access-baseline file alike. Also: `minim access` prints the audit's sentence and
 * `minim report --access` shows the verdicts per department with each grant's path. Principals are
 * server-wide and the servers shared: readers other sessions create are never ours and are left
 * out of the assertions by name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccessReview } from '../../src/access/types.js';
import type { ReaderChange, RunDiff } from '../../src/history/diff.js';
import { HistoryStore } from '../../src/history/store.js';
import { createTestDatabase, getEngine, type EngineDialect, type TestDatabase } from '../helpers/engines.js';
import { runCaptured } from '../helpers/cli.js';

interface Spec {
  readonly dialect: Extract<EngineDialect, 'postgres' | 'mysql'>;
  /** The schema the scan names the table in. */
  schema(db: TestDatabase): string;
  /** How the review names a principal created as `name`. */
  principal(name: string): string;
  setup(db: TestDatabase, p: (n: string) => string, mariadb: boolean): string[];
  grantTable(db: TestDatabase, who: string): string[];
  revokeTable(db: TestDatabase, who: string): string;
  drop(p: (n: string) => string): string[];
}

const SSNS = Array.from({ length: 300 }, (_, i) => `${100 + (i % 500)}-${String(1 + (i % 98)).padStart(2, '0')}-${1000 + i}`);
const NEW = ['new1', 'new2', 'new3'];
const LATE = 'late4';
const LOGINS = ['pa1', 'clerk1', ...NEW, LATE];

const SPECS: readonly Spec[] = [
  {
    dialect: 'postgres',
    schema: () => 'hr',
    principal: (n) => n,
    setup: (_db, p) => [
      `CREATE SCHEMA hr`,
      `GRANT USAGE ON SCHEMA hr TO PUBLIC`,
      `CREATE TABLE hr.payroll (id int PRIMARY KEY, ssn text, team text)`,
      `INSERT INTO hr.payroll VALUES ${SSNS.map((s, i) => `(${i + 1}, '${s}', 'team${i % 3}')`).join(',')}`,
      `CREATE ROLE "${p('payroll_admin')}" NOLOGIN`,
      ...LOGINS.map((n) => `CREATE ROLE "${p(n)}" LOGIN`),
      `GRANT "${p('payroll_admin')}" TO "${p('pa1')}"`,
      `GRANT SELECT ON hr.payroll TO "${p('payroll_admin')}"`,
      `GRANT SELECT ON hr.payroll TO "${p('clerk1')}"`,
      `ANALYZE`,
    ],
    grantTable: (_db, who) => [`GRANT SELECT (ssn) ON hr.payroll TO "${who}"`],
    revokeTable: (_db, who) => `REVOKE SELECT ON hr.payroll FROM "${who}"`,
    drop: (p) => [...LOGINS.map((n) => `DROP ROLE IF EXISTS "${p(n)}"`), `DROP ROLE IF EXISTS "${p('payroll_admin')}"`],
  },
  {
    dialect: 'mysql',
    schema: (db) => db.name,
    principal: (n) => `'${n}'@'%'`,
    setup: (db, p, mariadb) => [
      `CREATE TABLE payroll (id int PRIMARY KEY, ssn varchar(11), team varchar(10))`,
      `INSERT INTO payroll VALUES ${SSNS.map((s, i) => `(${i + 1}, '${s}', 'team${i % 3}')`).join(',')}`,
      `CREATE ROLE '${p('payroll_admin')}'`,
      ...LOGINS.map((n) => `CREATE USER '${p(n)}'@'%'`),
      `GRANT SELECT ON \`${db.name}\`.payroll TO '${p('payroll_admin')}'`,
      `GRANT '${p('payroll_admin')}' TO '${p('pa1')}'@'%'`,
      mariadb ? `SET DEFAULT ROLE '${p('payroll_admin')}' FOR '${p('pa1')}'@'%'` : `SET DEFAULT ROLE '${p('payroll_admin')}' TO '${p('pa1')}'@'%'`,
      `GRANT SELECT ON \`${db.name}\`.payroll TO '${p('clerk1')}'@'%'`,
    ],
    grantTable: (db, who) => [`GRANT SELECT ON \`${db.name}\`.payroll TO ${who}`],
    revokeTable: (db, who) => `REVOKE SELECT ON \`${db.name}\`.payroll FROM ${who}`,
    drop: (p) => [...LOGINS.map((n) => `DROP USER IF EXISTS '${p(n)}'@'%'`), `DROP ROLE IF EXISTS '${p('payroll_admin')}'`],
  },
];

const engines = await Promise.all(SPECS.map(async (s) => ({ spec: s, found: await getEngine(s.dialect) })));
for (const { spec, found } of engines) if (found.skip) console.warn(`access-history (${spec.dialect}): skipped: ${found.skip}`);

interface DiffJson { diffs: RunDiff[]; notes: string[] }

async function adminExec(adminUrl: string, statements: readonly string[]): Promise<void> {
  if (adminUrl.startsWith('postgres')) {
    const pg = (await import('pg')).default;
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      for (const s of statements) await c.query(s);
    } finally {
      await c.end();
    }
    return;
  }
  const mysql = (await import('mysql2/promise')).default;
  const c = await mysql.createConnection({ uri: adminUrl });
  try {
    for (const s of statements) await c.query(s);
  } finally {
    await c.end();
  }
}

describe.each(engines)('readers in the history on $spec.dialect', ({ spec, found }) => {
  const tag = randomBytes(3).toString('hex');
  const P = `ahs${tag}_`;
  const p = (n: string) => `${P}${n}`;
  const who = (n: string) => spec.principal(p(n));
  const dir = mkdtempSync(join(tmpdir(), `minim-access-history-${spec.dialect}-`));
  const f = (n: string) => join(dir, n);
  let db: TestDatabase;
  let storeDb: TestDatabase | undefined;
  let store: string;
  const src = () => `hr=${db.url}`;
  const policy = ['--access-policy', f('access-policy.yaml')];
  // Names ours (the readers another session creates meanwhile are not).
  const ours = (names: readonly string[]) => names.filter((n) => n.includes(P));

  beforeAll(async () => {
    if (!found.engine) return;
    db = await createTestDatabase(found.engine, 'access_hist');
    let mariadb = true;
    if (spec.dialect === 'mysql') {
      const mysql = (await import('mysql2/promise')).default;
      const c = await mysql.createConnection({ uri: found.engine.adminUrl });
      const [v] = await c.query('SELECT VERSION() AS v');
      mariadb = /mariadb/i.test(String((v as Array<{ v: string }>)[0]!.v));
      await c.end();
    }
    await db.exec(spec.setup(db, p, mariadb));
    writeFileSync(f('access-policy.yaml'), `version: 1
categories:
  ssn:
    default: { allow: [], reason: nobody }
    departments:
      hr:
        allow: [{ role: ${p('payroll_admin')}, reason: wage reporting }]
`);
    // The PostgreSQL run keeps its history in a PostgreSQL store, the MariaDB run in PGlite.
    if (spec.dialect === 'postgres') {
      storeDb = await createTestDatabase(found.engine, 'access_hist_store');
      store = storeDb.url;
    } else store = `pglite:${f('store')}`;
  }, 120_000);

  afterAll(async () => {
    if (!found.engine) return;
    await db?.drop();
    await storeDb?.drop();
    // Principals are server-wide: dropped once their database is gone, and none left behind.
    await adminExec(found.engine.adminUrl, spec.drop(p));
  });

  it.skipIf(!found.engine)('stores the readers, diffs 3 new logins and 1 gone, and gates a 4th from the history and from a file', async () => {
    const schema = spec.schema(db);
    const column = `hr.${schema}.payroll.ssn`;
    const sc = await runCaptured(['scan', src(), '--history', store, '--seed', '3', '--format', 'json', '--out', f('scan.json'), '--no-progress', '-q']);
    expect(sc.code, sc.stderr).toBe(0);
    // The audit's sentence, printed by minim access (and the JSON kept as a file baseline).
    const table = await runCaptured(['access', src(), '--scan', f('scan.json'), ...policy, '--format', 'table', '-q']);
    expect(table.code, table.stderr).toBe(0);
    const first = await runCaptured(['access', src(), '--scan', f('scan.json'), ...policy, '--history', store, '--format', 'json', '--out', f('a1.json')]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/Stored the readers of 1 column\(s\) with run \d+ in /);
    const a1 = JSON.parse(readFileSync(f('a1.json'), 'utf8')) as AccessReview;
    const col1 = a1.columns.find((c) => c.table === 'payroll' && c.column === 'ssn')!;
    expect(col1.categories).toEqual(['ssn']);
    const foreign1 = col1.readers.filter((r) => r.login && r.verdict === 'UNAUTHORIZED' && !r.principal.includes(P)).length;
    expect(col1.sentence).toMatch(new RegExp(`^${schema}\\.payroll\\.ssn \\(ssn\\): ${2 + foreign1} logins can read it, 1 allowed, ${1 + foreign1} unauthorized`));
    expect(table.stdout).toContain(col1.sentence);
    expect(col1.readers.find((r) => r.principal === who('pa1'))).toMatchObject({ verdict: 'allowed' });
    expect(col1.readers.find((r) => r.principal === who('clerk1'))).toMatchObject({ verdict: 'UNAUTHORIZED' });

    // The readers went into the scan's own run: one run, not two.
    const runs1 = JSON.parse((await runCaptured(['history', '--history', store, '-f', 'json'])).stdout) as { runs: Array<{ id: number; access_read_at: string | null }> };
    expect(runs1.runs).toHaveLength(1);
    expect(runs1.runs[0]!.access_read_at).toMatch(/^\d{4}-\d\d-\d\dT/);

    // The report: verdicts per department, unauthorized first, logins counted, each grant's path.
    const md = await runCaptured(['report', f('scan.json'), '--access', f('a1.json'), '--format', 'markdown']);
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toContain('## Who can read what');
    expect(md.stdout).toMatch(new RegExp(`### hr: ${2 + foreign1} login\\(s\\) can read its sensitive columns, 1 allowed, ${1 + foreign1} unauthorized`));
    const clerkLine = md.stdout.split('\n').find((l) => l.startsWith('- UNAUTHORIZED ') && l.includes('clerk1'))!;
    expect(clerkLine).toMatch(/SELECT on table/);
    expect(md.stdout.indexOf('- UNAUTHORIZED ')).toBeLessThan(md.stdout.indexOf('- allowed '));
    const html = await runCaptured(['report', f('scan.json'), '--access', f('a1.json'), '--format', 'html']);
    expect(html.stdout).toContain('<section class="access-verdicts">');
    expect(html.stdout).toMatch(/<li class="verdict-unauthorized"><b>UNAUTHORIZED<\/b> [^<]*clerk1[^<]*SELECT on table/);

    // A month later: 3 new logins can read the SSNs, clerk1 no longer can.
    for (const n of NEW) await db.exec(spec.grantTable(db, who(n)));
    await db.exec(spec.revokeTable(db, who('clerk1')));
    const second = await runCaptured(['access', src(), ...policy, '--history', store, '--format', 'json', '--out', f('a2.json'), '-q']);
    expect(second.code, second.stderr).toBe(0);

    const diff = await runCaptured(['diff', '--history', store, '-f', 'json']);
    expect(diff.code, `exit 1 on new unauthorized readers of ssn: ${diff.stderr}`).toBe(1);
    expect(diff.stderr).toMatch(/new unauthorized reader\(s\) of core-category column\(s\): ssn/);
    const d = (JSON.parse(diff.stdout) as DiffJson).diffs.find((x) => x.to.source === 'hr')!;
    expect(d.readers, 'readers compared').toBeDefined();
    const ch = d.readers!.changes.find((c) => c.table === 'payroll' && c.column === 'ssn') as ReaderChange;
    expect(ch.categories).toEqual(['ssn']);
    // Grouped like the findings: by the scan's department (the source names none here).
    expect(ch.department).toBe('(no department)');
    expect(ours(ch.added.map((r) => r.principal)).sort()).toEqual(NEW.map(who).sort());
    expect(ch.added.filter((r) => r.principal.includes(P)).every((r) => r.verdict === 'UNAUTHORIZED' && r.login)).toBe(true);
    expect(ours(ch.removed.map((r) => r.principal))).toEqual([who('clerk1')]);
    const since = ch.since.slice(0, 10);
    const newLine = ch.sentences.find((s) => / new logins? can read /.test(s))!;
    const clean = ch.added.every((r) => r.principal.includes(P)) && ch.removed.every((r) => r.principal.includes(P));
    if (clean) {
      expect(ch.sentences).toEqual([
        `3 new logins can read ssn in ${column} since ${since} (3 unauthorized): ${NEW.map(who).sort().join(', ')}`,
        `1 login can no longer read ssn in ${column} since ${since}: ${who('clerk1')}`,
      ]);
    } else {
      expect(newLine.startsWith(`${ch.added.filter((r) => r.login).length} new logins can read ssn in ${column} since ${since} (`)).toBe(true);
    }
    expect(since).toBe(runs1.runs[0]!.access_read_at!.slice(0, 10));
    // The same in words on a terminal and in markdown.
    const human = await runCaptured(['diff', '--history', store]);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain(newLine);
    expect(human.stdout).toMatch(/hr: readers, run \d+ \(.*\) → run \d+ \(.*\): 1 column\(s\) with new readers, 1 with readers gone/);
    const mdDiff = await runCaptured(['diff', '--history', store, '-f', 'markdown']);
    expect(mdDiff.stdout).toContain('Who can read:');
    expect(mdDiff.stdout).toMatch(/- 3 new logins can read ssn in hr\\?\./);

    // A scan stored without readers after them: findings compare the last two runs, readers the last two readings.
    expect((await runCaptured(['scan', src(), '--history', store, '--seed', '3', '-f', 'json', '-q'])).code).toBe(0);
    const listed = await runCaptured(['history', '--history', store]);
    expect(listed.stdout).toContain('readers read at');
    const mixed = JSON.parse((await runCaptured(['diff', '--history', store, '-f', 'json'])).stdout) as DiffJson;
    const m = mixed.diffs.find((x) => x.to.source === 'hr')!;
    expect(m.readers?.from.id).toBe(d.readers!.from.id);
    expect(m.readers?.to.id).toBe(d.readers!.to.id);
    const [latest] = (JSON.parse((await runCaptured(['history', '--history', store, '-f', 'json'])).stdout) as { runs: Array<{ id: number }> }).runs;
    const pairDiff = JSON.parse((await runCaptured(['diff', String(d.readers!.to.id), String(latest!.id), '--history', store, '-f', 'json'])).stdout) as DiffJson;
    expect(pairDiff.diffs[0]!.readers).toBeUndefined();
    expect(pairDiff.notes).toEqual([`hr: run ${latest!.id} recorded no readers (minim access --history); readers not compared`]);

    // Names and verdicts only: no value of the column anywhere in what the history holds.
    const h = await HistoryStore.open(store);
    try {
      const snap = await h.latestAccess('hr');
      expect(snap?.access?.policy).toBe(f('access-policy.yaml'));
      const mine = snap!.access!.readers.filter((r) => r.principal.includes(P)).map((r) => [r.principal, r.verdict, r.login]);
      expect(mine.sort()).toEqual([[who('pa1'), 'allowed', true], [p('payroll_admin'), 'allowed', false], ...NEW.map((n) => [who(n), 'UNAUTHORIZED', true])].sort());
      const dump = JSON.stringify(snap);
      expect(SSNS.filter((s) => dump.includes(s))).toEqual([]);
    } finally {
      await h.close();
    }

    // The gate: nothing new since the stored readers; then a 4th login gets the column.
    const ok = await runCaptured(['check', src(), '--access-history', store, ...policy]);
    if (ok.code !== 0) expect(ok.stdout, 'only foreign readers').not.toContain(P);
    else expect(ok.stderr).toMatch(/No new unauthorized reader since hr's readers of \d{4}-/);
    await db.exec(spec.grantTable(db, who(LATE)));
    for (const gate of [['--access-history', store], ['--access-baseline', f('a2.json')]]) {
      const bad = await runCaptured(['check', src(), ...gate, ...policy, '-q']);
      expect(bad.code, `${gate[0]}: ${bad.stdout}${bad.stderr}`).toBe(1);
      const line = bad.stdout.split('\n').find((l) => l.includes(who(LATE)))!;
      expect(line, gate[0]).toMatch(new RegExp(`^\\d+ new logins? can read ${schema}\\.payroll\\.ssn \\(ssn\\)`));
    }

    // A store with no readers recorded for the source is one clear line, exit 2.
    const empty = await runCaptured(['check', src(), '--access-history', `pglite:${f('empty-store')}`, ...policy, '-q']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/has no readers recorded for source hr; run minim access hr=URL --history first/);
  }, 300_000);
});
