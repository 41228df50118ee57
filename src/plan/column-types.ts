/** What a plan needs to know of a column's type from its engine type name alone (the scan's `dataType`). */

/** Character types: text, varchar, nvarchar, char, character varying, clob, citext. */
export function isTextType(dataType: string): boolean {
  return /char|text|string|clob|citext/i.test(dataType) && !/\[\]$/.test(dataType);
}

/** Date and timestamp types (not a bare `time`). */
export function isDateType(dataType: string): boolean {
  return /^(date|datetime|datetime2|smalldatetime|datetimeoffset|timestamp)/i.test(dataType.trim());
}

/** Declared length of a character type, e.g. 11 for `character varying(11)`; null when unbounded. */
export function declaredLength(dataType: string): number | null {
  if (/\(max\)/i.test(dataType)) return null;
  const m = /\((\d+)\)/.exec(dataType);
  return m ? Number(m[1]) : null;
}

/** Characters a salted hash takes: `sha256:` and 64 hex digits. */
export const HASH_LENGTH = 71;
