/** The access policy as data, the verdicts, the gate's new-reader diff, revocation SQL per dialect, and the verdict rendering. */
import { describe, expect, it } from 'vitest';
import { mssqlRevokeSql } from '../../connectors/mssql/mssql-grants.js';
import { mysqlRevokeSql } from '../../connectors/mysql/mysql-grants.js';
import { postgresRevokeSql } from '../../connectors/postgres/postgres-grants.js';
import { auditSentence, judgeColumn, newUnauthorizedReaders } from '../../src/access/judge.js';
import { loadAccessPolicy, parseAccessPolicy, resolveAccessRule } from '../../src/access/policy.js';
import { renderAccessVerdictsHtml, renderAccessVerdictsMarkdown } from '../../src/access/render.js';
import { proposeRevocations } from '../../src/access/revoke.js';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { fixtureScan } from './report-fixture.js';
import type { AccessColumn, AccessReader, AccessReview, ReaderPath } from '../../src/access/types.js';

const policy = parseAccessPolicy(`version: 1
categories:
  ssn:
    default: { allow: [] }
    departments:
      svc311: { allow: [{ role: svc311_supervisor, reason: redacts callers' SSNs }] }
`, 'p.yaml');

const path = (chain: string[], object: ReaderPath['object'], on: ReaderPath['on'], what: string, grantee = [chain[chain.length - 1]!]): ReaderPath =>
  ({ chain, grantee, object, ...(on ? { on } : {}), what });
const T = { schema: 'svc311', name: 'request' };
const reader = (principal: string, paths: ReaderPath[], extra: Partial<AccessReader> = {}): AccessReader =>
  ({ principal, kind: 'user', login: true, via: paths[0]?.what ?? 'superuser', paths, ...extra });

function column(readers: AccessReader[]): AccessColumn {
  return { source: 'svc311', schema: 'svc311', table: 'request', column: 'notes', categories: ['ssn'], flags: [], readers };
}

describe('access policy file', () => {
  it('the built-in policy validates and names the core categories', async () => {
    const p = await loadAccessPolicy();
    expect(Object.keys(p.categories).sort()).toEqual(['bank_account', 'credit_card', 'dob', 'medical', 'ssn']);
    for (const c of Object.values(p.categories)) expect(c.default.allow).toEqual([]);
  });

  it('a wrong entry is one line naming the file, the entry and what is expected', () => {
    const bad = `version: 1\ncategories:\n  ssn:\n    default: { allow: [{ role: payroll_admin }] }\n`;
    expect(() => parseAccessPolicy(bad, 'city.yaml')).toThrow(/^access policy city\.yaml: categories\.ssn\.default allow 1 has no reason/);
    expect(() => parseAccessPolicy('version: 1\ncategories:\n  SSN: { default: { allow: [] } }\n', 'city.yaml')).toThrow(/at categories\.SSN: a category id|categories\.SSN/);
    expect(() => parseAccessPolicy('version: [', 'city.yaml')).toThrow(/^access policy city\.yaml line \d+: not valid YAML/);
    for (const text of [bad, 'version: 2\ncategories: {}\n']) {
      try {
        parseAccessPolicy(text, 'city.yaml');
      } catch (e) {
        expect((e as Error).message).not.toContain('\n');
      }
    }
  });

  it('resolves the department rule by department, source or schema, else the default', () => {
    expect(resolveAccessRule(policy, 'ssn', ['SVC311'])?.origin).toBe('ssn.departments.svc311');
    expect(resolveAccessRule(policy, 'ssn', ['parks'])?.origin).toBe('ssn.default');
    expect(resolveAccessRule(policy, 'email', ['svc311'])).toBeUndefined();
  });
});

describe('verdicts', () => {
  const sup = reader('sup1', [path(['sup1', 'svc311_supervisor'], 'column', { ...T, column: 'notes' }, 'SELECT on column')], { memberOf: [['sup1', 'svc311_supervisor']] });
  const viaStaff = reader('sup2', [path(['sup2', 'staff'], 'table', T, 'SELECT on table')], { memberOf: [['sup2', 'staff'], ['sup2', 'svc311_supervisor']] });
  const clerk = reader('clerk', [path(['clerk', 'staff'], 'table', T, 'SELECT on table')], { memberOf: [['clerk', 'staff']] });
  const su = { principal: 'postgres', kind: 'user', login: true, via: 'superuser', superuser: true } as AccessReader;
  const owner = reader('app', [path(['app'], 'owner', T, 'owner of table')]);

  it('allowed by membership in an allowed role (named, with the chain), others UNAUTHORIZED, superusers and owners apart', () => {
    const c = judgeColumn(column([sup, viaStaff, clerk, su, owner]), policy, ['svc311']);
    const v = Object.fromEntries(c.readers.map((r) => [r.principal, r.verdict]));
    expect(v).toEqual({ sup1: 'allowed', sup2: 'allowed', clerk: 'UNAUTHORIZED', postgres: 'superuser', app: 'owner' });
    expect(c.readers[1]).toMatchObject({ rule: 'ssn.departments.svc311', allowedAs: 'svc311_supervisor (sup2 → svc311_supervisor)' });
    expect(c.logins).toEqual({ total: 3, allowed: 2, unauthorized: 1, superusers: 1, owners: 1 });
    expect(c.sentence).toBe('svc311.request.notes (ssn): 3 logins can read it, 2 allowed, 1 unauthorized (also 1 superuser, 1 owner)');
  });

  it('the audit sentence, as the audit wrote it', () => {
    expect(auditSentence({ schema: 'svc311', table: 'request', column: 'notes', categories: ['ssn'] }, { total: 27, allowed: 2, unauthorized: 25, superusers: 0, owners: 0 }))
      .toBe('svc311.request.notes (ssn): 27 logins can read it, 2 allowed, 25 unauthorized');
  });

  it('a column whose categories the policy does not judge is left as it was', () => {
    const c = { ...column([clerk]), categories: ['email'] };
    expect(judgeColumn(c, policy, ['svc311'])).toBe(c);
  });
});

describe('newUnauthorizedReaders', () => {
  const review = (names: string[], table = 'request'): AccessReview => ({
    version: 1,
    columns: [{ ...column(names.map((n) => ({ ...reader(n, []), verdict: 'UNAUTHORIZED' as const }))), table }],
  });
  it('names only readers unauthorized now and not before, per column; none when nothing changed', () => {
    expect(newUnauthorizedReaders(review(['a', 'b']), review(['a', 'b', 'c']))).toEqual([
      { source: 'svc311', schema: 'svc311', table: 'request', column: 'notes', categories: ['ssn'], principals: ['c'] },
    ]);
    expect(newUnauthorizedReaders(review(['a', 'b']), review(['b']))).toEqual([]);
    expect(newUnauthorizedReaders(undefined, review(['a']))[0]!.principals).toEqual(['a']);
    expect(newUnauthorizedReaders(review(['a']), review(['a'], 'other'))[0]!.table).toBe('other');
  });
  it('an allowed reader turned unauthorized is new', () => {
    const before: AccessReview = { version: 1, columns: [column([{ ...reader('a', []), verdict: 'allowed' }])] };
    expect(newUnauthorizedReaders(before, review(['a']))[0]!.principals).toEqual(['a']);
  });
});

describe('revocation SQL per dialect, identifiers quoted by construction', () => {
  const hostile = { schema: 'we"ird`s]', name: 'ta"b`l]e', column: 'co"l`u]mn' };
  it('PostgreSQL', () => {
    expect(postgresRevokeSql(path(['x', 'r"o'], 'column', hostile, 'SELECT on column'))).toBe('REVOKE SELECT ("co""l`u]mn") ON TABLE "we""ird`s]"."ta""b`l]e" FROM "r""o"');
    expect(postgresRevokeSql(path(['PUBLIC'], 'table', T, 'SELECT on table'))).toBe('REVOKE SELECT ON TABLE "svc311"."request" FROM PUBLIC');
    expect(postgresRevokeSql(path(['x', 'pg_read_all_data'], 'reads-all', undefined, 'reads all data'))).toMatch(/^refused: .*never removes a membership/);
  });
  it('MariaDB/MySQL', () => {
    expect(mysqlRevokeSql(path(["'u'@'%'"], 'column', hostile, 'SELECT on column', ["o'b\\x", '%']))).toBe("REVOKE SELECT (`co\"l``u]mn`) ON `we\"ird``s]`.`ta\"b``l]e` FROM 'o''b\\\\x'@'%'");
    expect(mysqlRevokeSql(path(['r'], 'view', T, 'SELECT on view', ['role1']))).toBe("REVOKE SELECT ON `svc311`.`request` FROM 'role1'");
    expect(mysqlRevokeSql(path(['PUBLIC'], 'column', { ...T, column: 'notes' }, 'SELECT on column'))).toBe('REVOKE SELECT (`notes`) ON `svc311`.`request` FROM PUBLIC');
    expect(mysqlRevokeSql(path(['u'], 'global', undefined, 'SELECT on *.*'))).toMatch(/^refused: .*every database/);
  });
  it('SQL Server', () => {
    expect(mssqlRevokeSql(path(['x', 'r]o'], 'column', hostile, 'SELECT on column'))).toBe('REVOKE SELECT ON [we"ird`s]]].[ta"b`l]]e] ([co"l`u]]mn]) FROM [r]]o]');
    expect(mssqlRevokeSql(path(['PUBLIC'], 'table', T, 'SELECT on table'))).toBe('REVOKE SELECT ON [svc311].[request] FROM [public]');
    expect(mssqlRevokeSql(path(['db_owner'], 'database', undefined, 'CONTROL on database'))).toMatch(/^refused: /);
  });
});

describe('proposeRevocations', () => {
  it('one REVOKE per unauthorized grant; a grant an allowed reader needs is refused and names it', () => {
    const sup = reader('sup1', [path(['sup1', 'grp'], 'table', T, 'SELECT on table')], { memberOf: [['sup1', 'svc311_supervisor'], ['sup1', 'grp']] });
    const a = reader('a', [path(['a', 'grp'], 'table', T, 'SELECT on table'), path(['a'], 'column', { ...T, column: 'notes' }, 'SELECT on column')]);
    const b = reader('b', [path(['b'], 'column', { ...T, column: 'notes' }, 'SELECT on column')]);
    const revs = proposeRevocations({ version: 1, dialect: 'postgres', columns: [column([sup, a, b])] }, policy);
    expect(revs.map((r) => r.statementSql ?? r.refused)).toEqual([
      'REVOKE SELECT ("notes") ON TABLE "svc311"."request" FROM "a"',
      'REVOKE SELECT ("notes") ON TABLE "svc311"."request" FROM "b"',
      "refused: would cut allowed reader sup1's path sup1 → grp (SELECT on table) on svc311.request.notes",
    ]);
    expect(revs[2]).toMatchObject({ principal: 'grp', readers: ['a'] });
  });
  it('a review without its engine is one clear line', () => {
    expect(() => proposeRevocations({ version: 1, columns: [] })).toThrow(/names no engine/);
  });
});

describe('verdicts rendered', () => {
  const judged = (table: string, n: number): AccessColumn => judgeColumn(
    { ...column(Array.from({ length: n }, (_, i) => reader(`<u${i}>`, [path([`<u${i}>`], 'column', { ...T, column: 'notes' }, 'SELECT on column')]))), table },
    policy, ['svc311'],
  );
  const review: AccessReview = { version: 1, columns: [judged('calm', 0), judged('busy', 2)] };
  it('markdown: per department, unauthorized first, the count of logins and each path', () => {
    const md = renderAccessVerdictsMarkdown(review);
    expect(md).toContain('### svc311: 2 login(s) can read its sensitive columns, 0 allowed, 2 unauthorized');
    expect(md.indexOf('svc311.busy.notes')).toBeLessThan(md.indexOf('svc311.calm.notes'));
    expect(md).toContain('- UNAUTHORIZED &lt;u0&gt;: SELECT on column');
  });
  it('the markdown and HTML reports carry the verdicts when given a judged access review, and nothing when none is judged', () => {
    expect(renderMarkdown(fixtureScan(), { access: review })).toContain('## Who can read what');
    expect(renderHtml(fixtureScan(), { access: review })).toContain('<section class="access-verdicts">');
    const unjudged: AccessReview = { version: 1, columns: [column([])] };
    expect(renderMarkdown(fixtureScan(), { access: unjudged })).not.toContain('Who can read what');
  });
  it('HTML: escaped', () => {
    const html = renderAccessVerdictsHtml(review);
    expect(html).toContain('&lt;u1&gt;');
    expect(html).not.toContain('<u1>');
  });
});
