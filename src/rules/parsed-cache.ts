/**
 * The built-in rules files, parsed ahead of time: `npm run build` writes each rules/*.yaml file's
 * YAML document as JSON into dist/rules/parsed.json, keyed by the SHA-256 of the file's text. A
 * scan then reads a file whose text is unchanged with JSON.parse (well under a millisecond) instead
 * of the YAML parser (a few hundred milliseconds of a demo scan, mostly a cold parser). Any other
 * text (an edited file, a user's --rules directory, no build) is parsed as YAML as before; the
 * result is validated by the same schema either way.
 *
 * The build also runs every built-in rule's examples (as loadRules does) and, when all pass,
 * records the digest of the built-in rules (`builtinRulesDigest`): loadRules with no --rules
 * directory skips the examples while the built-in files and dictionaries are the ones proven.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { dirname, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { packageRoot } from '../util/paths.js';

/** Where the build writes the parsed built-in rules. */
export function parsedRulesPath(root: string = packageRoot()): string {
  return join(root, 'dist', 'rules', 'parsed.json');
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

/** dist/rules/parsed.json. */
interface ParsedRules {
  /** SHA-256 of a rules file's text → the JSON of its YAML document. */
  readonly files: Record<string, string>;
  /** `builtinRulesDigest()` of the built-in rules whose examples all passed at build time. */
  readonly examplesProven?: string;
}

let parsed: { files: Map<string, string>; examplesProven: string | undefined } | undefined;

function load(): NonNullable<typeof parsed> {
  if (!parsed) {
    parsed = { files: new Map(), examplesProven: undefined };
    try {
      const data = JSON.parse(readFileSync(parsedRulesPath(), 'utf8')) as Partial<ParsedRules>;
      for (const [hash, json] of Object.entries(data.files ?? {})) if (typeof json === 'string') parsed.files.set(hash, json);
      if (typeof data.examplesProven === 'string') parsed.examplesProven = data.examplesProven;
    } catch {
      // no build output (tests from source, a partial install): every file is parsed as YAML
    }
  }
  return parsed;
}

/** Forgets what was read from dist/rules/parsed.json (after writing it anew). */
export function forgetParsedRules(): void {
  parsed = undefined;
}

/** The JSON text of this YAML text's document, when the build parsed the same text; else undefined. */
export function preparsed(text: string): string | undefined {
  const { files } = load();
  return files.size === 0 ? undefined : files.get(digest(text));
}

/**
 * Whether `file` is a built-in rules file whose text differs from the text the build parsed (a build
 * exists, and the file was edited or pulled since). The compiled schema in dist/ is then as old as
 * that build, so a file it rejects may only be newer than it: the answer is a rebuild, not an edit.
 */
export function changedSinceBuild(file: string, text: string): boolean {
  if (dirname(resolve(file)) !== join(packageRoot(), 'rules')) return false;
  const { files } = load();
  return files.size > 0 && !files.has(digest(text));
}

/** Whether the build ran every example of the built-in rules with this digest, and all passed. */
export function examplesProven(builtinDigest: string): boolean {
  return load().examplesProven === builtinDigest;
}

/**
 * Parses every rules/*.yaml file and writes their documents as JSON (`parsedRulesPath`). A document
 * JSON cannot carry unchanged (a date, an infinite number) is left out: it is parsed as YAML at run time.
 */
export function writeParsedRules(root: string = packageRoot(), examplesProven?: string): number {
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
  const data: ParsedRules = { files: out, ...(examplesProven ? { examplesProven } : {}) };
  writeFileSync(`${path}.tmp-${process.pid}`, JSON.stringify(data) + '\n');
  renameSync(`${path}.tmp-${process.pid}`, path);
  return Object.keys(out).length;
}

