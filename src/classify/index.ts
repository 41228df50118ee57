/**
 * Classifies the columns of one sampled table: each column's profile through the column detectors,
 * then the table detectors (context, subjects), then decisions. `detectors` defaults to the
 * registered list (detectors/index.ts).
 */
import type { Rules } from '../rules/types.js';
import type { Finding } from '../types.js';
import { classifyColumn, type ColumnClassification } from './column.js';
import { confidenceOf, decide } from './decide.js';
import { DETECTORS, type Detector, type TableProfile } from './detectors/index.js';
import { addDetected } from './evidence.js';
import type { ColumnInput } from './profile.js';
import { quasiIdentifiers } from './quasi.js';
import { applyCareEvents, applyReferenceTable, referenceTable } from './care-content.js';
import { tableSubject } from './subject.js';
import { REPORT_AT } from './scoring.js';

export { REPORT_AT, CANDIDATE_AT } from './scoring.js';
export type { ColumnInput } from './profile.js';
export { DETECTORS } from './detectors/index.js';
export type { ColumnDetector, Detector, TableDetector } from './detectors/index.js';

export interface ColumnVerdict {
  readonly name: string;
  readonly nonNull: number;
  readonly findings: Finding[];
  readonly candidates: Finding[];
}

export interface TableVerdict {
  readonly columns: ColumnVerdict[];
  /** Column names forming a quasi-identifier set, when the table has one. */
  readonly quasiIdentifiers: string[] | null;
}

export function classifyTable(
  table: string,
  columns: readonly ColumnInput[],
  rules: Rules,
  now: Date = new Date(),
  detectors: readonly Detector[] = DETECTORS,
): TableVerdict {
  const results: ColumnClassification[] = columns.map((c) => classifyColumn(c, rules, now, detectors));
  const view: TableProfile = {
    name: table,
    columns: results.map((r) => ({
      profile: r.profile,
      claims: r.claims,
      reported: new Set([...r.claims.values()].filter((c) => confidenceOf(c) >= REPORT_AT).map((c) => c.category)),
    })),
  };
  // Each table detector sees the claims as the ones before it left them.
  for (const d of detectors) {
    if (d.scope !== 'table') continue;
    for (const found of d.detect(view, rules)) addDetected(results[found.column]!.claims, found);
  }
  // A care table's dated events (surgery, vaccination) are its content and never birth dates.
  const subject = tableSubject(table, columns.map((c) => c.name), rules);
  if (subject) applyCareEvents(table, subject, results.map((r) => ({ name: r.profile.name, typeClass: r.profile.typeClass, result: r })), rules);
  // A catalog of drugs or codes with no person link is reference data, whatever its values.
  const reference = subject ? null : referenceTable(table, columns.map((c) => c.name), rules);
  if (reference) applyReferenceTable(table, reference, results.map((r) => ({ result: r })));
  const verdicts = results.map((r) => {
    const { findings, candidates } = decide(r.claims, r.profile.typeClass, rules);
    return { name: r.profile.name, nonNull: r.nonNull, findings, candidates };
  });
  const qi = quasiIdentifiers(
    results.map((r, i) => ({
      name: r.profile.name,
      tokens: r.tokens,
      categories: new Set(verdicts[i]!.findings.map((f) => f.category)),
    })),
    rules,
  );
  return { columns: verdicts, quasiIdentifiers: qi };
}
