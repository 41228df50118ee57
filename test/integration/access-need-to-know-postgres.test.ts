/**
 * Need-to-know on PostgreSQL, the 311 case: 27 logins can read svc311.request's SSNs, 2 are
 * allowed. `minim access` prints the audit's sentence; the revocations take back the 25
 * unauthorized paths and leave the 2, proved by connecting as every login (with SET ROLE to each
 * of its roles) and selecting; the re-read privileges match; a 26th login granted afterwards is
 * a new unauthorized reader. A second table pins views over the column granted to PUBLIC,
 * SECURITY DEFINER functions, row-level security and the refusal to cut an allowed reader's path.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openConnector, DEFAULT_CONNECTOR_OPTIONS, grantsDialect, type Connector } from '../../connectors/index.js';
import { judgeColumn, newUnauthorizedReaders } from '../../src/access/judge.js';
import { parseAccessPolicy } from '../../src/access/policy.js';
import { reviewSource } from '../../src/access/review.js';
import { applyRevocation, proposeRevocations, verifyRevocation } from '../../src/access/revoke.js';
import type { AccessColumn, AccessReview } from '../../src/access/types.js';
import type { ScanResult } from '../../src/types.js';
import { type TestDatabase } from '../helpers/engines.js';
import { runCaptured } from '../helpers/cli.js';
import { build311, LOGINS_311, SUPERVISORS, LATE, type Case311 } from '../helpers/access-311.js';
import { forEachEngine, serverOf, suiteEngines } from '../helpers/suite.js';

// The 311 case (test/helpers/access-311.ts) plus a second table: hr.payroll.
const LOGINS_HR = ['pa1', 'hc1', 'hd1', 'rl1', 'nobody'];
const GROUPS_HR = ['payroll_admin', 'hrstaff', 'helpdesk', 'rlsreader'];
const LOGINS_311_PG = LOGINS_311.postgres;

forEachEngine('access need-to-know', await suiteEngines(['postgres'] as const), (e) => {
  let db: TestDatabase;
  let fx: Case311;
  let P: string;
  let R: (n: string) => string;
  let connector: Connector;
  const dir = mkdtempSync(join(tmpdir(), 'minim-ntk-'));
  const policyFile = join(dir, 'access-policy.yaml');
  // Role names are known once the case is built; the policy names the supervisor role.
  let policyText: string;
  let policy: ReturnType<typeof parseAccessPolicy>;

  beforeAll(async () => {
    fx = await build311('postgres', serverOf(e), 'ntk', {
      groups: GROUPS_HR,
      logins: [{ name: 'pa1', roles: ['payroll_admin', 'hrstaff'] }, { name: 'hc1', roles: ['hrstaff'] }, { name: 'hd1', roles: ['helpdesk'] }, { name: 'rl1', roles: ['rlsreader'] }, { name: 'nobody' }],
      statements: (g) => [
        // hr.payroll: a view over dob for PUBLIC, a SECURITY DEFINER function for helpdesk, RLS.
        `CREATE SCHEMA hr`,
        `GRANT USAGE ON SCHEMA hr TO PUBLIC`,
        `CREATE TABLE hr.payroll (id int PRIMARY KEY, ssn text, dob date, team text)`,
        `INSERT INTO hr.payroll SELECT g, (100 + g % 500)::text || '-' || lpad((1 + g % 98)::text, 2, '0') || '-' || lpad((1000 + g)::text, 4, '0'), date '1960-01-01' + g * 20, 'team' || (g % 3) FROM generate_series(1, 300) g`,
        `GRANT SELECT ON hr.payroll TO ${g('hrstaff')}`,
        `CREATE VIEW hr.birthdays AS SELECT id, dob FROM hr.payroll`,
        `GRANT SELECT ON hr.birthdays TO PUBLIC`,
        `CREATE FUNCTION hr.ssn_of(p int) RETURNS text LANGUAGE sql SECURITY DEFINER AS 'SELECT ssn FROM hr.payroll WHERE id = p'`,
        `REVOKE EXECUTE ON FUNCTION hr.ssn_of(int) FROM PUBLIC`,
        `GRANT EXECUTE ON FUNCTION hr.ssn_of(int) TO ${g('helpdesk')}`,
        `GRANT SELECT ON hr.payroll TO ${g('rlsreader')}`,
        `ALTER TABLE hr.payroll ENABLE ROW LEVEL SECURITY`,
        `CREATE POLICY team0 ON hr.payroll FOR SELECT TO ${g('rlsreader')} USING (team = 'team0')`,
        `CREATE POLICY staff_all ON hr.payroll FOR SELECT TO ${g('hrstaff')} USING (true)`,
      ],
    });
    db = fx.db;
    P = fx.prefix;
    R = fx.R;
    policyText = `version: 1
categories:
  ssn:
    default: { allow: [], reason: nobody }
    departments:
      svc311:
        allow: [{ role: ${R('supervisor')}, reason: supervisors redact callers' SSNs }]
      hr:
        allow: [{ role: ${R('payroll_admin')}, reason: wage reporting }]
  dob:
    default: { allow: [], reason: nobody }
`;
    policy = parseAccessPolicy(policyText, policyFile);
    writeFileSync(policyFile, policyText);
    connector = await openConnector(db.url, { ...DEFAULT_CONNECTOR_OPTIONS, name: 'svc311' });
  }, 120_000);

  afterAll(async () => {
    await connector?.close();
    await fx?.drop();
  });

  const canRead = (n: string, probes: readonly string[]) => fx.canRead(n, probes);

  const SSN_311 = ['SELECT caller_ssn FROM svc311.request LIMIT 1', 'SELECT caller_ssn FROM svc311.request_report LIMIT 1'];
  const ours = (col: AccessColumn) => col.readers.filter((r) => r.login && r.principal.startsWith(P) && r.principal !== R(LATE));

  let review: AccessReview;

  it('prints the audit sentence: 27 logins can read it, 2 allowed, 25 unauthorized', async () => {
    const scanFile = join(dir, 'scan.json');
    const sc = await runCaptured(['scan', `svc311=${db.url}`, '--include', 'svc311.*', '--format', 'json', '--out', scanFile, '--no-progress']);
    expect(sc.code, sc.stderr).toBe(0);
    const out = join(dir, 'access.json');
    const r = await runCaptured(['access', `svc311=${db.url}`, '--scan', scanFile, '--access-policy', policyFile, '--format', 'json', '--out', out, '-q']);
    expect(r.code, r.stderr).toBe(0);
    review = JSON.parse(readFileSync(out, 'utf8')) as AccessReview;
    const ssn = review.columns.find((c) => c.schema === 'svc311' && c.column === 'caller_ssn')!;
    expect(ssn.categories).toContain('ssn');
    // Logins other sessions create meanwhile (roles are cluster-wide) may read too: counted apart.
    const foreign = ssn.readers.filter((x) => x.login && x.verdict === 'UNAUTHORIZED' && !x.principal.startsWith(P)).length;
    expect(ssn.sentence).toMatch(new RegExp(`^svc311\\.request\\.caller_ssn \\(ssn\\): ${27 + foreign} logins can read it, 2 allowed, ${25 + foreign} unauthorized( \\(also .*\\))?$`));
    expect(ssn.logins).toMatchObject({ total: 27 + foreign, allowed: 2, unauthorized: 25 + foreign });
    expect(ssn.department).toBe('svc311');
    expect(review.departments).toEqual([{ department: 'svc311', columns: 2, logins: { ...ssn.logins, total: 27 + foreign, allowed: 2, unauthorized: 25 + foreign } }]);
    const sup = ssn.readers.find((x) => x.principal === R('sup1'))!;
    expect(sup).toMatchObject({ verdict: 'allowed', rule: 'ssn.departments.svc311', allowedAs: `${R('supervisor')} (${R('sup1')} → ${R('supervisor')})` });
    expect(ssn.readers.find((x) => x.principal === R('rep1'))).toMatchObject({ verdict: 'UNAUTHORIZED', via: expect.stringContaining('SELECT on view svc311.request_report') });
    expect(ssn.readers.find((x) => x.principal === R('arch1'))).toMatchObject({ verdict: 'UNAUTHORIZED', setRole: true });
    expect(ssn.readers.find((x) => x.principal === R('nobody'))).toBeUndefined();
    // Superusers listed apart, not hidden.
    expect(ssn.readers.some((x) => x.verdict === 'superuser')).toBe(true);

    const table = await runCaptured(['access', `svc311=${db.url}`, '--scan', scanFile, '--access-policy', policyFile, '--format', 'table', '-q']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(ssn.sentence);
    const md = await runCaptured(['access', `svc311=${db.url}`, '--scan', scanFile, '--access-policy', policyFile, '--format', 'markdown', '-q']);
    expect(md.stdout).toContain(`### svc311: ${27 + foreign} login(s) can read its sensitive columns, 2 allowed, ${25 + foreign} unauthorized`);
    expect(md.stdout).toContain(`- UNAUTHORIZED ${R('clerk1')}`.replace(/_/g, '\\_'));
  }, 120_000);

  it('matches, login by login, what PostgreSQL lets each one read', async () => {
    const ssn = review.columns.find((c) => c.schema === 'svc311' && c.column === 'caller_ssn')!;
    const listed = new Set(ours(ssn).map((r) => r.principal));
    const engine = new Set<string>();
    for (const n of [...LOGINS_311_PG, ...LOGINS_HR]) if (await canRead(n, SSN_311)) engine.add(R(n));
    expect([...listed].sort()).toEqual([...engine].sort());
    expect(engine.size).toBe(27);
  }, 120_000);

  it('revokes the 25 unauthorized paths, leaves the 2, and the re-read privileges match', async () => {
    const svc = { ...review, columns: review.columns.filter((c) => c.schema === 'svc311') };
    const revocations = proposeRevocations(svc, policy);
    // Only the built-in read-all role is named and left (a membership is never removed).
    const refused = revocations.filter((r) => r.refused);
    expect(refused.map((r) => [r.principal, r.object]), JSON.stringify(refused)).toEqual([['pg_read_all_data', 'reads-all']]);
    const applied = revocations.filter((r) => !r.refused);
    expect(applied.every((r) => !r.statementSql!.includes(R('supervisor')))).toBe(true);
    expect(revocations.map((r) => r.statementSql)).toContain(`REVOKE SELECT ON TABLE "svc311"."request_report" FROM "${R('reporting')}"`);
    expect(revocations.map((r) => r.statementSql)).toContain(`REVOKE SELECT ("caller_ssn") ON TABLE "svc311"."request" FROM "${R('analyst1')}"`);
    expect(new Set(applied.map((r) => r.statementSql)).size, 'one statement per grant').toBe(applied.length);
    for (const r of applied) await applyRevocation(connector, r);
    for (const r of applied) {
      const check = await verifyRevocation(connector, r);
      expect(check, r.statementSql).toMatchObject({ ok: true, stillGranted: false, stillReading: [] });
    }
    const engine = new Set<string>();
    for (const n of [...LOGINS_311_PG, ...LOGINS_HR]) if (await canRead(n, SSN_311)) engine.add(R(n));
    expect([...engine].sort()).toEqual(SUPERVISORS.map(R).sort());
    // Re-read: minim now lists the 2, and has_column_privilege agrees for every one of the 27.
    const scan = JSON.parse(readFileSync(join(dir, 'access.json'), 'utf8')) as AccessReview;
    const after = await reviewAgain(scan);
    const col = after.columns.find((c) => c.column === 'caller_ssn')!;
    expect(ours(col).map((r) => r.principal).sort()).toEqual(SUPERVISORS.map(R).sort());
    expect(col.logins).toMatchObject({ allowed: 2, unauthorized: 0 });
    const grants = grantsDialect('postgres');
    for (const n of LOGINS_311_PG) {
      expect(await grants.canRead!(connector, R(n), { schema: 'svc311', table: 'request', column: 'caller_ssn' }), n).toBe(SUPERVISORS.includes(n));
    }

    // A 26th login granted afterwards is a new unauthorized reader for the gate.
    await db.exec(`GRANT SELECT (caller_ssn) ON svc311.request TO "${R(LATE)}"`);
    const later = await reviewAgain(scan);
    const fresh = newUnauthorizedReaders(after, later);
    expect(fresh).toEqual([{ source: 'svc311', schema: 'svc311', table: 'request', column: 'caller_ssn', categories: col.categories, principals: [R(LATE)] }]);
    expect(newUnauthorizedReaders(later, later)).toEqual([]);
  }, 180_000);

  /** The review again, judged, for the svc311 columns of the first review. */
  async function reviewAgain(first: AccessReview): Promise<AccessReview> {
    const cols = first.columns.filter((c) => c.schema === 'svc311');
    const scan = {
      sources: [{ name: 'svc311' }],
      columns: cols.map((c) => ({ source: 'svc311', schema: c.schema, table: c.table, column: c.column, findings: c.categories.map((category) => ({ category })) })),
    } as unknown as ScanResult;
    return reviewSource(scan, 'svc311', 'postgres', connector, { policy });
  }

  it('counts views over the column for PUBLIC, SECURITY DEFINER functions and shows row security', async () => {
    const refs = ['ssn', 'dob'].map((column) => ({ schema: 'hr', table: 'payroll', column }));
    const grants = grantsDialect('postgres');
    const readers = await grants.readers(connector, refs);
    const rls = await grants.rowSecurity!(connector, refs);
    const col = (column: string): AccessColumn => judgeColumn({
      source: 'hr', schema: 'hr', table: 'payroll', column, categories: [column], flags: [],
      readers: readers.get(JSON.stringify(['hr', 'payroll', column]))!,
    }, policy, ['hr']);
    const ssn = col('ssn');
    const dob = col('dob');
    // Independently: each login tries the table, the view and the function.
    for (const [c, probes] of [
      [ssn, ['SELECT ssn FROM hr.payroll LIMIT 1', 'SELECT hr.ssn_of(1)']],
      [dob, ['SELECT dob FROM hr.payroll LIMIT 1', 'SELECT dob FROM hr.birthdays LIMIT 1']],
    ] as const) {
      const engine = new Set<string>();
      for (const n of [...LOGINS_311_PG, ...LOGINS_HR]) if (await canRead(n, probes)) engine.add(R(n));
      expect(ours(c).map((r) => r.principal).sort(), c.column).toEqual([...engine].sort());
    }
    expect(ssn.readers.find((r) => r.principal === R('hd1'))).toMatchObject({
      verdict: 'UNAUTHORIZED', via: expect.stringContaining('EXECUTE on SECURITY DEFINER function hr.ssn_of(p integer)'),
    });
    expect(ssn.readers.find((r) => r.principal === R('pa1'))).toMatchObject({ verdict: 'allowed' });
    expect(dob.readers.find((r) => r.principal === 'PUBLIC')).toMatchObject({ via: expect.stringMatching(/^PUBLIC \(SELECT on view hr\.birthdays\)(: every role and user, \d+ of them with no grant of their own)?$/) });
    expect(rls.get(JSON.stringify(['hr', 'payroll']))).toEqual({
      enabled: true, forced: false,
      policies: [
        { name: 'staff_all', roles: [R('hrstaff')], command: 'SELECT', permissive: true, using: 'true' },
        { name: 'team0', roles: [R('rlsreader')], command: 'SELECT', permissive: true, using: "(team = 'team0'::text)" },
      ],
    });

    // Revoking hrstaff's table grant would cut pa1's only path (pa1 → hrstaff): refused, named.
    const revs = proposeRevocations({ version: 1, dialect: 'postgres', columns: [ssn] });
    const fromStaff = revs.find((r) => r.principal === R('hrstaff'))!;
    expect(fromStaff.refused).toBe(`refused: would cut allowed reader ${R('pa1')}'s path ${R('pa1')} → ${R('hrstaff')} (SELECT on table) on hr.payroll.ssn`);
    expect(fromStaff.statementSql).toBeUndefined();
    await expect(applyRevocation(connector, fromStaff)).rejects.toThrow(/would cut allowed reader/);
    // The function path is named, not revoked (EXECUTE is taken back by hand).
    expect(revs.find((r) => r.object === 'function')?.refused).toMatch(/^refused: revoke EXECUTE on the function/);
    expect(revs.find((r) => r.principal === R('rlsreader'))?.statementSql).toBe(`REVOKE SELECT ON TABLE "hr"."payroll" FROM "${R('rlsreader')}"`);
  }, 180_000);
});
