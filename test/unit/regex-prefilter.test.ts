import { describe, expect, it } from 'vitest';
import { regexPrefilter, type RegexPrefilter } from '../../src/classify/regex-prefilter.js';
import { loadRules } from '../../src/rules/load.js';
import { Rng } from '../../src/util/prng.js';

const rules = loadRules();

const firstChars = (p: RegexPrefilter) => (p.first ? [...p.first].flatMap((v, c) => (v ? [String.fromCharCode(c)] : [])).join('') : null);

/** Whether the pre-filter lets `v` through to the regex. */
function admits(p: RegexPrefilter, v: string): boolean {
  let digits = 0;
  for (const ch of v) if (ch >= '0' && ch <= '9') digits++;
  const c = v.charCodeAt(0);
  return !(p.digitsOnly && digits !== v.length) && !(p.first !== null && (c >= 128 || p.first[c] === 0));
}

describe('regex pre-filters', () => {
  it('reads start characters and digit-only matches off simple anchored sources', () => {
    expect(regexPrefilter(/^\d{6,17}$/)).toMatchObject({ digitsOnly: true });
    expect(firstChars(regexPrefilter(/^\d{6,17}$/))).toBe('0123456789');
    expect(firstChars(regexPrefilter(/^[1-9]\d{5,17}$/))).toBe('123456789');
    expect(firstChars(regexPrefilter(/^\+(?:[ .-]?\d){8,15}$/))).toBe('+');
    expect(regexPrefilter(/^\+(?:[ .-]?\d){8,15}$/).digitsOnly).toBe(false);
    // An optional atom adds its characters to the next one's.
    expect(firstChars(regexPrefilter(/^1?\d{10}$/))).toBe('0123456789');
    expect(firstChars(regexPrefilter(/^[A-Za-z]?\d{8,9}$|^[A-Za-z]{1,2}\d{6,7}$/))).toBe('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz');
    expect(firstChars(regexPrefilter(/^[A-Za-z0-9._%+'-]+@/))).toBe("%'+-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz");
  });

  it('says nothing about what it cannot read', () => {
    expect(regexPrefilter(/^(?:\+?1[ .-]?)?\d{10}$/)).toEqual({ first: null, digitsOnly: false });
    expect(regexPrefilter(/[A-Za-z]{6}/)).toEqual({ first: null, digitsOnly: false });
    expect(regexPrefilter(/^\d{9}$/i)).toEqual({ first: null, digitsOnly: false });
    expect(regexPrefilter(/^\d{9}$/m)).toEqual({ first: null, digitsOnly: false });
    expect(regexPrefilter(/^\d{9}$|\d{3}-\d{4}/)).toEqual({ first: null, digitsOnly: false });
    expect(regexPrefilter(/^\w+$/)).toEqual({ first: null, digitsOnly: false });
    expect(regexPrefilter(/^[^()]+$/)).toEqual({ first: null, digitsOnly: false });
    expect(regexPrefilter(/^.\d+$/)).toEqual({ first: null, digitsOnly: false });
    // What follows an unreadable part still leaves the start characters known.
    expect(firstChars(regexPrefilter(/^[A-Z][^()]{2,200}\)$/))).toBe('ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    expect(regexPrefilter(/^[A-Z][^()]{2,200}\)$/).digitsOnly).toBe(false);
  });

  it('never turns away a value a value rule matches (rule examples and random strings)', () => {
    const rng = new Rng(5);
    const alphabet = "0123456789abcdefXYZ -.()+@:'_,é";
    const samples: string[] = [];
    for (const r of rules.values) samples.push(...r.def.examples.match, ...r.def.examples.noMatch);
    for (let i = 0; i < 20_000; i++) {
      let s = '';
      const n = rng.int(1, 20);
      for (let k = 0; k < n; k++) s += alphabet[rng.int(0, alphabet.length - 1)];
      samples.push(s);
    }
    let matches = 0;
    for (const r of rules.values) {
      if (!r.regex) continue;
      const p = regexPrefilter(r.regex);
      for (const v of samples) {
        if (!r.regex.test(v)) continue;
        matches++;
        expect(admits(p, v), `${r.def.id}: ${v}`).toBe(true);
      }
    }
    expect(matches).toBeGreaterThan(100);
  });
});
