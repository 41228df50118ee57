/**
 * The PostgreSQL write path's catalog facts (migrate preflight) and SQL spellings: one round trip
 * per table, everything looked up by OID, names bound as parameters.
 */
import { PostgresAdapter, PostgresQueryCompiler, sql, type RawBuilder } from 'kysely';
import { freshTag, kyselyCompiler, sqlComment as comment } from '../connector-sql.js';
import type { QueryResult, TableFacts, TableKind, WriteDialect, WriteSql } from '../types.js';

type Query = (sql: string, params?: readonly unknown[]) => Promise<QueryResult>;

/** NOTE: tgtype bits (pg_trigger.h): ROW 1, DELETE 8, UPDATE 16. Internal (FK) triggers are not the user's. */
export const POSTGRES_FACTS_SQL = `
WITH t AS (
  SELECT c.oid, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = $1 AND c.relname = $2
)
SELECT t.relkind::text AS relkind,
  (SELECT coalesce(json_agg(a.attname::text ORDER BY a.attnum), '[]') FROM pg_attribute a
    WHERE a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated <> '') AS generated,
  (SELECT coalesce(json_agg(json_build_object(
      'name', ic.relname::text, 'primary', i.indisprimary,
      'partial', i.indpred IS NOT NULL OR i.indexprs IS NOT NULL,
      'columns', (SELECT json_agg(a.attname::text ORDER BY k.ord) FROM unnest(i.indkey) WITH ORDINALITY k(attnum, ord)
                   JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum),
      'notnull', (SELECT bool_and(a.attnotnull) FROM unnest(i.indkey) k(attnum) JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum)
    ) ORDER BY NOT i.indisprimary, ic.relname), '[]')
    FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = t.oid AND i.indisunique) AS uniques,
  (SELECT coalesce(json_agg(json_build_object('name', tg.tgname::text, 'type', tg.tgtype) ORDER BY tg.tgname), '[]')
    FROM pg_trigger tg WHERE tg.tgrelid = t.oid AND NOT tg.tgisinternal AND tg.tgenabled <> 'D') AS triggers,
  (SELECT coalesce(json_agg(r.rulename::text ORDER BY r.rulename), '[]') FROM pg_rewrite r
    WHERE r.ev_class = t.oid AND r.rulename <> '_RETURN') AS rules,
  (SELECT coalesce(json_agg(json_build_object('name', f.conname::text, 'table', f.conrelid::regclass::text,
      'columns', (SELECT json_agg(a.attname::text) FROM unnest(f.confkey) k(attnum) JOIN pg_attribute a ON a.attrelid = f.confrelid AND a.attnum = k.attnum))
    ORDER BY f.conname), '[]') FROM pg_constraint f WHERE f.contype = 'f' AND f.confrelid = t.oid) AS referenced_by,
  (SELECT coalesce(json_agg(json_build_object('name', f.conname::text, 'table', f.confrelid::regclass::text,
      'columns', (SELECT json_agg(a.attname::text) FROM unnest(f.conkey) k(attnum) JOIN pg_attribute a ON a.attrelid = f.conrelid AND a.attnum = k.attnum))
    ORDER BY f.conname), '[]') FROM pg_constraint f WHERE f.contype = 'f' AND f.conrelid = t.oid) AS "references",
  (SELECT coalesce(json_agg(json_build_object('schema', u.table_schema::text, 'table', u.table_name::text, 'column', u.column_name::text)), '[]')
    FROM information_schema.view_column_usage u WHERE u.view_schema = $1 AND u.view_name = $2) AS view_usage
FROM t`;

const KINDS: Record<string, TableKind> = { r: 'table', p: 'partitioned', v: 'view', m: 'materialized_view', f: 'foreign' };

interface RawFacts {
  relkind: string;
  generated: string[];
  uniques: Array<{ name: string; primary: boolean; partial: boolean; columns: string[] | null; notnull: boolean | null }>;
  triggers: Array<{ name: string; type: number }>;
  rules: string[];
  referenced_by: Array<{ name: string; table: string; columns: string[] | null }>;
  references: Array<{ name: string; table: string; columns: string[] | null }>;
  view_usage: Array<{ schema: string; table: string; column: string }>;
}

/** Maps the facts row onto TableFacts (null: no such relation). */
export function postgresFacts(raw: RawFacts | undefined): TableFacts | null {
  if (!raw) return null;
  const kind = KINDS[raw.relkind] ?? 'table';
  const events = (type: number) => [...((type & 16) !== 0 ? (['update'] as const) : []), ...((type & 8) !== 0 ? (['delete'] as const) : [])];
  const byName = new Map<string, Array<{ schema: string; table: string; column: string }>>();
  for (const u of raw.view_usage) byName.set(u.column, [...(byName.get(u.column) ?? []), u]);
  const viewBase = new Map([...byName].filter(([, us]) => us.length === 1).map(([c, us]) => [c, us[0]!]));
  return Object.freeze({
    kind,
    generated: raw.generated,
    uniques: raw.uniques.map((u) => ({ name: u.name, columns: u.columns ?? [] })),
    keys: raw.uniques.filter((u) => !u.partial && u.columns && u.columns.length > 0 && (u.primary || u.notnull)).map((u) => u.columns!),
    triggers: raw.triggers.filter((t) => (t.type & 1) !== 0 && events(t.type).length > 0).map((t) => ({ name: t.name, events: events(t.type) })),
    rules: raw.rules,
    onUpdate: [],
    referencedBy: raw.referenced_by.map((f) => ({ name: f.name, table: f.table, columns: f.columns ?? [] })),
    references: raw.references.map((f) => ({ name: f.name, table: f.table, columns: f.columns ?? [] })),
    rowLocator: kind === 'table' ? 'ctid' : null,
    ...(kind === 'view' || kind === 'materialized_view' ? { viewBase } : {}),
  });
}

/** Session setting holding the hash salt (set from the env var at apply time; never in SQL text). */
const SALT = 'minim.hash_salt';
const lit = (v: string | number) => sql.lit(v);
const compile = kyselyCompiler(() => new PostgresAdapter(), () => new PostgresQueryCompiler());

/** The PostgreSQL (and PGlite) write-path spellings: no connection needed. */
export const postgresWriteSql: WriteSql = {
  family: 'postgres',
  compile,
  asText: (e) => sql`CAST(${e} AS text)`,
  nullSafeEquals: (a, b) => sql`${a} IS NOT DISTINCT FROM ${b}`,
  rowHash: (columns) => rowHash(columns),
  checksum: (columns) => sql`CAST(coalesce(sum(${rowHash(columns)}), 0) AS text)`,
  lock: { suffix: ' FOR UPDATE', hint: '' },
  rows: {
    top: () => sql``,
    limit: (n) => sql` LIMIT ${sql.lit(n)}`,
    nth: (n) => sql` LIMIT 1 OFFSET ${sql.lit(n - 1)}`,
  },
  keyAny: (column, dataType, values) => sql`${sql.id(column)} = ANY(CAST(${values} AS ${sql.raw(dataType)}[]))`,
  guardedUpdateMany: (table, key, column, keep, rows) => {
    // NOTE: one array parameter per key column, old and new values: the statement's text does not
    // grow with the batch, and every value stays a bound parameter. Key types come from the
    // server's own catalog (format_type), so keys compare in the column's type (index lookups).
    const arrays = [...key.map((_, i) => rows.map((r) => r.key[i]!)), rows.map((r) => r.old), rows.map((r) => r.value)];
    const names = [...key.map((_, i) => `minim_k${i}`), 'minim_old', 'minim_new'];
    const v = (n: string) => sql`${sql.id('minim_v')}.${sql.id(n)}`;
    const t = (n: string) => sql`${sql.id('minim_t')}.${sql.id(n)}`;
    const sets = [sql`${sql.id(column)} = ${v('minim_new')}`, ...keep.filter((k) => k !== column).map((k) => sql`${sql.id(k)} = ${t(k)}`)];
    const eqs = key.map((k, i) => sql`${t(k.name)} = CAST(${v(`minim_k${i}`)} AS ${sql.raw(k.dataType)})`);
    return sql`UPDATE ${sql.id(table.schema, table.name)} AS ${sql.id('minim_t')} SET ${sql.join(sets)} FROM unnest(${sql.join(arrays.map((a) => sql`CAST(${a} AS text[])`))}) AS ${sql.id('minim_v')}(${sql.join(names.map((n) => sql.id(n)))}) WHERE ${sql.join(eqs, sql` AND `)} AND CAST(${t(column)} AS text) IS NOT DISTINCT FROM ${v('minim_old')}`;
  },
  mask: {
    last4: (c) => {
      const head = sql`left(${c}, greatest(length(${c}) - 4, 0))`;
      return { set: sql`regexp_replace(${head}, ${lit('[0-9A-Za-z]')}, ${lit('*')}, ${lit('g')}) || right(${c}, 4)`, pending: sql`${head} ~ ${lit('[0-9A-Za-z]')}` };
    },
    hash: (c) => ({
      set: sql`${lit('sha256:')} || encode(sha256(convert_to(current_setting(${lit(SALT)}) || ${c}, ${lit('UTF8')})), ${lit('hex')})`,
      pending: sql`${c} IS NOT NULL AND ${c} NOT LIKE ${lit('sha256:%')}`,
    }),
    yearOfDate: (c, pureDate) => {
      const set = pureDate ? sql`make_date(extract(year from ${c})::int, 1, 1)` : sql`date_trunc(${lit('year')}, ${c})`;
      return { set, pending: sql`${c} <> ${set}` };
    },
    yearOfText: (c) => ({ set: sql`substring(${c} from ${lit('(?:19|20)[0-9]{2}')})`, pending: sql`${c} !~ ${lit('^[0-9]{4}$')}` }),
  },
  olderThan: (d, n, unit) => sql`${d} < now() - CAST(${sql.lit(`${n} ${{ d: 'days', m: 'months', y: 'years' }[unit]}`)} AS interval)`,
  revokeColumn: (table, c, role) => ({
    statement: sql`REVOKE SELECT (${c}) ON TABLE ${table} FROM ${role.toUpperCase() === 'PUBLIC' ? sql.raw('PUBLIC') : sql.id(role)}`,
  }),
  statelessBatch: ({ table, head, pending, keyColumns, n }) => {
    const ids = sql.join(keyColumns.map((k) => sql.id(k)));
    if (keyColumns.length > 0) {
      return sql`${head(sql``)} WHERE (${ids}) IN (SELECT ${ids} FROM ${table} WHERE ${pending} ORDER BY ${ids} LIMIT ${sql.lit(n)})`;
    }
    return sql`${head(sql``)} WHERE ctid = ANY(ARRAY(SELECT ctid FROM ${table} WHERE ${pending} LIMIT ${sql.lit(n)}))`;
  },
  saltStatement: (salt) => compile(sql`SELECT set_config(${SALT}, ${salt}, true)`),
  script: {
    header: () => [comment('Run with: psql -v ON_ERROR_STOP=1 -f FILE (autocommit on: each DO loop commits per batch).')],
    saltSetup: (env) => [comment(`Hash salt from the environment variable ${env}, never written here.`), `\\getenv minim_hash_salt ${env}`, `SELECT set_config('${SALT}', :'minim_hash_salt', false);`],
    loop: (stmt) => {
      const v = freshTag(stmt, ['minim_rows$', 'minim_rows$1']);
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
    },
  },
  revokedAlready: () => false,
};

/** The PostgreSQL (and PGlite) WriteDialect over a connector's `query`. */
export function postgresWriteDialect(query: Query): WriteDialect {
  return {
    ...postgresWriteSql,
    async tableFacts(schema, table) {
      const { rows } = await query(POSTGRES_FACTS_SQL, [schema, table]);
      const facts = postgresFacts(rows[0] as RawFacts | undefined);
      if (!facts) throw new Error(`relation ${schema}.${table} not found`);
      return facts;
    },
  };
}

/** A 64-bit hash of the row's text form (ROW() tells NULL from ''), as numeric so sums cannot overflow. */
function rowHash(columns: readonly string[]): RawBuilder<unknown> {
  if (columns.length === 0) return sql`CAST(0 AS numeric)`;
  const row = sql`ROW(${sql.join(columns.map((c) => sql.id(c)))})`;
  return sql`CAST(hashtextextended(CAST(${row} AS text), 0) AS numeric)`;
}
