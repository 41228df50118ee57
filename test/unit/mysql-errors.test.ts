/** mysql2-shaped errors onto MinimError codes: one line, source named, no server text, no password. */
import { describe, expect, it } from 'vitest';
import { isFatalMysqlError, mapMysqlError } from '../../connectors/mysql/mysql-errors.js';
import { mysqlTarget } from '../../connectors/mysql/mysql-url.js';
import { MinimError } from '../../src/errors.js';

const ctx = { source: 'city311', table: 'db.t' };
const err = (fields: Record<string, unknown>) => Object.assign(new Error("Duplicate entry 'ann@example.org' for key"), fields);

describe('mapMysqlError', () => {
  const cases: Array<[Record<string, unknown>, string, boolean]> = [
    [{ code: 'ER_ACCESS_DENIED_ERROR', errno: 1045 }, 'AUTH_FAILED', false],
    [{ code: 'ER_BAD_DB_ERROR', errno: 1049 }, 'DATABASE_NOT_FOUND', false],
    [{ code: 'ER_TABLEACCESS_DENIED_ERROR', errno: 1142 }, 'PERMISSION_DENIED', false],
    [{ code: 'ER_COLUMNACCESS_DENIED_ERROR', errno: 1143 }, 'PERMISSION_DENIED', false],
    [{ code: 'ER_DBACCESS_DENIED_ERROR', errno: 1044 }, 'PERMISSION_DENIED', false],
    [{ code: 'ER_NO_SUCH_TABLE', errno: 1146 }, 'OBJECT_NOT_FOUND', false],
    [{ code: 'ER_BAD_FIELD_ERROR', errno: 1054 }, 'OBJECT_NOT_FOUND', false],
    [{ errno: 3024 }, 'SAMPLE_TIMEOUT', false],
    [{ errno: 1969 }, 'SAMPLE_TIMEOUT', false],
    [{ errno: 1205 }, 'LOCK_TIMEOUT', false],
    [{ code: 'PROTOCOL_CONNECTION_LOST', fatal: true }, 'CONNECTION_LOST', true],
    [{ code: 'ECONNRESET' }, 'CONNECTION_LOST', true],
    [{ errno: 1927 }, 'CONNECTION_LOST', true],
    [{ errno: 2013 }, 'CONNECTION_LOST', true],
    [{ code: 'ECONNREFUSED' }, 'CONNECT_FAILED', false],
    [{ code: 'ENOTFOUND' }, 'CONNECT_FAILED', false],
    [{ code: 'ETIMEDOUT' }, 'CONNECT_FAILED', false],
    [{ code: 'ER_DUP_ENTRY', errno: 1062 }, 'QUERY_FAILED', false],
    [{ code: 'SOMETHING', fatal: true }, 'CONNECTION_LOST', true],
  ];
  it.each(cases)('%o → %s', (fields, code, retryable) => {
    const e = mapMysqlError(err(fields), ctx);
    expect(e).toBeInstanceOf(MinimError);
    expect(e.code).toBe(code);
    expect(e.retryable).toBe(retryable);
    expect(e.message).toMatch(/^source city311, table db\.t: /);
    expect(e.message).not.toContain('ann@example.org');
    expect(e.message).not.toContain('\n');
    expect(e.cause).toBeDefined();
  });

  it('names the redacted URL at connect time and keeps MinimErrors as they are', () => {
    const e = mapMysqlError(err({ code: 'ECONNREFUSED' }), { source: 's', url: 'mysql://u:***@h:1/' });
    expect(e.message).toBe('source s (mysql://u:***@h:1/): connection refused; check the host and port, and that the server is running');
    const m = new MinimError('USAGE', 'x');
    expect(mapMysqlError(m, ctx)).toBe(m);
    expect(isFatalMysqlError(err({ errno: 1927 }))).toBe(true);
    expect(isFatalMysqlError(err({ errno: 1146 }))).toBe(false);
  });
});

describe('mysqlTarget', () => {
  const opts = { name: 's', concurrency: 3, connectTimeoutMs: 1000, statementTimeoutMs: 1, lockTimeoutMs: 1 };
  it('parses users, passwords and databases with escapes; no database means every database', () => {
    const t = mysqlTarget('mariadb://us%40er:p%40ss%3Aw@db.example:3307/my%20db?ssl=true', opts);
    expect(t.config).toMatchObject({ host: 'db.example', port: 3307, user: 'us@er', password: 'p@ss:w', database: 'my db', connectionLimit: 3, dateStrings: true, charset: 'utf8mb4', ssl: {} });
    expect(t.redacted).not.toContain('p%40ss');
    expect(mysqlTarget('mysql://root@127.0.0.1/', opts)).toMatchObject({ database: null, config: { port: 3306 } });
  });
  it('rejects malformed URLs with URL_INVALID and no password', () => {
    for (const url of ['mysql://u:hunter22@/db', 'mysql://u:hunter22@h/a/b', 'mysql://u:hunter22@h/%zz']) {
      try {
        mysqlTarget(url, opts);
        expect.unreachable();
      } catch (e) {
        expect((e as MinimError).code).toBe('URL_INVALID');
        expect((e as MinimError).message).not.toContain('hunter22');
      }
    }
  });
});
