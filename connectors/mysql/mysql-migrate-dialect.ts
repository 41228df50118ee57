/**
 * The MySQL / MariaDB write path's catalog facts (migrate preflight) and SQL spellings. Every
 * catalog read filters information_schema by bound names; no row locator exists, so a table
 * without a primary or unique NOT NULL key is refused by the preflight.
 */
import { createHash } from 'node:crypto';
import { MysqlAdapter, MysqlQueryCompiler, sql, type RawBuilder } from 'kysely';
import { freshTag, kyselyCompiler, sqlComment as comment } from '../connector-sql.js';
import type { QueryResult, TableFacts, WriteDialect, WriteSql } from '../types.js';
import { isAbsentGrantError } from './mysql-errors.js';

type Query = (sql: string, params?: readonly unknown[]) => Promise<QueryResult>;

export const MYSQL_FACTS_SQL = {
  table: 'SELECT TABLE_TYPE AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?',
  columns:
    'SELECT COLUMN_NAME AS c, EXTRA AS x, IS_NULLABLE AS n FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION',
  indexes:
    'SELECT INDEX_NAME AS i, COLUMN_NAME AS c, SUB_PART AS p FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND NON_UNIQUE = 0 ORDER BY INDEX_NAME = \'PRIMARY\' DESC, INDEX_NAME, SEQ_IN_INDEX',
  triggers:
    "SELECT TRIGGER_NAME AS g, EVENT_MANIPULATION AS e FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA = ? AND EVENT_OBJECT_TABLE = ? AND EVENT_MANIPULATION IN ('UPDATE', 'DELETE') ORDER BY TRIGGER_NAME",
  referencedBy:
    'SELECT CONSTRAINT_NAME AS k, TABLE_SCHEMA AS s, TABLE_NAME AS t, REFERENCED_COLUMN_NAME AS c FROM information_schema.KEY_COLUMN_USAGE WHERE REFERENCED_TABLE_SCHEMA = ? AND REFERENCED_TABLE_NAME = ? ORDER BY CONSTRAINT_NAME, ORDINAL_POSITION',
  references:
    'SELECT CONSTRAINT_NAME AS k, REFERENCED_TABLE_SCHEMA AS s, REFERENCED_TABLE_NAME AS t, COLUMN_NAME AS c FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND REFERENCED_TABLE_NAME IS NOT NULL ORDER BY CONSTRAINT_NAME, ORDINAL_POSITION',
} as const;

const str = (v: unknown) => (Buffer.isBuffer(v) ? v.toString('utf8') : String(v ?? ''));

/** User variable holding the hash salt (set from the env var at apply time; never in SQL text). */
const SALT = '@minim_hash_salt';
const lit = (v: string | number) => sql.lit(v);
const compile = kyselyCompiler(() => new MysqlAdapter(), () => new MysqlQueryCompiler());

/** The MySQL / MariaDB write-path spellings: no connection needed. */
export const mysqlWriteSql: WriteSql = {
  family: 'mysql',
  compile,
  asText: (e) => sql`CAST(${e} AS CHAR)`,
  nullSafeEquals: (a, b) => sql`${a} <=> ${b}`,
  rowHash: (columns) => rowHash(columns),
  checksum: (columns) => sql`CAST(COALESCE(SUM(${rowHash(columns)}), 0) AS CHAR)`,
  lock: { suffix: ' FOR UPDATE', hint: '' },
  rows: {
    top: () => sql``,
    limit: (n) => sql` LIMIT ${sql.lit(n)}`,
    nth: (n) => sql` LIMIT 1 OFFSET ${sql.lit(n - 1)}`,
  },
  mask: {
    last4: (c) => {
      const head = sql`LEFT(${c}, GREATEST(CHAR_LENGTH(${c}) - 4, 0))`;
      return { set: sql`CONCAT(REGEXP_REPLACE(${head}, ${lit('[0-9A-Za-z]')}, ${lit('*')}), RIGHT(${c}, 4))`, pending: sql`${head} REGEXP ${lit('[0-9A-Za-z]')}` };
    },
    hash: (c) => {
      // NOTE: without the salt variable CONCAT gives NULL; the guard makes such a run change nothing.
      const salt = sql.raw(SALT);
      return {
        set: sql`CONCAT(${lit('sha256:')}, SHA2(CONCAT(${salt}, ${c}), 256))`,
        pending: sql`${c} IS NOT NULL AND ${c} NOT LIKE ${lit('sha256:%')} AND ${salt} IS NOT NULL AND ${salt} <> ${lit('')}`,
      };
    },
    yearOfDate: (c) => {
      const set = sql`MAKEDATE(YEAR(${c}), 1)`;
      return { set, pending: sql`${c} <> ${set}` };
    },
    yearOfText: (c) => ({ set: sql`REGEXP_SUBSTR(${c}, ${lit('(19|20)[0-9]{2}')})`, pending: sql`NOT (${c} REGEXP ${lit('^[0-9]{4}$')})` }),
  },
  olderThan: (d, n, unit) => sql`${d} < NOW() - INTERVAL ${sql.lit(n)} ${sql.raw({ d: 'DAY', m: 'MONTH', y: 'YEAR' }[unit])}`,
  revokeColumn: (table, c, role) => {
    if (role.toUpperCase() === 'PUBLIC') return { note: 'MySQL/MariaDB have no PUBLIC grants to revoke' };
    const at = role.lastIndexOf('@');
    const grantee = at > 0 ? sql`${sql.lit(role.slice(0, at))}@${sql.lit(role.slice(at + 1))}` : sql`${sql.lit(role)}`;
    return { statement: sql`REVOKE SELECT (${c}) ON ${table} FROM ${grantee}` };
  },
  statelessBatch: ({ head, pending, keyColumns, n }) => {
    const order = keyColumns.length > 0 ? sql` ORDER BY ${sql.join(keyColumns.map((k) => sql.id(k)))}` : sql``;
    return sql`${head(sql``)} WHERE ${pending}${order} LIMIT ${sql.lit(n)}`;
  },
  saltStatement: (salt) => ({ sql: `SET ${SALT} = ?`, parameters: [salt] }),
  script: {
    header: () => [comment('Run with: mysql --binary-mode < FILE (procedures need a client that understands DELIMITER).')],
    saltSetup: (env) => [comment(`Before running, set the hash salt in this session: SET ${SALT} = '<value of ${env}>';`), comment('Without it the hash items change nothing.')],
    loop: (stmt, batch) => {
      const v = freshTag(stmt, ['minim_rows$', 'minim_rows$1']);
      // NOTE: the procedure's name carries a digest of the item id, so it cannot be a user's own procedure.
      const tag = createHash('sha256').update(batch.item).digest('hex').slice(0, 12);
      const proc = compile(sql.id(batch.schema, `minim_batch_${tag}_${batch.index}`)).sql;
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
    },
  },
  // NOTE: MySQL/MariaDB refuse to REVOKE a grant that does not exist; that is the goal state.
  revokedAlready: (statement, error) => /^REVOKE/i.test(statement) && isAbsentGrantError(error),
};

/** The MySQL / MariaDB WriteDialect over a connector's `query`. */
export function mysqlWriteDialect(query: Query): WriteDialect {
  return {
    ...mysqlWriteSql,
    async tableFacts(schema, table) {
      const p = [schema, table];
      const [t, cols, idx, trg, refBy, refs] = await Promise.all([
        query(MYSQL_FACTS_SQL.table, p),
        query(MYSQL_FACTS_SQL.columns, p),
        query(MYSQL_FACTS_SQL.indexes, p),
        query(MYSQL_FACTS_SQL.triggers, p),
        query(MYSQL_FACTS_SQL.referencedBy, p),
        query(MYSQL_FACTS_SQL.references, p),
      ]);
      const type = str(t.rows[0]?.['t']);
      if (!type) throw new Error(`table ${schema}.${table} not found`);
      const notNull = new Set(cols.rows.filter((r) => str(r['n']) === 'NO').map((r) => str(r['c'])));
      const indexes = new Map<string, { columns: string[]; prefix: boolean }>();
      for (const r of idx.rows) {
        const i = indexes.get(str(r['i'])) ?? { columns: [], prefix: false };
        i.columns.push(str(r['c']));
        if (r['p'] !== null && r['p'] !== undefined) i.prefix = true;
        indexes.set(str(r['i']), i);
      }
      const fks = (rows: QueryResult['rows']) => {
        const m = new Map<string, { name: string; table: string; columns: string[] }>();
        for (const r of rows) {
          const k = `${str(r['s'])}.${str(r['t'])}.${str(r['k'])}`;
          const f = m.get(k) ?? { name: str(r['k']), table: `${str(r['s'])}.${str(r['t'])}`, columns: [] };
          f.columns.push(str(r['c']));
          m.set(k, f);
        }
        return [...m.values()];
      };
      const triggers = new Map<string, Array<'update' | 'delete'>>();
      for (const r of trg.rows) triggers.set(str(r['g']), [...(triggers.get(str(r['g'])) ?? []), str(r['e']) === 'DELETE' ? 'delete' : 'update']);
      return Object.freeze({
        kind: type === 'VIEW' || type === 'SYSTEM VIEW' ? 'view' : 'table',
        generated: cols.rows.filter((r) => /GENERATED|PERSISTENT|VIRTUAL/i.test(str(r['x']))).map((r) => str(r['c'])),
        uniques: [...indexes].map(([name, i]) => ({ name, columns: i.columns })),
        // NOTE: a prefix index (SUB_PART) is unique on a prefix only: no batching key.
        keys: [...indexes].filter(([name, i]) => !i.prefix && (name === 'PRIMARY' || i.columns.every((c) => notNull.has(c)))).map(([, i]) => i.columns),
        triggers: [...triggers].map(([name, events]) => ({ name, events })),
        rules: [],
        onUpdate: cols.rows.filter((r) => /on update/i.test(str(r['x']))).map((r) => str(r['c'])),
        referencedBy: fks(refBy.rows),
        references: fks(refs.rows),
        rowLocator: null,
      } satisfies TableFacts);
    },
  };
}

/** 60 bits of the MD5 of the row (a NULL and '' hash differently). */
function rowHash(columns: readonly string[]): RawBuilder<unknown> {
  if (columns.length === 0) return sql`0`;
  const parts = columns.map((c) => sql`COALESCE(CONCAT('v', ${sql.id(c)}), 'N')`);
  const md5 = sql`MD5(CONCAT_WS(${sql.lit('|')}, ${sql.join(parts)}))`;
  return sql`CAST(CONV(SUBSTRING(${md5}, 1, 15), 16, 10) AS UNSIGNED)`;
}
