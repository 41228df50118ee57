/**
 * `node dist/bench/flip-scan.js [--runs N]`: the flip rate of real scans. Loads the demo city into
 * a fresh PostgreSQL database (MINIM_FLIP_PG_URL, default the local service), scans it N times with
 * differently seeded samples (`--seed`), and counts columns whose reported categories differ
 * between any two scans. The database is dropped at the end, even on failure.
 */
import pg from 'pg';
import { buildDemoCity } from '../src/demo/city.js';
import { renderDemoSql } from '../src/demo/render.js';
import { scan } from '../src/scan/index.js';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const runs = argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 10;
  const admin = process.env.MINIM_FLIP_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `minim_flip_${process.pid}_${Date.now()}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  try {
    const db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
    for (const stmt of renderDemoSql(buildDemoCity(), 'postgres')) await db.query(stmt);
    await db.end();
    const seen = new Map<string, Set<string>>();
    for (let seed = 1; seed <= runs; seed++) {
      const result = await scan({ sources: [{ name: 'demo', url: url.toString() }], sampleSeed: seed });
      for (const c of result.columns) {
        const key = `${c.schema}.${c.table}.${c.column}`;
        const cats = c.findings.map((f) => f.category).sort().join(',');
        (seen.get(key) ?? seen.set(key, new Set()).get(key)!).add(cats);
      }
      process.stderr.write(`[flip-scan] scan ${seed}/${runs} done\n`);
    }
    const flips = [...seen].filter(([, v]) => v.size > 1);
    console.log(`demo city on PostgreSQL: ${seen.size} columns, ${runs} scans with seeds 1-${runs}: ${flips.length} columns flip`);
    for (const [k, v] of flips) console.log(`  flip ${k}: ${[...v].map((x) => `[${x}]`).join(' | ')}`);
  } finally {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.end();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`flip-scan: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 2;
});
