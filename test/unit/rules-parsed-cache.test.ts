/** The built-in rules parsed ahead by the build: the same documents as the YAML parser gives, and only for unchanged text. */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { examplesProven, parsedRulesPath, preparsed, writeParsedRules } from '../../src/rules/parsed-cache.js';
import { builtinRulesDigest } from '../../src/rules/load.js';
import { packageRoot } from '../../src/util/paths.js';

describe('rules parsed ahead', () => {
  it('writes each rules file as the JSON of its YAML document, leaving out what JSON cannot carry', () => {
    const root = mkdtempSync(join(tmpdir(), 'minim-parsed-'));
    mkdirSync(join(root, 'rules'));
    writeFileSync(join(root, 'rules', 'a.yaml'), 'names:\n  - { id: x, category: email, patterns: [e mail] }\n');
    writeFileSync(join(root, 'rules', 'b.yaml'), 'limit: .inf\n');
    expect(writeParsedRules(root)).toBe(1);
    const written = Object.values((JSON.parse(readFileSync(parsedRulesPath(root), 'utf8')) as { files: Record<string, string> }).files);
    expect(written.map((j) => JSON.parse(j) as unknown)).toEqual([{ names: [{ id: 'x', category: 'email', patterns: ['e mail'] }] }]);
  });

  it('gives the YAML parser’s document for every built-in rules file the build parsed, and nothing for other text', () => {
    const dir = join(packageRoot(), 'rules');
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
      const text = readFileSync(join(dir, name), 'utf8');
      const json = preparsed(text);
      // Without a build (no dist/rules/parsed.json) every file is parsed as YAML.
      if (json !== undefined) expect(JSON.parse(json)).toEqual(parseYaml(text));
      expect(preparsed(`${text}\n# edited\n`)).toBeUndefined();
    }
  });

  it('proves the examples only of the built-in rules files and dictionaries the build saw', () => {
    const root = mkdtempSync(join(tmpdir(), 'minim-digest-'));
    mkdirSync(join(root, 'rules', 'dictionaries'), { recursive: true });
    for (const f of ['categories.yaml', 'abbreviations.yaml', 'names.yaml', 'values.yaml', 'subjects.yaml']) {
      writeFileSync(join(root, 'rules', f), readFileSync(join(packageRoot(), 'rules', f)));
    }
    writeFileSync(join(root, 'rules', 'dictionaries', 'first-names.txt'), 'ann\n');
    const before = builtinRulesDigest(root);
    writeFileSync(join(root, 'rules', 'dictionaries', 'first-names.txt'), 'ann\nbob\n');
    const after = builtinRulesDigest(root);
    expect(after).not.toBe(before);
    expect(examplesProven(before)).toBe(false);
    // The repository's own rules: proven exactly when the build recorded them.
    const recorded = (() => {
      try {
        return (JSON.parse(readFileSync(parsedRulesPath(), 'utf8')) as { examplesProven?: string }).examplesProven;
      } catch {
        return undefined;
      }
    })();
    expect(examplesProven(builtinRulesDigest())).toBe(recorded === builtinRulesDigest());
  });
});
