import { describe, expect, it } from 'vitest';
import { applyProgress, createProgress, progressEnabled, type ProgressCounts } from '../../src/util/progress.js';

function sink(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, write: (s: string) => chunks.push(s), columns: 100, cursorTo: () => true, clearLine: () => true, moveCursor: () => true, on: () => undefined, removeListener: () => undefined } };
}

describe('progress', () => {
  it('is quiet when stderr is piped or CI is set', () => {
    expect(progressEnabled({ stderr: { write: () => true }, env: {} })).toBe(false);
    expect(progressEnabled({ stderr: { write: () => true, isTTY: true }, env: { CI: 'true' } })).toBe(false);
    expect(progressEnabled({ stderr: { write: () => true, isTTY: true }, env: {} })).toBe(true);
    const s = sink(false);
    const p = createProgress({ stderr: s.stream, env: {} }, 3);
    p.tick({ kind: 'table-done', source: 'a', table: 't', rows: 10 });
    p.stop();
    expect(p.active).toBe(false);
    expect(s.chunks).toEqual([]);
  });

  it('counts tables, rows and errors; total grows from source-start events', () => {
    const c: ProgressCounts = { total: 0, done: 0, rows: 0, errors: 0 };
    applyProgress(c, { kind: 'source-start', source: 'a', tables: 2 }, 0);
    applyProgress(c, { kind: 'table-done', source: 'a', table: 't1', rows: 1000 }, 0);
    applyProgress(c, { kind: 'table-done', source: 'a', table: 't2', rows: 0, error: 'PERMISSION_DENIED' }, 0);
    applyProgress(c, { kind: 'source-done', source: 'a' }, 0);
    expect(c).toEqual({ total: 2, done: 2, rows: 1000, errors: 1 });
  });

  it('draws a bar on a terminal and never prints values', () => {
    const s = sink(true);
    const p = createProgress({ stderr: s.stream, env: {} });
    p.tick({ kind: 'source-start', source: 'a', tables: 2 });
    p.tick({ kind: 'table-done', source: 'a', table: 't1', rows: 1234 });
    p.stop();
    p.stop();
    expect(p.active).toBe(true);
    const out = s.chunks.join('');
    expect(out).toContain('1/2 tables');
    expect(out).toContain('1,234 rows sampled');
  });
});
