/** Person names in prose: a few rows naming a caller or a relative (first and last names from the name dictionaries). */
import { NAME_IN_TEXT_MIN_CONTEXT, round2, TEXT_WITH_CONTEXT, TEXT_WITHOUT_CONTEXT } from '../scoring.js';
import { namesQualify, tallyNamesInText } from '../text-names.js';
import type { ColumnDetector } from './types.js';

export const personNameInTextDetector: ColumnDetector = {
  name: 'person-name-in-text',
  scope: 'column',
  detect(profile) {
    if (!profile.sampled || !profile.prose || profile.explained || profile.typeClass === 'json') return [];
    const dict = profile.dictionaries;
    const t = tallyNamesInText(profile.values!, dict.first, dict.last);
    if (!namesQualify(t)) return [];
    const w = t.withContext >= NAME_IN_TEXT_MIN_CONTEXT ? TEXT_WITH_CONTEXT : TEXT_WITHOUT_CONTEXT;
    return [
      {
        category: 'person_name',
        evidence: {
          rule: 'person-name-in-text',
          source: 'text',
          rows: t.rows,
          withContext: t.withContext,
          validated: t.matches,
          matchRate: round2(t.rows / profile.nonNull),
          weight: w,
        },
        weight: w,
        rawExamples: t.rawExamples,
      },
    ];
  },
};
