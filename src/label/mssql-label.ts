/** SQL Server labels: `ADD SENSITIVITY CLASSIFICATION` with label, information type and rank. */
import { sql } from 'kysely';
import { compile } from '../migrate/sql-compiler.js';
import { sensitivityFor } from './sensitivity.js';
import type { LabelStatement, LabelTarget } from './types.js';

/**
 * One statement per column (pure). NOTE: re-adding a classification replaces the column's
 * existing one, so re-running is idempotent. A `db.schema` schema keeps only the schema part.
 */
export function mssqlLabelStatements(targets: readonly LabelTarget[]): LabelStatement[] {
  return targets.map((t) => {
    const schema = t.schema.includes('.') ? t.schema.slice(t.schema.indexOf('.') + 1) : t.schema;
    const s = sensitivityFor(t.categories);
    const q = sql`ADD SENSITIVITY CLASSIFICATION TO ${sql.id(schema, t.table, t.column)} WITH (LABEL = ${sql.lit(s.label)}, INFORMATION_TYPE = ${sql.lit(
      s.informationType,
    )}, RANK = ${sql.raw(s.rank)})`;
    return { target: t, sql: compile('mssql', q).sql + ';' };
  });
}
