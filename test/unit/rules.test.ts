/** One generic test runs every rule's examples (gitleaks style): a rule that misses one fails. */
import { describe, expect, it } from 'vitest';
import { loadRules } from '../../src/rules/load.js';
import { nameMatches } from '../../src/classify/names.js';
import { tallyText } from '../../src/classify/text.js';
import { looksLikePersonName } from '../../src/classify/person-names.js';
import { nameDictionaries } from '../../src/classify/values.js';
import { subjectExampleMatches } from '../../src/classify/subject.js';

const rules = loadRules();
const dict = nameDictionaries(rules);

describe('name rules', () => {
  for (const rule of rules.names) {
    describe(rule.def.id, () => {
      it.each(rule.def.examples.match)('matches %s', (name) => expect(nameMatches(rule, name, rules)).toBe(true));
      it.each(rule.def.examples.noMatch)('does not match %s', (name) => expect(nameMatches(rule, name, rules)).toBe(false));
    });
  }
});

describe('value rules', () => {
  const accepts = (rule: (typeof rules.values)[number], v: string) => {
    const ok = rule.regex ? rule.regex.test(v) : rule.dictionary === 'names' ? looksLikePersonName(v, dict) : rules.dictionaries.get(rule.dictionary!)!.has(v.toLowerCase());
    return ok && (rule.validator ? rule.validator(v) >= 0.5 : true);
  };
  for (const rule of rules.values) {
    describe(rule.def.id, () => {
      it.each(rule.def.examples.match)('accepts %s', (v) => expect(accepts(rule, v)).toBe(true));
      it.each(rule.def.examples.noMatch)('rejects %s', (v) => expect(accepts(rule, v)).toBe(false));
    });
  }
});

describe('text rules', () => {
  for (const rule of rules.text) {
    const only = { ...rules, text: [rule] };
    describe(rule.def.id, () => {
      it.each(rule.def.examples.match)('finds a match in %s', (v) => expect(tallyText([v], only)).toHaveLength(1));
      it.each(rule.def.examples.noMatch)('finds nothing in %s', (v) => expect(tallyText([v], only)).toHaveLength(0));
    });
  }
});

describe('table subject rules', () => {
  const show = (ex: { table: string; column: string }) => `${ex.table}.${ex.column}`;
  for (const rule of rules.subjects) {
    describe(rule.def.id, () => {
      it.each(rule.def.examples.match.map((ex) => [show(ex), ex] as const))('makes %s its category', (_n, ex) =>
        expect(subjectExampleMatches(rule, ex, rules)).toBe(true));
      it.each(rule.def.examples.noMatch.map((ex) => [show(ex), ex] as const))('leaves %s alone', (_n, ex) =>
        expect(subjectExampleMatches(rule, ex, rules)).toBe(false));
    });
  }
});

describe('rule files', () => {
  it('every category id of DESIGN.md is defined', () => {
    const ids = ['ssn', 'dob', 'medical', 'bank_account', 'bank_routing', 'credit_card', 'tax_id', 'drivers_license', 'passport', 'email', 'phone', 'address', 'person_name', 'ip_address'];
    for (const id of ids) expect(rules.categories.has(id), id).toBe(true);
  });
  it('every rule has at least one example each way', () => {
    for (const r of [...rules.names, ...rules.values, ...rules.text]) {
      expect(r.def.examples.match.length, r.def.id).toBeGreaterThan(0);
      expect(r.def.examples.noMatch.length, r.def.id).toBeGreaterThan(0);
    }
  });
});
