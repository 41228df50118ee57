/**
 * Generated PostgreSQL bench databases, built server-side (`INSERT … SELECT generate_series`) and
 * cached between runs: each database carries a marker table `minim_bench_meta.marker` written last,
 * so a half-built database is rebuilt, and `--fresh` rebuilds it anyway.
 */
import pg from 'pg';
import { progress, since } from './progress.js';

/** Server-level URL of the bench PostgreSQL (no database). */
export const PG_ADMIN_URL = process.env.MINIM_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** URL of one database on the bench server. */
export function pgUrl(database: string): string {
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Tables the scans leave out (the marker). */
export const META_EXCLUDE = ['minim_bench_meta.*'];

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function isBuilt(database: string, version: string): Promise<boolean> {
  const exists = await withClient(PG_ADMIN_URL, (c) => c.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]));
  if (exists.rowCount === 0) return false;
  return withClient(pgUrl(database), async (c) => {
    const t = await c.query(`SELECT to_regclass('minim_bench_meta.marker') IS NOT NULL AS ok`);
    if (!t.rows[0]?.ok) return false;
    const m = await c.query('SELECT version FROM minim_bench_meta.marker');
    return m.rows[0]?.version === version;
  });
}

/** Ensures `database` exists and was fully built by `build` (at this version); returns its URL. */
export async function ensurePgDatabase(
  database: string,
  version: string,
  fresh: boolean,
  build: (c: pg.Client) => Promise<void>,
): Promise<string> {
  if (!fresh && (await isBuilt(database, version))) {
    progress(`${database}: cached`);
    return pgUrl(database);
  }
  const t0 = performance.now();
  progress(`${database}: building (first run only; --fresh rebuilds)…`);
  await withClient(PG_ADMIN_URL, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${database}"`);
  });
  await withClient(pgUrl(database), async (c) => {
    await build(c);
    await c.query('CREATE SCHEMA minim_bench_meta');
    await c.query('CREATE TABLE minim_bench_meta.marker (version text NOT NULL, built_at timestamptz NOT NULL DEFAULT now())');
    await c.query('INSERT INTO minim_bench_meta.marker (version) VALUES ($1)', [version]);
  });
  progress(`${database}: built in ${(since(t0) / 1000).toFixed(0)} s`);
  return pgUrl(database);
}

/**
 * Column generators over `g` (the generate_series value), all synthetic: names from short lists,
 * SSNs in issued ranges, NANP phones, example.org emails, plus ordinary business columns.
 */
const GEN = {
  id: ['bigint PRIMARY KEY', 'g'],
  full_name: ['text', `(ARRAY['Ana','Ben','Chloe','Dev','Eli','Fay','Gus','Hana','Ivan','Jo'])[1 + g % 10] || ' ' || (ARRAY['Diaz','Nguyen','Smith','Okafor','Rossi','Kim','Haas','Silva'])[1 + (g / 10) % 8]`],
  email: ['text', `'user' || g || '@example.org'`],
  phone: ['text', `format('(%s) %s-%s', 201 + g % 700, 201 + (g / 7) % 700, lpad((g % 10000)::text, 4, '0'))`],
  ssn: ['text', `format('%s-%s-%s', lpad((1 + g % 665)::text, 3, '0'), lpad((1 + g % 99)::text, 2, '0'), lpad((1 + g % 9999)::text, 4, '0'))`],
  birth_date: ['date', `date '1940-01-01' + (g * 37 % 25000)::int`],
  created_at: ['timestamp', `timestamp '2020-01-01' + (g % 100000) * interval '17 minutes'`],
  amount: ['numeric(12,2)', `(g % 1000000) / 100.0`],
  status: ['text', `(ARRAY['open','closed','pending','void'])[1 + g % 4]`],
  code: ['varchar(12)', `'C' || lpad((g % 99999)::text, 5, '0')`],
  zip_plus4: ['text', `lpad((g % 99999)::text, 5, '0') || '-' || lpad((g % 9999)::text, 4, '0')`],
  qty: ['integer', `(g % 500)::int`],
  is_active: ['boolean', `g % 3 = 0`],
  ref_uuid: ['uuid', `md5(g::text)::uuid`],
  notes: ['text', `'Request ' || g || ' about ' || (ARRAY['a pothole','a streetlight','noise','a permit','trash pickup'])[1 + g % 5] || ', resolved by crew ' || (g % 40)`],
  order_ref: ['text', `lpad((g * 7919 % 1000000000000)::text, 14, '0')`],
  dept: ['text', `(ARRAY['parks','water','courts','payroll','transit'])[1 + g % 5]`],
} as const satisfies Record<string, readonly [string, string]>;
type Gen = keyof typeof GEN;

/** `CREATE TABLE` + `INSERT … SELECT generate_series` for one table of `cols` with `rows` rows. */
export function tableSql(qualified: string, cols: readonly Gen[], rows: number): string {
  const defs = cols.map((c) => `"${c}" ${GEN[c][0]}`).join(', ');
  const exprs = cols.map((c) => GEN[c][1]).join(', ');
  return `CREATE TABLE ${qualified} (${defs});
INSERT INTO ${qualified} SELECT ${exprs} FROM generate_series(1, ${rows}) AS g;`;
}

const ORDINARY: readonly Gen[] = ['created_at', 'amount', 'status', 'code', 'qty', 'is_active', 'ref_uuid', 'notes', 'order_ref', 'dept', 'zip_plus4'];
const SENSITIVE: readonly Gen[] = ['full_name', 'email', 'phone', 'ssn', 'birth_date'];

/** `n` columns for table number `i`: id, then a rotation of ordinary columns, a sensitive one every few tables. */
export function columnsFor(i: number, n: number): Gen[] {
  const cols: Gen[] = ['id'];
  if (i % 5 === 0) cols.push(SENSITIVE[(i / 5) % SENSITIVE.length]!);
  const second = SENSITIVE[(i / 25 + 2) % SENSITIVE.length]!;
  if (i % 25 === 0 && !cols.includes(second)) cols.push(second);
  // Columns beyond the distinct generators repeat ordinary ones under numbered names (buildManyTables).
  for (let k = 0; k < ORDINARY.length && cols.length < n; k++) cols.push(ORDINARY[(i + k) % ORDINARY.length]!);
  return cols;
}

/** Builds `tables` tables named `<prefix>NNNN` of `ncols` columns (extra columns: numbered copies). */
export async function buildManyTables(
  c: pg.Client,
  label: string,
  tables: number,
  ncols: number,
  rowsOf: (i: number) => number,
): Promise<void> {
  const batch = 50;
  for (let start = 0; start < tables; start += batch) {
    const parts: string[] = [];
    for (let i = start; i < Math.min(tables, start + batch); i++) {
      const cols = columnsFor(i, ncols);
      const defs = cols.map((col) => `"${col}" ${GEN[col][0]}`);
      const exprs = cols.map((col) => GEN[col][1]);
      for (let x = 0; defs.length < ncols; x++) {
        const col = ORDINARY[(i + x) % ORDINARY.length]!;
        defs.push(`"${col}_${x + 2}" ${GEN[col][0]}`);
        exprs.push(GEN[col][1]);
      }
      const name = `public.t_${String(i).padStart(4, '0')}`;
      parts.push(`CREATE TABLE ${name} (${defs.join(', ')});
INSERT INTO ${name} SELECT ${exprs.join(', ')} FROM generate_series(1, ${rowsOf(i)}) AS g;`);
    }
    await c.query(parts.join('\n'));
    progress(`${label}: ${Math.min(tables, start + batch)}/${tables} tables`);
  }
  progress(`${label}: ANALYZE`);
  await c.query('ANALYZE');
}

/** The big table of the wide database and the size tables: id, name, email, ssn, amount, created_at, notes, status. */
export const BIG_COLUMNS: readonly Gen[] = ['id', 'full_name', 'email', 'ssn', 'amount', 'created_at', 'notes', 'status'];

/** Fills a big table in chunks of 1M rows (progress per chunk), then ANALYZE. */
export async function buildBigTable(c: pg.Client, qualified: string, rows: number): Promise<void> {
  // NOTE: the primary key is added after the load (one index build, not 10M index inserts).
  const cols = BIG_COLUMNS.map((col) => `"${col}" ${col === 'id' ? 'bigint NOT NULL' : GEN[col][0]}`).join(', ');
  await c.query(`CREATE TABLE ${qualified} (${cols})`);
  const exprs = BIG_COLUMNS.map((col) => GEN[col][1]).join(', ');
  const chunk = 1_000_000;
  for (let from = 1; from <= rows; from += chunk) {
    const to = Math.min(rows, from + chunk - 1);
    await c.query(`INSERT INTO ${qualified} SELECT ${exprs} FROM generate_series(${from}, ${to}) AS g`);
    progress(`${qualified}: ${to.toLocaleString('en-US')}/${rows.toLocaleString('en-US')} rows`);
  }
  await c.query(`ALTER TABLE ${qualified} ADD PRIMARY KEY (id)`);
  await c.query(`ANALYZE ${qualified}`);
}
