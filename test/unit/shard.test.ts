import { describe, expect, it } from 'vitest';
import { parseShard, shardSources } from '../../src/scan/shard.js';

const src = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `db${String(i).padStart(2, '0')}`, url: `postgres://h/db${i}` }));

describe('--shard i/n', () => {
  it('parses i/n and refuses anything else with a USAGE error', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
    for (const bad of ['0/4', '5/4', '1/0', 'a/b', '1', '1/2/3', '-1/2']) {
      expect(() => parseShard(bad)).toThrow(expect.objectContaining({ code: 'USAGE' }));
    }
  });

  it('deals sources round-robin by sorted name: disjoint, covering, balanced within one', () => {
    const sources = src(50).reverse();
    for (const n of [1, 2, 3, 7, 50, 64]) {
      const parts = Array.from({ length: n }, (_, i) => shardSources(sources, { index: i + 1, count: n }));
      const names = parts.flat().map((s) => s.name);
      expect(new Set(names).size).toBe(50);
      expect(names.length).toBe(50);
      const sizes = parts.map((p) => p.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it('is deterministic whatever the order of the config, and keeps config order within a shard', () => {
    const a = shardSources(src(10), { index: 2, count: 3 }).map((s) => s.name);
    const b = shardSources(src(10).reverse(), { index: 2, count: 3 }).map((s) => s.name);
    expect(a).toEqual(['db01', 'db04', 'db07']);
    expect(b).toEqual(['db07', 'db04', 'db01']);
  });
});
