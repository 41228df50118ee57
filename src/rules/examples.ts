/**
 * Every rule carries examples that must and must not match (gitleaks' Validate): a rule that misses
 * one of its own examples is refused at load time, naming the rule and the example's position
 * (not its text: examples can look like real identifiers).
 */
import { MinimError } from '../errors.js';
import { nameMatches } from '../classify/names.js';
import { looksLikePersonName } from '../classify/person-names.js';
import { subjectExampleMatches } from '../classify/subject.js';
import { tallyText } from '../classify/text.js';
import type { CompiledValueRule, Rules } from './load.js';

function valueAccepts(rule: CompiledValueRule, v: string, rules: Rules): boolean {
  let ok: boolean;
  if (rule.dictionary === 'names') {
    ok = looksLikePersonName(v, { first: rules.dictionaries.get('first-names') ?? new Set(), last: rules.dictionaries.get('last-names') ?? new Set() });
  } else ok = rule.regex ? rule.regex.test(v) : false;
  return ok && (rule.validator ? rule.validator(v) >= 0.5 : true);
}

/** Throws RULE_INVALID for the first rule that misses one of its examples. `fileOf` names the rule's file. */
export function checkExamples(rules: Rules, fileOf: (id: string) => string): void {
  const fail = (id: string, which: string) => {
    throw new MinimError(
      'RULE_INVALID',
      `rules file ${fileOf(id)}: rule ${id}: ${which} fails; fix the rule or its example`,
      { subject: fileOf(id) },
    );
  };
  for (const r of rules.names) {
    r.def.examples.match.forEach((n, i) => nameMatches(r, n, rules) || fail(r.def.id, `examples.match[${i}] (should match)`));
    r.def.examples.noMatch.forEach((n, i) => !nameMatches(r, n, rules) || fail(r.def.id, `examples.noMatch[${i}] (should not match)`));
  }
  for (const r of rules.values) {
    r.def.examples.match.forEach((v, i) => valueAccepts(r, v, rules) || fail(r.def.id, `examples.match[${i}] (should match)`));
    r.def.examples.noMatch.forEach((v, i) => !valueAccepts(r, v, rules) || fail(r.def.id, `examples.noMatch[${i}] (should not match)`));
  }
  for (const r of rules.subjects) {
    r.def.examples.match.forEach((ex, i) => subjectExampleMatches(r, ex, rules) || fail(r.def.id, `examples.match[${i}] (should match)`));
    r.def.examples.noMatch.forEach((ex, i) => !subjectExampleMatches(r, ex, rules) || fail(r.def.id, `examples.noMatch[${i}] (should not match)`));
  }
  for (const r of rules.text) {
    const only = { ...rules, text: [r] };
    r.def.examples.match.forEach((v, i) => tallyText([v], only).length === 1 || fail(r.def.id, `examples.match[${i}] (should match)`));
    r.def.examples.noMatch.forEach((v, i) => tallyText([v], only).length === 0 || fail(r.def.id, `examples.noMatch[${i}] (should not match)`));
  }
}
