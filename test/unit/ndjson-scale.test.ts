/**
 * Reading a streamed scan (NDJSON) is linear in the file's length: it runs at the
 * end of every streamed scan, on --resume and in merge, and once took 47 s for 16k tables. Proven
 * by counting the work (characters measured for byte offsets), not by a stopwatch; the figure is in
 * `npm run bench -- --only ndjson`. Plus correctness at 16k tables.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ndjsonToResult, parseNdjson } from '../../src/merge/ndjson.js';
import { parseScanText } from '../../src/merge/read.js';
import { renderNdjson } from '../../src/scan/stream.js';
import type { ScanColumn, ScanResult } from '../../src/types.js';

/** A scan of `n` tables (two columns each, non-ASCII names), every tenth with an error, every seventh with a risk. */
function bigScan(n: number): ScanResult {
  const columns: ScanColumn[] = [];
  const errors: ScanResult['errors'] = [];
  const risks: NonNullable<ScanResult['risks']> = [];
  for (let i = 0; i < n; i++) {
    const table = `tablé_${String(i).padStart(6, '0')}`;
    for (const column of ['id', 'numéro']) {
      columns.push({ source: 'hr', schema: 'public', table, column, dataType: 'text', rowEstimate: 5, sampled: 5, nonNull: 5, findings: [] });
    }
    if (i % 10 === 0) errors.push({ source: 'hr', table: `public.${table}`, code: 'PERMISSION_DENIED', message: `no SELECT on public.${table}` });
    if (i % 7 === 0) risks.push({ source: 'hr', schema: 'public', table, kind: 'quasi_identifiers', columns: ['id', 'numéro'], message: 'together they can identify a person' });
  }
  return {
    version: 1,
    scannedAt: '2026-01-01T00:00:00Z',
    sources: [{ name: 'hr', dialect: 'postgres' }],
    columns,
    errors,
    risks,
    stats: { tables: n, columns: 2 * n, queries: n, valuesClassified: 10 * n, durationMs: 5 },
  };
}

describe('NDJSON reading at scale', () => {
  afterEach(() => vi.restoreAllMocks());

  it('measures each character once for byte offsets (linear, not a prefix per line)', () => {
    const text = renderNdjson(bigScan(2000));
    let measured = 0;
    const real = Buffer.byteLength.bind(Buffer);
    vi.spyOn(Buffer, 'byteLength').mockImplementation(((s: string | ArrayBufferView, enc?: BufferEncoding) => {
      measured += typeof s === 'string' ? s.length : s.byteLength;
      return real(s as string, enc);
    }) as typeof Buffer.byteLength);
    const parsed = parseNdjson(text, 'big.ndjson');
    expect(parsed.tables).toHaveLength(2000);
    expect(measured).toBeLessThanOrEqual(text.length);
  });

  it('reads 16k tables back exactly: last line of a table wins, a cut-short tail is ignored, byte offsets count UTF-8', () => {
    const scan = bigScan(16_000);
    const text = renderNdjson(scan);
    // A later run rescanned one table (its line replaces the first), then crashed mid-line.
    const lines = text.split('\n');
    const replaced = JSON.parse(lines[1]!) as { columns: ScanColumn[] };
    replaced.columns = replaced.columns.slice(0, 1);
    const whole = text + JSON.stringify(replaced) + '\n';
    const parsed = parseNdjson(whole + '{"type":"table","source":"hr","sch', 'big.ndjson');
    expect(parsed.validBytes).toBe(Buffer.byteLength(whole));
    expect(parsed.complete).toBe(false);
    const r = ndjsonToResult(parsed);
    expect(r.stats!.tables).toBe(16_000);
    expect(r.columns).toHaveLength(2 * 16_000 - 1);
    expect(r.columns.filter((c) => c.table === 'tablé_000000').map((c) => c.column)).toEqual(['id']);
    expect(r.errors).toHaveLength(1_600);
    expect(r.risks).toHaveLength(Math.ceil(16_000 / 7));
    // The round trip of the whole file is the scan it was written from.
    const back = parseScanText(text, 'big.ndjson');
    expect(back.columns).toEqual(scan.columns);
    expect(back.errors).toEqual(scan.errors);
    expect(back.risks).toEqual(scan.risks);
  }, 60_000);
});
