/**
 * The write path changes exactly what was found and approved, and nothing else, on real
 * PostgreSQL and MariaDB/MySQL: scan → plan → approve (test/helpers/approve.ts) → migrate, and for
 * every table a before/after snapshot of every row and column, so each test names the exact rows
 * and columns that changed. Tables: notes where 1 in 20 rows holds a validated SSN or card among
 * parcel, invoice, order, ZIP+4 and phone-like numbers; a unique SSN column; triggers (audit,
 * updated_at) and an ON UPDATE column; a view and a generated column; a timestamp(6) composite key;
 * a table without a key; a column named `n`; concurrent writers during apply; SIGKILL mid-apply.
 * The server-restart test runs on a PostgreSQL cluster of its own (port 5441), created and dropped here.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type EngineDialect, type TestDatabase } from '../helpers/engines.js';
import { forEachEngine, serverOf, suiteEngines } from '../helpers/suite.js';
import { approvedCopy, approveItems, basePlan, editItems, stewardsFor } from '../helpers/approve.js';
import { runCaptured } from '../helpers/cli.js';
import { scan } from '../../src/scan/index.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { loadPolicy } from '../../src/plan/policy.js';
import { readPlan, writePlan } from '../../src/plan/plan-file.js';
import { migrate } from '../../src/migrate/migrate.js';
import type { ScanResult } from '../../src/types.js';

const CLI = new URL('../../dist/src/cli/main.js', import.meta.url).pathname;
const DIALECTS: readonly EngineDialect[] = ['postgres', 'mysql'];

// ---- data (our own rows, from documented shapes) ----------------------------------------------
/** A valid SSN: area 100-599, group 10-98, serial 1000-9998. */
const ssnOf = (i: number) => `${100 + (i % 500)}-${String(10 + (i % 89)).padStart(2, '0')}-${1000 + ((i * 7) % 8999)}`;
/** Distinct valid SSNs for a unique column. */
const uniqueSsn = (i: number) => `${100 + Math.floor(i / 80)}-${String(10 + (i % 80)).padStart(2, '0')}-${1000 + i}`;
const CARDS = ['4111111111111111', '5500005555555559', '4012888888881881', '6011111111111117', '5105105105105100'];
/** 16 digits that fail the Luhn check: an invoice number. */
const invoiceOf = (i: number) => {
  const base = `7${String(100000000000000 + i * 7919).padStart(15, '0')}`.slice(0, 16);
  const luhnOk = (s: string) => [...s].reverse().reduce((a, c, k) => a + (k % 2 ? ((+c * 2) % 10) + Math.floor((+c * 2) / 10) : +c), 0) % 10 === 0;
  return luhnOk(base) ? base.slice(0, 15) + String((+base[15]! + 1) % 10) : base;
};
const NOTE_ROWS = 400;
type Planted = { kind: 'ssn' | 'card' | 'other'; before: string; after: string };
function noteOf(i: number): Planted {
  if (i % 20 === 0) return { kind: 'ssn', before: `Caller gave SSN ${ssnOf(i)} to verify identity`, after: 'Caller gave SSN [REDACTED-SSN] to verify identity' };
  if (i % 20 === 10) return { kind: 'card', before: `Paid with visa ${CARDS[Math.floor(i / 20) % 5]} at counter`, after: 'Paid with visa [REDACTED-CREDIT-CARD] at counter' };
  const other = [
    `Parcel ${900 + (i % 99)}-${String(10 + (i % 80)).padStart(2, '0')}-${1000 + i} regraded`, // area 9xx: no SSN
    `Invoice ${invoiceOf(i)} sent`, // fails Luhn: no card
    `Order ref ${String(412559081 + i * 13)} shipped`, // nine digits, no SSN context
    `Deliver to ZIP 64106-${String(1000 + i)}`,
    `Call ${816}-1${String(i % 90).padStart(2, '0')}-1313 after 5`, // exchange 1xx: no valid phone
    `Pothole near block ${i}`,
  ][i % 6]!;
  return { kind: 'other', before: other, after: other };
}

const q = (d: EngineDialect, id: string) => (d === 'mysql' ? '`' + id.replace(/`/g, '``') + '`' : '"' + id.replace(/"/g, '""') + '"');
const lit = (v: string) => `'${v.replace(/'/g, "''")}'`;

function seed(d: EngineDialect, bigRows: number): string[] {
  const t = (n: string) => (d === 'postgres' ? `wp.${q(d, n)}` : q(d, n));
  const txt = d === 'postgres' ? 'text' : 'varchar(400)';
  const ts6 = d === 'postgres' ? 'timestamp(6)' : 'datetime(6)';
  const out: string[] = d === 'postgres' ? ['CREATE SCHEMA wp'] : [];
  const rows = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, k) => f(k + 1)).join(', ');
  out.push(
    `CREATE TABLE ${t('notes')} (id integer PRIMARY KEY, body ${txt}, status varchar(10))`,
    `INSERT INTO ${t('notes')} VALUES ${rows(NOTE_ROWS, (i) => `(${i}, ${lit(noteOf(i).before)}, ${lit(i % 3 ? 'open' : 'closed')})`)}`,
    `CREATE TABLE ${t('people')} (id integer PRIMARY KEY, ssn varchar(80) UNIQUE, full_name varchar(40))`,
    `INSERT INTO ${t('people')} VALUES ${rows(300, (i) => `(${i}, ${lit(uniqueSsn(i))}, ${lit(`Person ${i}`)})`)}`,
    `CREATE VIEW ${t('v_staff')} AS SELECT id, ssn FROM ${t('people')}`,
    `CREATE TABLE ${t('trig')} (id integer PRIMARY KEY, ssn varchar(11), updated_at ${ts6})`,
    `CREATE TABLE ${t('trig_audit')} (old_ssn varchar(11))`,
    `INSERT INTO ${t('trig')} VALUES ${rows(120, (i) => `(${i}, ${lit(ssnOf(i + 1))}, '2020-01-01 00:00:00')`)}`,
    `CREATE TABLE ${t('gen')} (id integer PRIMARY KEY, ssn varchar(11), ssn_digits varchar(11) ${d === 'postgres' ? `GENERATED ALWAYS AS (replace(ssn, '-', '')) STORED` : `AS (REPLACE(ssn, '-', '')) STORED`})`,
    `INSERT INTO ${t('gen')} (id, ssn) VALUES ${rows(120, (i) => `(${i}, ${lit(ssnOf(i + 2))})`)}`,
    `CREATE TABLE ${t('events')} (at ${ts6} NOT NULL, seq integer NOT NULL, ssn varchar(11), PRIMARY KEY (at, seq))`,
    // 60 keys within one millisecond: microseconds are all that tells them apart.
    `INSERT INTO ${t('events')} VALUES ${rows(60, (i) => `('2024-03-01 12:00:00.${String(100 + Math.floor(i / 3)).padStart(6, '0')}', ${i % 3}, ${lit(ssnOf(i + 3))})`)}`,
    `CREATE TABLE ${t('nokey')} (rid integer, ssn varchar(11), note varchar(40))`,
    `INSERT INTO ${t('nokey')} VALUES ${rows(150, (i) => `(${i}, ${lit(ssnOf(i + 4))}, ${lit(`row ${i}`)})`)}`,
    `CREATE TABLE ${t('t_n')} (id integer PRIMARY KEY, n varchar(11))`,
    `INSERT INTO ${t('t_n')} VALUES ${rows(200, (i) => `(${i}, ${lit(ssnOf(i + 5))})`)}`,
    `CREATE TABLE ${t('busy')} (id integer PRIMARY KEY, ssn varchar(11), body ${txt}, counter integer NOT NULL DEFAULT 0)`,
    `INSERT INTO ${t('busy')} (id, ssn, body) VALUES ${rows(3000, (i) => `(${i}, ${lit(ssnOf(i + 6))}, ${lit(noteOf(i).before)})`)}`,
    `CREATE TABLE ${t('big')} (id integer PRIMARY KEY, ssn varchar(11), body ${txt})`,
  );
  for (let s = 0; s < bigRows; s += 2000) {
    out.push(`INSERT INTO ${t('big')} VALUES ${Array.from({ length: Math.min(2000, bigRows - s) }, (_, k) => s + k + 1).map((i) => `(${i}, ${lit(ssnOf(i + 7))}, ${lit(noteOf(i).before)})`).join(', ')}`);
  }
  if (d === 'postgres') {
    out.push(
      `CREATE FUNCTION wp.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$`,
      `CREATE FUNCTION wp.audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO wp.trig_audit VALUES (OLD.ssn); RETURN NEW; END $$`,
      `CREATE TRIGGER trig_touch BEFORE UPDATE ON wp.trig FOR EACH ROW EXECUTE FUNCTION wp.touch()`,
      `CREATE TRIGGER trig_audit_copy AFTER UPDATE ON wp.trig FOR EACH ROW EXECUTE FUNCTION wp.audit()`,
      'ANALYZE',
    );
  } else {
    out.push(
      `CREATE TRIGGER trig_touch BEFORE UPDATE ON trig FOR EACH ROW SET NEW.updated_at = NOW(6)`,
      `CREATE TRIGGER trig_audit_copy AFTER UPDATE ON trig FOR EACH ROW INSERT INTO trig_audit VALUES (OLD.ssn)`,
      `CREATE TABLE onupd (id integer PRIMARY KEY, ssn varchar(11), modified timestamp NOT NULL DEFAULT '2020-01-01 00:00:00' ON UPDATE CURRENT_TIMESTAMP)`,
      `INSERT INTO onupd (id, ssn) VALUES ${rows(100, (i) => `(${i}, ${lit(ssnOf(i + 8))})`)}`,
    );
  }
  return out;
}

// ---- snapshots: every row and column, before and after ------------------------------------------
type Snapshot = Map<string, Record<string, string | null>>;

async function snapshot(d: EngineDialect, url: string, schema: string, table: string, key: readonly string[]): Promise<Snapshot> {
  let rows: Array<Record<string, unknown>>;
  if (d === 'postgres') {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      rows = (await c.query(`SELECT row_to_json(t)::text AS j FROM ${q(d, schema)}.${q(d, table)} t`)).rows.map((r) => JSON.parse(r.j as string) as Record<string, unknown>);
    } finally {
      await c.end();
    }
  } else {
    const c = await mysql.createConnection({ uri: url, dateStrings: true, supportBigNumbers: true, bigNumberStrings: true });
    try {
      rows = (await c.query(`SELECT * FROM ${q(d, table)}`))[0] as Array<Record<string, unknown>>;
    } finally {
      await c.end();
    }
  }
  const out: Snapshot = new Map();
  for (const r of rows) {
    const rec = Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? null : String(v)]));
    out.set(JSON.stringify(key.map((k) => rec[k])), rec);
  }
  return out;
}

/** Per changed row (by key): the columns whose value differs. Rows added or removed are listed apart. */
function diff(before: Snapshot, after: Snapshot): { changed: Map<string, string[]>; added: string[]; removed: string[] } {
  const changed = new Map<string, string[]>();
  for (const [k, b] of before) {
    const a = after.get(k);
    if (!a) continue;
    const cols = Object.keys(b).filter((c) => b[c] !== a[c]);
    if (cols.length > 0) changed.set(k, cols);
  }
  return { changed, added: [...after.keys()].filter((k) => !before.has(k)), removed: [...before.keys()].filter((k) => !after.has(k)) };
}

const columnsChanged = (d: ReturnType<typeof diff>) => [...new Set([...d.changed.values()].flat())].sort();

forEachEngine('write path', await suiteEngines(DIALECTS), (e) => {
  const dialect = e.dialect;
  const engine = serverOf(e);
  let db: TestDatabase;
  let dir: string;
  let base: string;
  let scanned: ScanResult;
  let schema: string;
  const id = (table: string, column: string, action = 'mask') => `wp.${schema}.${table}.${column}:${action}`;
  const snap = (table: string, key: readonly string[] = ['id']) => snapshot(dialect, db.url, schema, table, key);
  /** A plan file of its own with `ids` approved, after `edit`. */
  const planWith = (name: string, ids: string[], edit?: Parameters<typeof editItems>[1]) => approvedCopy(base, name, ids, edit);
  const cli = (...argv: string[]) => runCaptured(argv, { MINIM_HASH_SALT: 'test-salt-123' });

  beforeAll(async () => {
    db = await createTestDatabase(engine, `wp_${dialect}`);
    await db.exec(seed(dialect, 20_000));
    schema = dialect === 'postgres' ? 'wp' : db.name;
    dir = mkdtempSync(join(tmpdir(), 'minim-wp-'));
    ({ scanned, base } = await basePlan(db.url, 'wp', dir, { exact: true }));
  }, 180_000);
  afterAll(async () => {
    await db?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('--exact counts equal the validated counts computed independently', () => {
    const body = scanned.columns.find((c) => c.table === 'notes' && c.column === 'body')!;
    const planted = (kind: string) => Array.from({ length: NOTE_ROWS }, (_, k) => noteOf(k + 1)).filter((n) => n.kind === kind).length;
    expect(body.findings.find((f) => f.category === 'ssn')?.exactCount).toBe(planted('ssn'));
    expect(body.findings.find((f) => f.category === 'credit_card')?.exactCount).toBe(planted('card'));
    const people = scanned.columns.find((c) => c.table === 'people' && c.column === 'ssn')!;
    expect(people.findings.find((f) => f.category === 'ssn')?.exactCount).toBe(300);
  });

  it('notes: only the validated SSNs and cards change; parcel, invoice, order, ZIP+4 and phone-like numbers stay', async () => {
    const p = await planWith('notes', [id('notes', 'body')]);
    const item = (await readPlan(p)).items.find((i) => i.id === id('notes', 'body'))!;
    expect(item).toMatchObject({ strategy: 'redact', redact: ['credit_card', 'ssn'] });
    const before = await snap('notes');
    const dry = await cli('migrate', p, '--url', db.url, '--out', join(dir, 'notes.sql'));
    expect(dry.code).toBe(0);
    expect(dry.stderr).toContain(`${id('notes', 'body')}  mask redact  would change 40 row(s)`);
    expect(dry.stderr).toMatch(/e\.g\. Caller gave SSN \*\*\*-\*\*-\d{4} to verify identity → Caller gave SSN \[REDACTED-SSN\] to verify identity/);
    expect(dry.stderr).toMatch(/stays: (Parcel|Invoice|Order ref) \*+/);
    expect(readFileSync(join(dir, 'notes.sql'), 'utf8')).toContain("needs the scan's validators (client side)");
    const r = await cli('migrate', p, '--url', db.url, '--apply', '--batch-size', '37');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/notes\.body:mask {2}mask redact {2}done: changed 40 row\(s\), skipped 0, .*verified \(credit_card, ssn\)/);
    const after = await snap('notes');
    const d = diff(before, after);
    const expected = Array.from({ length: NOTE_ROWS }, (_, k) => k + 1).filter((i) => noteOf(i).kind !== 'other');
    expect([...d.changed.keys()].sort()).toEqual(expected.map((i) => JSON.stringify([String(i)])).sort());
    expect(columnsChanged(d)).toEqual(['body']);
    for (const i of expected) expect(after.get(JSON.stringify([String(i)]))!['body']).toBe(noteOf(i).after);
    const again = await cli('migrate', p, '--url', db.url, '--apply');
    expect(again.stdout).toMatch(/notes\.body:mask {2}mask redact {2}done: changed 0 row\(s\)/);
    expect(diff(after, await snap('notes')).changed.size).toBe(0);
  });

  it('a unique SSN column refuses last4 (naming item, constraint and hash), then hash applies', async () => {
    const bad = await planWith('people-last4', [id('people', 'ssn')], (items) => items.map((i) => (i.id === id('people', 'ssn') ? { ...i, strategy: 'last4' } : i)));
    const before = await snap('people');
    const dry = await cli('migrate', bad, '--url', db.url);
    expect(dry.stderr).toMatch(new RegExp(`people\\.ssn:mask {2}mask last4 {2}REFUSED: item ${id('people', 'ssn').replace(/\./g, '\\.')}: ${schema}\\.people\\.ssn is in unique constraint/index \\S+; last4 would make values collide — approve strategy hash`));
    const r = await cli('migrate', bad, '--url', db.url, '--apply');
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/people\.ssn:mask {2}mask last4 {2}failed: refused: item/);
    expect(diff(before, await snap('people')).changed.size).toBe(0);

    const good = await planWith('people-hash', [id('people', 'ssn')], (items) => items.map((i) => (i.id === id('people', 'ssn') ? { ...i, strategy: 'hash' } : i)));
    const ok = await cli('migrate', good, '--url', db.url, '--apply', '--batch-size', '64');
    expect(ok.code).toBe(0);
    const after = await snap('people');
    const d = diff(before, after);
    expect(d.changed.size).toBe(300);
    expect(columnsChanged(d)).toEqual(['ssn']);
    expect(new Set([...after.values()].map((r) => r['ssn'])).size).toBe(300);
    expect([...after.values()].every((r) => /^sha256:[0-9a-f]{64}$/.test(r['ssn']!))).toBe(true);
  });

  it('triggers are refused unless the item accepts them; then they fire and the verdict says so', async () => {
    const refused = await planWith('trig', [id('trig', 'ssn')]);
    const before = await snap('trig');
    const audit = await snap('trig_audit', ['old_ssn']);
    const r = await cli('migrate', refused, '--url', db.url, '--apply');
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(new RegExp(`trig\\.ssn:mask {2}mask last4 {2}failed: refused: item \\S+trig\\.ssn:mask: ${schema}\\.trig has trigger trig_audit_copy, trigger trig_touch that would fire on UPDATE`));
    expect(diff(before, await snap('trig')).changed.size).toBe(0);
    expect((await snap('trig_audit', ['old_ssn'])).size).toBe(audit.size);

    const accepted = await planWith('trig-accept', [id('trig', 'ssn')], (items) => items.map((i) => (i.id === id('trig', 'ssn') ? { ...i, triggers: 'accept' as const } : i)));
    const ok = await cli('migrate', accepted, '--url', db.url, '--apply');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/trig\.ssn:mask .*verified \(ssn\).*trigger trig_audit_copy, trigger trig_touch fired \(accepted\)/);
    expect(columnsChanged(diff(before, await snap('trig')))).toEqual(['ssn', 'updated_at']);
    expect((await snap('trig_audit', ['old_ssn'])).size).toBe(120);
  });

  it('a view and a generated column get no write item; a view item is refused, pointing at the base column', async () => {
    const plan = await readPlan(base);
    const writes = plan.items.filter((i) => ['mask', 'purge', 'drop'].includes(i.action));
    expect(writes.filter((i) => i.table === 'v_staff' || i.column === 'ssn_digits')).toEqual([]);
    const forged = id('v_staff', 'ssn');
    const p = await planWith('view', [forged, id('gen', 'ssn')], (items) => [...items, { ...items.find((i) => i.id === id('people', 'ssn'))!, id: forged, table: 'v_staff', strategy: 'last4' }]);
    const before = await snap('gen');
    const people = await snap('people');
    const r = await cli('migrate', p, '--url', db.url, '--apply');
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(new RegExp(`v_staff\\.ssn:mask {2}mask last4 {2}failed: refused: item \\S+v_staff\\.ssn:mask: ${schema}\\.v_staff is a view, not a base table; plan the base ${dialect === 'postgres' ? `column ${schema}\\.people\\.ssn` : 'table it reads'} instead`));
    expect(r.stdout).toMatch(/gen\.ssn:mask {2}mask last4 {2}done: changed 120 row/);
    // The generated column follows its input; nothing else moved.
    expect(columnsChanged(diff(before, await snap('gen')))).toEqual(['ssn', 'ssn_digits']);
    expect(diff(people, await snap('people')).changed.size).toBe(0);
  });

  it('a timestamp(6) composite key advances batch by batch (microseconds kept) and finishes', async () => {
    const p = await planWith('events', [id('events', 'ssn')]);
    const before = await snap('events', ['at', 'seq']);
    const r = await cli('migrate', p, '--url', db.url, '--apply', '--batch-size', '7');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/events\.ssn:mask {2}mask last4 {2}done: changed 60 row\(s\), skipped 0, in (9|10) batch\(es\)/);
    const d = diff(before, await snap('events', ['at', 'seq']));
    expect(d.changed.size).toBe(60);
    expect(columnsChanged(d)).toEqual(['ssn']);
  });

  it(dialect === 'postgres' ? 'a table without a key is batched by ctid with a value guard' : 'a table without a key is refused with what to do', async () => {
    const p = await planWith('nokey', [id('nokey', 'ssn')]);
    const before = await snap('nokey', ['rid']);
    const r = await cli('migrate', p, '--url', db.url, '--apply', '--batch-size', '40');
    const d = diff(before, await snap('nokey', ['rid']));
    if (dialect === 'postgres') {
      expect(r.code).toBe(0);
      expect(d.changed.size).toBe(150);
      expect(columnsChanged(d)).toEqual(['ssn']);
    } else {
      expect(r.code).toBe(2);
      expect(r.stdout).toMatch(new RegExp(`nokey\\.ssn:mask {2}mask last4 {2}failed: refused: item \\S+nokey\\.ssn:mask: ${schema}\\.nokey has no primary key or unique NOT NULL key to batch by; add one`));
      expect(d.changed.size).toBe(0);
    }
  });

  it('a column named n: the SQL file run by the engine client masks what the dry run counted', async (ctx) => {
    // values: all (the steward's choice): the file can state that; masking validated values only needs --apply.
    const p = await planWith('t_n', [id('t_n', 'n')], (items) => items.map((i) => (i.id === id('t_n', 'n') ? { ...i, values: 'all' as const } : i)));
    const out = join(dir, 't_n.sql');
    const dry = await cli('migrate', p, '--url', db.url, '--out', out);
    expect(dry.stderr).toContain(`${id('t_n', 'n')}  mask last4  would change 200 row(s)`);
    const client = dialect === 'postgres' ? 'psql' : 'mariadb';
    if (spawnSync('which', [client]).status !== 0) return ctx.skip(`no ${client} client on PATH to run the SQL file`);
    const before = await snap('t_n');
    const u = new URL(db.url);
    const args = dialect === 'postgres' ? ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', db.url, '-f', out] : ['-h', u.hostname, '-P', u.port || '3306', '-u', u.username, '--binary-mode', db.name];
    execFileSync(client, args, { input: readFileSync(out), stdio: ['pipe', 'pipe', 'pipe'] });
    const d = diff(before, await snap('t_n'));
    expect(d.changed.size).toBe(200);
    expect(columnsChanged(d)).toEqual(['n']);
    const again = await cli('migrate', p, '--url', db.url, '--apply');
    expect(again.stdout).toMatch(/t_n\.n:mask {2}mask last4 {2}done: changed 0 row\(s\)/);
  });

  if (dialect === 'mysql') {
    it('an ON UPDATE CURRENT_TIMESTAMP column keeps its value', async () => {
      const p = await planWith('onupd', [id('onupd', 'ssn')]);
      const before = await snap('onupd');
      const dry = await cli('migrate', p, '--url', db.url);
      expect(dry.stderr).toContain('preflight: ON UPDATE column(s) modified kept as they were');
      const r = await cli('migrate', p, '--url', db.url, '--apply', '--batch-size', '30');
      expect(r.code).toBe(0);
      const d = diff(before, await snap('onupd'));
      expect(d.changed.size).toBe(100);
      expect(columnsChanged(d)).toEqual(['ssn']);
    });
  }

  it('concurrent writers during apply: no lost update, nothing validated left, verified', async () => {
    const p = await planWith('busy', [id('busy', 'ssn'), id('busy', 'body')]);
    const before = await snap('busy');
    const counts = new Map<number, number>();
    let stop = false;
    const writer = async () => {
      const exec = dialect === 'postgres'
        ? await (async () => {
            const c = new pg.Client({ connectionString: db.url });
            await c.connect();
            return { run: (sqlText: string, params: unknown[]) => c.query(sqlText, params), end: () => c.end() };
          })()
        : await (async () => {
            const c = await mysql.createConnection({ uri: db.url });
            return { run: (sqlText: string, params: unknown[]) => c.execute(sqlText, params as never[]), end: () => c.end() };
          })();
      let n = 0;
      try {
        while (!stop) {
          const rowId = 1 + ((n * 7919) % 3000);
          await exec.run(dialect === 'postgres' ? 'UPDATE wp.busy SET counter = counter + 1 WHERE id = $1' : 'UPDATE busy SET counter = counter + 1 WHERE id = ?', [rowId]);
          counts.set(rowId, (counts.get(rowId) ?? 0) + 1);
          n++;
        }
      } finally {
        await exec.end();
      }
    };
    const writers = [writer(), writer()];
    const r = await cli('migrate', p, '--url', db.url, '--apply', '--batch-size', '100');
    stop = true;
    await Promise.all(writers);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Verified.');
    const after = await snap('busy');
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    for (const [rowId, c] of counts) expect(after.get(JSON.stringify([String(rowId)]))!['counter']).toBe(String(c));
    const d = diff(before, after);
    expect(columnsChanged(d)).toEqual(counts.size > 0 ? ['body', 'counter', 'ssn'] : ['body', 'ssn']);
    for (let i = 1; i <= 3000; i++) expect(after.get(JSON.stringify([String(i)]))!['body']).toBe(noteOf(i).after);
  });

  it('SIGKILL mid-apply, then a rerun resumes from the journal to the same end state; a third run changes nothing', async (ctx) => {
    if (!existsSync(CLI)) return ctx.skip('dist/ not built (npm test builds it first)');
    const p = await planWith('big', [id('big', 'ssn'), id('big', 'body')]);
    const journal = `${p}.journal.ndjson`;
    const before = await snap('big');
    const child = spawn(process.execPath, [CLI, 'migrate', p, '--url', db.url, '--apply', '--batch-size', '200'], { stdio: 'ignore', env: { ...process.env, CI: 'true' } });
    const exited = new Promise<string | null>((res) => child.on('exit', (_c, s) => res(s)));
    for (let k = 0; k < 600 && !(existsSync(journal) && readFileSync(journal, 'utf8').split('\n').length > 12); k++) await new Promise((res) => setTimeout(res, 25));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const mid = diff(before, await snap('big'));
    expect(mid.changed.size).toBeGreaterThan(0);
    expect(mid.changed.size).toBeLessThan(20_000);
    const r = await cli('migrate', p, '--url', db.url, '--apply', '--batch-size', '200');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(resumed)');
    const after = await snap('big');
    const d = diff(before, after);
    expect(d.changed.size).toBe(20_000);
    expect(columnsChanged(d)).toEqual(['body', 'ssn']);
    for (let i = 1; i <= 20_000; i += 37) {
      const row = after.get(JSON.stringify([String(i)]))!;
      expect(row['body']).toBe(noteOf(i).after);
      expect(row['ssn']).toBe(`***-**-${ssnOf(i + 7).slice(-4)}`);
    }
    const third = await cli('migrate', p, '--url', db.url, '--apply');
    expect([...third.stdout.matchAll(/changed (\d+) row/g)].map((m) => Number(m[1]))).toEqual([0, 0]);
  });
});

// ---- a server restart mid-apply, on a PostgreSQL cluster of this test's own ---------------------
const CLUSTER = { version: '15', name: 'minim_writepath', port: 5441 };

describe('server restart mid-apply (own PostgreSQL cluster on port 5441)', () => {
  const tools = spawnSync('which', ['pg_createcluster']).status === 0 && process.getuid?.() === 0;
  if (!tools) {
    it.skip('skipped: needs pg_createcluster and root (CI runs as root on the same machine kind)', () => {});
    return;
  }
  const url = `postgres://postgres@127.0.0.1:${CLUSTER.port}/postgres`;
  const ctl = (...args: string[]) => execFileSync(args[0]!, args.slice(1), { stdio: 'pipe' });
  beforeAll(() => {
    spawnSync('pg_dropcluster', ['--stop', CLUSTER.version, CLUSTER.name], { stdio: 'pipe' });
    ctl('pg_createcluster', CLUSTER.version, CLUSTER.name, '-p', String(CLUSTER.port), '--', '--auth=trust');
    ctl('pg_ctlcluster', CLUSTER.version, CLUSTER.name, 'start');
  }, 120_000);
  afterAll(() => {
    spawnSync('pg_dropcluster', ['--stop', CLUSTER.version, CLUSTER.name], { stdio: 'pipe' });
  });

  it('the run fails with every item listed, and a rerun resumes to the same end state as a clean run', async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query('CREATE SCHEMA wp');
    await c.query('CREATE TABLE wp.big (id integer PRIMARY KEY, ssn varchar(11), body text)');
    // Distinct valid SSNs per row (the same value in every row would read as a template, not data).
    const ssnSql = `(100 + i % 500)::text || '-' || lpad((10 + i % 89)::text, 2, '0') || '-' || (1000 + (i * 7) % 8999)::text`;
    await c.query(`INSERT INTO wp.big SELECT i, ${ssnSql}, 'Caller gave SSN ' || ${ssnSql} || ' to verify identity' FROM generate_series(1, 6000) i`);
    await c.query('ANALYZE');
    await c.end();
    const dir = mkdtempSync(join(tmpdir(), 'minim-wp-restart-'));
    const scanned = await scan({ sources: [{ name: 'wp', url }] });
    const planPath = join(dir, 'plan.yaml');
    await writePlan(planPath, buildPlan(scanned, await loadPolicy()));
    await approveItems(planPath, ['wp.wp.big.ssn:mask', 'wp.wp.big.body:mask']);
    const plan = await readPlan(planPath);
    const urls = new Map([['wp', url]]);
    let batches = 0;
    const stewards = await stewardsFor(planPath);
    const first = await migrate({
      plan, planFile: planPath, urls, stewards, apply: true, batchSize: 250, journal: `${planPath}.journal.ndjson`,
      // The server goes down under the run after the 4th batch (fast shutdown: sessions terminated) …
      onBatch: () => {
        if (++batches === 4) ctl('pg_ctlcluster', CLUSTER.version, CLUSTER.name, 'stop', '-m', 'fast');
      },
    });
    // … and comes back before the rerun.
    ctl('pg_ctlcluster', CLUSTER.version, CLUSTER.name, 'start');
    const states = first.sources[0]!.items.map((i) => [i.id, i.outcome]);
    expect(first.verified).toBe(false);
    expect(states).toEqual([
      ['wp.wp.big.body:mask', 'failed'],
      ['wp.wp.big.ssn:mask', 'not-started'],
    ]);
    const second = await migrate({ plan, planFile: planPath, urls, stewards, apply: true, batchSize: 250, journal: `${planPath}.journal.ndjson` });
    expect(second.verified).toBe(true);
    expect(second.sources[0]!.items.find((i) => i.id === 'wp.wp.big.body:mask')).toMatchObject({ outcome: 'done', resumed: true });
    const check = new pg.Client({ connectionString: url });
    await check.connect();
    const { rows } = await check.query(`SELECT count(*)::int AS n FROM wp.big WHERE body = 'Caller gave SSN [REDACTED-SSN] to verify identity' AND ssn = '***-**-' || right(${ssnSql.replace(/\bi\b/g, 'id')}, 4)`);
    await check.end();
    expect(rows[0].n).toBe(6000);
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});

// ---- SQL Server: client-side redaction (e-mail too) and the preflight, where an engine exists ------
forEachEngine('write path', await suiteEngines(['mssql'] as const), (e) => {
  const engine = serverOf(e);
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDatabase(engine, 'wp_mssql');
    const rows = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, k) => f(k + 1)).join(', ');
    const mailOf = (i: number) => (i % 20 === 5 ? `Reply to resident${i}@example.org please` : noteOf(i).before);
    await db.exec([
      'CREATE TABLE dbo.notes (id int PRIMARY KEY, body nvarchar(400), status nvarchar(10))',
      `INSERT INTO dbo.notes VALUES ${rows(400, (i) => `(${i}, N${lit(mailOf(i))}, N'open')`)}`,
      'CREATE TABLE dbo.people (id int PRIMARY KEY, ssn nvarchar(80) UNIQUE, full_name nvarchar(40))',
      `INSERT INTO dbo.people VALUES ${rows(300, (i) => `(${i}, N${lit(uniqueSsn(i))}, N'Person ${i}')`)}`,
    ]);
    dir = mkdtempSync(join(tmpdir(), 'minim-wp-mssql-'));
  }, 300_000);
  afterAll(async () => {
    await db?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('redacts validated SSNs, cards and e-mails in the client; a unique column refuses last4', async () => {
    const scanned = await scan({ sources: [{ name: 'wp', url: db.url }] });
    const planPath = join(dir, 'plan.yaml');
    await writePlan(planPath, buildPlan(scanned, await loadPolicy()));
    const plan = await readPlan(planPath);
    const body = plan.items.find((i) => i.table === 'notes' && i.column === 'body' && i.action === 'mask')!;
    const people = plan.items.find((i) => i.table === 'people' && i.column === 'ssn' && i.action === 'mask')!;
    await editItems(planPath, (items) => items.map((i) => (i.id === people.id ? { ...i, strategy: 'last4' } : i.id === body.id ? { ...i, redact: ['credit_card', 'email', 'ssn'] } : i)));
    await approveItems(planPath, [body.id, people.id]);
    const r = await runCaptured(['migrate', planPath, '--url', db.url, '--apply', '--batch-size', '50']);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/notes\.body:mask {2}mask redact {2}done: changed 60 row\(s\)/);
    expect(r.stdout).toMatch(/people\.ssn:mask {2}mask last4 {2}failed: refused: item .*unique/);
  });
});
