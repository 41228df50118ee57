/**
 * `--shard i/n`: splits the sources across n machines or CI jobs. Sources are sorted by name
 * (code-point order) and dealt round-robin: the k-th name (0-based) goes to shard (k mod n) + 1.
 * Every job with the same config gets a disjoint slice, the slices cover every source, and their
 * sizes differ by at most one; `minim merge` combines the jobs' outputs.
 */
import { MinimError } from '../errors.js';

export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

/** Parses `i/n` (1 ≤ i ≤ n). */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new MinimError('USAGE', `--shard takes i/n with 1 ≤ i ≤ n (e.g. --shard 2/4), not "${text}"`);
  }
  return { index, count };
}

/** The sources of shard `shard`, in their original order. */
export function shardSources<T extends { readonly name: string }>(sources: readonly T[], shard: Shard): T[] {
  const names = sources.map((s) => s.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const mine = new Set(names.filter((_, k) => k % shard.count === shard.index - 1));
  return sources.filter((s) => mine.has(s.name));
}
