import { describe, expect, it } from 'vitest';
import { NOT_CLINICAL, SUFFIXES, medicalMorphology } from '../../../src/validators/medical-morphology.js';
import { Rng } from '../../../src/util/prng.js';

// The letter-by-letter reading the regex replaced, over the validator's own word lists, kept as the
// reference it must agree with.
function reference(raw: string): number {
  let start = -1;
  for (let i = 0; i <= raw.length; i++) {
    const c = i < raw.length ? raw.charCodeAt(i) | 32 : 0;
    const letter = c >= 97 && c <= 122;
    if (letter && start < 0) start = i;
    else if (!letter && start >= 0) {
      const w = raw.slice(start, i).toLowerCase();
      if (w.length >= 6 && !NOT_CLINICAL.has(w) && SUFFIXES.some((s) => w.length >= s.length + 2 && w.endsWith(s))) return 1;
      start = -1;
    }
  }
  return 0;
}

describe('medical morphology', () => {
  it('finds words of clinical formation, not ordinary words that share an ending', () => {
    expect(medicalMorphology('Appendicitis')).toBe(1);
    expect(medicalMorphology('atorvastatin 20 mg')).toBe(1);
    expect(medicalMorphology('APPENDECTOMY, 2019')).toBe(1);
    expect(medicalMorphology('Statin')).toBe(0);
    expect(medicalMorphology('nostalgia and empathy')).toBe(0);
    expect(medicalMorphology('nostalgia, then bronchitis')).toBe(1);
    expect(medicalMorphology('xitis')).toBe(0);
    expect(medicalMorphology('Request 1 about a streetlight, resolved by crew 1')).toBe(0);
    expect(medicalMorphology('bronchitis2')).toBe(1);
    expect(medicalMorphology('ébronchitis')).toBe(1);
    expect(medicalMorphology('bronchitisé')).toBe(1);
    expect(medicalMorphology('ſbronchitis')).toBe(1);
  });

  it('agrees with the letter-by-letter reading on words, suffix mixtures and random strings', () => {
    const rng = new Rng(21);
    const parts = [...SUFFIXES, ...NOT_CLINICAL, 'a', 'b', 'xy', 'append', 'ator', 'va', 'STAT', 'Itis', 'OL', 'pril', 'e', 'ſ', 'é', 'K'];
    const seps = [' ', '', '', '', '-', '1', ',', '_', 'é', '\u0131', '\n'];
    let found = 0;
    for (let i = 0; i < 30_000; i++) {
      let s = '';
      const n = rng.int(1, 6);
      for (let k = 0; k < n; k++) {
        let p = parts[rng.int(0, parts.length - 1)]!;
        if (rng.int(0, 3) === 0) p = p.toUpperCase();
        s += p + seps[rng.int(0, seps.length - 1)]!;
      }
      const want = reference(s);
      found += want;
      if (medicalMorphology(s) !== want) expect(medicalMorphology(s), JSON.stringify(s)).toBe(want);
    }
    expect(found).toBeGreaterThan(3000);
    expect(found).toBeLessThan(27_000);
  });
});
