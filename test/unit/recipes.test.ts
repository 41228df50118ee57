/**
 * The recipes of CONTRIBUTING.md, each followed to a finding: a category added from a rules
 * directory (test/unit/recipe-rules/vehicles.yaml), a validator registered in the validator list
 * the loader reads, and a detector registered in the detector list the classifier runs.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { classifyTable, DETECTORS, type ColumnDetector, type ColumnInput } from '../../src/classify/index.js';
import { round2 } from '../../src/classify/scoring.js';
import { loadRules } from '../../src/rules/load.js';
import { seededRandom } from '../../src/util/prng.js';
import { VALIDATORS, type Validator } from '../../src/validators/index.js';

const RULES_DIR = fileURLToPath(new URL('./recipe-rules', import.meta.url));
const NOW = new Date('2026-11-23T00:00:00Z');

// ---- The validator (recipe b): one function of one matched string, 0 invalid … 1 valid. ----------

const VIN_VALUES: Record<string, number> = { A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9, S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9 };
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/** The check character a 17-character VIN carries at position 9 (49 CFR 565.15): weighted sum mod 11, 10 is X. */
function vinCheckChar(vin: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = vin[i]!;
    const v = c >= '0' && c <= '9' ? Number(c) : VIN_VALUES[c];
    if (v === undefined) return null;
    sum += v * VIN_WEIGHTS[i]!;
  }
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

const vinCheckDigit: Validator = (raw) => (raw.length === 17 && vinCheckChar(raw) === raw[8] ? 1 : 0);

/** Registered the way src/validators/index.ts registers its own: one more entry in the list. */
const validators = { ...VALIDATORS, vinCheckDigit };

// ---- Test data: VINs with a correct check character, from a seeded generator. ----------------------

const rnd = seededRandom(7);
const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
function vin(): string {
  const chars = Array.from({ length: 17 }, () => VIN_CHARS[Math.floor(rnd() * VIN_CHARS.length)]!);
  chars[8] = '0';
  chars[8] = vinCheckChar(chars.join(''))!;
  return chars.join('');
}
const vins = Array.from({ length: 200 }, vin);

describe('recipe (b): a validator', () => {
  it('checks the standard example and refuses a changed check character', () => {
    expect(vinCheckDigit('1M8GDM9AXKP042788')).toBe(1);
    expect(vinCheckDigit('1M8GDM9A1KP042788')).toBe(0);
    expect(vins.every((v) => vinCheckDigit(v) === 1)).toBe(true);
  });
  it('a rule naming it is refused until it is registered', () => {
    expect(() => loadRules([RULES_DIR])).toThrow(/rule vin: unknown validator "vinCheckDigit"/);
  });
  it('registered, its rule loads and a column of VINs under an opaque name is found by its values', () => {
    const rules = loadRules([RULES_DIR], { validators });
    expect(rules.values.find((r) => r.def.id === 'vin')!.validator).toBe(vinCheckDigit);
    const v = classifyTable('t', [{ name: 'col_07', typeClass: 'text', values: vins }], rules, NOW).columns[0]!;
    expect(v.findings.map((f) => f.category)).toEqual(['vehicle_id']);
    const ev = v.findings[0]!.evidence.find((e) => e.source === 'value')!;
    // Every value a VIN: the column settles after 150 of its 200 values (values.ts smallSettles).
    expect(ev).toMatchObject({ rule: 'vin', matchRate: 1, validated: 150 });
    // Examples are masked by the category's mask (value: the last four digits at most).
    expect(v.findings[0]!.examples.every((e) => /^\*{13}[\d*]{4}$/.test(e))).toBe(true);
  });
  it('values whose check character is wrong are not VINs', () => {
    const rules = loadRules([RULES_DIR], { validators });
    const wrong = vins.map((v) => v.slice(0, 8) + (v[8] === '0' ? '1' : '0') + v.slice(9));
    const v = classifyTable('t', [{ name: 'col_07', typeClass: 'text', values: wrong }], rules, NOW).columns[0]!;
    expect(v.findings).toEqual([]);
  });
});

describe('recipe (a): a category', () => {
  const rules = loadRules([RULES_DIR], { validators });
  it('is one entry in a rules file, with the keys of rules/categories.yaml', () => {
    const cat = rules.categories.get('vehicle_id')!;
    expect(cat).toMatchObject({ label: 'Vehicle identification number', sensitivity: 'medium', mask: 'value', neighbours: [] });
    expect(cat.inText).toEqual({ minDigits: 4 });
    // The built-in categories are all still there.
    expect(rules.categories.has('ssn')).toBe(true);
  });
  it('its name rule reports a column by its name alone', () => {
    const v = classifyTable('fleet', [{ name: 'vehicle_vin', typeClass: 'text', values: null }], rules, NOW).columns[0]!;
    expect(v.findings.map((f) => f.category)).toEqual(['vehicle_id']);
    expect(v.findings[0]!.evidence[0]).toMatchObject({ rule: 'name-vin', source: 'name' });
  });
  it('name and values together are more confident than either alone', () => {
    const both = classifyTable('fleet', [{ name: 'vin', typeClass: 'text', values: vins }], rules, NOW).columns[0]!.findings[0]!;
    const named = classifyTable('fleet', [{ name: 'vin', typeClass: 'text', values: null }], rules, NOW).columns[0]!.findings[0]!;
    expect(both.category).toBe('vehicle_id');
    expect(both.confidence).toBeGreaterThan(named.confidence);
  });
  it('its type gate holds: an integer column is never a VIN', () => {
    const v = classifyTable('fleet', [{ name: 'vin', typeClass: 'integer', values: null }], rules, NOW).columns[0]!;
    expect(v.findings).toEqual([]);
  });
});

// ---- The detector (recipe c): one file, one signature, registered in the list. --------------------

const VIN_IN_URL = /[?&]vin=([A-HJ-NPR-Z0-9]{17})(?:&|$)/;

/** VINs passed in links (`…/history?vin=1M8…`): the value rules read whole values, so they miss these. */
const vinInLinkDetector: ColumnDetector = {
  name: 'vin-in-link',
  scope: 'column',
  detect(profile, rules) {
    if (!profile.sampled) return [];
    const check = rules.values.find((r) => r.def.id === 'vin')?.validator;
    if (!check) return [];
    let found = 0;
    const rawExamples: string[] = [];
    for (const v of profile.values!) {
      const m = v === null ? null : VIN_IN_URL.exec(v);
      if (!m || check(m[1]!) < 0.5) continue;
      found++;
      if (rawExamples.length < 3) rawExamples.push(m[1]!);
    }
    const share = found / profile.nonNull;
    if (share < 0.5) return [];
    const weight = 0.8 * share;
    return [{ category: 'vehicle_id', evidence: { rule: 'vin-in-link', source: 'value', matchRate: round2(share), validated: found, weight: round2(weight) }, weight, rawExamples }];
  },
};

describe('recipe (c): a detector', () => {
  const rules = loadRules([RULES_DIR], { validators });
  const links: ColumnInput = { name: 'report_link', typeClass: 'text', values: vins.map((v, i) => `https://reports.example/history?vin=${v}&page=${i % 3}`) };

  it('without it, links holding VINs are nothing', () => {
    expect(classifyTable('fleet', [links], rules, NOW).columns[0]!.findings).toEqual([]);
  });
  it('added to the list, it produces a finding with its own evidence', () => {
    const v = classifyTable('fleet', [links], rules, NOW, [...DETECTORS, vinInLinkDetector]).columns[0]!;
    expect(v.findings.map((f) => f.category)).toEqual(['vehicle_id']);
    expect(v.findings[0]!.evidence).toEqual([{ rule: 'vin-in-link', source: 'value', matchRate: 1, validated: 200, weight: 0.8 }]);
    // Its raw examples are masked by the category's mask before they leave the classifier.
    const examples = v.findings[0]!.examples;
    expect(examples.length).toBeGreaterThan(0);
    expect(examples.every((e) => /^\*{13}[\d*]{4}$/.test(e))).toBe(true);
  });
  it('the registered list is the default, and every detector in it has a unique name', () => {
    const names = DETECTORS.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(['name', 'label', 'value', 'text', 'json', 'person-name-in-text', 'date-distribution', 'table-context', 'table-subject']);
  });
});
