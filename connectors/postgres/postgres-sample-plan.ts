/**
 * How to sample one relation so the cost does not grow with its size, and the rows of a big table
 * come from many pages rather than one block.
 */
import type { TableKind } from '../types.js';
import type { RelationSize } from './postgres-catalog.js';

/** A table whose estimate is at most this many times the target rows is small: no TABLESAMPLE. */
export const SMALL_TABLE_FACTOR = 5;
/**
 * A small table's sample is drawn at random from its first `SMALL_READ_CAP × rows` rows: all of it
 * when the estimate is right, and a bounded read when the estimate is stale and the table has grown.
 */
export const SMALL_READ_CAP = 2 * SMALL_TABLE_FACTOR;
/** TABLESAMPLE draws about this many times the target rows, so the random LIMIT has enough to choose from. */
export const OVERSAMPLE = 3;
/**
 * …and at least this many pages, so a big table's sample is spread over ≥ 100 distinct pages.
 * SYSTEM draws each page with probability p, so the count is binomial around this mean: 150 keeps
 * fewer than 105 pages below one chance in 10,000, while reading about as many rows as a 10k-row
 * table holds (sample cost flat from 10k to 10M rows).
 */
export const MIN_SAMPLED_PAGES = 150;

export type SamplePlan =
  /** `SELECT … LIMIT n`: views and foreign tables. */
  | { readonly kind: 'limit'; readonly reason: 'view' | 'foreign' }
  /**
   * `SELECT … LIMIT n + 1`, no sort: the estimate says the table holds at most the sample, so the
   * sample is the table. n + 1 rows back means the estimate was stale: the caller drops them and
   * takes `WHOLE_FALLBACK` instead (a second statement).
   */
  | { readonly kind: 'whole' }
  /** `ORDER BY random() LIMIT n` over the first SMALL_READ_CAP × n rows: small tables (read whole). */
  | { readonly kind: 'small' }
  /** `ORDER BY random() LIMIT n` over the whole relation: it spans at most MIN_SAMPLED_PAGES pages. */
  | { readonly kind: 'random-limit' }
  /** `TABLESAMPLE SYSTEM (percent)`, then `ORDER BY random() LIMIT n` over those rows. */
  | { readonly kind: 'tablesample'; readonly percent: number }
  /**
   * Pages unknown (never analyzed): the statement computes the percent itself from
   * pg_relation_size, at least `minPercent` (from the row estimate, when there is one).
   */
  | { readonly kind: 'tablesample-sized'; readonly minPercent: number };

/** Decides the sampling method from the catalog's row estimate and pages (null pages: never analyzed). */
export function planSample(kind: TableKind, size: RelationSize, rows: number): SamplePlan {
  if (kind === 'view') return { kind: 'limit', reason: 'view' };
  if (kind === 'foreign') return { kind: 'limit', reason: 'foreign' }; // NOTE: TABLESAMPLE does not apply to foreign tables
  const { rowEstimate: estimate, pages } = size;
  if (estimate !== null && estimate <= rows) return { kind: 'whole' };
  if (estimate !== null && estimate <= SMALL_TABLE_FACTOR * rows) return { kind: 'small' };
  const byRows = estimate ? (rows * OVERSAMPLE) / estimate : 0;
  if (pages === null) return { kind: 'tablesample-sized', minPercent: Math.min(100, byRows * 100) };
  const byPages = pages > 0 ? MIN_SAMPLED_PAGES / pages : 0;
  const fraction = Math.max(byRows, byPages);
  if (fraction === 0) return { kind: 'small' };
  if (fraction >= 1) return { kind: 'random-limit' };
  return { kind: 'tablesample', percent: Math.max(fraction * 100, 0.000001) };
}

/**
 * What a `whole` read that found more rows than the sample falls back to: the statement sizes the
 * sample from the relation's size on disk now (the catalog's figures were stale), so it stays
 * bounded however much the table grew.
 */
export const WHOLE_FALLBACK: SamplePlan = { kind: 'tablesample-sized', minPercent: 0 };

/**
 * The `method` reported for a plan, given how many rows came back and, for a sized plan, the percent
 * the statement computed (null when no row came back).
 */
export function describePlan(plan: SamplePlan, returned: number, target: number, sizedPercent: number | null = null): string {
  switch (plan.kind) {
    case 'limit':
      return `${plan.reason}-limit`;
    case 'whole':
      return 'full';
    case 'small':
      return returned < target ? 'full' : `first-rows(${SMALL_READ_CAP * target})+random-limit`;
    case 'random-limit':
      return returned < target ? 'full' : 'random-limit';
    case 'tablesample':
      return `tablesample-system(${formatPercent(plan.percent)}%)+random-limit`;
    case 'tablesample-sized':
      if (sizedPercent === null || sizedPercent >= 100) return returned < target ? 'full' : 'random-limit';
      return `tablesample-system(${formatPercent(sizedPercent)}%,by-size)+random-limit`;
  }
}

/** 0.4213 → `0.42`, 12.5 → `13`, 0.0000046 → `4.6e-6`. */
export function formatPercent(percent: number): string {
  if (percent < 0.001) return percent.toExponential(1);
  return String(Number(percent.toPrecision(2)));
}
