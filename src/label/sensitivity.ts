/**
 * Each category's native labels, from rules/categories.yaml `labels`: the SQL Server sensitivity
 * classification (label, information type, rank) and the PostgreSQL Anonymizer masking rule.
 */
import { loadRules } from '../rules/load.js';
import type { CategoryDef } from '../rules/schema.js';

export type SensitivityRank = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

export interface Sensitivity {
  readonly label: string;
  readonly informationType: string;
  readonly rank: SensitivityRank;
}

const OTHER: Sensitivity = { label: 'Confidential', informationType: 'Other', rank: 'MEDIUM' };
const RANK_ORDER: readonly SensitivityRank[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

const categories = (): Iterable<CategoryDef> => loadRules().categories.values();

/** Per category: the information type written by `minim label`, its label and rank. */
export function sensitivityOf(category: string): Sensitivity | undefined {
  const m = loadRules().categories.get(category)?.labels.mssql;
  return m ? { label: m.label, informationType: m.informationType, rank: m.rank } : undefined;
}

/**
 * The one classification a column with several categories gets (SQL Server keeps one per column):
 * the highest rank wins; ties go to the first category in sorted order.
 */
export function sensitivityFor(categoryIds: readonly string[]): Sensitivity {
  let best: Sensitivity | undefined;
  for (const c of [...categoryIds].sort()) {
    const s = sensitivityOf(c) ?? OTHER;
    if (!best || RANK_ORDER.indexOf(s.rank) > RANK_ORDER.indexOf(best.rank)) best = s;
  }
  return best ?? OTHER;
}

let byType: ReadonlyMap<string, string> | undefined;
/**
 * Information type (lower case; minim's and the SQL Server built-in ones a category `alsoReads`) →
 * category. Built-in types that cover several categories (`Contact Info`, `Financial`,
 * `Credentials`, `Other`) map to none.
 */
export function categoryOfInformationType(informationType: string): string | undefined {
  byType ??= new Map(
    [...categories()].flatMap((c) => {
      const m = c.labels.mssql;
      return m ? [m.informationType, ...m.alsoReads].map((t) => [t.toLowerCase(), c.id] as const) : [];
    }),
  );
  return byType.get(informationType.trim().toLowerCase());
}

/** The PostgreSQL Anonymizer rule for a column: partial masking (keep the last 4) when a category asks for it and the column is text, else NULL. */
export function anonMasking(categoryIds: readonly string[], textColumn: boolean): 'partial' | 'null' {
  const partial = categoryIds.some((c) => loadRules().categories.get(c)?.labels.postgres?.anon === 'partial');
  return textColumn && partial ? 'partial' : 'null';
}
