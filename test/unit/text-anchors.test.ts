/**
 * Free-text rules run their regex only where a match can start (anchors: digit runs, '@' signs,
 * word starts). These tests hold every built-in text rule to the global scan of the whole text it
 * replaced: the same matches, in the same order, on tricky and on random texts.
 */
import { describe, expect, it } from 'vitest';
import { hostileNotes } from '../../bench/scale/hostile-notes.js';
import { note, rng, shortValue, SHORT_KINDS } from '../../bench/scale/detector-values.js';
import { dictionaryTrie, isAnchored, MAX_TEXT_SCAN, tallyText, textMatches } from '../../src/classify/text.js';
import { nameDictionaries, tallyValues } from '../../src/classify/values.js';
import { ColumnProfile } from '../../src/classify/profile.js';
import { PAIR, SPACE_CAPITAL } from '../../src/classify/text-names.js';
import { loadRules } from '../../src/rules/load.js';

const rules = loadRules();

function same(text: string): void {
  for (const rule of rules.text) {
    const anchored = textMatches(text, rule, rules, true);
    const whole = textMatches(text, rule, rules, false);
    if (JSON.stringify(anchored) !== JSON.stringify(whole)) {
      // The text is synthetic: printing it names no person.
      expect({ rule: rule.def.id, text, anchored }).toEqual({ rule: rule.def.id, text, anchored: whole });
    }
  }
}

/** Pieces that sit on the edges of what each rule accepts. */
const PIECES = [
  '412-55-9081', '412 55 9081', '-412-55-9081', '412-55-9081-', '412-55-90812', '1412-55-9081', '412559081', '4125590812',
  '4111 1111 1111 1111', '4111-1111-1111-1111', '4111111111111111', '5555 5555 5555 4444 1', '3782-822463-10005', '1 2 3 4 5 6 7 8 9 0 1 2 3',
  '(816) 513-1313', '(816)513-1313', '816-513-1313', '816.513.1313', '+1 816 513 1313', '1-816-513-1313', '+1(816) 513-1313', '+1 (816) 513-1313', '1.(816)\t513-1313', '816 513-13130',
  'jane.doe@example.org', 'a@b.c', 'x@y.co', 'o\'brien+311@kcmo.gov', '@@', 'a@@b.org', 'a.@b..org', 'b@c.com.y@d.org', 'x@-a.io', 'x@.io', 'user@host',
  'DOB 04/12/1961', 'D.O.B. 1961-04-12', 'born on April 12, 1961', 'Birthdate: 4/12/61', 'date of birth - Mar. 3, 1975', 'birthday 12/3', 'dob:', 'DOBS 1/1/1990',
  'diabetes', 'Type 2 Diabetes', 'HIV', 'hivx', 'crohn\'s disease', 'asthma-like', '_asthma', 'asthma_', 'Asthma2', 'high blood pressure',
  'SSN', 'social security', 'call', 'card', 'visa', 'email', 'contact', 'diagnosed with',
  ' ', '  ', '\n', '\t', '-', '.', ',', '/', ':', '+', '(', ')', '_', '%', "'", 'é', 'ß', 'ſ', 'İ', 'K', '\u00a0', '\u2028', '😀', '１２３',
  '0', '12', '123', '1234', '99999', 'a', 'Ab', 'ABC',
];

function randomText(r: () => number, pieces: number): string {
  let out = '';
  for (let i = 0; i < pieces; i++) out += PIECES[Math.floor(r() * PIECES.length)]!;
  return out;
}

describe('anchored free-text rules', () => {
  it('every built-in text rule has a finder', () => {
    expect(rules.text.filter((r) => !isAnchored(r, rules)).map((r) => r.def.id)).toEqual([]);
  });

  it('find what a global scan finds on hand-made texts', () => {
    const texts = [
      'Caller gave SSN 412-55-9081 to verify identity, then 412 55 9081 and 412-55-9081-1 and 9412-55-9081.',
      'her SSN is 412559081 per caller; order 4125590811 shipped; -412559081; 412559081-',
      'paid with visa 4111 1111 1111 1111 at counter, ref 4111111111111112, 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2',
      'Please call back at (816) 513-1313 after 5pm or +1 816.513.1313, not 816-513-13130 or -816-513-1313',
      '(816) 513-1313 at the very start', '816-513-1313', 'x 1 (816) 513-1313', '+1(816) 513-1313', 'call +1 (816) 513-1313',
      'resident asked for reply at jane.doe@example.org or a@b.c or x@y.co.uk', 'b@c.com.y@d.org', 'a@b@c.com', '@example.org',
      'Client DOB 04/12/1961 confirmed; born on 1961-04-12 in Joplin; date of birth -- March 3, 1975', 'DOB: born on 12/3 birthdate DOB',
      'Client diagnosed with type 2 diabetes, on metformin; history of asthma; HIV+; crohn\'s disease',
      'Ⅻ 412-55-9081 é jane@example.org ſ asthma İ 816-513-1313', 'ſsthma Asthma ASTHMA aſthma',
    ];
    for (const t of texts) same(t);
  });

  it('find what a global scan finds on the crafted hostile notes and on notes cut at the 4 KiB cap', () => {
    for (const t of hostileNotes(25)) same(t);
    // Matches straddling the cap: the text is cut first, then searched.
    for (const piece of ['412-55-9081', '4111 1111 1111 1111', '(816) 513-1313', 'jane.doe@example.org', 'DOB 04/12/1961', 'diabetes']) {
      for (let shift = -12; shift <= 2; shift++) {
        const pad = 'x '.repeat(MAX_TEXT_SCAN).slice(0, MAX_TEXT_SCAN + shift);
        same(pad + ' ' + piece + ' tail');
      }
    }
  });

  it('find what a global scan finds on random texts built from edge pieces', () => {
    const r = rng(11);
    for (let i = 0; i < 3000; i++) same(randomText(r, 1 + Math.floor(r() * 12)));
  });

  it('find what a global scan finds on texts whose digit runs are all one or two digits long', () => {
    // Such texts skip the digit-run listing unless a native search finds a chain of seven short
    // runs (a card number) or a '/' and two digits (a year): these sit on both sides of that.
    const short = ['1', '12', ' ', '-', '.', '/', '/1', '/12', ' 1', '-12', 'DOB ', 'born ', 'birthday ', 'April ', ', ', 'x', '1 2 3 4 5 6 7', '12-12-12-12-12-12-1', '12 12 12 12 12 1'];
    const r = rng(17);
    for (let i = 0; i < 3000; i++) {
      let text = '';
      for (let k = 0, n = 1 + Math.floor(r() * 16); k < n; k++) text += short[Math.floor(r() * short.length)]!;
      same(text);
    }
    for (const t of ['DOB: 12/3/61', 'born on 1/2/99 x', 'card 4 1 1 1 1 1 1 1 1 1 1 1 1', '41-11-11-11-11-11-1', '41 11 11 11 11 11', 'dob 12/3 and 12-3']) same(t);
  });

  it('find what a global scan finds on the benchmark notes and short values', () => {
    const r = rng(5);
    for (let i = 0; i < 300; i++) same(note(r));
    for (let i = 0; i < 300; i++) same(`note ${shortValue(SHORT_KINDS[i % SHORT_KINDS.length]!, r)} ${shortValue(SHORT_KINDS[(i + 3) % SHORT_KINDS.length]!, r)}`);
  });

  it('read texts with lone surrogates, astral characters and NUL like a global scan', () => {
    same('\ud800 412-55-9081 \udc00 jane@example.org \u0000 (816) 513-1313 😀 DOB 04/12/1961 😀 asthma \ud83d');
    same('😀412-55-9081😀 😀a@b.org😀 ０１２-３４-５６７８ 412‐55‐9081');
  });

  it('the dictionary trie finds, at every position, what the list of terms sorted longest first finds', () => {
    const terms = rules.dictionaries.get('medical-terms')!;
    const sorted = [...terms].sort((a, b) => b.length - a.length).map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const list = new RegExp(`\\b(?:${sorted.join('|')})\\b`, 'gi');
    const trie = dictionaryTrie(terms)!;
    const r = rng(3);
    const words = [...terms, ...[...terms].map((t) => t.toUpperCase()), ...[...terms].map((t) => t.slice(0, -1)), ...[...terms].map((t) => t + 's'), 'heart', 'type 2', 'disease', ' ', '-', "'", '_', '1', 'é'];
    for (let i = 0; i < 3000; i++) {
      let text = '';
      for (let k = 0, n = 1 + Math.floor(r() * 8); k < n; k++) text += words[Math.floor(r() * words.length)]! + (r() < 0.7 ? ' ' : '');
      const a = [...text.matchAll(list)].map((m) => [m.index, m[0]]);
      const b = [...text.matchAll(trie)].map((m) => [m.index, m[0]]);
      if (JSON.stringify(a) !== JSON.stringify(b)) expect({ text, b }).toEqual({ text, b: a });
    }
    // Terms outside ASCII could fold onto two branches at once: no trie, the list regex is used.
    expect(dictionaryTrie(new Set(['σίδηρος', 'iron']))).toBeNull();
    expect(dictionaryTrie(new Set([]))!.source).toBe('\\b(?:)\\b');
  });

  it('value rules with a dictionary match the same values through the trie', () => {
    const rule = rules.values.find((x) => x.def.id === 'medical-terms-value')!;
    const values = ['Type 2 diabetes', 'Metformin 500 mg tablet', 'Asthma', 'history of hypertension', 'Pothole repair', 'asthmatic', 'pre-diabetes', 'HIV', 'hivx', '_asthma', "crohn's disease"];
    const one = (v: string) => tallyValues([v], { ...rules, values: [rule] }, nameDictionaries(rules)).length > 0;
    for (const v of values) expect([v, one(v)]).toEqual([v, rule.regex!.test(v)]);
  });

  it("tally the same with the column profile's shapes and the value rules' term verdicts as without", () => {
    // The profile's digit counts and '@' bits, and the verdicts of the dictionary value rule
    // (`medical-terms-value` tests the trimmed value), let the text rules skip searches: the
    // tallies must not change. Padded and unpadded, short and over 256 characters, with terms.
    const r = rng(23);
    const terms = [...rules.dictionaries.get('medical-terms')!];
    const pads = ['', ' ', '  ', '\t', '\u00a0', '\n'];
    const now = new Date('2026-01-01T00:00:00Z');
    for (let c = 0; c < 40; c++) {
      const values: (string | null)[] = [];
      for (let i = 0; i < 300; i++) {
        let text = r() < 0.5 ? note(r) : randomText(r, 1 + Math.floor(r() * 12));
        if (r() < 0.3) text += ' ' + terms[Math.floor(r() * terms.length)]!;
        if (r() < 0.2) text = terms[Math.floor(r() * terms.length)]! + ' ' + text;
        if (c % 2 === 0) text = text.slice(0, 20 + Math.floor(r() * 240));
        values.push(r() < 0.05 ? null : pads[Math.floor(r() * pads.length)]! + text + pads[Math.floor(r() * pads.length)]!);
      }
      const profile = new ColumnProfile({ name: 'notes', typeClass: 'text', values }, rules, now);
      const plain = (t: ReturnType<typeof tallyText>) => t.map((x) => [x.rule.def.id, x.rows, x.withContext, x.matches, x.shapeMatches, x.rawExamples, [...x.distinct]]);
      const want = plain(tallyText(profile.values!, rules));
      const got = plain(tallyText(profile.values!, rules, { shapes: profile.shapes, verdicts: profile.termVerdicts }));
      expect(got, `column ${c}`).toEqual(want);
      expect(profile.termVerdicts.get('medical-terms')!.some((v) => v === 2), `column ${c} has verdicts`).toBe(true);
    }
  });

  it('person names in text: every text PAIR matches in passes the capital-after-space pre-check', () => {
    const words = ['Mr', 'Mrs.', 'Ms', 'Miss', 'Dr.', 'Maria', 'Garcia', 'O\'Brien', 'Smith-Jones', 'J.', 'MARIA', 'caller', 'spoke with', 'x', '1', 'é', 'Élodie'];
    const gaps = [' ', '  ', '\t', '\n', '\u00a0', '\u2028', '\ufeff', '', ',', '.', '-', '_'];
    const r = rng(29);
    let pairs = 0;
    for (let i = 0; i < 5000; i++) {
      let text = '';
      for (let k = 0, n = 1 + Math.floor(r() * 6); k < n; k++) text += words[Math.floor(r() * words.length)]! + gaps[Math.floor(r() * gaps.length)]!;
      PAIR.lastIndex = 0;
      const pair = PAIR.test(text);
      if (pair) pairs++;
      if (pair && !SPACE_CAPITAL.test(text)) expect({ text, gate: false }).toEqual({ text, gate: true });
      // The pre-check is `\s[A-Z]`, written capital-first.
      expect(SPACE_CAPITAL.test(text)).toBe(/\s[A-Z]/.test(text));
    }
    expect(pairs).toBeGreaterThan(500);
  });

  it('tallies texts as before: matches, context, examples', () => {
    const values = [
      'Caller gave SSN 412-55-9081 to verify identity',
      'call 816-513-1313 or mail jane.doe@example.org',
      'paid with visa 4111 1111 1111 1111 at counter',
      'Client DOB 04/12/1961 confirmed, diagnosed with asthma',
      'no digits here at all, nothing',
      null,
    ];
    const got = tallyText(values, rules).map((t) => [t.rule.def.id, t.rows, t.withContext, t.matches, t.shapeMatches, t.rawExamples.length]);
    expect(got).toEqual([
      ['ssn-in-text', 1, 1, 1, 1, 1],
      ['card-in-text', 1, 1, 1, 1, 1],
      ['phone-in-text', 1, 1, 1, 1, 1],
      ['email-in-text', 1, 1, 1, 1, 1],
      ['dob-in-text', 1, 0, 1, 1, 1],
      ['medical-terms-in-text', 1, 1, 1, 1, 1],
    ]);
  });
});
