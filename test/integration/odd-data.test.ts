/**
 * Odd data on the real PostgreSQL and MariaDB: binary columns with arbitrary
 * bytes, megabyte text values, invalid UTF-8 (a PostgreSQL SQL_ASCII database; MariaDB latin1 and
 * binary columns), arrays and JSON, spatial types, NULL-only and empty tables, views that fail,
 * partitioned tables, and assorted engine types. Each is scanned or skipped with a reason (a
 * column's `skipped`, or an `errors` entry with its code) — never a crash — and memory stays
 * bounded because text is cut to maxValueLength inside the database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase, getEngine, uniqueName, type TestDatabase } from '../helpers/engines.js';
import { scan } from '../../src/scan/index.js';
import { PostgresConnector } from '../../connectors/postgres/postgres-connector.js';
import type { ScanColumn, ScanResult } from '../../src/types.js';

const pgEngine = await getEngine('postgres');
const myEngine = await getEngine('mysql');
if (pgEngine.skip) console.warn(`odd-data on postgres skipped: ${pgEngine.skip}`);
if (myEngine.skip) console.warn(`odd-data on mysql skipped: ${myEngine.skip}`);
const SSNS = Array.from({ length: 30 }, (_, i) => `${String(140 + i * 9)}-${String(31 + i)}-${String(5102 + i * 61)}`);
const HUGE_ROWS = 24;
const HUGE_BYTES = 5_000_000;
const FILLER = 'lorem ipsum dolor sit amet, consectetur elit. '; // 46 characters

/** Runs `fn` while sampling RSS every 10 ms; returns its result and the peak growth in MB. */
async function peakRss<T>(fn: () => Promise<T>): Promise<{ value: T; growthMb: number }> {
  globalThis.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const t = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, growthMb: (peak - base) / 1e6 };
  } finally {
    clearInterval(t);
  }
}

function column(r: ScanResult, table: string, name: string): ScanColumn {
  const c = r.columns.find((x) => x.table === table && x.column === name);
  if (!c) throw new Error(`column ${table}.${name} missing from the scan`);
  return c;
}
const categories = (c: ScanColumn) => c.findings.map((f) => f.category);
/** Findings backed by sampled values (a column name alone may still report a category). */
const valueEvidence = (c: ScanColumn) => c.findings.filter((f) => f.evidence.some((e) => e.source === 'value' || e.source === 'text') || f.examples.length > 0);
/** Every column either sampled or skipped with a reason. */
function accounted(r: ScanResult) {
  for (const c of r.columns) expect(c.sampled > 0 || typeof c.skipped === 'string' || c.rowEstimate === 0 || c.nonNull === 0, `${c.table}.${c.column}`).toBe(true);
}

describe.skipIf(!pgEngine.engine)('odd data on PostgreSQL (real server)', () => {
  let db: TestDatabase;
  let r: ScanResult;
  let growthMb: number;

  beforeAll(async () => {
    db = await createTestDatabase(pgEngine.engine!, 'odd');
    const ssnList = SSNS.map((s) => `'${s}'`).join(',');
    await db.exec([
      `CREATE TABLE blobs (id int PRIMARY KEY, payload bytea, ssn text)`,
      `INSERT INTO blobs SELECT i, decode(md5(i::text) || 'fffe00d800c3', 'hex'), (ARRAY[${ssnList}])[i] FROM generate_series(1, 30) i`,
      `CREATE TABLE huge (id int PRIMARY KEY, body text)`,
      `ALTER TABLE huge ALTER COLUMN body SET STORAGE EXTERNAL`, // no compression: each value really is ${HUGE_BYTES} bytes
      `INSERT INTO huge SELECT i, 'Client SSN ' || (ARRAY[${ssnList}])[i] || ' called back about the claim. ' || repeat('${FILLER}', ${Math.floor(HUGE_BYTES / FILLER.length)}) FROM generate_series(1, ${HUGE_ROWS}) i`,
      `CREATE TABLE shapes (id int PRIMARY KEY, at point, area polygon, box box, tags text[], ssns text[], doc jsonb, raw json)`,
      `INSERT INTO shapes SELECT i, point(i, i), polygon(box(point(0,0), point(i,i))), box(point(0,0), point(1,1)), ARRAY['a','b'], ARRAY[(ARRAY[${ssnList}])[i]], jsonb_build_object('email', 'owner' || i || '@example.org', 'n', i), '{"x": [1, 2, null]}' FROM generate_series(1, 30) i`,
      `CREATE TABLE nulls_only (id int, ssn text, dob date, email text)`,
      `INSERT INTO nulls_only SELECT NULL, NULL, NULL, NULL FROM generate_series(1, 50)`,
      `CREATE TABLE empty_table (id int PRIMARY KEY, ssn text, email text)`,
      `CREATE TABLE no_columns ()`,
      `CREATE VIEW broken_view AS SELECT id, 1 / (id - id) AS boom FROM blobs`,
      `CREATE TABLE events (id int, happened date, ssn text) PARTITION BY RANGE (happened)`,
      `CREATE TABLE events_2023 PARTITION OF events FOR VALUES FROM ('2023-01-01') TO ('2024-01-01')`,
      `CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')`,
      `INSERT INTO events SELECT i, DATE '2023-06-01' + i * 10, (ARRAY[${ssnList}])[i] FROM generate_series(1, 30) i`,
      `CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')`,
      `CREATE DOMAIN ssn_text AS text CHECK (VALUE ~ '^\\d{3}-\\d{2}-\\d{4}$')`,
      `CREATE TABLE assorted (id int PRIMARY KEY, m mood, s ssn_text, amount money, span interval, x xml, v tsvector, u uuid, ip inet, net cidr, r int4range, flag boolean, bits bit varying(8), ts timestamptz)`,
      `INSERT INTO assorted SELECT i, 'ok', (ARRAY[${ssnList}])[i], i * 1.5, make_interval(days => i), ('<a>' || i || '</a>')::xml, to_tsvector('call back ' || i), gen_random_uuid(), ('10.0.0.' || i)::inet, '10.0.0.0/8', int4range(i, i + 5), i % 2 = 0, B'1010', now() FROM generate_series(1, 30) i`,
      `ANALYZE`,
    ]);
    const m = await peakRss(() => scan({ sources: [{ name: 'odd', url: db.url }], sampleRows: 100 }));
    r = m.value;
    growthMb = m.growthMb;
  }, 180_000);
  afterAll(async () => {
    await db?.drop();
  });

  it('fails only the view that errors, with its code and no value; every other table scanned', () => {
    expect(r.errors.map((e) => [e.table, e.code])).toEqual([['public.broken_view', 'QUERY_FAILED']]);
    expect(r.errors[0]!.message).toMatch(/SQLSTATE 22012/);
    const tables = new Set(r.columns.map((c) => c.table));
    for (const t of ['blobs', 'huge', 'shapes', 'nulls_only', 'empty_table', 'events', 'assorted', 'broken_view']) expect(tables, t).toContain(t);
    expect(column(r, 'broken_view', 'boom').skipped).toMatch(/QUERY_FAILED/);
    accounted(r);
  });

  it('skips binary and spatial columns with a reason; scans the text beside them', () => {
    expect(column(r, 'blobs', 'payload').skipped).toMatch(/binary/);
    expect(categories(column(r, 'blobs', 'ssn'))).toContain('ssn');
    for (const c of ['at', 'area', 'box']) expect(column(r, 'shapes', c).skipped, c).toMatch(/spatial|cannot hold/);
  });

  it('samples arrays and JSON, and finds what they hold', () => {
    expect(column(r, 'shapes', 'doc').sampled).toBe(30);
    expect(categories(column(r, 'shapes', 'doc'))).toContain('email');
    expect(column(r, 'shapes', 'ssns').sampled).toBe(30);
    expect(column(r, 'shapes', 'raw').findings).toEqual([]);
  });

  it(`reads ${HUGE_ROWS} values of ${HUGE_BYTES / 1e6} MB cut inside the database: found, and memory stays bounded`, () => {
    const body = column(r, 'huge', 'body');
    expect(body.sampled).toBe(HUGE_ROWS);
    expect(categories(body)).toContain('ssn');
    // Uncut, the values alone would be ${(HUGE_ROWS * HUGE_BYTES) / 1e6} MB (twice that as JS strings).
    expect(growthMb).toBeLessThan(60);
  });

  it('NULL-only, empty and column-less tables are listed with no value found; the partitioned parent is scanned once', () => {
    for (const c of ['ssn', 'dob', 'email']) {
      expect(column(r, 'nulls_only', c).nonNull).toBe(0);
      expect(valueEvidence(column(r, 'nulls_only', c))).toEqual([]);
      expect(valueEvidence(column(r, 'empty_table', c === 'dob' ? 'id' : c))).toEqual([]);
    }
    expect(categories(column(r, 'events', 'ssn'))).toContain('ssn');
    expect(column(r, 'events', 'ssn').sampled).toBe(30);
    expect(r.columns.some((c) => c.table.startsWith('events_'))).toBe(false);
  });

  it('assorted types (enum, domain, money, interval, xml, tsvector, uuid, inet, range, bit) are scanned or skipped, and a domain over text is found', () => {
    expect(categories(column(r, 'assorted', 's'))).toContain('ssn');
    for (const c of ['m', 'amount', 'span', 'x', 'v', 'u', 'ip', 'net', 'r', 'flag', 'bits', 'ts']) {
      const col = column(r, 'assorted', c);
      expect(col.sampled === 30 || typeof col.skipped === 'string', c).toBe(true);
    }
  });
});

describe.skipIf(!pgEngine.engine)('invalid UTF-8 in a PostgreSQL SQL_ASCII database', () => {
  const name = uniqueName('sqlascii');
  let admin: pg.Client;
  let url: string;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: pgEngine.engine!.adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} ENCODING 'SQL_ASCII' TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'`);
    const u = new URL(pgEngine.engine!.adminUrl);
    u.pathname = `/${name}`;
    url = u.toString();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`CREATE TABLE latin (id int PRIMARY KEY, note text, ssn text)`);
    // Bytes that are not UTF-8 (a lone 0xFF, a truncated sequence, Latin-1 é), accepted as is by SQL_ASCII.
    await c.query(`INSERT INTO latin SELECT i, E'caf\\xe9 \\xff\\xfe \\xc3' || i, '${SSNS[0]!.slice(0, 4)}' || lpad((i + 10)::text, 2, '0') || '-' || (6000 + i) FROM generate_series(1, 30) i`);
    // Enough values to come aggregated (one text per column): a truncated sequence right before the separator.
    await c.query(`CREATE TABLE latin_wide (a text, b text, c text, d text)`);
    await c.query(`INSERT INTO latin_wide SELECT E'x\\xc3', E'\\xff' || i, CASE WHEN i % 3 = 0 THEN NULL ELSE E'caf\\xe9' END, E'\\xe2\\x82' FROM generate_series(1, 1500) i`);
    await c.query('ANALYZE latin_wide');
    await c.end();
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('scans text holding invalid UTF-8 without an error and finds the SSNs beside it', async () => {
    const r = await scan({ sources: [{ name: 'ascii', url }] });
    expect(r.errors).toEqual([]);
    expect(column(r, 'latin', 'note').sampled).toBe(30);
    expect(categories(column(r, 'latin', 'ssn'))).toContain('ssn');
  }, 60_000);

  it('invalid bytes next to the aggregated sample\'s separators decode as they do row by row', async () => {
    const connector = await PostgresConnector.open(url, { name: 'ascii', concurrency: 1, connectTimeoutMs: 5_000, statementTimeoutMs: 15_000, lockTimeoutMs: 2_000 });
    try {
      const t = (await connector.catalog()).find((x) => x.name === 'latin_wide')!;
      const s = await connector.sample(t, { rows: 2000, columns: t.columns, maxValueLength: 100, statementTimeoutMs: 15_000, lockTimeoutMs: 2_000 });
      expect(s.rows).toBe(1500);
      expect(s.joined).toHaveLength(4);
      // Each invalid sequence is one U+FFFD, as a value read alone decodes it; the separators survive.
      const rows = s.values[0]!.map((_, r) => s.values.map((c) => c[r]));
      const expected = Array.from({ length: 1500 }, (_, k) => ['x\uFFFD', `\uFFFD${k + 1}`, (k + 1) % 3 === 0 ? null : 'caf\uFFFD', '\uFFFD']);
      const key = (r: ReadonlyArray<string | null | undefined>) => JSON.stringify(r);
      expect(rows.map(key).sort()).toEqual(expected.map(key).sort());
    } finally {
      await connector.close();
    }
  }, 60_000);
});

describe.skipIf(!myEngine.engine)('odd data on MariaDB (real server)', () => {
  let db: TestDatabase;
  let r: ScanResult;
  let growthMb: number;

  beforeAll(async () => {
    db = await createTestDatabase(myEngine.engine!, 'odd');
    const seq = `(SELECT seq AS i FROM seq_1_to_30)`;
    const ssnCase = `ELT(i, ${SSNS.map((s) => `'${s}'`).join(', ')})`;
    await db.exec([
      `CREATE TABLE blobs (id int PRIMARY KEY, payload BLOB, raw VARBINARY(32), bin_text VARCHAR(40) CHARACTER SET binary, latin VARCHAR(40) CHARACTER SET latin1, ssn VARCHAR(11))`,
      `INSERT INTO blobs SELECT i, UNHEX(CONCAT(MD5(i), 'FFFE00D800C3')), UNHEX('FFFE00'), CONCAT(${ssnCase}, X'FF'), CONCAT('caf', X'E9', X'FF', i), ${ssnCase} FROM ${seq} s`,
      `CREATE TABLE huge (id int PRIMARY KEY, body LONGTEXT)`,
      ...Array.from({ length: HUGE_ROWS }, (_, k) => `INSERT INTO huge VALUES (${k + 1}, CONCAT('Client SSN ', '${SSNS[k]}', ' called back about the claim. ', REPEAT('${FILLER}', ${Math.floor(HUGE_BYTES / FILLER.length)})))`),
      `CREATE TABLE shapes (id int PRIMARY KEY, at POINT, area POLYGON, g GEOMETRY, doc JSON, tags SET('a','b'), mood ENUM('sad','ok'), y YEAR, b BIT(8))`,
      `INSERT INTO shapes SELECT i, POINT(i, i), ST_GeomFromText('POLYGON((0 0,1 0,1 1,0 0))'), ST_GeomFromText('LINESTRING(0 0,1 1)'), JSON_OBJECT('email', CONCAT('owner', i, '@example.org')), 'a,b', 'ok', 2000 + i, b'1010' FROM ${seq} s`,
      `CREATE TABLE nulls_only (id int, ssn VARCHAR(11), dob DATE, email VARCHAR(40))`,
      `INSERT INTO nulls_only SELECT NULL, NULL, NULL, NULL FROM ${seq} s`,
      `CREATE TABLE empty_table (id int PRIMARY KEY, ssn VARCHAR(11), email VARCHAR(40))`,
      `CREATE FUNCTION boom() RETURNS INT DETERMINISTIC BEGIN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'boom'; RETURN 1; END`,
      `CREATE VIEW broken_view AS SELECT id, ssn, boom() AS b FROM blobs`,
      `CREATE TABLE events (id int, happened DATE, ssn VARCHAR(11)) PARTITION BY RANGE (YEAR(happened)) (PARTITION p2023 VALUES LESS THAN (2024), PARTITION p2024 VALUES LESS THAN (2025))`,
      `INSERT INTO events SELECT i, DATE_ADD('2023-06-01', INTERVAL i * 10 DAY), ${ssnCase} FROM ${seq} s`,
      `ANALYZE TABLE blobs, huge, shapes, nulls_only, empty_table, events`,
    ]);
    const m = await peakRss(() => scan({ sources: [{ name: 'odd', url: db.url }], sampleRows: 100 }));
    r = m.value;
    growthMb = m.growthMb;
  }, 180_000);
  afterAll(async () => {
    await db?.drop();
  });

  it('fails only the view that errors (SIGNAL), with its code; every other table scanned', () => {
    expect(r.errors.map((e) => [e.table, e.code])).toEqual([[`${db.name}.broken_view`, 'QUERY_FAILED']]);
    expect(column(r, 'broken_view', 'ssn').skipped).toMatch(/QUERY_FAILED/);
    const tables = new Set(r.columns.map((c) => c.table));
    for (const t of ['blobs', 'huge', 'shapes', 'nulls_only', 'empty_table', 'events']) expect(tables, t).toContain(t);
    accounted(r);
  });

  it('skips BLOB/VARBINARY/binary-charset and spatial columns with a reason; reads latin1 bytes that are not UTF-8', () => {
    for (const c of ['payload', 'raw']) expect(column(r, 'blobs', c).skipped, c).toMatch(/binary/);
    const binText = column(r, 'blobs', 'bin_text');
    expect(binText.sampled === 30 || /binary/.test(binText.skipped ?? '')).toBe(true);
    expect(column(r, 'blobs', 'latin').sampled).toBe(30);
    expect(categories(column(r, 'blobs', 'ssn'))).toContain('ssn');
    for (const c of ['at', 'area', 'g']) expect(column(r, 'shapes', c).skipped, c).toMatch(/spatial|cannot hold/);
  });

  it('samples JSON and finds the emails in it; SET, ENUM, YEAR, BIT are scanned or skipped', () => {
    expect(categories(column(r, 'shapes', 'doc'))).toContain('email');
    for (const c of ['tags', 'mood', 'y', 'b']) {
      const col = column(r, 'shapes', c);
      expect(col.sampled === 30 || typeof col.skipped === 'string', c).toBe(true);
    }
  });

  it(`reads ${HUGE_ROWS} LONGTEXT values of ${HUGE_BYTES / 1e6} MB cut inside the database: found, memory bounded`, () => {
    const body = column(r, 'huge', 'body');
    expect(body.sampled).toBe(HUGE_ROWS);
    expect(categories(body)).toContain('ssn');
    expect(growthMb).toBeLessThan(60);
  });

  it('NULL-only and empty tables have no value found; the partitioned table is scanned once', () => {
    for (const c of ['ssn', 'email']) {
      expect(column(r, 'nulls_only', c).nonNull).toBe(0);
      expect(valueEvidence(column(r, 'nulls_only', c))).toEqual([]);
      expect(valueEvidence(column(r, 'empty_table', c))).toEqual([]);
    }
    expect(column(r, 'events', 'ssn').sampled).toBe(30);
    expect(categories(column(r, 'events', 'ssn'))).toContain('ssn');
  });
});
