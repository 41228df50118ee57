import { createHash } from 'node:crypto';

/** The shape of one column that a fingerprint covers. */
export interface FingerprintColumn {
  readonly schema: string;
  readonly table: string;
  readonly column: string;
  readonly dataType: string;
}

/**
 * A stable digest of a set of columns' identities and types: `sha256:<hex>`. Order-independent.
 * Scan results carry it per source; plans record it; migrate recomputes it from the live catalog
 * (for the columns the plan names) and refuses a plan whose fingerprint differs (PLAN_STALE).
 */
export function schemaFingerprint(columns: Iterable<FingerprintColumn>): string {
  const lines = [...columns]
    .map((c) => JSON.stringify([c.schema, c.table, c.column, c.dataType]))
    .sort();
  return 'sha256:' + createHash('sha256').update(lines.join('\n')).digest('hex');
}
