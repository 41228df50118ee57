/**
 * Key-ordered reads of whole tables, each batch its own short statement (no lock held between
 * batches): what redaction previews, verification and exact counts stream through the detectors.
 */
import { sql, type RawBuilder } from 'kysely';
import type { CatalogTable, Connector, WriteDialect } from '../../connectors/types.js';
import { keyOf, readBatch, type BatchKey } from './batch-sql.js';
import { tableRef } from './operations.js';
import { compile, type SqlFamily } from './sql-compiler.js';

export interface ReadRow {
  readonly key: readonly string[];
  /** The requested columns' values, in order. */
  readonly values: readonly unknown[];
}

export interface ReadOptions {
  readonly batchSize: number;
  /** A database-side prefilter (fewer rows cross the wire; the detectors decide). */
  readonly where?: RawBuilder<unknown>;
  /** Values as the server's text (dates, numbers). */
  readonly asText?: boolean;
}

/** The batching key a table offers for reads: its first key, else its row locator, else none. */
export async function readKey(w: WriteDialect, table: Pick<CatalogTable, 'schema' | 'name'>): Promise<BatchKey | null> {
  const facts = await w.tableFacts(table.schema, table.name);
  const k = facts.keys[0];
  if (k && k.length > 0) return { columns: k, locator: false };
  return facts.rowLocator ? { columns: [facts.rowLocator], locator: true } : null;
}

/**
 * Streams `columns` of `table` in batches of `batchSize` rows in key order. Without a key (a view,
 * a keyless MySQL table) the table is read in one statement.
 */
export async function* streamRows(
  connector: Connector,
  family: SqlFamily,
  table: Pick<CatalogTable, 'schema' | 'name'>,
  key: BatchKey | null,
  columns: readonly string[],
  options: ReadOptions,
): AsyncGenerator<ReadRow[]> {
  const w = connector.write!;
  if (!key) {
    const cols = sql.join(columns.map((c, i) => sql`${options.asText ? w.asText(sql.id(c)) : sql.id(c)} AS ${sql.id(`minim_v${i}`)}`));
    const q = compile(family, sql`SELECT ${cols} FROM ${tableRef(table)}${options.where ? sql` WHERE ${options.where}` : sql``}`);
    const rows = (await connector.query(q.sql, q.parameters)).rows;
    for (let i = 0; i < rows.length; i += options.batchSize) {
      yield rows.slice(i, i + options.batchSize).map((r) => ({ key: [], values: columns.map((_, j) => r[`minim_v${j}`]) }));
    }
    return;
  }
  let last: string[] | null = null;
  for (;;) {
    const q = compile(family, readBatch(w, table, key, columns, last, options.batchSize, { ...(options.where ? { where: options.where } : {}), asText: !!options.asText }));
    const rows = (await connector.query(q.sql, q.parameters)).rows;
    if (rows.length === 0) return;
    yield rows.map((r) => ({ key: keyOf(key, r), values: columns.map((_, j) => r[`minim_v${j}`]) }));
    if (rows.length < options.batchSize) return;
    last = keyOf(key, rows[rows.length - 1]!);
  }
}

/** A value as text for the detectors (Buffers decoded as UTF-8); null stays null. */
export function textOf(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (Buffer.isBuffer(v)) return v.toString('utf8');
  return String(v);
}
