/** Combines scan results (one per shard) into one inventory. */
import { MinimError } from '../errors.js';
import type { ScanColumn, ScanResult, ScanStats } from '../types.js';

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The stats a merge adds up input by input. */
const SUMMED = ['tables', 'columns', 'queries', 'valuesClassified', 'durationMs'] as const;

/**
 * One inventory from several scans: sources concatenated in input order (a source name seen twice
 * is a USAGE error), columns by source order, schema, table (code-point order) and, within a table,
 * in input order; errors and risks merged in source order; stats summed (durationMs is the sum of
 * the scans' times, not wall time; classifyMs only when every scan counted it); scannedAt is the earliest.
 */
export function mergeResults(inputs: ReadonlyArray<{ path: string; result: ScanResult }>): ScanResult {
  if (inputs.length === 0) throw new MinimError('USAGE', 'minim merge needs at least one scan file');
  const seen = new Map<string, string>();
  const sources = inputs.flatMap(({ path, result }) =>
    result.sources.map((s) => {
      const other = seen.get(s.name);
      if (other !== undefined) {
        throw new MinimError('USAGE', `source ${s.name} is in both ${other} and ${path}; each shard must scan different sources (use --shard i/n with the same config)`, { subject: s.name });
      }
      seen.set(s.name, path);
      return s;
    }),
  );
  const order = new Map(sources.map((s, i) => [s.name, i]));
  const rank = (source: string) => order.get(source) ?? sources.length;
  const columns: ScanColumn[] = inputs
    .flatMap(({ result }) => result.columns)
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank(a.c.source) - rank(b.c.source) || cmp(a.c.schema, b.c.schema) || cmp(a.c.table, b.c.table) || a.i - b.i)
    .map(({ c }) => c);
  const errors = inputs
    .flatMap(({ result }) => result.errors ?? [])
    .sort((a, b) => rank(a.source) - rank(b.source) || cmp(a.table ?? '', b.table ?? ''));
  const risks = inputs
    .flatMap(({ result }) => result.risks ?? [])
    .sort((a, b) => rank(a.source) - rank(b.source) || cmp(a.schema, b.schema) || cmp(a.table, b.table));
  const stats: ScanStats = { tables: 0, columns: 0, queries: 0, valuesClassified: 0, durationMs: 0 };
  for (const { result } of inputs) {
    for (const k of SUMMED) stats[k] += result.stats?.[k] ?? 0;
  }
  // Classification time only when every input counted it: a partial sum would pass for the whole.
  if (inputs.length > 0 && inputs.every(({ result }) => typeof result.stats?.classifyMs === 'number')) {
    stats.classifyMs = inputs.reduce((n, { result }) => n + result.stats!.classifyMs!, 0);
  }
  if (inputs.every(({ result }) => !result.stats)) {
    stats.tables = new Set(columns.map((c) => `${c.source}\0${c.schema}\0${c.table}`)).size;
    stats.columns = columns.length;
  }
  const scannedAt = inputs.map(({ result }) => result.scannedAt).filter(Boolean).sort()[0] ?? new Date().toISOString();
  return {
    version: 1,
    scannedAt,
    sources,
    columns,
    errors,
    ...(risks.length > 0 ? { risks } : {}),
    stats,
  };
}
