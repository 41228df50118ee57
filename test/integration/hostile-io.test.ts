/**
 * Hostile input and output on PostgreSQL and MariaDB, through the
 * CLI in process, on real servers:
 * - a user rule that backtracks catastrophically is refused at load with one exact line (exit 2);
 * - `--out` to a device (a mknod copy of /dev/null in a temp dir), a FIFO or a symlink out of its
 *   directory never replaces it with a regular file;
 * - a streamed scan read back (end of the scan, --resume, merge) holds every table exactly;
 * - an account with column-level grants only gets the columns it may read sampled, the others
 *   listed as skipped (not the whole table PERMISSION_DENIED);
 * - a slow view is cut off by the view timeout, not the main statement timeout.
 */
import { execFileSync, spawn } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import mysql from 'mysql2/promise';
import { createTestDatabase, getEngine, uniqueName, type TestDatabase } from '../helpers/engines.js';
import { runCli } from '../../src/cli/program.js';
import type { CliContext } from '../../src/cli/context.js';
import { silentLogger } from '../../src/util/log.js';
import type { ScanResult } from '../../src/types.js';

const engines = { postgres: await getEngine('postgres'), mysql: await getEngine('mysql') };
const isRoot = process.getuid?.() === 0;
if (!isRoot) console.log('hostile-io: mknod needs root; the /dev/null copy cases are skipped (CI runs as root)');
const PASSWORD = 'Col-grant-4Vw9';

async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const ctx: CliContext = {
    stdout: { write: (s: string) => void (stdout += s), isTTY: false },
    stderr: { write: (s: string) => void (stderr += s), isTTY: false },
    env: { ...process.env, CI: 'true' },
    cwd,
    logger: () => silentLogger,
    exitCode: 0,
  };
  const code = await runCli(args, ctx);
  return { code, stdout, stderr };
}

/** Valid SSNs (SSA rules), distinct. */
const SSNS = Array.from({ length: 60 }, (_, i) => `${String(101 + i * 7).padStart(3, '0')}-${String(11 + (i % 80)).padStart(2, '0')}-${String(2001 + i * 13).padStart(4, '0')}`);

const TABLES = 120;

function seedSql(dialect: 'postgres' | 'mysql'): string[] {
  const txt = dialect === 'postgres' ? 'text' : 'varchar(60)';
  const rows = SSNS.map((s, i) => `(${i}, '${s}', 'p${i}@example.org', 'secret ${i}')`).join(', ');
  const out = [
    `CREATE TABLE people (id int PRIMARY KEY, ssn ${txt}, email ${txt}, secret ${txt})`,
    `INSERT INTO people VALUES ${rows}`,
  ];
  for (let t = 0; t < TABLES; t++) {
    out.push(`CREATE TABLE t_${String(t).padStart(3, '0')} (id int PRIMARY KEY, ssn ${txt})`);
    out.push(`INSERT INTO t_${String(t).padStart(3, '0')} VALUES ${SSNS.slice(0, 20).map((s, i) => `(${i}, '${s}')`).join(', ')}`);
  }
  return out;
}

/** A FIFO in `dir` with a `cat` reading it; `read` resolves with what came through. */
function fifoWithReader(dir: string, name: string): { path: string; read: Promise<string> } {
  const path = join(dir, name);
  execFileSync('mkfifo', [path]);
  const cat = spawn('cat', [path], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  cat.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  return { path, read: new Promise((res, rej) => (cat.on('error', rej), cat.on('close', () => res(out)))) };
}

for (const dialect of ['postgres', 'mysql'] as const) {
  const engine = engines[dialect];
  const label = dialect === 'postgres' ? 'PostgreSQL' : 'MariaDB';
  describe.skipIf(!engine.engine)(`hostile input and output on ${label} (real server)`, () => {
    let db: TestDatabase;
    let dir: string;
    const user = uniqueName('colgrant').slice(0, 30);

    beforeAll(async () => {
      db = await createTestDatabase(engine.engine!, 'hostileio');
      dir = mkdtempSync(join(tmpdir(), `minim-hostile-io-${dialect}-`));
      await db.exec(seedSql(dialect));
      if (dialect === 'postgres') {
        await db.exec([
          `CREATE ROLE ${user} LOGIN PASSWORD '${PASSWORD}'`,
          `GRANT CONNECT ON DATABASE ${db.name} TO ${user}`,
          `GRANT USAGE ON SCHEMA public TO ${user}`,
          // Column-level grants only: id and ssn may be read; email and secret may not.
          `GRANT SELECT (id, ssn) ON people TO ${user}`,
          `GRANT UPDATE (secret) ON people TO ${user}`,
        ]);
      } else {
        const admin = await mysql.createConnection({ uri: engine.engine!.adminUrl });
        try {
          for (const host of ['%', 'localhost']) {
            await admin.query(`CREATE USER '${user}'@'${host}' IDENTIFIED BY '${PASSWORD}'`);
            // id and ssn may be read; secret may only be updated (listed, not readable); email: nothing.
            await admin.query(`GRANT SELECT (id, ssn), UPDATE (secret) ON \`${db.name}\`.people TO '${user}'@'${host}'`);
          }
        } finally {
          await admin.end();
        }
      }
    });
    afterAll(async () => {
      await db?.drop();
      if (dialect === 'postgres') {
        const a = new pg.Client({ connectionString: engine.engine!.adminUrl });
        await a.connect();
        await a.query(`DROP ROLE IF EXISTS ${user}`);
        await a.end();
      } else {
        const a = await mysql.createConnection({ uri: engine.engine!.adminUrl });
        for (const host of ['%', 'localhost']) await a.query(`DROP USER IF EXISTS '${user}'@'${host}'`);
        await a.end();
      }
    });

    it('column-level grants: samples the readable columns, lists the others as skipped with the reason, no table error', async () => {
      const url = new URL(db.url);
      url.username = user;
      url.password = PASSWORD;
      const out = join(dir, 'grants.json');
      const r = await cli(['scan', `cg=${url.toString()}`, '--include', 'people', '--format', 'json', '--out', out, '--no-progress', '-q'], dir);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const scan = JSON.parse(readFileSync(out, 'utf8')) as ScanResult;
      expect(scan.errors).toEqual([]);
      const col = (name: string) => scan.columns.find((c) => c.table === 'people' && c.column === name);
      expect(col('ssn')!.sampled).toBe(SSNS.length);
      expect(col('ssn')!.findings.map((f) => f.category)).toContain('ssn');
      expect(col('id')!.sampled).toBe(SSNS.length);
      expect(col('secret')!.sampled).toBe(0);
      expect(col('secret')!.skipped).toBe('PERMISSION_DENIED: the account may not SELECT this column (column-level grants); grant SELECT on it to sample it');
      if (dialect === 'postgres') {
        expect(col('email')!.skipped).toMatch(/^PERMISSION_DENIED: the account may not SELECT this column/);
        // Name evidence still counts for a column that cannot be read.
        expect(col('email')!.findings.map((f) => f.category)).toContain('email');
      } else {
        // NOTE: MariaDB does not list a column the account holds no privilege on at all.
        expect(col('email')).toBeUndefined();
      }
    }, 60_000);

    it("refuses a user rule '^([0-9]+)+$' at load: exit 2 and one exact line naming the file and the rule", async () => {
      const rulesDir = join(dir, 'rules');
      mkdirSync(rulesDir, { recursive: true });
      const file = join(rulesDir, 'city.yaml');
      writeFileSync(file, `values:\n  - id: nested-digits\n    category: ssn\n    regex: '^([0-9]+)+$'\n    weight: 0.5\n    examples: { match: ['123'], noMatch: [abc] }\n`);
      const r = await cli(['scan', `s=${db.url}`, '--rules', rulesDir, '--format', 'json', '--no-progress'], dir);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        `minim: RULE_INVALID: rules file ${file}: rule nested-digits: the regex can backtrack catastrophically ` +
          `(exponential time in the value's length, from nested or overlapping repeats such as ([0-9]+)+); ` +
          'rewrite it so each character can match only one way; fix the file or remove it from --rules\n',
      );
    }, 60_000);

    it.skipIf(!isRoot)('--out to a character device (mknod copy of /dev/null) writes through and leaves it a device', async () => {
      const sub = mkdtempSync(join(dir, 'dev-'));
      const dev = join(sub, 'null');
      execFileSync('mknod', [dev, 'c', '1', '3']);
      const rdev = lstatSync(dev).rdev;
      for (const format of ['json', 'ndjson']) {
        const r = await cli(['scan', `s=${db.url}`, '--include', 'people', '--format', format, '--out', dev, '--no-progress', '-q'], dir);
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        expect(lstatSync(dev).isCharacterDevice()).toBe(true);
        expect(lstatSync(dev).rdev).toBe(rdev);
      }
    }, 60_000);

    it('--out to a FIFO streams the NDJSON scan to its reader and leaves it a FIFO', async () => {
      const sub = mkdtempSync(join(dir, 'fifo-'));
      const { path, read } = fifoWithReader(sub, 'scan.ndjson');
      await new Promise((r) => setTimeout(r, 200));
      const r = await cli(['scan', `s=${db.url}`, '--include', 'people', '--out', path, '--no-progress', '-q'], dir);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const lines = (await read).trim().split('\n').map((l) => JSON.parse(l) as { type: string; table?: string });
      expect(lines.map((l) => l.type)).toEqual(['scan', 'table', 'end']);
      expect(lstatSync(path).isFIFO()).toBe(true);
    }, 60_000);

    it('--out through a symlink out of its directory is refused (exit 2, one line, target untouched); --follow-symlinks writes through', async () => {
      const sub = mkdtempSync(join(dir, 'link-'));
      mkdirSync(join(sub, 'out'));
      const victim = join(sub, 'victim.txt');
      writeFileSync(victim, 'keep me\n');
      const link = join(sub, 'out', 'scan.json');
      symlinkSync(victim, link);
      const r = await cli(['scan', `s=${db.url}`, '--include', 'people', '--format', 'json', '--out', link, '--no-progress', '-q'], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        `minim: FILE_INVALID: ${link} is a symbolic link to ${victim}, outside ${join(sub, 'out')}; minim does not write through it unless you pass --follow-symlinks (or give the target's path)\n`,
      );
      expect(readFileSync(victim, 'utf8')).toBe('keep me\n');
      const f = await cli(['scan', `s=${db.url}`, '--include', 'people', '--format', 'json', '--out', link, '--follow-symlinks', '--no-progress', '-q'], dir);
      expect(f.code).toBe(0);
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      expect((JSON.parse(readFileSync(victim, 'utf8')) as ScanResult).version).toBe(1);
    }, 60_000);

    it(`a streamed scan of ${TABLES + 1 - TABLES / 10} tables reads back exactly: the end of the scan, --resume and merge agree with the JSON scan`, async () => {
      const json = join(dir, 'all.json');
      const nd = join(dir, 'all.ndjson');
      expect((await cli(['scan', `s=${db.url}`, '--exclude', 't_*9', '--format', 'json', '--out', json, '--no-progress', '-q'], dir)).code).toBe(0);
      // A streamed scan of part of the tables, resumed with the rest, then merged.
      expect((await cli(['scan', `s=${db.url}`, '--exclude', 't_*9,t_1*', '--out', nd, '--no-progress', '-q'], dir)).code).toBe(0);
      expect((await cli(['scan', `s=${db.url}`, '--exclude', 't_*9', '--out', nd, '--resume', '--no-progress', '-q'], dir)).code).toBe(0);
      const merged = join(dir, 'merged.json');
      expect((await cli(['merge', nd, '--out', merged, '-q'], dir)).code).toBe(0);
      const a = JSON.parse(readFileSync(json, 'utf8')) as ScanResult;
      const b = JSON.parse(readFileSync(merged, 'utf8')) as ScanResult;
      const key = (r: ScanResult) => r.columns.map((c) => `${c.schema}.${c.table}.${c.column}:${c.sampled}:${c.findings.map((f) => f.category).join('+')}`);
      expect(key(b)).toEqual(key(a));
      expect(b.stats!.tables).toBe(a.stats!.tables);
      expect(a.stats!.tables).toBe(1 + TABLES - TABLES / 10);
    }, 120_000);

    it('a slow view is cut off by the view timeout (SAMPLE_TIMEOUT), not held until the main statement timeout', async () => {
      const sleepy =
        dialect === 'postgres'
          ? `CREATE VIEW slow_v AS SELECT p.id, p.ssn FROM people p, LATERAL (SELECT pg_sleep(CASE WHEN p.id = 0 THEN 8 ELSE 0 END)) s`
          : `CREATE VIEW slow_v AS SELECT id, ssn, SLEEP(IF(id = 0, 8, 0)) AS z FROM people`;
      await db.exec(sleepy);
      const out = join(dir, 'views.json');
      const r = await cli(['scan', `s=${db.url}`, '--include', 'slow_v', '--timeout', '60000', '--view-timeout', '800', '--format', 'json', '--out', out, '--no-progress', '-q'], dir);
      expect(r.code).toBe(0);
      const scan = JSON.parse(readFileSync(out, 'utf8')) as ScanResult;
      expect(scan.errors.map((e) => [e.table?.replace(/^.*\./, ''), e.code])).toEqual([['slow_v', 'SAMPLE_TIMEOUT']]);
    }, 60_000);
  });
}
