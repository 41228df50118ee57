/** Reads labels back as scan evidence: minim tags in comments and SQL Server classifications. */
import { categoryOfInformationType } from './sensitivity.js';
import { TAG_RE } from './tag.js';

const CATEGORY_ID = /^[a-z][a-z0-9_]*$/;
const INFO_TYPE_RE = /information[_ ]?type\s*[:=]\s*['"]?([^'";,\]\n]+)/gi;

/**
 * The categories a column's comment names: every `[minim: ssn, dob]` tag, and a SQL Server
 * sensitivity classification's information type (`information_type=SSN`, `INFORMATION_TYPE='Health'`).
 * Sorted, de-duplicated; `[]` for no comment or no label.
 */
export function labelEvidence(comment: string | null): { category: string }[] {
  if (!comment) return [];
  const found = new Set<string>();
  for (const m of comment.matchAll(TAG_RE)) {
    for (const part of (m[1] ?? '').split(',')) {
      const id = part.trim().toLowerCase();
      if (CATEGORY_ID.test(id)) found.add(id);
    }
  }
  for (const m of comment.matchAll(INFO_TYPE_RE)) {
    const category = categoryOfInformationType(m[1] ?? '');
    if (category) found.add(category);
  }
  return [...found].sort().map((category) => ({ category }));
}
