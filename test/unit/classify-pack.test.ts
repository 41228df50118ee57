import { describe, expect, it } from 'vitest';
import { packSample, unpackSample } from '../../src/scan/classify-pool.js';
import type { ColumnInput } from '../../src/classify/index.js';

describe('packSample / unpackSample (a table handed to a classification worker)', () => {
  it('gives back the same inputs: NULLs, empty strings, unsampled columns, labels, non-ASCII and NUL characters', () => {
    const inputs: ColumnInput[] = [
      { name: 'email', typeClass: 'text', values: ['a@example.org', null, '', 'b@example.org'] },
      { name: 'photo', typeClass: 'binary', values: null },
      { name: 'dob', typeClass: 'date', values: [], labels: ['birth_date'] },
      { name: 'note', typeClass: 'text', values: ['Zoë 😀 Ünal', '\u0000x\u0000', null, 'é'.repeat(5000)] },
    ];
    const packed = packSample(inputs);
    expect(packed.lengths).toBeInstanceOf(Int32Array);
    // 4 column headers + 8 value lengths.
    expect(packed.lengths.length).toBe(4 + 8);
    expect(packed.columns.every((c) => !('values' in c))).toBe(true);
    expect(unpackSample(packed)).toEqual(inputs);
  });

  it('survives the trip to a worker (structured clone) and stays whole on the sending side (the fallback unpacks it)', () => {
    const inputs: ColumnInput[] = [{ name: 'phone', typeClass: 'text', values: ['+1 555 0100', null, '+44 20 7946 0958'] }];
    const packed = packSample(inputs);
    const copy = structuredClone(packed);
    expect(unpackSample(copy)).toEqual(inputs);
    expect(unpackSample(packed)).toEqual(inputs);
  });
});
