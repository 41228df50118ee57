/**
 * The SQL Server catalog from `sys.*`, one batch per database (three-part names `[db].sys.…`), plus
 * `sys.sensitivity_classifications` where the server has it (2019+).
 * NOTE: each `db.schema` is the catalog's schema when several databases are scanned; a URL naming
 * one database gives plain `schema`. The connector keeps the map back to (database, schema), so a
 * database or schema name containing a dot is never split wrongly.
 * NOTE: Azure SQL Database cannot read another database's `sys` views: name the database in the URL.
 */
import type { CatalogColumn, CatalogTable, TableKind } from '../types.js';
import { quoteIdent, type MssqlLocation } from './mssql-quote.js';
import { mssqlDataType, mssqlMaxLength, mssqlTypeClass } from './mssql-types.js';

/** The slice of a connection the catalog needs: a batch's recordsets, rows as arrays. */
export interface MssqlRowSource {
  recordsets(sql: string): Promise<unknown[][][]>;
}

/** An N'…' literal (quotes doubled). */
const nLiteral = (s: string) => `N'${s.replace(/'/g, "''")}'`;

/** Every visible online user database (not master, tempdb, model, msdb). */
export function listDatabasesSql(): string {
  return 'SELECT name FROM sys.databases WHERE state = 0 AND database_id > 4 AND HAS_DBACCESS(name) = 1 ORDER BY name';
}

/** One batch, three recordsets: tables and views, columns, primary-key columns of `database`. */
export function catalogBatchSql(database: string): string {
  const d = quoteIdent(database);
  const objects =
    `SELECT object_id, schema_id, name, CASE WHEN is_external = 1 THEN 'F' ELSE 'U' END AS kind FROM ${d}.sys.tables WHERE is_ms_shipped = 0 ` +
    `UNION ALL SELECT object_id, schema_id, name, 'V' FROM ${d}.sys.views WHERE is_ms_shipped = 0`;
  const rows = (agg: string) =>
    `(SELECT ${agg} FROM ${d}.sys.partitions p WHERE p.object_id = o.object_id AND p.index_id IN (0, 1))`;
  // Whether the login may SELECT the column (object grant, or a column-level one): 1, 0 (or NULL).
  // NOTE: HAS_PERMS_BY_NAME takes a three-part object name; a sub-securable name goes unbracketed.
  const canSelect =
    `HAS_PERMS_BY_NAME(QUOTENAME(${nLiteral(database)}) + N'.' + QUOTENAME(ss.name) + N'.' + QUOTENAME(so.name), ` +
    "N'OBJECT', N'SELECT', c.name, N'COLUMN')";
  const description = (major: string, minor: string) =>
    `LEFT JOIN ${d}.sys.extended_properties ep ON ep.class = 1 AND ep.major_id = ${major} AND ep.minor_id = ${minor} AND ep.name = N'MS_Description'`;
  return [
    `SELECT o.object_id, s.name, o.name, o.kind, ${rows('SUM(p.rows)')}, ${rows('COUNT(*)')}, CONVERT(nvarchar(4000), ep.value) ` +
      `FROM (${objects}) AS o JOIN ${d}.sys.schemas s ON s.schema_id = o.schema_id ${description('o.object_id', '0')};`,
    'SELECT c.object_id, c.column_id, c.name, ty.name, bt.name, c.max_length, c.precision, c.scale, c.is_nullable, ' +
      `CONVERT(nvarchar(4000), ep.value), ${canSelect} FROM ${d}.sys.columns c ` +
      `JOIN ${d}.sys.objects so ON so.object_id = c.object_id JOIN ${d}.sys.schemas ss ON ss.schema_id = so.schema_id ` +
      `JOIN ${d}.sys.types ty ON ty.user_type_id = c.user_type_id ` +
      `LEFT JOIN ${d}.sys.types bt ON bt.user_type_id = c.system_type_id AND ty.is_user_defined = 1 ` +
      `${description('c.object_id', 'c.column_id')} WHERE c.object_id IN (SELECT object_id FROM (${objects}) AS o);`,
    `SELECT i.object_id, c.name, ic.key_ordinal FROM ${d}.sys.indexes i ` +
      `JOIN ${d}.sys.index_columns ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id ` +
      `JOIN ${d}.sys.columns c ON c.object_id = ic.object_id AND c.column_id = ic.column_id ` +
      'WHERE i.is_primary_key = 1 AND ic.key_ordinal > 0;',
  ].join('\n');
}

/** Column sensitivity labels (SQL Server 2019+, Azure SQL); fails with 208 on older servers. */
export function sensitivitySql(database: string): string {
  return (
    'SELECT major_id, minor_id, CONVERT(nvarchar(4000), label), CONVERT(nvarchar(4000), information_type) ' +
    `FROM ${quoteIdent(database)}.sys.sensitivity_classifications WHERE class = 1`
  );
}

/** A catalog table with where it really lives. */
export interface MssqlCatalogTable {
  readonly table: CatalogTable;
  readonly location: MssqlLocation;
}

/** Reads one database's catalog; `qualify` decides whether schemas are named `db.schema`. */
export async function readMssqlCatalog(db: MssqlRowSource, database: string, qualify: boolean): Promise<MssqlCatalogTable[]> {
  const [tables = [], columns = [], keys = []] = await db.recordsets(catalogBatchSql(database));
  let labels: unknown[][] = [];
  try {
    labels = (await db.recordsets(sensitivitySql(database)))[0] ?? [];
  } catch (e) {
    // NOTE: SQL Server 2017 has no sys.sensitivity_classifications (208), and a login may lack
    // VIEW ANY SENSITIVITY CLASSIFICATION: labels are optional, so any server error means none.
    if (typeof (e as { number?: unknown }).number !== 'number') throw e;
  }
  return assembleMssqlCatalog(database, qualify, tables, columns, keys, labels);
}

/** Joins one database's recordsets into frozen tables, sorted by schema, table; columns by position. Pure. */
export function assembleMssqlCatalog(
  database: string,
  qualify: boolean,
  tables: readonly unknown[][],
  columns: readonly unknown[][],
  keys: readonly unknown[][],
  labels: readonly unknown[][],
): MssqlCatalogTable[] {
  const label = new Map<string, string>();
  for (const [major, minor, l, info] of labels) {
    // Written as labelEvidence (src/label/parse.ts) reads it back: `information_type=` names the category.
    const has = (x: unknown) => x !== null && x !== undefined && x !== '';
    const text = [has(l) ? `label=${String(l)}` : '', has(info) ? `information_type=${String(info)}` : ''].filter(Boolean).join('; ');
    if (text) label.set(`${major}:${minor}`, `sensitivity: ${text}`);
  }
  const pk = new Map<string, Array<[number, string]>>();
  for (const [objectId, name, ordinal] of keys) {
    const list = pk.get(String(objectId)) ?? [];
    list.push([Number(ordinal), String(name)]);
    pk.set(String(objectId), list);
  }
  const cols = new Map<string, CatalogColumn[]>();
  for (const [objectId, columnId, name, typeName, baseType, maxLength, precision, scale, nullable, comment, canSelect] of columns) {
    const type = String(baseType ?? typeName);
    const list = cols.get(String(objectId)) ?? [];
    const notes = [comment, label.get(`${objectId}:${columnId}`)].filter((x) => typeof x === 'string' && x !== '');
    list.push(
      Object.freeze({
        name: String(name),
        position: Number(columnId),
        dataType: mssqlDataType(type, Number(maxLength), Number(precision), Number(scale)),
        typeClass: mssqlTypeClass(type),
        nullable: nullable === true || nullable === 1,
        maxLength: mssqlMaxLength(type, Number(maxLength)),
        comment: notes.length > 0 ? notes.join('; ') : null,
        ...(canSelect === 0 || canSelect === false ? { readable: false } : {}),
      }),
    );
    cols.set(String(objectId), list);
  }
  const out: MssqlCatalogTable[] = [];
  for (const [objectId, schema, name, kindCode, rows, partitions, comment] of tables) {
    const kind: TableKind = kindCode === 'V' ? 'view' : kindCode === 'F' ? 'foreign' : Number(partitions) > 1 ? 'partitioned' : 'table';
    // NOTE: column_id has gaps where columns were dropped; positions are renumbered 1…n in its order.
    const columnsOf = (cols.get(String(objectId)) ?? [])
      .sort((a, b) => a.position - b.position)
      .map((c, i) => (c.position === i + 1 ? c : Object.freeze({ ...c, position: i + 1 })));
    out.push({
      location: { database, schema: String(schema) },
      table: Object.freeze({
        schema: qualify ? `${database}.${String(schema)}` : String(schema),
        name: String(name),
        kind,
        rowEstimate: kind === 'view' || rows === null || rows === undefined ? null : Number(rows),
        primaryKey: Object.freeze((pk.get(String(objectId)) ?? []).sort((a, b) => a[0] - b[0]).map((x) => x[1])),
        columns: Object.freeze(columnsOf),
        comment: typeof comment === 'string' && comment !== '' ? comment : null,
      }),
    });
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return out.sort((a, b) => cmp(a.table.schema, b.table.schema) || cmp(a.table.name, b.table.name));
}
