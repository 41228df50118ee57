// .github/minim/start-db.mjs — starts PostgreSQL with testcontainers, applies the app's migrations
// (db/migrations/*.sql, in name order) and prints DATABASE_URL=… for $GITHUB_ENV.
// TESTCONTAINERS_RYUK_DISABLED=true keeps the container after this script exits; the runner removes it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PostgreSqlContainer } from '@testcontainers/postgresql';
import pg from 'pg';

const dir = process.env.MIGRATIONS_DIR ?? 'db/migrations';
const container = await new PostgreSqlContainer('postgres:16-alpine').withDatabase('app').start();
const url = container.getConnectionUri();
const client = new pg.Client({ connectionString: url });
await client.connect();
for (const f of readdirSync(dir).filter((x) => x.endsWith('.sql')).sort()) await client.query(readFileSync(join(dir, f), 'utf8'));
await client.query('ANALYZE');
await client.end();
console.log(`DATABASE_URL=${url}`);
