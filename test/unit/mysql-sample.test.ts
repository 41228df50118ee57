/** takeMysqlSample's choice of statements, with a fake row source that records SQL (no database). */
import { describe, expect, it } from 'vitest';
import type { MysqlRowSource } from '../../connectors/mysql/mysql-catalog.js';
import { takeMysqlSample } from '../../connectors/mysql/mysql-sample.js';
import { probeWindow } from '../../connectors/mysql/mysql-sample-sql.js';
import type { CatalogColumn, CatalogTable } from '../../connectors/types.js';

const cols: CatalogColumn[] = [
  { name: 'id', position: 1, dataType: 'int', typeClass: 'integer', nullable: false, maxLength: null, comment: null },
  { name: 'v', position: 2, dataType: 'text', typeClass: 'text', nullable: true, maxLength: null, comment: null },
];
const table = (over: Partial<CatalogTable>): CatalogTable => ({
  schema: 'd', name: 't', kind: 'table', rowEstimate: 1_000_000, primaryKey: ['id'], columns: cols, comment: null, ...over,
});
const opts = { rows: 1000, columns: cols, maxValueLength: 50, statementTimeoutMs: 1000, lockTimeoutMs: 1000 };

/** First index whose key is >= `k` (keys sorted ascending). */
function lowerBound(keys: number[], k: number): number {
  let [lo, hi] = [0, keys.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid]! < k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A fake table of sorted keys `keys`: answers MIN/MAX and probe statements by parsing their bounds. */
function fakeTable(keys: number[]): MysqlRowSource & { sql: string[] } {
  const sql: string[] = [];
  return {
    sql,
    async rows(s) {
      sql.push(s);
      if (s.startsWith('SELECT CAST(MIN')) return [[String(keys[0]), String(keys[keys.length - 1])]];
      if (s.includes('ORDER BY RAND()')) return keys.slice(0, 5000).slice(0, 1000).map((k) => [String(k), 'x']);
      const whole = /^SELECT (?:(?!UNION).)* FROM `d`\.`t` LIMIT (\d+)$/.exec(s);
      if (whole) return keys.slice(0, Number(whole[1])).map((k) => [String(k), 'x']);
      const out: unknown[][] = [];
      for (const m of s.matchAll(/>= (\d+)(?: AND `id` < (\d+))? ORDER BY `id` LIMIT (\d+)/g)) {
        const lo = Number(m[1]);
        const hi = m[2] === undefined ? Infinity : Number(m[2]);
        let i = lowerBound(keys, lo);
        for (let taken = 0; i < keys.length && keys[i]! < hi && taken < Number(m[3]); i++, taken++) {
          out.push([String(keys[i]), 'x', String(keys[i])]);
        }
      }
      return out;
    },
  };
}

describe('takeMysqlSample', () => {
  it('dense keys: MIN/MAX plus one windowed probe statement, 1000 distinct rows', async () => {
    const db = fakeTable(Array.from({ length: 1_000_000 }, (_, i) => i + 1));
    const s = await takeMysqlSample(db, table({}), opts);
    expect(db.sql).toHaveLength(2);
    expect(db.sql[1]!.match(/UNION ALL/g)).toHaveLength(99);
    expect(db.sql[1]).toContain('AND `id` <');
    expect(s).toMatchObject({ rows: 1000, queries: 2, method: 'pk-probes(100x10)' });
    expect(new Set(s.values[0]).size).toBe(1000);
  });

  it('clustered keys: windows come back mostly empty, so the probes are repeated with open ranges', async () => {
    const keys = [...Array.from({ length: 500 }, (_, i) => i + 1), ...Array.from({ length: 999_500 }, (_, i) => 9_000_001 + i)];
    const db = fakeTable(keys.filter((k) => k <= 500 || k > 9_000_000));
    const s = await takeMysqlSample(db, table({ rowEstimate: 1_000_000 }), opts);
    expect(db.sql).toHaveLength(3);
    expect(db.sql[2]).not.toContain('AND `id` <');
    expect(s.method).toBe('pk-probes-open(100x10)');
    expect(s.queries).toBe(3);
  });

  it('small, keyless or view: one bounded statement', async () => {
    const db = fakeTable([1, 2, 3]);
    const s = await takeMysqlSample(db, table({ rowEstimate: 3 }), opts);
    expect(db.sql).toHaveLength(1);
    expect(s).toMatchObject({ rows: 3, method: 'full', queries: 1 });
    // Read whole, unsorted: one row more than it may keep.
    expect(db.sql[0]).toBe('SELECT LEFT(CAST(`id` AS CHAR CHARACTER SET utf8mb4), 50) AS c0, LEFT(CAST(`v` AS CHAR CHARACTER SET utf8mb4), 50) AS c1 FROM `d`.`t` LIMIT 2001');
    const big = fakeTable(Array.from({ length: 20_000 }, (_, i) => i));
    const k = await takeMysqlSample(big, table({ primaryKey: [] }), opts);
    expect(k.method).toBe('random-of-first(5000)');
    expect(big.sql[0]).toContain('LIMIT 5000) AS s ORDER BY RAND() LIMIT 1000');
  });

  it('a table of about the sample size is read whole in one statement, not probed', async () => {
    const exact = fakeTable(Array.from({ length: 1000 }, (_, i) => i + 1));
    expect(await takeMysqlSample(exact, table({ rowEstimate: 1013 }), opts)).toMatchObject({ rows: 1000, method: 'full', queries: 1 });
    expect(exact.sql).toHaveLength(1);
    const bigger = fakeTable(Array.from({ length: 1500 }, (_, i) => i + 1));
    const s = await takeMysqlSample(bigger, table({ rowEstimate: 1000 }), opts);
    expect(s).toMatchObject({ rows: 1000, method: 'random-of-whole', queries: 1 });
    expect(new Set(s.values[0]).size).toBe(1000);
    expect(s.values[0]!.some((v) => Number(v) > 1000)).toBe(true);
  });

  it('a whole read that finds more rows than the stale estimate falls back to key probes', async () => {
    const db = fakeTable(Array.from({ length: 1_000_000 }, (_, i) => i + 1));
    const s = await takeMysqlSample(db, table({ rowEstimate: 1000 }), opts);
    expect(db.sql).toHaveLength(3);
    expect(db.sql[0]).toMatch(/LIMIT 2001$/);
    expect(db.sql[2]).toContain('UNION ALL');
    expect(s).toMatchObject({ rows: 1000, queries: 3 });
    expect(s.method).toMatch(/^estimate-stale:pk-probes/);
  });

  it('sizes the probe window from the key density, capped at one stratum', () => {
    expect(probeWindow(1_000_000, 1_000_000n, 100, 10)).toBe(40n);
    expect(probeWindow(100_000, 1_000_000n, 100, 10)).toBe(400n);
    expect(probeWindow(10, 1_000_000_000_000n, 100, 10)).toBe(10_000_000_000n);
    expect(probeWindow(null, 1_000n, 100, 10)).toBeNull();
    expect(probeWindow(5_000_000, 1_000n, 100, 10)).toBe(1n);
  });
});
