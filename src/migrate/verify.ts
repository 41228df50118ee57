/**
 * After --apply, per item: nothing is still pending (SQL-side changes), no value in the targeted
 * column still validates as the item's categories (the whole table streamed through the scan's
 * own detectors, key-ordered batches; values never printed), no batch changed another column of
 * the rows it touched (checksums taken during apply), and no trigger or rule fired (the preflight
 * refused them; with `triggers: accept` the verdict says they fired).
 */
import { sql } from 'kysely';
import type { Connector } from '../../connectors/types.js';
import type { RowResult } from './apply.js';
import { countPending } from './batch-sql.js';
import { detectorFor } from './detect.js';
import type { RowOperation } from './operations.js';
import type { Preflight } from './preflight.js';
import { streamRows, textOf } from './read.js';
import { compile, type SqlFamily } from './sql-compiler.js';

export interface VerifyResult {
  readonly item: string;
  readonly pendingAfter: number;
  /** Rows whose targeted value still validates as one of the item's categories. */
  readonly validatedRemaining: number;
  /** Categories checked with the scan's validators. */
  readonly checkedWith: string[];
  readonly problems: string[];
  /** Not problems, but part of the verdict (accepted triggers). */
  readonly notes: string[];
}

/**
 * Strategies whose output the detectors can read back meaningfully (a hash is hex; null is empty).
 * An item masking validated values only is always read back: it did its job when none is left.
 */
const READ_BACK = new Set(['last4', 'redact', 'year']);

/** Verifies one applied row operation. */
export async function verifyRows(connector: Connector, family: SqlFamily, op: RowOperation, pf: Preflight, result: RowResult, batchSize: number): Promise<VerifyResult> {
  const problems: string[] = [];
  const notes: string[] = [];
  let pendingAfter = 0;
  // values: validated leaves pending the rows whose value does not validate: what must be gone
  // is every validated value, which the detectors check below.
  if (op.pending && !op.only) {
    const pq = compile(family, countPending(op));
    pendingAfter = Number((await connector.query(pq.sql, pq.parameters)).rows[0]?.['minim_n'] ?? 0);
    if (pendingAfter > 0) problems.push(`${pendingAfter} row(s) still pending`);
  }
  let validatedRemaining = 0;
  let checkedWith: string[] = [];
  const textColumn = op.table.columns.find((c) => c.name === op.item.column)?.typeClass === 'text';
  if (op.only || (op.verb === 'update' && textColumn && READ_BACK.has(op.item.strategy ?? ''))) {
    const detector = op.redact ?? op.only ?? detectorFor(op.item.redact ?? [op.item.category]);
    checkedWith = [...detector.categories];
    if (checkedWith.length > 0) {
      // A masked value is never pending (a hash's hex could hold nine digits in a row): an item
      // masking validated values reads back the rows it could still change.
      const where = op.only ? op.pending! : sql`${sql.id(op.item.column)} IS NOT NULL`;
      for await (const rows of streamRows(connector, family, op.table, pf.key, [op.item.column], { batchSize, where })) {
        for (const r of rows) {
          const v = textOf(r.values[0]);
          if (v !== null && detector.holds(v)) validatedRemaining++;
        }
      }
      if (validatedRemaining > 0) problems.push(`${validatedRemaining} row(s) still hold a value that validates as ${checkedWith.join('/')}`);
    }
  }
  if (result.checksumMismatches > 0) {
    // With `triggers: accept` the steward agreed that the named triggers may change other columns.
    if (pf.firing.length > 0) notes.push(`${result.checksumMismatches} batch(es) saw other columns changed by the accepted triggers`);
    else problems.push(`${result.checksumMismatches} batch(es) changed columns the item does not name`);
  }
  if (result.skipped > 0) notes.push(`${result.skipped} row(s) changed under the run were left for the next one`);
  if (pf.firing.length > 0) notes.push(`${pf.firing.join(', ')} fired (accepted)`);
  return { item: op.item.id, pendingAfter, validatedRemaining, checkedWith, problems, notes };
}
