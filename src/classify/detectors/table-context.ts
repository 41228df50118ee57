/**
 * Table context: neighbouring columns (a category's `neighbours`, rules/categories.yaml) and the
 * table's name (a category's `tables`) raise a column's confidence, never invent a finding alone:
 * only claims that already hold value or text evidence, or a name of some weight, are raised, and
 * only in columns no category explains yet.
 */
import { RAISABLE_NAME_WEIGHT } from '../scoring.js';
import { nameTokens } from '../tokens.js';
import type { TableDetected, TableDetector } from './types.js';

export const tableContextDetector: TableDetector = {
  name: 'table-context',
  scope: 'table',
  detect(table, rules) {
    const out: TableDetected[] = [];
    const tableTokens = nameTokens(table.name, rules);
    const has = (cat: string, except: number) => table.columns.some((col, i) => i !== except && col.reported.has(cat));
    table.columns.forEach(({ claims, reported }, column) => {
      // A column already explained by one category is not raised into another by its neighbours.
      if (reported.size > 0) return;
      for (const c of claims.values()) {
        if (reported.has(c.category)) continue;
        // Only claims with value evidence or a name of some weight can be raised.
        const raisable = c.evidence.some((e) => e.source === 'value' || e.source === 'text' || (e.source === 'name' && (e.weight ?? 0) >= RAISABLE_NAME_WEIGHT));
        // A name that contradicts the category is never overruled by the neighbours.
        if (!raisable || c.evidence.some((e) => e.contradicts !== undefined)) continue;
        const boost = (weight: number, detail: string) =>
          out.push({ column, category: c.category, evidence: { rule: 'table-context', source: 'context', detail, weight }, weight });
        const cat = rules.categories.get(c.category);
        for (const n of cat?.neighbours ?? []) if (has(n.category, column)) boost(n.weight, n.says);
        const byTable = cat?.tables;
        const hit = byTable && tableTokens.find((t) => byTable.tokens.includes(t));
        if (byTable && hit) boost(byTable.weight, `table ${table.name} (${hit}) suggests ${c.category}`);
      }
    });
    return out;
  },
};
