/** Every connector's errors stay one line, even for hostile names, and never carry the server's text. */
import { describe, expect, it } from 'vitest';
import { mappedError, placeOf } from '../../connectors/connector-errors.js';
import { mapMysqlError } from '../../connectors/mysql/mysql-errors.js';
import { mapMssqlError } from '../../connectors/mssql/mssql-errors.js';
import { mapPostgresError } from '../../connectors/postgres/postgres-errors.js';

const HOSTILE = 'hr.bad\nname\r\t';

describe('connector errors', () => {
  it('name the source and table on one line, control characters escaped', () => {
    expect(placeOf({ source: 's', table: HOSTILE })).toBe('source s, table hr.bad\\nname\\r\\t');
    expect(placeOf({ source: 's', url: 'postgres://u:***@h/d' })).toBe('source s (postgres://u:***@h/d)');
    const e = mappedError({ code: 'PERMISSION_DENIED', what: 'denied', todo: 'grant it' }, { source: 's', table: HOSTILE }, new Error('x'));
    expect(e.message.split('\n')).toHaveLength(1);
    expect(e).toMatchObject({ code: 'PERMISSION_DENIED', subject: HOSTILE, retryable: false });
  });
  it('stay one line on every engine for a table with a newline in its name', () => {
    const mysql = mapMysqlError(Object.assign(new Error("SELECT command denied to user for table 'x'"), { code: 'ER_TABLEACCESS_DENIED_ERROR', errno: 1142 }), { source: 's', table: HOSTILE });
    const mssql = mapMssqlError(Object.assign(new Error('The SELECT permission was denied'), { number: 229 }), { source: 's', table: HOSTILE });
    const pg = mapPostgresError(Object.assign(new Error('permission denied for table x'), { code: '42501' }), { source: 's', table: HOSTILE });
    for (const e of [mysql, mssql, pg]) {
      expect(e.code).toBe('PERMISSION_DENIED');
      expect(e.message.split('\n')).toHaveLength(1);
      expect(e.message).toContain('hr.bad\\nname');
    }
  });
});
