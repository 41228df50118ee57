/**
 * Batched statements for a row operation. Two forms share the same SET and `pending` predicate:
 * - stateless: "change up to N rows that are still pending" — repeated until it changes 0 rows
 *   (the SQL file, and tables without a key on MySQL/SQL Server);
 * - ranged: key ranges (keyset on the primary key) or, for a PostgreSQL table without one,
 *   ctid page ranges — each statement touches one range, so a run is O(rows), not O(rows²/N).
 */
import { sql, type RawBuilder } from 'kysely';
import type { CatalogTable } from '../../connectors/types.js';
import { tableRef, type RowOperation } from './operations.js';
import type { SqlFamily } from './sql-compiler.js';

const ids = (names: readonly string[]) => sql.join(names.map((n) => sql.id(n)));
const paren = (p: RawBuilder<unknown>) => sql`(${p})`;

/** `SELECT count(*) AS n FROM t WHERE pending`: what a dry run reports. */
export function countPending(op: RowOperation): RawBuilder<unknown> {
  return sql`SELECT count(*) AS ${sql.id('n')} FROM ${tableRef(op.table)} WHERE ${paren(op.pending)}`;
}

function head(op: RowOperation, family: SqlFamily, top?: number): RawBuilder<unknown> {
  const t = tableRef(op.table);
  const topClause = top !== undefined ? sql`TOP (${sql.lit(top)}) ` : sql``;
  if (op.verb === 'delete') return sql`DELETE ${topClause}FROM ${t}`;
  return sql`UPDATE ${topClause}${t} SET ${sql.id(op.item.column)} = ${op.set!}`;
}

/** One stateless batch: change at most `n` pending rows. */
export function statelessBatch(family: SqlFamily, op: RowOperation, n: number): RawBuilder<unknown> {
  const pk = op.table.primaryKey;
  const pending = paren(op.pending);
  if (family === 'mssql') return sql`${head(op, family, n)} WHERE ${pending}`;
  if (family === 'mysql') {
    const order = pk.length > 0 ? sql` ORDER BY ${ids(pk)}` : sql``;
    return sql`${head(op, family)} WHERE ${pending}${order} LIMIT ${sql.lit(n)}`;
  }
  if (pk.length > 0) {
    return sql`${head(op, family)} WHERE (${ids(pk)}) IN (SELECT ${ids(pk)} FROM ${tableRef(op.table)} WHERE ${pending} ORDER BY ${ids(pk)} LIMIT ${sql.lit(n)})`;
  }
  return sql`${head(op, family)} WHERE ctid = ANY(ARRAY(SELECT ctid FROM ${tableRef(op.table)} WHERE ${pending} LIMIT ${sql.lit(n)}))`;
}

/** Rows strictly after the key `last` in key order (row-value comparison spelled out: SQL Server has none). */
function after(pk: readonly string[], last: readonly unknown[]): RawBuilder<unknown> {
  const ors = pk.map((_, i) => {
    const eqs = pk.slice(0, i).map((k, j) => sql`${sql.id(k)} = ${last[j]}`);
    return sql`(${sql.join([...eqs, sql`${sql.id(pk[i]!)} > ${last[i]}`], sql` AND `)})`;
  });
  return sql`(${sql.join(ors, sql` OR `)})`;
}

/** The key that ends the next batch: the `n`-th key after `last` (none: the rest of the table is one batch). */
export function keysetBound(family: SqlFamily, table: CatalogTable, last: readonly unknown[] | null, n: number): RawBuilder<unknown> {
  const pk = table.primaryKey;
  const cols = sql.join(pk.map((k, i) => sql`${sql.id(k)} AS ${sql.id(`k${i}`)}`));
  const where = last ? sql` WHERE ${after(pk, last)}` : sql``;
  const order = ids(pk);
  if (family === 'mssql') {
    return sql`SELECT ${cols} FROM ${tableRef(table)}${where} ORDER BY ${order} OFFSET ${sql.lit(n - 1)} ROWS FETCH NEXT 1 ROWS ONLY`;
  }
  return sql`SELECT ${cols} FROM ${tableRef(table)}${where} ORDER BY ${order} LIMIT 1 OFFSET ${sql.lit(n - 1)}`;
}

/** One key-range batch: pending rows with key in (last, upper]. */
export function keysetBatch(family: SqlFamily, op: RowOperation, last: readonly unknown[] | null, upper: readonly unknown[] | null): RawBuilder<unknown> {
  const pk = op.table.primaryKey;
  const conds: Array<RawBuilder<unknown>> = [paren(op.pending)];
  if (last) conds.push(after(pk, last));
  if (upper) conds.push(sql`NOT ${after(pk, upper)}`);
  return sql`${head(op, family)} WHERE ${sql.join(conds, sql` AND `)}`;
}

/** PostgreSQL, no key: one batch per range of heap pages [from, to). */
export function ctidBatch(op: RowOperation, from: number, to: number): RawBuilder<unknown> {
  return sql`${head(op, 'postgres')} WHERE ctid >= ${sql.lit(`(${from},0)`)}::tid AND ctid < ${sql.lit(`(${to},0)`)}::tid AND ${paren(op.pending)}`;
}

/** PostgreSQL: heap pages and rows per page of a table, for ctid batches. */
export function pageStats(table: CatalogTable): RawBuilder<unknown> {
  return sql`SELECT pg_relation_size(c.oid) / current_setting('block_size')::bigint AS pages, c.reltuples AS tuples, c.relpages AS relpages FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = ${table.schema} AND c.relname = ${table.name}`;
}
