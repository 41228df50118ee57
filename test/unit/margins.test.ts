import { describe, expect, it } from 'vitest';
import { shapeGates } from '../../src/classify/margins.js';
import { classifyTable } from '../../src/classify/index.js';
import { loadRules } from '../../src/rules/load.js';
import { Rng } from '../../src/util/prng.js';

const rules = loadRules();
const now = new Date('2026-11-01T00:00:00Z');

describe('shape gates over non-blank values', () => {
  it('blank strings are neither codes nor short values', () => {
    const sparse = Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? `person${i}@example.org` : ''));
    expect(shapeGates(sparse).codesOnly).toBe(false);
    const sparseSsn = Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? String(123450000 + i) : ''));
    expect(shapeGates(sparseSsn).digitsContradict([9, 9])).toBe(false);
    expect(shapeGates(Array.from({ length: 100 }, (_, i) => ['Y', 'N', ''][i % 3]!)).codesOnly).toBe(true);
  });
  it('a practically empty column closes the gate; one with a few percent of values does not', () => {
    expect(shapeGates(Array.from({ length: 1000 }, () => '')).codesOnly).toBe(true);
    expect(shapeGates(Array.from({ length: 1000 }, (_, i) => (i % 35 === 0 ? 'someone@example.org' : ''))).codesOnly).toBe(false);
  });
  it('digits outside the category\'s range contradict it', () => {
    const names = Array.from({ length: 100 }, (_, i) => ['Ana', 'Bo', 'Chen'][i % 3]!);
    expect(shapeGates(names).digitsContradict([9, 9])).toBe(true);
    expect(shapeGates(Array.from({ length: 100 }, (_, i) => String(100000000 + i * 7919))).digitsContradict([9, 9])).toBe(false);
  });
});

describe('a sparse column decides the same on every sample', () => {
  it('an email column 90% blank strings is an email column in each of ten samples', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => (i % 10 === 3 || i % 97 === 0 ? `p${i}@mail.example.org` : ''));
    const decisions = new Set<string>();
    for (let s = 1; s <= 10; s++) {
      const r = new Rng(s);
      const sample = Array.from({ length: 1000 }, () => rows[r.int(0, rows.length - 1)]!);
      const v = classifyTable('patient_data', [{ name: 'email_direct', typeClass: 'text', values: sample }], rules, now);
      decisions.add(v.columns[0]!.findings.map((f) => f.category).join(','));
    }
    expect([...decisions]).toEqual(['email']);
  });
});

describe('a JSON key path speaks for the column unless it is certainly rare', () => {
  it('an optional field in one document of five counts; one in fifty does not', async () => {
    const { pathSpeaks } = await import('../../src/classify/margins.js');
    for (const present of [110, 120, 130]) expect(pathSpeaks(present, 600)).toBe(true);
    expect(pathSpeaks(12, 600)).toBe(false);
    expect(pathSpeaks(2, 5)).toBe(false);
  });
});
