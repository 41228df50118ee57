/**
 * SQL Server readers through views, functions and procedures over a column, as SQL Server decides
 * them: an unbroken ownership chain (or EXECUTE AS) skips the table's permissions, so the module's
 * own grants and DENYs decide; a broken chain adds nobody. The evaluation is pure over catalog rows.
 */
import { describe, expect, it } from 'vitest';
import { MSSQL_ACCESS_SQL, modulesOver, mssqlReadersFromRows, mssqlRevokeSql, type MssqlAccessRows, type MssqlModuleRow } from '../../connectors/mssql/mssql-grants.js';
import { mergeReaders } from '../../src/access/graph.js';
import { refKey, type AccessReader, type ColumnRef } from '../../src/access/types.js';

const principals = [
  ['public', 0, 'R'], ['dbo', 1, 'S'], ['db_owner', 16384, 'R'], ['db_datareader', 16390, 'R'], ['db_denydatareader', 16392, 'R'],
  ['calls_owner', 11, 'S'], ['other_owner', 12, 'S'], ['clerk', 20, 'S'], ['reporter', 21, 'S'], ['reporting', 22, 'R'],
  ['denied', 23, 'S'], ['helpdesk', 24, 'S'], ['broken', 25, 'S'], ['runner', 26, 'S'], ['schema_exec', 27, 'S'],
  ['db_exec', 28, 'S'], ['tabledenied', 29, 'S'], ['nocol', 30, 'S'], ['runner2', 31, 'S'],
] as const;

const mod = (name: string, type: string, extra: Partial<MssqlModuleRow> = {}): MssqlModuleRow => ({
  schema_name: 'calls', table_name: 'requests', column_name: null, module_schema: 'calls', module_name: name, module_type: type,
  module_owner: 11, table_owner: 11, execute_as: null, definition: `CREATE ... SELECT caller_ssn FROM calls.requests`, ...extra,
});
const grant = (grantee: number, table: string, permission = 'SELECT', state = 'G', cls = 1) =>
  ({ class: cls, state, permission, grantee, schema_name: cls === 0 ? null : 'calls', table_name: cls === 1 ? table : null, column_name: null });

const rows: MssqlAccessRows = {
  principals: principals.map(([name, id, type]) => ({ id, name, type, bypass: id === 1 ? 1 : 0 })),
  members: [{ member: 21, role: 22 }, { member: 23, role: 22 }],
  permissions: [
    grant(20, 'requests'),
    grant(20, 'v_report'),
    grant(22, 'v_report'),
    grant(23, 'v_report', 'SELECT', 'D'),
    grant(29, 'requests', 'SELECT', 'D'),
    grant(29, 'v_report'),
    grant(24, 'p_lookup', 'EXECUTE'),
    grant(25, 'v_broken'),
    grant(26, 'p_as_owner', 'EXECUTE'),
    grant(27, '', 'EXECUTE', 'G', 3),
    grant(28, '', 'EXECUTE', 'G', 0),
    grant(30, 'p_other', 'EXECUTE'),
    grant(31, 'p_as_clerk', 'EXECUTE'),
  ],
  owners: [{ schema_name: 'calls', table_name: 'requests', owner: 11, schema_owner: 11 }],
  modules: [
    // A view over the column, same owner as the table: its grants decide.
    mod('v_report', 'V', { column_name: 'caller_ssn' }),
    // Owned by someone else: the chain is broken, readers need the table's permission anyway.
    mod('v_broken', 'V', { module_owner: 12 }),
    // A procedure naming the column in its body.
    mod('p_lookup', 'P', { definition: 'CREATE PROCEDURE calls.p_lookup @id int AS SELECT [caller_ssn] FROM calls.requests WHERE id = @id' }),
    // Another owner and EXECUTE AS OWNER: runs as other_owner, who cannot read the table.
    mod('p_as_owner', 'P', { module_owner: 12, execute_as: -2 }),
    // Another owner, EXECUTE AS USER = 'clerk', who can: whoever may execute it reads.
    mod('p_as_clerk', 'P', { module_owner: 12, execute_as: 20 }),
    // A procedure over the table that never names the column.
    mod('p_other', 'P', { definition: 'CREATE PROCEDURE calls.p_other AS SELECT COUNT(*) FROM calls.requests' }),
  ],
};
const ssn: ColumnRef = { schema: 'calls', table: 'requests', column: 'caller_ssn' };
const status: ColumnRef = { schema: 'calls', table: 'requests', column: 'status' };

describe('SQL Server readers through views, functions and procedures', () => {
  const r = mssqlReadersFromRows(rows, [ssn, status]);
  const of = (c: ColumnRef, n: string) => r.get(refKey(c))!.find((x) => x.principal === n);
  const names = (c: ColumnRef) => r.get(refKey(c))!.map((x) => x.principal);

  it('adds the readers of a view over the column and of procedures naming it, checked on their own grants', () => {
    // Roles are readers too (db_datareader reads every table and view); other_owner owns p_as_clerk, which runs as clerk.
    expect(names(ssn)).toEqual(['calls_owner', 'clerk', 'db_datareader', 'db_exec', 'db_owner', 'dbo', 'helpdesk', 'other_owner', 'reporter', 'reporting', 'runner2', 'schema_exec', 'tabledenied']);
    expect(of(ssn, 'reporter')?.via).toBe('role membership: reporter → reporting (SELECT on view calls.v_report)');
    expect(of(ssn, 'helpdesk')?.via).toBe('direct grant (EXECUTE on procedure calls.p_lookup)');
    expect(of(ssn, 'runner2')?.via).toBe('direct grant (EXECUTE on procedure calls.p_as_clerk)');
    expect(of(ssn, 'other_owner')?.via).toBe('owner of procedure calls.p_as_clerk');
    expect(of(ssn, 'schema_exec')?.paths?.map((p) => p.what)).toEqual(['EXECUTE on schema calls (procedure calls.p_as_clerk)', 'EXECUTE on schema calls (procedure calls.p_lookup)']);
    expect(of(ssn, 'db_exec')?.paths?.map((p) => p.what)).toEqual(['EXECUTE on database (procedure calls.p_as_clerk)', 'EXECUTE on database (procedure calls.p_lookup)']);
  });

  it('a DENY on the view blocks that way in; a DENY on the table does not block a chained view', () => {
    expect(names(ssn)).not.toContain('denied');
    expect(of(ssn, 'tabledenied')?.paths?.map((p) => p.what)).toEqual(['SELECT on view calls.v_report']);
  });

  it('a broken ownership chain, EXECUTE AS a principal that cannot read, a procedure not naming the column, and EXECUTE on the table add nobody', () => {
    expect(names(ssn)).not.toContain('broken');
    expect(names(ssn)).not.toContain('runner');
    expect(names(ssn)).not.toContain('nocol');
    // status: no module names it; database-wide EXECUTE is no SELECT on the table.
    expect(names(status)).toEqual(['calls_owner', 'clerk', 'db_datareader', 'db_owner', 'dbo']);
  });

  it('one entry per reader, its own table grant first, then every other way in', () => {
    const clerk = of(ssn, 'clerk')!;
    expect(clerk.via).toBe('direct grant (SELECT on table)');
    expect(clerk.paths?.map((p) => [p.object, p.what, p.on?.name])).toEqual([
      ['table', 'SELECT on table', 'requests'],
      ['view', 'SELECT on view calls.v_report', 'v_report'],
    ]);
    // Revocation takes back the view grant on the view, never on the table.
    expect(mssqlRevokeSql(clerk.paths![1]!)).toBe('REVOKE SELECT ON [calls].[v_report] FROM [clerk]');
    expect(mssqlRevokeSql(of(ssn, 'helpdesk')!.paths![0]!)).toMatch(/^refused:/);
  });

  it('modulesOver: the column named ([bracketed], bare) or `*`; chain or EXECUTE AS', () => {
    const over = (m: MssqlModuleRow[], column = 'caller_ssn') => modulesOver(m, 'calls', { schema: 'calls', table: 'requests', column }).map((x) => x.module_name);
    expect(over([mod('a', 'V', { definition: 'CREATE VIEW a AS SELECT * FROM calls.requests' })], 'status')).toEqual(['a']);
    expect(over([mod('b', 'V', { definition: 'CREATE VIEW b AS SELECT caller_ssn_hash FROM calls.requests' })])).toEqual([]);
    expect(over([mod('c', 'FN', { definition: 'CREATE FUNCTION c() RETURNS int AS BEGIN RETURN (SELECT COUNT(*) FROM calls.requests) END' })], 'status')).toEqual([]);
    expect(over([mod('d', 'IF', { definition: 'CREATE FUNCTION d() RETURNS TABLE AS RETURN SELECT r.[Caller_SSN] FROM calls.requests r' })])).toEqual(['d']);
    expect(over([mod('e', 'V', { column_name: 'status' })])).toEqual([]);
    expect(over([mod('f', 'V', { module_owner: 12, execute_as: null })])).toEqual([]);
    expect(over([mod('g', 'V', { table_name: 'other' })])).toEqual([]);
  });

  it('mergeReaders: PUBLIC first; a reader through PUBLIC in one object and its own grant in another is not viaPublic', () => {
    const a: AccessReader[] = [
      { principal: 'PUBLIC', kind: 'public', via: 'PUBLIC (SELECT on table): every role and user, 1 of them with no grant of their own', paths: [] },
      { principal: 'x', kind: 'user', login: true, via: 'PUBLIC (SELECT on table)', viaPublic: true, paths: [{ chain: ['x', 'PUBLIC'], grantee: ['PUBLIC'], object: 'table', what: 'SELECT on table' }] },
    ];
    const b: AccessReader[] = [{ principal: 'x', kind: 'user', login: true, via: 'direct grant (SELECT on view s.v)', paths: [{ chain: ['x'], grantee: ['x'], object: 'view', what: 'SELECT on view s.v' }] }];
    const m = mergeReaders([a, b]);
    expect(m.map((x) => x.principal)).toEqual(['PUBLIC', 'x']);
    expect(m[0]!.via).toBe('PUBLIC (SELECT on table)');
    expect(m[1]).toMatchObject({ via: 'direct grant (SELECT on view s.v)' });
    expect(m[1]!.viaPublic).toBeUndefined();
    expect(m[1]!.paths!.map((p) => p.what)).toEqual(['SELECT on view s.v', 'SELECT on table']);
  });

  it('reads the dependencies from the catalog views', () => {
    expect(MSSQL_ACCESS_SQL.MODULES_SQL).toContain('sys.sql_expression_dependencies');
    expect(MSSQL_ACCESS_SQL.MODULES_SQL).toContain('execute_as_principal_id');
    expect(MSSQL_ACCESS_SQL.PERMISSIONS_SQL).toContain("'EXECUTE'");
  });
});
