/**
 * The SQLSTATE → code mapping for errors the local server cannot produce on demand (it trusts every
 * local connection, so a wrong password is accepted): built as pg's own DatabaseError.
 */
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import type { ErrorCode } from '../../src/errors.js';
import { mapPostgresError, sanitizeServerMessage } from '../../connectors/postgres/postgres-errors.js';

function dbError(code: string, message: string, detail?: string): Error {
  const e = new pg.DatabaseError(message, message.length, 'error');
  e.code = code;
  e.severity = 'ERROR';
  if (detail) e.detail = detail;
  return e;
}

function socketError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 10.0.0.1:5432`), { code });
}

const CASES: Array<[what: string, code: ErrorCode, retryable: boolean, error: Error]> = [
  ['42501', 'PERMISSION_DENIED', false, dbError('42501', 'permission denied for table payroll')],
  ['57014', 'SAMPLE_TIMEOUT', false, dbError('57014', 'canceling statement due to statement timeout')],
  ['55P03', 'LOCK_TIMEOUT', false, dbError('55P03', 'canceling statement due to lock timeout')],
  ['42P01', 'OBJECT_NOT_FOUND', false, dbError('42P01', 'relation "x" does not exist')],
  ['42703', 'OBJECT_NOT_FOUND', false, dbError('42703', 'column "y" does not exist')],
  ['57P01', 'CONNECTION_LOST', true, dbError('57P01', 'terminating connection due to administrator command')],
  ['57P02', 'CONNECTION_LOST', true, dbError('57P02', 'terminating connection due to crash of another server process')],
  ['57P03', 'CONNECTION_LOST', true, dbError('57P03', 'the database system is starting up')],
  ['28P01', 'AUTH_FAILED', false, dbError('28P01', 'password authentication failed for user "clerk"')],
  ['28000', 'AUTH_FAILED', false, dbError('28000', 'no pg_hba.conf entry for host "10.0.0.9"')],
  ['3D000', 'DATABASE_NOT_FOUND', false, dbError('3D000', 'database "payroll" does not exist')],
  ['22P02', 'QUERY_FAILED', false, dbError('22P02', 'invalid input syntax for type integer: "abc"')],
  ['ECONNREFUSED', 'CONNECT_FAILED', false, socketError('ECONNREFUSED')],
  ['ENOTFOUND', 'CONNECT_FAILED', false, socketError('ENOTFOUND')],
  ['ETIMEDOUT', 'CONNECT_FAILED', false, socketError('ETIMEDOUT')],
  ['ECONNRESET', 'CONNECTION_LOST', true, socketError('ECONNRESET')],
  ['Connection terminated', 'CONNECTION_LOST', true, new Error('Connection terminated unexpectedly')],
];

describe('mapPostgresError', () => {
  it.each(CASES)('%s → %s (retryable: %s)', (_what, code, retryable, error) => {
    const mapped = mapPostgresError(error, { source: 'payroll', table: 'hr.staff' });
    expect(mapped.code).toBe(code);
    expect(mapped.retryable).toBe(retryable);
    expect(mapped.message).toMatch(/^source payroll: table hr\.staff: [^\n]+; [^\n]+$/);
  });

  it('names the redacted URL while connecting, never the password', () => {
    const mapped = mapPostgresError(dbError('28P01', 'password authentication failed for user "clerk"'), {
      source: 'payroll',
      redactedUrl: 'postgres://clerk:***@db:5432/payroll',
      phase: 'connect',
    });
    expect(mapped.code).toBe('AUTH_FAILED');
    expect(mapped.message).toBe(
      'source payroll (postgres://clerk:***@db:5432/payroll): authentication failed (SQLSTATE 28P01); check the user name and password in the URL',
    );
  });

  it('keeps the message on one line when a table name holds a newline', () => {
    const mapped = mapPostgresError(dbError('42501', 'permission denied'), { source: 'payroll', table: 'hr.bad\nname' });
    expect(mapped.message).toMatch(/^source payroll: table hr\.bad\\nname: permission denied/);
    expect(mapped.message).not.toContain('\n');
  });

  it('reads a dropped connection while connecting as CONNECT_FAILED', () => {
    const mapped = mapPostgresError(new Error('Connection terminated unexpectedly'), { source: 's', phase: 'connect' });
    expect(mapped.code).toBe('CONNECT_FAILED');
  });

  it('drops the detail, the query and quoted values, in the message and in the cause', () => {
    const e = dbError('23505', 'duplicate key value violates unique constraint "staff_ssn_key"', 'Key (ssn)=(123-45-6789) already exists.');
    Object.assign(e, { where: 'SQL function "f" statement 1', query: "select '123-45-6789'", params: ['123-45-6789'] });
    const mapped = mapPostgresError(e, { source: 'payroll', table: 'hr.staff' });
    expect(mapped.code).toBe('QUERY_FAILED');
    const everything = JSON.stringify({ m: mapped.message, c: mapped.cause, cm: (mapped.cause as Error).message, s: mapped.stack });
    expect(everything).not.toContain('123-45-6789');
    expect(everything).not.toContain('6789');
    expect(Object.keys(mapped.cause as object).sort()).toEqual(['code', 'name']);
  });

  it('elides quoted parts and long digit runs of server messages', () => {
    expect(sanitizeServerMessage('invalid input syntax for type date: "1984-02-30"')).toBe('invalid input syntax for type date: "…"');
    expect(sanitizeServerMessage("value 4111111111111111 is out of range")).toBe('value ################ is out of range');
  });
});
