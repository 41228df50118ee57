/**
 * The I/O lower bound of a scan: a bare driver client (`pg` or `mysql2`, nothing of minim) that lists
 * the tables once and issues ONE sampling statement per table — every column cast to text, the
 * sample's worth of rows, as minim's whole-table read does — at the same concurrency, and throws the
 * rows away. What minim spends beyond this is its own cost. Runs in a child process of its own so its
 * wall time, CPU time and peak RSS are measured like a scan's (scan-child.ts).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { countRoundTrips } from './wire-count.js';
import { VALUE_SEPARATOR } from '../../connectors/joined-values.js';

export interface LowerBoundOptions {
  readonly engine: 'postgres' | 'mariadb';
  readonly url: string;
  /** Statements in flight at once (minim's per-server --concurrency). */
  readonly concurrency: number;
  /** Rows per table (minim's sample size, +1 as minim reads). */
  readonly rows: number;
  /** Schemas (PostgreSQL) left out, e.g. the bench marker. */
  readonly excludeSchemas?: readonly string[];
  /**
   * PostgreSQL: read each table as minim's connector does, one joined text per column (`string_agg`
   * over the same rows, connectors/joined-values.ts) split into the values here, instead of one
   * field per value. The bound of that way of reading; the bench's target stays the row-wise one.
   */
  readonly joined?: boolean;
}

export interface LowerBoundFigures {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly tables: number;
  readonly statements: number;
  /** Requests sent to the server (wire-count.ts), counted like a scan's. */
  readonly roundTrips: number;
  readonly rows: number;
  readonly maxRssBytes: number;
}

/** Runs the lower bound in a fresh Node process and returns its figures. */
export function lowerBoundInChild(options: LowerBoundOptions): Promise<LowerBoundFigures> {
  const entry = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [entry, JSON.stringify(options)], { maxBuffer: 1 << 20, env: { ...process.env, MINIM_BENCH_CHILD: '1' } }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`lower-bound child failed: ${String(stderr).split('\n').slice(-5).join(' ')}`));
      try {
        resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '') as LowerBoundFigures);
      } catch {
        reject(new Error('lower-bound child printed no figures'));
      }
    });
  });
}

/** Runs `fn` over `items` with at most `n` in flight. */
async function pool<T>(items: readonly T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

const pgIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;
const myIdent = (s: string) => `\`${s.replace(/`/g, '``')}\``;

async function runPostgres(o: LowerBoundOptions): Promise<{ tables: number; statements: number; rows: number }> {
  const client = new pg.Pool({ connectionString: o.url, max: o.concurrency });
  try {
    const excluded = [...(o.excludeSchemas ?? []), 'pg_catalog', 'information_schema', 'pg_toast'];
    const { rows: cols } = await client.query<{ s: string; t: string; c: string }>(
      `SELECT n.nspname AS s, c.relname AS t, a.attname AS c FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       WHERE c.relkind = 'r' AND NOT (n.nspname = ANY($1)) ORDER BY 1, 2, a.attnum`,
      [excluded],
    );
    const tables = groupColumns(cols);
    let rows = 0;
    // NOTE: `pool.query()` here, the cheaper of pg's two ways on these tables: four clients each
    // checked out for the whole run cost pg about 1.8 times the CPU (the same retention in the
    // young generation as mysql2's pool.query below). minim's transport uses pool.query too.
    await pool(tables, o.concurrency, async (t) => {
      const from = `ONLY ${pgIdent(t.schema)}.${pgIdent(t.name)} LIMIT ${o.rows + 1}`;
      if (o.joined) {
        const inner = t.columns.map((c, i) => `${pgIdent(c)} AS c${i}`).join(', ');
        const aggs = t.columns.map((_, i) => `string_agg(coalesce(s.c${i}::text, E'\\x02'), E'\\x01'), count(s.c${i})::int4`).join(', ');
        const r = await client.query({ text: `SELECT count(*)::int4, ${aggs} FROM (SELECT ${inner} FROM ${from}) AS s`, rowMode: 'array' });
        const row = r.rows[0] as unknown[];
        const n = Number(row[0]);
        for (let i = 0; i < t.columns.length; i++) {
          const text = row[1 + 2 * i];
          // Split as minim splits it, and checked like minim checks it: as many values as rows.
          if (typeof text === 'string' && text.split(VALUE_SEPARATOR).length !== n) throw new Error(`${t.name}: a value holds the separator`);
        }
        rows += n;
        return;
      }
      const list = t.columns.map((c) => `${pgIdent(c)}::text`).join(', ');
      const r = await client.query({ text: `SELECT ${list} FROM ${from}`, rowMode: 'array' });
      rows += r.rows.length;
    });
    return { tables: tables.length, statements: tables.length + 1, rows };
  } finally {
    await client.end();
  }
}

async function runMariadb(o: LowerBoundOptions): Promise<{ tables: number; statements: number; rows: number }> {
  const u = new URL(o.url);
  const database = decodeURIComponent(u.pathname.slice(1));
  const client = mysql.createPool({ uri: o.url, connectionLimit: o.concurrency });
  try {
    const [cols] = await client.query(
      'SELECT TABLE_SCHEMA AS s, TABLE_NAME AS t, COLUMN_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME <> ? ORDER BY 1, 2, ORDINAL_POSITION',
      [database, 'minim_bench_marker'],
    );
    const tables = groupColumns(cols as Array<{ s: string; t: string; c: string }>);
    let rows = 0;
    await pool(tables, o.concurrency, async (t) => {
      const list = t.columns.map((c) => `CAST(${myIdent(c)} AS CHAR)`).join(', ');
      // NOTE: a connection taken from the pool for the statement, as minim's connector does, not
      // `pool.query()`: on 2,000 tables the latter cost mysql2 almost twice the CPU (its results
      // outlived young-generation collections and went through 20-odd full GCs), which made the
      // lower bound slower than minim's own sampling. The bound is the cheaper of the two.
      const conn = await client.getConnection();
      try {
        const [r] = await conn.query({ sql: `SELECT ${list} FROM ${myIdent(t.schema)}.${myIdent(t.name)} LIMIT ${o.rows + 1}`, rowsAsArray: true });
        rows += (r as unknown[]).length;
      } finally {
        conn.release();
      }
    });
    return { tables: tables.length, statements: tables.length + 1, rows };
  } finally {
    await client.end();
  }
}

function groupColumns(rows: ReadonlyArray<{ s: string; t: string; c: string }>): Array<{ schema: string; name: string; columns: string[] }> {
  const out: Array<{ schema: string; name: string; columns: string[] }> = [];
  for (const r of rows) {
    const last = out[out.length - 1];
    if (last && last.schema === r.s && last.name === r.t) last.columns.push(r.c);
    else out.push({ schema: r.s, name: r.t, columns: [r.c] });
  }
  return out;
}

async function main(): Promise<void> {
  const o = JSON.parse(process.argv[2] ?? '{}') as LowerBoundOptions;
  const wire = countRoundTrips();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = o.engine === 'postgres' ? await runPostgres(o) : await runMariadb(o);
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  wire.stop();
  const figures: LowerBoundFigures = {
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    ...r,
    roundTrips: wire.roundTrips,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

if (process.env.MINIM_BENCH_CHILD === '1' && process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((e: unknown) => {
    process.stderr.write(`lower-bound child: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`);
    process.exit(2);
  });
}
