/**
 * PostgreSQL labels: `COMMENT ON COLUMN` keeping the comment's own text and replacing minim's tag,
 * and `SECURITY LABEL FOR anon` when the PostgreSQL Anonymizer extension is installed.
 */
import { sql } from 'kysely';
import { anonMasking } from '../../src/label/sensitivity.js';
import { withTag } from '../../src/label/tag.js';
import type { LabelsDialect, LabelStatement, LabelTarget, SqlSession } from '../types.js';
import { postgresWriteSql } from './postgres-migrate-dialect.js';

const compile = postgresWriteSql.compile;

const COMMENTS_SQL = `SELECT n.nspname AS schema, c.relname AS "table", a.attname AS "column", t.typcategory AS typcat,
  col_description(c.oid, a.attnum) AS comment
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
WHERE a.attnum > 0 AND NOT a.attisdropped AND (n.nspname, c.relname) IN (SELECT * FROM unnest($1::text[], $2::text[]))`;
const ANON_SQL = `SELECT 1 AS ok FROM pg_extension WHERE extname = 'anon'`;

export interface PgColumnState {
  readonly comment: string | null;
  /** pg_type.typcategory: `S` string, `D` date/time, `N` numeric… */
  readonly typcat: string;
}

const key = (s: string, t: string, c: string) => JSON.stringify([s, t, c]);

/** Current comments and type categories of the targets' columns, and whether `anon` is installed. */
export async function readPostgresState(session: SqlSession, targets: readonly LabelTarget[]) {
  const pairs = [...new Map(targets.map((t) => [JSON.stringify([t.schema, t.table]), t])).values()];
  const rows = (await session.query(COMMENTS_SQL, [pairs.map((p) => p.schema), pairs.map((p) => p.table)])).rows as unknown as Array<
    { schema: string; table: string; column: string; typcat: string; comment: string | null }
  >;
  const columns = new Map<string, PgColumnState>(rows.map((r) => [key(r.schema, r.table, r.column), { comment: r.comment, typcat: r.typcat }]));
  const anon = (await session.query(ANON_SQL)).rows.length > 0;
  return { columns, anon };
}

/** The anon masking rule for a column: partial masking keeps the last 4 of text identifiers, else NULL. */
export function anonRule(categories: readonly string[], typcat: string, column: string): string {
  if (anonMasking(categories, typcat === 'S') === 'partial') {
    const id = compile(sql`${sql.id(column)}`).sql;
    return `MASKED WITH FUNCTION anon.partial(${id}, 0, $$****$$, 4)`;
  }
  return 'MASKED WITH VALUE NULL';
}

/** Statements for the targets (pure). Columns already carrying the same tag are skipped. */
export function postgresLabelStatements(
  targets: readonly LabelTarget[],
  state: { columns: Map<string, PgColumnState>; anon: boolean },
): LabelStatement[] {
  const out: LabelStatement[] = [];
  for (const t of targets) {
    const col = state.columns.get(key(t.schema, t.table, t.column));
    if (!col) {
      out.push({ target: t, sql: '', skip: 'column not found' });
      continue;
    }
    const ident = sql.id(t.schema, t.table, t.column);
    const next = withTag(col.comment, t.categories);
    if (next === col.comment) out.push({ target: t, sql: '', skip: 'already labelled' });
    else out.push({ target: t, sql: compile(sql`COMMENT ON COLUMN ${ident} IS ${sql.lit(next)}`).sql + ';' });
    if (state.anon) {
      const rule = anonRule(t.categories, col.typcat, t.column);
      out.push({ target: t, sql: compile(sql`SECURITY LABEL FOR anon ON COLUMN ${ident} IS ${sql.lit(rule)}`).sql + ';' });
    }
  }
  return out;
}

/** PostgreSQL (and PGlite) labels: comments (and anon security labels), all in one transaction. */
export const postgresLabels: LabelsDialect = {
  plan: async (session, targets) => postgresLabelStatements(targets, await readPostgresState(session, targets)),
  apply: async (connector, statements) => {
    const todo = statements.filter((s) => !s.skip && s.sql);
    await connector.transaction(async (session) => {
      for (const s of todo) await session.query(s.sql);
    });
    return todo.length;
  },
};
