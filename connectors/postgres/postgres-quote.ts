/** Quoting by construction for PostgreSQL (and PGlite): identifiers, literals and numbers. */
import { MinimError } from '../../src/errors.js';

/** `"name"` with every `"` doubled: safe for any identifier (quotes, spaces, `;--`, unicode, reserved words). */
export function quoteIdent(name: string): string {
  if (name.includes('\0')) throw new MinimError('USAGE', 'an identifier contains a NUL character; PostgreSQL names cannot');
  return `"${name.replace(/"/g, '""')}"`;
}

/** `"schema"."table"`. */
export function quoteQualified(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/**
 * A string literal that reads the same whatever `standard_conforming_strings` says: `E'…'` with
 * `\` and `'` doubled (PostgreSQL's own `quote_literal` does the same).
 */
export function quoteLiteral(value: string): string {
  if (value.includes('\0')) throw new MinimError('USAGE', 'a SQL string contains a NUL character; PostgreSQL text cannot');
  return `E'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** A non-negative integer written into SQL (LIMIT, lengths, milliseconds); anything else is a bug. */
export function sqlInt(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new MinimError('INTERNAL', `expected a non-negative integer, got ${n}`);
  return String(n);
}
