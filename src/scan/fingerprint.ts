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
  // Fed line by line: the same bytes as `lines.join('\n')`, without building that string and its
  // UTF-8 copy at once (~25 MB at 10,000 tables, at the scan's end where its heap peaks).
  const hash = createHash('sha256');
  for (let i = 0; i < lines.length; i++) hash.update(i === 0 ? lines[i]! : '\n' + lines[i]!);
  return 'sha256:' + hash.digest('hex');
}
