import { describe, expect, it } from 'vitest';
import type { TypeClass } from '../../connectors/types.js';
import { maxLengthOf, typeClassOf } from '../../connectors/postgres/postgres-types.js';

const CASES: Array<[name: string, category: string, expected: TypeClass]> = [
  ['text', 'S', 'text'],
  ['varchar', 'S', 'text'],
  ['bpchar', 'S', 'text'],
  ['name', 'S', 'text'],
  ['citext', 'S', 'text'],
  ['int2', 'N', 'integer'],
  ['int4', 'N', 'integer'],
  ['int8', 'N', 'integer'],
  ['numeric', 'N', 'decimal'],
  ['float8', 'N', 'decimal'],
  ['date', 'D', 'date'],
  ['timestamp', 'D', 'timestamp'],
  ['timestamptz', 'D', 'timestamp'],
  ['time', 'D', 'time'],
  ['bool', 'B', 'boolean'],
  ['bytea', 'U', 'binary'],
  ['json', 'U', 'json'],
  ['jsonb', 'U', 'json'],
  ['_text', 'A', 'array'],
  ['_int4', 'A', 'array'],
  ['uuid', 'U', 'uuid'],
  ['point', 'G', 'spatial'],
  ['polygon', 'G', 'spatial'],
  ['geometry', 'U', 'spatial'],
  ['geography', 'U', 'spatial'],
  ['mood', 'E', 'text'],
  ['inet', 'I', 'text'],
  ['interval', 'T', 'other'],
  ['tsvector', 'U', 'other'],
];

describe('typeClassOf', () => {
  it.each(CASES)('%s (category %s) → %s', (name, category, expected) => {
    expect(typeClassOf({ name, category })).toBe(expected);
  });
});

describe('maxLengthOf', () => {
  it('reads varchar(n) and char(n) from the typmod', () => {
    expect(maxLengthOf({ name: 'varchar', category: 'S' }, 24)).toBe(20);
    expect(maxLengthOf({ name: 'bpchar', category: 'S' }, 5)).toBe(1);
    expect(maxLengthOf({ name: 'varchar', category: 'S' }, -1)).toBeNull();
    expect(maxLengthOf({ name: 'numeric', category: 'N' }, 655366)).toBeNull();
  });
});
