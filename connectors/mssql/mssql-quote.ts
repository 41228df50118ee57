/** Identifier quoting for SQL Server: brackets, a `]` inside doubled. */
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
