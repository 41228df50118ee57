/**
 * Classification off the I/O thread gives the scan the in-thread path gives: the same scan JSON,
 * byte for byte (clock and duration aside), on the demo city, with one and with two worker threads.
 * Also: the pool's bounded queue holds at most threads × 2 tables, and a dead worker's tables are
 * classified in the calling thread instead of being lost.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyTable } from '../../src/classify/index.js';
import { loadRules } from '../../src/rules/load.js';
import { defaultClassifyThreads, inThreadClassifier, workerClassifier } from '../../src/scan/classify-pool.js';
import { scan } from '../../src/scan/index.js';
import type { ScanResult } from '../../src/types.js';

const BUILT = existsSync(new URL('../../dist/src/scan/classify-worker.js', import.meta.url));
if (!BUILT) console.warn('scan-classify-pool: skipped: dist/src/scan/classify-worker.js is not built (npm run build)');

/** The result without what differs from run to run by nature (the clock, the durations). */
function stable(r: ScanResult): string {
  return JSON.stringify({ ...r, scannedAt: '', stats: { ...r.stats, durationMs: 0, classifyMs: 0 } });
}

describe.skipIf(!BUILT)('classification in worker threads', () => {
  let cacheDir: string;
  beforeAll(() => {
    cacheDir = mkdtempSync(join(tmpdir(), 'minim-pool-'));
  });
  afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

  it('gives the same scan JSON as in-thread classification on the demo city', { timeout: 180_000 }, async () => {
    const base = { demoCacheDir: cacheDir, sampleSeed: 1234 } as const;
    const inThread = await scan({ ...base, classifyThreads: 0 });
    const one = await scan({ ...base, classifyThreads: 1 });
    const two = await scan({ ...base, classifyThreads: 2 });
    expect(inThread.columns.some((c) => c.findings.length > 0)).toBe(true);
    expect(stable(one)).toBe(stable(inThread));
    expect(stable(two)).toBe(stable(inThread));
    // The time spent classifying is counted whichever threads did it, and no thread counts more
    // than the scan lasted.
    for (const [r, threads] of [[inThread, 0], [one, 1], [two, 2]] as const) {
      expect(r.stats!.classifyMs).toBeGreaterThan(0);
      expect(r.stats!.classifyMs!).toBeLessThanOrEqual((threads + 1) * r.stats!.durationMs + 1);
    }
  });

  it('accepts at most threads × 2 tables at once, and classifies like classifyTable', async () => {
    const rules = loadRules();
    const pool = workerClassifier(rules, [], 1, 2);
    try {
      const inputs = [
        { name: 'email', typeClass: 'text' as const, values: Array.from({ length: 200 }, (_, i) => `person${i}@example.org`) },
        { name: 'ssn', typeClass: 'text' as const, values: Array.from({ length: 200 }, (_, i) => `123-45-${String(1000 + i)}`) },
      ];
      const now = new Date('2026-01-01T00:00:00Z');
      const accepted: number[] = [];
      const jobs = Array.from({ length: 5 }, (_, i) => pool.submit('contacts', inputs, now).then((j) => (accepted.push(i), j)));
      await new Promise((r) => setTimeout(r, 0));
      expect(accepted.length).toBeLessThanOrEqual(2);
      const verdicts = await Promise.all((await Promise.all(jobs)).map((j) => j.verdict));
      expect(accepted).toHaveLength(5);
      const expected = classifyTable('contacts', inputs, rules, now);
      for (const v of verdicts) expect(v).toEqual(expected);
      expect(pool.classifyMs).toBeGreaterThan(0);
    } finally {
      await pool.close();
    }
  });

  it('a worker that dies hands its tables back to the calling thread', async () => {
    const rules = loadRules();
    const pool = workerClassifier(rules, [], 1, 4);
    const inputs = [{ name: 'email', typeClass: 'text' as const, values: ['a@example.org', 'b@example.org'] }];
    const now = new Date();
    const pending = await pool.submit('t', inputs, now);
    await pool.close(); // kills the worker with the table still queued
    expect(await pending.verdict).toEqual(classifyTable('t', inputs, rules, now));
    // Later tables go in-thread too.
    expect(await (await pool.submit('t', inputs, now)).verdict).toEqual(classifyTable('t', inputs, rules, now));
  });
});

describe('in-thread classification, pipelined', () => {
  it('returns before classifying (the caller sends its next statement first), at most `capacity` tables waiting', async () => {
    const rules = loadRules();
    const c = inThreadClassifier(rules, 2);
    const inputs = [{ name: 'email', typeClass: 'text' as const, values: ['a@example.org', 'b@example.org'] }];
    const now = new Date('2026-01-01T00:00:00Z');
    let settled = false;
    const first = await c.submit('t', inputs, now);
    void first.verdict.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    const accepted: number[] = [];
    const more = [1, 2, 3].map((i) => c.submit('t', inputs, now).then((j) => (accepted.push(i), j)));
    await Promise.resolve();
    expect(accepted).toEqual([1]);
    const verdicts = await Promise.all([first.verdict, ...(await Promise.all(more)).map((j) => j.verdict)]);
    for (const v of verdicts) expect(v).toEqual(classifyTable('t', inputs, rules, now));
    expect(c.classifyMs).toBeGreaterThan(0);
  });

  it('uses no worker below 4 cores, leaves two cores free above', () => {
    expect([1, 2, 3, 4, 6, 16].map((n) => defaultClassifyThreads(n))).toEqual([0, 0, 0, 2, 4, 4]);
  });
});
