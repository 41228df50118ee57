/**
 * After --apply: nothing is still pending, no value in a masked column validates as the
 * sensitive kind it held (shape matches counted in the database, then checked in memory with
 * src/validators; values are never printed), and rows changed match the dry-run counts.
 */
import { sql } from 'kysely';
import type { Connector } from '../../connectors/types.js';
import { VALIDATORS } from '../validators/index.js';
import { countPending } from './batch-sql.js';
import { tableRef, type RowOperation } from './operations.js';
import { compile, type SqlFamily } from './sql-compiler.js';

/** Category → validator id and a shape regex (database side, POSIX subset) that finds candidates. */
const CHECKS: Record<string, { validator: string; regex: string; js: RegExp }> = {
  ssn: { validator: 'ssn', regex: '[0-9]{3}[- ]?[0-9]{2}[- ]?[0-9]{4}', js: /(?<!\d)\d{3}[- ]?\d{2}[- ]?\d{4}(?!\d)/g },
  credit_card: { validator: 'card', regex: '[0-9]([ -]?[0-9]){12,18}', js: /(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)/g },
  bank_routing: { validator: 'aba', regex: '[0-9]{9}', js: /(?<!\d)\d{9}(?!\d)/g },
  email: { validator: 'email', regex: '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+[.][A-Za-z]{2,}', js: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g },
};
/** Candidate values read back per column at most (matches only, in memory, never printed). */
const READ_BACK_LIMIT = 5000;

export interface VerifyResult {
  readonly item: string;
  readonly pendingAfter: number;
  /** Values still validating as the column's category (0 when none or no validator applies). */
  readonly validatedRemaining: number;
  readonly checkedWith: string[];
  readonly problems: string[];
}

/** Verifies one applied row operation. `expected`: the dry-run count; `changed`: what apply reported. */
export async function verifyRows(connector: Connector, family: SqlFamily, op: RowOperation, expected: number, changed: number): Promise<VerifyResult> {
  const problems: string[] = [];
  const pq = compile(family, countPending(op));
  const pendingAfter = Number((await connector.query(pq.sql, pq.parameters)).rows[0]?.['n'] ?? 0);
  if (pendingAfter > 0) problems.push(`${pendingAfter} row(s) still pending`);
  // NOTE: SQL Server redaction replaces one occurrence per pass, so it reports passes, not rows.
  const passes = family === 'mssql' && op.item.strategy === 'redact';
  if (!passes && changed !== expected) problems.push(`changed ${changed} row(s) but the dry run counted ${expected}`);
  let validatedRemaining = 0;
  const checkedWith: string[] = [];
  // Hashes are excluded: 64 hex digits often hold a 9-digit run that is no SSN.
  if (op.verb === 'update' && (op.item.strategy === 'last4' || op.item.strategy === 'redact') && family !== 'mssql') {
    for (const category of op.item.redact ?? [op.item.category]) {
      const check = CHECKS[category];
      const validate = check ? VALIDATORS[check.validator] : undefined;
      if (!check || !validate) continue;
      checkedWith.push(check.validator);
      const c = sql.id(op.item.column);
      const match = family === 'postgres' ? sql`${c}::text ~ ${check.regex}` : sql`${c} REGEXP ${check.regex}`;
      const q = compile(family, sql`SELECT ${c} AS ${sql.id('v')} FROM ${tableRef(op.table)} WHERE ${match} LIMIT ${sql.lit(READ_BACK_LIMIT)}`);
      for (const row of (await connector.query(q.sql, q.parameters)).rows) {
        const v = row['v'];
        if (typeof v !== 'string') continue;
        for (const m of v.matchAll(check.js)) if (validate(m[0]) >= 0.5) validatedRemaining++;
      }
    }
    if (validatedRemaining > 0) problems.push(`${validatedRemaining} value(s) still validate as ${checkedWith.join('/')}`);
  }
  return { item: op.item.id, pendingAfter, validatedRemaining, checkedWith, problems };
}
