/** How each engine spells the demo city's identifiers, types and literals. */
import type { DemoColumn, DemoValue } from './model.js';

export type DemoDialect = 'postgres' | 'mysql' | 'mssql';
export const DEMO_DIALECTS: readonly DemoDialect[] = ['postgres', 'mysql', 'mssql'];

export interface DialectSpelling {
  quoteIdent(name: string): string;
  columnType(column: DemoColumn): string;
  /** A string literal for a text column. */
  text(value: string): string;
  /** A string literal for a date or timestamp column. */
  temporal(value: string): string;
  bool(value: boolean): string;
}

function sized(column: DemoColumn, base: string): string {
  if (column.length === undefined) throw new Error(`demo column ${column.name}: ${column.type} needs a length`);
  return `${base}(${column.length})`;
}

function decimal(column: DemoColumn, base: string): string {
  return `${base}(${column.precision ?? 12}, ${column.scale ?? 2})`;
}

function checkText(value: string): string {
  if (value.includes('\0')) throw new Error('demo value contains a NUL character');
  return value;
}

const postgres: DialectSpelling = {
  quoteIdent: (name) => `"${name.replace(/"/g, '""')}"`,
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
};

const mysql: DialectSpelling = {
  quoteIdent: (name) => `\`${name.replace(/`/g, '``')}\``,
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
};

const mssql: DialectSpelling = {
  quoteIdent: (name) => `[${name.replace(/]/g, ']]')}]`,
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
  text: (v) => `N'${checkText(v).replace(/'/g, "''")}'`,
  temporal: (v) => `'${v}'`,
  bool: (v) => (v ? '1' : '0'),
};

export const SPELLINGS: Record<DemoDialect, DialectSpelling> = { postgres, mysql, mssql };

const NUMERIC = /^-?\d+(\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** The literal for `value` in `column`, or an Error naming the column when the value does not fit its type. */
export function literal(spelling: DialectSpelling, column: DemoColumn, value: DemoValue): string {
  if (value === null) return 'NULL';
  const bad = () => new Error(`demo column ${column.name} (${column.type}): value of type ${typeof value} does not fit`);
  switch (column.type) {
    case 'bool':
      if (typeof value !== 'boolean') throw bad();
      return spelling.bool(value);
    case 'int':
    case 'bigint':
    case 'decimal': {
      const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value : '';
      if (!NUMERIC.test(text)) throw bad();
      return text;
    }
    case 'date':
      if (typeof value !== 'string' || !DATE.test(value)) throw bad();
      return spelling.temporal(value);
    case 'timestamp':
      if (typeof value !== 'string' || !TIMESTAMP.test(value)) throw bad();
      return spelling.temporal(value);
    default:
      if (typeof value !== 'string') throw bad();
      return spelling.text(value);
  }
}
