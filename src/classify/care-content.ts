/**
 * Which columns of a care table (rules/subjects.yaml) are content: what the care was, never the
 * record's machinery. A column is not content when its name says key, audit, user, flag, unit,
 * method, workflow or money (the rule's `skip` words, and any subject rule's person or record
 * links: an `encounter` column of a conditions table points at the encounter), or when its values
 * do: keys (UUIDs, hex digests), a flag (at most two short values, blanks not counting) or one
 * value in every row (a default, which says nothing about any one person).
 *
 * A clinical code stays content though its name says key (`condition_concept_id`,
 * `snomed_code_id`): a key into a terminology says which disease or drug the person had. The
 * rule's `codes.words` name such codes, `codes.keys` are the key words they override, and
 * `codes.unless` the words that make the code a record's type or unit (`*_type_concept_id`).
 */
import type { TypeClass } from '../../connectors/types.js';
import type { CompiledSubjectRule, Rules } from '../rules/load.js';
import { nameTokens } from './tokens.js';

/** Sampled values a key has: UUIDs/GUIDs, or hex digests of 16+ characters. */
const KEY_VALUE = /^(?:\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\}?|[0-9a-f]{16,})$/i;
/** Share of non-blank values that must look like keys. */
const KEY_SHARE = 0.9;
/** Fewer non-blank values than this say nothing about a column's shape. */
const MIN_VALUES = 20;

const canonical = (rules: Pick<Rules, 'aliases'>, words: readonly string[]) =>
  new Set(words.map((w) => rules.aliases.get(w.toLowerCase()) ?? w.toLowerCase()));

/** Why the sampled values are not a person's care (keys, a flag, a default), or null. */
export function valuesNotContent(values: readonly (string | null)[] | null): string | null {
  if (!values) return null;
  const distinct = new Set<string>();
  let n = 0;
  let keys = 0;
  let longest = 0;
  for (const v of values) {
    if (v === null) continue;
    const t = v.trim();
    if (t === '') continue;
    n++;
    if (distinct.size <= 2) distinct.add(t.toLowerCase());
    if (t.length > longest) longest = t.length;
    if (KEY_VALUE.test(t)) keys++;
  }
  if (n === 0) return null;
  if (distinct.size <= 2 && longest <= 5) return 'a flag';
  if (n < MIN_VALUES) return null;
  if (keys / n >= KEY_SHARE) return 'keys';
  if (distinct.size === 1) return 'one value in every row';
  return null;
}

/** Why a column of a subject table is not content (its name or its values), or null when it is. */
export function careNonContent(
  column: string,
  typeClass: TypeClass | string,
  values: readonly (string | null)[] | null,
  rule: CompiledSubjectRule,
  rules: Rules,
): string | null {
  if (!rule.def.types.includes(typeClass)) return `a ${typeClass} column`;
  const tokens = nameTokens(column, rules);
  if (tokens.length === 0) return 'no name';
  const codes = rule.def.codes;
  const code =
    codes !== undefined &&
    tokens.some((t) => canonical(rules, codes.words).has(t)) &&
    !tokens.some((t) => canonical(rules, codes.unless).has(t));
  const soft = code ? canonical(rules, codes!.keys) : new Set<string>();
  for (const t of tokens) {
    if (soft.has(t)) continue;
    if (rule.skip.has(t)) return `the name says ${t}`;
    // A person or record link of any subject rule: a key to the patient, the encounter, the visit.
    if (!code && rules.subjects.some((r) => r.links.has(t))) return `a key to the ${t}`;
  }
  return valuesNotContent(values);
}
