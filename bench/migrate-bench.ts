/**
 * Migrate benchmark, PostgreSQL:
 * 1. masking one column (last4) of a 1,000,000-row table with the batched apply (key ranges, one
 *    short transaction per batch, untouched columns checksummed before and after each batch)
 *    beside one bare UPDATE of the same column on a fresh copy. Target: ratio ≤ 3.
 * 2. client-side redaction of 1,000,000 notes (1 in 20 holds a validated SSN, the others parcel
 *    and order numbers): rows read in key order, the scan's detectors find what changes, each
 *    changed row written only if it still holds the value read. Target: ≥ 50,000 rows/s.
 * 3. the same mask with `values: validated` (the plan's default for SSN columns) on a third copy:
 *    the client reads each batch, the validators pick the rows, the database masks exactly those.
 * All: the longest batch (the longest any batch held its row locks) ≤ 1 s.
 *
 * Runs alone: `node dist/bench/migrate-bench.js [rows]`; URL from MINIM_BENCH_POSTGRES_URL, else
 * the local server (postgres://postgres@127.0.0.1:5432/postgres). A full run (1,000,000 rows)
 * writes section `bench.migrate` of docs/figures.json (bench/figures.ts), which README.md quotes.
 */
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { openConnector, DEFAULT_CONNECTOR_OPTIONS } from '../connectors/index.js';
import type { Connector } from '../connectors/types.js';
import { applyRows } from '../src/migrate/apply.js';
import { operationFor, type RowOperation } from '../src/migrate/operations.js';
import { preflight } from '../src/migrate/preflight.js';
import { writeFigures } from './figures.js';
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
  /** Client-side redaction of `rows` notes. */
  readonly redactMs: number;
  readonly redactRowsPerSec: number;
  readonly redactChanged: number;
  readonly redactLongestBatchMs: number;
  /** Masking validated values only (values: validated, the plan's default for SSNs) of a third copy. */
  readonly validatedMs: number;
  readonly validatedRatio: number;
  readonly validatedChanged: number;
  readonly validatedLongestBatchMs: number;
}

const OPTIONS = { ...DEFAULT_CONNECTOR_OPTIONS, concurrency: 2, statementTimeoutMs: 900_000, lockTimeoutMs: 10_000 };

function item(table: string, column = 'ssn', strategy: PlanItem['strategy'] = 'last4', values?: PlanItem['values']): PlanItem {
  return {
    ...(values ? { values } : {}),
    id: `bench.bench.${table}.${column}:mask`, source: 'bench', schema: 'bench', table, column, category: 'ssn', action: 'mask', strategy,
    reason: 'benchmark', dataType: 'text', rowEstimate: null, evidence: { confidence: 1, sources: [], rules: [], examples: [] }, status: 'approved', decisions: [],
    ...(strategy === 'redact' ? { redact: ['ssn'] } : {}),
  };
}

async function operation(c: Connector, table: string, column = 'ssn', strategy: PlanItem['strategy'] = 'last4', values?: PlanItem['values']): Promise<RowOperation> {
  const live = (await c.catalog()).find((t) => t.schema === 'bench' && t.name === table);
  const op = operationFor('postgres', item(table, column, strategy, values), live);
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
    for (const copy of ['people_bare', 'people_validated']) {
      await c.query(`CREATE TABLE bench.${copy} AS SELECT * FROM bench.people_batched`);
      await c.query(`ALTER TABLE bench.${copy} ADD PRIMARY KEY (id)`);
    }
    for (const t of ['people_batched', 'people_bare', 'people_validated']) await c.query(`VACUUM ANALYZE bench.${t}`);

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

    print(`  bare UPDATE (one statement):     ${(bareMs / 1000).toFixed(2)} s, ${changedBare} rows`);
    print(`  minim migrate --apply (batched): ${(batchedMs / 1000).toFixed(2)} s, ${r.changed} rows in ${r.batches} batches (${r.method})`);
    print(`  ratio batched/bare: ${(batchedMs / bareMs).toFixed(2)}x (target ≤ 3x)`);
    print(`  longest batch (locks held): ${Math.round(r.longestBatchMs)} ms (target ≤ 1000 ms); the bare UPDATE held its locks ${Math.round(bareMs)} ms`);

    // The plan's default for SSN columns (values: validated): the client reads each batch, the
    // validators pick the rows, the database masks exactly those (here every row holds an SSN).
    const validated = await operation(c, 'people_validated', 'ssn', 'last4', 'validated');
    const vpf = preflight(validated, await c.write!.tableFacts('bench', 'people_validated'));
    t0 = performance.now();
    const v = await applyRows({ connector: c, family: 'postgres', batchSize }, validated, vpf, null);
    const validatedMs = performance.now() - t0;
    print(`  validated values only (values: validated): ${(validatedMs / 1000).toFixed(2)} s, ${v.changed} rows in ${v.batches} batches (${v.method}), ${(validatedMs / bareMs).toFixed(2)}x the bare UPDATE, longest batch ${Math.round(v.longestBatchMs)} ms`);

    // Notes: 1 in 20 holds a valid SSN (area 100-599); the others parcel numbers (area 9xx) and order refs.
    await c.query(
      `CREATE TABLE bench.notes AS SELECT g::bigint AS id, CASE WHEN g % 20 = 0 THEN 'Caller gave SSN ' || (100 + g % 500)::text || '-' || lpad((10 + g % 89)::text, 2, '0') || '-' || (1000 + g % 8999)::text || ' to verify identity' WHEN g % 2 = 0 THEN 'Parcel ' || (900 + g % 99)::text || '-45-' || (1000 + g % 8999)::text || ' regraded after inspection' ELSE 'Order ref ' || (400000000 + g)::text || ' shipped; customer asked for a callback next week' END AS body, g % 7 AS status FROM generate_series(1, ${rows}) g`,
    );
    await c.query('ALTER TABLE bench.notes ADD PRIMARY KEY (id)');
    await c.query('VACUUM ANALYZE bench.notes');
    const notes = await operation(c, 'notes', 'body', 'redact');
    const npf = preflight(notes, await c.write!.tableFacts('bench', 'notes'));
    t0 = performance.now();
    const n = await applyRows({ connector: c, family: 'postgres', batchSize }, notes, npf, null);
    const redactMs = performance.now() - t0;
    const perSec = rows / (redactMs / 1000);
    print(`  client-side redaction of ${rows.toLocaleString('en-US')} notes: ${(redactMs / 1000).toFixed(2)} s, ${Math.round(perSec).toLocaleString('en-US')} rows/s (target ≥ 50,000), ${n.changed} rows changed, longest batch ${Math.round(n.longestBatchMs)} ms`);
    return {
      rows, batchSize, bareMs, batchedMs, ratio: batchedMs / bareMs, batches: r.batches, longestBatchMs: r.longestBatchMs, changedBare, changedBatched: r.changed,
      redactMs, redactRowsPerSec: perSec, redactChanged: n.changed, redactLongestBatchMs: n.longestBatchMs,
      validatedMs, validatedRatio: validatedMs / bareMs, validatedChanged: v.changed, validatedLongestBatchMs: v.longestBatchMs,
    };
  } finally {
    await c.close();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
    await admin.close();
  }
}

/** Section `bench.migrate` of docs/figures.json, quoted by README.md: its command, data and markdown. */
export function migrateFiguresSection(r: MigrateBenchResult, command = `node dist/bench/migrate-bench.js ${r.rows}`): { command: string; data: MigrateBenchResult; markdown: string } {
  const n = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  const markdown =
    `- Measured (\`${command}\`, PostgreSQL, ${n(r.rows)} rows, batches of ${n(r.batchSize)}): masking one column ` +
    `batched took ${n(r.ratio, 2)}× one bare \`UPDATE\` (${n(r.batchedMs / 1000, 2)} vs ${n(r.bareMs / 1000, 2)} s; target ≤ 3×), no batch holding ` +
    `locks longer than ${n(r.longestBatchMs)} ms (the bare UPDATE held them ${n(r.bareMs / 1000, 1)} s); masking validated values only ` +
    `(\`values: validated\`, the plan's default for SSN columns: the client picks the rows, ${n(r.validatedChanged)} changed) took ` +
    `${n(r.validatedRatio, 2)}× (${n(r.validatedMs / 1000, 2)} s), longest batch ${n(r.validatedLongestBatchMs)} ms; client-side redaction of ${n(r.rows)} notes ` +
    `through the scan's validated detectors ran at ${n(r.redactRowsPerSec)} rows/s (target ≥ 50,000; ${n(r.redactChanged)} rows changed), ` +
    `longest batch ${n(r.redactLongestBatchMs)} ms.`;
  return { command, data: r, markdown };
}

/** Writes section `bench.migrate` of docs/figures.json (a run of this file alone). */
export function writeMigrateFigures(r: MigrateBenchResult): void {
  writeFigures({ 'bench.migrate': migrateFiguresSection(r) });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = Number(process.argv[2] ?? 1_000_000);
  runMigrateBench(rows).then((r) => {
    if (rows >= 1_000_000) writeMigrateFigures(r);
  }).catch((e: unknown) => {
    console.error(`migrate bench failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 2;
  });
}
