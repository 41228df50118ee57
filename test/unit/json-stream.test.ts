/** The streamed scan JSON is byte for byte what JSON.stringify(result, null, 2) gives. */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonPieces, writePiecesAtomic } from '../../src/report/json-stream.js';

const column = (i: number) => ({
  source: 'hr',
  schema: 'public',
  table: `t"${i}\u2028`,
  column: 'ssn',
  dataType: 'text',
  rowEstimate: i % 2 ? null : 1000,
  sampled: 1000,
  nonNull: 990,
  findings: i % 3 ? [] : [{ category: 'ssn', confidence: 0.97, evidence: [{ source: 'value', rule: 'ssn', matched: 0.9 }], examples: ['***-**-1234'] }],
  ...(i % 4 ? {} : { skipped: 'type binary cannot hold personal data' }),
  nothing: undefined,
});

describe('jsonPieces', () => {
  it('gives the bytes JSON.stringify(result, null, 2) gives, the columns one at a time', () => {
    const result = {
      version: 1,
      scannedAt: '2026-12-03T10:00:00Z',
      sources: [{ name: 'hr', dialect: 'postgres', url: 'postgres://h/db' }],
      columns: Array.from({ length: 25 }, (_, i) => column(i)),
      errors: [],
      risks: undefined,
      stats: { tables: 25, columns: 25, queries: 75, valuesClassified: 25_000, durationMs: 12 },
    };
    const pieces = [...jsonPieces(result)];
    expect(pieces.join('')).toBe(JSON.stringify(result, null, 2) + '\n');
    expect(pieces.length).toBeGreaterThan(25);
    expect([...jsonPieces({ version: 1, columns: [], errors: [] })].join('')).toBe(JSON.stringify({ version: 1, columns: [], errors: [] }, null, 2) + '\n');
    expect([...jsonPieces({})].join('')).toBe('{}\n');
  });

  it('writes them atomically, leaving no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minim-json-'));
    try {
      const result = { version: 1, columns: Array.from({ length: 5000 }, (_, i) => column(i)) };
      await writePiecesAtomic(join(dir, 'scan.json'), jsonPieces(result));
      expect(readFileSync(join(dir, 'scan.json'), 'utf8')).toBe(JSON.stringify(result, null, 2) + '\n');
      expect(readdirSync(dir)).toEqual(['scan.json']);
      await expect(writePiecesAtomic(join(dir, 'missing', 'scan.json'), jsonPieces(result))).rejects.toMatchObject({ code: 'FILE_INVALID' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
