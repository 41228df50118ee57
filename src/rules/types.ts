/**
 * The compiled rules every part of the classifier reads: what `loadRules` returns. This module
 * imports no code (types only, from the rule schema and the validator signature), so the
 * classifier, the loader and the example check all depend on it and never on each other's code.
 */
import type { Validator } from '../validators/validator.js';
import type { CategoryDef, NameRuleDef, SubjectRuleDef, TextRuleDef, ValueRuleDef } from './schema.js';

export type { CategoryDef, NameRuleDef, SubjectRuleDef, TextRuleDef, ValueRuleDef } from './schema.js';

export interface CompiledNameRule {
  readonly def: NameRuleDef;
  readonly patterns: readonly (readonly string[])[];
  readonly unless: readonly (readonly string[])[];
}

export interface CompiledValueRule {
  readonly def: ValueRuleDef;
  readonly regex: RegExp | null;
  readonly validator: Validator | null;
  readonly dictionary: string | null;
}

export interface CompiledTextRule {
  readonly def: TextRuleDef;
  /** Global regex finding candidate matches (for a dictionary rule: the terms, on word boundaries). */
  readonly regex: RegExp;
  readonly validator: Validator | null;
  /** Lower-cased context words. */
  readonly context: readonly string[];
}

export interface CompiledSubjectRule {
  readonly def: SubjectRuleDef;
  /** Table-name token sequences (canonicalised like column names). */
  readonly tables: readonly (readonly string[])[];
  readonly links: ReadonlySet<string>;
  readonly catalog: ReadonlySet<string>;
  readonly skip: ReadonlySet<string>;
  /** Words a reference table's name is made of (`drugs`, `concept`, `list_options`). */
  readonly reference: ReadonlySet<string>;
  /** A link column must be a key (`linkKeys`), or null when a link word is enough. */
  readonly linkKeys: { readonly keys: ReadonlySet<string>; readonly alone: ReadonlySet<string> } | null;
  /** Words a content column's name must hold, or null when any name may be content. */
  readonly content: ReadonlySet<string> | null;
  /** Record-type words (`type`, `category`) and the words that keep such a column content (`blood`). */
  readonly recordTypes: { readonly words: ReadonlySet<string>; readonly unless: ReadonlySet<string> } | null;
}

/** One member of a quasi-identifier set: a column reported as a category, or named by a token. */
export type QuasiIdentifierPart = { readonly category: string } | { readonly tokens: ReadonlySet<string> };

export interface Rules {
  readonly categories: ReadonlyMap<string, CategoryDef>;
  readonly aliases: ReadonlyMap<string, string>;
  readonly compounds: ReadonlyMap<string, readonly string[]>;
  readonly names: readonly CompiledNameRule[];
  readonly values: readonly CompiledValueRule[];
  readonly text: readonly CompiledTextRule[];
  /** Table subjects (rules/subjects.yaml). */
  readonly subjects: readonly CompiledSubjectRule[];
  /** Columns that together re-identify people (rules/categories.yaml `quasiIdentifiers`), in report order. */
  readonly quasiIdentifiers: readonly QuasiIdentifierPart[];
  readonly dictionaries: ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * Every word the rules name (aliases, compounds' parts, name patterns and their exceptions,
   * table and value-exception tokens): column names are segmented and singularised toward these.
   */
  readonly vocabulary: ReadonlySet<string>;
  /** Where the rules came from, for the report. */
  readonly dirs: readonly string[];
}
