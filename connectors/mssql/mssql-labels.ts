/** SQL Server labels: `ADD SENSITIVITY CLASSIFICATION` with label, information type and rank. */
import { sql } from 'kysely';
import { sensitivityFor } from '../../src/label/sensitivity.js';
import type { LabelsDialect, LabelStatement, LabelTarget } from '../types.js';
import { mssqlWriteSql } from './mssql-migrate-dialect.js';

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
    return { target: t, sql: mssqlWriteSql.compile(q).sql + ';' };
  });
}

/** SQL Server labels: sensitivity classifications, all in one transaction. */
export const mssqlLabels: LabelsDialect = {
  plan: async (_session, targets) => mssqlLabelStatements(targets),
  apply: async (connector, statements) => {
    const todo = statements.filter((s) => !s.skip && s.sql);
    await connector.transaction(async (session) => {
      for (const s of todo) await session.query(s.sql);
    });
    return todo.length;
  },
};
