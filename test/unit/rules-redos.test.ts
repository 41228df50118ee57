/**
 * Catastrophic regexes: a user's rule that can backtrack super-linearly is refused
 * at load with one line naming the file and the rule; every built-in rule passes the same checker
 * (linear time proven by analysis, not by a stopwatch; bench `detectors` measures hostile notes).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MinimError } from '../../src/errors.js';
import { loadRules } from '../../src/rules/load.js';
import { backtrackingRisk } from '../../src/rules/redos.js';

function rulesDir(yaml: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'minim-redos-'));
  const file = join(dir, 'city.yaml');
  writeFileSync(file, yaml);
  return { dir, file };
}

function loadError(dir: string): MinimError {
  try {
    loadRules([dir]);
  } catch (e) {
    return e as MinimError;
  }
  throw new Error('expected the rules to be refused');
}

describe('catastrophic regexes in rules', () => {
  it("refuses the user value rule '^([0-9]+)+$' at load with one line naming the file and the rule", () => {
    const { dir, file } = rulesDir(`values:
  - id: nested-digits
    category: ssn
    regex: '^([0-9]+)+$'
    weight: 0.5
    examples: { match: ['123'], noMatch: [abc] }
`);
    const e = loadError(dir);
    expect(e).toBeInstanceOf(MinimError);
    expect(e.code).toBe('RULE_INVALID');
    expect(e.message).toBe(
      `rules file ${file}: rule nested-digits: the regex can backtrack catastrophically (exponential time in the value's length, ` +
        `from nested or overlapping repeats such as ([0-9]+)+); rewrite it so each character can match only one way; ` +
        'fix the file or remove it from --rules',
    );
  }, 30_000);

  it('refuses a user text rule with quadratic backtracking (the old email-in-text pattern)', () => {
    const { dir, file } = rulesDir(`text:
  - id: my-email
    category: email
    regex: '[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}'
    examples: { match: ['mail jane@example.org'], noMatch: ['no address'] }
`);
    const e = loadError(dir);
    expect(e.code).toBe('RULE_INVALID');
    expect(e.message).toContain(`rules file ${file}: rule my-email: the regex can backtrack catastrophically (quadratic time`);
    expect(e.message.split('\n')).toHaveLength(1);
  }, 30_000);

  it('loads a linear user rule', () => {
    const { dir } = rulesDir(`values:
  - id: plate
    category: ssn
    regex: '^[A-Z]{2}\\d[A-Z]\\d[A-Z]$'
    weight: 0.5
    examples: { match: [AB1C2D], noMatch: [ab1c2d] }
`);
    expect(loadRules([dir]).values.some((r) => r.def.id === 'plate')).toBe(true);
  }, 30_000);

  it('every built-in value and text rule is proven free of super-linear backtracking', () => {
    const rules = loadRules();
    const risky: string[] = [];
    for (const r of [...rules.values, ...rules.text]) {
      if (r.def.regex === undefined) continue; // dictionary rules: escaped literals on word boundaries
      const risk = backtrackingRisk(r.def.regex, r.def.flags ?? '');
      if (risk !== null) risky.push(`${r.def.id}: ${risk}`);
    }
    expect(risky).toEqual([]);
  }, 120_000);
});
