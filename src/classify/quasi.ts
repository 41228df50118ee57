/**
 * Quasi-identifiers: columns that together re-identify people (Sweeney: birth date + ZIP + sex),
 * as rules/categories.yaml `quasiIdentifiers` lists them.
 */
import type { Rules } from '../rules/types.js';

/** The columns forming the rules' quasi-identifier set, one per part in the rules' order, or null. */
export function quasiIdentifiers(
  columns: readonly { name: string; tokens: readonly string[]; categories: ReadonlySet<string> }[],
  rules: Rules,
): string[] | null {
  const parts = rules.quasiIdentifiers;
  if (parts.length === 0) return null;
  const found: string[] = [];
  for (const part of parts) {
    const col = 'category' in part ? columns.find((c) => c.categories.has(part.category)) : columns.find((c) => c.tokens.some((t) => part.tokens.has(t)));
    if (!col) return null;
    found.push(col.name);
  }
  return found;
}
