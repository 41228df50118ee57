/** PostgreSQL type → minim TypeClass. Domains are resolved to their base type before this is called. */
import type { TypeClass } from '../types.js';

/** What the catalog knows of a column's (domain-resolved) base type. */
export interface PostgresBaseType {
  /** `pg_type.typname` of the base type, e.g. `varchar`, `int4`, `_text`, `geometry`. */
  readonly name: string;
  /** `pg_type.typcategory`: `A` array, `S` string, `N` numeric, `D` date/time, `E` enum, `G` geometric… */
  readonly category: string;
}

const BY_NAME: Record<string, TypeClass> = {
  text: 'text',
  varchar: 'text',
  bpchar: 'text',
  char: 'text',
  name: 'text',
  citext: 'text',
  xml: 'text',
  // NOTE: network addresses are classified by their values (ip_address), so they read as text.
  inet: 'text',
  cidr: 'text',
  macaddr: 'text',
  macaddr8: 'text',
  int2: 'integer',
  int4: 'integer',
  int8: 'integer',
  numeric: 'decimal',
  float4: 'decimal',
  float8: 'decimal',
  money: 'decimal',
  date: 'date',
  timestamp: 'timestamp',
  timestamptz: 'timestamp',
  time: 'time',
  timetz: 'time',
  bool: 'boolean',
  bytea: 'binary',
  json: 'json',
  jsonb: 'json',
  uuid: 'uuid',
  // PostGIS and friends (category U, so matched by name).
  geometry: 'spatial',
  geography: 'spatial',
  box2d: 'spatial',
  box3d: 'spatial',
};

/** The TypeClass of a base type: arrays first, then by name, then by category (enums and geometric types). */
export function typeClassOf(type: PostgresBaseType): TypeClass {
  if (type.category === 'A') return 'array';
  const named = BY_NAME[type.name];
  if (named) return named;
  if (type.category === 'G') return 'spatial'; // point, polygon, line, lseg, box, path, circle
  if (type.category === 'E') return 'text'; // enums: fixed labels, classified by their values
  return 'other';
}

/** Declared character length of `varchar(n)` / `char(n)` from the type modifier (typmod = n + 4), else null. */
export function maxLengthOf(type: PostgresBaseType, typmod: number): number | null {
  if ((type.name === 'varchar' || type.name === 'bpchar') && typmod >= 4) return typmod - 4;
  return null;
}
