/**
 * Reading a streamed scan back: the NDJSON of 16k and 64k tables, written once to
 * a temporary file and read as `merge`, `report` and the end of every streamed scan read it
 * (`readScanInput`: parse, last line per table, sort, fingerprints). Synthetic names, no values.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readScanInput } from '../../src/merge/read.js';
import { renderNdjson } from '../../src/scan/stream.js';
import type { ScanColumn, ScanResult } from '../../src/types.js';
import { median, progress, since } from './progress.js';

export interface NdjsonReadResult {
  readonly tables: number;
  readonly bytes: number;
  readonly ms: number;
  /** Target in ms, or null (the 64k row shows the growth). */
  readonly targetMs: number | null;
}

/** A scan of `n` tables of 12 columns (one finding on every third), an error on every 50th. */
function syntheticScan(n: number): ScanResult {
  const columns: ScanColumn[] = [];
  const errors: ScanResult['errors'] = [];
  for (let i = 0; i < n; i++) {
    const schema = `s${i % 40}`;
    const table = `t_${i}`;
    for (let c = 0; c < 12; c++) {
      columns.push({
        source: 'many', schema, table, column: `c${c}`, dataType: 'text', rowEstimate: 1000, sampled: 1000, nonNull: 990,
        findings: c % 3 === 0 ? [{ category: 'email', confidence: 0.9, evidence: [{ rule: 'email', source: 'value', detail: '99% match', weight: 0.9 }], examples: ['j***@e******.org'] }] : [],
      } as ScanColumn);
    }
    if (i % 50 === 0) errors.push({ source: 'many', table: `${schema}.${table}`, code: 'SAMPLE_TIMEOUT', message: 'timed out' });
  }
  return {
    version: 1, scannedAt: '2026-01-01T00:00:00Z', sources: [{ name: 'many', dialect: 'postgres' }], columns, errors,
    stats: { tables: n, columns: 12 * n, queries: n, valuesClassified: 1000 * n, durationMs: 1 },
  };
}

/** Times reading an NDJSON scan of 16k and 64k tables (median of `runs`). */
export async function benchNdjsonRead(quick: boolean): Promise<NdjsonReadResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'minim-bench-ndjson-'));
  const out: NdjsonReadResult[] = [];
  try {
    for (const [tables, targetMs] of [[16_000, 2_000], [64_000, null]] as const) {
      const path = join(dir, `scan-${tables}.ndjson`);
      writeFileSync(path, renderNdjson(syntheticScan(tables)));
      const runs: number[] = [];
      for (let i = 0; i < (quick ? 1 : 3); i++) {
        const t0 = performance.now();
        const r = await readScanInput(path);
        runs.push(since(t0));
        if (r.stats?.tables !== tables) throw new Error(`ndjson: read ${r.stats?.tables} tables of ${tables}`);
        progress(`ndjson: ${tables} tables read in ${Math.round(runs[i]!)} ms`);
      }
      out.push({ tables, bytes: statSync(path).size, ms: median(runs), targetMs });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
