import { describe, expect, it } from 'vitest';
import { MSSQL_ACCESS_SQL, mssqlReadersFromRows, type MssqlAccessRows } from '../../connectors/mssql/mssql-grants.js';
import { refKey, type ColumnRef } from '../../src/access/types.js';

// principal ids as SQL Server assigns them: public 0, dbo 1, fixed roles 16384+.
const rows: MssqlAccessRows = {
  principals: [
    { id: 0, name: 'public', type: 'R', bypass: 0 },
    { id: 1, name: 'dbo', type: 'S', bypass: 1 },
    { id: 16384, name: 'db_owner', type: 'R', bypass: 0 },
    { id: 16390, name: 'db_datareader', type: 'R', bypass: 0 },
    { id: 16392, name: 'db_denydatareader', type: 'R', bypass: 0 },
    { id: 5, name: 'clerk311', type: 'S', bypass: 0 },
    { id: 6, name: 'staff311', type: 'R', bypass: 0 },
    { id: 7, name: 'auditor', type: 'S', bypass: 0 },
    { id: 8, name: 'reporting', type: 'S', bypass: 0 },
    { id: 9, name: 'blocked', type: 'S', bypass: 0 },
    { id: 10, name: 'admin', type: 'U', bypass: 1 },
    { id: 11, name: 'owner_user', type: 'S', bypass: 0 },
    { id: 12, name: 'colonly', type: 'S', bypass: 0 },
  ],
  members: [
    { member: 5, role: 6 },
    { member: 8, role: 16390 },
    { member: 9, role: 16390 },
    { member: 9, role: 16392 },
  ],
  permissions: [
    { class: 3, state: 'G', permission: 'SELECT', grantee: 6, schema_name: 'payroll', table_name: null, column_name: null },
    { class: 1, state: 'G', permission: 'SELECT', grantee: 7, schema_name: 'payroll', table_name: 'employees', column_name: 'ssn' },
    { class: 1, state: 'D', permission: 'SELECT', grantee: 12, schema_name: 'payroll', table_name: 'employees', column_name: null },
    { class: 1, state: 'G', permission: 'SELECT', grantee: 12, schema_name: 'payroll', table_name: 'employees', column_name: 'ssn' },
    { class: 1, state: 'G', permission: 'SELECT', grantee: 0, schema_name: 'calls', table_name: 'requests', column_name: null },
  ],
  owners: [
    { schema_name: 'payroll', table_name: 'employees', owner: 1, schema_owner: 1 },
    { schema_name: 'calls', table_name: 'requests', owner: 11, schema_owner: 1 },
  ],
};
const ssn: ColumnRef = { schema: 'payroll', table: 'employees', column: 'ssn' };
const dob: ColumnRef = { schema: 'payroll', table: 'employees', column: 'dob' };
const notes: ColumnRef = { schema: 'city.calls', table: 'requests', column: 'notes' };

describe('SQL Server access evaluation', () => {
  const r = mssqlReadersFromRows(rows, [ssn, dob, notes]);
  const names = (c: ColumnRef) => r.get(refKey(c))!.map((x) => x.principal).sort();

  it('resolves schema grants through roles, column grants, fixed roles, DENY and bypass', () => {
    expect(names(ssn)).toEqual(['admin', 'auditor', 'clerk311', 'colonly', 'db_datareader', 'db_owner', 'dbo', 'reporting', 'staff311']);
    // colonly: table DENY, but a column GRANT wins over a table-level DENY; not for dob.
    expect(names(dob)).toEqual(['admin', 'clerk311', 'db_datareader', 'db_owner', 'dbo', 'reporting', 'staff311']);
    // blocked is in db_datareader and db_denydatareader: DENY wins.
    expect(names(ssn)).not.toContain('blocked');
  });

  it('explains each path', () => {
    const of = (c: ColumnRef, n: string) => r.get(refKey(c))!.find((x) => x.principal === n);
    expect(of(ssn, 'clerk311')?.via).toBe('role membership: clerk311 → staff311 (SELECT on schema payroll)');
    expect(of(ssn, 'reporting')?.via).toBe('role membership: reporting → db_datareader (SELECT on all tables)');
    expect(of(ssn, 'auditor')?.via).toBe('direct grant (SELECT on column)');
    expect(of(ssn, 'admin')).toMatchObject({ superuser: true });
    expect(of(notes, 'PUBLIC')).toMatchObject({ kind: 'public', via: expect.stringMatching(/^PUBLIC \(SELECT on table\): every role and user, 4 of them/) });
    expect(of(notes, 'owner_user')?.via).toBe('owner of table');
  });

  it('reads everything it needs from sys catalog views only', () => {
    for (const sql of Object.values(MSSQL_ACCESS_SQL)) expect(sql).toMatch(/\bsys\./);
    expect(MSSQL_ACCESS_SQL.PERMISSIONS_SQL).toContain("dp.state IN ('G', 'W', 'D')");
    expect(MSSQL_ACCESS_SQL.PRINCIPALS_SQL).toContain("'sysadmin'");
  });
});
