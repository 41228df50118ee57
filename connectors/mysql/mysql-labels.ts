/**
 * MySQL/MariaDB labels: a column comment can only be set by `ALTER TABLE … MODIFY COLUMN` with
 * the whole definition, so the definition is read from information_schema and restated exactly
 * (type, charset/collation, generated expression, nullability, default, ON UPDATE,
 * AUTO_INCREMENT, INVISIBLE, column CHECK), with only the comment new. `--apply` compares
 * SHOW CREATE TABLE before and after and fails if anything but the comment changed.
 */
import { sql } from 'kysely';
import { MinimError } from '../../src/errors.js';
import { withTag } from '../../src/label/tag.js';
import type { LabelsDialect, LabelStatement, LabelTarget, SqlSession } from '../types.js';
import { mysqlWriteSql } from './mysql-migrate-dialect.js';

const compile = mysqlWriteSql.compile;

const COLUMNS_SQL = `SELECT TABLE_SCHEMA AS db, TABLE_NAME AS tbl, COLUMN_NAME AS col, COLUMN_TYPE AS type, IS_NULLABLE AS nullable,
  COLUMN_DEFAULT AS dflt, CHARACTER_SET_NAME AS charset, COLLATION_NAME AS coll, EXTRA AS extra,
  GENERATION_EXPRESSION AS gen, COLUMN_COMMENT AS comment
FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?`;
const TABLE_TYPE_SQL = `SELECT TABLE_TYPE AS type FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?`;
// NOTE: MariaDB keeps a column-level CHECK (e.g. JSON's json_valid) with the column: MODIFY must restate it.
const CHECKS_SQL = `SELECT CONSTRAINT_NAME AS name, CHECK_CLAUSE AS clause FROM information_schema.CHECK_CONSTRAINTS
WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ? AND LEVEL = 'Column'`;

/** A column's definition as information_schema gives it. */
export interface MysqlColumnDef {
  readonly name: string;
  readonly type: string;
  readonly nullable: boolean;
  /** MariaDB: an SQL expression (`'x'`, `NULL`, `current_timestamp()`); MySQL: the raw value. */
  readonly default: string | null;
  readonly charset: string | null;
  readonly collation: string | null;
  readonly extra: string;
  readonly generation: string | null;
  readonly comment: string;
  /** MariaDB column-level CHECK clause. */
  readonly check: string | null;
}

/** The column definition restated for MODIFY COLUMN, with `comment` as its comment (pure). */
export function columnDefinition(def: MysqlColumnDef, comment: string, mariadb: boolean): string {
  const parts: string[] = [compile(sql`${sql.id(def.name)}`).sql, def.type];
  if (def.charset) parts.push(`CHARACTER SET ${def.charset}`);
  if (def.collation) parts.push(`COLLATE ${def.collation}`);
  const extra = def.extra.toLowerCase();
  const generated = /\b(virtual|stored|persistent) generated\b/.exec(extra);
  if (generated && def.generation) {
    parts.push(`GENERATED ALWAYS AS (${def.generation}) ${generated[1] === 'virtual' ? 'VIRTUAL' : 'STORED'}`);
    if (!mariadb && !def.nullable) parts.push('NOT NULL');
  } else {
    parts.push(def.nullable ? 'NULL' : 'NOT NULL');
    const d = defaultClause(def, mariadb);
    if (d) parts.push(d);
    const onUpdate = /on update (\S+)/i.exec(def.extra);
    if (onUpdate) parts.push(`ON UPDATE ${onUpdate[1]}`);
    if (extra.includes('auto_increment')) parts.push('AUTO_INCREMENT');
  }
  if (/\binvisible\b/.test(extra)) parts.push('INVISIBLE');
  parts.push(compile(sql`COMMENT ${sql.lit(comment)}`).sql);
  if (def.check) parts.push(`CHECK (${def.check})`);
  return parts.join(' ');
}

function defaultClause(def: MysqlColumnDef, mariadb: boolean): string | null {
  if (def.default === null) return null;
  if (mariadb) return `DEFAULT ${def.default}`;
  // NOTE: MySQL 8 gives the raw value; DEFAULT_GENERATED marks an expression default.
  if (/default_generated/i.test(def.extra)) {
    return /^current_timestamp(\(\d*\))?$/i.test(def.default) ? `DEFAULT ${def.default}` : `DEFAULT (${def.default})`;
  }
  return compile(sql`DEFAULT ${sql.lit(def.default)}`).sql;
}

/** Reads each target table's column definitions (one information_schema query per table, never joined). */
export async function readMysqlDefinitions(session: SqlSession, targets: readonly LabelTarget[]) {
  const server = String((await session.query('SELECT VERSION() AS v')).rows[0]?.['v'] ?? '');
  const mariadb = /mariadb/i.test(server);
  const tables = new Map<string, { view: boolean; columns: Map<string, MysqlColumnDef> }>();
  for (const t of targets) {
    const k = JSON.stringify([t.schema, t.table]);
    if (tables.has(k)) continue;
    const type = String((await session.query(TABLE_TYPE_SQL, [t.schema, t.table])).rows[0]?.['type'] ?? '');
    const checks = new Map<string, string>();
    if (mariadb) {
      for (const r of (await session.query(CHECKS_SQL, [t.schema, t.table])).rows) checks.set(str(r['name']), str(r['clause']));
    }
    const columns = new Map<string, MysqlColumnDef>();
    for (const r of (await session.query(COLUMNS_SQL, [t.schema, t.table])).rows) {
      const name = str(r['col']);
      columns.set(name.toLowerCase(), {
        name,
        type: str(r['type']),
        nullable: str(r['nullable']) === 'YES',
        default: r['dflt'] === null || r['dflt'] === undefined ? null : str(r['dflt']),
        charset: r['charset'] ? str(r['charset']) : null,
        collation: r['coll'] ? str(r['coll']) : null,
        extra: str(r['extra']),
        generation: r['gen'] ? str(r['gen']) : null,
        comment: str(r['comment']),
        check: checks.get(name) ?? null,
      });
    }
    tables.set(k, { view: /view/i.test(type), columns });
  }
  return { mariadb, tables };
}

/** Statements for the targets (pure). */
export function mysqlLabelStatements(
  targets: readonly LabelTarget[],
  state: Awaited<ReturnType<typeof readMysqlDefinitions>>,
): LabelStatement[] {
  return targets.map((t) => {
    const table = state.tables.get(JSON.stringify([t.schema, t.table]));
    if (!table) return { target: t, sql: '', skip: 'table not found' };
    if (table.view) return { target: t, sql: '', skip: 'a view: label its base table' };
    const def = table.columns.get(t.column.toLowerCase());
    if (!def) return { target: t, sql: '', skip: 'column not found' };
    const next = withTag(def.comment || null, t.categories);
    if (next === def.comment) return { target: t, sql: '', skip: 'already labelled' };
    const head = compile(sql`ALTER TABLE ${sql.id(t.schema, t.table)} MODIFY COLUMN `).sql;
    return { target: t, sql: `${head}${columnDefinition(def, next, state.mariadb)};` };
  });
}

/** SHOW CREATE TABLE text. */
export async function showCreateTable(session: SqlSession, schema: string, table: string): Promise<string> {
  const row = (await session.query(compile(sql`SHOW CREATE TABLE ${sql.id(schema, table)}`).sql)).rows[0] ?? {};
  return str(row['Create Table'] ?? Object.values(row)[1]);
}

/** The end of the quoted run starting at `at` (a backtick identifier or a '…' string), doubled quotes and `\\` escapes inside. */
function quotedEnd(text: string, at: number): number {
  const q = text[at]!;
  for (let i = at + 1; i < text.length; i++) {
    if (q === "'" && text[i] === '\\') i++;
    else if (text[i] === q) {
      if (text[i + 1] !== q) return i + 1;
      i++;
    }
  }
  return text.length;
}

/**
 * SHOW CREATE TABLE with every column comment removed (the table's own `COMMENT=` stays). Read as
 * tokens, not lines: a column name may hold a newline, a quote or `COMMENT '…'` itself.
 */
export function withoutColumnComments(create: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < create.length; ) {
    const c = create[i]!;
    if (c === '`' || c === "'") {
      const end = quotedEnd(create, i);
      out += create.slice(i, end);
      i = end;
      continue;
    }
    if (depth === 1 && create.startsWith(" COMMENT '", i)) {
      i = quotedEnd(create, i + ' COMMENT '.length);
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') depth--;
    out += c;
    i++;
  }
  return out;
}

/** Fails (QUERY_FAILED) when anything but column comments differs between two SHOW CREATE TABLE texts. */
export function assertOnlyCommentsChanged(before: string, after: string, where: string): void {
  if (withoutColumnComments(before) !== withoutColumnComments(after)) {
    throw new MinimError(
      'QUERY_FAILED',
      `${where}: the definition changed beyond the comment after MODIFY COLUMN; compare SHOW CREATE TABLE and restore it by hand`,
      { subject: where },
    );
  }
}

function str(v: unknown): string {
  return v === null || v === undefined ? '' : Buffer.isBuffer(v) ? v.toString('utf8') : String(v);
}

/**
 * MySQL / MariaDB labels. DDL commits on its own, so each ALTER runs alone and SHOW CREATE TABLE
 * is compared before and after it.
 */
export const mysqlLabels: LabelsDialect = {
  plan: async (session, targets) => mysqlLabelStatements(targets, await readMysqlDefinitions(session, targets)),
  apply: async (connector, statements) => {
    const todo = statements.filter((s) => !s.skip && s.sql);
    for (const s of todo) {
      const { schema, table } = s.target;
      const before = await showCreateTable(connector, schema, table);
      await connector.transaction((session) => session.query(s.sql));
      assertOnlyCommentsChanged(before, await showCreateTable(connector, schema, table), `${schema}.${table}`);
    }
    return todo.length;
  },
};
