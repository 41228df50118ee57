/** Free-text evidence: personal data embedded in notes, comments and descriptions (the Denver 311 case). */
import type { CompiledTextRule, Rules } from '../rules/types.js';

export interface TextTally {
  readonly rule: CompiledTextRule;
  /** Sampled rows holding at least one validated match. */
  rows: number;
  /** Of those, rows where a context word stood near a match. */
  withContext: number;
  /** Validated matches in all. */
  matches: number;
  /** Matches of the rule's shape, validated or not. */
  shapeMatches: number;
  readonly rawExamples: string[];
  /** Distinct validated matches (lower-cased, up to 4): one address in every row is a template's. */
  readonly distinct: Set<string>;
}

/** Each text value is scanned up to this many characters: the cost per value is bounded. */
export const MAX_TEXT_SCAN = 4096;
const MAX_EXAMPLES = 3;

function hasContext(text: string, start: number, end: number, rule: CompiledTextRule): boolean {
  if (rule.context.length === 0) return false;
  const w = rule.def.window;
  const around = text.slice(Math.max(0, start - w), Math.min(text.length, end + w)).toLowerCase();
  for (const c of rule.context) if (around.includes(c)) return true;
  return false;
}

/** Counts digits and '@' to skip rules that cannot match a value. */
function quickCounts(v: string): { digits: number; at: boolean } {
  let digits = 0;
  let at = false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 64) at = true;
  }
  return { digits, at };
}

/** Minimum digits a rule's match needs, from its category (a cheap pre-filter). */
function minDigits(rule: CompiledTextRule): number {
  switch (rule.def.category) {
    case 'ssn':
      return 9;
    case 'credit_card':
      return 13;
    case 'phone':
      return 10;
    case 'dob':
      return 6;
    default:
      return 0;
  }
}

/**
 * `vocabulary: false` (short texts, not prose) leaves out dictionary (term) rules and values
 * without a space: a single token is a structured value, which the value rules already judged.
 */
export function tallyText(values: readonly (string | null)[], rules: Rules, options: { vocabulary?: boolean } = {}): TextTally[] {
  const vocabulary = options.vocabulary ?? true;
  const tallies = rules.text.map((rule) => ({ rule, rows: 0, withContext: 0, matches: 0, shapeMatches: 0, rawExamples: [] as string[], distinct: new Set<string>() }));
  const needs = rules.text.map(minDigits);
  const needsAt = rules.text.map((r) => r.def.category === 'email');
  for (const raw of values) {
    if (raw === null || raw.length < 6) continue;
    if (!vocabulary && raw.indexOf(' ') < 0) continue;
    const text = raw.length > MAX_TEXT_SCAN ? raw.slice(0, MAX_TEXT_SCAN) : raw;
    const q = quickCounts(text);
    for (let i = 0; i < tallies.length; i++) {
      if (!vocabulary && tallies[i]!.rule.def.dictionary !== undefined) continue;
      if (q.digits < needs[i]!) continue;
      if (needsAt[i] && !q.at) continue;
      const t = tallies[i]!;
      const rule = t.rule;
      const re = rule.regex;
      re.lastIndex = 0;
      let found = false;
      let ctx = false;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text)) !== null) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        const target = m[1] ?? m[0];
        t.shapeMatches++;
        if (rule.validator && rule.validator(target) < 0.5) continue;
        const c = hasContext(text, m.index, m.index + m[0].length, rule);
        if (rule.def.contextRequired && !c) continue;
        found = true;
        t.matches++;
        if (t.distinct.size < 4) t.distinct.add(target.toLowerCase());
        if (c) ctx = true;
        if (t.rawExamples.length < MAX_EXAMPLES) t.rawExamples.push(target);
        if (ctx && t.matches > 8) break;
      }
      if (found) {
        t.rows++;
        if (ctx) t.withContext++;
      }
    }
  }
  return tallies.filter((t) => t.rows > 0);
}

/**
 * Whether a text tally is strong enough to report: rows with context words, or enough rows whose
 * matches mostly validate (random digit runs pass a checksum one time in ten; real numbers always);
 * never one repeated match (a template).
 */
export function textQualifies(t: TextTally): boolean {
  // The same address or number in every row is a message template's (a help-desk address, a
  // placeholder), not personal data of the people the rows are about.
  // (Vocabulary rules are exempt: many notes naming one condition are still medical.)
  if (t.rule.def.dictionary === undefined && t.rows >= 3 && t.distinct.size === 1) return false;
  if (t.withContext >= t.rule.def.minRowsWithContext) return true;
  return !t.rule.def.contextRequired && t.rows >= t.rule.def.minRows && t.matches >= 0.5 * t.shapeMatches;
}
