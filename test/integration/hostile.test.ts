/**
 * Hostile identifiers on PostgreSQL and MariaDB, through the CLI (in process):
 * scan → plan → approve → migrate (dry run, then --apply) → label --apply. Schema, table and column
 * names carry quotes, backticks, brackets, semicolons, `--`, spaces, unicode, reserved words and
 * the longest names the engine allows. Planted SSNs are found in every one, masked by migrate, and a
 * sentinel table beside them stays byte-identical (md5 of its contents).
 * NOTE: MariaDB identifiers are limited to the BMP (no emoji) and may not end in a space; the
 * emoji names are PostgreSQL only.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import mysql from 'mysql2/promise';
import YAML from 'yaml';
import { createTestDatabase, getEngine, type TestDatabase } from '../helpers/engines.js';
import { runCli } from '../../src/cli/program.js';
import type { CliContext } from '../../src/cli/context.js';
import { createLogger } from '../../src/util/log.js';
import type { ScanResult } from '../../src/types.js';
import { makeSteward, writeStewards } from '../helpers/stewards.js';

// Approvals are signed: a steward key for "tester", stewards.yaml beside each plan.
const tester = await makeSteward('tester');

const engines = { postgres: await getEngine('postgres'), mysql: await getEngine('mysql') };
for (const [d, e] of Object.entries(engines)) if (e.skip) console.warn(`hostile identifiers on ${d} skipped: ${e.skip}`);

/** Valid SSNs (SSA rules), distinct, none an advertising number. */
const SSNS = Array.from({ length: 40 }, (_, i) => `${String(101 + i * 7).padStart(3, '0')}-${String(11 + i).padStart(2, '0')}-${String(2001 + i * 13).padStart(4, '0')}`);

async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const ctx: CliContext = {
    stdout: { write: (s: string) => void (stdout += s), isTTY: false },
    stderr: { write: (s: string) => void (stderr += s), isTTY: false },
    env: { ...process.env, ...tester.env },
    cwd,
    logger: (level = 'info') => createLogger(level, (l) => void (stderr += l)),
    exitCode: 0,
  };
  const code = await runCli(args, ctx);
  return { code, stdout, stderr };
}

interface Fixture {
  schema: string;
  table: string;
  column: string;
}

function pgFixtures(): Fixture[] {
  const s1 = 'we"ird; --schema';
  const s2 = 'select';
  const long63 = 'é'.repeat(30) + 'ssn'; // 63 bytes
  return [
    { schema: s1, table: 'ta"ble', column: 'ss"n' },
    { schema: s1, table: 'order', column: 'select' },
    { schema: s1, table: 'sp ace; DROP TABLE sentinel; --', column: '[ssn]' },
    { schema: s2, table: 'table', column: '`ssn`' },
    { schema: s2, table: '漢字テーブル', column: '社会保障番号 ssn' },
    { schema: s2, table: 'emoji 😀 t', column: 'ssn 🔒' },
    { schema: s2, table: long63, column: 'ssn_' + 'x'.repeat(59) },
    { schema: 'public', table: "it's -- a table", column: "numéro d'ssn; --" },
  ];
}

function mysqlFixtures(schema: string): Fixture[] {
  return [
    { schema, table: 'ta`ble', column: 'ss`n' },
    { schema, table: 'order', column: 'select' },
    { schema, table: 'sp ace; DROP TABLE sentinel; --', column: '[ssn]' },
    { schema, table: 'ta"ble', column: 'ss"n' },
    { schema, table: '漢字テーブル', column: '社会保障番号 ssn' },
    { schema, table: 'é'.repeat(64), column: 'ssn_' + 'é'.repeat(60) },
    { schema, table: "it's -- a table", column: "numéro d'ssn; --" },
    // ESC, BEL and an ANSI colour sequence in a table name, a newline in a column name: quoted as is
    // in every statement (label's MODIFY COLUMN and its SHOW CREATE TABLE check), escaped in human output.
    { schema, table: 'ev\u001b[31mil\u0007 t', column: 'ssn\nhio.x.y.z  mask  verified' },
  ];
}

const pgId = (s: string) => `"${s.replace(/"/g, '""')}"`;
const myId = (s: string) => `\`${s.replace(/`/g, '``')}\``;
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

for (const dialect of ['postgres', 'mysql'] as const) {
  const engine = engines[dialect];
  describe.skipIf(!engine.engine)(`hostile identifiers on ${dialect === 'postgres' ? 'PostgreSQL' : 'MariaDB'} (real server)`, () => {
    let db: TestDatabase;
    let fixtures: Fixture[];
    let dir: string;
    const id = dialect === 'postgres' ? pgId : myId;
    const q = (f: Fixture) => `${id(f.schema)}.${id(f.table)}`;
    let admin: { rows(sql: string): Promise<Array<Record<string, unknown>>>; close(): Promise<void> };

    const sentinelMd5 = async () => {
      const sql =
        dialect === 'postgres'
          ? `SELECT md5(string_agg(s::text, '|' ORDER BY id)) AS h, count(*)::int AS n FROM sentinel s`
          : `SELECT md5(group_concat(concat_ws(',', id, ssn, note) ORDER BY id SEPARATOR '|')) AS h, count(*) AS n FROM sentinel`;
      return (await admin.rows(sql))[0];
    };

    beforeAll(async () => {
      db = await createTestDatabase(engine.engine!, 'hostile');
      dir = mkdtempSync(join(tmpdir(), `minim-hostile-${dialect}-`));
      await writeStewards(dir, [tester]);
      fixtures = dialect === 'postgres' ? pgFixtures() : mysqlFixtures(db.name);
      const stmts: string[] = [];
      const textType = dialect === 'postgres' ? 'text' : 'varchar(20)';
      if (dialect === 'postgres') for (const s of new Set(fixtures.map((f) => f.schema))) if (s !== 'public') stmts.push(`CREATE SCHEMA ${pgId(s)}`);
      for (const f of fixtures) {
        stmts.push(`CREATE TABLE ${q(f)} (id int PRIMARY KEY, ${id(f.column)} ${textType}, ${id('ok; --')} int)`);
        stmts.push(`INSERT INTO ${q(f)} VALUES ${SSNS.map((s, i) => `(${i}, ${lit(s)}, ${i})`).join(', ')}`);
      }
      stmts.push(`CREATE TABLE sentinel (id int PRIMARY KEY, ssn ${textType}, note ${textType})`);
      stmts.push(`INSERT INTO sentinel VALUES ${SSNS.map((s, i) => `(${i}, ${lit(s)}, 'n${i}')`).join(', ')}`);
      await db.exec(stmts);
      if (dialect === 'postgres') {
        const c = new pg.Client({ connectionString: db.url });
        await c.connect();
        admin = { rows: async (sql) => (await c.query(sql)).rows, close: () => c.end() };
      } else {
        const c = await mysql.createConnection({ uri: db.url });
        admin = { rows: async (sql) => (await c.query(sql))[0] as Array<Record<string, unknown>>, close: () => c.end() };
      }
    });
    afterAll(async () => {
      await admin?.close();
      await db?.drop();
    });

    it('scan finds the planted SSNs in every hostile table; plan → approve → migrate --apply masks them; label --apply; the sentinel is untouched', async () => {
      const before = await sentinelMd5();
      const source = `hostile=${db.url}`;
      const scanFile = join(dir, 'scan.json');
      const s = await cli(['scan', source, '--format', 'json', '--out', scanFile, '--no-progress'], dir);
      expect(s.stderr).not.toMatch(/minim: [A-Z_]+:/);
      expect(s.code).toBe(0);
      const result = JSON.parse(readFileSync(scanFile, 'utf8')) as ScanResult;
      expect(result.errors).toEqual([]);
      for (const f of fixtures) {
        const col = result.columns.find((c) => c.schema === f.schema && c.table === f.table && c.column === f.column);
        expect(col, `${f.schema}.${f.table}.${f.column}`).toBeDefined();
        expect(col!.sampled).toBe(SSNS.length);
        expect(col!.findings.map((x) => x.category), `${f.table}.${f.column}`).toContain('ssn');
        // The neighbour `ok; --` integer column is scanned and found clean.
        expect(result.columns.find((c) => c.schema === f.schema && c.table === f.table && c.column === 'ok; --')!.findings).toEqual([]);
      }

      const planFile = join(dir, 'plan.yaml');
      const p = await cli(['plan', '--scan', scanFile, '--out', planFile], dir);
      expect(p.code, p.stderr).toBe(0);
      const plan = YAML.parse(readFileSync(planFile, 'utf8')) as { items: Array<{ id: string; table: string; schema: string; column: string; category: string; action: string }> };
      const wanted = plan.items.filter((i) => i.category === 'ssn' && i.table !== 'sentinel' && fixtures.some((f) => f.table === i.table && f.column === i.column && f.schema === i.schema));
      expect(wanted.length).toBe(fixtures.length);
      expect(wanted.every((i) => i.action === 'mask')).toBe(true);
      const a = await cli(['approve', planFile, ...wanted.map((i) => i.id), '--reason', 'hostile-identifier test'], dir);
      expect(a.code, a.stderr).toBe(0);

      const sqlFile = join(dir, 'migrate.sql');
      const dry = await cli(['migrate', planFile, '--url', db.url, '--out', sqlFile, '--no-progress'], dir);
      expect(dry.code, dry.stderr).toBe(0);
      const sql = readFileSync(sqlFile, 'utf8');
      for (const f of fixtures) expect(sql).toContain(id(f.column));
      expect(sql).not.toMatch(/[.\s][`"]?sentinel[`"]?\s+SET\b/i); // no statement updates the sentinel
      for (const v of SSNS) expect(sql).not.toContain(v);

      const apply = await cli(['migrate', planFile, '--url', db.url, '--apply', '--no-progress'], dir);
      expect(apply.code, apply.stderr + apply.stdout).toBe(0);
      for (const f of fixtures) {
        const rows = await admin.rows(`SELECT ${id(f.column)} AS v FROM ${q(f)} ORDER BY id`);
        expect(rows.length).toBe(SSNS.length);
        for (const [i, r] of rows.entries()) {
          expect(r['v'], `${f.table}.${f.column}`).not.toBe(SSNS[i]);
          if (r['v'] !== null) expect(String(r['v']).endsWith(SSNS[i]!.slice(-4))).toBe(true);
        }
      }
      const again = await cli(['migrate', planFile, '--url', db.url, '--apply', '--no-progress'], dir);
      expect(again.code, again.stderr).toBe(0);

      const labelSql = join(dir, 'label.sql');
      const ls = await cli(['label', source, '--scan', scanFile, '--out', labelSql], dir);
      expect(ls.code, ls.stderr).toBe(0);
      const statements = readFileSync(labelSql, 'utf8');
      for (const f of fixtures) expect(statements).toContain(id(f.column));
      const l = await cli(['label', source, '--scan', scanFile, '--apply'], dir);
      expect(l.code, l.stderr).toBe(0);
      expect(l.stderr).toMatch(/^Labelled \d+ column\(s\)/);
      expect(l.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
      for (const f of fixtures) {
        const comment =
          dialect === 'postgres'
            ? (await admin.rows(`SELECT col_description(${lit(q(f))}::regclass, attnum) AS c FROM pg_attribute WHERE attrelid = ${lit(q(f))}::regclass AND attname = ${lit(f.column)}`))[0]?.['c']
            : (await admin.rows(`SELECT COLUMN_COMMENT AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ${lit(f.schema)} AND TABLE_NAME = ${lit(f.table)} AND COLUMN_NAME = ${lit(f.column)}`))[0]?.['c'];
        expect(String(comment ?? ''), `label on ${f.table}.${f.column}`).toMatch(/ssn/i);
      }
      expect(await sentinelMd5()).toEqual(before);
    }, 120_000);
  });
}
