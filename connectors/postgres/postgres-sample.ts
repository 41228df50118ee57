/**
 * Takes one table's sample: plan → one statement in a read-only transaction → column-major text
 * values (two statements only when a table read whole turned out bigger than its estimate, or when
 * a value defeats the aggregated form's separator and the rows are read again one by one).
 */
import type { CatalogTable, SampleOptions, TableSample } from '../types.js';
import type { RelationSize } from './postgres-catalog.js';
import { READ_ONLY_PREAMBLE_STATEMENTS, runReadOnly } from './postgres-read-only.js';
import { WHOLE_FALLBACK, describePlan, planSample, type SamplePlan } from './postgres-sample-plan.js';
import { aggregateFits, aggregateSampleSql, buildSampleSql } from './postgres-sample-sql.js';
import { joinedFits, joinedSample } from '../joined-values.js';
import type { PostgresTransport } from './postgres-transport.js';

/** Samples `table`; `size` comes from the catalog. Returns at most `options.rows` rows; never loops for more. */
export async function takeSample(
  transport: PostgresTransport,
  table: CatalogTable,
  size: RelationSize,
  options: SampleOptions,
): Promise<TableSample> {
  let plan = planSample(table.kind, size, options.rows);
  let read = await readSample(transport, table, plan, options, size.rowEstimate);
  let queries = read.queries;
  let method = '';
  if (plan.kind === 'whole' && read.rows > options.rows) {
    // NOTE: the table outgrew its estimate; its first rows are no sample of it. Sample it properly.
    plan = WHOLE_FALLBACK;
    read = await readSample(transport, table, plan, options, null);
    queries += read.queries;
    method = 'estimate-stale:';
  }
  method += describePlan(plan, read.rows, options.rows, read.sizedPercent);
  if ('joined' in read) return joinedSample(read.rows, read.joined, method, queries);
  return Object.freeze({ rows: read.rows, values: Object.freeze(read.values.map((v) => Object.freeze(v))), method, queries });
}

/**
 * Values a sample is expected to hold for it to come aggregated. The aggregate costs the server
 * about as much per statement as it saves the client on a couple of thousand values.
 * NOTE: measured on this project's 2-core machine, bare clients reading the bench databases both
 * ways: on 2,000 tables of 1,000 rows x ~12 sampled columns the client saved 2.4 s of CPU and the
 * server spent 0.5 s more; on 10,000 tables of 200 rows the client saved 1.9 s and the server
 * spent 1.4 s more, and minim's scan of those was a few percent slower aggregated (3 interleaved
 * runs each way).
 */
const AGGREGATE_MIN_VALUES = 4000;

/** SQLSTATE of a value or row over the server's size limits. */
const PROGRAM_LIMIT_EXCEEDED = '54000';

/** The rows of one plan, column-major: the values, or each column's values joined (joined-values.ts). */
type SampleRead = { readonly rows: number; readonly sizedPercent: number | null; readonly queries: number } & (
  | { readonly values: Array<Array<string | null>> }
  | { readonly joined: Array<string | null> }
);

/**
 * The rows of one plan, column-major: aggregated one text per column (aggregateSampleSql) when
 * the sample is expected to hold enough values (AGGREGATE_MIN_VALUES) and fits at worst
 * (aggregateFits), else (or when a value defeats the separator, or the row is over the server's
 * limits after all) row by row. `rowEstimate`: the table's, for a whole read.
 */
async function readSample(
  transport: PostgresTransport,
  table: CatalogTable,
  plan: SamplePlan,
  options: SampleOptions,
  rowEstimate: number | null,
): Promise<SampleRead> {
  const width = options.columns.length;
  const rowSql = buildSampleSql(table, plan, options);
  const sized = plan.kind === 'tablesample-sized';
  let queries = 0;
  // The rows a whole read expects are the table's; every other plan asks for the sample's worth.
  const expected = plan.kind === 'whole' && rowEstimate !== null ? Math.min(rowEstimate, options.rows) : options.rows;
  if (expected * width >= AGGREGATE_MIN_VALUES && aggregateFits(options.columns, options.rows, options.maxValueLength)) {
    let result: unknown[][] | null;
    try {
      result = await runReadOnly(transport, aggregateSampleSql(rowSql, width, sized), options);
    } catch (e) {
      // NOTE: values longer than their type promised (a domain, an extension type) can still make
      // the one row too big for the server (54000, program limit exceeded): read row by row then.
      if ((e as { code?: unknown }).code !== PROGRAM_LIMIT_EXCEEDED) throw e;
      result = null;
    }
    queries += READ_ONLY_PREAMBLE_STATEMENTS + 1;
    const row = result?.[0];
    const rows = Number(row?.[0] ?? 0);
    const joined: Array<string | null> = [];
    for (let c = 0; row && c < width; c++) {
      const text = row[1 + 2 * c];
      if (!joinedFits(text, rows, Number(row[2 + 2 * c]))) break;
      joined.push(rows === 0 ? null : text);
    }
    if (row && joined.length === width) {
      return { rows, joined, sizedPercent: sized && rows > 0 ? Number(row[1 + 2 * width]) : null, queries };
    }
  }
  const rows = await runReadOnly(transport, rowSql, options);
  queries += READ_ONLY_PREAMBLE_STATEMENTS + 1;
  // One pass over the rows, filling every column (column-major), rather than one pass per column.
  const values: Array<Array<string | null>> = Array.from({ length: width }, () => new Array<string | null>(rows.length));
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    for (let c = 0; c < width; c++) values[c]![r] = toText(row[c]);
  }
  return { rows: rows.length, values, sizedPercent: sized && rows.length > 0 ? Number(rows[0]![width]) : null, queries };
}

function toText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : String(value);
}
