/** Takes one table's sample: plan → one statement in a read-only transaction → column-major text values. */
import type { CatalogTable, SampleOptions, TableSample } from '../types.js';
import type { RelationSize } from './postgres-catalog.js';
import { READ_ONLY_PREAMBLE_STATEMENTS, runReadOnly } from './postgres-read-only.js';
import { describePlan, planSample } from './postgres-sample-plan.js';
import { buildSampleSql } from './postgres-sample-sql.js';
import type { PostgresTransport } from './postgres-transport.js';

/** Samples `table`; `size` comes from the catalog. Returns at most `options.rows` rows; never loops for more. */
export async function takeSample(
  transport: PostgresTransport,
  table: CatalogTable,
  size: RelationSize,
  options: SampleOptions,
): Promise<TableSample> {
  const plan = planSample(table.kind, size, options.rows);
  const sql = buildSampleSql(table, plan, options);
  const rows = await runReadOnly(transport, sql, options);
  const values = options.columns.map((_, i) => Object.freeze(rows.map((row) => toText(row[i]))));
  const sizedPercent = plan.kind === 'tablesample-sized' && rows.length > 0 ? Number(rows[0]![options.columns.length]) : null;
  return Object.freeze({
    rows: rows.length,
    values: Object.freeze(values),
    method: describePlan(plan, rows.length, options.rows, sizedPercent),
    queries: READ_ONLY_PREAMBLE_STATEMENTS + 1,
  });
}

function toText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : String(value);
}
