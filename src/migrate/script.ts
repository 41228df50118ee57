/**
 * The SQL file a DBA reviews (and may run by hand): per approved item, a comment naming it and
 * its approval, the dry-run row count, and a loop that runs one stateless batch per transaction
 * until nothing is pending. Only identifiers, patterns and constants appear; the hash salt is a
 * client variable (psql `\getenv`, sqlcmd `$(VAR)`, a MySQL user variable) set at run time.
 */
import { createHash } from 'node:crypto';
import { lastDecision } from '../plan/digest.js';
import { statelessBatch } from './batch-sql.js';
import type { Operation } from './operations.js';
import { compile, type SqlFamily } from './sql-compiler.js';
import { SALT_SETTING } from './mask-sql.js';
import { tableRef } from './operations.js';

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

/** One line, safe inside a `--` comment. */
const comment = (s: string) => `-- ${s.replace(/[\r\n\u2028\u2029]+/g, ' ')}`;

const text = (family: SqlFamily, q: Parameters<typeof compile>[1]): string => {
  const c = compile(family, q);
  if (c.parameters.length > 0) throw new Error('internal: a script statement carries parameters');
  return c.sql;
};

/** Renders the SQL file for one source. */
export function renderScript(input: ScriptInput): string {
  const { family } = input;
  const out: string[] = [
    comment(`minim migrate — source ${input.source} (${family}), plan ${input.planFile}`),
    comment(`Approved items only; each batch of at most ${input.batchSize} rows is its own transaction; re-running changes nothing.`),
  ];
  out.push(...header(family));
  if (input.operations.some((o) => o.kind === 'rows' && o.item.strategy === 'hash')) out.push(...saltSetup(family, input.saltEnv));
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
    out.push(...loop(family, text(family, statelessBatch(family, op, input.batchSize, op.table.primaryKey, input.keep?.get(op.item.id) ?? [])), op, n++));
  }
  out.push('');
  return out.join('\n');
}

function header(family: SqlFamily): string[] {
  if (family === 'postgres') return [comment('Run with: psql -v ON_ERROR_STOP=1 -f FILE (autocommit on: each DO loop commits per batch).')];
  if (family === 'mysql') return [comment('Run with: mysql --binary-mode < FILE (procedures need a client that understands DELIMITER).')];
  return [comment('Run with: sqlcmd -b -i FILE (QUOTED_IDENTIFIER ON; each UPDATE commits on its own).'), 'SET QUOTED_IDENTIFIER ON;'];
}

function saltSetup(family: SqlFamily, env: string): string[] {
  if (family === 'postgres') {
    return [comment(`Hash salt from the environment variable ${env}, never written here.`), `\\getenv minim_hash_salt ${env}`, `SELECT set_config('${SALT_SETTING.postgres}', :'minim_hash_salt', false);`];
  }
  if (family === 'mssql') {
    return [comment(`Hash salt from the environment variable ${env} (a sqlcmd variable), never written here.`), `EXEC sp_set_session_context @key = N'${SALT_SETTING.mssql}', @value = N'$(${env})';`];
  }
  return [comment(`Before running, set the hash salt in this session: SET ${SALT_SETTING.mysql} = '<value of ${env}>';`), comment('Without it the hash items change nothing.')];
}

// NOTE: script variables are named `minim_rows$`: `$` cannot start or end a user's unquoted
// identifier in a way that collides, and every user identifier reaches SQL quoted, so a column
// named `n` (or anything else) is never shadowed by a script variable.

/** A delimiter or dollar-quote tag that does not occur in `body`. */
function freshTag(body: string, candidates: readonly string[]): string {
  for (const c of candidates) if (!body.includes(c)) return c;
  let i = 0;
  while (body.includes(`${candidates[0]}${i}`)) i++;
  return `${candidates[0]}${i}`;
}

function loop(family: SqlFamily, stmt: string, op: Operation & { kind: 'rows' }, index: number): string[] {
  const v = freshTag(stmt, ['minim_rows$', 'minim_rows$1']);
  if (family === 'postgres') {
    const tag = freshTag(stmt, ['$minim$', '$minim_batch$']);
    return [
      `DO ${tag}`,
      `DECLARE ${v} bigint;`,
      'BEGIN',
      '  LOOP',
      `    ${stmt};`,
      `    GET DIAGNOSTICS ${v} = ROW_COUNT;`,
      '    COMMIT;',
      `    EXIT WHEN ${v} = 0;`,
      '  END LOOP;',
      `END ${tag};`,
    ];
  }
  if (family === 'mssql') {
    return ['WHILE 1 = 1', 'BEGIN', `  ${stmt};`, '  IF @@ROWCOUNT = 0 BREAK;', 'END;'];
  }
  // NOTE: the procedure's name carries a digest of the item id, so it cannot be a user's own procedure.
  const tag = createHash('sha256').update(op.item.id).digest('hex').slice(0, 12);
  const proc = text('mysql', tableRef({ schema: op.table.schema, name: `minim_batch_${tag}_${index}` }));
  const delim = freshTag(stmt + proc, ['$$', '//', ';;', '@@@']);
  return [
    `DROP PROCEDURE IF EXISTS ${proc};`,
    `DELIMITER ${delim}`,
    `CREATE PROCEDURE ${proc}()`,
    'BEGIN',
    `  DECLARE ${v} BIGINT DEFAULT 1;`,
    `  WHILE ${v} > 0 DO`,
    '    START TRANSACTION;',
    `    ${stmt};`,
    `    SET ${v} = ROW_COUNT();`,
    '    COMMIT;',
    '  END WHILE;',
    `END${delim}`,
    'DELIMITER ;',
    `CALL ${proc}();`,
    `DROP PROCEDURE ${proc};`,
  ];
}
