import { describe, expect, it } from 'vitest';
import { VALIDATOR_IDS, VALIDATORS, WEAK } from '../../../src/validators/index.js';
import { VECTORS } from './vectors.js';

for (const id of VALIDATOR_IDS) {
  const v = VECTORS[id];
  const validate = VALIDATORS[id]!;

  describe(`validator ${id}`, () => {
    it('ships at least 5 valid and 5 invalid vectors', () => {
      expect(v.valid.length).toBeGreaterThanOrEqual(5);
      expect(v.invalid.length).toBeGreaterThanOrEqual(5);
    });

    it.each(v.valid)('accepts %j', (raw) => {
      expect(validate(raw)).toBe(1);
    });

    it.each(v.invalid)('rejects %j', (raw) => {
      expect(validate(raw)).toBe(0);
    });

    if (v.weak) {
      it.each(v.weak)('scores %j weak (valid shape, suspicious)', (raw) => {
        const score = validate(raw);
        expect(score).toBeGreaterThan(0);
        expect(score).toBeLessThan(1);
      });
    }

    it('tolerates surrounding blanks as written in a column', () => {
      expect(validate(`  ${v.valid[0]!}\t`)).toBe(1);
    });

    it('gives the same answer twice (no state leaks between calls)', () => {
      for (const raw of [...v.valid, ...v.invalid, ...(v.weak ?? [])]) {
        expect(validate(raw)).toBe(validate(raw));
      }
      const interleaved = v.valid.flatMap((ok, i) => [validate(ok), validate(v.invalid[i % v.invalid.length]!)]);
      expect(interleaved.filter((_, i) => i % 2 === 0).every((s) => s === 1)).toBe(true);
      expect(interleaved.filter((_, i) => i % 2 === 1).every((s) => s === 0)).toBe(true);
    });
  });
}

describe('validator scores', () => {
  it('uses the shared weak score for advertising SSNs', () => {
    expect(VALIDATORS.ssn!('078-05-1120')).toBe(WEAK);
    expect(VALIDATORS.ssn!('219-09-9999')).toBe(WEAK);
    expect(VALIDATORS.ssn!('123-45-6789')).toBe(WEAK);
    expect(WEAK).toBe(0.1);
  });

  it('returns a number in [0, 1] for arbitrary text', () => {
    const samples = ['', ' ', '-', '()', '+', '@', '::', '.', 'a'.repeat(500), '9'.repeat(100), 'Ä€😀', '1/2/3'];
    for (const id of VALIDATOR_IDS) {
      for (const raw of samples) {
        const score = VALIDATORS[id]!(raw);
        expect(score, `${id}(${JSON.stringify(raw.slice(0, 12))})`).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
      }
    }
  });
});
