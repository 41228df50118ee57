/**
 * Need-to-know on every engine, the 311 case of test/helpers/access-311.ts: 27 logins can read the
 * request table's caller_ssn (roles, a role chain, column and table grants, and each engine's own
 * ways), 2 are allowed. The review's verdicts equal what each login can really SELECT (connected
 * as itself, then after SET ROLE to each of our roles; EXECUTE AS USER on SQL Server); the
 * revocations take back the 25 unauthorized paths and leave the 2, the re-read privileges agree,
 * and a 26th login granted afterwards is a new unauthorized reader.
 * PostgreSQL also prints the audit's sentence through the CLI, and a second table (hr.payroll)
 * pins views over the column granted to PUBLIC, SECURITY DEFINER functions, row-level security and
 * the refusal to cut an allowed reader's path.
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
import { stopEngines, type EngineDialect } from '../helpers/engines.js';
import { runCaptured } from '../helpers/cli.js';
import { build311, policy311, LOGINS_311, NOUN_311, SUPERVISORS, LATE, type Case311, type Extra311 } from '../helpers/access-311.js';
import { forEachEngine, serverOf, suiteEngines, SERVER_DIALECTS } from '../helpers/suite.js';

// PostgreSQL adds a second table, hr.payroll, with its own logins and roles.
const LOGINS_HR = ['pa1', 'hc1', 'hd1', 'rl1', 'nobody'];
const GROUPS_HR = ['payroll_admin', 'hrstaff', 'helpdesk', 'rlsreader'];

/** What each engine adds to the 311 case: PostgreSQL's hr.payroll, elsewhere a login with no grant. */
const EXTRA: Record<EngineDialect, Extra311> = {
  postgres: {
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
  },
  mysql: { logins: [{ name: 'nobody' }] },
  mssql: { logins: [{ name: 'nobody' }] },
};
/** PostgreSQL's policy also allows payroll_admin in hr and nobody dob. */
const POLICY_MORE: Record<EngineDialect, (R: (n: string) => string) => { departments?: string; categories?: string }> = {
  postgres: (R) => ({
    departments: `      hr:\n        allow: [{ role: ${R('payroll_admin')}, reason: wage reporting }]\n`,
    categories: `  dob:\n    default: { allow: [], reason: nobody }\n`,
  }),
  mysql: () => ({}),
  mssql: () => ({}),
};
/**
 * The refused revocations of the 311 columns: PostgreSQL names exactly its built-in read-all role
 * (a membership is never removed); elsewhere none of ours is refused (a MariaDB global reader
 * another session made may be, and is left).
 */
const REFUSED: Record<EngineDialect, ReadonlyArray<[string, string]> | 'none of ours'> = {
  postgres: [['pg_read_all_data', 'reads-all']],
  mysql: 'none of ours',
  mssql: 'none of ours',
};

/** Whether the review's sentence is pinned by the judging test (PostgreSQL pins it through the CLI). */
const SENTENCE: Record<EngineDialect, boolean> = { postgres: false, mysql: true, mssql: false };

forEachEngine('access need-to-know', await suiteEngines(SERVER_DIALECTS), (e) => {
  const d = e.dialect;
  /** Every login of the case, the 311 ones and the engine's extras. */
  const LOGINS = [...LOGINS_311[d], ...(EXTRA[d].logins ?? []).map((l) => l.name)];
  let fx: Case311;
  let connector: Connector;
  const dir = mkdtempSync(join(tmpdir(), `minim-ntk-${d}-`));
  const policyFile = join(dir, 'access-policy.yaml');
  let policy: ReturnType<typeof parseAccessPolicy>;

  beforeAll(async () => {
    fx = await build311(d, serverOf(e), 'ntk', EXTRA[d]);
    const text = policy311(fx.R, POLICY_MORE[d](fx.R));
    policy = parseAccessPolicy(text, policyFile);
    writeFileSync(policyFile, text);
    connector = await openConnector(fx.db.url, { ...DEFAULT_CONNECTOR_OPTIONS, name: 'svc311' });
  }, 180_000);

  afterAll(async () => {
    await connector?.close();
    await fx?.drop();
  });

  /** The principals (as the review names them) the engine lets read through `probes` (default: the case's own). */
  async function engineReaders(probes?: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const n of LOGINS) if (await fx.canRead(n, probes)) out.add(fx.principal(n));
    return out;
  }
  const ourNames = (c: AccessColumn) => fx.ours(c.readers).map((r) => r.principal).sort();
  const callerSsn = (r: AccessReview) => r.columns.find((c) => c.schema === fx.schema && c.table === 'request' && c.column === 'caller_ssn')!;

  /** The review of the 311 columns (the table, and the view where there is one), judged. */
  async function review(): Promise<AccessReview> {
    const tables = fx.probes.length > 1 ? ['request', 'request_report'] : ['request'];
    const scan = {
      sources: [{ name: 'svc311' }],
      columns: tables.map((table) => ({ source: 'svc311', schema: fx.schema, table, column: 'caller_ssn', findings: [{ category: 'ssn' }] })),
    } as unknown as ScanResult;
    return reviewSource(scan, 'svc311', connector.dialect, connector, { policy });
  }

  /** The review lists exactly the logins the engine lets read: 27 of them. */
  async function expectJudgedAsEngine(col: AccessColumn): Promise<void> {
    const engine = await engineReaders();
    expect(ourNames(col)).toEqual([...engine].sort());
    expect(engine.size).toBe(27);
  }

  /**
   * Revokes every unauthorized path of `before`, checks each is gone, that only the 2 supervisors
   * can still read (the engine answers) and that the review re-read agrees; then grants a 26th
   * login, which the gate finds as the one new unauthorized reader.
   */
  async function revokeAndGate(before: AccessReview): Promise<void> {
    const { R, prefix: P } = fx;
    const revocations = proposeRevocations(before, policy);
    const refused = revocations.filter((r) => r.refused);
    const expectedRefused = REFUSED[d];
    if (expectedRefused === 'none of ours') expect(refused.filter((r) => r.principal.includes(P))).toEqual([]);
    else expect(refused.map((r) => [r.principal, r.object]), JSON.stringify(refused)).toEqual(expectedRefused);
    // Ours only where other sessions' global readers may show up.
    const applied = revocations.filter((r) => !r.refused && (!fx.foreignReaders || r.principal.includes(P)));
    expect(applied.every((r) => !r.statementSql!.includes(R('supervisor')))).toBe(true);
    expect(applied.map((r) => r.statementSql).sort()).toEqual([...fx.expectedRevokes].sort());
    expect(new Set(applied.map((r) => r.statementSql)).size, 'one statement per grant').toBe(applied.length);
    for (const r of applied) await applyRevocation(connector, r);
    // Where the engine can say who still reads (PostgreSQL), nobody the revocation aimed at does.
    const verified = grantsDialect(d).canRead ? { ok: true, stillGranted: false, stillReading: [] } : { ok: true, stillGranted: false };
    for (const r of applied) expect(await verifyRevocation(connector, r), r.statementSql).toEqual(verified);

    expect([...(await engineReaders())].sort()).toEqual(SUPERVISORS.map(fx.principal).sort());
    const after = await review();
    const col = callerSsn(after);
    expect(ourNames(col)).toEqual(SUPERVISORS.map(fx.principal).sort());
    if (!fx.foreignReaders) expect(col.logins).toMatchObject({ allowed: 2, unauthorized: 0 });
    const grants = grantsDialect(d);
    if (grants.canRead) {
      // The engine's own privilege function agrees for every one of the 27.
      for (const n of LOGINS_311[d]) {
        expect(await grants.canRead(connector, R(n), { schema: fx.schema, table: 'request', column: 'caller_ssn' }), n).toBe(SUPERVISORS.includes(n));
      }
    }

    // A 26th login granted afterwards is a new unauthorized reader for the gate.
    await fx.grantLate();
    const later = await review();
    const fresh = newUnauthorizedReaders(after, later);
    expect(fresh).toEqual([{ source: 'svc311', schema: fx.schema, table: 'request', column: 'caller_ssn', categories: col.categories, principals: [fx.principal(LATE)] }]);
    expect(newUnauthorizedReaders(later, later)).toEqual([]);
  }

  if (d === 'postgres') {
    let cli: AccessReview;

    it('prints the audit sentence: 27 logins can read it, 2 allowed, 25 unauthorized', async () => {
      const { R, prefix: P, db } = fx;
      const scanFile = join(dir, 'scan.json');
      const sc = await runCaptured(['scan', `svc311=${db.url}`, ...fx.scanArgs, '--format', 'json', '--out', scanFile, '--no-progress']);
      expect(sc.code, sc.stderr).toBe(0);
      const out = join(dir, 'access.json');
      const r = await runCaptured(['access', `svc311=${db.url}`, '--scan', scanFile, '--access-policy', policyFile, '--format', 'json', '--out', out, '-q']);
      expect(r.code, r.stderr).toBe(0);
      cli = JSON.parse(readFileSync(out, 'utf8')) as AccessReview;
      const ssn = callerSsn(cli);
      expect(ssn.categories).toContain('ssn');
      // Logins other sessions create meanwhile (roles are cluster-wide) may read too: counted apart.
      const foreign = ssn.readers.filter((x) => x.login && x.verdict === 'UNAUTHORIZED' && !x.principal.startsWith(P)).length;
      expect(ssn.sentence).toMatch(new RegExp(`^svc311\\.request\\.caller_ssn \\(ssn\\): ${27 + foreign} logins can read it, 2 allowed, ${25 + foreign} unauthorized( \\(also .*\\))?$`));
      expect(ssn.logins).toMatchObject({ total: 27 + foreign, allowed: 2, unauthorized: 25 + foreign });
      expect(ssn.department).toBe('svc311');
      expect(cli.departments).toEqual([{ department: 'svc311', columns: 2, logins: { ...ssn.logins, total: 27 + foreign, allowed: 2, unauthorized: 25 + foreign } }]);
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
      await expectJudgedAsEngine(callerSsn(cli));
    }, 120_000);

    it('revokes the 25 unauthorized paths, leaves the 2, and the re-read privileges match', async () => {
      await revokeAndGate({ ...cli, columns: cli.columns.filter((c) => c.schema === 'svc311') });
    }, 180_000);

    it('counts views over the column for PUBLIC, SECURITY DEFINER functions and shows row security', async () => {
      const { R } = fx;
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
        expect(ourNames(c), c.column).toEqual([...(await engineReaders(probes))].sort());
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
  } else {
    it(`judges 27 ${NOUN_311[d]}s, 2 allowed, exactly those that can SELECT; revokes the 25 and leaves the 2`, async () => {
      const { prefix: P } = fx;
      const before = await review();
      const col = callerSsn(before);
      expect(col.categories).toContain('ssn');
      const foreign = col.readers.filter((x) => x.login && x.verdict === 'UNAUTHORIZED' && !x.principal.includes(P)).length;
      if (SENTENCE[d]) {
        expect(col.sentence).toMatch(new RegExp(`: ${27 + foreign} logins can read it, 2 allowed, ${25 + foreign} unauthorized`));
        expect(col.sentence!.startsWith(`${fx.schema}.request.caller_ssn (ssn): `)).toBe(true);
      }
      expect(col.readers.find((r) => r.principal === fx.principal('sup1'))).toMatchObject({ verdict: 'allowed', rule: 'ssn.departments.svc311' });
      expect(col.readers.find((r) => r.principal === fx.principal('clerk1'))).toMatchObject({ verdict: 'UNAUTHORIZED' });
      // Through the view, where the engine has one in the case.
      if (LOGINS_311[d].includes('rep1')) {
        expect(col.readers.find((r) => r.principal === fx.principal('rep1'))).toMatchObject({ verdict: 'UNAUTHORIZED', via: expect.stringContaining(`SELECT on view ${fx.schema}.request_report`) });
      }
      await expectJudgedAsEngine(col);
      await revokeAndGate(before);
    }, 180_000);
  }
});

afterAll(async () => {
  await stopEngines();
});
