/**
 * Table context: neighbouring columns and the table's name can raise a column's confidence, never
 * invent a finding alone (only columns that already have evidence are raised). Also flags
 * quasi-identifier sets (birth date + ZIP + sex) as a re-identification risk.
 */
import type { Claim, ColumnClassification } from './column.js';
import { nameTokens } from './tokens.js';
import type { Rules } from '../rules/load.js';


function boost(c: Claim, weight: number, detail: string) {
  c.evidence.push({ rule: 'table-context', source: 'context', detail, weight });
  c.weights.push(weight);
}

/** Raises claims in place using neighbours and the table name. `reported` is each column's category set above the threshold before context. */
export function applyTableContext(
  table: string,
  columns: readonly { name: string; result: ColumnClassification }[],
  reported: readonly ReadonlySet<string>[],
  rules: Rules,
): void {
  const tableTokens = nameTokens(table, rules);
  const has = (cat: string, except: number) => reported.some((r, i) => i !== except && r.has(cat));
  columns.forEach(({ result }, i) => {
    // A column already explained by one category is not raised into another by its neighbours.
    if (reported[i]!.size > 0) return;
    for (const c of result.claims.values()) {
      if (reported[i]!.has(c.category)) continue;
      // Only claims with value evidence or a name of some weight can be raised.
      const raisable = c.evidence.some((e) => e.source === 'value' || e.source === 'text' || (e.source === 'name' && (e.weight ?? 0) >= 0.4));
      if (!raisable) continue;
      if (c.category === 'bank_account' && has('bank_routing', i)) boost(c, 0.45, 'beside a routing-number column');
      if (c.category === 'bank_routing' && has('bank_account', i)) boost(c, 0.35, 'beside a bank-account column');
      if (c.category === 'person_name' && has('person_name', i)) boost(c, 0.3, 'beside another name column');
      const byTable = rules.categories.get(c.category)?.tables;
      const hit = byTable && tableTokens.find((t) => byTable.tokens.includes(t));
      if (byTable && hit) boost(c, byTable.weight, `table ${table} (${hit}) suggests ${c.category}`);
    }
  });
}

const ZIP = new Set(['zip', 'postal', 'postcode']);
const SEX = new Set(['sex', 'gender']);

/** Columns that together re-identify people (Sweeney: birth date + ZIP + sex), or null. */
export function quasiIdentifiers(
  columns: readonly { name: string; tokens: readonly string[]; categories: ReadonlySet<string> }[],
): string[] | null {
  const dob = columns.find((c) => c.categories.has('dob'));
  const zip = columns.find((c) => c.tokens.some((t) => ZIP.has(t)));
  const sex = columns.find((c) => c.tokens.some((t) => SEX.has(t)));
  if (dob && zip && sex) return [dob.name, zip.name, sex.name];
  return null;
}
