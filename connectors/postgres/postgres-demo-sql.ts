/** How PostgreSQL spells the demo city. */
import { checkText, decimal, sized } from '../connector-demo.js';
import type { DemoSpelling } from '../types.js';
import { quoteIdent } from './postgres-quote.js';

export const postgresDemoSql: DemoSpelling = {
  quoteIdent,
  columnType(c) {
    switch (c.type) {
      case 'text': return 'text';
      case 'varchar': return sized(c, 'varchar');
      case 'char': return sized(c, 'char');
      case 'int': return 'integer';
      case 'bigint': return 'bigint';
      case 'decimal': return decimal(c, 'numeric');
      case 'date': return 'date';
      case 'timestamp': return 'timestamp(0)';
      case 'bool': return 'boolean';
    }
  },
  // NOTE: standard_conforming_strings is on (the default since 9.1): backslashes are literal.
  text: (v) => `'${checkText(v).replace(/'/g, "''")}'`,
  temporal: (v) => `'${v}'`,
  bool: (v) => (v ? 'TRUE' : 'FALSE'),
  container: (schema) => schema,
  prelude: () => [],
  createContainer: (name) => `CREATE SCHEMA ${name}`,
  primaryKeyName: () => '',
  tableOptions: '',
  analyze: (ref) => `ANALYZE ${ref}`,
  file: { preamble: "SET client_encoding = 'UTF8';\n", terminator: ';\n' },
};
