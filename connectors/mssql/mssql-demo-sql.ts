/** How SQL Server spells the demo city: one database holding the department schemas. */
import { checkText, decimal, sized } from '../connector-demo.js';
import type { DemoSpelling } from '../types.js';
import { quoteIdent } from './mssql-quote.js';

const text = (v: string) => `N'${checkText(v).replace(/'/g, "''")}'`;

export const mssqlDemoSql: DemoSpelling = {
  quoteIdent,
  columnType(c) {
    switch (c.type) {
      case 'text': return 'NVARCHAR(MAX)';
      case 'varchar': return sized(c, 'NVARCHAR');
      case 'char': return sized(c, 'NCHAR');
      case 'int': return 'INT';
      case 'bigint': return 'BIGINT';
      case 'decimal': return decimal(c, 'DECIMAL');
      case 'date': return 'DATE';
      // NOTE: DATETIME2 parses 'YYYY-MM-DD HH:MM:SS' the same under every SET LANGUAGE / DATEFORMAT.
      case 'timestamp': return 'DATETIME2(0)';
      case 'bool': return 'BIT';
    }
  },
  // NOTE: N'' keeps accents (José, Zoë) intact whatever the database collation's code page.
  text,
  temporal: (v) => `'${v}'`,
  bool: (v) => (v ? '1' : '0'),
  container: (schema) => schema,
  prelude: (database) => [`IF DB_ID(${text(database)}) IS NULL CREATE DATABASE ${quoteIdent(database)}`, `USE ${quoteIdent(database)}`],
  // NOTE: SQL Server's CREATE SCHEMA must be alone in its batch: one statement per array item.
  createContainer: (name) => `CREATE SCHEMA ${name}`,
  primaryKeyName: (schema, table) => `CONSTRAINT ${quoteIdent(`pk_${schema}_${table}`)} `,
  tableOptions: '',
  analyze: (ref) => `UPDATE STATISTICS ${ref} WITH FULLSCAN`,
  file: { preamble: 'SET NOCOUNT ON;\nGO\n', terminator: '\nGO\n' },
};
