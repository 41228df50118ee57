import { describe, expect, it } from 'vitest';
import { columnInputs, packSample, unpackSample, type SampledColumn } from '../../src/scan/classify-pool.js';
import type { ColumnInput } from '../../src/classify/index.js';
import { NULL_MARK, VALUE_SEPARATOR } from '../../connectors/joined-values.js';

const join = (values: ReadonlyArray<string | null>) => values.map((v) => (v === null ? NULL_MARK : v)).join(VALUE_SEPARATOR);

describe('packSample / unpackSample (a table handed to a classification worker)', () => {
  it('gives back the same inputs: NULLs, empty strings, unsampled columns, labels, non-ASCII and NUL characters', () => {
    const inputs: ColumnInput[] = [
      { name: 'email', typeClass: 'text', values: ['a@example.org', null, '', 'b@example.org'] },
      { name: 'photo', typeClass: 'binary', values: null },
      { name: 'dob', typeClass: 'date', values: [], labels: ['birth_date'] },
      { name: 'note', typeClass: 'text', values: ['Zoë 😀 Ünal', '\u0000x\u0000', null, 'é'.repeat(5000)] },
    ];
    const packed = packSample(inputs);
    if (!('lengths' in packed)) throw new Error('arrays are packed into one text and a lengths array');
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

describe('columns the connector joined (connectors/joined-values.ts)', () => {
  const columns: SampledColumn[] = [
    { name: 'ssn', typeClass: 'text', values: { joined: join(['123-45-6789', null, '']), rows: 3 }, labels: ['ssn'] },
    { name: 'photo', typeClass: 'binary', values: null },
    { name: 'born', typeClass: 'date', values: { joined: join(['1990-01-02', '1991-03-04', null]), rows: 3 } },
  ];
  const expected: ColumnInput[] = [
    { name: 'ssn', typeClass: 'text', values: ['123-45-6789', null, ''], labels: ['ssn'] },
    { name: 'photo', typeClass: 'binary', values: null },
    { name: 'born', typeClass: 'date', values: ['1990-01-02', '1991-03-04', null] },
  ];

  it('are split for the calling thread', () => {
    expect(columnInputs(columns)).toEqual(expected);
  });

  it('travel to a worker as the joined texts (no value packed one by one) and come out the same', () => {
    const packed = packSample(columns);
    expect('joined' in packed && packed.joined.map((j) => j?.joined)).toEqual([join(['123-45-6789', null, '']), undefined, join(['1990-01-02', '1991-03-04', null])]);
    expect(unpackSample(structuredClone(packed))).toEqual(expected);
  });
});
