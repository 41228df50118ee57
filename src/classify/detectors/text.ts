/**
 * Free-text evidence: personal data embedded in notes, comments and descriptions (text rules,
 * rules/values.yaml `text:`). Prose is searched with every rule; short texts with words ("SSN
 * NNN-NN-NNNN c4ca42", a log line) only for embedded numbers and emails, not vocabulary. Values a
 * specific value rule explains (IBANs, addresses) are not searched as free text.
 */
import type { CompiledTextRule, Rules } from '../../rules/types.js';
import type { Detected } from '../evidence.js';
import { round2, TEXT_WITH_CONTEXT, TEXT_WITHOUT_CONTEXT } from '../scoring.js';
import { tallyText, textQualifies } from '../text.js';
import type { ColumnDetector } from './types.js';

export const textDetector: ColumnDetector = {
  name: 'text',
  scope: 'column',
  detect(profile, rules) {
    const t = profile.typeClass;
    if (!profile.sampled || profile.explained) return [];
    if (!(profile.prose || profile.wordedText || t === 'json' || t === 'array')) return [];
    const out: Detected[] = [];
    for (const tally of tallyText(profile.values!, rules, { vocabulary: profile.prose || t !== 'text', shapes: profile.shapes, verdicts: profile.termVerdicts })) {
      if (!textQualifies(tally)) continue;
      const strong = tally.withContext >= tally.rule.def.minRowsWithContext;
      const w = strong ? TEXT_WITH_CONTEXT : TEXT_WITHOUT_CONTEXT;
      out.push({
        category: tally.rule.def.category,
        evidence: {
          rule: tally.rule.def.id,
          source: 'text',
          rows: tally.rows,
          withContext: tally.withContext,
          validated: tally.matches,
          matchRate: round2(tally.rows / profile.nonNull),
          weight: w,
        },
        weight: w,
        rawExamples: tally.rawExamples,
      });
    }
    return out;
  },
};

/** Whether the text rule finds `text` as the text detector does (for the rule examples). */
export function textRuleFinds(rule: CompiledTextRule, text: string, rules: Rules): boolean {
  return tallyText([text], { ...rules, text: [rule] }).length === 1;
}
