/**
 * The built-in rules files, parsed ahead of time: `npm run build` writes each rules/*.yaml file's
 * YAML document as JSON into dist/rules/parsed.json, keyed by the SHA-256 of the file's text. A
 * scan then reads a file whose text is unchanged with JSON.parse (well under a millisecond) instead
 * of the YAML parser (a few hundred milliseconds of a demo scan, mostly a cold parser). Any other
 * text (an edited file, a user's --rules directory, no build) is parsed as YAML as before; the
 * result is validated by the same schema either way.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { packageRoot } from '../util/paths.js';

/** Where the build writes the parsed built-in rules. */
export function parsedRulesPath(root: string = packageRoot()): string {
  return join(root, 'dist', 'rules', 'parsed.json');
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

let parsed: Map<string, string> | undefined;

/** The JSON text of this YAML text's document, when the build parsed the same text; else undefined. */
export function preparsed(text: string): string | undefined {
  if (!parsed) {
    parsed = new Map();
    try {
      const entries = JSON.parse(readFileSync(parsedRulesPath(), 'utf8')) as Record<string, unknown>;
      for (const [hash, json] of Object.entries(entries)) if (typeof json === 'string') parsed.set(hash, json);
    } catch {
      // no build output (tests from source, a partial install): every file is parsed as YAML
    }
  }
  return parsed.size === 0 ? undefined : parsed.get(digest(text));
}

/**
 * Parses every rules/*.yaml file and writes their documents as JSON (`parsedRulesPath`). A document
 * JSON cannot carry unchanged (a date, an infinite number) is left out: it is parsed as YAML at run time.
 */
export function writeParsedRules(root: string = packageRoot()): number {
  const dir = join(root, 'rules');
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const text = readFileSync(join(dir, name), 'utf8');
    const doc: unknown = parseYaml(text);
    const json = JSON.stringify(doc ?? null);
    if (isDeepStrictEqual(JSON.parse(json), doc ?? null)) out[digest(text)] = json;
  }
  const path = parsedRulesPath(root);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.tmp-${process.pid}`, JSON.stringify(out) + '\n');
  renameSync(`${path}.tmp-${process.pid}`, path);
  return Object.keys(out).length;
}

// `node dist/src/rules/parsed-cache.js` (a step of `npm run build`).
if (process.argv[1] && existsSync(process.argv[1]) && fileURLToPath(import.meta.url) === process.argv[1]) {
  const n = writeParsedRules();
  process.stderr.write(`rules parsed ahead: ${n} files → ${parsedRulesPath()}\n`);
}
