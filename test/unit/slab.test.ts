import { describe, expect, it } from 'vitest';
import { int32Scratch, zeroedBytes } from '../../src/util/slab.js';

describe('typed arrays carved from shared chunks', () => {
  it('never overlap, whatever sizes are asked for in turn', () => {
    const views: Int32Array[] = [];
    for (let i = 0; i < 3000; i++) {
      const v = int32Scratch(1 + ((i * 37) % 700));
      v.fill(i);
      views.push(v);
    }
    // Each view still holds what was written to it: no later view shared its bytes.
    views.forEach((v, i) => expect(v.every((x) => x === i), `view ${i}`).toBe(true));
  });

  it('hands out zeroed bytes even where earlier views wrote', () => {
    for (let i = 0; i < 2000; i++) int32Scratch(200).fill(-1);
    for (let i = 0; i < 500; i++) {
      const b = zeroedBytes(1 + (i % 300));
      expect(b.every((x) => x === 0)).toBe(true);
      b.fill(7);
    }
  });

  it('gives a large array a buffer of its own', () => {
    const big = int32Scratch(100_000);
    expect(big.length).toBe(100_000);
    expect(big.buffer.byteLength).toBe(400_000);
    expect(zeroedBytes(50_000).buffer.byteLength).toBe(50_000);
  });
});
