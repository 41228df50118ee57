/** Reads the catalog (one query) and maps its rows once into frozen, ordered CatalogTables. */
import { MinimError } from '../../src/errors.js';
import type { CatalogColumn, CatalogTable, TableKind } from '../types.js';
import { CATALOG_COLUMNS, CATALOG_SQL } from './postgres-catalog-sql.js';
import { runReadOnly } from './postgres-read-only.js';
import type { PostgresTransport, ScriptSettings } from './postgres-transport.js';
import { maxLengthOf, typeClassOf } from './postgres-types.js';

/** Size facts the sampler needs beyond CatalogTable: pages on disk (null for views and foreign tables). */
export interface RelationSize {
  readonly rowEstimate: number | null;
  readonly pages: number | null;
}

export interface PostgresCatalog {
  readonly tables: CatalogTable[];
  /** Keyed by `tableKey(schema, name)`. */
  readonly sizes: ReadonlyMap<string, RelationSize>;
}

/** The key of a relation in `PostgresCatalog.sizes`. */
export function tableKey(schema: string, name: string): string {
  return `${schema}\u0000${name}`;
}

const KINDS: Record<string, TableKind> = {
  r: 'table',
  p: 'partitioned',
  v: 'view',
  m: 'materialized_view',
  f: 'foreign',
};

/** Every user relation, in one read-only statement. */
export async function readCatalog(transport: PostgresTransport, timeouts: ScriptSettings): Promise<PostgresCatalog> {
  const rows: Array<readonly unknown[] | null> = await runReadOnly(transport, CATALOG_SQL, { ...timeouts, jit: false });
  // NOTE: each driver row is turned into a RawColumnRow when it is reached and dropped at once,
  // not all 150,000 of them (10,000 tables) mapped up front: the driver's rows, the mapped rows and
  // the tables would otherwise be live together, and V8 sizes the heap by what is live.
  return mapRows(rows.length, (i) => {
    const raw = toRawColumnRow(rows[i]!);
    rows[i] = null;
    return raw;
  });
}

/** Groups the catalog rows (already ordered by schema, table, position) into tables. */
export function mapCatalogRows(rows: readonly RawColumnRow[]): PostgresCatalog {
  return mapRows(rows.length, (i) => rows[i]!);
}

/** mapCatalogRows over `count` rows read in order, each once, through `rowAt`. */
function mapRows(count: number, rowAt: (i: number) => RawColumnRow): PostgresCatalog {
  const tables: CatalogTable[] = [];
  const sizes = new Map<string, RelationSize>();
  // One copy of each type name (a 10,000-table catalog spells `character varying(40)` 100,000 times).
  const dataTypes = new Map<string, string>();
  let i = 0;
  let row = count > 0 ? rowAt(0) : null;
  while (row !== null) {
    const first = row;
    const columns: CatalogColumn[] = [];
    while (row !== null && sameTable(row, first)) {
      if (row.column_name !== null) columns.push(mapColumn(row, dataTypes));
      row = ++i < count ? rowAt(i) : null;
    }
    const rowEstimate = first.row_estimate === null ? null : Math.max(0, Math.round(Number(first.row_estimate)));
    const pages = first.pages === null ? null : Math.max(0, Math.ceil(Number(first.pages)));
    sizes.set(tableKey(first.schema_name, first.table_name), Object.freeze({ rowEstimate, pages }));
    tables.push(
      Object.freeze({
        schema: first.schema_name,
        name: first.table_name,
        kind: KINDS[first.relkind] ?? 'table',
        rowEstimate,
        primaryKey: Object.freeze(toStringArray(first.primary_key)),
        columns: Object.freeze(columns),
        comment: first.table_comment,
      }),
    );
  }
  return { tables, sizes };
}

function sameTable(a: RawColumnRow, b: RawColumnRow): boolean {
  return a.schema_name === b.schema_name && a.table_name === b.table_name;
}

function mapColumn(row: RawColumnRow, dataTypes: Map<string, string>): CatalogColumn {
  const base = { name: row.base_type ?? '', category: row.base_category ?? '' };
  const spelled = row.data_type ?? 'unknown';
  let dataType = dataTypes.get(spelled);
  if (dataType === undefined) dataTypes.set(spelled, (dataType = spelled));
  // One copy of each base type name too (the same map: a name maps to itself).
  let baseType = base.name === '' ? undefined : dataTypes.get(base.name);
  if (baseType === undefined && base.name !== '') dataTypes.set(base.name, (baseType = base.name));
  return Object.freeze({
    name: row.column_name!,
    position: Number(row.position),
    dataType,
    typeClass: typeClassOf(base),
    nullable: row.nullable !== false,
    maxLength: maxLengthOf(base, Number(row.typmod ?? -1)),
    ...(baseType !== undefined ? { baseType } : {}),
    comment: row.column_comment,
    ...(row.generated === true ? { generated: true } : {}),
    ...(row.readable === false ? { readable: false } : {}),
  });
}

/** PK arrays arrive parsed (`text[]`) from both drivers. */
function toStringArray(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.map(String);
  throw new MinimError('INTERNAL', `catalog: unexpected primary key value of type ${typeof value}`);
}

function toRawColumnRow(values: readonly unknown[]): RawColumnRow {
  const row: Record<string, unknown> = {};
  CATALOG_COLUMNS.forEach((name, index) => {
    row[name] = values[index] ?? null;
  });
  return row as unknown as RawColumnRow;
}

/** One row of CATALOG_SQL, as the driver returns it. */
export interface RawColumnRow {
  schema_name: string;
  table_name: string;
  relkind: string;
  row_estimate: number | string | null;
  pages: number | string | null;
  table_comment: string | null;
  primary_key: unknown;
  column_name: string | null;
  position: number | string | null;
  data_type: string | null;
  base_type: string | null;
  base_category: string | null;
  typmod: number | string | null;
  nullable: boolean | null;
  column_comment: string | null;
  generated?: boolean | null;
  /** has_column_privilege(…, 'SELECT'); absent from rows built by older callers. */
  readable?: boolean | null;
}
