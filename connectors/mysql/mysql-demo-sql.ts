/** How MySQL / MariaDB spell the demo city: each department is a database. */
import { checkText, decimal, sized } from '../connector-demo.js';
import type { DemoSpelling } from '../types.js';
import { quoteIdent } from './mysql-quote.js';

export const mysqlDemoSql: DemoSpelling = {
  quoteIdent,
  columnType(c) {
    switch (c.type) {
      case 'text': return 'TEXT';
      case 'varchar': return sized(c, 'VARCHAR');
      case 'char': return sized(c, 'CHAR');
      case 'int': return 'INT';
      case 'bigint': return 'BIGINT';
      case 'decimal': return decimal(c, 'DECIMAL');
      case 'date': return 'DATE';
      // NOTE: DATETIME, not TIMESTAMP: no time-zone conversion and no 1970-2038 range limit.
      case 'timestamp': return 'DATETIME';
      case 'bool': return 'BOOLEAN';
    }
  },
  // NOTE: MySQL treats backslash as an escape inside literals (unless NO_BACKSLASH_ESCAPES).
  text: (v) => `'${checkText(v).replace(/\\/g, '\\\\').replace(/'/g, "''").replace(/\x1a/g, '\\Z')}'`,
  temporal: (v) => `'${v}'`,
  bool: (v) => (v ? 'TRUE' : 'FALSE'),
  container: (schema, prefix) => `${prefix}${schema}`,
  prelude: () => [],
  createContainer: (name) => `CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
  primaryKeyName: () => '',
  tableOptions: ' ENGINE=InnoDB',
  analyze: (ref) => `ANALYZE TABLE ${ref}`,
  file: { preamble: 'SET NAMES utf8mb4;\n', terminator: ';\n' },
};
