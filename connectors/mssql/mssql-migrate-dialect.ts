/**
 * The SQL Server write path's catalog facts (migrate preflight) and SQL spellings. Parameters are
 * positional (`@1`, `@2`, kysely's MssqlDialect placeholders). No row locator: a heap without a
 * unique NOT NULL key is refused by the preflight.
 */
import { MssqlAdapter, sql, type RawBuilder } from 'kysely';
import { kyselyCompiler, sqlComment as comment } from '../connector-sql.js';
import type { QueryResult, TableFacts, WriteDialect, WriteSql } from '../types.js';
import { MssqlBracketQueryCompiler } from './mssql-quote.js';

type Query = (sql: string, params?: readonly unknown[]) => Promise<QueryResult>;

/** One statement, JSON per fact; @1 schema, @2 table. NOTE: SQL Server triggers are per statement; any UPDATE/DELETE trigger counts. */
export const MSSQL_FACTS_SQL = `
DECLARE @id int = OBJECT_ID(QUOTENAME(@1) + N'.' + QUOTENAME(@2));
SELECT
  (SELECT type FROM sys.objects WHERE object_id = @id) AS kind,
  (SELECT name AS c FROM sys.columns WHERE object_id = @id AND is_computed = 1 FOR JSON PATH) AS generated,
  (SELECT i.name AS name, i.is_primary_key AS pk, i.has_filter AS filtered,
      (SELECT c.name AS c, c.is_nullable AS n FROM sys.index_columns ic JOIN sys.columns c ON c.object_id = ic.object_id AND c.column_id = ic.column_id
        WHERE ic.object_id = i.object_id AND ic.index_id = i.index_id AND ic.is_included_column = 0 ORDER BY ic.key_ordinal FOR JSON PATH) AS cols
    FROM sys.indexes i WHERE i.object_id = @id AND i.is_unique = 1 ORDER BY i.is_primary_key DESC, i.name FOR JSON PATH) AS uniques,
  (SELECT t.name AS name, e.type_desc AS e FROM sys.triggers t JOIN sys.trigger_events e ON e.object_id = t.object_id
    WHERE t.parent_id = @id AND t.is_disabled = 0 AND e.type_desc IN ('UPDATE', 'DELETE') FOR JSON PATH) AS triggers,
  (SELECT f.name AS name, OBJECT_SCHEMA_NAME(f.parent_object_id) + N'.' + OBJECT_NAME(f.parent_object_id) AS tbl, c.name AS c
    FROM sys.foreign_keys f JOIN sys.foreign_key_columns fc ON fc.constraint_object_id = f.object_id
    JOIN sys.columns c ON c.object_id = fc.referenced_object_id AND c.column_id = fc.referenced_column_id
    WHERE f.referenced_object_id = @id FOR JSON PATH) AS referenced_by,
  (SELECT f.name AS name, OBJECT_SCHEMA_NAME(f.referenced_object_id) + N'.' + OBJECT_NAME(f.referenced_object_id) AS tbl, c.name AS c
    FROM sys.foreign_keys f JOIN sys.foreign_key_columns fc ON fc.constraint_object_id = f.object_id
    JOIN sys.columns c ON c.object_id = fc.parent_object_id AND c.column_id = fc.parent_column_id
    WHERE f.parent_object_id = @id FOR JSON PATH) AS [references]`;

/**
 * A FOR JSON list: SQL Server returns the outer one as text and embeds nested ones (an index's
 * columns) as arrays; a server that returns the nested ones as text too (Babelfish) is read alike.
 * Anything else is no list.
 */
const json = <T>(v: unknown): T[] => {
  const list: unknown = typeof v === 'string' && v ? JSON.parse(v) : v;
  return Array.isArray(list) ? (list as T[]) : [];
};

/** Maps the facts row onto TableFacts (null: no such object). */
export function mssqlFacts(row: Record<string, unknown> | undefined): TableFacts | null {
  const kind = String(row?.['kind'] ?? '').trim();
  if (!row || !kind) return null;
  const uniques = json<{ name: string; pk: boolean; filtered: boolean; cols?: unknown }>(row['uniques']).map((u) => ({
    ...u,
    cols: json<{ c: string; n: boolean }>(u.cols),
  }));
  const group = (rows: Array<{ name: string; tbl: string; c: string }>) => {
    const m = new Map<string, { name: string; table: string; columns: string[] }>();
    for (const r of rows) {
      const f = m.get(r.name) ?? { name: r.name, table: r.tbl, columns: [] };
      f.columns.push(r.c);
      m.set(r.name, f);
    }
    return [...m.values()];
  };
  const triggers = new Map<string, Array<'update' | 'delete'>>();
  for (const t of json<{ name: string; e: string }>(row['triggers'])) triggers.set(t.name, [...(triggers.get(t.name) ?? []), t.e === 'DELETE' ? 'delete' : 'update']);
  return Object.freeze({
    kind: kind === 'V' ? 'view' : 'table',
    generated: json<{ c: string }>(row['generated']).map((g) => g.c),
    uniques: uniques.map((u) => ({ name: u.name, columns: u.cols.map((c) => c.c) })),
    // A key is a unique, unfiltered index of NOT NULL columns (a primary key's are); one whose columns
    // did not come back is none.
    keys: uniques.filter((u) => !u.filtered && u.cols.length > 0 && (u.pk || u.cols.every((c) => !c.n))).map((u) => u.cols.map((c) => c.c)),
    triggers: [...triggers].map(([name, events]) => ({ name, events })),
    rules: [],
    onUpdate: [],
    referencedBy: group(json(row['referenced_by'])),
    references: group(json(row['references'])),
    rowLocator: null,
  } satisfies TableFacts);
}

/** Session-context key holding the hash salt (set from the env var at apply time; never in SQL text). */
const SALT = 'minim_hash_salt';
const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const lit = (v: string | number) => sql.lit(v);
const compile = kyselyCompiler(() => new MssqlAdapter(), () => new MssqlBracketQueryCompiler());

/** The SQL Server write-path spellings: no connection needed. */
export const mssqlWriteSql: WriteSql = {
  family: 'mssql',
  compile,
  // NOTE: style 121 keeps every fractional digit of datetime2 (ODBC canonical); other types ignore it.
  asText: (e) => sql`CONVERT(nvarchar(4000), ${e}, 121)`,
  nullSafeEquals: (a, b) => sql`(${a} = ${b} OR (${a} IS NULL AND ${b} IS NULL))`,
  rowHash: (columns) => (columns.length === 0 ? sql`CAST(0 AS bigint)` : sql`CAST(BINARY_CHECKSUM(${sql.join(columns.map((c) => sql.id(c)))}) AS bigint)`),
  checksum: (columns) =>
    columns.length === 0
      ? sql`N'0'`
      : (sql`CAST(COALESCE(SUM(CAST(BINARY_CHECKSUM(${sql.join(columns.map((c) => sql.id(c)))}) AS bigint)), 0) AS nvarchar(40))` as RawBuilder<unknown>),
  lock: { suffix: '', hint: ' WITH (UPDLOCK, ROWLOCK)' },
  rows: {
    top: (n) => sql`TOP (${sql.lit(n)}) `,
    limit: () => sql``,
    nth: (n) => sql` OFFSET ${sql.lit(n - 1)} ROWS FETCH NEXT 1 ROWS ONLY`,
  },
  mask: {
    last4: (c) => {
      // NOTE: LEN ignores trailing spaces, so the true length is LEN(c + 'x') - 1; LEFT with a
      // negative length is an error, and WHERE does not short-circuit, hence the CASE.
      const n = sql`(LEN(${c} + N'x') - 1)`;
      const head = sql`LEFT(${c}, CASE WHEN ${n} > 4 THEN ${n} - 4 ELSE 0 END)`;
      return {
        set: sql`TRANSLATE(${head}, ${lit(ALNUM)}, ${lit('*'.repeat(ALNUM.length))}) + RIGHT(${c}, CASE WHEN ${n} > 4 THEN 4 ELSE ${n} END)`,
        pending: sql`${head} LIKE ${lit('%[0-9A-Za-z]%')}`,
      };
    },
    hash: (c) => {
      const salt = sql`CAST(SESSION_CONTEXT(${sql.raw(`N'${SALT}'`)}) AS nvarchar(4000))`;
      return {
        set: sql`${lit('sha256:')} + LOWER(CONVERT(varchar(64), HASHBYTES(${lit('SHA2_256')}, CONCAT(${salt}, ${c})), 2))`,
        pending: sql`${c} IS NOT NULL AND ${c} NOT LIKE ${lit('sha256:%')} AND ${salt} IS NOT NULL`,
      };
    },
    yearOfDate: (c) => {
      const set = sql`DATEFROMPARTS(YEAR(${c}), 1, 1)`;
      return { set, pending: sql`${c} <> ${set}` };
    },
    yearOfText: (c) => {
      const at = sql`PATINDEX(${lit('%[12][09][0-9][0-9]%')}, ${c})`;
      return {
        set: sql`CASE WHEN ${at} > 0 THEN SUBSTRING(${c}, ${at}, 4) ELSE NULL END`,
        pending: sql`${c} IS NOT NULL AND ${c} NOT LIKE ${lit('[0-9][0-9][0-9][0-9]')}`,
      };
    },
  },
  olderThan: (d, n, unit) => sql`${d} < DATEADD(${sql.raw({ d: 'day', m: 'month', y: 'year' }[unit])}, ${sql.lit(-n)}, SYSDATETIME())`,
  revokeColumn: (table, c, role) => ({
    statement: sql`REVOKE SELECT ON ${table} (${c}) FROM ${role.toUpperCase() === 'PUBLIC' ? sql.raw('public') : sql.id(role)}`,
  }),
  statelessBatch: ({ head, pending, n }) => sql`${head(sql`TOP (${sql.lit(n)}) `)} WHERE ${pending}`,
  saltStatement: (salt) => compile(sql`EXEC sp_set_session_context @key = ${SALT}, @value = ${salt}`),
  script: {
    header: () => [comment('Run with: sqlcmd -b -i FILE (QUOTED_IDENTIFIER ON; each UPDATE commits on its own).'), 'SET QUOTED_IDENTIFIER ON;'],
    saltSetup: (env) => [comment(`Hash salt from the environment variable ${env} (a sqlcmd variable), never written here.`), `EXEC sp_set_session_context @key = N'${SALT}', @value = N'$(${env})';`],
    loop: (stmt) => ['WHILE 1 = 1', 'BEGIN', `  ${stmt};`, '  IF @@ROWCOUNT = 0 BREAK;', 'END;'],
  },
  revokedAlready: () => false,
};

/** The SQL Server WriteDialect over a connector's `query`. */
export function mssqlWriteDialect(query: Query): WriteDialect {
  return {
    ...mssqlWriteSql,
    async tableFacts(schema, table) {
      const { rows } = await query(MSSQL_FACTS_SQL, [schema, table]);
      const facts = mssqlFacts(rows[0]);
      if (!facts) throw new Error(`table ${schema}.${table} not found`);
      return facts;
    },
  };
}
