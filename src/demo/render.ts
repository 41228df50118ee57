/**
 * Renders the demo city as SQL statements for PostgreSQL, MySQL/MariaDB or SQL Server: schemas
 * (databases on MySQL), tables with primary keys, batched multi-row INSERTs, then statistics.
 */
import type { DemoCity, DemoTable } from './model.js';
import { type DemoDialect, type DialectSpelling, literal, spellingOf } from './render-dialects.js';

export type { DemoDialect } from './render-dialects.js';
export { DEMO_DIALECTS } from './render-dialects.js';

export interface RenderOptions {
  /** MySQL: each department becomes the database `<prefix><schema>` (tests use a unique prefix). */
  readonly databasePrefix?: string;
  /** SQL Server: the database holding the department schemas (default `minim_demo`); created when missing. */
  readonly database?: string;
  /** Rows per INSERT (default 500; at most 1000, SQL Server's limit for a VALUES list). */
  readonly batchRows?: number;
}

/** The SQL Server database the demo city lives in by default. */
export const DEMO_MSSQL_DATABASE = 'minim_demo';

/** The statements, one per array item, without terminators. */
export function renderDemoSql(city: DemoCity, dialect: DemoDialect, options: RenderOptions = {}): string[] {
  const sp = spellingOf(dialect);
  const batch = options.batchRows ?? 500;
  if (!Number.isInteger(batch) || batch < 1 || batch > 1000) throw new Error(`renderDemoSql: batchRows must be 1..1000, got ${batch}`);
  const container = (schema: string) => sp.container(schema, options.databasePrefix ?? '');
  const ref = (t: DemoTable) => `${sp.quoteIdent(container(t.schema))}.${sp.quoteIdent(t.name)}`;

  const out: string[] = [...sp.prelude(options.database ?? DEMO_MSSQL_DATABASE)];
  for (const d of city.departments) out.push(sp.createContainer(sp.quoteIdent(container(d.schema))));
  for (const t of city.tables) out.push(createTable(sp, t, ref(t)));
  for (const t of city.tables) {
    const cols = t.columns.map((c) => sp.quoteIdent(c.name)).join(', ');
    for (let start = 0; start < t.rows.length; start += batch) {
      const values = t.rows
        .slice(start, start + batch)
        .map((row) => `(${row.map((v, i) => literal(sp, t.columns[i]!, v)).join(', ')})`)
        .join(',\n');
      out.push(`INSERT INTO ${ref(t)} (${cols}) VALUES\n${values}`);
    }
  }
  for (const t of city.tables) {
    out.push(sp.analyze(ref(t)));
  }
  return out;
}

function createTable(sp: DialectSpelling, t: DemoTable, ref: string): string {
  const pk = new Set(t.primaryKey);
  const lines = t.columns.map((c) => {
    if (pk.has(c.name) && c.type === 'text') throw new Error(`demo table ${t.schema}.${t.name}: key column ${c.name} cannot be text`);
    return `  ${sp.quoteIdent(c.name)} ${sp.columnType(c)}${pk.has(c.name) ? ' NOT NULL' : ''}`;
  });
  if (t.primaryKey.length > 0) {
    lines.push(`  ${sp.primaryKeyName(t.schema, t.name)}PRIMARY KEY (${t.primaryKey.map((k) => sp.quoteIdent(k)).join(', ')})`);
  }
  return `CREATE TABLE ${ref} (\n${lines.join(',\n')}\n)${sp.tableOptions}`;
}
