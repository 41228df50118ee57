import { describe, expect, it } from 'vitest';
import { looksLikePersonName, type NameDictionaries } from '../../src/classify/person-names.js';
import { nameDictionaries } from '../../src/classify/values.js';
import { loadRules } from '../../src/rules/load.js';
import { Rng } from '../../src/util/prng.js';

const dict = nameDictionaries(loadRules());

// The reading person-names.ts replaced (split, regex per word), kept here as the reference the
// allocation-free one must agree with on every value.
const WORD = /^[A-Za-z][A-Za-z'-]*$/;
const LIST = /\s*(?:;|\/|&|\band\b|\|)\s*/i;
function onePersonSplit(value: string, d: NameDictionaries): boolean {
  const parts = value.split(/[\s,.]+/);
  let known = 0;
  let unknown = 0;
  for (let i = 0; i < parts.length; i++) {
    let p = parts[i]!;
    if (p.length === 0) continue;
    if (/^\d{1,3}$/.test(p) && i === parts.length - 1 && i > 0) continue;
    p = p.replace(/\d{1,3}$/, '');
    if (!WORD.test(p)) return false;
    if (p.length === 1) continue;
    const t = p.toLowerCase();
    if (d.first.has(t) || d.last.has(t)) known++;
    else unknown++;
  }
  if (known + unknown > 4) return false;
  return known >= 1 && unknown <= 1;
}
function referenceLooksLikePersonName(value: string, d: NameDictionaries): boolean {
  if (!LIST.test(value)) return onePersonSplit(value, d);
  const people = value.split(LIST).filter((x) => x.length > 0);
  if (people.length > 4) return false;
  return people.every((p) => onePersonSplit(p, d));
}

describe('person names', () => {
  it('reads names with the noise people write', () => {
    expect(looksLikePersonName('Maria Garcia', dict)).toBe(true);
    expect(looksLikePersonName('GARCIA, Maria', dict)).toBe(true);
    expect(looksLikePersonName('Maria Garcia 2', dict)).toBe(true);
    expect(looksLikePersonName('Garcia2', dict)).toBe(true);
    expect(looksLikePersonName('Maria Garcia; John Smith', dict)).toBe(true);
    expect(looksLikePersonName('Request 1 about a streetlight, resolved by crew 1', dict)).toBe(false);
    expect(looksLikePersonName('Maria Garcia 2 ', dict)).toBe(false);
  });

  it('agrees with the split-and-regex reading on names, prose and random strings', () => {
    const rng = new Rng(11);
    const words = ['Maria', 'garcia', 'JOHN', 'smith', "O'Neil", 'Mary-Ann', 'Qxzv', 'Blorp', 'J', 'and', 'AND', 'crew', 'Ann', 'Joe', 'Baker', 'Smith2', 'Lee123', 'Kim1234', '2', '12', '123', '1234', 'x9'];
    const seps = [' ', '  ', ', ', ',', '.', '. ', '\t', '\u00a0', '\u2003', '\n', '; ', ' & ', '/', ' | ', ' and ', '-', "'", '', ' ,', '\u3000', '\ufeff'];
    const alphabet = "aAbZzmn 0123456789,.;&/|'-\t\u00a0é_";
    const samples: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      let s = rng.int(0, 5) === 0 ? seps[rng.int(0, seps.length - 1)]! : '';
      const n = rng.int(1, 7);
      for (let k = 0; k < n; k++) s += words[rng.int(0, words.length - 1)]! + (k < n - 1 || rng.int(0, 3) === 0 ? seps[rng.int(0, seps.length - 1)]! : '');
      samples.push(s);
      let r = '';
      const m = rng.int(1, 16);
      for (let k = 0; k < m; k++) r += alphabet[rng.int(0, alphabet.length - 1)];
      samples.push(r);
    }
    let names = 0;
    for (const v of samples) {
      const want = referenceLooksLikePersonName(v, dict);
      if (want) names++;
      expect(looksLikePersonName(v, dict), JSON.stringify(v)).toBe(want);
    }
    // The samples exercise both answers.
    expect(names).toBeGreaterThan(500);
    expect(names).toBeLessThan(samples.length - 500);
  });
});
