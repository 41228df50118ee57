/**
 * The per-value fast paths of the column profile, the running-number test and the birth-date
 * profile read values without the regexes and general parsers they replaced. These tests hold each
 * to the plain implementation it replaced (kept here as the reference), on hand-made edge cases
 * and on seeded random columns built from pieces that sit on the edges of what each accepts.
 * All values are synthetic.
 */
import { describe, expect, it } from 'vitest';
import { birthDateProfile, looksLikeBirthDates, profileDates, type DateProfile } from '../../src/classify/dates.js';
import { ColumnProfile } from '../../src/classify/profile.js';
import { PROSE_SHARE, WORDED_SHARE } from '../../src/classify/scoring.js';
import { isRunningNumber } from '../../src/classify/sequence.js';
import { loadRules } from '../../src/rules/load.js';
import { Rng } from '../../src/util/prng.js';
import { parseDateLike } from '../../src/validators/index.js';

const rules = loadRules();
const now = new Date('2026-11-01T00:00:00Z');
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[r.int(0, xs.length - 1)]!;

/** The running-number test as it was: one regex per trimmed value, strings for distinct keys. */
function runningReference(values: readonly (string | null)[]): boolean {
  const PREFIXED = /^([A-Za-z]{1,4})[-_ ]?(\d{1,12})$/;
  let total = 0;
  let matched = 0;
  const prefixes = new Map<string, number>();
  const distinct = new Set<string>();
  const lengths = new Set<number>();
  for (const raw of values) {
    if (raw === null) continue;
    total++;
    const m = PREFIXED.exec(raw.trim());
    if (!m) continue;
    matched++;
    const p = m[1]!.toUpperCase();
    prefixes.set(p, (prefixes.get(p) ?? 0) + 1);
    distinct.add(m[1]!.toUpperCase() + Number(m[2]!));
    lengths.add(String(Number(m[2]!)).length);
  }
  if (total < 20 || matched / total < 0.9) return false;
  const top = Math.max(...prefixes.values());
  return top / matched >= 0.9 && distinct.size / matched >= 0.9 && lengths.size >= 2;
}

describe('running numbers without a regex', () => {
  const PREFIXES = ['C', 'c', 'INV', 'inv', 'Ab', 'ABCD', 'ABCDE', 'É', 'ſ', 'K', 'X1', ''];
  const SEPARATORS = ['', '', '-', '_', ' ', '  ', '.', '/'];
  const PADS = ['', '', '', ' ', '\t', '\u00a0', '\u2028', '\ufeff', '\n'];
  const counter = (r: Rng, i: number): string => {
    const k = r.int(0, 9);
    if (k === 0) return '0'.repeat(r.int(1, 4)) + i;
    if (k === 1) return String(r.int(0, 9)).repeat(r.int(11, 13));
    if (k === 2) return '';
    if (k === 3) return '0';
    return String(i * r.int(1, 3));
  };
  /** A value; `noise` (0-2) is how often it strays from `prefix`, a valid separator and a counter. */
  const value = (r: Rng, prefix: string, i: number, noise: number): string | null => {
    if (r.int(0, 30) === 0) return null;
    const stray = () => noise > 0 && r.int(0, noise === 1 ? 40 : 6) === 0;
    const p = stray() ? pick(r, PREFIXES) : prefix;
    const sep = stray() ? pick(r, SEPARATORS) : pick(r, ['', '-', '_', ' ']);
    const n = stray() ? counter(r, i) : String(i * 7 + (noise === 0 && r.int(0, 50) === 0 ? 0 : 1));
    return (stray() ? pick(r, PADS) : '') + p + sep + n + (stray() ? pick(r, PADS) : '');
  };

  it('reads hand-made columns as the regex did', () => {
    const seq = (f: (i: number) => string | null, n = 40) => Array.from({ length: n }, (_, i) => f(i + 1));
    const columns = [
      seq((i) => `C${i * 37}`),
      seq((i) => `inv-${String(i * 41).padStart(4, '0')}`),
      seq((i) => ` C ${i * 53} `),
      seq((i) => `C${i}`, 19),
      seq((i) => (i % 11 === 0 ? 'x' : `C${i * 37}`)),
      seq((i) => (i % 10 === 0 ? 'x' : `C${i * 37}`)),
      seq((i) => `C${i % 3}`),
      seq(() => 'E11.9'),
      seq((i) => `ABCDE${i * 37}`),
      seq((i) => `C${'9'.repeat(12)}${i}`),
      seq((i) => `\u00a0C${i * 37}\u00a0`),
      seq((i) => (i % 4 === 0 ? null : `K${i * 101}`)),
      seq((i) => `${['A', 'B'][i % 2]}${i * 37}`),
      [],
    ];
    for (const c of columns) expect(isRunningNumber(c)).toBe(runningReference(c));
  });

  it('reads random columns as the regex did, with and without the filled count', () => {
    const r = new Rng(17);
    let positives = 0;
    for (let k = 0; k < 400; k++) {
      const prefix = pick(r, PREFIXES.slice(0, 6));
      const noise = r.int(0, 2);
      const column = Array.from({ length: r.int(15, 80) }, (_, i) => value(r, prefix, i + 1, noise));
      const expected = runningReference(column);
      if (expected) positives++;
      expect(isRunningNumber(column)).toBe(expected);
      expect(isRunningNumber(column, column.filter((v) => v !== null).length)).toBe(expected);
    }
    // The generator reaches both answers.
    expect(positives).toBeGreaterThan(20);
    expect(positives).toBeLessThan(380);
  });

  it('counts distinct (prefix, counter) pairs as the regex did, in long columns and after them', () => {
    // The pair table is kept between calls: long columns grow it, short ones after them reuse it.
    const r = new Rng(29);
    const columns: (string | null)[][] = [
      // The same counters under two prefixes are distinct pairs; repeats of one pair are not.
      Array.from({ length: 3000 }, (_, i) => `${i % 2 ? 'A' : 'B'}${Math.floor(i / 2) * 13}`),
      Array.from({ length: 3000 }, (_, i) => `A${(i % 1400) * 13}`),
      Array.from({ length: 1000 }, (_, i) => `C${999999999000 + i * 37}`),
      Array.from({ length: 1000 }, (_, i) => `C${999999999000 + (i % 850)}${i % 2}`),
      Array.from({ length: 5000 }, () => `K${r.int(1, 4000) * 4294967296 % 999999999999}`),
      Array.from({ length: 40 }, (_, i) => `C${i * 37}`),
      Array.from({ length: 40 }, (_, i) => `C${(i % 30) * 37}`),
    ];
    for (const c of columns) expect(isRunningNumber(c)).toBe(runningReference(c));
    expect(columns.map((c) => isRunningNumber(c))).toContain(true);
    expect(columns.map((c) => isRunningNumber(c))).toContain(false);
  });
});

/** The date profile as it was: the general parser on every trimmed value, ages sorted as numbers. */
function datesReference(values: readonly (string | null)[], minParseRate: number): DateProfile | null {
  const nowYears = now.getUTCFullYear() + (now.getUTCMonth() + now.getUTCDate() / 31) / 12;
  const ages: number[] = [];
  let total = 0;
  for (const v of values) if (v !== null) total++;
  let nonNull = 0;
  let failed = 0;
  let future = 0;
  let timed = 0;
  let minYear = 99999;
  for (const v of values) {
    if (v === null) continue;
    nonNull++;
    const d = v.length > 40 ? null : parseDateLike(v.trim());
    if (!d) {
      if (minParseRate > 0 && (total - ++failed) / total < minParseRate) return null;
      continue;
    }
    const years = d.year + (d.month - 1 + (d.day - 1) / 31) / 12;
    const age = nowYears - years;
    if (age < 0) future++;
    if (d.hasTime && !d.timeIsMidnight) timed++;
    if (d.year < minYear) minYear = d.year;
    ages.push(age);
  }
  if (ages.length < 10) return null;
  ages.sort((a, b) => a - b);
  const q = (p: number) => ages[Math.min(ages.length - 1, Math.floor(p * (ages.length - 1)))]!;
  return {
    parsed: ages.length,
    parseRate: ages.length / nonNull,
    medianAge: q(0.5),
    iqrAge: q(0.75) - q(0.25),
    spreadAge: q(0.95) - q(0.05),
    futureShare: future / ages.length,
    timeShare: timed / ages.length,
    minYear,
  };
}

describe('date profiles with the canonical fast path', () => {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  /** A date in one of the forms; with `clean`, nearly always a plain valid date of a birth year. */
  const dateValue = (r: Rng, order: number, clean: boolean): string | null => {
    if (clean && r.int(0, 60) !== 0) return `${1930 + r.int(0, 75)}-${pad(r.int(1, 12), 2)}-${pad(r.int(1, 28), 2)}`;
    const y = r.int(0, 20) === 0 ? pick(r, [0, 1, 1879, 2030, 9999]) : 1930 + r.int(0, 75);
    const m = r.int(0, 25) === 0 ? pick(r, [0, 13]) : r.int(1, 12);
    const d = r.int(0, 25) === 0 ? pick(r, [0, 29, 30, 31, 32]) : r.int(1, 28);
    const date = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
    const time = `${pad(r.int(0, 25) === 0 ? 24 : r.int(0, 23), 2)}:${pad(r.int(0, 20) === 0 ? 60 : r.int(0, 59), 2)}:${pad(r.int(0, 20) === 0 ? 60 : r.int(0, 59), 2)}`;
    switch (r.int(0, 14)) {
      case 0:
        return null;
      case 1:
        return `${date} ${time}`;
      case 2:
        return `${date}T${time}`;
      case 3:
        return `${date} 00:00:00`;
      case 4:
        return `${date}t00:00:00`;
      case 5:
        return ` ${date} `;
      case 6:
        return `${date} ${time}.123456+02`;
      case 7:
        return `${pad(m, 2)}/${pad(d, 2)}/${pad(y, 4)}`;
      case 8:
        return `${date}x`;
      case 9:
        return `${date.replace(/-/g, '/')}`;
      case 10:
        return `${pad(y, 4)}-${m}-${d}`;
      case 11:
        return order % 2 === 0 ? `${date}` : `${date} 12:00:00`;
      default:
        return date;
    }
  };

  it('profiles random columns exactly as the general parser did', () => {
    const r = new Rng(23);
    let birth = 0;
    for (let k = 0; k < 300; k++) {
      const clean = r.int(0, 2) === 0;
      const column = Array.from({ length: r.int(5, 120) }, (_, i) => dateValue(r, i, clean));
      if (r.int(0, 2) === 0) column.sort();
      if (r.int(0, 3) === 0) column.reverse();
      for (const rate of [0, 0.5, 0.9]) expect(profileDates(column, now, rate)).toEqual(datesReference(column, rate));
      const ref = datesReference(column, 0.9);
      const isBirth = ref !== null && looksLikeBirthDates(ref);
      if (isBirth) birth++;
      const fast = birthDateProfile(column, now);
      expect(fast !== null && looksLikeBirthDates(fast)).toBe(isBirth);
      if (isBirth) expect(fast).toEqual(ref);
    }
    expect(birth).toBeGreaterThan(0);
  });

  it('a population of birth dates reads as one, a column of timestamps does not', () => {
    const dates = Array.from({ length: 200 }, (_, i) => `${1940 + (i % 60)}-${pad(1 + (i % 12), 2)}-${pad(1 + (i % 28), 2)}`);
    const profile = birthDateProfile(dates, now);
    expect(profile && looksLikeBirthDates(profile)).toBe(true);
    expect(profile).toEqual(datesReference(dates, 0.9));
    // Samples of a few ordered stretches (rising or falling) are merged, not sorted: the same quantiles.
    const runs = (k: number) => Array.from({ length: 300 }, (_, i) => `${1930 + ((i * 7) % (300 / k)) / 4 + Math.floor(i / (300 / k))}`.slice(0, 4) + `-0${1 + (i % 9)}-1${i % 10}`);
    for (const k of [2, 3, 7, 30, 60]) {
      const rising = runs(k);
      for (const column of [rising, [...rising].reverse(), [...rising.slice(150), ...rising.slice(0, 150)]]) {
        expect(birthDateProfile(column, now)).toEqual(datesReference(column, 0.9));
        expect(profileDates(column, now)).toEqual(datesReference(column, 0));
      }
    }
    const stamps = dates.map((d, i) => `${d} ${pad(i % 24, 2)}:17:00`);
    expect(birthDateProfile(stamps, now)).toBeNull();
    expect(looksLikeBirthDates(profileDates(stamps, now, 0.9)!)).toBe(false);
  });
});

describe('long values in the column profile', () => {
  /** Prose and worded text as the profile's character loop counted them. */
  function reference(values: readonly (string | null)[]): { nonNull: number; prose: boolean; worded: boolean } {
    let nonNull = 0;
    let spaced = 0;
    let worded = 0;
    for (const v of values) {
      if (v === null || /^[ \t\r\n]*$/.test(v)) continue;
      nonNull++;
      const spaces = v.split(' ').length - 1;
      const words = (v.match(/[A-Za-z]{3,}/g) ?? []).length;
      if (spaces >= 3 && words >= 2) spaced++;
      if (spaces >= 1 && words >= 1) worded++;
    }
    return { nonNull, prose: nonNull > 0 && spaced / nonNull >= PROSE_SHARE, worded: nonNull > 0 && worded / nonNull >= WORDED_SHARE };
  }

  const PIECES = ['ab1.', 'a.', 'ann@b.c ', '12-34 5.6 ', 'the ', 'an ', ' ', '\t', '\n', 'é', 'ßab', 'xyz', '  ', 'Ab', '9'];
  const long = (r: Rng): string => {
    const length = r.int(200, 700);
    const pieces = Array.from({ length: r.int(1, 3) }, () => pick(r, PIECES));
    let out = '';
    while (out.length < length) out += pick(r, pieces);
    return out;
  };

  it('counts prose, worded text and blanks in values over 256 characters as the loop did', () => {
    const r = new Rng(5);
    for (let k = 0; k < 150; k++) {
      const values = Array.from({ length: r.int(10, 40) }, () => {
        const x = r.int(0, 9);
        return x === 0 ? null : x === 1 ? ' '.repeat(r.int(257, 400)) : x === 2 ? '\t \n'.repeat(100) + 'abc' : long(r);
      });
      const p = new ColumnProfile({ name: 'notes', typeClass: 'text', values }, rules, now);
      const ref = reference(values);
      expect({ nonNull: p.nonNull, prose: p.prose, worded: p.wordedText }).toEqual(ref);
    }
  });
});
