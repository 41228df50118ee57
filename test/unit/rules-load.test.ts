/** `--rules DIR`: a user's rules extend the built-in ones; a malformed file fails with one line naming the file and the rule. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyTable } from '../../src/classify/index.js';
import { MinimError } from '../../src/errors.js';
import { loadRules } from '../../src/rules/load.js';

function rulesDir(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'minim-rules-'));
  writeFileSync(join(dir, 'city.yaml'), yaml);
  return dir;
}
function failure(yaml: string): MinimError {
  try {
    loadRules([rulesDir(yaml)]);
  } catch (e) {
    return e as MinimError;
  }
  throw new Error('expected a RULE_INVALID error');
}

describe('user rules', () => {
  it('add a category and a value rule that classify columns', () => {
    const dir = rulesDir(`categories:
  - { id: vehicle_plate, label: Vehicle plate, sensitivity: medium, types: [text] }
values:
  - id: mo-plate
    category: vehicle_plate
    regex: '^[A-Z]{2}\\d[A-Z]\\d[A-Z]$'
    weight: 0.9
    chance: 0.01
    minShare: 0.8
    examples: { match: [AB1C2D], noMatch: [ab1c2d, AB12CD] }
`);
    const rules = loadRules([dir]);
    const plates = Array.from({ length: 200 }, (_, i) => `K${String.fromCharCode(65 + (i % 26))}${i % 10}X${(i * 7) % 10}Z`);
    const v = classifyTable('fleet', [{ name: 'c9', typeClass: 'text', values: plates }], rules).columns[0]!;
    expect(v.findings.map((f) => f.category)).toEqual(['vehicle_plate']);
  });
  it.each([
    ['names: [\n', /not valid YAML/],
    ['names:\n  - { id: x, category: ssn, weight: 2, patterns: [a] }\n', /names\[0\]\.weight/],
    ['values:\n  - { id: v, category: ssn, regex: "x", weight: 0.5 }\n', /values\[0\]\.examples/],
    ['values:\n  - { id: v, category: ssn, regex: "(", weight: 0.5, examples: {} }\n', /rule v: invalid regex/],
    ['values:\n  - { id: v, category: ssn, regex: "x", validator: nope, weight: 0.5, examples: {} }\n', /rule v: unknown validator "nope"/],
    ['values:\n  - { id: v, category: nope, regex: "x", weight: 0.5, examples: {} }\n', /rule v: unknown category "nope"/],
    ['values:\n  - { id: v, category: ssn, regex: "x", dictionary: medical-terms, weight: 0.5, examples: {} }\n', /exactly one of regex or dictionary/],
    ['text:\n  - { id: t, category: ssn, dictionary: nope, examples: {} }\n', /unknown dictionary "nope"/],
    ['values:\n  - { id: v, category: ssn, regex: "^x$", weight: 0.5, examples: { match: [x, y] } }\n', /rule v: examples\.match\[1\] \(should match\) fails/],
    ['names:\n  - { id: n, category: ssn, weight: 0.5, patterns: [ssn], examples: { noMatch: [ssn_number] } }\n', /rule n: examples\.noMatch\[0\] \(should not match\) fails/],
    ['colours: []\n', /colours/],
  ])('rejects %j with one line', (yaml, pattern) => {
    const e = failure(yaml);
    expect(e.code).toBe('RULE_INVALID');
    expect(e.message).toMatch(pattern);
    expect(e.message).toMatch(/^rules file .*city\.yaml: /);
    expect(e.message.split('\n')).toHaveLength(1);
  });
});
