/**
 * Pure builders for the MySQL / MariaDB sample statements. Identifiers are quoted by construction,
 * numbers are validated integers; no value is ever interpolated.
 */
import type { CatalogColumn, CatalogTable } from '../types.js';
import { quoteIdent, quoteTable } from './mysql-quote.js';

const int = (n: number, min = 1) => String(Math.max(min, Math.floor(Number.isFinite(n) ? n : min)));

/**
 * The select-list expression for one column: text cast and cut inside the database.
 * NOTE: binary columns are never fetched (the expression is a NULL); spatial ones come as WKT.
 */
export function mysqlSelectExpr(column: CatalogColumn, maxValueLength: number): string {
  const c = quoteIdent(column.name);
  const n = int(maxValueLength);
  switch (column.typeClass) {
    case 'binary':
      return 'NULL';
    case 'spatial':
      return `LEFT(CAST(ST_AsText(${c}) AS CHAR CHARACTER SET utf8mb4), ${n})`;
    default:
      // NOTE: BIT(n) cast to CHAR gives raw bytes; `+ 0` turns it into its number first.
      if (/^bit\b/i.test(column.dataType)) return `CAST(${c} + 0 AS CHAR)`;
      return `LEFT(CAST(${c} AS CHAR CHARACTER SET utf8mb4), ${n})`;
  }
}

/**
 * The primary-key column random probes can use: the leading PK column, when it is an integer and
 * every key column is readable (the probes select and order by the key).
 */
export function mysqlProbeKey(table: CatalogTable): CatalogColumn | null {
  if (table.kind === 'view' || table.primaryKey.length === 0) return null;
  if (table.primaryKey.some((k) => table.columns.find((c) => c.name === k)?.readable === false)) return null;
  const lead = table.columns.find((c) => c.name === table.primaryKey[0]);
  return lead && lead.typeClass === 'integer' ? lead : null;
}

/** `SELECT MIN(k), MAX(k)` as text: two index lookups. */
export function mysqlMinMaxSql(table: CatalogTable, key: string): string {
  const k = quoteIdent(key);
  return `SELECT CAST(MIN(${k}) AS CHAR), CAST(MAX(${k}) AS CHAR) FROM ${quoteTable(table.schema, table.name)}`;
}

/** The select list for `columns`, followed by the primary-key columns as text (for deduplication). */
function selectList(table: CatalogTable, columns: readonly CatalogColumn[], maxValueLength: number): string {
  const exprs = columns.map((c) => mysqlSelectExpr(c, maxValueLength));
  for (const k of table.primaryKey) exprs.push(`CAST(${quoteIdent(k)} AS CHAR CHARACTER SET utf8mb4)`);
  return exprs.length > 0 ? exprs.join(', ') : '1';
}

/**
 * One statement of `probes.length` index range reads, `perProbe` rows each, glued with UNION ALL:
 * `(SELECT … FROM t WHERE k >= p AND k < p + w ORDER BY k LIMIT m) UNION ALL (…)`. Each branch is
 * an index seek plus m rows, so the cost depends on the number of probes, not on the table's size.
 * NOTE: the optimizer estimates every range by diving into the index, reading up to ~10 leaf pages
 * between its ends: an open range (`k >= p`) costs ~4 extra page reads per probe on a table bigger
 * than the buffer pool (measured on MariaDB 10.11: 430 vs 47 reads for 100 probes). A window `w`
 * narrow enough to hold ~4×m keys keeps both ends on one page; `window` null leaves it open.
 */
export function mysqlProbeSql(
  table: CatalogTable,
  columns: readonly CatalogColumn[],
  key: string,
  probes: readonly bigint[],
  perProbe: number,
  maxValueLength: number,
  window: bigint | null = null,
): string {
  const t = quoteTable(table.schema, table.name);
  const k = quoteIdent(key);
  const list = selectList(table, columns, maxValueLength);
  const m = int(perProbe);
  const upper = (p: bigint) => (window !== null && window > 0n ? ` AND ${k} < ${(p + window).toString()}` : '');
  return probes
    .map((p) => `(SELECT ${list} FROM ${t} WHERE ${k} >= ${BigInt(p).toString()}${upper(BigInt(p))} ORDER BY ${k} LIMIT ${m})`)
    .join(' UNION ALL ');
}

/**
 * The probe window: keys wide enough to hold `slack × perProbe` rows at the table's average key
 * density (`estimate / span`), at most one stratum; null (open ranges) when the estimate is unknown.
 */
export function probeWindow(estimate: number | null, span: bigint, probes: number, perProbe: number, slack = 4): bigint | null {
  if (estimate === null || estimate <= 0 || span <= 0n || probes <= 0) return null;
  const stride = span / BigInt(probes) > 0n ? span / BigInt(probes) : 1n;
  const density = Math.min(estimate / Number(span), Number.MAX_SAFE_INTEGER);
  const wanted = Math.ceil((slack * perProbe) / Math.max(density, 1e-12));
  const w = Number.isFinite(wanted) && wanted < Number.MAX_SAFE_INTEGER ? BigInt(Math.max(1, wanted)) : stride;
  return w < stride ? w : stride;
}

/**
 * At most `window` rows read (the first rows in storage order), of which `rows` are kept at random:
 * the whole table when it is smaller than the window. Aliases c0…cN avoid duplicate names.
 */
export function mysqlBoundedRandomSql(
  table: CatalogTable,
  columns: readonly CatalogColumn[],
  rows: number,
  window: number,
  maxValueLength: number,
  seed?: number,
): string {
  const exprs = columns.map((c, i) => `${mysqlSelectExpr(c, maxValueLength)} AS c${i}`);
  const inner = exprs.length > 0 ? exprs.join(', ') : '1 AS c0';
  return (
    `SELECT * FROM (SELECT ${inner} FROM ${quoteTable(table.schema, table.name)} LIMIT ${int(window)}) AS s ` +
    `ORDER BY RAND(${seed === undefined ? '' : int(seed)}) LIMIT ${int(rows)}`
  );
}

/**
 * The first `limit` rows in storage order, no sort: `SELECT c0, … FROM t LIMIT k`. Used to read a
 * table the estimate says is about the sample's size whole (k one more than the rows it may keep,
 * so a table bigger than that shows itself).
 */
export function mysqlWholeSql(table: CatalogTable, columns: readonly CatalogColumn[], limit: number, maxValueLength: number): string {
  const exprs = columns.map((c, i) => `${mysqlSelectExpr(c, maxValueLength)} AS c${i}`);
  return `SELECT ${exprs.length > 0 ? exprs.join(', ') : '1 AS c0'} FROM ${quoteTable(table.schema, table.name)} LIMIT ${int(limit)}`;
}

/**
 * `count` stratified random probe values in [min, max]: one per equal slice of the key range, so the
 * sample spreads across the whole table.
 */
export function stratifiedProbes(min: bigint, max: bigint, count: number, random: () => number = Math.random): bigint[] {
  const span = max - min + 1n;
  if (span <= 0n || count <= 0) return [];
  const scale = 1_000_000n;
  const n = BigInt(count);
  const out: bigint[] = [];
  for (let i = 0; i < count; i++) {
    const u = BigInt(Math.floor(random() * 1_000_000));
    out.push(min + (span * (BigInt(i) * scale + u)) / (n * scale));
  }
  return [...new Set(out)];
}
