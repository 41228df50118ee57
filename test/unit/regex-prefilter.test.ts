import { describe, expect, it } from 'vitest';
import { matchesTemplates, passesGates, regexPrefilter, type RegexPrefilter } from '../../src/classify/regex-prefilter.js';
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
    expect(regexPrefilter(/^(?:\+?1[ .-]?)?\d{10}$/)).toMatchObject({ first: null, digitsOnly: false });
    expect(regexPrefilter(/[A-Za-z]{6}/)).toMatchObject({ first: null, digitsOnly: false });
    expect(regexPrefilter(/^\d{9}$/iu)).toMatchObject({ first: null, digitsOnly: false });
    expect(regexPrefilter(/^\d{9}$/m)).toMatchObject({ first: null, digitsOnly: false });
    expect(regexPrefilter(/^\d{9}$|\d{3}-\d{4}/)).toMatchObject({ first: null, digitsOnly: false });
    expect(regexPrefilter(/^\w+$/)).toMatchObject({ first: null, digitsOnly: false });
    expect(regexPrefilter(/^[^()]+$/)).toMatchObject({ first: null, digitsOnly: false });
    expect(regexPrefilter(/^.\d+$/)).toMatchObject({ first: null, digitsOnly: false });
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

  it('reads case-insensitive regexes with both cases of their letters', () => {
    expect(firstChars(regexPrefilter(/^\d{1,6}\s+[a-z]+$/i))).toBe('0123456789');
    expect(firstChars(regexPrefilter(/^[a-c]x\d$/i))).toBe('ABCabc');
    expect(regexPrefilter(/^ab-\d$/i).templates).toBeNull();
    expect(regexPrefilter(/^ab-\d$/).templates).not.toBeNull();
  });

  it('reads the letters every match holds in one run', () => {
    expect(regexPrefilter(/[A-Za-z]{6}/).letterRun).toBe(6);
    expect(regexPrefilter(/^ab\bc?d+e{2,}/).letterRun).toBe(3);
    expect(regexPrefilter(/x(?:abc)yz/i).letterRun).toBe(2);
    expect(regexPrefilter(/[a-z]{2}\d[a-z]{3}/).letterRun).toBe(3);
    expect(regexPrefilter(/abc|defg/).letterRun).toBe(0);
    expect(regexPrefilter(/[a-z0-9]{4}/).letterRun).toBe(0);
    expect(regexPrefilter(/abc/iu).letterRun).toBe(0);
  });

  it('reads the characters a whole-value match can hold', () => {
    const chars = (p: RegexPrefilter) => (p.chars ? [...p.chars].flatMap((v, c) => (v ? [String.fromCharCode(c)] : [])).join('') : null);
    expect(chars(regexPrefilter(/^(?:\d[ -]?){12,18}\d$/))).toBe(' -0123456789');
    expect(chars(regexPrefilter(/^\d{5}-\d{4}$|^x\.$/))).toBe('-.0123456789x');
    expect(chars(regexPrefilter(/^(?:%[a-c_]{1,2})?$/))).toBe('%_abc');
    expect(chars(regexPrefilter(/^[a-c]\d$/i))).toBe('0123456789ABCabc');
    expect(regexPrefilter(/[A-Za-z]{6}/).chars).toBeNull();
    expect(regexPrefilter(/^\d+|x$/).chars).toBeNull();
    expect(regexPrefilter(/^(?:\d+|x)/).chars).toBeNull();
    expect(regexPrefilter(/^\d\s\d$/).chars).toBeNull();
    expect(regexPrefilter(/^\d.\d$/).chars).toBeNull();
    expect(regexPrefilter(/^[^()]+$/).chars).toBeNull();
    expect(regexPrefilter(/^(?<n>\d)$/).chars).toBeNull();
  });

  it('reads end characters, digit-only lengths, branch gates and digit templates', () => {
    const lastChars = (p: RegexPrefilter) => (p.last ? [...p.last].flatMap((v, c) => (v ? [String.fromCharCode(c)] : [])).join('') : null);
    expect(lastChars(regexPrefilter(/^[A-Z][^()]{2,200}\((?:a|b)\)$/))).toBe(')');
    expect(lastChars(regexPrefilter(/^\d{3}-\d{4}$|^x\+$/))).toBe('+0123456789');
    expect(lastChars(regexPrefilter(/^a\\$/))).toBe('\\');
    expect(regexPrefilter(/^\d{3}[a-c]$/).last).toBeNull();
    expect(regexPrefilter(/^\d{3}\d?$/).last).toBeNull();
    expect(regexPrefilter(/^\d+?$/).last).toBeNull();
    expect(regexPrefilter(/^[A-Za-z]{1,2}\d{5,12}$|^\d{9}$/).digitLengths).toEqual([9, 9]);
    expect(regexPrefilter(/^1?\d{10}$/).digitLengths).toBeNull();
    expect(regexPrefilter(/^(?:\d[ -]?){12,18}\d$/).digitLengths).toEqual([13, 19]);
    expect(regexPrefilter(/^(?:x\d)*\d$/).digitLengths).toEqual([1, 1]);
    expect(regexPrefilter(/^(?:\d{2})+$/).digitLengths).toBeNull();
    expect(regexPrefilter(/^(?:\d|x)+$/).digitLengths).toBeNull();
    expect(regexPrefilter(/^.\d{2,}$/).digitLengths).toEqual([3, Infinity]);
    expect(regexPrefilter(/^\d{3}-\d{2}-\d{4}$|^\d{3} \d{2} \d{4}$/).templates).toEqual([
      { length: 11, digits: 9, literals: [3, 45, 6, 45] },
      { length: 11, digits: 9, literals: [3, 32, 6, 32] },
    ]);
    expect(regexPrefilter(/^\d{3}-?\d{2}$/).templates).toBeNull();
    expect(regexPrefilter(/^[1-9]\d{2}$/).templates).toBeNull();
    expect(regexPrefilter(/^(?:\d{3})$/).templates).toBeNull();
    expect(regexPrefilter(/^\d{3}$|\d-\d/).gates).toBeNull();
  });

  it('decides exactly what it claims to decide, and never turns a match away (rule regexes, examples, random strings)', () => {
    const rng = new Rng(9);
    const regexes = [
      ...rules.values.flatMap((r) => (r.regex ? [r.regex] : [])),
      /^\d{3}-\d{2}-\d{4}$/,
      /^\d{2}A\d$/,
      /^\d+$/,
      /^\d{2,4}-?\d$/,
      /^(?:\d{3})-\d$/,
      /^\d{3}\)$/,
      /[\d]{2}$/,
      /^.\d{2,}$/,
      /^[A-Za-z]?\d{2}$|^x{2}\d$/,
      /^a\\$/,
      /^\d{1,3}\s+[a-c]+$/i,
      /^[A-C]x?\d{2}$|^b\.\d$/i,
      /^(?:[ax](?:-|:)\d)+$/,
      /^\w{2,4}$/,
      /[a-c]{3}/,
      /x[A-C]{2}\b\d?/i,
      /(?:ab)?c{2}/,
      /^(?:x\d)*\d$/,
      /^a?(?:\d{1,2}-?){2,3}$/,
      /^(?:\d?)+\d{3}$/,
      /^(?:\d{2})+$/,
    ];
    const samples: string[] = [];
    for (const r of rules.values) samples.push(...r.def.examples.match, ...r.def.examples.noMatch);
    const alphabet = "0123456789abcxABC -.()+@:'_,é\\)";
    for (let i = 0; i < 20_000; i++) {
      let s = '';
      const n = rng.int(1, 20);
      for (let k = 0; k < n; k++) s += alphabet[rng.int(0, alphabet.length - 1)];
      samples.push(s);
      // Digit groups and separators: the shapes of identifiers.
      let g = rng.int(0, 3) === 0 ? 'x' : '';
      const groups = rng.int(1, 4);
      for (let k = 0; k < groups; k++) g += (k > 0 ? ['-', ' ', '', ')', 'A'][rng.int(0, 4)] : '') + rng.digits(rng.int(1, 10));
      samples.push(g);
    }
    let decided = 0;
    for (const re of regexes) {
      const p = regexPrefilter(re);
      for (const v of samples) {
        const want = re.test(v);
        let digits = 0;
        for (const ch of v) if (ch >= '0' && ch <= '9') digits++;
        const allDigits = digits === v.length;
        const c = v.charCodeAt(0);
        const e = v.charCodeAt(v.length - 1);
        // (expect only on a disagreement: 20k samples times 40 regexes)
        if (want && p.last && !(e < 128 && p.last[e] === 1)) expect.fail(`${re.source} turns away ${v} by its end`);
        if (want && p.gates && !passesGates(p.gates, c, v.length, allDigits)) expect.fail(`${re.source} turns away ${v} at its gates`);
        if (want && p.first && !(c < 128 && p.first[c] === 1)) expect.fail(`${re.source} turns away ${v} by its start`);
        if (want && p.letterRun > 0 && !new RegExp(`[A-Za-z]{${p.letterRun}}`).test(v)) expect.fail(`${re.source} turns away ${v} by its letter run`);
        if (want && p.chars) for (let k = 0; k < v.length; k++) if (!(v.charCodeAt(k) < 128 && p.chars[v.charCodeAt(k)] === 1)) expect.fail(`${re.source} turns away ${v} by its characters`);
        if (allDigits && p.digitLengths) {
          let inRange = false;
          for (let k = 0; k < p.digitLengths.length; k += 2) if (v.length >= p.digitLengths[k]! && v.length <= p.digitLengths[k + 1]!) inRange = true;
          if (inRange !== want) expect(inRange, `${re.source} digit lengths ${v}`).toBe(want);
          decided++;
        }
        if (p.templates) {
          const got = matchesTemplates(p.templates, v, v.length, digits);
          if (got !== want) expect(got, `${re.source} templates ${v}`).toBe(want);
          if (want) decided++;
        }
      }
    }
    expect(decided).toBeGreaterThan(1000);
  });
});
