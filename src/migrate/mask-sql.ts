/**
 * Per dialect, what a mask strategy writes (`set`) and which rows it would still change
 * (`pending`). `pending` is what makes migrate idempotent: a masked value never satisfies it,
 * so a second run finds nothing to do. Only patterns, identifiers and constants appear here.
 */
import { sql, type RawBuilder } from 'kysely';
import type { CatalogColumn } from '../../connectors/types.js';
import { MinimError } from '../errors.js';
import { HASH_LENGTH } from '../plan/column-types.js';
import type { SqlFamily } from './sql-compiler.js';

export interface ColumnChange {
  readonly set: RawBuilder<unknown>;
  readonly pending: RawBuilder<unknown>;
}

/** A change only the client can make (free-text redaction through the scan's detectors). */
export class ClientChange extends Error {}

/** Session variable holding the hash salt (set from the env var at apply time; never in SQL text). */
export const SALT_SETTING = { postgres: 'minim.hash_salt', mysql: '@minim_hash_salt', mssql: 'minim_hash_salt' } as const;

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const lit = (v: string | number) => sql.lit(v);

export class UnsupportedChange extends Error {}

/** The change a mask strategy makes to `column` (an identifier already built with sql.id). */
export function maskChange(family: SqlFamily, strategy: string, c: RawBuilder<unknown>, column: CatalogColumn, categories: readonly string[]): ColumnChange {
  const text = column.typeClass === 'text';
  const dated = column.typeClass === 'date' || column.typeClass === 'timestamp';
  switch (strategy) {
    case 'null':
      return { set: sql`NULL`, pending: sql`${c} IS NOT NULL` };
    case 'last4':
      if (!text) throw new UnsupportedChange(`last4 needs a text column; ${column.dataType} is not one`);
      return last4(family, c);
    case 'hash':
      if (!text) throw new UnsupportedChange(`hash needs a text column; ${column.dataType} is not one`);
      if (column.maxLength !== null && column.maxLength < HASH_LENGTH) {
        throw new UnsupportedChange(`hash needs ${HASH_LENGTH} characters; ${column.dataType} holds ${column.maxLength}`);
      }
      return hash(family, c);
    case 'year':
      if (dated) return yearOfDate(family, c, column.typeClass === 'date');
      if (text) return yearOfText(family, c);
      throw new UnsupportedChange(`year needs a date or text column; ${column.dataType} is neither`);
    case 'redact':
      if (!text) throw new UnsupportedChange(`redact needs a text column; ${column.dataType} is not one`);
      void categories;
      throw new ClientChange('redact');
    default:
      throw new MinimError('PLAN_INVALID', `unknown mask strategy ${strategy}`);
  }
}

function last4(family: SqlFamily, c: RawBuilder<unknown>): ColumnChange {
  if (family === 'postgres') {
    const head = sql`left(${c}, greatest(length(${c}) - 4, 0))`;
    return { set: sql`regexp_replace(${head}, ${lit('[0-9A-Za-z]')}, ${lit('*')}, ${lit('g')}) || right(${c}, 4)`, pending: sql`${head} ~ ${lit('[0-9A-Za-z]')}` };
  }
  if (family === 'mysql') {
    const head = sql`LEFT(${c}, GREATEST(CHAR_LENGTH(${c}) - 4, 0))`;
    return { set: sql`CONCAT(REGEXP_REPLACE(${head}, ${lit('[0-9A-Za-z]')}, ${lit('*')}), RIGHT(${c}, 4))`, pending: sql`${head} REGEXP ${lit('[0-9A-Za-z]')}` };
  }
  // NOTE: SQL Server: LEN ignores trailing spaces, so the true length is LEN(c + 'x') - 1;
  // LEFT with a negative length is an error, and WHERE does not short-circuit, hence the CASE.
  const n = sql`(LEN(${c} + N'x') - 1)`;
  const head = sql`LEFT(${c}, CASE WHEN ${n} > 4 THEN ${n} - 4 ELSE 0 END)`;
  return {
    set: sql`TRANSLATE(${head}, ${lit(ALNUM)}, ${lit('*'.repeat(ALNUM.length))}) + RIGHT(${c}, CASE WHEN ${n} > 4 THEN 4 ELSE ${n} END)`,
    pending: sql`${head} LIKE ${lit('%[0-9A-Za-z]%')}`,
  };
}

function hash(family: SqlFamily, c: RawBuilder<unknown>): ColumnChange {
  const notHashed = sql`${c} IS NOT NULL AND ${c} NOT LIKE ${lit('sha256:%')}`;
  if (family === 'postgres') {
    return {
      set: sql`${lit('sha256:')} || encode(sha256(convert_to(current_setting(${lit(SALT_SETTING.postgres)}) || ${c}, ${lit('UTF8')})), ${lit('hex')})`,
      pending: notHashed,
    };
  }
  if (family === 'mysql') {
    // NOTE: without the salt variable CONCAT gives NULL; the guard makes such a run change nothing.
    const salt = sql.raw(SALT_SETTING.mysql);
    return {
      set: sql`CONCAT(${lit('sha256:')}, SHA2(CONCAT(${salt}, ${c}), 256))`,
      pending: sql`${notHashed} AND ${salt} IS NOT NULL AND ${salt} <> ${lit('')}`,
    };
  }
  const salt = sql`CAST(SESSION_CONTEXT(${sql.raw(`N'${SALT_SETTING.mssql}'`)}) AS nvarchar(4000))`;
  return {
    set: sql`${lit('sha256:')} + LOWER(CONVERT(varchar(64), HASHBYTES(${lit('SHA2_256')}, CONCAT(${salt}, ${c})), 2))`,
    pending: sql`${notHashed} AND ${salt} IS NOT NULL`,
  };
}

function yearOfDate(family: SqlFamily, c: RawBuilder<unknown>, pureDate: boolean): ColumnChange {
  // January 1st of the same year: a value already there is already generalised (a birthday on
  // January 1st maps onto itself), so `c <> set` is exactly "would change".
  const set =
    family === 'postgres'
      ? pureDate
        ? sql`make_date(extract(year from ${c})::int, 1, 1)`
        : sql`date_trunc(${lit('year')}, ${c})`
      : family === 'mysql'
        ? sql`MAKEDATE(YEAR(${c}), 1)`
        : sql`DATEFROMPARTS(YEAR(${c}), 1, 1)`;
  return { set, pending: sql`${c} <> ${set}` };
}

function yearOfText(family: SqlFamily, c: RawBuilder<unknown>): ColumnChange {
  // Text birth dates ('03/14/1985', '19850314') keep their 4-digit year only; no year → NULL.
  if (family === 'postgres') {
    return { set: sql`substring(${c} from ${lit('(?:19|20)[0-9]{2}')})`, pending: sql`${c} !~ ${lit('^[0-9]{4}$')}` };
  }
  if (family === 'mysql') {
    return { set: sql`REGEXP_SUBSTR(${c}, ${lit('(19|20)[0-9]{2}')})`, pending: sql`NOT (${c} REGEXP ${lit('^[0-9]{4}$')})` };
  }
  const at = sql`PATINDEX(${lit('%[12][09][0-9][0-9]%')}, ${c})`;
  return {
    set: sql`CASE WHEN ${at} > 0 THEN SUBSTRING(${c}, ${at}, 4) ELSE NULL END`,
    pending: sql`${c} IS NOT NULL AND ${c} NOT LIKE ${lit('[0-9][0-9][0-9][0-9]')}`,
  };
}
