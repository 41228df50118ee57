/** The access review (DESIGN.md "Access review JSON"): who can read each sensitive column, and how. */

export type ReaderKind = 'role' | 'user' | 'public';

export interface AccessReader {
  /** Role, user (`'name'@'host'` on MySQL) or `PUBLIC`. */
  readonly principal: string;
  /** How: a readable chain, e.g. `role membership: clerk311 → staff311 (SELECT on table)`. */
  readonly via: string;
  readonly kind: ReaderKind;
  /** Reads because it bypasses permission checks (superuser, sysadmin, db_owner): listed, not flagged. */
  readonly superuser?: boolean;
}

export type AccessFlag = 'PUBLIC' | 'BROAD';

export interface AccessColumn {
  readonly source: string;
  readonly schema: string;
  readonly table: string;
  readonly column: string;
  readonly categories: string[];
  readonly readers: AccessReader[];
  readonly flags: AccessFlag[];
}

export interface AccessReview {
  readonly version: 1;
  readonly columns: AccessColumn[];
}

/** A column to look up, as the scan names it. */
export interface ColumnRef {
  readonly schema: string;
  readonly table: string;
  readonly column: string;
}

/** Key of a column within one source. */
export function refKey(r: ColumnRef): string {
  return JSON.stringify([r.schema, r.table, r.column]);
}
