import { describe, expect, it } from 'vitest';
import {
  MIN_SAMPLED_PAGES,
  OVERSAMPLE,
  describePlan,
  formatPercent,
  planSample,
} from '../../connectors/postgres/postgres-sample-plan.js';

describe('planSample', () => {
  it('reads views and foreign tables with a plain LIMIT', () => {
    expect(planSample('view', { rowEstimate: null, pages: null }, 1000)).toEqual({ kind: 'limit', reason: 'view' });
    expect(planSample('foreign', { rowEstimate: 1e9, pages: null }, 1000)).toEqual({ kind: 'limit', reason: 'foreign' });
  });

  it('reads a small table whole', () => {
    expect(planSample('table', { rowEstimate: 4000, pages: 40 }, 1000)).toEqual({ kind: 'small' });
    expect(planSample('table', { rowEstimate: 1001, pages: 10 }, 1000)).toEqual({ kind: 'small' });
  });

  it('reads a table whose estimate is no larger than the sample whole, unsorted', () => {
    expect(planSample('table', { rowEstimate: 1000, pages: 10 }, 1000)).toEqual({ kind: 'whole' });
    expect(planSample('table', { rowEstimate: 0, pages: 0 }, 1000)).toEqual({ kind: 'whole' });
    expect(planSample('materialized_view', { rowEstimate: 10, pages: 1 }, 1000)).toEqual({ kind: 'whole' });
    expect(planSample('view', { rowEstimate: 10, pages: 1 }, 1000)).toEqual({ kind: 'limit', reason: 'view' });
  });

  it('sorts a mid-size table of at most MIN_SAMPLED_PAGES pages at random', () => {
    expect(planSample('table', { rowEstimate: 20_000, pages: 120 }, 1000)).toEqual({ kind: 'random-limit' });
  });

  it('draws about MIN_SAMPLED_PAGES pages of a big table, whatever its size', () => {
    for (const pages of [10_000, 1_000_000, 100_000_000]) {
      const plan = planSample('table', { rowEstimate: pages * 100, pages }, 1000);
      expect(plan.kind).toBe('tablesample');
      if (plan.kind !== 'tablesample') continue;
      expect((plan.percent / 100) * pages).toBeCloseTo(MIN_SAMPLED_PAGES, 6);
    }
  });

  it('draws enough rows when rows are wide (few per page)', () => {
    const plan = planSample('table', { rowEstimate: 200_000, pages: 100_000 }, 1000);
    expect(plan).toEqual({ kind: 'tablesample', percent: (100 * 1000 * OVERSAMPLE) / 200_000 });
  });

  it('leaves a never-analyzed table (pages unknown) to size itself in the statement', () => {
    expect(planSample('table', { rowEstimate: null, pages: null }, 1000)).toEqual({ kind: 'tablesample-sized', minPercent: 0 });
    // A partitioned parent with some analyzed partitions: at least enough for the rows it knows of.
    expect(planSample('partitioned', { rowEstimate: 300_000, pages: null }, 1000)).toEqual({ kind: 'tablesample-sized', minPercent: 1 });
    expect(planSample('partitioned', { rowEstimate: 3000, pages: null }, 1000)).toEqual({ kind: 'small' });
    expect(planSample('partitioned', { rowEstimate: 300, pages: null }, 1000)).toEqual({ kind: 'whole' });
  });

  it('samples partitioned parents and materialized views like tables', () => {
    expect(planSample('partitioned', { rowEstimate: 1e7, pages: 60_000 }, 1000).kind).toBe('tablesample');
    expect(planSample('materialized_view', { rowEstimate: 1e7, pages: 60_000 }, 1000).kind).toBe('tablesample');
  });
});

describe('describePlan', () => {
  it('says what was done', () => {
    expect(describePlan({ kind: 'small' }, 12, 1000)).toBe('full');
    expect(describePlan({ kind: 'whole' }, 1000, 1000)).toBe('full');
    expect(describePlan({ kind: 'small' }, 1000, 1000)).toBe('first-rows(10000)+random-limit');
    expect(describePlan({ kind: 'limit', reason: 'view' }, 1000, 1000)).toBe('view-limit');
    expect(describePlan({ kind: 'random-limit' }, 1000, 1000)).toBe('random-limit');
    expect(describePlan({ kind: 'tablesample', percent: 0.4213 }, 1000, 1000)).toBe('tablesample-system(0.42%)+random-limit');
    expect(describePlan({ kind: 'tablesample-sized', minPercent: 0 }, 1000, 1000, 2.5)).toBe('tablesample-system(2.5%,by-size)+random-limit');
    expect(describePlan({ kind: 'tablesample-sized', minPercent: 0 }, 40, 1000, 100)).toBe('full');
    expect(describePlan({ kind: 'tablesample-sized', minPercent: 0 }, 0, 1000, null)).toBe('full');
  });

  it('formats tiny percentages without losing them', () => {
    expect(formatPercent(12.5)).toBe('13');
    expect(formatPercent(0.000_004_6)).toBe('4.6e-6');
  });
});
