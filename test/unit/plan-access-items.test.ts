/** `minim plan --access`: revocations → restrict plan items (stable unique ids, valid schema, digest covering the REVOKE); refused ones → notes. */
import { describe, expect, it } from 'vitest';
import { revocationItems } from '../../src/plan/access-items.js';
import { planItemSchema } from '../../src/plan/plan-schema.js';
import { itemDigest } from '../../src/plan/digest.js';
import type { Revocation } from '../../src/access/revoke.js';
import type { AccessReview } from '../../src/access/types.js';
import type { ScanResult } from '../../src/types.js';

const col = { source: 'svc311', schema: 'svc311', table: 'request', column: 'caller_ssn' };
const rev = (principal: string, object: 'column' | 'table', extra: Partial<Revocation> = {}): Revocation => ({
  column: col,
  columns: [col],
  principal,
  object,
  path: { chain: ['clerk1', principal], grantee: [principal], object, on: { schema: 'svc311', name: 'request', ...(object === 'column' ? { column: 'caller_ssn' } : {}) }, what: `SELECT on ${object}` },
  statementSql: `REVOKE SELECT ON TABLE "svc311"."request" FROM "${principal}"`,
  reason: `1 unauthorized reader (clerk1) read svc311.request.caller_ssn through ${principal}'s SELECT on ${object}`,
  readers: ['clerk1'],
  ...extra,
});
const review: AccessReview = { version: 1, dialect: 'postgres', columns: [{ ...col, categories: ['ssn'], readers: [], flags: [] }], policy: 'access-policy.yaml' };
const scan = { columns: [{ ...col, dataType: 'text', rowEstimate: 300, findings: [{ category: 'ssn' }] }] } as unknown as ScanResult;

describe('revocation plan items', () => {
  it('makes one valid restrict item per proposed revocation, id source.schema.table.column:restrict:PRINCIPAL', () => {
    const { items, notes } = revocationItems([rev('staff', 'table'), rev('analyst1', 'column')], review, scan);
    expect(notes).toEqual([]);
    expect(items.map((i) => i.id)).toEqual(['svc311.svc311.request.caller_ssn:restrict:staff', 'svc311.svc311.request.caller_ssn:restrict:analyst1']);
    for (const i of items) {
      expect(planItemSchema.parse(i)).toEqual(i);
      expect(i).toMatchObject({ action: 'restrict', category: 'ssn', dataType: 'text', status: 'proposed' });
    }
    expect(items[0]!.revoke).toMatchObject({ principal: 'staff', object: 'table', statement: 'REVOKE SELECT ON TABLE "svc311"."request" FROM "staff"', readers: ['clerk1'] });
  });

  it('keeps ids unique when one principal holds two grants reaching the same column', () => {
    const { items } = revocationItems([rev('staff', 'table'), rev('staff', 'column')], review, scan);
    expect(new Set(items.map((i) => i.id)).size).toBe(2);
    expect(items[1]!.id).toBe('svc311.svc311.request.caller_ssn:restrict:staff:column:svc311.request');
  });

  it('prints a refused revocation as a note naming the reader it would cut, never an item', () => {
    const refused = rev('supervisor', 'column', { refused: "refused: would cut allowed reader sup1's path sup1 → supervisor (SELECT on column) on svc311.request.caller_ssn" });
    const { statementSql: _drop, ...noSql } = refused;
    const { items, notes } = revocationItems([noSql as Revocation, rev('staff', 'table')], review, scan);
    expect(items.map((i) => i.revoke!.principal)).toEqual(['staff']);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^not proposed: REVOKE SELECT on column from supervisor: refused: would cut allowed reader sup1's path/);
  });

  it('the item digest covers the REVOKE statement (editing it voids an approval)', () => {
    const [item] = revocationItems([rev('staff', 'table')], review, scan).items;
    const edited = { ...item!, revoke: { ...item!.revoke!, statement: 'REVOKE SELECT ON TABLE "svc311"."request" FROM "supervisor"' } };
    expect(itemDigest(edited)).not.toBe(itemDigest(item!));
  });
});
