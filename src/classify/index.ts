/** Classifies the columns of one sampled table: per-column evidence, then table context, then decisions. */
import type { TypeClass } from '../../connectors/types.js';
import type { Rules } from '../rules/load.js';
import type { Finding } from '../types.js';
import { classifyColumn, confidenceOf, decide, REPORT_AT, type ColumnInput } from './column.js';
import { tableSubject } from './subject.js';
import { applyCareEvents } from './care-content.js';
import { applyTableContext, applyTableSubject, quasiIdentifiers } from './table.js';

export { REPORT_AT, CANDIDATE_AT } from './column.js';
export type { ColumnInput } from './column.js';

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
): TableVerdict {
  const results = columns.map((c) => ({ name: c.name, typeClass: c.typeClass, values: c.values, result: classifyColumn(c, rules, now) }));
  const reportedBefore = results.map(
    (r) => new Set([...r.result.claims.values()].filter((c) => confidenceOf(c) >= REPORT_AT).map((c) => c.category)),
  );
  applyTableContext(table, results, reportedBefore, rules);
  const subject = tableSubject(table, columns.map((c) => c.name), rules);
  if (subject) applyTableSubject(table, subject, results, reportedBefore, rules);
  if (subject) applyCareEvents(table, subject, results, rules);
  const verdicts = results.map((r) => {
    const { findings, candidates } = decide(r.result.claims, r.typeClass as TypeClass, rules);
    return { name: r.name, nonNull: r.result.nonNull, findings, candidates };
  });
  const qi = quasiIdentifiers(
    results.map((r, i) => ({
      name: r.name,
      tokens: r.result.tokens,
      categories: new Set(verdicts[i]!.findings.map((f) => f.category)),
    })),
  );
  return { columns: verdicts, quasiIdentifiers: qi };
}
