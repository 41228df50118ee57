/**
 * An estate on the real PostgreSQL and MariaDB: a config of 8 sources across both
 * engines, one of them unreachable. `--shard i/3` jobs (JSON and NDJSON) merged by `minim merge`
 * give the same inventory as one full scan; the unreachable source is an error entry and the rest
 * are scanned; the global and per-server concurrency limits hold (counted in pg_stat_activity).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import YAML from 'yaml';
import { createTestDatabase, getEngine, type TestDatabase } from '../helpers/engines.js';
import { runCli } from '../../src/cli/program.js';
import type { CliContext } from '../../src/cli/context.js';
import { createLogger } from '../../src/util/log.js';
import { scan } from '../../src/scan/index.js';
import type { ScanResult } from '../../src/types.js';
import { parseScanText } from '../../src/merge/read.js';

const pgEngine = await getEngine('postgres');
const myEngine = await getEngine('mysql');
if (pgEngine.skip) console.warn(`faults-estate on postgres skipped: ${pgEngine.skip}`);
if (myEngine.skip) console.warn(`faults-estate on mysql skipped: ${myEngine.skip}`);
const SSNS = Array.from({ length: 20 }, (_, i) => `${String(150 + i * 11)}-${String(41 + i)}-${String(6203 + i * 71)}`);

async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const ctx: CliContext = {
    stdout: { write: (s: string) => void (stdout += s), isTTY: false },
    stderr: { write: (s: string) => void (stderr += s), isTTY: false },
    env: process.env,
    cwd,
    logger: (level = 'info') => createLogger(level, (l) => void (stderr += l)),
    exitCode: 0,
  };
  return { code: await runCli(args, ctx), stdout, stderr };
}

/** What must be equal between a full scan and merged shards: every column's identity, type and categories. */
const inventory = (r: ScanResult) =>
  r.columns.map((c) => [c.source, c.schema.startsWith('minim_') ? '<db>' : c.schema, c.table, c.column, c.dataType, c.sampled, c.findings.map((f) => f.category).sort()]);

describe.skipIf(!pgEngine.engine || !myEngine.engine)('an estate of 8 sources: shards, merge, concurrency limits (real servers)', () => {
  const dbs: TestDatabase[] = [];
  let dir: string;
  const pgSources: Array<{ name: string; url: string }> = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'minim-estate-'));
    const sources: Array<{ name: string; url: string; department?: string }> = [];
    for (let i = 0; i < 5; i++) {
      const db = await createTestDatabase(pgEngine.engine!, `estate_pg${i}`);
      dbs.push(db);
      await db.exec([
        `CREATE TABLE staff (id int PRIMARY KEY, ssn text, email text)`,
        `INSERT INTO staff SELECT i, (ARRAY[${SSNS.map((s) => `'${s}'`).join(',')}])[i], 'w' || i || '@city${i}.example.org' FROM generate_series(1, 20) i`,
        `CREATE TABLE notes (id int PRIMARY KEY, body text)`,
        ...[1, 2, 3].map((k) => `CREATE VIEW slow_${k} AS SELECT s.id FROM staff s CROSS JOIN (SELECT pg_sleep(0.4)) z`),
      ]);
      sources.push({ name: `pg-${String.fromCharCode(101 - i)}`, url: db.url, department: `Dept ${i}` });
      pgSources.push({ name: `pg-${i}`, url: db.url });
    }
    for (let i = 0; i < 2; i++) {
      const db = await createTestDatabase(myEngine.engine!, `estate_my${i}`);
      dbs.push(db);
      await db.exec([
        `CREATE TABLE staff (id int PRIMARY KEY, ssn varchar(11), email varchar(60))`,
        `INSERT INTO staff VALUES ${SSNS.map((s, k) => `(${k}, '${s}', 'w${k}@m${i}.example.org')`).join(', ')}`,
      ]);
      sources.push({ name: `my-${i}`, url: db.url });
    }
    sources.push({ name: 'down', url: 'postgres://nobody:secret@127.0.0.1:1/none' });
    writeFileSync(join(dir, 'minim.config.yaml'), YAML.stringify({ sources, scan: { connectTimeoutMs: 2000 } }));
  }, 120_000);
  afterAll(async () => {
    for (const db of dbs) await db.drop().catch(() => undefined);
  });

  it('--shard 1/3, 2/3, 3/3 (JSON and NDJSON) merged equal one full scan; the unreachable source is an error, the rest scanned', async () => {
    const full = await cli(['scan', '--config', join(dir, 'minim.config.yaml'), '-f', 'json', '--out', join(dir, 'full.json'), '--no-progress', '--exclude', 'slow_*'], dir);
    expect(full.code).toBe(2); // a source could not be reached
    expect(full.stderr).toMatch(/minim: CONNECT_FAILED: source down/);
    const fullScan = JSON.parse(readFileSync(join(dir, 'full.json'), 'utf8')) as ScanResult;
    expect(fullScan.sources.map((s) => s.name)).toHaveLength(8);
    expect(fullScan.errors.map((e) => [e.source, e.code])).toEqual([['down', 'CONNECT_FAILED']]);

    const files = ['shard-1.json', 'shard-2.ndjson', 'shard-3.json'];
    const seen: string[] = [];
    for (const [i, f] of files.entries()) {
      const r = await cli(['scan', '--config', join(dir, 'minim.config.yaml'), '--shard', `${i + 1}/3`, '--out', join(dir, f), '--no-progress', '--exclude', 'slow_*', ...(f.endsWith('.json') ? ['-f', 'json'] : [])], dir);
      expect([0, 2]).toContain(r.code);
      if (i === 0) seen.push(...parseScanText(readFileSync(join(dir, f), 'utf8'), f).sources.map((s) => s.name));
      if (i === 1) seen.push(...parseScanText(readFileSync(join(dir, f), 'utf8'), f).sources.map((s) => s.name));
    }
    // Sorted (down, my-0, my-1, pg-a, pg-b, pg-c, pg-d, pg-e) and dealt round-robin: 1/3 gets down, pg-a,
    // pg-d; 2/3 gets my-0, pg-b, pg-e; each in config order (pg-e … pg-a, my-0, my-1, down).
    expect(seen).toEqual(['pg-d', 'pg-a', 'down', 'pg-e', 'pg-b', 'my-0']);
    const m = await cli(['merge', ...files.map((f) => join(dir, f)), '--out', join(dir, 'merged.json')], dir);
    expect(m.code, m.stderr).toBe(0);
    const merged = JSON.parse(readFileSync(join(dir, 'merged.json'), 'utf8')) as ScanResult;
    expect(merged.sources.map((s) => s.name).sort()).toEqual(fullScan.sources.map((s) => s.name).sort());
    // Same columns, same order once the sources are in the same order.
    const order = new Map(fullScan.sources.map((s, i) => [s.name, i]));
    const sortBySource = (r: ScanResult) => [...r.columns].sort((a, b) => order.get(a.source)! - order.get(b.source)!);
    expect(inventory({ ...merged, columns: sortBySource(merged) })).toEqual(inventory(fullScan));
    expect(merged.errors.map((e) => [e.source, e.code])).toEqual([['down', 'CONNECT_FAILED']]);
    expect(merged.stats!.columns).toBe(fullScan.stats!.columns);
    expect(merged.stats!.tables).toBe(fullScan.stats!.tables);
    for (const s of fullScan.sources.filter((x) => x.name !== 'down')) {
      expect(merged.sources.find((x) => x.name === s.name)!.fingerprint).toBe(s.fingerprint);
    }
    // Merging a shard twice is refused.
    const dup = await cli(['merge', join(dir, 'shard-1.json'), join(dir, 'shard-1.json')], dir);
    expect(dup.code).toBe(2);
    expect(dup.stderr).toMatch(/minim: USAGE: source \S+ is in both \S*shard-1\.json and \S*shard-1\.json/);
  }, 120_000);

  async function peakActive(run: () => Promise<ScanResult>) {
    const admin = new pg.Client({ connectionString: pgEngine.engine!.adminUrl });
    await admin.connect();
    let peakTotal = 0;
    let peakPerDb = 0;
    let stop = false;
    const names = dbs.map((d) => d.name);
    const poll = (async () => {
      while (!stop) {
        const { rows } = await admin.query(
          `SELECT datname, count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'minim' AND state = 'active' AND query LIKE '%slow_%' AND datname = ANY($1) GROUP BY datname`,
          [names],
        );
        peakTotal = Math.max(peakTotal, rows.reduce((n, r) => n + r.n, 0));
        peakPerDb = Math.max(peakPerDb, ...rows.map((r) => r.n), 0);
        await new Promise((r) => setTimeout(r, 25));
      }
    })();
    const r = await run();
    stop = true;
    await poll;
    await admin.end();
    return { r, peakTotal, peakPerDb };
  }

  it('the global limit caps samples in flight across servers; the per-server limit caps each server', async () => {
    const g = await peakActive(() => scan({ sources: pgSources, globalConcurrency: 2, concurrency: 4, include: ['slow_*'] }));
    expect(g.r.errors).toEqual([]);
    expect(g.peakTotal).toBe(2);
    const s = await peakActive(() => scan({ sources: pgSources, globalConcurrency: 16, concurrency: 1, include: ['slow_*'] }));
    expect(s.r.errors).toEqual([]);
    expect(s.peakPerDb).toBe(1);
    expect(s.peakTotal).toBeGreaterThanOrEqual(3); // servers still run side by side
  }, 120_000);
});
