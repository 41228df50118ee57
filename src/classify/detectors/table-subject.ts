/**
 * A table subject (rules/subjects.yaml, matched by subject.ts) makes the table's content columns
 * its category: evidence in its own right, for columns not already explained by another category,
 * holding values, not flags, and whose name contradicts nothing.
 */
import { careNonContent } from '../care-content.js';
import { SUBJECT_EVIDENCE } from '../evidence.js';
import { tableSubject } from '../subject.js';
import type { TableDetector } from './types.js';

export { SUBJECT_EVIDENCE } from '../evidence.js';

export const tableSubjectDetector: TableDetector = {
  name: 'table-subject',
  scope: 'table',
  detect(table, rules) {
    const hit = tableSubject(table.name, table.columns.map((c) => c.profile.name), rules);
    if (!hit) return [];
    const category = hit.rule.def.category;
    const w = hit.rule.def.weight;
    return table.columns.flatMap(({ profile, claims, reported }, column) => {
      if (reported.size > 0 && !reported.has(category)) return [];
      if (profile.nonNullRows === 0 || careNonContent(profile.name, profile.typeClass, profile.values, hit.rule, rules) !== null) return [];
      if ([...claims.values()].some((c) => c.evidence.some((e) => e.contradicts !== undefined))) return [];
      return [
        {
          column,
          category,
          evidence: {
            rule: SUBJECT_EVIDENCE + hit.rule.def.id,
            source: 'context' as const,
            detail: `table ${table.name} (${hit.subject}) records ${category} of a person (rows tied to one by ${hit.link})`,
            weight: w,
          },
          weight: w,
        },
      ];
    });
  },
};
