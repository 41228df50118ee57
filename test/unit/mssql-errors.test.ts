/** mssql-shaped errors onto MinimError codes, the URL parser, and the sample plan (fake batch source). */
import { describe, expect, it } from 'vitest';
import { ownRowCount } from '../../connectors/mssql/mssql-connector.js';
import { mapMssqlError } from '../../connectors/mssql/mssql-errors.js';
import { takeMssqlSample } from '../../connectors/mssql/mssql-sample.js';
import { mssqlTarget } from '../../connectors/mssql/mssql-url.js';
import type { CatalogTable } from '../../connectors/types.js';
import { MinimError } from '../../src/errors.js';

/** Shaped like mssql's RequestError / ConnectionError: `.code`, `.number`, `.originalError.info.number`. */
function mssqlError(fields: { code?: string; number?: number; infoNumber?: number }): Error {
  const e = new Error("Conversion failed when converting the nvarchar value '123-45-6789' to data type int.");
  return Object.assign(e, {
    name: fields.code === 'ELOGIN' || fields.code === 'ESOCKET' ? 'ConnectionError' : 'RequestError',
    code: fields.code ?? 'EREQUEST',
    ...(fields.number === undefined ? {} : { number: fields.number }),
    ...(fields.infoNumber === undefined ? {} : { originalError: { info: { number: fields.infoNumber } } }),
  });
}

describe('mapMssqlError', () => {
  const ctx = { source: 'payroll', table: 'hr.people' };
  const cases: Array<[Parameters<typeof mssqlError>[0], string, boolean]> = [
    [{ number: 18456 }, 'AUTH_FAILED', false],
    [{ code: 'ELOGIN' }, 'AUTH_FAILED', false],
    [{ number: 4060 }, 'DATABASE_NOT_FOUND', false],
    [{ number: 229 }, 'PERMISSION_DENIED', false],
    [{ number: 230 }, 'PERMISSION_DENIED', false],
    [{ number: 262 }, 'PERMISSION_DENIED', false],
    [{ number: 208 }, 'OBJECT_NOT_FOUND', false],
    [{ infoNumber: 207 }, 'OBJECT_NOT_FOUND', false],
    [{ number: 1222 }, 'LOCK_TIMEOUT', false],
    [{ code: 'ETIMEOUT' }, 'SAMPLE_TIMEOUT', false],
    [{ code: 'ESOCKET' }, 'CONNECTION_LOST', true],
    [{ code: 'ECONNCLOSED' }, 'CONNECTION_LOST', true],
    [{ code: 'ECLOSE' }, 'CONNECTION_LOST', true],
    [{ number: 596 }, 'CONNECTION_LOST', true],
    [{ number: 245 }, 'QUERY_FAILED', false],
  ];
  it.each(cases)('%o → %s', (fields, code, retryable) => {
    const e = mapMssqlError(mssqlError(fields), ctx);
    expect(e).toBeInstanceOf(MinimError);
    expect(e.code).toBe(code);
    expect(e.retryable).toBe(retryable);
    expect(e.message).toMatch(/^source payroll, table hr\.people: /);
    expect(e.message).not.toContain('123-45-6789');
    expect(e.message).not.toContain('\n');
  });

  it('at connect: socket errors are CONNECT_FAILED, and a 4060 seen during login wins over ELOGIN', () => {
    const at = { source: 'payroll', url: 'mssql://sa:***@h:1433/x', phase: 'connect' as const };
    expect(mapMssqlError(mssqlError({ code: 'ESOCKET' }), at).code).toBe('CONNECT_FAILED');
    expect(mapMssqlError(mssqlError({ code: 'ETIMEOUT' }), at).code).toBe('CONNECT_FAILED');
    expect(mapMssqlError(mssqlError({ code: 'ELOGIN' }), at).code).toBe('AUTH_FAILED');
    const e = mapMssqlError(mssqlError({ code: 'ELOGIN' }), { ...at, loginNumbers: [4060, 18456] });
    expect(e.code).toBe('DATABASE_NOT_FOUND');
    expect(e.message).toContain('(mssql://sa:***@h:1433/x)');
  });
});

describe('mssqlTarget', () => {
  const opts = { name: 'payroll', concurrency: 3, connectTimeoutMs: 1000, statementTimeoutMs: 5000, lockTimeoutMs: 1 };
  it('parses the URL into a read-only-intent pool config', () => {
    const t = mssqlTarget('sqlserver://sa:p%40ss@db.city:14330/Pay%20roll?encrypt=false&TrustServerCertificate=true', opts);
    expect(t.database).toBe('Pay roll');
    expect(t.config).toMatchObject({
      server: 'db.city', port: 14330, user: 'sa', password: 'p@ss', database: 'Pay roll', connectionTimeout: 1000, requestTimeout: 5000,
      pool: { max: 3 }, options: { encrypt: false, trustServerCertificate: true, readOnlyIntent: true },
    });
    expect(t.redacted).not.toContain('p%40ss');
    expect(mssqlTarget('mssql://sa:x@h/', opts)).toMatchObject({ database: null, config: { port: 1433, options: { encrypt: true } } });
  });
  it('rejects bad flags and paths with URL_INVALID, no password', () => {
    for (const url of ['mssql://sa:hunter22@h/db?encrypt=maybe', 'mssql://sa:hunter22@h/a/b', 'mssql://sa:hunter22@/db']) {
      expect(() => mssqlTarget(url, opts)).toThrow(expect.objectContaining({ code: 'URL_INVALID' }));
      try {
        mssqlTarget(url, opts);
      } catch (e) {
        expect((e as Error).message).not.toContain('hunter22');
      }
    }
  });
});

describe('takeMssqlSample', () => {
  const table = (over: Partial<CatalogTable>): CatalogTable => ({
    schema: 'dbo', name: 't', kind: 'table', rowEstimate: 10_000_000, primaryKey: [], comment: null,
    columns: [{ name: 'a', position: 1, dataType: 'int', typeClass: 'integer', nullable: true, maxLength: null, comment: null }],
    ...over,
  });
  const opts = { rows: 1000, columns: table({}).columns, maxValueLength: 10, statementTimeoutMs: 1, lockTimeoutMs: 500 };
  const fake = (answers: number[]) => {
    const batches: string[] = [];
    return { batches, rows: async (b: string) => (batches.push(b), Array.from({ length: answers.shift() ?? 0 }, (_, i) => [i])) };
  };
  const loc = { database: 'd', schema: 'dbo' };

  it('big table: one TABLESAMPLE statement after SET LOCK_TIMEOUT', async () => {
    const db = fake([1000]);
    const s = await takeMssqlSample(db, loc, table({}), opts);
    expect(db.batches).toHaveLength(1);
    expect(db.batches[0]).toMatch(/^SET LOCK_TIMEOUT 500; SELECT TOP \(1000\) .* TABLESAMPLE SYSTEM \(0\.1 PERCENT\)\) AS s ORDER BY NEWID\(\)$/);
    expect(s).toMatchObject({ rows: 1000, queries: 1, method: 'tablesample-system(0.1%)' });
  });
  it('TABLESAMPLE came back short: a second, bounded statement', async () => {
    const db = fake([3, 1000]);
    const s = await takeMssqlSample(db, loc, table({}), opts);
    expect(db.batches[1]).toContain('SELECT TOP (5000)');
    expect(s).toMatchObject({ queries: 2, method: 'tablesample+random-of-first(5000)' });
  });
  it('views and small tables: one bounded statement, never TABLESAMPLE', async () => {
    for (const t of [table({ kind: 'view', rowEstimate: null }), table({ rowEstimate: 20 })]) {
      const db = fake([20]);
      const s = await takeMssqlSample(db, loc, t, opts);
      expect(db.batches[0]).not.toContain('TABLESAMPLE');
      expect(s).toMatchObject({ rows: 20, queries: 1, method: 'full' });
    }
  });
});

describe('ownRowCount', () => {
  it("is the statement's own count: a trigger's statements, counted before it completes, are not rows it changed", () => {
    // An UPDATE of 280 rows whose audit trigger inserted 280 rows: the driver lists [280, 280].
    expect(ownRowCount([280, 280])).toBe(280);
    // A trigger that ran two statements (an insert of 3, an update of 0) before the UPDATE of 3 completed.
    expect(ownRowCount([3, 0, 3])).toBe(3);
    expect(ownRowCount([7])).toBe(7);
    expect(ownRowCount([])).toBe(0);
    expect(ownRowCount(undefined)).toBe(0);
  });
});
