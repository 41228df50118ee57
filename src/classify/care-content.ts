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
import type { CompiledSubjectRule, Rules } from '../rules/types.js';
import { medicalMorphology } from '../validators/medical-morphology.js';
import { claim, SUBJECT_EVIDENCE, type Claim } from './evidence.js';
import { combine, CONTRADICTED, REPORT_AT, round2 } from './scoring.js';
import { nameTokens, splitName } from './tokens.js';

/** Sampled values a key has: UUIDs/GUIDs, or hex digests of 16+ characters. */
const KEY_VALUE = /^(?:\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\}?|[0-9a-f]{16,})$/i;
/** Share of non-blank values that must look like keys. */
const KEY_SHARE = 0.9;
/** Fewer non-blank values than this say nothing about a column's shape. */
const MIN_VALUES = 20;
/**
 * A record-type column (`drug_type`, `CATEGORY`, `form`) holds a closed set: at most this many
 * distinct non-blank values over at least MIN_VALUES sampled ones, none longer than
 * RECORD_TYPE_LENGTH. A drug, route or reaction column has more, or is not named for a type.
 */
const RECORD_TYPE_DISTINCT = 12;
const RECORD_TYPE_LENGTH = 40;

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
  if (n === 0) return 'no values';
  if (distinct.size <= 2 && longest <= 5) return 'a flag';
  if (n < MIN_VALUES) return null;
  if (keys / n >= KEY_SHARE) return 'keys';
  if (distinct.size === 1) return 'one value in every row';
  return null;
}

/**
 * Whether a column is the record's type: its last word is a record-type word (`type`, `category`,
 * `form`) not kept by an `unless` word (`blood_type`), and its values are a small closed set that
 * repeats across rows.
 */
export function isRecordType(
  tokens: readonly string[],
  values: readonly (string | null)[] | null,
  recordTypes: NonNullable<CompiledSubjectRule['recordTypes']>,
): boolean {
  const last = tokens[tokens.length - 1];
  if (last === undefined || !recordTypes.words.has(last) || tokens.some((t) => recordTypes.unless.has(t)) || !values) return false;
  const distinct = new Set<string>();
  let n = 0;
  for (const v of values) {
    if (v === null) continue;
    const t = v.trim();
    if (t === '') continue;
    if (t.length > RECORD_TYPE_LENGTH) return false;
    n++;
    distinct.add(t.toLowerCase());
    if (distinct.size > RECORD_TYPE_DISTINCT) return false;
  }
  return n >= MIN_VALUES;
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
  const keys = codes ? canonical(rules, codes.keys) : new Set<string>();
  for (const t of tokens) {
    if (code && keys.has(t)) continue;
    if (rule.skip.has(t)) return `the name says ${t}`;
  }
  // A person or record link of any subject rule, alone or with key words: a key to the patient,
  // the encounter, the visit (`encounter`, `visit_no`); `encounter_type_description` is content.
  const isLink = (t: string) => rules.subjects.some((r) => r.links.has(t));
  const link = tokens.find(isLink);
  if (!code && link !== undefined && tokens.every((t) => isLink(t) || keys.has(t))) return `a key to the ${link}`;
  // An ambiguous table word (`observation`, `lists`) makes only columns named for content content.
  if (rule.content && !tokens.some((t) => rule.content!.has(t))) return 'the name names no content';
  if (rule.recordTypes && isRecordType(tokens, values, rule.recordTypes)) return "the record's type";
  return valuesNotContent(values);
}

/** Whether a column's name names a care event: a listed word, or clinical word formation (`-ectomy`). */
export function namesCareEvent(column: string, rule: CompiledSubjectRule, rules: Rules): string | null {
  const events = canonical(rules, rule.def.events);
  for (const t of nameTokens(column, rules)) if (events.has(t) || medicalMorphology(t) > 0) return t;
  // Word formation is read on the words as written (a segmenter splits `colonoscopy`).
  for (const t of splitName(column)) if (medicalMorphology(t) > 0) return t;
  return null;
}

/**
 * A date column of a care table named for a care event (`appendectomy`, `last_colonoscopy`,
 * `cataract_surgery`) says the event happened to the person: the subject's category, and never a
 * birth date however its dates spread (value evidence for a birth date is halved and an entry says
 * why). Other dates of a care table (visit start, record timestamps) stay clean.
 */
export function applyCareEvents(
  table: string,
  hit: { readonly rule: CompiledSubjectRule; readonly subject: string },
  columns: readonly { name: string; typeClass: TypeClass; result: { readonly nonNull: number; readonly claims: Map<string, Claim> } }[],
  rules: Rules,
): void {
  const category = hit.rule.def.category;
  for (const { name, typeClass, result } of columns) {
    if (typeClass !== 'date' && typeClass !== 'timestamp') continue;
    if (result.nonNull === 0 || careNonContent(name, 'text', null, hit.rule, rules) !== null) continue;
    const event = namesCareEvent(name, hit.rule, rules);
    if (!event) continue;
    const c = claim(result.claims as Map<string, Claim>, category);
    const w = hit.rule.def.weight;
    c.evidence.push({
      rule: SUBJECT_EVIDENCE + hit.rule.def.id,
      source: 'context',
      detail: `table ${table} (${hit.subject}) records ${category} of a person; ${name} dates a ${event}`,
      weight: w,
    });
    c.weights.push(w);
    const dob = result.claims.get('dob');
    if (!dob || dob.evidence.some((e) => e.source === 'name' || e.source === 'label')) continue;
    dob.evidence.forEach((e, i) => {
      dob.weights[i] = dob.weights[i]! * 0.5;
      e.weight = Math.round(dob.weights[i]! * 100) / 100;
    });
    dob.evidence.push({ rule: 'name-contradicts', source: 'name', detail: `the name ${name} dates a ${event}, not a birth`, contradicts: event, weight: 0 });
    dob.weights.push(0);
  }
}

/** The subject rule whose reference words make up the table's whole name, when no column links to a person. */
export function referenceTable(table: string, columns: readonly string[], rules: Rules): CompiledSubjectRule | null {
  // Numbers in a table's name (`icd10_codes`: icd, 10, codes) are versions, not words.
  const tokens = nameTokens(table, rules).filter((t) => !/^\d+$/.test(t));
  if (tokens.length === 0) return null;
  for (const rule of rules.subjects) {
    if (rule.reference.size === 0 || !tokens.every((t) => rule.reference.has(t))) continue;
    if (columns.some((c) => nameTokens(c, rules).some((t) => rule.links.has(t)))) continue;
    return rule;
  }
  return null;
}

/**
 * A reference table (a drugs catalog, OMOP `concept`, `list_options`: named only by reference
 * words, no person link) lists codes and drugs that belong to nobody: the rule's category is at
 * most a candidate in it, whatever its names and values say. Every weight is scaled by
 * CONTRADICTED, then further until the claim falls under REPORT_AT, and an entry says why.
 */
export function applyReferenceTable(
  table: string,
  rule: CompiledSubjectRule,
  columns: readonly { result: { readonly claims: Map<string, Claim> } }[],
): void {
  const category = rule.def.category;
  for (const { result } of columns) {
    const c = result.claims.get(category);
    if (!c || c.evidence.length === 0) continue;
    let factor = CONTRADICTED;
    const scaled = () => c.weights.map((w) => w * factor);
    while (combine(scaled()) >= REPORT_AT) factor *= 0.8;
    c.evidence.forEach((e, i) => {
      c.weights[i] = c.weights[i]! * factor;
      e.weight = round2(c.weights[i]!);
    });
    c.evidence.push({ rule: 'reference-table', source: 'context', detail: `table ${table} lists reference data, no person's record`, contradicts: 'reference', weight: 0 });
    c.weights.push(0);
  }
}
