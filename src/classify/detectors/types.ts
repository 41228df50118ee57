/**
 * The detector contract. A detector reads a profile and the rules and returns evidence; it never
 * changes a claim itself. Column detectors see one column's profile; table detectors see the whole
 * table, after every column detector has run (context raises or adds what columns already claim).
 */
import type { Rules } from '../../rules/types.js';
import type { Claim, Detected } from '../evidence.js';
import type { ColumnProfile } from '../profile.js';

export interface ColumnDetector {
  readonly name: string;
  readonly scope: 'column';
  detect(profile: ColumnProfile, rules: Rules): Detected[];
}

/** One column of a table as table detectors see it. */
export interface TableColumn {
  readonly profile: ColumnProfile;
  /** The column's claims after its column detectors (read only: detectors return evidence). */
  readonly claims: ReadonlyMap<string, Claim>;
  /** Categories the column reported (confidence ≥ REPORT_AT) before any table detector ran. */
  readonly reported: ReadonlySet<string>;
}

export interface TableProfile {
  readonly name: string;
  readonly columns: readonly TableColumn[];
}

/** Evidence for one column of the table (`column` indexes `TableProfile.columns`). */
export interface TableDetected extends Detected {
  readonly column: number;
}

export interface TableDetector {
  readonly name: string;
  readonly scope: 'table';
  detect(table: TableProfile, rules: Rules): TableDetected[];
}

export type Detector = ColumnDetector | TableDetector;
