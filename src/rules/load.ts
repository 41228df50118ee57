/** Loads rules/ (and users' --rules directories), validates them, and compiles them once. */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { MinimError } from '../errors.js';
import { packageRoot } from '../util/paths.js';
import { VALIDATORS, type Validator } from '../validators/index.js';
import { checkExamples, exampleResults, type ExampleResult } from './examples.js';
import { changedSinceBuild, examplesProven, preparsed } from './parsed-cache.js';
import { backtrackingRisk } from './redos.js';
import {
  rulesFileSchema,
  type CategoryDef,
  type NameRuleDef,
  type SubjectRuleDef,
  type TextRuleDef,
  type ValueRuleDef,
} from './schema.js';
import type { CompiledNameRule, CompiledSubjectRule, CompiledTextRule, CompiledValueRule, QuasiIdentifierPart, Rules } from './types.js';

export type { CompiledNameRule, CompiledSubjectRule, CompiledTextRule, CompiledValueRule, QuasiIdentifierPart, Rules } from './types.js';

/** Options of `loadRules`: the validators rules may name (every registered one by default). */
export interface LoadOptions {
  readonly validators?: Readonly<Record<string, Validator>>;
}

const BUILTIN_FILES = ['categories.yaml', 'abbreviations.yaml', 'names.yaml', 'values.yaml', 'subjects.yaml'];

function ruleError(file: string, message: string): MinimError {
  return new MinimError('RULE_INVALID', `rules file ${file}: ${message}; fix the file or remove it from --rules`, {
    subject: file,
  });
}

function formatIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
  return `${path || '(top)'}: ${issue.message}`;
}

function readRulesFile(file: string) {
  let raw: unknown;
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
    const json = preparsed(text);
    raw = json === undefined ? parseYaml(text) : JSON.parse(json);
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw ruleError(file, `not valid YAML (${msg})`);
  }
  const parsed = rulesFileSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = formatIssue(parsed.error.issues[0]!);
    // A built-in file newer than the build meets the build's (older) schema: say to rebuild.
    if (changedSinceBuild(file, text)) {
      throw new MinimError('RULE_INVALID', `built-in rules file ${file} changed since the build (${issue}): run npm run build`, { subject: file });
    }
    throw ruleError(file, issue);
  }
  return parsed.data;
}

function listRuleFiles(dir: string, builtin: boolean): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new MinimError('FILE_NOT_FOUND', `rules directory ${dir} does not exist; pass an existing directory to --rules`, {
      subject: dir,
    });
  }
  if (builtin) return BUILTIN_FILES.map((f) => join(dir, f));
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f) && !/^policy/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

function loadDictionaries(dirs: readonly string[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const dir of dirs) {
    const d = join(dir, 'dictionaries');
    if (!existsSync(d)) continue;
    for (const f of readdirSync(d).filter((x) => x.endsWith('.txt')).sort()) {
      const id = basename(f, '.txt');
      const set = out.get(id) ?? new Set<string>();
      for (const line of readFileSync(join(d, f), 'utf8').split('\n')) {
        const t = line.trim().toLowerCase();
        if (t && !t.startsWith('#')) set.add(t);
      }
      out.set(id, set);
    }
  }
  return out;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Compiles a rule's regex. A user's rule (`checked`) must also pass the ReDoS checker: one that can
 * backtrack super-linearly is refused here, before any value (or its own examples) reaches it.
 */
function compileRegex(file: string, id: string, source: string, flags: string, checked: boolean): RegExp {
  let re: RegExp;
  try {
    re = new RegExp(source, flags);
  } catch (e) {
    throw ruleError(file, `rule ${id}: invalid regex (${e instanceof Error ? e.message : String(e)})`);
  }
  const risk = checked ? backtrackingRisk(source, flags) : null;
  if (risk !== null) throw ruleError(file, `rule ${id}: ${risk}`);
  return re;
}

function validatorFor(file: string, id: string, ref: string | undefined, validators: Readonly<Record<string, Validator>>): Validator | null {
  if (ref === undefined) return null;
  const v = Object.hasOwn(validators, ref) ? validators[ref] : undefined;
  if (!v) throw ruleError(file, `rule ${id}: unknown validator "${ref}" (known: ${Object.keys(validators).join(', ')})`);
  return v;
}

/** A case-insensitive regex matching any term of a dictionary on word boundaries, longest first. */
function dictionaryRegex(terms: ReadonlySet<string>, flags: string): RegExp {
  const alternatives = [...terms].sort((a, b) => b.length - a.length).map(escapeRe);
  return new RegExp(`\\b(?:${alternatives.join('|')})\\b`, 'i' + flags);
}

const tokensOf = (pattern: string) => pattern.toLowerCase().split(/\s+/).filter(Boolean);

const cache = new Map<string, Rules>();

/** The built-in rules plus each directory in `extraDirs` (later files replace rules with the same id). */
export function loadRules(extraDirs: readonly string[] = [], options: LoadOptions = {}): Rules {
  // Rules compiled against other validators than the registered ones are not cached.
  const key = options.validators ? null : extraDirs.join('\0');
  const hit = key === null ? undefined : cache.get(key);
  if (hit) return hit;
  const { rules, files } = compileRules(extraDirs, options);
  // The built-in rules alone, unchanged since the build proved their examples: not run again.
  const proven = extraDirs.length === 0 && !options.validators && examplesProven(builtinRulesDigest());
  if (!proven) checkExamples(rules, (id) => files.get(id) ?? 'rules');
  if (key !== null) cache.set(key, rules);
  return rules;
}

/**
 * A digest of everything the built-in rules are compiled from (their files and dictionaries, by
 * name and text): the build records it when every built-in example passed (see parsed-cache.ts).
 */
export function builtinRulesDigest(root: string = packageRoot()): string {
  const dir = join(root, 'rules');
  const hash = createHash('sha256');
  const dicts = join(dir, 'dictionaries');
  const dictFiles = existsSync(dicts) ? readdirSync(dicts).filter((x) => x.endsWith('.txt')).sort().map((f) => join('dictionaries', f)) : [];
  for (const f of [...BUILTIN_FILES, ...dictFiles]) hash.update(`${f}\0${readFileSync(join(dir, f), 'utf8')}\0`);
  return hash.digest('hex');
}

/**
 * Loads and compiles like `loadRules`, but reports every rule example's result instead of refusing
 * the rules at the first failing one (for the rules test, and for users checking a rules directory).
 * Malformed files still throw RULE_INVALID.
 */
export function loadRulesWithExamples(extraDirs: readonly string[] = [], options: LoadOptions = {}): { rules: Rules; examples: ExampleResult[] } {
  const { rules, files } = compileRules(extraDirs, options);
  return { rules, examples: exampleResults(rules, (id) => files.get(id) ?? 'rules') };
}

function compileRules(extraDirs: readonly string[], options: LoadOptions): { rules: Rules; files: Map<string, string> } {
  const validators = options.validators ?? VALIDATORS;
  const builtinDir = join(packageRoot(), 'rules');
  const dirs = [builtinDir, ...extraDirs];
  const categories = new Map<string, CategoryDef>();
  const categoryFiles = new Map<string, string>();
  const aliases = new Map<string, string>();
  const compounds = new Map<string, string[]>();
  const names = new Map<string, { def: NameRuleDef; file: string }>();
  const values = new Map<string, { def: ValueRuleDef; file: string }>();
  const text = new Map<string, { def: TextRuleDef; file: string }>();
  const subjects = new Map<string, { def: SubjectRuleDef; file: string }>();
  let quasi: { parts: NonNullable<ReturnType<typeof readRulesFile>['quasiIdentifiers']>; file: string } | null = null;

  for (const dir of dirs) {
    for (const file of listRuleFiles(dir, dir === builtinDir)) {
      const data = readRulesFile(file);
      for (const c of data.categories ?? []) (categories.set(c.id, c), categoryFiles.set(c.id, file));
      for (const [canon, list] of Object.entries(data.aliases ?? {})) for (const a of list) aliases.set(a.toLowerCase(), canon);
      for (const [word, toks] of Object.entries(data.compounds ?? {})) compounds.set(word.toLowerCase(), toks);
      for (const r of data.names ?? []) names.set(r.id, { def: r, file });
      for (const r of data.values ?? []) values.set(r.id, { def: r, file });
      for (const r of data.text ?? []) text.set(r.id, { def: r, file });
      for (const r of data.subjects ?? []) subjects.set(r.id, { def: r, file });
      if (data.quasiIdentifiers) quasi = { parts: data.quasiIdentifiers, file };
    }
  }
  const dictionaries = loadDictionaries(dirs);
  // Built-in rules are proven linear by the test suite; users' rules are checked as they load.
  const isBuiltin = (file: string) => dirname(file) === builtinDir;

  const checkCategory = (file: string, id: string, cat: string) => {
    if (!categories.has(cat)) throw ruleError(file, `rule ${id}: unknown category "${cat}" (define it under categories:)`);
  };
  const checkDictionary = (file: string, id: string, dict: string | undefined) => {
    if (dict === undefined) return;
    const known = dict === 'names' ? dictionaries.has('first-names') && dictionaries.has('last-names') : dictionaries.has(dict);
    if (!known) throw ruleError(file, `rule ${id}: unknown dictionary "${dict}" (add dictionaries/${dict}.txt)`);
  };

  for (const c of categories.values()) {
    for (const n of c.neighbours) {
      if (!categories.has(n.category)) throw ruleError(categoryFiles.get(c.id)!, `category ${c.id}: neighbour "${n.category}" is no category (define it under categories:)`);
    }
  }
  const quasiIdentifiers: QuasiIdentifierPart[] = (quasi?.parts ?? []).map((p) => {
    if ('category' in p) {
      checkCategory(quasi!.file, 'quasiIdentifiers', p.category);
      return { category: p.category };
    }
    return { tokens: new Set(p.tokens.map((t) => t.toLowerCase())) };
  });

  const compiledNames: CompiledNameRule[] = [...names.values()].map(({ def, file }) => {
    checkCategory(file, def.id, def.category);
    return { def, patterns: def.patterns.map(tokensOf), unless: def.unless.map(tokensOf) };
  });
  const compiledValues: CompiledValueRule[] = [...values.values()].map(({ def, file }) => {
    checkCategory(file, def.id, def.category);
    checkDictionary(file, def.id, def.dictionary);
    // A term dictionary (not the person-name lists) matches a value holding one of its terms.
    const termRegex = def.dictionary !== undefined && def.dictionary !== 'names' ? dictionaryRegex(dictionaries.get(def.dictionary)!, '') : null;
    return {
      def,
      regex: def.regex === undefined ? termRegex : compileRegex(file, def.id, def.regex, def.flags ?? '', !isBuiltin(file)),
      validator: validatorFor(file, def.id, def.validator, validators),
      dictionary: def.dictionary ?? null,
    };
  });
  const compiledText: CompiledTextRule[] = [...text.values()].map(({ def, file }) => {
    checkCategory(file, def.id, def.category);
    checkDictionary(file, def.id, def.dictionary);
    let regex: RegExp;
    if (def.dictionary !== undefined) {
      regex = dictionaryRegex(dictionaries.get(def.dictionary) ?? new Set(), 'g');
    } else {
      const flags = def.flags ?? '';
      regex = compileRegex(file, def.id, def.regex!, flags.includes('g') ? flags : flags + 'g', !isBuiltin(file));
    }
    return {
      def,
      regex,
      validator: validatorFor(file, def.id, def.validator, validators),
      context: def.context.map((c) => c.toLowerCase()),
    };
  });

  const vocabulary = new Set<string>();
  const addWords = (text: string) => {
    for (const w of text.toLowerCase().split(/[^a-z0-9]+/)) if (w.length >= 2 && /[a-z]/.test(w)) vocabulary.add(w);
  };
  for (const [alias, canon] of aliases) (addWords(alias), addWords(canon));
  for (const parts of compounds.values()) parts.forEach(addWords);
  for (const { def } of names.values()) [...def.patterns, ...def.unless].forEach(addWords);
  for (const c of categories.values()) [...c.valuesUnless, ...(c.tables?.tokens ?? [])].forEach(addWords);
  for (const { def } of subjects.values())
    [
      ...def.tables,
      ...def.links,
      ...def.catalog,
      ...def.skip,
      ...def.reference,
      ...(def.content ?? []),
      ...(def.linkKeys ? [...def.linkKeys.keys, ...def.linkKeys.alone] : []),
      ...(def.recordTypes ? [...def.recordTypes.words, ...def.recordTypes.unless] : []),
    ].forEach(addWords);
  // Subject words are matched on canonical tokens, like column names.
  const canonWord = (w: string) => {
    const t = w.toLowerCase();
    return aliases.get(t) ?? t;
  };
  const compiledSubjects: CompiledSubjectRule[] = [...subjects.values()].map(({ def, file }) => {
    checkCategory(file, def.id, def.category);
    return {
      def,
      tables: def.tables.map((p) => tokensOf(p).flatMap((t) => compounds.get(t) ?? [t]).map(canonWord)),
      links: new Set(def.links.map(canonWord)),
      catalog: new Set(def.catalog.map(canonWord)),
      skip: new Set(def.skip.map(canonWord)),
      reference: new Set(def.reference.map(canonWord)),
      linkKeys: def.linkKeys ? { keys: new Set(def.linkKeys.keys.map(canonWord)), alone: new Set(def.linkKeys.alone.map(canonWord)) } : null,
      content: def.content ? new Set(def.content.map(canonWord)) : null,
      recordTypes: def.recordTypes ? { words: new Set(def.recordTypes.words.map(canonWord)), unless: new Set(def.recordTypes.unless.map(canonWord)) } : null,
    };
  });

  const rules: Rules = {
    categories,
    aliases,
    compounds,
    vocabulary,
    names: compiledNames,
    values: compiledValues,
    text: compiledText,
    subjects: compiledSubjects,
    quasiIdentifiers,
    dictionaries,
    dirs,
  };
  const files = new Map<string, string>();
  for (const m of [names, values, text, subjects]) for (const [id, { file }] of m) files.set(id, file);
  return { rules, files };
}
