/**
 * Hostile identifiers, one suite over PostgreSQL, MariaDB and SQL Server, through the CLI (in process):
 * scan → plan → approve → migrate (dry run, then --apply) → label --apply. Schema, table and column
 * names carry quotes, backticks, brackets, semicolons, `--`, spaces, unicode, reserved words and
 * the longest names the engine allows. Planted SSNs are found in every one, masked by migrate, and a
 * sentinel table beside them stays byte-identical (md5 of its contents).
 * NOTE: MariaDB identifiers are limited to the BMP (no emoji) and may not end in a space; the
 * emoji names are PostgreSQL and SQL Server only. SQL Server names are at most 128 characters and
 * its labels are sensitivity classifications (read from sys.sensitivity_classifications).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import YAML from 'yaml';
import { createTestDatabase, type EngineDialect, type TestDatabase } from '../helpers/engines.js';
import { openAdmin, QUOTE, LITERAL, type AdminSession } from '../helpers/admin.js';
import { forEachEngine, SERVER_DIALECTS, serverOf, suiteEngines } from '../helpers/suite.js';
import { runCli } from '../../src/cli/program.js';
import type { CliContext } from '../../src/cli/context.js';
import { createLogger } from '../../src/util/log.js';
import type { ScanResult } from '../../src/types.js';
import { makeSteward, writeStewards } from '../helpers/stewards.js';

// Approvals are signed: a steward key for "tester", stewards.yaml beside each plan.
const tester = await makeSteward('tester');

const ENGINES = await suiteEngines(SERVER_DIALECTS);

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

function mssqlFixtures(): Fixture[] {
  const s1 = 'we"ird; --schema';
  const s2 = 'select';
  return [
    { schema: s1, table: 'ta]ble', column: 'ss]n' },
    { schema: s1, table: 'order', column: 'select' },
    { schema: s1, table: 'sp ace; DROP TABLE sentinel; --', column: '[ssn]' },
    { schema: s2, table: 'table', column: '`ssn`' },
    { schema: s2, table: '漢字テーブル', column: '社会保障番号 ssn' },
    { schema: s2, table: 'emoji 😀 t', column: 'ssn 🔒' },
    { schema: s2, table: 'é'.repeat(125) + 'ssn', column: 'ssn_' + 'x'.repeat(124) }, // 128 characters each
    { schema: 'dbo', table: "it's -- a table", column: "numéro d'ssn; --" },
  ];
}

/** Per engine: the fixtures, the text type, the default schema (created by no one), the sentinel digest. */
const ENGINE: Record<EngineDialect, { fixtures(db: TestDatabase): Fixture[]; text: string; defaultSchema: string | null; sentinelMd5: string }> = {
  postgres: {
    fixtures: () => pgFixtures(), text: 'text', defaultSchema: 'public',
    sentinelMd5: `SELECT md5(string_agg(s::text, '|' ORDER BY id)) AS h, count(*)::int AS n FROM sentinel s`,
  },
  mysql: {
    fixtures: (db) => mysqlFixtures(db.name), text: 'varchar(20)', defaultSchema: null,
    sentinelMd5: `SELECT md5(group_concat(concat_ws(',', id, ssn, note) ORDER BY id SEPARATOR '|')) AS h, count(*) AS n FROM sentinel`,
  },
  mssql: {
    fixtures: () => mssqlFixtures(), text: 'nvarchar(20)', defaultSchema: 'dbo',
    sentinelMd5: `SELECT CONVERT(varchar(64), HASHBYTES('MD5', (SELECT STRING_AGG(CONCAT(id, N',', ssn, N',', note), N'|') WITHIN GROUP (ORDER BY id) FROM sentinel)), 2) AS h, (SELECT COUNT(*) FROM sentinel) AS n`,
  },
};

/** The label each engine keeps for a column, read by the test's own session. */
function labelSql(dialect: EngineDialect, f: Fixture, q: string): string {
  const lit = LITERAL[dialect];
  if (dialect === 'postgres') return `SELECT col_description(${lit(q)}::regclass, attnum) AS c FROM pg_attribute WHERE attrelid = ${lit(q)}::regclass AND attname = ${lit(f.column)}`;
  if (dialect === 'mysql') return `SELECT COLUMN_COMMENT AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ${lit(f.schema)} AND TABLE_NAME = ${lit(f.table)} AND COLUMN_NAME = ${lit(f.column)}`;
  return `SELECT CONVERT(nvarchar(200), information_type) AS c FROM sys.sensitivity_classifications WHERE major_id = OBJECT_ID(${lit(q)}) AND minor_id = COLUMNPROPERTY(OBJECT_ID(${lit(q)}), ${lit(f.column)}, 'ColumnId')`;
}

/** How the migration SQL may quote a name (SQL Server: QUOTED_IDENTIFIER or brackets). */
const SQL_QUOTES: Record<EngineDialect, Array<(s: string) => string>> = {
  postgres: [QUOTE.postgres],
  mysql: [QUOTE.mysql],
  mssql: [QUOTE.postgres, QUOTE.mssql],
};

forEachEngine('hostile names', ENGINES, (e) => {
  const dialect = e.dialect;
  let db: TestDatabase;
  let fixtures: Fixture[];
  let dir: string;
  const id = QUOTE[dialect];
  const lit = LITERAL[dialect];
  const q = (f: Fixture) => `${id(f.schema)}.${id(f.table)}`;
  let admin: AdminSession;

  const sentinelMd5 = async () => (await admin.rows(ENGINE[dialect].sentinelMd5))[0];

  beforeAll(async () => {
    db = await createTestDatabase(serverOf(e), 'hostile');
    dir = mkdtempSync(join(tmpdir(), `minim-hostile-${dialect}-`));
    await writeStewards(dir, [tester]);
    fixtures = ENGINE[dialect].fixtures(db);
    const stmts: string[] = [];
    const textType = ENGINE[dialect].text;
    if (dialect !== 'mysql') for (const s of new Set(fixtures.map((f) => f.schema))) if (s !== ENGINE[dialect].defaultSchema) stmts.push(`CREATE SCHEMA ${id(s)}`);
    for (const f of fixtures) {
      stmts.push(`CREATE TABLE ${q(f)} (id int PRIMARY KEY, ${id(f.column)} ${textType}, ${id('ok; --')} int)`);
      stmts.push(`INSERT INTO ${q(f)} VALUES ${SSNS.map((s, i) => `(${i}, ${lit(s)}, ${i})`).join(', ')}`);
    }
    stmts.push(`CREATE TABLE sentinel (id int PRIMARY KEY, ssn ${textType}, note ${textType})`);
    stmts.push(`INSERT INTO sentinel VALUES ${SSNS.map((s, i) => `(${i}, ${lit(s)}, 'n${i}')`).join(', ')}`);
    await db.exec(stmts);
    admin = await openAdmin(dialect, db.url);
  }, 180_000);
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
    // Both write paths meet the hostile names: every other item masks every value (values: all,
    // the SQL file's statements); the rest keep the default, validated values only, where the
    // client picks the rows (--apply). The steward seals the edit before approving.
    const whole = new Set(wanted.filter((_, k) => k % 2 === 0).map((i) => i.id));
    const doc = YAML.parse(readFileSync(planFile, 'utf8')) as { items: Array<{ id: string; values?: string }> };
    for (const i of doc.items) if (whole.has(i.id)) i.values = 'all';
    writeFileSync(planFile, YAML.stringify(doc));
    const sealed = await cli(['steward', 'seal', planFile], dir);
    expect(sealed.code, sealed.stderr).toBe(0);
    const a = await cli(['approve', planFile, ...wanted.map((i) => i.id), '--reason', 'hostile-identifier test'], dir);
    expect(a.code, a.stderr).toBe(0);

    const sqlFile = join(dir, 'migrate.sql');
    const dry = await cli(['migrate', planFile, '--url', db.url, '--out', sqlFile, '--no-progress'], dir);
    expect(dry.code, dry.stderr).toBe(0);
    const sql = readFileSync(sqlFile, 'utf8');
    for (const f of fixtures) {
      const item = wanted.find((i) => i.table === f.table && i.column === f.column && i.schema === f.schema)!;
      if (whole.has(item.id)) expect(SQL_QUOTES[dialect].some((quote) => sql.includes(quote(f.column))), f.column).toBe(true);
    }
    expect(sql.match(/masks only values that validate as ssn \(values: validated\)/g)?.length).toBe(wanted.length - whole.size);
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

    const labelFile = join(dir, 'label.sql');
    const ls = await cli(['label', source, '--scan', scanFile, '--out', labelFile], dir);
    expect(ls.code, ls.stderr).toBe(0);
    const statements = readFileSync(labelFile, 'utf8');
    for (const f of fixtures) expect(statements).toContain(id(f.column));
    const l = await cli(['label', source, '--scan', scanFile, '--apply'], dir);
    expect(l.code, l.stderr).toBe(0);
    expect(l.stderr).toMatch(/^Labelled \d+ column\(s\)/);
    expect(l.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    for (const f of fixtures) {
      const comment = (await admin.rows(labelSql(dialect, f, q(f))))[0]?.['c'];
      expect(String(comment ?? ''), `label on ${f.table}.${f.column}`).toMatch(/ssn/i);
    }
    expect(await sentinelMd5()).toEqual(before);
  }, 120_000);
});
