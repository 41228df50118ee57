/** What `minim label` writes: one statement per sensitive column. */

export interface LabelTarget {
  readonly schema: string;
  readonly table: string;
  readonly column: string;
  readonly categories: readonly string[];
}

export interface LabelStatement {
  readonly target: LabelTarget;
  readonly sql: string;
  /** Why the column is left alone (already labelled, a view, not found), instead of a statement. */
  readonly skip?: string;
}
