/** MySQL / MariaDB column types onto the classifier's TypeClass. */
import type { TypeClass } from '../types.js';

const BY_DATA_TYPE: Record<string, TypeClass> = {
  char: 'text', varchar: 'text', tinytext: 'text', text: 'text', mediumtext: 'text', longtext: 'text',
  enum: 'text', set: 'text',
  tinyint: 'integer', smallint: 'integer', mediumint: 'integer', int: 'integer', integer: 'integer', bigint: 'integer',
  year: 'integer',
  decimal: 'decimal', numeric: 'decimal', float: 'decimal', double: 'decimal', real: 'decimal',
  date: 'date',
  datetime: 'timestamp', timestamp: 'timestamp',
  time: 'time',
  binary: 'binary', varbinary: 'binary', tinyblob: 'binary', blob: 'binary', mediumblob: 'binary', longblob: 'binary',
  json: 'json',
  uuid: 'uuid', // MariaDB 10.7+
  inet4: 'text', inet6: 'text', // MariaDB 10.5+/10.10+
  geometry: 'spatial', point: 'spatial', linestring: 'spatial', polygon: 'spatial', multipoint: 'spatial',
  multilinestring: 'spatial', multipolygon: 'spatial', geometrycollection: 'spatial', geomcollection: 'spatial',
  bit: 'other',
};

/**
 * The TypeClass of a column from `DATA_TYPE` and `COLUMN_TYPE`.
 * NOTE: `tinyint(1)` is MySQL's boolean; MySQL 8.0.19+ hides display widths, so `tinyint(1)` is
 * still reported for BOOLEAN columns there (it is the one width kept).
 * NOTE: MariaDB's JSON is `longtext` with a `json_valid()` CHECK; pass `jsonCheck` when one exists.
 */
export function mysqlTypeClass(dataType: string, columnType: string, jsonCheck = false): TypeClass {
  const dt = dataType.toLowerCase();
  if (dt === 'tinyint' && /^tinyint\(1\)/i.test(columnType)) return 'boolean';
  if (jsonCheck && dt === 'longtext') return 'json';
  return BY_DATA_TYPE[dt] ?? 'other';
}
