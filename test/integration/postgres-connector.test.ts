/**
 * PostgresConnector and PgliteConnector against real databases: the local PostgreSQL (a fresh
 * database per run) and a PGlite directory built here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresConnector } from '../../connectors/postgres/postgres-connector.js';
import { PgliteConnector } from '../../connectors/pglite/pglite-connector.js';
import { PostgresPoolTransport } from '../../connectors/postgres/postgres-pool-transport.js';
import { readCatalog, tableKey } from '../../connectors/postgres/postgres-catalog.js';
import { planSample } from '../../connectors/postgres/postgres-sample-plan.js';
import { buildSampleSql, textBound } from '../../connectors/postgres/postgres-sample-sql.js';
import { runReadOnly } from '../../connectors/postgres/postgres-read-only.js';
import { takeSample } from '../../connectors/postgres/postgres-sample.js';
import { quoteIdent as q } from '../../connectors/postgres/postgres-quote.js';
import type { PostgresTransport } from '../../connectors/postgres/postgres-transport.js';
import type { CatalogTable, Connector, ConnectorOptions, SampleOptions } from '../../connectors/types.js';
import { MinimError } from '../../src/errors.js';
import { createTestDatabase, getEngine, uniqueName, type TestDatabase, type TestEngine } from '../helpers/engines.js';

const OPTIONS: ConnectorOptions = {
  name: 'hr-db',
  concurrency: 3,
  connectTimeoutMs: 5_000,
  statementTimeoutMs: 15_000,
  lockTimeoutMs: 2_000,
};

const HOSTILE_SCHEMA = 'we"ird; --schema';
const HOSTILE_TABLE = 'Tab "le"; DROP TABLE hr.staff; --';
const LONG_ASCII = 'x'.repeat(63);
const LONG_UNICODE = `${'é'.repeat(31)}z`; // 63 bytes in UTF-8
const HOSTILE_COLUMNS = ['col "q"', 'sp ace', 'select', 'semi;colon', '--dash', 'ünï名前', LONG_ASCII, LONG_UNICODE];

function sampleOptions(table: CatalogTable, over: Partial<SampleOptions> = {}): SampleOptions {
  return {
    rows: 100,
    columns: table.columns.filter((c) => c.typeClass !== 'binary'),
    maxValueLength: 50,
    statementTimeoutMs: 15_000,
    lockTimeoutMs: 2_000,
    ...over,
  };
}

function find(tables: readonly CatalogTable[], schema: string, name: string): CatalogTable {
  const t = tables.find((x) => x.schema === schema && x.name === name);
  if (!t) throw new Error(`fixture table ${schema}.${name} missing from the catalog`);
  return t;
}

async function codeOf(p: Promise<unknown>): Promise<MinimError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(MinimError);
    return e as MinimError;
  }
  throw new Error('expected a MinimError, got success');
}

const FIXTURE = [
  'CREATE SCHEMA hr',
  `CREATE DOMAIN hr.ssn_t AS varchar(11)`,
  `CREATE DOMAIN hr.ssn_t2 AS hr.ssn_t`,
  `CREATE TYPE hr.mood AS ENUM ('ok', 'meh')`,
  `CREATE TABLE hr.staff (
     id int PRIMARY KEY, full_name varchar(80) NOT NULL, ssn hr.ssn_t2, born date, notes text,
     photo bytea, prefs jsonb, tags text[], home point, ext_id uuid, active boolean,
     salary numeric(10,2), hired timestamptz, mood hr.mood, code char(3))`,
  `COMMENT ON TABLE hr.staff IS 'Staff directory'`,
  `COMMENT ON COLUMN hr.staff.ssn IS 'Social security number'`,
  `INSERT INTO hr.staff
     SELECT g, 'Person ' || g, lpad((100 + g)::text, 3, '0') || '-45-' || lpad(g::text, 4, '0'),
            date '1960-01-01' + g * 97, repeat('note ' || g || ' ', 200), '\\x00ff'::bytea,
            jsonb_build_object('k', g, 'long', repeat('j', 300)), ARRAY['a' || g, repeat('b', 300)],
            point(g, g + 1), md5(g::text)::uuid, g % 2 = 0, g * 10.5, now(), 'ok', 'abc'
     FROM generate_series(1, 300) g`,
  `UPDATE hr.staff SET ssn = 'none' WHERE id > 290`,
  'CREATE TABLE hr.nopk (a text, b int)',
  `INSERT INTO hr.nopk SELECT 'a' || g, g FROM generate_series(1, 20) g`,
  'CREATE TABLE hr.multi_pk (b int, a int, c text, PRIMARY KEY (b, a))',
  'CREATE TABLE hr.empty (x text)',
  'CREATE TABLE hr.nulls (x text, y int)',
  'INSERT INTO hr.nulls SELECT NULL, NULL FROM generate_series(1, 10)',
  'CREATE TABLE hr.never (id int, v text) WITH (autovacuum_enabled = false)',
  `INSERT INTO hr.never SELECT g, 'v' || g FROM generate_series(1, 60000) g`,
  'CREATE TABLE public.logs (id int, at date, msg text) PARTITION BY RANGE (at)',
  `CREATE TABLE public.logs_a PARTITION OF public.logs FOR VALUES FROM ('2020-01-01') TO ('2022-01-01') WITH (autovacuum_enabled = false)`,
  `CREATE TABLE public.logs_b PARTITION OF public.logs FOR VALUES FROM ('2022-01-01') TO ('2024-01-01') WITH (autovacuum_enabled = false)`,
  `INSERT INTO public.logs SELECT g, date '2020-01-01' + (g % 1400), 'message ' || g FROM generate_series(1, 80000) g`,
  'CREATE VIEW hr.staff_names AS SELECT id, full_name FROM hr.staff',
  'CREATE MATERIALIZED VIEW hr.staff_mv AS SELECT id, born FROM hr.staff',
  'CREATE VIEW hr.broken AS SELECT id / (id - id) AS boom FROM hr.staff',
  'CREATE VIEW hr.slow AS SELECT pg_sleep(3)::text AS z',
  `CREATE TABLE public.events (id int, at date, v text) PARTITION BY RANGE (at)`,
  `CREATE TABLE public.events_2023 PARTITION OF public.events FOR VALUES FROM ('2023-01-01') TO ('2024-01-01')`,
  `CREATE TABLE public.events_2024 PARTITION OF public.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')`,
  `INSERT INTO public.events SELECT g, date '2023-01-01' + (g % 700), 'e' || g FROM generate_series(1, 3000) g`,
  'CREATE TABLE public.big (id int, note text)',
  `INSERT INTO public.big SELECT g, 'row number ' || g FROM generate_series(1, 200000) g`,
  'CREATE TABLE public.huge_text (id int, doc text)',
  `INSERT INTO public.huge_text SELECT g, repeat(md5(g::text), 160000) FROM generate_series(1, 3) g`,
  `CREATE SCHEMA ${q(HOSTILE_SCHEMA)}`,
  `CREATE TABLE ${q(HOSTILE_SCHEMA)}.${q(HOSTILE_TABLE)} (${HOSTILE_COLUMNS.map((c) => `${q(c)} text`).join(', ')})`,
  `INSERT INTO ${q(HOSTILE_SCHEMA)}.${q(HOSTILE_TABLE)} SELECT ${HOSTILE_COLUMNS.map((_, i) => `'v${i}-' || g`).join(', ')} FROM generate_series(1, 3) g`,
  `COMMENT ON COLUMN ${q(HOSTILE_SCHEMA)}.${q(HOSTILE_TABLE)}.${q('select')} IS 'a reserved word'`,
  // A table the test role may not read, and one whose view writes (to prove the read-only transaction).
  'CREATE TABLE hr.secret (v text)',
  `INSERT INTO hr.secret VALUES ('classified')`,
  'CREATE TABLE hr.audit (at timestamptz)',
  `CREATE FUNCTION hr.touch() RETURNS int LANGUAGE sql VOLATILE AS 'INSERT INTO hr.audit VALUES (now()); SELECT 1'`,
  'CREATE VIEW hr.writer AS SELECT hr.touch() AS t',
  'ANALYZE hr.staff, hr.nopk, hr.multi_pk, hr.empty, hr.nulls, hr.staff_mv, public.events, public.big, public.huge_text, hr.secret',
  // Analyzed at 5 rows, then grown to 2,005 behind the statistics' back.
  'CREATE TABLE hr.grown (id int, v text) WITH (autovacuum_enabled = false)',
  `INSERT INTO hr.grown SELECT g, 'v' || g FROM generate_series(1, 5) g`,
  'ANALYZE hr.grown',
  `INSERT INTO hr.grown SELECT g, 'v' || g FROM generate_series(6, 2005) g`,
];

const engineResult = await getEngine('postgres');
if (engineResult.skip) console.warn(`postgres-connector: skipped: ${engineResult.skip}`);

describe.skipIf(!engineResult.engine)('PostgresConnector (real PostgreSQL)', () => {
  const engine = engineResult.engine as TestEngine;
  let db: TestDatabase;
  let connector: Connector;
  let tables: CatalogTable[];
  const role = uniqueName('ro');
  const admin = () => new pg.Client({ connectionString: db.url });
  /** Runs `fn` on a fresh admin connection, then `cleanup` when given, and closes the connection. */
  const withAdmin = async (fn: (c: pg.Client) => Promise<void>, cleanup?: string) => {
    const c = admin();
    await c.connect();
    try {
      await fn(c);
    } finally {
      if (cleanup) await c.query(cleanup);
      await c.end();
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase(engine, 'pgconn');
    await db.exec(FIXTURE);
    // An extension type, a foreign table (postgres_fdw back into this database) and a table without columns.
    const u = new URL(db.url);
    await db.exec([
      'CREATE EXTENSION citext',
      'CREATE TABLE hr.contacts (email citext)',
      `INSERT INTO hr.contacts VALUES ('A@Example.org')`,
      'CREATE EXTENSION postgres_fdw',
      `CREATE SERVER loopback FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '${u.hostname}', port '${u.port || '5432'}', dbname '${db.name}')`,
      `CREATE USER MAPPING FOR CURRENT_USER SERVER loopback OPTIONS (user '${decodeURIComponent(u.username)}')`,
      `CREATE FOREIGN TABLE hr.remote_nopk (a text, b int) SERVER loopback OPTIONS (schema_name 'hr', table_name 'nopk')`,
      'CREATE TABLE hr.nocols ()',
      'ANALYZE hr.contacts, hr.nocols',
    ]);
    connector = await PostgresConnector.open(db.url, OPTIONS);
    tables = await connector.catalog();
  });

  afterAll(async () => {
    await connector?.close();
    await db?.drop();
    const a = new pg.Client({ connectionString: engine.adminUrl });
    await a.connect();
    await a.query(`DROP ROLE IF EXISTS ${q(role)}`);
    await a.end();
  });

  describe('catalog', () => {
    it('lists every non-system schema, not partitions, ordered by schema and table', () => {
      const names = tables.map((t) => `${t.schema}.${t.name}`);
      expect(names).toEqual([...names].sort((a, b) => (Buffer.from(a) < Buffer.from(b) ? -1 : 1)));
      expect(new Set(tables.map((t) => t.schema))).toEqual(new Set(['hr', 'public', HOSTILE_SCHEMA]));
      expect(names).toContain('public.events');
      expect(names).not.toContain('public.events_2023');
      expect(names).not.toContain('public.events_2024');
      expect(tables.some((t) => t.schema.startsWith('pg_') || t.schema === 'information_schema')).toBe(false);
    });

    it('gives kinds, row estimates and primary keys in key order', () => {
      expect(find(tables, 'hr', 'staff')).toMatchObject({ kind: 'table', rowEstimate: 300, primaryKey: ['id'] });
      expect(find(tables, 'hr', 'multi_pk').primaryKey).toEqual(['b', 'a']);
      expect(find(tables, 'hr', 'nopk')).toMatchObject({ primaryKey: [], rowEstimate: 20 });
      expect(find(tables, 'hr', 'staff_names')).toMatchObject({ kind: 'view', rowEstimate: null });
      expect(find(tables, 'hr', 'staff_mv')).toMatchObject({ kind: 'materialized_view', rowEstimate: 300 });
      // Partitioned parent: the sum over its partitions.
      expect(find(tables, 'public', 'events')).toMatchObject({ kind: 'partitioned', rowEstimate: 3000 });
      expect(find(tables, 'hr', 'empty').rowEstimate).toBe(0);
      expect(find(tables, 'public', 'big').rowEstimate).toBe(200_000);
    });

    it('lists foreign tables, tables without columns, extension types', () => {
      expect(find(tables, 'hr', 'remote_nopk')).toMatchObject({ kind: 'foreign', primaryKey: [] });
      expect(find(tables, 'hr', 'nocols').columns).toEqual([]);
      expect(find(tables, 'hr', 'contacts').columns[0]).toMatchObject({ dataType: 'citext', typeClass: 'text' });
    });

    it('reports a never-analyzed table (or partitioned table) as null', () => {
      expect(find(tables, 'hr', 'never').rowEstimate).toBeNull();
      expect(find(tables, 'public', 'logs').rowEstimate).toBeNull();
    });

    it('takes no table locks: a table locked by another session does not hold it up', async () => {
      const c = admin();
      await c.connect();
      try {
        await c.query('BEGIN');
        await c.query('LOCK TABLE hr.never, public.logs_a, hr.staff IN ACCESS EXCLUSIVE MODE');
        const started = Date.now();
        expect((await connector.catalog()).length).toBe(tables.length);
        expect(Date.now() - started).toBeLessThan(OPTIONS.lockTimeoutMs);
      } finally {
        await c.query('ROLLBACK');
        await c.end();
      }
    });

    it('maps column types, nullability, lengths and comments', () => {
      const staff = find(tables, 'hr', 'staff');
      expect(staff.comment).toBe('Staff directory');
      const col = (n: string) => staff.columns.find((c) => c.name === n)!;
      expect(staff.columns.map((c) => c.position)).toEqual(staff.columns.map((_, i) => i + 1));
      expect(col('id')).toMatchObject({ typeClass: 'integer', nullable: false, dataType: 'integer' });
      expect(col('full_name')).toMatchObject({ typeClass: 'text', maxLength: 80, nullable: false, dataType: 'character varying(80)' });
      // A domain over a domain over varchar(11): the engine's name, the base type's class and length.
      expect(col('ssn')).toMatchObject({ typeClass: 'text', maxLength: 11, dataType: 'hr.ssn_t2', comment: 'Social security number' });
      expect(col('born').typeClass).toBe('date');
      expect(col('notes').typeClass).toBe('text');
      expect(col('photo').typeClass).toBe('binary');
      expect(col('prefs').typeClass).toBe('json');
      expect(col('tags')).toMatchObject({ typeClass: 'array', dataType: 'text[]' });
      expect(col('home').typeClass).toBe('spatial');
      expect(col('ext_id').typeClass).toBe('uuid');
      expect(col('active').typeClass).toBe('boolean');
      expect(col('salary')).toMatchObject({ typeClass: 'decimal', dataType: 'numeric(10,2)' });
      expect(col('hired')).toMatchObject({ typeClass: 'timestamp', dataType: 'timestamp with time zone' });
      expect(col('mood').typeClass).toBe('text');
      expect(col('code')).toMatchObject({ typeClass: 'text', maxLength: 3 });
    });

    it('keeps hostile identifiers exactly, including 63-byte names', () => {
      const t = find(tables, HOSTILE_SCHEMA, HOSTILE_TABLE);
      expect(t.columns.map((c) => c.name)).toEqual(HOSTILE_COLUMNS);
      expect(Buffer.byteLength(LONG_UNICODE)).toBe(63);
      expect(t.columns.find((c) => c.name === 'select')?.comment).toBe('a reserved word');
    });

    it('returns frozen objects', () => {
      const staff = find(tables, 'hr', 'staff');
      expect(Object.isFrozen(staff)).toBe(true);
      expect(Object.isFrozen(staff.columns)).toBe(true);
      expect(Object.isFrozen(staff.columns[0])).toBe(true);
    });
  });

  describe('sample', () => {
    it('fetches every requested column as text, cut to maxValueLength, at most n rows', async () => {
      const staff = find(tables, 'hr', 'staff');
      const opts = sampleOptions(staff, { rows: 40, maxValueLength: 20 });
      const s = await connector.sample(staff, opts);
      expect(s.values).toHaveLength(opts.columns.length);
      expect(s.rows).toBe(40);
      for (const column of s.values) {
        expect(column).toHaveLength(40);
        for (const v of column) if (v !== null) expect([...v].length).toBeLessThanOrEqual(20);
      }
      const idx = (n: string) => opts.columns.findIndex((c) => c.name === n);
      expect(s.values[idx('notes')]!.every((v) => v!.length === 20)).toBe(true);
      expect(s.values[idx('tags')]![0]).toMatch(/^\{a\d+,b+/);
      expect(s.values[idx('prefs')]![0]).toMatch(/^\{"k": \d+/);
      expect(s.values[idx('home')]![0]).toMatch(/^\(\d+,\d+\)$/);
      expect(s.queries).toBe(2);
      expect(s.method).toBe('random-limit');
    });

    it('draws a small table\'s sample at random, not its first rows', async () => {
      const nopk = find(tables, 'hr', 'nopk');
      const seen = new Set<string | null>();
      for (let i = 0; i < 5; i++) {
        const s = await connector.sample(nopk, sampleOptions(nopk, { rows: 10 }));
        expect(s).toMatchObject({ rows: 10, method: 'first-rows(100)+random-limit' });
        for (const v of s.values[0]!) seen.add(v);
      }
      expect(seen.size).toBeGreaterThan(10);
    });

    it('reads a table no bigger than the sample whole, in one unsorted statement', async () => {
      const nopk = find(tables, 'hr', 'nopk');
      const s = await connector.sample(nopk, sampleOptions(nopk, { rows: 20 }));
      expect(s).toMatchObject({ rows: 20, method: 'full', queries: 2 });
      expect([...s.values[0]!].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `a${i + 1}`).sort());
    });

    it('a whole read that finds more rows than the stale estimate falls back to a random sample', async () => {
      const grown = find(tables, 'hr', 'grown');
      expect(grown.rowEstimate).toBe(5);
      const seen = new Set<string | null>();
      for (let i = 0; i < 3; i++) {
        const s = await connector.sample(grown, sampleOptions(grown, { rows: 10 }));
        expect(s.rows).toBe(10);
        expect(s.queries).toBe(4);
        expect(s.method).toMatch(/^estimate-stale:/);
        for (const v of s.values[0]!) seen.add(v);
      }
      // Not the first rows in storage order: drawn from the whole of the grown table.
      expect(seen.size).toBeGreaterThan(10);
      expect([...seen].some((v) => Number(v) > 100)).toBe(true);
    });

    it('each column of a sample of a few thousand values arrives as one joined text, and its values are those a row-by-row read returns', async () => {
      const rowsOf = (values: ReadonlyArray<ReadonlyArray<string | null>>) => values[0]!.map((_, r) => JSON.stringify(values.map((c) => c[r]))).sort();
      // Empty strings, NULLs, multi-byte and non-BMP characters, line breaks, a value of spaces.
      await withAdmin(async (c) => {
        await c.query(`CREATE TABLE hr.joined (id int, a text, b varchar(30))`);
        await c.query(`INSERT INTO hr.joined SELECT g, CASE g % 5 WHEN 0 THEN NULL WHEN 1 THEN '' WHEN 2 THEN 'naïve 名前 😀' || g WHEN 3 THEN E'line\nbreak\t' || g ELSE '   ' END,
          CASE WHEN g % 7 = 0 THEN NULL ELSE 'b' || g END FROM generate_series(1, 1500) g`);
        await c.query('ANALYZE hr.joined');
      });
      const fresh = await connector.catalog();
      const t = find(fresh, 'hr', 'joined');
      const opts = sampleOptions(t, { rows: 2000 });
      const s = await connector.sample(t, opts);
      expect(s).toMatchObject({ rows: 1500, method: 'full', queries: 2 });
      expect(s.joined).toHaveLength(3);
      const pool = new pg.Pool({ connectionString: db.url, max: 1 });
      const plain = await runReadOnly(new PostgresPoolTransport(pool), buildSampleSql(t, { kind: 'whole' }, opts), opts).finally(() => pool.end());
      const expected = opts.columns.map((_, i) => plain.map((r) => (r[i] === null ? null : String(r[i]))));
      expect(rowsOf(s.values)).toEqual(rowsOf(expected));
      expect(s.values[1]!.filter((v) => v === null)).toHaveLength(300);
      expect(s.values[1]!.filter((v) => v === '')).toHaveLength(300);
      expect(s.values[1]).toContain('naïve 名前 😀2');
      // A sample of a few hundred values comes row by row (the aggregate would cost the server more).
      const few = await connector.sample(t, sampleOptions(t, { rows: 100 }));
      expect(few.rows).toBe(100);
      expect(few.joined).toBeUndefined();
    });

    it('a value holding the separator, or equal to the NULL mark, makes the sample read row by row, exactly', async () => {
      await withAdmin(async (c) => {
        await c.query(`CREATE TABLE hr.sep (v text)`);
        await c.query(`INSERT INTO hr.sep SELECT CASE WHEN g = 3 THEN E'a\x01b' ELSE 'v' || g END FROM generate_series(1, 4000) g`);
        await c.query(`CREATE TABLE hr.mark (v text)`);
        await c.query(`INSERT INTO hr.mark SELECT CASE WHEN g = 3 THEN E'\x02' WHEN g = 4 THEN NULL ELSE 'v' || g END FROM generate_series(1, 4000) g`);
        await c.query('ANALYZE hr.sep, hr.mark');
      });
      const fresh = await connector.catalog();
      for (const [name, odd] of [['sep', 'a\x01b'], ['mark', '\x02']] as const) {
        const t = find(fresh, 'hr', name);
        const s = await connector.sample(t, sampleOptions(t, { rows: 4000 }));
        // The joined read, then the row-by-row one: two read-only scripts of two statements.
        expect(s).toMatchObject({ rows: 4000, method: 'full', queries: 4 });
        expect(s.joined).toBeUndefined();
        expect(s.values[0]).toContain(odd);
        expect(s.values[0]!.filter((v) => v === null)).toHaveLength(name === 'mark' ? 1 : 0);
      }
    });

    it('a table of more long text columns than one aggregated row may carry at worst is read row by row', async () => {
      await withAdmin(async (c) => {
        const cols = Array.from({ length: 40 }, (_, i) => `t${i} text`).join(', ');
        await c.query(`CREATE TABLE hr.wide_text (${cols})`);
        await c.query(`INSERT INTO hr.wide_text SELECT ${Array.from({ length: 40 }, (_, i) => `'v${i}-' || g`).join(', ')} FROM generate_series(1, 120) g`);
        await c.query('ANALYZE hr.wide_text');
      });
      const t = find(await connector.catalog(), 'hr', 'wide_text');
      const s = await connector.sample(t, sampleOptions(t, { rows: 1000, maxValueLength: 4096 }));
      expect(s).toMatchObject({ rows: 120, method: 'full', queries: 2 });
      expect(s.joined).toBeUndefined();
      expect(new Set(s.values[39])).toEqual(new Set(Array.from({ length: 120 }, (_, i) => `v39-${i + 1}`)));
      // The same table with a shorter cut fits, and comes joined.
      const short = await connector.sample(t, sampleOptions(t, { rows: 1000, maxValueLength: 100 }));
      expect(short.joined).toHaveLength(40);
      const sorted = (values: ReadonlyArray<ReadonlyArray<string | null>>) => values.map((v) => [...v].sort());
      expect(sorted(short.values)).toEqual(sorted(s.values));
    });

    it('never fetches a binary column even when asked', async () => {
      const staff = find(tables, 'hr', 'staff');
      const photo = staff.columns.find((c) => c.name === 'photo')!;
      const s = await connector.sample(staff, sampleOptions(staff, { columns: [photo], rows: 5 }));
      expect(s.values[0]).toEqual([null, null, null, null, null]);
    });

    it('reads a small table whole, an empty one and a NULL-only one', async () => {
      const nopk = await connector.sample(find(tables, 'hr', 'nopk'), sampleOptions(find(tables, 'hr', 'nopk')));
      expect(nopk).toMatchObject({ rows: 20, method: 'full' });
      const empty = await connector.sample(find(tables, 'hr', 'empty'), sampleOptions(find(tables, 'hr', 'empty')));
      expect(empty).toMatchObject({ rows: 0, values: [[]] });
      const nulls = await connector.sample(find(tables, 'hr', 'nulls'), sampleOptions(find(tables, 'hr', 'nulls')));
      expect(nulls.rows).toBe(10);
      expect(nulls.values.flat().every((v) => v === null)).toBe(true);
    });

    it('samples views with a plain LIMIT, materialized views and partitioned tables', async () => {
      const view = await connector.sample(find(tables, 'hr', 'staff_names'), sampleOptions(find(tables, 'hr', 'staff_names'), { rows: 7 }));
      expect(view).toMatchObject({ rows: 7, method: 'view-limit' });
      const mv = await connector.sample(find(tables, 'hr', 'staff_mv'), sampleOptions(find(tables, 'hr', 'staff_mv'), { rows: 7 }));
      expect(mv.rows).toBe(7);
      const events = find(tables, 'public', 'events');
      const ev = await connector.sample(events, sampleOptions(events, { rows: 100 }));
      expect(ev.rows).toBe(100);
      // Rows come from both partitions.
      const years = new Set(ev.values[1]!.map((d) => d!.slice(0, 4)));
      expect(years).toEqual(new Set(['2023', '2024']));
    });

    it('samples a foreign table with a plain LIMIT, and a table without columns', async () => {
      const remote = find(tables, 'hr', 'remote_nopk');
      expect(await connector.sample(remote, sampleOptions(remote, { rows: 5 }))).toMatchObject({ rows: 5, method: 'foreign-limit' });
      const nocols = find(tables, 'hr', 'nocols');
      expect(await connector.sample(nocols, sampleOptions(nocols))).toMatchObject({ rows: 0, values: [] });
    });

    it('cuts megabyte values inside the database', async () => {
      const t = find(tables, 'public', 'huge_text');
      const s = await connector.sample(t, sampleOptions(t, { maxValueLength: 64 }));
      expect(s.rows).toBe(3);
      expect(s.values[1]!.every((v) => v!.length === 64)).toBe(true);
    });

    it('a value comes back exactly as substr(value::text, 1, limit), whichever way the statement cuts it', async () => {
      await withAdmin(async (c) => {
        await c.query(`CREATE TABLE hr.cut_edges (
          t text, v varchar(30), ch char(12), ci citext, e hr.mood, n numeric(12,2), u numeric, d date, ts timestamptz, i8 bigint, ip inet)`);
        // 20 characters / 40 bytes, 21 characters, 19 + a 4-byte character, an ASCII value at the limit and past it.
        const edges = ['é'.repeat(20), 'é'.repeat(21), `${'a'.repeat(19)}😀`, 'b'.repeat(20), 'c'.repeat(21)];
        for (const [k, v] of edges.entries()) {
          await c.query(
            `INSERT INTO hr.cut_edges VALUES ($1::text, $1::text, left($1::text, 12), $1::text, 'meh', -9999999999.99, 1e30 + $2::int, '5874897-12-31', '294276-12-31 23:59:59.999999+00', -9223372036854775808, '::ffff:1.2.3.4/128')`,
            [v, k],
          );
        }
        await c.query('ANALYZE hr.cut_edges');
        const table = (await connector.catalog()).find((x) => x.schema === 'hr' && x.name === 'cut_edges')!;
        for (const maxValueLength of [16, 20, 4096]) {
          const s = await connector.sample(table, sampleOptions(table, { maxValueLength }));
          const list = table.columns.map((col) => `substr(${q(col.name)}::text, 1, ${maxValueLength})`).join(', ');
          const { rows } = await c.query({ text: `SELECT ${list} FROM hr.cut_edges`, rowMode: 'array' });
          const expected = table.columns.map((_, i) => rows.map((r: unknown[]) => r[i]).sort());
          expect(s.values.map((col) => [...col].sort())).toEqual(expected);
        }
      }, 'DROP TABLE IF EXISTS hr.cut_edges');
    });

    it('a column altered after the catalog was read is never read uncut: converted and cut, or the table fails without its value', async () => {
      await withAdmin(async (c) => {
        await c.query('CREATE TABLE hr.retyped (n bigint, code varchar(8), born date)');
        await c.query(`INSERT INTO hr.retyped VALUES (1, 'ab', '2000-01-02')`);
        await c.query('ANALYZE hr.retyped');
        const before = (await connector.catalog()).find((x) => x.schema === 'hr' && x.name === 'retyped')!;
        // Retyped to text behind the catalog's back, and filled with long values.
        await c.query('ALTER TABLE hr.retyped ALTER COLUMN code TYPE text, ALTER COLUMN n TYPE text, ALTER COLUMN born TYPE text');
        await c.query(`UPDATE hr.retyped SET code = repeat('c', 5000)`);
        const code = before.columns.filter((col) => col.name === 'code');
        const s = await connector.sample(before, sampleOptions(before, { columns: code, maxValueLength: 4096 }));
        expect(s.values[0]).toEqual(['cccccccc']); // varchar(8): cut by the cast
        await c.query(`UPDATE hr.retyped SET n = '${'9'.repeat(30)}-secret', born = 'x'`);
        const n = before.columns.filter((col) => col.name === 'n');
        const err = await codeOf(connector.sample(before, sampleOptions(before, { columns: n, maxValueLength: 4096 })));
        expect(err.message).toContain('hr.retyped');
        expect(err.message).not.toContain('secret');
        expect(err.message).not.toContain('9999');
      }, 'DROP TABLE IF EXISTS hr.retyped');
    });

    it('the types read without a cut never print longer than their bound, in any DateStyle, IntervalStyle or time zone', async () => {
      await withAdmin(async (c) => {
        const columns: Array<[string, string]> = [
          ['bool', 'true'],
          ['int8', "'-9223372036854775808'"],
          ['int4', "'-2147483648'"],
          ['int2', "'-32768'"],
          ['uuid', "'ffffffff-ffff-ffff-ffff-ffffffffffff'"],
          ['date', "'5874897-12-31'"],
          ['date', "'4714-11-24 BC'"],
          ['date', "'-infinity'"],
          ['timestamp', "'294276-12-31 23:59:59.999999'"],
          ['timestamp', "'4713-11-24 00:00:00.999999 BC'"],
          ['timestamptz', "'294276-12-30 23:59:59.999999+00'"],
          ['timestamptz', "'4713-11-25 00:00:00.999999+00 BC'"],
          ['timetz', "'23:59:59.999999-15:59'"],
          ['time', "'23:59:59.999999'"],
          ['float8', '-2.2250738585072014e-308'],
          ['float4', "'-1.1754944e-38'"],
          ['inet', "'ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255/128'"],
          ['cidr', "'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ff00/120'"],
          ['macaddr', "'ff:ff:ff:ff:ff:ff'"],
          ['macaddr8', "'ff:ff:ff:ff:ff:ff:ff:ff'"],
        ];
        for (const style of ['ISO, MDY', 'SQL, DMY', 'Postgres, MDY', 'German']) {
          for (const zone of ['UTC', 'America/St_Johns', '<+0545ABCDE>-5:45']) {
            await c.query(`SET DateStyle = '${style}'; SET TimeZone = '${zone}'; SET IntervalStyle = 'sql_standard'; SET extra_float_digits = 3`);
            for (const [type, literal] of columns) {
              const { rows } = await c.query(`SELECT length((${literal}::${type})::text) AS n`);
              const bound = textBound({ baseType: type, dataType: type, maxLength: null });
              expect(bound, type).not.toBeNull();
              expect(rows[0].n, `${type} ${literal} in ${style}, ${zone}`).toBeLessThanOrEqual(bound!.chars);
            }
          }
        }
      });
    });

    it('quotes hostile identifiers by construction and touches nothing else', async () => {
      const t = find(tables, HOSTILE_SCHEMA, HOSTILE_TABLE);
      const s = await connector.sample(t, sampleOptions(t));
      expect(s.rows).toBe(3);
      expect(s.values.map((col) => [...col].sort()[0])).toEqual(HOSTILE_COLUMNS.map((_, i) => `v${i}-1`));
      const staff = await connector.query('SELECT count(*)::int AS n FROM hr.staff');
      expect(staff.rows[0]).toEqual({ n: 300 });
    });

    it('an erroring view is a MinimError naming the table, with no value', async () => {
      const e = await codeOf(connector.sample(find(tables, 'hr', 'broken'), sampleOptions(find(tables, 'hr', 'broken'))));
      expect(e.code).toBe('QUERY_FAILED');
      expect(e.message).toMatch(/^source hr-db: table hr\.broken: query failed \(SQLSTATE 22012: division by zero\); /);
    });

    it('samples a big table from at least 100 pages with one statement, in one round trip', async () => {
      const big = find(tables, 'public', 'big');
      const opts = sampleOptions(big, { rows: 1000 });
      const s = await connector.sample(big, opts);
      expect(s.rows).toBe(1000);
      expect(s.method).toMatch(/^tablesample-system\([\d.]+%\)\+random-limit$/);
      // The same builder with the page number added, through the same transport, counting what is sent.
      const pool = new pg.Pool({ connectionString: db.url, max: 1 });
      try {
        const sent: string[] = [];
        const real = new PostgresPoolTransport(pool);
        const counting: PostgresTransport = {
          script: (sql) => (sent.push(sql), real.script(sql)),
          query: (sql, params) => real.query(sql, params),
          transaction: (fn) => real.transaction(fn),
          close: () => real.close(),
        };
        const { sizes } = await readCatalog(real, OPTIONS);
        const size = sizes.get(tableKey('public', 'big'))!;
        const counted = await takeSample(counting, big, size, opts);
        expect(sent).toHaveLength(1); // one round trip…
        expect(counted.queries).toBe(2); // …of 2 statements: set_config(read-only, timeouts), the sample
        expect(sent[0]!.match(/"public"\."big"/g)).toHaveLength(1); // one statement reads the table
        const plan = planSample(big.kind, size, 1000);
        const sql = buildSampleSql(big, plan, { ...opts, withPage: true });
        const rows = await runReadOnly(real, sql, opts);
        const pages = new Set(rows.map((r) => r[r.length - 1]));
        expect(rows.length).toBe(1000);
        expect(pages.size).toBeGreaterThanOrEqual(100);
      } finally {
        await pool.end();
      }
    });

    it('samples a big never-analyzed table at a bounded cost, sized from its pages on disk', async () => {
      const never = find(tables, 'hr', 'never');
      const s = await connector.sample(never, sampleOptions(never, { rows: 500 }));
      expect(s.method).toMatch(/^tablesample-system\([\d.]+%,by-size\)\+random-limit$/);
      expect(s.rows).toBe(500);
      const logs = find(tables, 'public', 'logs');
      const l = await connector.sample(logs, sampleOptions(logs, { rows: 500 }));
      expect(l.method).toMatch(/^tablesample-system\([\d.]+%,by-size\)\+random-limit$/);
      expect(l.rows).toBe(500);
      expect(new Set(l.values[1]!.map((d) => d! < '2022-01-01'))).toEqual(new Set([true, false]));
    });
  });

  describe('faults', () => {
    it('a statement timeout is SAMPLE_TIMEOUT', async () => {
      const slow = find(tables, 'hr', 'slow');
      const started = Date.now();
      const e = await codeOf(connector.sample(slow, sampleOptions(slow, { statementTimeoutMs: 300 })));
      expect(e.code).toBe('SAMPLE_TIMEOUT');
      expect(e.message).toMatch(/^source hr-db: table hr\.slow: .*; raise the statement timeout/);
      expect(Date.now() - started).toBeLessThan(2_500);
    });

    it('a lock held by another session is LOCK_TIMEOUT', async () => {
      const c = admin();
      await c.connect();
      try {
        await c.query('BEGIN');
        await c.query('LOCK TABLE hr.nopk IN ACCESS EXCLUSIVE MODE');
        const t = find(tables, 'hr', 'nopk');
        const e = await codeOf(connector.sample(t, sampleOptions(t, { lockTimeoutMs: 200 })));
        expect(e.code).toBe('LOCK_TIMEOUT');
      } finally {
        await c.query('ROLLBACK');
        await c.end();
      }
    });

    it('a connection killed mid-sample is CONNECTION_LOST (retryable), and the pool recovers', async () => {
      const slow = find(tables, 'hr', 'slow');
      const pending = codeOf(connector.sample(slow, sampleOptions(slow)));
      const c = admin();
      await c.connect();
      try {
        let killed = 0;
        for (let i = 0; i < 50 && killed === 0; i++) {
          await new Promise((r) => setTimeout(r, 100));
          const r = await c.query(
            `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
              WHERE datname = current_database() AND application_name = 'minim' AND state = 'active' AND query LIKE '%"slow"%'`,
          );
          killed = r.rows[0].n;
        }
        expect(killed).toBe(1);
      } finally {
        await c.end();
      }
      const e = await pending;
      expect(e.code).toBe('CONNECTION_LOST');
      expect(e.retryable).toBe(true);
      const nopk = find(tables, 'hr', 'nopk');
      expect((await connector.sample(nopk, sampleOptions(nopk))).rows).toBe(20);
    });

    it('idle connections killed by the server do not crash the process; the next sample reconnects', async () => {
      const nopk = find(tables, 'hr', 'nopk');
      await Promise.all([1, 2, 3].map(() => connector.sample(nopk, sampleOptions(nopk)))); // fill the pool
      const c = admin();
      await c.connect();
      try {
        const r = await c.query(
          `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = 'minim' AND state = 'idle'`,
        );
        expect(r.rows[0].n).toBeGreaterThan(0);
      } finally {
        await c.end();
      }
      await new Promise((r) => setTimeout(r, 200));
      expect((await connector.sample(nopk, sampleOptions(nopk))).rows).toBe(20);
    });

    it('a table dropped or a column dropped after the catalog was read is OBJECT_NOT_FOUND', async () => {
      await db.exec(['CREATE TABLE hr.doomed (a text, b text)', 'CREATE TABLE hr.altered (a text, b text)']);
      const fresh = await connector.catalog();
      await db.exec(['DROP TABLE hr.doomed', 'ALTER TABLE hr.altered DROP COLUMN b']);
      const dropped = await codeOf(connector.sample(find(fresh, 'hr', 'doomed'), sampleOptions(find(fresh, 'hr', 'doomed'))));
      expect(dropped.code).toBe('OBJECT_NOT_FOUND');
      expect(dropped.message).toMatch(/^source hr-db: table hr\.doomed: the relation no longer exists \(SQLSTATE 42P01\); /);
      const altered = await codeOf(connector.sample(find(fresh, 'hr', 'altered'), sampleOptions(find(fresh, 'hr', 'altered'))));
      expect(altered.code).toBe('OBJECT_NOT_FOUND');
    });

    it('a table the catalog was not read for is sized by re-reading it, and that is counted', async () => {
      const fresh = await PostgresConnector.open(db.url, OPTIONS);
      try {
        const big = find(tables, 'public', 'big');
        const s = await fresh.sample(big, sampleOptions(big, { rows: 1000 }));
        expect(s.method).toMatch(/^tablesample-system/);
        expect(s.queries).toBe(4);
      } finally {
        await fresh.close();
      }
    });

    it('a table the role may not read is PERMISSION_DENIED, and the others still sample', async () => {
      await db.exec([
        `CREATE ROLE ${q(role)} LOGIN`,
        `GRANT USAGE ON SCHEMA hr TO ${q(role)}`,
        `GRANT SELECT ON hr.nopk TO ${q(role)}`,
      ]);
      const u = new URL(db.url);
      u.username = role;
      const limited = await PostgresConnector.open(u.toString(), { ...OPTIONS, name: 'limited' });
      try {
        const seen = await limited.catalog();
        const secret = find(seen, 'hr', 'secret');
        const e = await codeOf(limited.sample(secret, sampleOptions(secret)));
        expect(e.code).toBe('PERMISSION_DENIED');
        expect(e.message).toBe(
          'source limited: table hr.secret: permission denied (SQLSTATE 42501); grant SELECT to the scanning role, or exclude the table',
        );
        expect((await limited.sample(find(seen, 'hr', 'nopk'), sampleOptions(find(seen, 'hr', 'nopk')))).rows).toBe(20);
      } finally {
        await limited.close();
        await db.exec(`DROP OWNED BY ${q(role)}`);
      }
    });
  });

  describe('read-only', () => {
    it('samples every table without a single write in the server statistics', async () => {
      const stats = async () => {
        const c = admin();
        await c.connect();
        try {
          const r = await c.query(
            `SELECT sum(n_tup_ins + n_tup_upd + n_tup_del)::bigint AS writes FROM pg_stat_user_tables`,
          );
          return Number(r.rows[0].writes);
        } finally {
          await c.end();
        }
      };
      const scanner = await PostgresConnector.open(db.url, { ...OPTIONS, name: 'ro' });
      const before = await stats();
      for (const t of await scanner.catalog()) {
        if (['slow', 'broken', 'writer'].includes(t.name)) continue;
        await scanner.sample(t, sampleOptions(t));
      }
      await scanner.close(); // backends flush their statistics when they exit
      await new Promise((r) => setTimeout(r, 500));
      expect(await stats()).toBe(before);
      // Positive control: a write through another session does show up.
      await db.exec(`INSERT INTO hr.nopk VALUES ('control', 0)`);
      await new Promise((r) => setTimeout(r, 500));
      expect(await stats()).toBe(before + 1);
    });

    it('a view whose query writes is refused inside the sample transaction', async () => {
      const writer = find(tables, 'hr', 'writer');
      const e = await codeOf(connector.sample(writer, sampleOptions(writer)));
      expect(e.code).toBe('QUERY_FAILED');
      expect(e.message).toMatch(/tried to write in a read-only transaction .*\(SQLSTATE 25006\)/);
      const audit = await connector.query('SELECT count(*)::int AS n FROM hr.audit');
      expect(audit.rows[0]).toEqual({ n: 0 });
    });

    it('a write sent through the same read-only path fails', async () => {
      const pool = new pg.Pool({ connectionString: db.url, max: 1 });
      try {
        await expect(runReadOnly(new PostgresPoolTransport(pool), 'INSERT INTO hr.audit VALUES (now())', OPTIONS)).rejects.toMatchObject({
          code: '25006',
        });
      } finally {
        await pool.end();
      }
    });
  });

  describe('query, transaction, version', () => {
    it('runs a read-write transaction and rolls back on error', async () => {
      await connector.transaction(async (s) => {
        await s.query('CREATE TABLE hr.tx_ok (v int)');
        const r = await s.query('INSERT INTO hr.tx_ok VALUES ($1), ($2)', [1, 2]);
        expect(r.rowCount).toBe(2);
      });
      await expect(
        connector.transaction(async (s) => {
          await s.query('INSERT INTO hr.tx_ok VALUES (3)');
          throw new Error('plan check failed');
        }),
      ).rejects.toThrow('plan check failed');
      const bad = await codeOf(connector.transaction((s) => s.query('SELECT * FROM hr.no_such_table')));
      expect(bad.code).toBe('OBJECT_NOT_FOUND');
      expect((await connector.query('SELECT count(*)::int AS n FROM hr.tx_ok')).rows[0]).toEqual({ n: 2 });
    });

    it('a read-write transaction gives up on a lock held elsewhere (LOCK_TIMEOUT) instead of queueing', async () => {
      const c = admin();
      await c.connect();
      try {
        await c.query('BEGIN');
        await c.query('LOCK TABLE hr.tx_ok IN ACCESS SHARE MODE');
        const quick = await PostgresConnector.open(db.url, { ...OPTIONS, lockTimeoutMs: 200 });
        try {
          const started = Date.now();
          const e = await codeOf(quick.transaction((s) => s.query('ALTER TABLE hr.tx_ok ADD COLUMN w int')));
          expect(e.code).toBe('LOCK_TIMEOUT');
          expect(Date.now() - started).toBeLessThan(1500);
        } finally {
          await quick.close();
        }
      } finally {
        await c.query('ROLLBACK');
        await c.end();
      }
    });

    it('reports the server version and closes idempotently', async () => {
      expect(await connector.serverVersion()).toMatch(/^PostgreSQL \d+\.\d+$/);
      const extra = await PostgresConnector.open(db.url, OPTIONS);
      await extra.close();
      await extra.close();
    });
  });

  describe('open', () => {
    const password = 'Sup3r-S3cret-pw';
    it.each([
      ['a refused port', () => 'postgres://postgres:PW@127.0.0.1:1/postgres', 'CONNECT_FAILED'],
      ['an unknown database', () => 'postgres://postgres:PW@127.0.0.1:5432/minim_no_such_db', 'DATABASE_NOT_FOUND'],
      ['an unknown user', () => 'postgres://minim_no_such_user:PW@127.0.0.1:5432/postgres', 'AUTH_FAILED'],
      ['a malformed URL', () => 'postgres://postgres:PW@127.0.0.1:notaport/db', 'URL_INVALID'],
    ])('%s → one line naming the source, no password', async (_what, url, code) => {
      const u = url().replace('PW', password);
      const host = new URL(engine.adminUrl).host;
      const e = await codeOf(PostgresConnector.open(u.replace('127.0.0.1:5432', host), { ...OPTIONS, connectTimeoutMs: 3000 }));
      expect(e.code).toBe(code);
      expect(e.message).toMatch(/^source hr-db\b/);
      expect(e.message).not.toContain('\n');
      expect(JSON.stringify({ m: e.message, s: e.stack, c: String(e.cause) })).not.toContain(password);
      if (code !== 'URL_INVALID') expect(e.message).toContain(':***@');
    });
  });
});

describe('PgliteConnector (embedded PostgreSQL)', () => {
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'minim-pglite-'));
    const { PGlite } = await import('@electric-sql/pglite');
    const db = await PGlite.create(dir);
    await db.exec(`
      CREATE SCHEMA city;
      CREATE TABLE city.residents (id int PRIMARY KEY, name text, born date, notes text, card bytea);
      COMMENT ON COLUMN city.residents.born IS 'date of birth';
      INSERT INTO city.residents SELECT g, 'R' || g, date '1950-01-01' + g, repeat('n', 500), '\\x01' FROM generate_series(1, 5000) g;
      CREATE TABLE city.log (id int, msg text);
      INSERT INTO city.log SELECT g, 'm' || g FROM generate_series(1, 40000) g;
      CREATE VIEW city.adults AS SELECT id, name FROM city.residents WHERE born < date '1960-01-01';
      CREATE SCHEMA ${q('we"ird')};
      CREATE TABLE ${q('we"ird')}.${q('t;--')} (${q('c "1"')} int);
      ANALYZE;
    `);
    await db.close();
  }, 60_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('opens pglite:DIR, reads the catalog and samples with the same SQL as PostgreSQL', async () => {
    const c = await PgliteConnector.open(`pglite:${dir}`, { ...OPTIONS, name: 'demo' });
    try {
      expect(c.dialect).toBe('pglite');
      expect(await c.serverVersion()).toMatch(/^PostgreSQL 1[8-9]\.\d+ \(PGlite\)$/);
      const tables = await c.catalog();
      expect(tables.map((t) => `${t.schema}.${t.name}`)).toEqual(['city.adults', 'city.log', 'city.residents', 'we"ird.t;--']);
      const residents = find(tables, 'city', 'residents');
      expect(residents).toMatchObject({ rowEstimate: 5000, primaryKey: ['id'], kind: 'table' });
      expect(residents.columns.map((x) => x.typeClass)).toEqual(['integer', 'text', 'date', 'text', 'binary']);
      expect(residents.columns[2]!.comment).toBe('date of birth');
      const s = await c.sample(residents, sampleOptions(residents, { rows: 100, maxValueLength: 10 }));
      expect(s).toMatchObject({ rows: 100, queries: 2 });
      expect(s.method).toMatch(/^tablesample-system\([\d.]+%\)\+random-limit$/);
      expect(s.values[3]!.every((v) => v === 'nnnnnnnnnn')).toBe(true);
      // PGlite speaks PostgreSQL's SQL: a sample of a few thousand values comes joined there too.
      const joined = await c.sample(residents, sampleOptions(residents, { rows: 1000, maxValueLength: 10 }));
      expect(joined).toMatchObject({ rows: 1000, queries: 2 });
      expect(joined.joined).toHaveLength(4);
      expect(joined.values[3]!.every((v) => v === 'nnnnnnnnnn')).toBe(true);
      const log = find(tables, 'city', 'log');
      const l = await c.sample(log, sampleOptions(log, { rows: 1000 }));
      expect(l.method).toMatch(/^tablesample-system/);
      expect(l.rows).toBeGreaterThan(0);
      expect(l.rows).toBeLessThanOrEqual(1000);
      const v = await c.sample(find(tables, 'city', 'adults'), sampleOptions(find(tables, 'city', 'adults'), { rows: 5 }));
      expect(v).toMatchObject({ rows: 5, method: 'view-limit' });
      const weird = find(tables, 'we"ird', 't;--');
      expect((await c.sample(weird, sampleOptions(weird))).rows).toBe(0);
      await c.transaction(async (s) => {
        await s.query('CREATE TABLE city.tx (v int)');
      });
      await expect(c.transaction(async (s) => {
        await s.query('INSERT INTO city.tx VALUES (1)');
        throw new Error('abort');
      })).rejects.toThrow('abort');
      expect((await c.query('SELECT count(*)::int AS n FROM city.tx')).rows[0]).toEqual({ n: 0 });
      const e = await codeOf(c.query('SELECT * FROM city.nope'));
      expect(e.code).toBe('OBJECT_NOT_FOUND');
    } finally {
      await c.close();
      await c.close();
    }
  }, 60_000);

  it('refuses a missing directory or one that holds no database, never creating one', async () => {
    const missing = path.join(dir, 'does-not-exist');
    const e = await codeOf(PgliteConnector.open(`pglite:${missing}`, { ...OPTIONS, name: 'demo' }));
    expect(e.code).toBe('DATABASE_NOT_FOUND');
    expect(e.message).toMatch(/^source demo: no PGlite database at /);
    const empty = mkdtempSync(path.join(tmpdir(), 'minim-pglite-empty-'));
    try {
      const e2 = await codeOf(PgliteConnector.open(`pglite:${empty}`, { ...OPTIONS, name: 'demo' }));
      expect(e2.code).toBe('DATABASE_NOT_FOUND');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
