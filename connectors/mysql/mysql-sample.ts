/**
 * Bounded sampling for MySQL / MariaDB: cost independent of the table's size.
 *
 * - A table whose estimate is at most `WHOLE_FACTOR × rows` (InnoDB's TABLE_ROWS is a rough
 *   figure either way): read whole in ONE unsorted statement, `LIMIT WHOLE_FACTOR × rows + 1`; the
 *   sample is the table (`full`), or `rows` of it drawn here at random (`random-of-whole`). The extra
 *   row means the estimate was stale: the rows are dropped and the table is sampled as below
 *   (`estimate-stale:` + method, one statement more).
 * - Integer leading primary key: one `MIN/MAX` (two index lookups) and ONE statement of 100
 *   stratified random probes into the key range, 10 rows each (`pk-probes`), deduplicated by key.
 *   Each probe reads a narrow key window sized from the catalog's row estimate (see probeWindow);
 *   when the windows come back mostly empty (keys clustered, a deleted range) the probes are
 *   repeated once with open ranges (`pk-probes-open`, a third statement).
 * - Otherwise (no PK, non-integer PK, views): the first `5 × rows` rows in storage order, of which
 *   `rows` are kept at random. Small tables are read whole (`full`); for big ones the method says
 *   `random-of-first(N)` so the report is honest that the rows come from one block.
 * NOTE: `ORDER BY RAND()` over a whole table and `LIMIT … OFFSET <random>` are O(table): never used.
 * NOTE: a key range with huge gaps (ids 1…1000 and 10^12) leaves probes empty where they land in
 *   the gap; the sample is smaller (the method says how many probes were issued), never slower.
 */
import type { CatalogTable, SampleOptions, TableSample } from '../types.js';
import type { MysqlRowSource } from './mysql-catalog.js';
import {
  mysqlBoundedRandomSql,
  mysqlMinMaxSql,
  mysqlProbeKey,
  mysqlProbeSql,
  mysqlWholeSql,
  probeWindow,
  stratifiedProbes,
} from './mysql-sample-sql.js';
import { seededRandom } from '../../src/util/prng.js';

/** Probes per sample statement (rows come from at least this many key ranges of a big table). */
export const PROBES = 100;
/** The no-key window, as a multiple of the target rows. */
export const WINDOW_FACTOR = 5;
/** A table estimated at up to this many times the target rows is read whole (see above). */
export const WHOLE_FACTOR = 2;

/** Takes one bounded sample of `table` through `db` (already in a read-only transaction). */
export async function takeMysqlSample(db: MysqlRowSource, table: CatalogTable, options: SampleOptions): Promise<TableSample> {
  const n = Math.max(1, Math.floor(options.rows));
  const cols = options.columns;
  const key = mysqlProbeKey(table);
  const random = options.seed === undefined ? Math.random : seededRandom(options.seed);
  let extra = 0;
  let stale = '';
  if (table.kind !== 'view' && table.rowEstimate !== null && table.rowEstimate <= WHOLE_FACTOR * n) {
    const cap = WHOLE_FACTOR * n;
    const rows = await db.rows(mysqlWholeSql(table, cols, cap + 1, options.maxValueLength));
    if (rows.length <= cap) {
      return toSample(pickRandom(rows, n, random), cols.length, rows.length <= n ? 'full' : 'random-of-whole', 1);
    }
    // NOTE: the table outgrew its estimate; its first rows are no sample of it.
    extra = 1;
    stale = 'estimate-stale:';
  }
  const sampled = await sampleBig(db, table, options, n, key, random);
  return extra === 0 ? sampled : { ...sampled, method: stale + sampled.method, queries: sampled.queries + extra };
}

/** A table bigger than the sample (or of unknown size): key probes, else a bounded random read. */
async function sampleBig(
  db: MysqlRowSource,
  table: CatalogTable,
  options: SampleOptions,
  n: number,
  key: ReturnType<typeof mysqlProbeKey>,
  random: () => number,
): Promise<TableSample> {
  const cols = options.columns;
  if (key) {
    const [mm] = await db.rows(mysqlMinMaxSql(table, key.name));
    if (!mm || mm[0] === null || mm[1] === null) return toSample([], cols.length, 'empty', 1);
    const [min, max] = [BigInt(String(mm[0])), BigInt(String(mm[1]))];
    const probes = stratifiedProbes(min, max, Math.min(PROBES, n), random);
    const perProbe = Math.ceil(n / Math.max(1, probes.length));
    const window = probeWindow(table.rowEstimate, max - min + 1n, probes.length, perProbe);
    const probe = async (w: bigint | null) =>
      dedupeByKey(await db.rows(mysqlProbeSql(table, cols, key.name, probes, perProbe, options.maxValueLength, w)), cols.length);
    let unique = await probe(window);
    const label = `${probes.length}x${perProbe}`;
    if (window === null || unique.length * 2 >= Math.min(n, table.rowEstimate ?? n)) {
      return toSample(pickRandom(unique, n, random), cols.length, `pk-probes(${label})`, 2);
    }
    // NOTE: far fewer rows than the estimate promised: the keys are clustered (a deleted range);
    // probe again with open ranges, which always find the next rows (slower on cold tables, still bounded).
    unique = await probe(null);
    return toSample(pickRandom(unique, n, random), cols.length, `pk-probes-open(${label})`, 3);
  }
  const limit = n * WINDOW_FACTOR;
  const rows = await db.rows(mysqlBoundedRandomSql(table, cols, n, limit, options.maxValueLength, options.seed));
  const method = rows.length < n ? 'full' : table.rowEstimate !== null && table.rowEstimate <= limit ? 'random' : `random-of-first(${limit})`;
  return toSample(rows, cols.length, method, 1);
}

/** Keeps the first row per primary-key tuple (the trailing key columns), dropping those columns. */
function dedupeByKey(rows: readonly unknown[][], width: number): unknown[][] {
  const seen = new Set<string>();
  const out: unknown[][] = [];
  for (const r of rows) {
    const k = JSON.stringify(r.slice(width));
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(r.slice(0, width));
  }
  return out;
}

/** `n` rows at random (all when fewer), keeping their order. */
function pickRandom<T>(rows: readonly T[], n: number, random: () => number): T[] {
  if (rows.length <= n) return [...rows];
  const idx = rows.map((_, i) => i);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (idx.length - i));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  return idx
    .slice(0, n)
    .sort((a, b) => a - b)
    .map((i) => rows[i]!);
}

function toSample(rows: readonly unknown[][], width: number, method: string, queries: number): TableSample {
  // Column by column: each column's array is filled in one run (the driver's values are text
  // already, so the common case is one typeof test per value).
  const values: Array<Array<string | null>> = new Array(width);
  for (let c = 0; c < width; c++) {
    const column = new Array<string | null>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const v = rows[i]![c];
      column[i] = typeof v === 'string' ? v : v === null || v === undefined ? null : Buffer.isBuffer(v) ? v.toString('utf8') : String(v);
    }
    values[c] = column;
  }
  return { rows: rows.length, values, method, queries };
}
