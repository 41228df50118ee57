/** Small builders that keep each department file declarative: columns with labels, rows by name. */
import type { CategoryId } from '../types.js';
import type { DemoColumn, DemoColumnType, DemoTable, DemoValue } from './model.js';
import { Rng } from './prng.js';

interface ColumnOptions {
  length?: number;
  precision?: number;
  scale?: number;
  labels?: readonly CategoryId[];
  trap?: string;
}

/** A column; `labels` defaults to `[]` (clean). */
export function col(name: string, type: DemoColumnType, options: ColumnOptions = {}): DemoColumn {
  const { labels = [], ...rest } = options;
  return { name, type, labels, ...rest };
}

/** A clean column that looks sensitive: `trap` says why it must not be flagged. */
export function trap(name: string, type: DemoColumnType, why: string, options: Omit<ColumnOptions, 'labels' | 'trap'> = {}): DemoColumn {
  return { name, type, labels: [], trap: why, ...options };
}

export interface TableSpec {
  readonly schema: string;
  readonly department: string;
  readonly name: string;
  readonly primaryKey: readonly string[];
  readonly columns: readonly DemoColumn[];
}

/**
 * Builds `count` rows with `row(i, rng)` (i from 1), each a record keyed by column name, using the
 * table's own sub-generator of `seed`. Throws when a row misses or adds a column.
 */
export function buildTable(
  seed: number,
  spec: TableSpec,
  count: number,
  row: (i: number, rng: Rng) => Record<string, DemoValue>,
): DemoTable {
  const rng = Rng.for(seed, `${spec.schema}.${spec.name}`);
  const names = spec.columns.map((c) => c.name);
  const rows: DemoValue[][] = [];
  for (let i = 1; i <= count; i++) {
    const rec = row(i, rng);
    const keys = Object.keys(rec);
    if (keys.length !== names.length || names.some((n) => !(n in rec))) {
      throw new Error(`demo table ${spec.schema}.${spec.name}: row ${i} has columns [${keys.join(', ')}], expected [${names.join(', ')}]`);
    }
    rows.push(names.map((n) => rec[n]!));
  }
  return { ...spec, rows };
}

/** `value` or, with probability `p`, null. */
export function maybe<T extends DemoValue>(rng: Rng, p: number, value: T): T | null {
  return rng.chance(p) ? null : value;
}
