/** The built-in rules parsed ahead by the build: the same documents as the YAML parser gives, and only for unchanged text. */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parsedRulesPath, preparsed, writeParsedRules } from '../../src/rules/parsed-cache.js';
import { packageRoot } from '../../src/util/paths.js';

describe('rules parsed ahead', () => {
  it('writes each rules file as the JSON of its YAML document, leaving out what JSON cannot carry', () => {
    const root = mkdtempSync(join(tmpdir(), 'minim-parsed-'));
    mkdirSync(join(root, 'rules'));
    writeFileSync(join(root, 'rules', 'a.yaml'), 'names:\n  - { id: x, category: email, patterns: [e mail] }\n');
    writeFileSync(join(root, 'rules', 'b.yaml'), 'limit: .inf\n');
    expect(writeParsedRules(root)).toBe(1);
    const written = Object.values(JSON.parse(readFileSync(parsedRulesPath(root), 'utf8')) as Record<string, string>);
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
});
