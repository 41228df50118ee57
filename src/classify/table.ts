/**
 * Table context: neighbouring columns and the table's name can raise a column's confidence, never
 * invent a finding alone (only columns that already have evidence are raised). Also flags
 * quasi-identifier sets (birth date + ZIP + sex) as a re-identification risk.
 */
import type { TypeClass } from '../../connectors/types.js';
import { claim, SUBJECT_EVIDENCE, type Claim, type ColumnClassification } from './column.js';
import { isContentColumn, type SubjectHit } from './subject.js';
import { valuesNotContent } from './care-content.js';
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
      // A name that contradicts the category is never overruled by the neighbours.
      if (!raisable || c.evidence.some((e) => e.contradicts !== undefined)) continue;
      if (c.category === 'bank_account' && has('bank_routing', i)) boost(c, 0.45, 'beside a routing-number column');
      if (c.category === 'bank_routing' && has('bank_account', i)) boost(c, 0.35, 'beside a bank-account column');
      if (c.category === 'person_name' && has('person_name', i)) boost(c, 0.3, 'beside another name column');
      const byTable = rules.categories.get(c.category)?.tables;
      const hit = byTable && tableTokens.find((t) => byTable.tokens.includes(t));
      if (byTable && hit) boost(c, byTable.weight, `table ${table} (${hit}) suggests ${c.category}`);
    }
  });
}

/** Whether sampled values are a flag's: at most two distinct short values (Y/N, 0/1, true/false). */
function flagLike(values: readonly (string | null)[] | null): boolean {
  if (!values) return false;
  const seen = new Set<string>();
  for (const v of values) {
    if (v === null) continue;
    if (v.length > 5) return false;
    seen.add(v.trim().toLowerCase());
    if (seen.size > 2) return false;
  }
  return true;
}

/**
 * A table subject (rules/subjects.yaml) makes the table's content columns its category: evidence
 * in its own right, for columns not already explained by another category, holding values, and
 * not flags. `reported` is each column's category set above the threshold before context.
 */
export function applyTableSubject(
  table: string,
  hit: SubjectHit,
  columns: readonly { name: string; typeClass: TypeClass; values: readonly (string | null)[] | null; result: ColumnClassification }[],
  reported: readonly ReadonlySet<string>[],
  rules: Rules,
): void {
  const category = hit.rule.def.category;
  columns.forEach(({ name, typeClass, values, result }, i) => {
    if (reported[i]!.size > 0 && !reported[i]!.has(category)) return;
    if (result.nonNull === 0 || !isContentColumn(name, typeClass, hit.rule, rules) || valuesNotContent(values) !== null) return;
    if ([...result.claims.values()].some((c) => c.evidence.some((e) => e.contradicts !== undefined))) return;
    const c = claim(result.claims as Map<string, Claim>, category);
    const w = hit.rule.def.weight;
    c.evidence.push({
      rule: SUBJECT_EVIDENCE + hit.rule.def.id,
      source: 'context',
      detail: `table ${table} (${hit.subject}) records ${category} of a person (rows tied to one by ${hit.link})`,
      weight: w,
    });
    c.weights.push(w);
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
