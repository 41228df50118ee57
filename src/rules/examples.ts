/**
 * Every rule carries examples that must and must not match (gitleaks' Validate). The examples run
 * through the detectors' own matchers (`nameMatches`, `valueRuleAccepts`, `textRuleFinds`,
 * `subjectExampleMatches`), so an example that passes here is matched the same way in a scan. By
 * default a rule that misses one of its examples is refused at load time, naming the rule and the
 * example's position (not its text: examples can look like real identifiers); `exampleResults`
 * reports every example instead.
 */
import { MinimError } from '../errors.js';
import { textRuleFinds } from '../classify/detectors/text.js';
import { valueRuleAccepts } from '../classify/detectors/value.js';
import { nameMatches } from '../classify/names.js';
import { subjectExampleMatches } from '../classify/subject.js';
import type { Rules } from './types.js';

/** One example of one rule, and whether the classifier's matcher agreed with it. */
export interface ExampleResult {
  readonly rule: string;
  readonly file: string;
  readonly kind: 'name' | 'value' | 'text' | 'subject';
  /** `match`: the rule must match the example; `noMatch`: it must not. */
  readonly expect: 'match' | 'noMatch';
  readonly index: number;
  readonly example: string;
  /** What the matcher did. */
  readonly matched: boolean;
  readonly ok: boolean;
}

/** Runs every example of every rule through the classifier's matchers. */
export function exampleResults(rules: Rules, fileOf: (id: string) => string): ExampleResult[] {
  const out: ExampleResult[] = [];
  const each = (kind: ExampleResult['kind'], id: string, examples: { match: readonly string[]; noMatch: readonly string[] }, matches: (e: string) => boolean) => {
    for (const expect of ['match', 'noMatch'] as const) {
      examples[expect].forEach((example, index) => {
        const matched = matches(example);
        out.push({ rule: id, file: fileOf(id), kind, expect, index, example, matched, ok: matched === (expect === 'match') });
      });
    }
  };
  for (const r of rules.names) each('name', r.def.id, r.def.examples, (n) => nameMatches(r, n, rules));
  for (const r of rules.values) each('value', r.def.id, r.def.examples, (v) => valueRuleAccepts(r, v, rules));
  for (const r of rules.subjects) {
    const list = r.def.examples;
    for (const expect of ['match', 'noMatch'] as const) {
      list[expect].forEach((ex, index) => {
        const matched = subjectExampleMatches(r, ex, rules);
        out.push({ rule: r.def.id, file: fileOf(r.def.id), kind: 'subject', expect, index, example: JSON.stringify(ex), matched, ok: matched === (expect === 'match') });
      });
    }
  }
  for (const r of rules.text) each('text', r.def.id, r.def.examples, (v) => textRuleFinds(r, v, rules));
  return out;
}

/** The one-line reason for a failed example (position, never the example's text). */
export function exampleFailureMessage(f: ExampleResult): string {
  const which = `examples.${f.expect}[${f.index}] (${f.expect === 'match' ? 'should match' : 'should not match'})`;
  return `rules file ${f.file}: rule ${f.rule}: ${which} fails; fix the rule or its example`;
}

/** Throws RULE_INVALID for the first rule that misses one of its examples. `fileOf` names the rule's file. */
export function checkExamples(rules: Rules, fileOf: (id: string) => string): void {
  const failed = exampleResults(rules, fileOf).find((r) => !r.ok);
  if (failed) throw new MinimError('RULE_INVALID', exampleFailureMessage(failed), { subject: failed.file });
}
