/**
 * Migrate benchmark: masking one column (last4) of a 1,000,000-row PostgreSQL table with the
 * batched apply (key ranges, one short transaction per batch) beside one bare UPDATE of the same
 * column on a fresh copy, in the same run. Prints wall times, their ratio and the longest batch
 * (the longest any batch held its row locks). Target: ratio ≤ 3, longest batch ≤ 1 s.
 *
 * Runs alone: `node dist/bench/migrate-bench.js [rows]`; URL from MINIM_BENCH_POSTGRES_URL, else
 * the local server (postgres://postgres@127.0.0.1:5432/postgres).
 */
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { openConnector, DEFAULT_CONNECTOR_OPTIONS } from '../connectors/index.js';
import type { Connector } from '../connectors/types.js';
import { applyRows } from '../src/migrate/apply.js';
import { operationFor, type RowOperation } from '../src/migrate/operations.js';
import { preflight } from '../src/migrate/preflight.js';
import { compile } from '../src/migrate/sql-compiler.js';
import type { PlanItem } from '../src/plan/plan-schema.js';

export interface MigrateBenchResult {
  readonly rows: number;
  readonly batchSize: number;
  readonly bareMs: number;
  readonly batchedMs: number;
  readonly ratio: number;
  readonly batches: number;
  readonly longestBatchMs: number;
  readonly changedBare: number;
  readonly changedBatched: number;
}

const OPTIONS = { ...DEFAULT_CONNECTOR_OPTIONS, concurrency: 2, statementTimeoutMs: 900_000, lockTimeoutMs: 10_000 };

function item(table: string): PlanItem {
  return {
    id: `bench.bench.${table}.ssn:mask`, source: 'bench', schema: 'bench', table, column: 'ssn', category: 'ssn', action: 'mask', strategy: 'last4',
    reason: 'benchmark', dataType: 'text', rowEstimate: null, evidence: { confidence: 1, sources: [], rules: [], examples: [] }, status: 'approved', decisions: [],
  };
}

async function operation(c: Connector, table: string): Promise<RowOperation> {
  const live = (await c.catalog()).find((t) => t.schema === 'bench' && t.name === table);
  const op = operationFor('postgres', item(table), live);
  if (op.kind !== 'rows') throw new Error(`bench: unexpected operation ${op.kind}`);
  return op;
}

/** Runs the benchmark and prints its figures to stdout. */
export async function runMigrateBench(rows = 1_000_000, batchSize = 5_000, print: (line: string) => void = (l) => console.log(l)): Promise<MigrateBenchResult> {
  const adminUrl = process.env['MINIM_BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `minim_bench_migrate_${randomBytes(4).toString('hex')}`;
  const admin = await openConnector(adminUrl, { ...OPTIONS, name: 'bench-admin' });
  await admin.query(`CREATE DATABASE "${name}"`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const c = await openConnector(u.toString(), { ...OPTIONS, name: 'bench' });
  try {
    print(`migrate bench: ${rows.toLocaleString('en-US')} rows, batch ${batchSize}, PostgreSQL ${await c.serverVersion()}`);
    await c.query('CREATE SCHEMA bench');
    // Synthetic SSN-shaped values (area 100-599): generated in the database, never printed.
    await c.query(
      `CREATE TABLE bench.people_batched AS SELECT g::bigint AS id, lpad((100 + g % 500)::text, 3, '0') || '-' || lpad((10 + g % 89)::text, 2, '0') || '-' || lpad((1000 + g % 8999)::text, 4, '0') AS ssn, 'note ' || g AS note FROM generate_series(1, ${rows}) g`,
    );
    await c.query('ALTER TABLE bench.people_batched ADD PRIMARY KEY (id)');
    await c.query('CREATE TABLE bench.people_bare AS SELECT * FROM bench.people_batched');
    await c.query('ALTER TABLE bench.people_bare ADD PRIMARY KEY (id)');
    await c.query('VACUUM ANALYZE bench.people_batched');
    await c.query('VACUUM ANALYZE bench.people_bare');

    const bare = await operation(c, 'people_bare');
    const q = compile('postgres', sql`UPDATE ${sql.id('bench', 'people_bare')} SET ${sql.id('ssn')} = ${bare.set!} WHERE ${bare.pending}`);
    let t0 = performance.now();
    const changedBare = (await c.query(q.sql, q.parameters)).rowCount;
    const bareMs = performance.now() - t0;

    const batched = await operation(c, 'people_batched');
    t0 = performance.now();
    const pf = preflight(batched, await c.write!.tableFacts('bench', 'people_batched'));
    const r = await applyRows({ connector: c, family: 'postgres', batchSize }, batched, pf, null);
    const batchedMs = performance.now() - t0;

    const result: MigrateBenchResult = {
      rows, batchSize, bareMs, batchedMs, ratio: batchedMs / bareMs, batches: r.batches, longestBatchMs: r.longestBatchMs, changedBare, changedBatched: r.changed,
    };
    print(`  bare UPDATE (one statement):     ${(bareMs / 1000).toFixed(2)} s, ${changedBare} rows`);
    print(`  minim migrate --apply (batched): ${(batchedMs / 1000).toFixed(2)} s, ${r.changed} rows in ${r.batches} batches (${r.method})`);
    print(`  ratio batched/bare: ${result.ratio.toFixed(2)}x (target ≤ 3x)`);
    print(`  longest batch (locks held): ${Math.round(r.longestBatchMs)} ms (target ≤ 1000 ms); the bare UPDATE held its locks ${Math.round(bareMs)} ms`);
    return result;
  } finally {
    await c.close();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
    await admin.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = Number(process.argv[2] ?? 1_000_000);
  runMigrateBench(rows).catch((e: unknown) => {
    console.error(`migrate bench failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 2;
  });
}
