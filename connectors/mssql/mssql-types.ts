/** SQL Server column types onto the classifier's TypeClass, and their display names. */
import type { TypeClass } from '../types.js';

const BY_TYPE: Record<string, TypeClass> = {
  char: 'text', varchar: 'text', nchar: 'text', nvarchar: 'text', text: 'text', ntext: 'text', sysname: 'text',
  tinyint: 'integer', smallint: 'integer', int: 'integer', bigint: 'integer',
  decimal: 'decimal', numeric: 'decimal', money: 'decimal', smallmoney: 'decimal', float: 'decimal', real: 'decimal',
  bit: 'boolean',
  date: 'date',
  datetime: 'timestamp', datetime2: 'timestamp', smalldatetime: 'timestamp', datetimeoffset: 'timestamp',
  time: 'time',
  // NOTE: `timestamp` in SQL Server is rowversion, a binary counter, not a date.
  binary: 'binary', varbinary: 'binary', image: 'binary', timestamp: 'binary', rowversion: 'binary',
  uniqueidentifier: 'uuid',
  geography: 'spatial', geometry: 'spatial',
  json: 'json', // SQL Server 2025 / Azure SQL native json
  xml: 'other', hierarchyid: 'other', sql_variant: 'other', vector: 'other',
};

/** The TypeClass of a (system or alias base) type name. */
export function mssqlTypeClass(typeName: string): TypeClass {
  return BY_TYPE[typeName.toLowerCase()] ?? 'other';
}

/** `nvarchar(20)`, `varchar(max)`, `decimal(10,2)`, `datetime2(7)` from sys.columns' fields. */
export function mssqlDataType(typeName: string, maxLength: number, precision: number, scale: number): string {
  const t = typeName.toLowerCase();
  if (['varchar', 'char', 'varbinary', 'binary'].includes(t)) return `${t}(${maxLength === -1 ? 'max' : maxLength})`;
  if (['nvarchar', 'nchar'].includes(t)) return `${t}(${maxLength === -1 ? 'max' : maxLength / 2})`;
  if (['decimal', 'numeric'].includes(t)) return `${t}(${precision},${scale})`;
  if (['datetime2', 'datetimeoffset', 'time'].includes(t)) return `${t}(${scale})`;
  return t;
}

/** Declared length in characters (null for `max` and types without one). */
export function mssqlMaxLength(typeName: string, maxLength: number): number | null {
  const t = typeName.toLowerCase();
  if (maxLength === -1) return null;
  if (['nvarchar', 'nchar'].includes(t)) return maxLength / 2;
  if (['varchar', 'char', 'varbinary', 'binary'].includes(t)) return maxLength;
  return null;
}
