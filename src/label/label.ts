/** `minim label`: statements that write each sensitive column's categories where its engine keeps labels. */
import { labelsDialect } from '../../connectors/index.js';
import type { Connector } from '../../connectors/types.js';
import type { ScanResult } from '../types.js';
import type { LabelStatement, LabelTarget } from './types.js';

/** The sensitive columns of one source of a scan, as label targets. */
export function labelTargets(scan: ScanResult, source: string): LabelTarget[] {
  return scan.columns
    .filter((c) => c.source === source && c.findings.length > 0)
    .map((c) => ({ schema: c.schema, table: c.table, column: c.column, categories: [...new Set(c.findings.map((f) => f.category))].sort() }));
}

/** Reads the columns' current labels and returns the statements to write (nothing is changed). */
export async function planLabels(connector: Connector, targets: readonly LabelTarget[]): Promise<LabelStatement[]> {
  if (targets.length === 0) return [];
  return labelsDialect(connector.dialect).plan(connector, targets);
}

/** Runs the statements the way the engine needs (one transaction, or one checked ALTER at a time). */
export async function applyLabels(connector: Connector, statements: readonly LabelStatement[]): Promise<number> {
  return labelsDialect(connector.dialect).apply(connector, statements);
}

/** The SQL script for review: a header, the statements, skipped columns as comments. */
export function labelScript(source: string, dialect: string, statements: readonly LabelStatement[]): string {
  const n = statements.filter((s) => !s.skip).length;
  let out = `-- minim label: ${n} statement(s) for source ${source.replace(/[\r\n]/g, ' ')} (${dialect})\n`;
  for (const s of statements) {
    if (s.skip) out += `-- skipped ${JSON.stringify([s.target.schema, s.target.table, s.target.column].join('.'))}: ${s.skip}\n`;
    else out += s.sql + '\n';
  }
  return out;
}
