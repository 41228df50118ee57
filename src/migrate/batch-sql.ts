/**
 * The statements of the write path. Every value (batch bounds, old and new values) is a bound
 * parameter; keys travel as the server's own text (`WriteSql.asText`) and are compared back
 * in the column's own type, so a timestamp(6) or bigint key never passes through a JS Date or float.
 * - key-ordered reads (redaction, verification, exact counts): `readBatch`;
 * - SQL-side masks: `rangeBound` finds the key ending the next batch, `rangeChange` changes the
 *   pending rows in (last, upper];
 * - client-side redaction: `guardedUpdate`, one row, only if it still holds the value read;
 * - masks of validated values only: `keyedChange`, the SQL-side mask of the rows the client picked;
 * - the SQL file: `statelessBatch` ("change up to N pending rows", repeated until 0).
 */
import { sql, type RawBuilder } from 'kysely';
import { writeSql } from '../../connectors/index.js';
import type { CatalogTable, WriteSql } from '../../connectors/types.js';
import { tableRef, type RowOperation } from './operations.js';
import type { SqlFamily } from './sql-compiler.js';

/** The columns batches are ordered and bounded by: a key, or a physical row locator (PostgreSQL ctid). */
export interface BatchKey {
  readonly columns: readonly string[];
  /** True for a row locator (no key): rows may move when updated. */
  readonly locator: boolean;
}

type T = Pick<CatalogTable, 'schema' | 'name'>;
const ids = (names: readonly string[]) => sql.join(names.map((n) => sql.id(n)));
const paren = (p: RawBuilder<unknown>) => sql`(${p})`;

/** `SELECT count(*) AS n FROM t WHERE pending`: what a dry run reports for a SQL-side change. */
export function countPending(op: RowOperation): RawBuilder<unknown> {
  return sql`SELECT count(*) AS ${sql.id('minim_n')} FROM ${tableRef(op.table)} WHERE ${paren(op.pending!)}`;
}

/** Rows strictly after the key `last` in key order (row-value comparison spelled out: SQL Server has none). */
export function after(key: readonly string[], last: readonly unknown[]): RawBuilder<unknown> {
  const ors = key.map((_, i) => {
    const eqs = key.slice(0, i).map((k, j) => sql`${sql.id(k)} = ${last[j]}`);
    return sql`(${sql.join([...eqs, sql`${sql.id(key[i]!)} > ${last[i]}`], sql` AND `)})`;
  });
  return sql`(${sql.join(ors, sql` OR `)})`;
}

const keyText = (w: WriteSql, key: BatchKey) => sql.join(key.columns.map((k, i) => sql`${w.asText(sql.id(k))} AS ${sql.id(`minim_k${i}`)}`));

/** Reads a row's key values (as text) out of a result row. */
export const keyOf = (key: BatchKey, row: Record<string, unknown>): string[] => key.columns.map((_, i) => String(row[`minim_k${i}`]));

/**
 * Up to `n` rows after `last` in key order: key values as text, then `columns` (as text when
 * `asText`), optionally locked FOR UPDATE. `where` narrows the rows (a database-side prefilter).
 */
export function readBatch(
  w: WriteSql,
  table: T,
  key: BatchKey,
  columns: readonly string[],
  last: readonly string[] | null,
  n: number,
  opts: { lock?: boolean; where?: RawBuilder<unknown>; asText?: boolean; hash?: readonly string[] } = {},
): RawBuilder<unknown> {
  const cols = columns.map((c, i) => sql`${opts.asText ? w.asText(sql.id(c)) : sql.id(c)} AS ${sql.id(`minim_v${i}`)}`);
  // The per-row hash of the columns the change must not touch (summed by the caller: a checksum).
  if (opts.hash) cols.push(sql`${w.asText(w.rowHash(opts.hash))} AS ${sql.id('minim_h')}`);
  const conds = [...(last ? [after(key.columns, last)] : []), ...(opts.where ? [paren(opts.where)] : [])];
  const where = conds.length > 0 ? sql` WHERE ${sql.join(conds, sql` AND `)}` : sql``;
  const hint = opts.lock ? sql.raw(w.lock.hint) : sql``;
  const lock = opts.lock ? sql.raw(w.lock.suffix) : sql``;
  const list = sql.join([keyText(w, key), ...cols]);
  return sql`SELECT ${w.rows.top(n)}${list} FROM ${tableRef(table)}${hint}${where} ORDER BY ${ids(key.columns)}${w.rows.limit(n)}${lock}`;
}

/** The data type of each key column (a row locator: `tid`), for engines that compare arrays of keys. */
export function keyTypes(table: Pick<CatalogTable, 'columns'>, key: BatchKey): Array<{ name: string; dataType: string }> {
  return key.columns.map((k) => ({ name: k, dataType: key.locator ? 'tid' : (table.columns.find((c) => c.name === k)?.dataType ?? 'text') }));
}

/** Bound parameters one statement may carry for its list of keys (SQL Server takes 2,100 in all). */
const KEY_PARAMETERS = 2000;

/**
 * `keys` cut into lists one statement can carry: all of them where the engine binds a one-column
 * key list as a single array (`WriteSql.keyAny`), else at most KEY_PARAMETERS parameters each.
 */
export function keyChunks(w: WriteSql, key: BatchKey, keys: ReadonlyArray<readonly string[]>): Array<ReadonlyArray<readonly string[]>> {
  const per = w.keyAny && key.columns.length === 1 ? Math.max(1, keys.length) : Math.max(1, Math.floor(KEY_PARAMETERS / key.columns.length));
  const out: Array<ReadonlyArray<readonly string[]>> = [];
  for (let i = 0; i < keys.length; i += per) out.push(keys.slice(i, i + per));
  return out;
}

/** Rows whose key is one of `keys` (each a list of key values as text): one array parameter where the engine has it (else see keyChunks). */
export function keyIn(key: BatchKey, keys: ReadonlyArray<readonly string[]>, w?: WriteSql, types?: ReadonlyArray<{ dataType: string }>): RawBuilder<unknown> {
  if (w?.keyAny && types && key.columns.length === 1) return w.keyAny(key.columns[0]!, types[0]!.dataType, keys.map((k) => k[0]!));
  const one = (k: readonly string[]) => sql`(${sql.join(key.columns.map((c, i) => sql`${sql.id(c)} = ${k[i]}`), sql` AND `)})`;
  return sql`(${sql.join(keys.map(one), sql` OR `)})`;
}

/** Locks the rows `keys` and reads their key, `column` and the hash of `untouched` (what a redaction batch writes from). */
export function lockRows(w: WriteSql, table: Pick<CatalogTable, 'schema' | 'name' | 'columns'>, key: BatchKey, keys: ReadonlyArray<readonly string[]>, column: string, untouched: readonly string[]): RawBuilder<unknown> {
  return sql`SELECT ${keyText(w, key)}, ${sql.id(column)} AS ${sql.id('minim_v0')}, ${w.asText(w.rowHash(untouched))} AS ${sql.id('minim_h')} FROM ${tableRef(table)}${sql.raw(w.lock.hint)} WHERE ${keyIn(key, keys, w, keyTypes(table, key))}${sql.raw(w.lock.suffix)}`;
}

/** The hash of `untouched` for the rows `keys`. */
export function rowHashes(w: WriteSql, table: Pick<CatalogTable, 'schema' | 'name' | 'columns'>, key: BatchKey, keys: ReadonlyArray<readonly string[]>, untouched: readonly string[]): RawBuilder<unknown> {
  return sql`SELECT ${keyText(w, key)}, ${w.asText(w.rowHash(untouched))} AS ${sql.id('minim_h')} FROM ${tableRef(table)} WHERE ${keyIn(key, keys, w, keyTypes(table, key))}`;
}

/** The key that ends the next batch: the `n`-th key after `last` (none: the rest of the table is one batch). */
export function rangeBound(w: WriteSql, table: T, key: BatchKey, last: readonly string[] | null, n: number): RawBuilder<unknown> {
  const where = last ? sql` WHERE ${after(key.columns, last)}` : sql``;
  return sql`SELECT ${keyText(w, key)} FROM ${tableRef(table)}${where} ORDER BY ${ids(key.columns)}${w.rows.nth(n)}`;
}

/** Rows with key in (last, upper]. */
export function inRange(key: BatchKey, last: readonly string[] | null, upper: readonly string[] | null): RawBuilder<unknown> {
  const conds: Array<RawBuilder<unknown>> = [];
  if (last) conds.push(after(key.columns, last));
  if (upper) conds.push(sql`NOT ${after(key.columns, upper)}`);
  return conds.length > 0 ? sql.join(conds, sql` AND `) : sql`1 = 1`;
}

/** The SET list: the item's column, and every column the engine would rewrite on UPDATE kept as it is. */
function setList(column: string, value: RawBuilder<unknown>, keep: readonly string[]): RawBuilder<unknown> {
  return sql.join([sql`${sql.id(column)} = ${value}`, ...keep.filter((k) => k !== column).map((k) => sql`${sql.id(k)} = ${sql.id(k)}`)]);
}

/** SQL-side change of the pending rows in (last, upper]. */
export function rangeChange(op: RowOperation, key: BatchKey, last: readonly string[] | null, upper: readonly string[] | null, keep: readonly string[]): RawBuilder<unknown> {
  const where = sql`${paren(op.pending!)} AND ${inRange(key, last, upper)}`;
  if (op.verb === 'delete') return sql`DELETE FROM ${tableRef(op.table)} WHERE ${where}`;
  return sql`UPDATE ${tableRef(op.table)} SET ${setList(op.item.column, op.set!, keep)} WHERE ${where}`;
}

/** SQL-side change of the pending rows among `keys` (rows the caller has locked and picked). */
export function keyedChange(w: WriteSql, op: RowOperation, key: BatchKey, keys: ReadonlyArray<readonly string[]>, keep: readonly string[]): RawBuilder<unknown> {
  return sql`UPDATE ${tableRef(op.table)} SET ${setList(op.item.column, op.set!, keep)} WHERE ${keyIn(key, keys, w, keyTypes(op.table, key))} AND ${paren(op.pending!)}`;
}

/** One row's new value, written only if the row still holds `old` (concurrent edits win). */
export function guardedUpdate(w: WriteSql, table: T, key: BatchKey, keyValues: readonly string[], column: string, old: unknown, value: unknown, keep: readonly string[]): RawBuilder<unknown> {
  const eqs = key.columns.map((k, i) => sql`${sql.id(k)} = ${keyValues[i]}`);
  return sql`UPDATE ${tableRef(table)} SET ${setList(column, sql`${value}`, keep)} WHERE ${sql.join(eqs, sql` AND `)} AND ${w.nullSafeEquals(sql.id(column), sql`${old}`)}`;
}

/** One stateless batch for the SQL file: change at most `n` pending rows. */
export function statelessBatch(family: SqlFamily, op: RowOperation, n: number, keyColumns: readonly string[], keep: readonly string[] = []): RawBuilder<unknown> {
  const t = tableRef(op.table);
  const pending = paren(op.pending!);
  const head = (top: RawBuilder<unknown>) =>
    op.verb === 'delete' ? sql`DELETE ${top}FROM ${t}` : sql`UPDATE ${top}${t} SET ${setList(op.item.column, op.set!, keep)}`;
  return writeSql(family).statelessBatch({ table: t, head, pending, keyColumns, n });
}
