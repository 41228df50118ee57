/**
 * The demo city's neutral model: departments, tables, typed columns, rows, and the ground-truth
 * labels (expected category ids) of every column. Renderers turn it into SQL per dialect.
 */
import type { CategoryId } from '../types.js';

/** Column types every renderer maps onto its engine's own. */
export type DemoColumnType = 'text' | 'varchar' | 'char' | 'int' | 'bigint' | 'decimal' | 'date' | 'timestamp' | 'bool';

export interface DemoColumn {
  readonly name: string;
  readonly type: DemoColumnType;
  /** varchar/char length. */
  readonly length?: number;
  /** decimal precision and scale. */
  readonly precision?: number;
  readonly scale?: number;
  /** Expected category ids (ground truth); `[]` for a clean column. */
  readonly labels: readonly CategoryId[];
  /** Why a clean column looks sensitive but is not (a trap a classifier must not flag). */
  readonly trap?: string;
}

/** One cell: text, dates as `YYYY-MM-DD`, timestamps as `YYYY-MM-DD HH:MM:SS`, digit strings for wide integers. */
export type DemoValue = string | number | boolean | null;

export interface DemoTable {
  /** The department's schema (PostgreSQL, SQL Server) or database (MySQL). */
  readonly schema: string;
  readonly name: string;
  /** The department's display name. */
  readonly department: string;
  /** Primary key columns in key order; `[]` for a table without one. */
  readonly primaryKey: readonly string[];
  readonly columns: readonly DemoColumn[];
  /** Row-major, in column order. */
  readonly rows: ReadonlyArray<readonly DemoValue[]>;
}

export interface DemoDepartment {
  readonly schema: string;
  readonly name: string;
}

export interface DemoCity {
  readonly seed: number;
  readonly departments: readonly DemoDepartment[];
  readonly tables: readonly DemoTable[];
}
