/** The demo city's dialects, and literals checked against their column's type. */
import { ENGINES } from '../../connectors/index.js';
import type { DemoSpelling } from '../../connectors/types.js';
import type { DemoColumn, DemoValue } from './model.js';

export type DemoDialect = 'postgres' | 'mysql' | 'mssql';
export const DEMO_DIALECTS: readonly DemoDialect[] = ['postgres', 'mysql', 'mssql'];

/** How one engine spells the demo city (each engine's `connectors/<engine>/<engine>-demo-sql.ts`). */
export type DialectSpelling = DemoSpelling;

/** The demo city's spelling for an engine, from the engine registry. */
export function spellingOf(dialect: DemoDialect): DialectSpelling {
  return ENGINES[dialect].demo;
}

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
