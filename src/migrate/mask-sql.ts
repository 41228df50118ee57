/**
 * What a mask strategy writes (`set`) and which rows it would still change (`pending`), and which
 * column types each strategy accepts. `pending` is what makes migrate idempotent: a masked value
 * never satisfies it, so a second run finds nothing to do. Each engine spells the SQL
 * (`WriteSql.mask`); only patterns, identifiers and constants appear in it.
 */
import { sql, type RawBuilder } from 'kysely';
import { writeSql } from '../../connectors/index.js';
import type { CatalogColumn, ColumnChange } from '../../connectors/types.js';
import { MinimError } from '../errors.js';
import { HASH_LENGTH } from '../plan/column-types.js';
import type { SqlFamily } from './sql-compiler.js';

export type { ColumnChange } from '../../connectors/types.js';

/** A change only the client can make (free-text redaction through the scan's detectors). */
export class ClientChange extends Error {}

export class UnsupportedChange extends Error {}

/** The change a mask strategy makes to `column` (an identifier already built with sql.id). */
export function maskChange(family: SqlFamily, strategy: string, c: RawBuilder<unknown>, column: CatalogColumn, categories: readonly string[]): ColumnChange {
  const mask = writeSql(family).mask;
  const text = column.typeClass === 'text';
  const dated = column.typeClass === 'date' || column.typeClass === 'timestamp';
  switch (strategy) {
    case 'null':
      return { set: sql`NULL`, pending: sql`${c} IS NOT NULL` };
    case 'last4':
      if (!text) throw new UnsupportedChange(`last4 needs a text column; ${column.dataType} is not one`);
      return mask.last4(c);
    case 'hash':
      if (!text) throw new UnsupportedChange(`hash needs a text column; ${column.dataType} is not one`);
      if (column.maxLength !== null && column.maxLength < HASH_LENGTH) {
        throw new UnsupportedChange(`hash needs ${HASH_LENGTH} characters; ${column.dataType} holds ${column.maxLength}`);
      }
      return mask.hash(c);
    case 'year':
      if (dated) return mask.yearOfDate(c, column.typeClass === 'date');
      if (text) return mask.yearOfText(c);
      throw new UnsupportedChange(`year needs a date or text column; ${column.dataType} is neither`);
    case 'redact':
      if (!text) throw new UnsupportedChange(`redact needs a text column; ${column.dataType} is not one`);
      void categories;
      throw new ClientChange('redact');
    default:
      throw new MinimError('PLAN_INVALID', `unknown mask strategy ${strategy}`);
  }
}
