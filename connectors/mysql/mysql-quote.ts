/** Identifier quoting for MySQL and MariaDB: backticks, a backtick inside doubled. */
export function quoteIdent(name: string): string {
  return '`' + name.replace(/`/g, '``') + '`';
}

/** `db`.`table`, each part quoted. */
export function quoteTable(schema: string, table: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(table)}`;
}
