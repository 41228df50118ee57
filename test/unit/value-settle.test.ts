import { describe, expect, it } from 'vitest';
import { nameDictionaries, tallyValues, type ValueTally } from '../../src/classify/values.js';
import { loadRules } from '../../src/rules/load.js';
import { Rng } from '../../src/util/prng.js';

const rules = loadRules();
const dict = nameDictionaries(rules);
const rng = new Rng(17);
const digits = (n: number) => Array.from({ length: n }, () => String(rng.int(0, 9))).join('');
const zip = () => `${digits(5)}-${digits(4)}`;
// Area 001-665, group 01-99, serial 0001-9999: issued shapes the SSN validator accepts.
const ssn = () => `${String(rng.int(1, 665)).padStart(3, '0')}-${String(rng.int(1, 99)).padStart(2, '0')}-${String(rng.int(1, 9999)).padStart(4, '0')}`;
const word = () => ['pending', 'closed', 'open', 'returned'][rng.int(0, 3)]!;
const tally = (ts: ValueTally[], id: string) => ts.find((t) => t.rule.def.id === id);

describe('a settled column', () => {
  it('stops once every share is far from its lines, and its shares are over the values examined', () => {
    const values = Array.from({ length: 1000 }, zip);
    const t = tally(tallyValues(values, rules, dict), 'us-zip-plus4')!;
    // Three passes of eight (375 values) are the first spread of at least EARLY_EXIT_AFTER.
    expect(t.examined).toBe(375);
    expect(t.matched).toBe(375);
    expect(t.validated / t.examined).toBe(1);
  });

  it('settles a small sample once the rest of it is too small to matter (150 of 200 values)', () => {
    const t = tally(tallyValues(Array.from({ length: 200 }, zip), rules, dict), 'us-zip-plus4')!;
    expect(t.examined).toBe(150);
    expect(t.validated / t.examined).toBe(1);
    // 110 values: 97 (the first pass end from 88 values on, where a rule not yet matched lies three
    // standard errors under 2% given how few values are left; passes of 14, 14, 14, 13, 14, 14, 14, 13).
    expect(tally(tallyValues(Array.from({ length: 110 }, zip), rules, dict), 'us-zip-plus4')!.examined).toBe(97);
  });

  it('reads a small sample to the end when a few matches sit under the 2% line (2 SSNs in 200)', () => {
    const values = Array.from({ length: 200 }, zip);
    values[37] = ssn();
    values[141] = ssn();
    const ts = tallyValues(values, rules, dict);
    expect(tally(ts, 'us-ssn')!.examined).toBe(200);
    expect(tally(ts, 'us-ssn')!.validCount).toBe(2);
  });

  it('is read to the end when a share lies near a threshold (zip+4 at 81%, minShare 80%)', () => {
    const values = Array.from({ length: 1000 }, (_, i) => (i % 100 < 81 ? zip() : word()));
    for (let i = values.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [values[i], values[j]] = [values[j]!, values[i]!];
    }
    const t = tally(tallyValues(values, rules, dict), 'us-zip-plus4')!;
    expect(t.examined).toBe(1000);
    expect(t.matched).toBe(810);
  });

  it('sees matches that come only late in a sample read in physical order', () => {
    // Rows appended by a later import: the first 600 hold zip+4 codes, the last 400 SSNs.
    const values = Array.from({ length: 1000 }, (_, i) => (i < 600 ? zip() : ssn()));
    const ts = tallyValues(values, rules, dict);
    const z = tally(ts, 'us-zip-plus4')!;
    const s = tally(ts, 'us-ssn')!;
    expect(z.examined).toBeLessThan(1000);
    expect(s.validated / s.examined).toBeCloseTo(0.4, 1);
    expect(z.validated / z.examined).toBeCloseTo(0.6, 1);
    // Nor does the early exit miss them: 30% SSNs after 700 plain words.
    const late = Array.from({ length: 1000 }, (_, i) => (i < 700 ? word() : ssn()));
    const t = tally(tallyValues(late, rules, dict), 'us-ssn')!;
    expect(t.validated / t.examined).toBeCloseTo(0.3, 1);
  });
});

describe('values examined out of order', () => {
  it('keep the first distinct examples and the rules in the order they first matched in the sample', () => {
    // Under EARLY_EXIT_AFTER values: read whole, in passes that start at positions 0, 4, 2, 6, 1…
    const values: (string | null)[] = Array.from({ length: 200 }, () => null);
    const ssns = Array.from({ length: 30 }, ssn);
    for (let i = 0; i < 30; i++) values[5 + i * 6] = ssns[i]!;
    values[3] = '64106-1234';
    values[0] = values[8] = '80203-0001';
    const ts = tallyValues(values, rules, dict);
    expect(ts.map((t) => t.rule.def.id)).toEqual(['us-zip-plus4', 'us-ssn']);
    expect(tally(ts, 'us-zip-plus4')!.rawExamples).toEqual(['80203-0001', '64106-1234']);
    expect(tally(ts, 'us-ssn')!.rawExamples).toEqual(ssns.slice(0, 3));
    expect(tally(ts, 'us-ssn')!.examined).toBe(33);
  });
});
