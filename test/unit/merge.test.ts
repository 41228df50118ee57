import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readScanFile } from '../../src/report/read-input.js';
import { readScanFile as readPlanScan } from '../../src/cli/commands/plan.js';
import { mergeResults } from '../../src/merge/merge.js';
import { parseScanText } from '../../src/merge/read.js';
import { renderNdjson } from '../../src/scan/stream.js';
import type { ScanColumn, ScanResult } from '../../src/types.js';

const col = (source: string, schema: string, table: string, column: string): ScanColumn => ({
  source, schema, table, column, dataType: 'text', rowEstimate: 10, sampled: 10, nonNull: 10, findings: [],
});

function shard(name: string, cols: ScanColumn[], at: string, errors: ScanResult['errors'] = []): ScanResult {
  return {
    version: 1,
    scannedAt: at,
    sources: [{ name, dialect: 'postgres' }],
    columns: cols,
    errors,
    stats: { tables: new Set(cols.map((c) => c.table)).size, columns: cols.length, queries: 3, valuesClassified: 30, durationMs: 100 },
  };
}

describe('minim merge', () => {
  const a = shard('alpha', [col('alpha', 'public', 'zeta', 'b'), col('alpha', 'public', 'zeta', 'a'), col('alpha', 'public', 'beta', 'x')], '2026-11-23T12:05:00Z', [
    { source: 'alpha', table: 'public.zeta', code: 'SAMPLE_TIMEOUT', message: 'timed out' },
  ]);
  const b = shard('bravo', [col('bravo', 'app', 'people', 'ssn')], '2026-11-23T12:00:00Z', [{ source: 'bravo', code: 'CONNECT_FAILED', message: 'refused' }]);

  it('concatenates sources, sorts columns by source, schema, table and keeps order within a table', () => {
    const m = mergeResults([{ path: 'a.json', result: a }, { path: 'b.json', result: b }]);
    expect(m.sources.map((s) => s.name)).toEqual(['alpha', 'bravo']);
    expect(m.columns.map((c) => `${c.source}.${c.table}.${c.column}`)).toEqual(['alpha.beta.x', 'alpha.zeta.b', 'alpha.zeta.a', 'bravo.people.ssn']);
    expect(m.errors.map((e) => e.code)).toEqual(['SAMPLE_TIMEOUT', 'CONNECT_FAILED']);
    expect(m.stats).toEqual({ tables: 3, columns: 4, queries: 6, valuesClassified: 60, durationMs: 200 });
    expect(m.scannedAt).toBe('2026-11-23T12:00:00Z');
    expect(m.version).toBe(1);
  });

  it('adds up the classification time only when every file counted it', () => {
    const timed = (r: ScanResult, classifyMs: number): ScanResult => ({ ...r, stats: { ...r.stats!, classifyMs } });
    expect(mergeResults([{ path: 'a.json', result: timed(a, 40) }, { path: 'b.json', result: timed(b, 2) }]).stats?.classifyMs).toBe(42);
    // A file from before it was counted: no sum that would pass for the whole.
    expect(mergeResults([{ path: 'a.json', result: timed(a, 40) }, { path: 'b.json', result: b }]).stats).not.toHaveProperty('classifyMs');
  });

  it('refuses a source that two files both hold, naming it and both files', () => {
    expect(() => mergeResults([{ path: 'a.json', result: a }, { path: 'a2.json', result: a }])).toThrow(/source alpha is in both a\.json and a2\.json/);
  });

  it('reads NDJSON and JSON alike, and an NDJSON rendering round-trips to the same inventory', () => {
    const json = parseScanText(JSON.stringify(a), 'a.json');
    const nd = parseScanText(renderNdjson(a), 'a.ndjson');
    expect(nd.columns.map((c) => c.column)).toEqual(['x', 'b', 'a']);
    expect(nd.errors).toEqual(a.errors);
    expect(nd.stats).toEqual(a.stats);
    expect(json.columns).toEqual(a.columns);
    const timed: ScanResult = { ...a, stats: { ...a.stats!, classifyMs: 17 } };
    expect(parseScanText(renderNdjson(timed), 'a.ndjson').stats).toEqual(timed.stats);
  });

  it('names the file and the line of a bad input, never its content', () => {
    expect(() => parseScanText('{"version":2}', 'x.json')).toThrow(expect.objectContaining({ code: 'FILE_INVALID' }));
    expect(() => parseScanText('not json 123-45-6789', 'x.json')).toThrow(/^scan x\.json: not valid JSON or NDJSON/);
    const bad = renderNdjson(a).split('\n');
    bad.splice(1, 0, '{"ssn":"123-45-6789"');
    let message = '';
    try {
      parseScanText(bad.join('\n'), 'x.ndjson');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/line 2 is not valid JSON/);
    expect(message).not.toContain('123-45-6789');
  });

  it('report, access, check, label and plan read a streamed scan (.ndjson) as the scan JSON it stands for', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'minim-merge-')), 'a.ndjson');
    writeFileSync(path, renderNdjson(a));
    for (const read of [readScanFile, readPlanScan]) {
      const r = await read(path);
      expect(r.columns.map((c) => c.column)).toEqual(['x', 'b', 'a']);
      expect(r.sources.map((s) => s.name)).toEqual(['alpha']);
    }
  });
});
