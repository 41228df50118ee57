/**
 * Table subjects (rules/subjects.yaml): a table whose name says it records something about a
 * person (vitals, prescriptions, immunizations…) and whose columns tie each row to a person (a
 * patient or person key) makes its content columns that category, as evidence in its own right.
 * Ids, keys, audit columns, user ids and flags are never content; a table of reference data (a
 * catalog of drugs, a code list, a fee schedule: no person key) is nobody's record.
 */
import type { TypeClass } from '../../connectors/types.js';
import type { CompiledSubjectRule, Rules } from '../rules/types.js';
import { containsSequence, nameTokens } from './tokens.js';
import { careNonContent } from './care-content.js';

export interface SubjectHit {
  readonly rule: CompiledSubjectRule;
  /** The table-name words that named the subject. */
  readonly subject: string;
  /** The column that ties rows to a person. */
  readonly link: string;
}

/**
 * Whether a column's name ties rows to a person for this rule: a link word, and when the rule asks
 * for keys (`linkKeys`), nothing but link and key words with at least one key (`person_id`,
 * `subject_id`), or one word that is a key alone (`pid`).
 */
function isLinkColumn(tokens: readonly string[], rule: CompiledSubjectRule): boolean {
  if (!tokens.some((t) => rule.links.has(t))) return false;
  const keyed = rule.linkKeys;
  if (!keyed) return true;
  if (tokens.length === 1) return keyed.alone.has(tokens[0]!);
  return tokens.every((t) => rule.links.has(t) || keyed.keys.has(t)) && tokens.some((t) => keyed.keys.has(t));
}

/** The first subject rule the table satisfies, or null. */
export function tableSubject(table: string, columns: readonly string[], rules: Rules): SubjectHit | null {
  const tokens = nameTokens(table, rules);
  for (const rule of rules.subjects) {
    const at = rule.tables.findIndex((seq) => containsSequence(tokens, seq));
    if (at < 0) continue;
    if (tokens.some((t) => rule.catalog.has(t))) continue;
    const link = columns.find((c) => isLinkColumn(nameTokens(c, rules), rule));
    if (link === undefined) continue;
    return { rule, subject: rule.def.tables[at]!, link };
  }
  return null;
}

/** Whether a column of a subject table is content (not an id, key, audit column, user id or flag). */
export function isContentColumn(column: string, typeClass: TypeClass | string, rule: CompiledSubjectRule, rules: Rules): boolean {
  return careNonContent(column, typeClass, null, rule, rules) === null;
}

/** For the rule examples: `name` or `name:typeClass` (text when no type is given). */
export function parseExampleColumn(spec: string): { name: string; typeClass: string } {
  const i = spec.indexOf(':');
  return i < 0 ? { name: spec, typeClass: 'text' } : { name: spec.slice(0, i), typeClass: spec.slice(i + 1) };
}

/** Whether a rule example's column would be made the subject's category. */
export function subjectExampleMatches(
  rule: CompiledSubjectRule,
  ex: { table: string; columns: readonly string[]; column: string; values?: readonly string[] | undefined },
  rules: Rules,
): boolean {
  const cols = ex.columns.map(parseExampleColumn);
  const hit = tableSubject(ex.table, cols.map((c) => c.name), { ...rules, subjects: [rule] });
  if (!hit) return false;
  const target = parseExampleColumn(ex.column);
  return careNonContent(target.name, target.typeClass, ex.values ?? null, rule, rules) === null;
}
