/**
 * Loads the corpus into a real engine under unique names (departments as PostgreSQL schemas of one
 * new database, or as MariaDB databases sharing a unique prefix), runs ANALYZE, and drops it all.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import mysql from 'mysql2/promise';
import type { Corpus, CorpusTable } from './corpus.js';
import type { SqlType, Value } from './kinds.js';

export type EvalDialect = 'postgres' | 'mysql';

/** Server-level admin URLs: the env URLs the test suite uses, else the local services. */
export const ADMIN_URLS: Record<EvalDialect, string> = {
  postgres: process.env['MINIM_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  mysql: process.env['MINIM_TEST_MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306/',
};

/** A loaded copy of the corpus on one engine. */
export interface LoadedCorpus {
  dialect: EvalDialect;
  /** URLs to scan, each covering part (MariaDB: one department) or all (PostgreSQL) of the corpus. */
  scanUrls: string[];
  /** The scan JSON's `schema` for a department. */
  schemaOf(department: string): string;
  /** The department for a scan JSON `schema`, or undefined when it is not the corpus's. */
  departmentOf(schema: string): string | undefined;
  /** Runs a read query against the department's schema; rows as string arrays. */
  query(department: string, sql: string): Promise<Array<Array<string | null>>>;
  quote(ident: string): string;
  /** Drops everything the load created. Safe to call twice. */
  drop(): Promise<void>;
}

const BATCH_ROWS = 400;

const PG_TYPES: Record<SqlType, string> = {
  int: 'integer', bigint: 'bigint', varchar: 'varchar(255)', text: 'text', date: 'date',
  timestamp: 'timestamp', numeric: 'numeric', boolean: 'boolean', double: 'double precision', json: 'jsonb',
};
const MY_TYPES: Record<SqlType, string> = {
  int: 'INT', bigint: 'BIGINT', varchar: 'VARCHAR(255)', text: 'TEXT', date: 'DATE',
  timestamp: 'DATETIME', numeric: 'DECIMAL(18,4)', boolean: 'BOOLEAN', double: 'DOUBLE', json: 'JSON',
};

const pgQuote = (s: string) => `"${s.replace(/"/g, '""')}"`;
const myQuote = (s: string) => `\`${s.replace(/`/g, '``')}\``;

/** Runs `fn` at most once; later calls (a signal handler's cleanup) await the same promise. */
function once(fn: () => Promise<void>): () => Promise<void> {
  let p: Promise<void> | undefined;
  return () => (p ??= fn());
}

function departments(corpus: Corpus): string[] {
  return [...new Set(corpus.tables.map((t) => t.department))];
}

function rowsOf(table: CorpusTable, from: number, to: number): Value[][] {
  const out: Value[][] = [];
  for (let i = from; i < to; i++) out.push(table.columns.map((c) => c.values[i] ?? null));
  return out;
}

/**
 * Loads the corpus into a new PostgreSQL database `minim_eval_<hex>`, one schema per department.
 * `track` receives the drop function as soon as something exists to drop.
 */
export async function loadPostgres(
  corpus: Corpus,
  adminUrl = ADMIN_URLS.postgres,
  track: (drop: () => Promise<void>) => void = () => undefined,
): Promise<LoadedCorpus> {
  const name = `minim_eval_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${pgQuote(name)}`);
  } finally {
    await admin.end();
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const drop = once(async () => {
    const a = new pg.Client({ connectionString: adminUrl });
    await a.connect();
    try {
      await a.query(`DROP DATABASE IF EXISTS ${pgQuote(name)} WITH (FORCE)`);
    } finally {
      await a.end();
    }
  });
  track(drop);
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    for (const dept of departments(corpus)) await client.query(`CREATE SCHEMA ${pgQuote(dept)}`);
    for (const table of corpus.tables) {
      const fq = `${pgQuote(table.department)}.${pgQuote(table.name)}`;
      const cols = table.columns.map((c) => `${pgQuote(c.name)} ${PG_TYPES[c.type]}${c.kind === 'pk' ? ' PRIMARY KEY' : ''}`);
      await client.query(`CREATE TABLE ${fq} (${cols.join(', ')})`);
      const names = table.columns.map((c) => pgQuote(c.name)).join(', ');
      for (let from = 0; from < table.rows; from += BATCH_ROWS) {
        const rows = rowsOf(table, from, Math.min(table.rows, from + BATCH_ROWS));
        const params: Value[] = [];
        const tuples = rows.map((row) => `(${row.map((v) => (params.push(v), `$${params.length}`)).join(', ')})`);
        await client.query(`INSERT INTO ${fq} (${names}) VALUES ${tuples.join(', ')}`, params);
      }
    }
    await client.query('ANALYZE');
  } catch (e) {
    await client.end().catch(() => undefined);
    await drop();
    throw e;
  }
  await client.end();
  return {
    dialect: 'postgres',
    scanUrls: [url],
    schemaOf: (d) => d,
    departmentOf: (s) => (departments(corpus).includes(s) ? s : undefined),
    quote: pgQuote,
    async query(_department, sql) {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        const res = await c.query({ text: sql, rowMode: 'array' });
        return res.rows as Array<Array<string | null>>;
      } finally {
        await c.end();
      }
    },
    drop,
  };
}

/** Loads the corpus into MariaDB/MySQL as databases `minim_eval_<hex>_<department>`. */
export async function loadMysql(
  corpus: Corpus,
  adminUrl = ADMIN_URLS.mysql,
  track: (drop: () => Promise<void>) => void = () => undefined,
): Promise<LoadedCorpus> {
  const prefix = `minim_eval_${randomBytes(4).toString('hex')}_`;
  const depts = departments(corpus);
  const conn = await mysql.createConnection({ uri: adminUrl, dateStrings: true });
  const drop = once(async () => {
    const a = await mysql.createConnection({ uri: adminUrl });
    try {
      for (const d of depts) await a.query(`DROP DATABASE IF EXISTS ${myQuote(prefix + d)}`);
    } finally {
      await a.end();
    }
  });
  track(drop);
  try {
    for (const d of depts) await conn.query(`CREATE DATABASE ${myQuote(prefix + d)} CHARACTER SET utf8mb4`);
    for (const table of corpus.tables) {
      const fq = `${myQuote(prefix + table.department)}.${myQuote(table.name)}`;
      const cols = table.columns.map((c) => `${myQuote(c.name)} ${MY_TYPES[c.type]}${c.kind === 'pk' ? ' PRIMARY KEY' : ''}`);
      await conn.query(`CREATE TABLE ${fq} (${cols.join(', ')}) ENGINE=InnoDB`);
      const names = table.columns.map((c) => myQuote(c.name)).join(', ');
      for (let from = 0; from < table.rows; from += BATCH_ROWS) {
        const rows = rowsOf(table, from, Math.min(table.rows, from + BATCH_ROWS));
        // NOTE: mysql2's query() escapes `VALUES ?` with a nested array into a multi-row insert.
        await conn.query(`INSERT INTO ${fq} (${names}) VALUES ?`, [rows]);
      }
      await conn.query(`ANALYZE TABLE ${fq}`);
    }
  } catch (e) {
    await conn.end().catch(() => undefined);
    await drop();
    throw e;
  }
  await conn.end();
  const base = new URL(adminUrl);
  return {
    dialect: 'mysql',
    scanUrls: depts.map((d) => {
      const u = new URL(base.toString());
      u.pathname = `/${prefix + d}`;
      return u.toString();
    }),
    schemaOf: (d) => prefix + d,
    departmentOf: (s) => (s.startsWith(prefix) && depts.includes(s.slice(prefix.length)) ? s.slice(prefix.length) : undefined),
    quote: myQuote,
    async query(department, sql) {
      const u = new URL(base.toString());
      u.pathname = `/${prefix + department}`;
      const c = await mysql.createConnection({ uri: u.toString(), dateStrings: true, rowsAsArray: true });
      try {
        const [rows] = await c.query(sql);
        return rows as Array<Array<string | null>>;
      } finally {
        await c.end();
      }
    },
    drop,
  };
}
