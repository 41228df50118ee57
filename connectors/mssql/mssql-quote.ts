/**
 * Identifier quoting for SQL Server, the one way every SQL Server identifier is written: brackets,
 * a `]` inside doubled (also by the compile-only kysely below, so `sql.id` spells it the same).
 */
import { MssqlQueryCompiler, type IdentifierNode } from 'kysely';

/** `[name]`, a `]` inside doubled. */
export function quoteIdent(name: string): string {
  return '[' + name.replace(/]/g, ']]') + ']';
}

/** Where a catalog table lives: its database and schema (the catalog's `schema` may be `db.schema`). */
export interface MssqlLocation {
  readonly database: string;
  readonly schema: string;
}

/** `[db].[schema].[table]`, each part quoted. */
export function quoteTable(loc: MssqlLocation, table: string): string {
  return `${quoteIdent(loc.database)}.${quoteIdent(loc.schema)}.${quoteIdent(table)}`;
}

/** An N'…' literal (quotes doubled), for the few places a name is compared as a value. */
export function nstring(value: string): string {
  return `N'${value.replace(/'/g, "''")}'`;
}

/** kysely's SQL Server compiler with identifiers quoted by {@link quoteIdent} (brackets, whatever QUOTED_IDENTIFIER says). */
export class MssqlBracketQueryCompiler extends MssqlQueryCompiler {
  protected override visitIdentifier(node: IdentifierNode): void {
    this.append(quoteIdent(node.name));
  }
}
