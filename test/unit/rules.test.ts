/**
 * One generic test runs every rule's examples (gitleaks style) through the classifier's own
 * matchers: the rules are loaded in the mode that reports each example's result instead of
 * refusing the rules at the first failure, so every example is its own test case and a broken
 * example fails here by itself.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { loadRules, loadRulesWithExamples } from '../../src/rules/load.js';
import { packageRoot } from '../../src/util/paths.js';
import { exampleFailureMessage } from '../../src/rules/examples.js';

const { rules, examples } = loadRulesWithExamples();
const label = (e: (typeof examples)[number]) => `${e.expect === 'match' ? 'matches' : 'does not match'} examples.${e.expect}[${e.index}]`;

describe('rule examples', () => {
  for (const kind of ['name', 'value', 'text', 'subject'] as const) {
    describe(`${kind} rules`, () => {
      const byRule = new Map<string, typeof examples>();
      for (const e of examples.filter((x) => x.kind === kind)) byRule.set(e.rule, [...(byRule.get(e.rule) ?? []), e]);
      for (const [rule, cases] of byRule) {
        describe(rule, () => {
          it.each(cases.map((c) => [label(c), c] as const))('%s', (_name, c) => {
            expect(c.ok, exampleFailureMessage(c)).toBe(true);
          });
        });
      }
    });
  }
});

describe('rule files', () => {
  it('every category id of DESIGN.md is defined', () => {
    const ids = ['ssn', 'dob', 'medical', 'bank_account', 'bank_routing', 'credit_card', 'tax_id', 'drivers_license', 'passport', 'email', 'phone', 'address', 'person_name', 'ip_address'];
    for (const id of ids) expect(rules.categories.has(id), id).toBe(true);
  });
  it('every rule has at least one example each way', () => {
    for (const r of [...rules.names, ...rules.values, ...rules.text, ...rules.subjects]) {
      expect(r.def.examples.match.length, r.def.id).toBeGreaterThan(0);
      expect(r.def.examples.noMatch.length, r.def.id).toBeGreaterThan(0);
    }
  });
  it('every rule example is reported, one result per example', () => {
    const total = [...rules.names, ...rules.values, ...rules.text, ...rules.subjects].reduce((s, r) => s + r.def.examples.match.length + r.def.examples.noMatch.length, 0);
    expect(examples).toHaveLength(total);
  });
});

describe('a broken example is a failure of its own', () => {
  // A user rules directory with one good and two broken examples: the report mode loads it and
  // names exactly the broken ones (the default mode refuses the whole directory at the first).
  const dir = mkdtempSync(join(tmpdir(), 'minim-rules-examples-'));
  writeFileSync(join(dir, 'plates.yaml'), `categories:
  - { id: vehicle_plate, label: Vehicle plate, sensitivity: medium, types: [text] }
values:
  - id: mo-plate
    category: vehicle_plate
    regex: '^[A-Z]{2}\\d[A-Z]\\d[A-Z]$'
    weight: 0.9
    chance: 0.01
    minShare: 0.8
    examples: { match: [AB1C2D, AB12CD], noMatch: [ab1c2d, XY9Z9Z] }
`);
  const report = loadRulesWithExamples([dir]).examples.filter((e) => e.rule === 'mo-plate');

  it('reports each example of the rule with the matcher\'s verdict', () => {
    expect(report.map((e) => [e.expect, e.index, e.ok])).toEqual([
      ['match', 0, true],
      ['match', 1, false],
      ['noMatch', 0, true],
      ['noMatch', 1, false],
    ]);
  });
  it('names the rule, its file and the example position, never the example text', () => {
    const msg = exampleFailureMessage(report.find((e) => !e.ok)!);
    expect(msg).toMatch(/plates\.yaml: rule mo-plate: examples\.match\[1\] \(should match\) fails/);
    expect(msg).not.toContain('AB12CD');
  });
  it('runs value examples through the classifier\'s value matcher (a value over the structured-length cap is not matched)', () => {
    const long = join(mkdtempSync(join(tmpdir(), 'minim-rules-long-')), 'long.yaml');
    writeFileSync(long, `values:
  - id: long-x
    category: ssn
    regex: '^x+$'
    weight: 0.5
    examples: { match: [${'x'.repeat(300)}], noMatch: [y] }
`);
    const r = loadRulesWithExamples([join(long, '..')]).examples.filter((e) => e.rule === 'long-x');
    expect(r.find((e) => e.expect === 'match')!.ok).toBe(false);
  });
});

describe('a broken example in a copy of the built-in rules', () => {
  // rules/names.yaml copied to a rules directory with one example broken: the copy's rules replace
  // the built-in ones by id, exactly as a broken edit of rules/names.yaml would.
  const dir = mkdtempSync(join(tmpdir(), 'minim-rules-copy-'));
  const doc = parseDocument(readFileSync(join(packageRoot(), 'rules', 'names.yaml'), 'utf8'));
  const rule = doc.getIn(['names', 0, 'id']) as string;
  doc.setIn(['names', 0, 'examples', 'match', 0], 'favourite_colour');
  writeFileSync(join(dir, 'names.yaml'), doc.toString());

  it('loads in report mode (nothing throws before the cases exist) and fails that one example only', () => {
    const report = loadRulesWithExamples([dir]).examples;
    expect(report).toHaveLength(examples.length);
    const failed = report.filter((e) => !e.ok);
    expect(failed.map((e) => [e.rule, e.kind, e.expect, e.index])).toEqual([[rule, 'name', 'match', 0]]);
    expect(exampleFailureMessage(failed[0]!)).toContain(`names.yaml: rule ${rule}: examples.match[0] (should match) fails`);
  });
  it('is refused by the default loader, naming the rule and the example position', () => {
    expect(() => loadRules([dir])).toThrow(new RegExp(`names\\.yaml: rule ${rule}: examples\\.match\\[0\\] \\(should match\\) fails`));
  });
});
