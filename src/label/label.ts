/** `minim label`: statements that write each sensitive column's categories where its engine keeps labels. */
import type { Connector } from '../../connectors/types.js';
import type { ScanResult } from '../types.js';
import { mssqlLabelStatements } from './mssql-label.js';
import { assertOnlyCommentsChanged, mysqlLabelStatements, readMysqlDefinitions, showCreateTable } from './mysql-label.js';
import { postgresLabelStatements, readPostgresState } from './postgres-label.js';
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
  switch (connector.dialect) {
    case 'postgres':
    case 'pglite':
      return postgresLabelStatements(targets, await readPostgresState(connector, targets));
    case 'mysql':
      return mysqlLabelStatements(targets, await readMysqlDefinitions(connector, targets));
    case 'mssql':
      return mssqlLabelStatements(targets);
  }
}

/**
 * Runs the statements. PostgreSQL and SQL Server: one transaction. MySQL: DDL commits on its own,
 * so each ALTER runs alone and SHOW CREATE TABLE is compared before and after it.
 */
export async function applyLabels(connector: Connector, statements: readonly LabelStatement[]): Promise<number> {
  const todo = statements.filter((s) => !s.skip && s.sql);
  if (connector.dialect !== 'mysql') {
    await connector.transaction(async (session) => {
      for (const s of todo) await session.query(s.sql);
    });
    return todo.length;
  }
  for (const s of todo) {
    const { schema, table } = s.target;
    const before = await showCreateTable(connector, schema, table);
    await connector.transaction((session) => session.query(s.sql));
    assertOnlyCommentsChanged(before, await showCreateTable(connector, schema, table), `${schema}.${table}`);
  }
  return todo.length;
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
