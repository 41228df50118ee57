import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openScanStream } from '../../src/scan/stream.js';
import { parseNdjson } from '../../src/merge/ndjson.js';
import type { ScanColumn, ScanResult } from '../../src/types.js';

const sources = [{ name: 'hr', dialect: 'postgres' as const, url: 'postgres://u:***@h/hr' }];
const col = (table: string, column: string): ScanColumn => ({
  source: 'hr', schema: 'public', table, column, dataType: 'text', rowEstimate: 5, sampled: 5, nonNull: 5, findings: [],
  candidates: [{ category: 'phone', confidence: 0.2, evidence: [], examples: [] }],
});
const table = (name: string, error: ScanResult['errors'][number] | null = null) => ({
  source: 'hr', schema: 'public', table: name, columns: [col(name, 'a'), col(name, 'b')], error, risk: null,
});
const result = (tables: number): ScanResult => ({
  version: 1, scannedAt: 'x', sources, columns: [], errors: [],
  stats: { tables, columns: tables * 2, queries: tables, valuesClassified: tables * 10, durationMs: 5 },
});

describe('streamed scan (NDJSON)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'minim-stream-'));

  it('writes a header, a line per table as it finishes (on disk at once), and a trailer', () => {
    const path = join(dir, 'a.ndjson');
    const s = openScanStream(path, { sources });
    s.onTable(table('t2'));
    // Already on disk before the scan ends: an interrupted scan keeps it.
    expect(readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l).type)).toEqual(['scan', 'table']);
    s.onTable(table('t1'));
    const r = s.finish(result(2));
    const lines = readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.type)).toEqual(['scan', 'table', 'table', 'end']);
    expect(lines[0]).toMatchObject({ type: 'scan', version: 1, sources });
    expect(lines[1].columns[0].candidates).toBeUndefined();
    expect(r.columns.map((c) => `${c.table}.${c.column}`)).toEqual(['t1.a', 't1.b', 't2.a', 't2.b']);
    expect(r.stats).toMatchObject({ tables: 2, columns: 4, queries: 2 });
    expect(r.sources[0]!.fingerprint).toMatch(/^sha256:/);
  });

  it('resumes: ignores a line cut short by a crash, skips finished tables, rescans failed ones', () => {
    const path = join(dir, 'b.ndjson');
    const s = openScanStream(path, { sources });
    s.onTable(table('t1'));
    s.onTable(table('t2', { source: 'hr', table: 'public.t2', code: 'SAMPLE_TIMEOUT', message: 'timed out' }));
    s.abort();
    writeFileSync(path, readFileSync(path, 'utf8') + '{"type":"table","source":"hr","schema":"public","ta', { flag: 'w' });
    const r = openScanStream(path, { sources, resume: true });
    expect(r.finished).toBe(1);
    expect(r.skipTable('hr', 'public', 't1')).toBe(true);
    expect(r.skipTable('hr', 'public', 't2')).toBe(false);
    expect(r.skipTable('hr', 'public', 't3')).toBe(false);
    r.onTable(table('t2'));
    r.onTable(table('t3'));
    const merged = r.finish(result(2));
    const parsed = parseNdjson(readFileSync(path, 'utf8'), path);
    expect(parsed.complete).toBe(true);
    expect(parsed.headers.map((h) => h.resumed ?? false)).toEqual([false, true]);
    expect(merged.columns.map((c) => c.table)).toEqual(['t1', 't1', 't2', 't2', 't3', 't3']);
    expect(merged.errors).toEqual([]);
    expect(merged.stats?.tables).toBe(3);
  });

  it('resume of a missing file starts a new one; a corrupt middle line is FILE_INVALID', () => {
    const path = join(dir, 'c.ndjson');
    const s = openScanStream(path, { sources, resume: true });
    expect(s.finished).toBe(0);
    s.finish(result(0));
    writeFileSync(join(dir, 'd.ndjson'), '{"type":"scan","version":1,"scannedAt":"x","sources":[]}\n{oops\n{"type":"end","stats":{}}\n');
    expect(() => openScanStream(join(dir, 'd.ndjson'), { sources, resume: true })).toThrow(/line 2 is not valid JSON/);
  });

  it('streams to a writer (stdout) when there is no file', () => {
    const out: string[] = [];
    const s = openScanStream(null, { sources, write: (l) => out.push(l) });
    s.onTable(table('t1'));
    const r = s.finish(result(1));
    expect(out.map((l) => JSON.parse(l).type)).toEqual(['scan', 'table', 'end']);
    expect(r.columns).toHaveLength(2);
  });
});
