/**
 * `minim plan --access`: the revocations a judged access review calls for, as `restrict` plan items
 * (one per grant, signed like every item); refused ones become notes naming the reader they would cut.
 */
import type { AccessReview } from '../access/types.js';
import type { Revocation } from '../access/revoke.js';
import type { ScanResult } from '../types.js';
import type { PlanItem } from './plan-schema.js';
import { itemId } from './build-plan.js';

/** The id of a revocation item: `source.schema.table.column:restrict:PRINCIPAL` (`:object` added when one principal holds two grants on it). */
export function revocationItems(revocations: readonly Revocation[], review: AccessReview, scan: ScanResult): { items: PlanItem[]; notes: string[] } {
  const items: PlanItem[] = [];
  const notes: string[] = [];
  const ids = new Set<string>();
  for (const r of revocations) {
    if (r.refused || !r.statementSql) {
      notes.push(`not proposed: REVOKE ${r.path.what} from ${r.principal}: ${r.refused ?? 'no statement'}`);
      continue;
    }
    const c = r.column;
    let id = `${itemId(c, 'restrict')}:${r.principal}`;
    if (ids.has(id)) id = `${id}:${r.object}${r.path.on ? `:${r.path.on.schema}.${r.path.on.name}` : ''}`;
    for (let n = 2; ids.has(id); n++) id = `${id}:${n}`;
    ids.add(id);
    const ac = review.columns.find((x) => x.source === c.source && x.schema === c.schema && x.table === c.table && x.column === c.column);
    const sc = scan.columns.find((x) => x.source === c.source && x.schema === c.schema && x.table === c.table && x.column === c.column);
    items.push({
      id,
      source: c.source,
      schema: c.schema,
      table: c.table,
      column: c.column,
      category: ac?.categories[0] ?? sc?.findings[0]?.category ?? 'unknown',
      action: 'restrict',
      reason: r.reason,
      policyRule: review.policy ? `access: ${review.policy}` : 'access policy',
      revoke: {
        principal: r.principal,
        object: r.object,
        statement: r.statementSql,
        path: { chain: [...r.path.chain], grantee: [...r.path.grantee], object: r.path.object, ...(r.path.on ? { on: { ...r.path.on } } : {}), what: r.path.what },
        columns: r.columns.map((x) => ({ source: x.source, schema: x.schema, table: x.table, column: x.column })),
        readers: [...r.readers],
      },
      dataType: sc?.dataType ?? '',
      rowEstimate: sc?.rowEstimate ?? null,
      evidence: { confidence: 1, sources: ['grant'], rules: ['access-policy'], examples: [] },
      status: 'proposed',
      decisions: [],
    });
  }
  return { items, notes };
}
