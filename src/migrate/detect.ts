/**
 * One detector for finding and for changing: the scan's own text rules (regex + validator +
 * context words, rules/values.yaml) and value rules find validated matches in a value; redaction,
 * verification, exact counts and previews all go through here, so a value no validator flags is
 * never changed and never counted.
 */
import type { CompiledTextRule, CompiledValueRule, Rules } from '../rules/load.js';
import { loadRules } from '../rules/load.js';
import { MAX_TEXT_SCAN } from '../classify/text.js';

/** A validated match inside a value: [start, end) and its category. */
export interface Match {
  readonly start: number;
  readonly end: number;
  readonly category: string;
}

export interface Detector {
  /** Categories this detector finds (those with a text or value rule that has a pattern). */
  readonly categories: readonly string[];
  /** Categories it finds inside free text (what `redact` can replace). */
  readonly textCategories: readonly string[];
  /** Validated matches in `text`, left to right, non-overlapping (longest first on ties). */
  matches(text: string): Match[];
  /** `text` with every validated match replaced by its token; same string when none. */
  redact(text: string): string;
  /** Whether `text` holds a validated value of the categories (inside text or as the whole value). */
  holds(text: string): boolean;
}

let defaultRules: Rules | undefined;
/** The built-in rules, loaded once. */
export function builtinRules(): Rules {
  defaultRules ??= loadRules();
  return defaultRules;
}

/** What replaces a match: the category's `redaction.token` (`[REDACTED-SSN]`), else one built from its id. */
export const tokenOf = (category: string, rules: Rules = builtinRules()) =>
  rules.categories.get(category)?.redaction?.token ?? `[REDACTED-${category.toUpperCase().replace(/_/g, '-')}]`;

/** Categories free-text redaction can handle: those with a text rule that has a pattern. */
export function redactableCategories(rules: Rules = builtinRules()): string[] {
  return [...new Set(rules.text.filter((r) => r.def.regex).map((r) => r.def.category))].sort();
}

function hasContext(text: string, start: number, end: number, rule: CompiledTextRule): boolean {
  if (rule.context.length === 0) return false;
  const w = rule.def.window;
  const around = text.slice(Math.max(0, start - w), Math.min(text.length, end + w)).toLowerCase();
  return rule.context.some((c) => around.includes(c));
}

/** A detector for `categories` on `rules` (the scan's rules; default: built-in). */
export function detectorFor(categories: readonly string[], rules: Rules = builtinRules()): Detector {
  const text = rules.text.filter((r) => r.def.regex && categories.includes(r.def.category));
  // One global regex per rule, compiled once (lastIndex is reset before each use).
  const regexes = text.map((r) => new RegExp(r.regex.source, r.regex.flags.includes('g') ? r.regex.flags : r.regex.flags + 'g'));
  // The scan's own pre-filter (rules/categories.yaml `inText`): a text the scan never searched for a
  // category is not searched for it here either.
  const minDigits = text.map((r) => rules.categories.get(r.def.category)?.inText?.minDigits ?? 0);
  const values = rules.values.filter((r): r is CompiledValueRule & { regex: RegExp } => r.regex !== null && r.validator !== null && categories.includes(r.def.category) && !r.def.supportOnly);
  const found = [...new Set([...text, ...values].map((r) => r.def.category))].sort();

  const matches = (input: string): Match[] => {
    // NOTE: values longer than the scan's text window are scanned whole here: redaction must not
    // leave a match the scan would have found further on.
    const all: Match[] = [];
    let digits = 0;
    for (let i = 0; i < input.length && digits < 13; i++) {
      const c = input.charCodeAt(i);
      if (c >= 48 && c <= 57) digits++;
    }
    const at = input.includes('@');
    for (let k = 0; k < text.length; k++) {
      const rule = text[k]!;
      // Cheap pre-filters, as the scan's: too few digits, or no '@' for an e-mail.
      if (digits < minDigits[k]! || (rule.def.category === 'email' && !at)) continue;
      const re = regexes[k]!;
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(input)) !== null) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        const target = m[1] ?? m[0];
        const start = m[1] !== undefined ? m.index + m[0].indexOf(m[1]) : m.index;
        if (rule.validator && rule.validator(target) < 0.5) continue;
        if (rule.def.contextRequired && !hasContext(input, m.index, m.index + m[0].length, rule)) continue;
        all.push({ start, end: start + target.length, category: rule.def.category });
      }
    }
    all.sort((a, b) => a.start - b.start || b.end - a.end);
    const out: Match[] = [];
    for (const m of all) if (out.length === 0 || m.start >= out[out.length - 1]!.end) out.push(m);
    return out;
  };

  const wholeValue = (input: string): boolean => {
    const v = input.trim();
    for (const r of values) {
      r.regex.lastIndex = 0;
      if (r.regex.test(v) && r.validator!(v) >= 0.5) return true;
    }
    return false;
  };

  return {
    categories: found,
    textCategories: [...new Set(text.map((r) => r.def.category))].sort(),
    matches,
    redact(input) {
      const ms = matches(input);
      if (ms.length === 0) return input;
      let out = '';
      let at = 0;
      for (const m of ms) {
        out += input.slice(at, m.start) + tokenOf(m.category, rules);
        at = m.end;
      }
      return out + input.slice(at);
    },
    holds(input) {
      return wholeValue(input) || matches(input).length > 0;
    },
  };
}

/**
 * The detector of `categories` and those of them it has no validator for: none missing, and it
 * judges each value of them (what a column mask of validated values only needs).
 */
export function validatorsOf(categories: readonly string[], rules: Rules = builtinRules()): { detector: Detector; missing: string[] } {
  const detector = detectorFor(categories, rules);
  return { detector, missing: categories.filter((k) => !detector.categories.includes(k)) };
}

/** Rows in `values` holding a validated value (exact counts; a value is counted once). */
export function countValidated(detector: Detector, values: Iterable<string | null>): number {
  let n = 0;
  for (const v of values) if (v !== null && detector.holds(v)) n++;
  return n;
}

export { MAX_TEXT_SCAN };
