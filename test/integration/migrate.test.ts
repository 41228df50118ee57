/**
 * scan → plan → approve → migrate --apply → verify, one suite over every server engine
 * (PostgreSQL, MariaDB, SQL Server where reachable; expectations that differ are typed per engine): no
 * validated SSN or card number remains in a masked column, a second apply changes nothing,
 * every column and row the plan does not name is byte-identical, a tampered or stale plan is refused.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type EngineDialect, type TestDatabase } from '../helpers/engines.js';
import { forEachEngine, SERVER_DIALECTS, serverOf, suiteEngines } from '../helpers/suite.js';
import { openAdmin, QUOTE } from '../helpers/admin.js';
import { runCli } from '../../src/cli/program.js';
import type { CliContext } from '../../src/cli/context.js';
import { createLogger } from '../../src/util/log.js';
import { scan } from '../../src/scan/index.js';
import { VALIDATORS } from '../../src/validators/index.js';
import { readPlan, writePlan } from '../../src/plan/plan-file.js';
import { HOSTILE_COLUMN, HOSTILE_TABLE, ROWS, seedStatements, ssnOf, cardOf } from './migrate-fixture.js';
import { makeSteward, writeStewards, type TestSteward } from '../helpers/stewards.js';

// Approvals are signed: steward "ana" has a key; stewards.yaml sits next to each plan.
const ana: TestSteward = await makeSteward('ana');

const ENGINES = await suiteEngines(SERVER_DIALECTS);

/**
 * Where the engines differ. MySQL/MariaDB and SQL Server have no row locator: the keyless
 * legacy_export is refused by the preflight, naming item and table; PostgreSQL batches it by ctid.
 */
const KEYLESS_REFUSED: Record<EngineDialect, boolean> = { postgres: false, mysql: true, mssql: true };
/** The hostile table as each engine's migration SQL must quote it (SQL Server: QUOTED_IDENTIFIER or brackets). */
const HOSTILE_QUOTED: Record<EngineDialect, RegExp> = {
  postgres: /"hr"\."Client ""Records""; --"/,
  mysql: /`Client "Records"; --`/,
  mssql: /"hr"\."Client ""Records""; --"|\[hr\]\.\[Client "Records"; --\]/,
};
/** A type change after planning, per engine. */
const RETYPE_SSN: Record<EngineDialect, string> = {
  postgres: 'ALTER TABLE hr.employees ALTER COLUMN ssn TYPE varchar(20)',
  mysql: 'ALTER TABLE employees MODIFY ssn varchar(20)',
  mssql: 'ALTER TABLE hr.employees ALTER COLUMN ssn varchar(20)',
};

/** Columns the approved plan masks, per table; everything else must stay byte-identical. */
const MASKED: Record<string, string[]> = {
  employees: ['ssn', 'date_of_birth'],
  card_payments: ['card_number'],
  service_requests: ['notes'],
  legacy_export: ['social_security_number'],
  [HOSTILE_TABLE]: [HOSTILE_COLUMN],
};
const COLUMNS: Record<string, string[]> = {
  employees: ['id', 'full_name', 'ssn', 'date_of_birth', 'hire_date', 'salary'],
  card_payments: ['payment_id', 'card_number', 'amount', 'paid_on'],
  service_requests: ['request_id', 'notes', 'status'],
  legacy_export: ['social_security_number', 'batch_code', 'amount'],
  [HOSTILE_TABLE]: ['id', HOSTILE_COLUMN, 'label'],
};

function cli(cwd: string) {
  let out = '';
  let err = '';
  const ctx: CliContext = {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    env: { ...process.env, ...ana.env },
    cwd,
    logger: (level = 'info') => createLogger(level, (l) => (err += l)),
    exitCode: 0,
  };
  return {
    run: async (...argv: string[]) => {
      out = '';
      err = '';
      ctx.exitCode = 0;
      const code = await runCli(argv, ctx);
      return { code, out, err };
    },
  };
}

/** Reads rows of `columns` from a table, ordered deterministically, through the test's own driver. */
async function readColumns(dialect: EngineDialect, url: string, table: string, columns: string[]): Promise<unknown[][]> {
  const q = QUOTE[dialect];
  const from = dialect === 'mysql' ? q(table) : `hr.${q(table)}`;
  const list = columns.map(q).join(', ');
  const sql = `SELECT ${list} FROM ${from} ORDER BY ${list}`;
  if (dialect === 'mssql') {
    const a = await openAdmin(dialect, url);
    try {
      return (await a.rows(sql)).map((r) => columns.map((c) => r[c]));
    } finally {
      await a.close();
    }
  }
  if (dialect === 'postgres') {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return (await c.query({ text: sql, rowMode: 'array' })).rows as unknown[][];
    } finally {
      await c.end();
    }
  }
  const c = await mysql.createConnection({ uri: url, dateStrings: true });
  try {
    const [rows] = await c.query({ sql, rowsAsArray: true });
    return rows as unknown[][];
  } finally {
    await c.end();
  }
}

/** sha256 over every column the plan does not name, per table. */
async function untouchedChecksums(dialect: EngineDialect, url: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [table, cols] of Object.entries(COLUMNS)) {
    const keep = cols.filter((c) => !MASKED[table]!.includes(c));
    const rows = await readColumns(dialect, url, table, keep);
    out[table] = createHash('sha256').update(JSON.stringify(rows)).digest('hex') + `:${rows.length}`;
  }
  return out;
}

const validates = (id: string, v: unknown) => typeof v === 'string' && VALIDATORS[id]!(v) >= 0.5;

forEachEngine('migrate', ENGINES, (e) => {
  const dialect = e.dialect;
  const engine = serverOf(e);
  let db: TestDatabase;
  let dir: string;
  let planPath: string;
  const run = (...argv: string[]) => cli(dir).run(...argv);

  beforeAll(async () => {
    db = await createTestDatabase(engine, `migrate_${dialect}`);
    await db.exec(seedStatements(dialect));
    dir = await mkdtemp(join(tmpdir(), 'minim-migrate-'));
    planPath = join(dir, 'plan.yaml');
    await writeStewards(dir, [ana]);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('plans, approves, applies, verifies; a second run changes nothing; everything else is byte-identical', async () => {
    // The seed really holds what the test then expects gone.
    expect((await readColumns(dialect, db.url, 'employees', ['ssn'])).filter((r) => validates('ssn', r[0])).length).toBe(ROWS);
    const before = await untouchedChecksums(dialect, db.url);

    const result = await scan({ sources: [{ name: 'hr', url: db.url }] });
    const scanPath = join(dir, 'scan.json');
    await writeFile(scanPath, JSON.stringify(result));
    expect(await run('plan', '--scan', scanPath, '--out', planPath)).toMatchObject({ code: 0 });
    // The steward has the hostile table's SSNs masked whole (values: all), so the SQL file carries
    // its statement (the quoting under test); the other SSN and card columns keep the default,
    // validated values only, which needs --apply.
    const proposed = await readPlan(planPath);
    expect(proposed.items.find((i) => i.table === 'employees' && i.column === 'ssn' && i.action === 'mask')?.values).toBe('validated');
    await writePlan(planPath, { ...proposed, items: proposed.items.map((i) => (i.table === HOSTILE_TABLE && i.action === 'mask' ? { ...i, values: 'all' as const } : i)) });
    // An edit to a sealed plan is deliberate only once a steward seals it again.
    expect(await run('steward', 'seal', planPath)).toMatchObject({ code: 0 });
    // --min-confidence 0.7: also the person-name retain item (0.75), below the bulk default (0.8).
    expect(await run('approve', planPath, '--all', '--min-confidence', '0.7', '--reason', 'minimization review 2026-11')).toMatchObject({ code: 0 });

    const plan = await readPlan(planPath);
    const masks = plan.items.filter((i) => i.action === 'mask').map((i) => `${i.table}.${i.column}:${i.strategy}`).sort();
    expect(masks).toEqual(
      [
        `${HOSTILE_TABLE}.${HOSTILE_COLUMN}:last4`,
        'card_payments.card_number:last4',
        'employees.date_of_birth:year',
        'employees.ssn:last4',
        'legacy_export.social_security_number:last4',
        'service_requests.notes:redact',
      ].sort(),
    );
    // The approval trail says who and why, with a digest per item.
    for (const item of plan.items) expect(item.decisions).toEqual([expect.objectContaining({ by: 'ana', decision: 'approved', reason: 'minimization review 2026-11' })]);

    // Dry run: SQL with counts, no raw value in it.
    const sqlPath = join(dir, 'migrate.sql');
    const dry = await run('migrate', planPath, '--url', db.url, '--out', sqlPath);
    expect(dry.code).toBe(0);
    expect(dry.err).toMatch(/employees\.ssn:mask {2}mask last4 {2}would change 1200 row\(s\)/);
    expect(dry.err).toMatch(/e\.g\. \*\*\*-\*\*-\d{4} → \*\*\*-\*\*-\d{4}/);
    const sqlText = await readFile(sqlPath, 'utf8');
    for (let i = 1; i <= ROWS; i += 97) {
      expect(sqlText).not.toContain(ssnOf(i));
      expect(sqlText).not.toContain(cardOf(i));
    }
    expect(sqlText).toMatch(HOSTILE_QUOTED[dialect]);

    const applied = await run('migrate', planPath, '--url', db.url, '--apply', '--batch-size', '250');
    const keyless = KEYLESS_REFUSED[dialect];
    expect(applied.err).toContain(keyless ? 'NOT verified' : 'Verified.');
    expect(applied.code).toBe(keyless ? 2 : 0);
    expect(applied.out).toMatch(/employees\.ssn:mask {2}mask last4 {2}done: changed 1200 row\(s\), skipped 0, in \d+ batch\(es\)/);
    if (keyless) expect(applied.out).toMatch(/legacy_export\.social_security_number:mask {2}mask last4 {2}failed: refused: item \S+legacy_export\.social_security_number:mask: \S+legacy_export has no primary key or unique NOT NULL key/);
    else expect(applied.out).toMatch(/legacy_export\.social_security_number:mask {2}mask last4 {2}done: changed 1200 row\(s\)/);
    expect(applied.out).toMatch(/service_requests\.notes:mask {2}mask redact {2}done: changed 377 row\(s\)/);

    // Read back: no validated SSN or card number in any masked column.
    for (const [table, cols] of Object.entries(MASKED)) {
      if (keyless && table === 'legacy_export') continue;
      for (const col of cols) {
        const values = (await readColumns(dialect, db.url, table, [col])).map((r) => r[0]);
        expect(values).toHaveLength(ROWS);
        if (col === 'date_of_birth') {
          expect(values.every((v) => /-01-01/.test(v instanceof Date ? v.toISOString() : String(v)))).toBe(true);
          continue;
        }
        const hits = values.flatMap((v) => String(v).match(/\d{3}-\d{2}-\d{4}|\d{13,19}/g) ?? []);
        expect(hits.filter((h) => validates('ssn', h) || validates('card', h))).toEqual([]);
      }
    }
    const notes = (await readColumns(dialect, db.url, 'service_requests', ['notes'])).map((r) => String(r[0]));
    expect(notes.filter((n) => n.includes('[REDACTED-SSN]'))).toHaveLength(ROWS / 5);
    expect(notes.some((n) => /@example\.org/.test(n))).toBe(false);

    expect(await untouchedChecksums(dialect, db.url)).toEqual(before);

    const again = await run('migrate', planPath, '--url', db.url, '--apply');
    expect(again.code).toBe(keyless ? 2 : 0);
    const changed = [...again.out.matchAll(/changed (\d+) row/g)].map((m) => Number(m[1]));
    expect(changed).toHaveLength(keyless ? 5 : 6);
    expect(changed.every((n) => n === 0)).toBe(true);
    expect(await untouchedChecksums(dialect, db.url)).toEqual(before);
  });

  it('refuses a plan whose approved item was edited (APPROVAL_INVALID item-edited), changing nothing', async () => {
    const text = await readFile(planPath, 'utf8');
    const tampered = join(dir, 'tampered.yaml');
    // Edit the card item's strategy after approval.
    const edited = text.replace(/(column: card_number\n(?:.*\n)*?\s+strategy: )last4/, '$1"null"');
    expect(edited).not.toBe(text);
    await writeFile(tampered, edited);
    const r = await run('migrate', tampered, '--url', db.url, '--apply');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^minim: APPROVAL_INVALID: .*card_payments\.card_number:mask: \[item-edited\]/);
    expect((await readColumns(dialect, db.url, 'card_payments', ['card_number'])).every((row) => row[0] !== null)).toBe(true);
  });

  it('refuses a plan whose columns changed type since planning (PLAN_STALE)', async () => {
    await db.exec(RETYPE_SSN[dialect]);
    const r = await run('migrate', planPath, '--url', db.url);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^minim: PLAN_STALE: .*employees\.ssn: column type changed from/);
  });
});
