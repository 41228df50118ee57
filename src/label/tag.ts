/** The `[minim: ssn, dob]` tag minim appends to a column comment, and how it is replaced. */

/** Matches one minim tag anywhere in a comment (global). */
export const TAG_RE = /\s*\[minim:\s*([a-z0-9_,\s-]*)\]/gi;

/** The tag for a set of categories, sorted and de-duplicated: `[minim: dob, ssn]`. */
export function formatTag(categories: readonly string[]): string {
  return `[minim: ${[...new Set(categories)].sort().join(', ')}]`;
}

/** The comment with its existing text kept, any old minim tag removed, and the new tag appended. */
export function withTag(comment: string | null, categories: readonly string[]): string {
  const base = stripTag(comment);
  const tag = formatTag(categories);
  return base.length > 0 ? `${base} ${tag}` : tag;
}

/** The comment's own text, without any minim tag (trailing whitespace trimmed). */
export function stripTag(comment: string | null): string {
  return (comment ?? '').replace(TAG_RE, '').trimEnd();
}
