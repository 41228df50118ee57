/**
 * The SQL file a DBA reviews (and may run by hand): per approved item, a comment naming it and
 * its approval, the dry-run row count, and a loop that runs one stateless batch per transaction
 * until nothing is pending. Only identifiers, patterns and constants appear; the hash salt is a
 * client variable (psql `\getenv`, sqlcmd `$(VAR)`, a MySQL user variable) set at run time.
 */
import { writeSql } from '../../connectors/index.js';
import { sqlComment as comment } from '../../connectors/connector-sql.js';
import { lastDecision } from '../plan/digest.js';
import { statelessBatch } from './batch-sql.js';
import type { Operation } from './operations.js';
import { compile, type SqlFamily } from './sql-compiler.js';

export interface ScriptInput {
  readonly family: SqlFamily;
  readonly source: string;
  readonly planFile: string;
  readonly operations: readonly Operation[];
  readonly batchSize: number;
  /** Dry-run counts by item id, when known. */
  readonly counts: ReadonlyMap<string, number>;
  readonly saltEnv: string;
  /** Per item: columns set to themselves in every UPDATE (ON UPDATE columns), from the preflight. */
  readonly keep?: ReadonlyMap<string, readonly string[]>;
  /** Per item: why the preflight refuses it (the file then carries it as a comment only). */
  readonly refused?: ReadonlyMap<string, readonly string[]>;
}

const text = (family: SqlFamily, q: Parameters<typeof compile>[1]): string => {
  const c = compile(family, q);
  if (c.parameters.length > 0) throw new Error('internal: a script statement carries parameters');
  return c.sql;
};

/** Renders the SQL file for one source. */
export function renderScript(input: ScriptInput): string {
  const { family } = input;
  const engine = writeSql(family).script;
  const out: string[] = [
    comment(`minim migrate — source ${input.source} (${family}), plan ${input.planFile}`),
    comment(`Approved items only; each batch of at most ${input.batchSize} rows is its own transaction; re-running changes nothing.`),
  ];
  out.push(...engine.header());
  if (input.operations.some((o) => o.kind === 'rows' && o.item.strategy === 'hash')) out.push(...engine.saltSetup(input.saltEnv));
  let n = 0;
  for (const op of input.operations) {
    const approval = lastDecision(op.item);
    out.push('', comment(`item ${op.item.id}: ${op.item.action}${op.item.strategy ? ` ${op.item.strategy}` : ''} (${op.item.category})`));
    if (approval) out.push(comment(`${approval.decision} by ${approval.by} at ${approval.at}: ${approval.reason}`));
    if (op.kind === 'none' || op.kind === 'unsupported') {
      out.push(comment(`${op.kind === 'none' ? 'nothing to do' : 'SKIPPED'}: ${op.why}`));
      continue;
    }
    if (op.kind === 'ddl') {
      for (const note of op.notes) out.push(comment(`NOTE: ${note}`));
      for (const s of op.statements) out.push(text(family, s) + ';');
      continue;
    }
    const count = input.counts.get(op.item.id);
    if (count !== undefined) out.push(comment(`would change ${count} row(s)`));
    const refused = input.refused?.get(op.item.id) ?? [];
    if (refused.length > 0) {
      for (const r of refused) out.push(comment(`REFUSED by the preflight: ${r}`));
      continue;
    }
    if (op.redact) {
      // NOTE: SQL cannot state the scan's validation (checksums, issuance rules, context words):
      // the file does not pretend to; --apply finds and changes the validated matches.
      out.push(comment(`free-text redaction of ${op.redact.textCategories.join(', ')} needs the scan's validators (client side): run minim migrate --apply; this file changes nothing here`));
      continue;
    }
    if (op.only) {
      // NOTE: the rows are those whose value validates; SQL cannot say which (see above).
      out.push(comment(`masks only values that validate as ${op.only.categories.join(', ')} (values: validated), which needs the scan's validators (client side): run minim migrate --apply; this file changes nothing here (an item with values: all is masked by this file)`));
      continue;
    }
    const statement = text(family, statelessBatch(family, op, input.batchSize, op.table.primaryKey, input.keep?.get(op.item.id) ?? []));
    out.push(...engine.loop(statement, { item: op.item.id, schema: op.table.schema, index: n++ }));
  }
  out.push('');
  return out.join('\n');
}
