/**
 * Takes one table's sample: plan → one statement in a read-only transaction → column-major text
 * values (two statements only when a table read whole turned out bigger than its estimate).
 */
import type { CatalogTable, SampleOptions, TableSample } from '../types.js';
import type { RelationSize } from './postgres-catalog.js';
import { READ_ONLY_PREAMBLE_STATEMENTS, runReadOnly } from './postgres-read-only.js';
import { WHOLE_FALLBACK, describePlan, planSample } from './postgres-sample-plan.js';
import { buildSampleSql } from './postgres-sample-sql.js';
import type { PostgresTransport } from './postgres-transport.js';

/** Samples `table`; `size` comes from the catalog. Returns at most `options.rows` rows; never loops for more. */
export async function takeSample(
  transport: PostgresTransport,
  table: CatalogTable,
  size: RelationSize,
  options: SampleOptions,
): Promise<TableSample> {
  let plan = planSample(table.kind, size, options.rows);
  let rows = await runReadOnly(transport, buildSampleSql(table, plan, options), options);
  let queries = READ_ONLY_PREAMBLE_STATEMENTS + 1;
  let method = '';
  if (plan.kind === 'whole' && rows.length > options.rows) {
    // NOTE: the table outgrew its estimate; its first rows are no sample of it. Sample it properly.
    plan = WHOLE_FALLBACK;
    rows = await runReadOnly(transport, buildSampleSql(table, plan, options), options);
    queries += READ_ONLY_PREAMBLE_STATEMENTS + 1;
    method = 'estimate-stale:';
  }
  // One pass over the rows, filling every column (column-major), rather than one pass per column.
  const width = options.columns.length;
  const values: Array<Array<string | null>> = Array.from({ length: width }, () => new Array<string | null>(rows.length));
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    for (let c = 0; c < width; c++) values[c]![r] = toText(row[c]);
  }
  for (const v of values) Object.freeze(v);
  const sizedPercent = plan.kind === 'tablesample-sized' && rows.length > 0 ? Number(rows[0]![options.columns.length]) : null;
  return Object.freeze({
    rows: rows.length,
    values: Object.freeze(values),
    method: method + describePlan(plan, rows.length, options.rows, sizedPercent),
    queries,
  });
}

function toText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : String(value);
}
