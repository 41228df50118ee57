/**
 * The data minim produces. The scan JSON (version 1) is a contract: see ../shared DESIGN.md.
 * Fields may be added; none may change meaning.
 */

/** Engines minim talks to. `pglite` is embedded PostgreSQL and reports as its own dialect. */
export type Dialect = 'postgres' | 'pglite' | 'mysql' | 'mssql';
export const DIALECTS: readonly Dialect[] = ['postgres', 'pglite', 'mysql', 'mssql'];

/** Stable category ids (DESIGN.md). More may be added; these never change meaning. */
export type CategoryId =
  | 'ssn'
  | 'dob'
  | 'medical'
  | 'bank_account'
  | 'bank_routing'
  | 'credit_card'
  | 'tax_id'
  | 'drivers_license'
  | 'passport'
  | 'email'
  | 'phone'
  | 'address'
  | 'person_name'
  | 'ip_address'
  | (string & {});

/** Where a piece of evidence came from. */
export type EvidenceSource = 'name' | 'value' | 'text' | 'context' | 'label' | 'type';

export interface Evidence {
  /** Rule id (rules/*.yaml) or validator id. */
  rule: string;
  source: EvidenceSource;
  /** name evidence: the name pattern that matched. */
  pattern?: string;
  /**
   * value evidence: share of non-null sampled values that matched the rule's shape (of the values
   * examined: a column whose shares are settled stops early, classify/values.ts).
   */
  matchRate?: number;
  /** value/text evidence: how many sampled values (value evidence: examined values) matched and passed validation. */
  validated?: number;
  /** text evidence: how many sampled rows hold at least one match. */
  rows?: number;
  /** text evidence: how many of those had a context word nearby. */
  withContext?: number;
  /** context evidence: which neighbour or table name raised confidence. */
  detail?: string;
  /** Contribution of this evidence to the confidence, 0..1. */
  weight?: number;
  /**
   * name evidence against the category: the column's name names something else (`parcel_no`,
   * `term_dt`), so values alone do not decide it. Set on an entry with source `name`; an item
   * carrying it needs a person's look, never a bulk approval.
   */
  contradicts?: string;
  /** value evidence found inside JSON/XML values: the key path the values sit under (`$.ssn`). */
  path?: string;
}

export interface Finding {
  category: CategoryId;
  /** 0..1, rounded to 2 decimals. */
  confidence: number;
  evidence: Evidence[];
  /** At most a few masked examples, never a raw value. */
  examples: string[];
  /** Present with --exact: matches over the whole table, counted in the database. */
  exactCount?: number;
}

export interface ScanColumn {
  source: string;
  schema: string;
  table: string;
  column: string;
  dataType: string;
  rowEstimate: number | null;
  sampled: number;
  nonNull: number;
  findings: Finding[];
  /** Low-confidence candidates, listed only with --show-candidates. */
  candidates?: Finding[];
  /** Why the column was not sampled (binary type, excluded…), when it was not. */
  skipped?: string;
  /** The relation's kind when it is no base table (`view`, `materialized_view`, `partitioned`, `foreign`). */
  tableKind?: 'view' | 'materialized_view' | 'partitioned' | 'foreign';
  /** A generated / computed column: findings are reported, but migrate never writes it. */
  generated?: true;
}

export interface ScanSource {
  name: string;
  department?: string;
  dialect: Dialect;
  /** The connection URL with its password replaced by ***. */
  url?: string;
  serverVersion?: string;
  /** The department of each schema, when one source holds several departments (schema → department). */
  departments?: Record<string, string>;
  /** `sha256:<hex>` over (schema, table, column, dataType) of every column scanned (src/scan/fingerprint.ts). */
  fingerprint?: string;
}

export interface ScanError {
  source: string;
  /** `schema.table`, when the error concerns one table. */
  table?: string;
  code: string;
  message: string;
}

/** A table-level re-identification risk: quasi-identifiers found together. */
export interface ScanRisk {
  source: string;
  schema: string;
  table: string;
  kind: 'quasi_identifiers';
  columns: string[];
  message: string;
}

export interface ScanStats {
  tables: number;
  columns: number;
  queries: number;
  valuesClassified: number;
  durationMs: number;
  /**
   * Milliseconds spent classifying samples, summed over the threads that classified (each table's
   * classification timed in its thread); absent from scans written before it was counted.
   */
  classifyMs?: number;
}

export interface ScanResult {
  version: 1;
  scannedAt: string;
  sources: ScanSource[];
  columns: ScanColumn[];
  errors: ScanError[];
  risks?: ScanRisk[];
  stats?: ScanStats;
  /** The sample seed (`--seed`), when the samples were reproducible: `check` reuses it. */
  sampleSeed?: number;
  /** True when every column's low-confidence candidates are listed (`--show-candidates`): `check`'s hysteresis reads them. */
  candidatesListed?: boolean;
}

