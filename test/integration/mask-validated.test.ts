/**
 * Column masks change the values that were found, not the column's placeholders: an SSN column
 * where some rows say `000-00-0000`, `N/A` or `unknown, ask HR` (values no SSN validator accepts).
 * With the plan's default for SSNs (`values: validated`) migrate masks exactly the validated rows,
 * the dry run says which rows stay and in what (masked) shapes, and the SQL file says it cannot do
 * this; with `values: all`, chosen by the steward before approving, every pending value changes and
 * the dry run counts the ones that hold no SSN. Editing the choice after approval voids it.
 * Every changed row and column is read back through the test's own admin session.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type EngineDialect, type TestDatabase } from '../helpers/engines.js';
import { forEachEngine, SERVER_DIALECTS, serverOf, suiteEngines } from '../helpers/suite.js';
import { adminRows, LITERAL, QUOTE } from '../helpers/admin.js';
import { approvedCopy, basePlan, editItems } from '../helpers/approve.js';
import { runCaptured } from '../helpers/cli.js';
import { readPlan } from '../../src/plan/plan-file.js';
import { VALIDATORS } from '../../src/validators/index.js';

const ROWS = 400;
/** Rows 1–280 hold SSNs in issued ranges; then 40 each of three placeholders. */
const VALID = 280;
const PLACEHOLDERS = ['000-00-0000', 'N/A', 'unknown, ask HR'] as const;
const ssnOf = (i: number) => `${100 + (i % 500)}-${String(10 + (i % 89)).padStart(2, '0')}-${String(1000 + ((i * 7) % 8999)).padStart(4, '0')}`;
const valueOf = (i: number) => (i <= VALID ? ssnOf(i) : PLACEHOLDERS[Math.floor((i - VALID - 1) / 40)]!);
const TABLES = ['staff_validated', 'staff_all', 'staff_hash', 'staff_edit', 'staff_trig'] as const;
/** More rows than one statement's key list may carry on SQL Server (2,000 keys), in one batch. */
const BIG = 4_500;

function seed(d: EngineDialect): string[] {
  const t = (n: string) => (d === 'mysql' ? QUOTE[d](n) : `mv.${QUOTE[d](n)}`);
  const text = d === 'postgres' ? 'text' : 'varchar(100)';
  const out: string[] = d === 'mysql' ? [] : ['CREATE SCHEMA mv'];
  for (const name of TABLES) {
    out.push(`CREATE TABLE ${t(name)} (id integer PRIMARY KEY, full_name varchar(60), ssn ${text}, dept varchar(20))`);
    const rows = Array.from({ length: ROWS }, (_, k) => k + 1).map((i) => `(${i}, ${LITERAL[d](`Person ${i}`)}, ${LITERAL[d](valueOf(i))}, ${LITERAL[d](i % 2 ? 'parks' : 'water')})`);
    out.push(`INSERT INTO ${t(name)} VALUES ${rows.join(', ')}`);
  }
  // An audit trigger that copies each updated row's old SSN: it must fire for the 280 rows masked, no other.
  out.push(`CREATE TABLE ${t('staff_trig_audit')} (id integer, old_ssn ${text})`);
  if (d === 'postgres') {
    out.push(
      `CREATE FUNCTION mv.audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO mv.staff_trig_audit VALUES (OLD.id, OLD.ssn); RETURN NEW; END $$`,
      `CREATE TRIGGER staff_trig_audit_copy AFTER UPDATE ON mv.staff_trig FOR EACH ROW EXECUTE FUNCTION mv.audit()`,
    );
  } else if (d === 'mysql') {
    out.push(`CREATE TRIGGER staff_trig_audit_copy AFTER UPDATE ON staff_trig FOR EACH ROW INSERT INTO staff_trig_audit VALUES (OLD.id, OLD.ssn)`);
  } else {
    out.push(`CREATE TRIGGER mv.staff_trig_audit_copy ON mv.staff_trig AFTER UPDATE AS INSERT INTO mv.staff_trig_audit SELECT id, ssn FROM deleted`);
  }
  out.push(`CREATE TABLE ${t('staff_big')} (id integer PRIMARY KEY, full_name varchar(60), ssn ${text}, dept varchar(20))`);
  // SQL Server takes at most 1,000 rows per VALUES list.
  for (let from = 1; from <= BIG; from += 1000) {
    const rows = Array.from({ length: Math.min(1000, BIG - from + 1) }, (_, k) => from + k).map((i) => `(${i}, ${LITERAL[d](`Person ${i}`)}, ${LITERAL[d](i % 10 === 0 ? 'N/A yet' : ssnOf(i))}, 'parks')`);
    out.push(`INSERT INTO ${t('staff_big')} VALUES ${rows.join(', ')}`);
  }
  return out;
}

forEachEngine('column masks of validated values', await suiteEngines(SERVER_DIALECTS), (e) => {
  const dialect = e.dialect;
  let db: TestDatabase;
  let dir: string;
  let base: string;
  let schema: string;
  const id = (table: string) => `mv.${schema}.${table}.ssn:mask`;
  const cli = (...argv: string[]) => runCaptured(argv, { MINIM_HASH_SALT: 'mask-validated-salt' });
  /** Every row of a table: id → its columns as text. */
  const rowsOf = async (table: string) => {
    const from = dialect === 'mysql' ? QUOTE[dialect](table) : `mv.${QUOTE[dialect](table)}`;
    const rows = await adminRows(dialect, db.url, `SELECT id, full_name, ssn, dept FROM ${from}`);
    return new Map(rows.map((r) => [Number(r['id']), { full_name: String(r['full_name']), ssn: String(r['ssn']), dept: String(r['dept']) }]));
  };
  /** Ids whose row differs, and the columns that differ. */
  const changes = (before: Awaited<ReturnType<typeof rowsOf>>, after: Awaited<ReturnType<typeof rowsOf>>) => {
    const ids: number[] = [];
    const cols = new Set<string>();
    for (const [k, b] of before) {
      const a = after.get(k)!;
      const diff = (Object.keys(b) as Array<keyof typeof b>).filter((c) => a[c] !== b[c]);
      if (diff.length > 0) ids.push(k);
      for (const c of diff) cols.add(c);
    }
    return { ids: ids.sort((x, y) => x - y), cols: [...cols].sort() };
  };
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => from + k);
  const planWith = (name: string, ids: string[], edit?: Parameters<typeof editItems>[1]) => approvedCopy(base, name, ids, edit);

  beforeAll(async () => {
    db = await createTestDatabase(serverOf(e), `mv_${dialect}`);
    await db.exec(seed(dialect));
    schema = dialect === 'mysql' ? db.name : 'mv';
    dir = mkdtempSync(join(tmpdir(), 'minim-mv-'));
    ({ base } = await basePlan(db.url, 'mv', dir));
  }, 180_000);
  afterAll(async () => {
    await db?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the fixture: the SSN validator accepts rows 1–280 and none of the placeholders', () => {
    for (const i of range(1, VALID)) expect(VALIDATORS.ssn!(ssnOf(i)), ssnOf(i)).toBeGreaterThanOrEqual(0.5);
    for (const p of ['000-00-0000', 'N/A', 'unknown, ask HR']) expect(VALIDATORS.ssn!(p)).toBeLessThan(0.5);
  });

  it('the plan masks validated values only by default, and says so to the steward', async () => {
    const item = (await readPlan(base)).items.find((i) => i.id === id('staff_validated'))!;
    expect(item).toMatchObject({ action: 'mask', strategy: 'last4', values: 'validated' });
  });

  it('values: validated changes exactly the 280 rows holding an SSN, only their ssn column; the placeholders stay', async () => {
    const p = await planWith('validated', [id('staff_validated')]);
    const before = await rowsOf('staff_validated');
    const out = join(dir, 'validated.sql');
    const dry = await cli('migrate', p, '--url', db.url, '--out', out);
    expect(dry.code).toBe(0);
    expect(dry.stderr).toContain(`${id('staff_validated')}  mask last4  would change ${VALID} row(s)`);
    // N/A has nothing last4 would hide; the other two placeholders are pending and stay.
    expect(dry.stderr).toContain('stays: 80 row(s) holding no value that validates as ssn (40 like ***-**-****, 40 like ***, *** ***); set values: all to mask them too');
    expect(dry.stderr).not.toMatch(/000-00-0000|unknown, ask HR/);
    expect(readFileSync(out, 'utf8')).toContain('masks only values that validate as ssn (values: validated)');
    expect(changes(before, await rowsOf('staff_validated')).ids).toEqual([]);

    const r = await cli('migrate', p, '--url', db.url, '--apply', '--batch-size', '64');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/staff_validated\.ssn:mask {2}mask last4 {2}done: changed 280 row\(s\), skipped 0, in \d+ batch\(es\).*verified \(ssn\)/);
    const after = await rowsOf('staff_validated');
    const d = changes(before, after);
    expect(d.ids).toEqual(range(1, VALID));
    expect(d.cols).toEqual(['ssn']);
    for (const i of range(1, VALID)) expect(after.get(i)!.ssn).toBe(`***-**-${ssnOf(i).slice(-4)}`);
    for (const i of range(VALID + 1, ROWS)) expect(after.get(i)!.ssn).toBe(valueOf(i));

    const again = await cli('migrate', p, '--url', db.url, '--apply');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/staff_validated\.ssn:mask {2}mask last4 {2}done: changed 0 row\(s\)/);
    expect(changes(after, await rowsOf('staff_validated')).ids).toEqual([]);
  });

  it('values: all, the steward’s choice, masks every pending value; the dry run counts those holding no SSN', async () => {
    const p = await planWith('all', [id('staff_all')], (items) => items.map((i) => (i.id === id('staff_all') ? { ...i, values: 'all' as const } : i)));
    const before = await rowsOf('staff_all');
    const dry = await cli('migrate', p, '--url', db.url);
    expect(dry.stderr).toContain(`${id('staff_all')}  mask last4  would change 360 row(s)`);
    expect(dry.stderr).toContain('of them 80 hold no value that validates as ssn (40 like ***-**-****, 40 like ***, *** ***); values: all masks them too (set values: validated to leave them)');
    const r = await cli('migrate', p, '--url', db.url, '--apply');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/staff_all\.ssn:mask {2}mask last4 {2}done: changed 360 row\(s\)/);
    const d = changes(before, await rowsOf('staff_all'));
    expect(d.ids).toEqual([...range(1, 320), ...range(361, ROWS)]);
    expect(d.cols).toEqual(['ssn']);
  });

  it('hash with values: validated: the 280 SSNs become salted hashes, nothing else changes, and it verifies', async () => {
    const p = await planWith('hash', [id('staff_hash')], (items) => items.map((i) => (i.id === id('staff_hash') ? { ...i, strategy: 'hash' as const } : i)));
    const before = await rowsOf('staff_hash');
    const r = await cli('migrate', p, '--url', db.url, '--apply', '--batch-size', '100');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/staff_hash\.ssn:mask {2}mask hash {2}done: changed 280 row\(s\).*verified \(ssn\)/);
    const after = await rowsOf('staff_hash');
    const d = changes(before, after);
    expect(d.ids).toEqual(range(1, VALID));
    expect(d.cols).toEqual(['ssn']);
    for (const i of range(1, VALID)) expect(after.get(i)!.ssn).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('a batch of 5,000 rows picks 4,050 SSNs: the key lists are cut to what one statement may carry', async () => {
    const p = await planWith('big', [id('staff_big')]);
    const before = await rowsOf('staff_big');
    const r = await cli('migrate', p, '--url', db.url, '--apply');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/staff_big\.ssn:mask {2}mask last4 {2}done: changed 4050 row\(s\), skipped 0, in 1 batch\(es\).*verified \(ssn\)/);
    const d = changes(before, await rowsOf('staff_big'));
    expect(d.ids).toEqual(range(1, BIG).filter((i) => i % 10 !== 0));
    expect(d.cols).toEqual(['ssn']);
  });

  it('a trigger refuses the item until the steward accepts it; then it fires for the 280 rows masked and no other', async () => {
    const auditIds = async () => {
      const from = dialect === 'mysql' ? QUOTE[dialect]('staff_trig_audit') : `mv.${QUOTE[dialect]('staff_trig_audit')}`;
      return (await adminRows(dialect, db.url, `SELECT id FROM ${from}`)).map((r) => Number(r['id'])).sort((x, y) => x - y);
    };
    const before = await rowsOf('staff_trig');
    const refused = await cli('migrate', await planWith('trig', [id('staff_trig')]), '--url', db.url, '--apply');
    expect(refused.code).toBe(2);
    expect(refused.stdout).toMatch(/staff_trig\.ssn:mask {2}mask last4 {2}failed: refused: .*has trigger staff_trig_audit_copy/);
    expect(changes(before, await rowsOf('staff_trig')).ids).toEqual([]);
    expect(await auditIds()).toEqual([]);

    const accepted = await planWith('trig-accept', [id('staff_trig')], (items) => items.map((i) => (i.id === id('staff_trig') ? { ...i, triggers: 'accept' as const } : i)));
    const r = await cli('migrate', accepted, '--url', db.url, '--apply', '--batch-size', '64');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/staff_trig\.ssn:mask {2}mask last4 {2}done: changed 280 row\(s\).*trigger staff_trig_audit_copy fired \(accepted\)/);
    expect(changes(before, await rowsOf('staff_trig')).ids).toEqual(range(1, VALID));
    // No placeholder row was touched, not even by an UPDATE that set it to itself.
    expect(await auditIds()).toEqual(range(1, VALID));
  });

  it('changing values after approval voids the approval: nothing runs', async () => {
    const p = await planWith('edit', [id('staff_edit')]);
    await editItems(p, (items) => items.map((i) => (i.id === id('staff_edit') ? { ...i, values: 'all' as const } : i)));
    const before = await rowsOf('staff_edit');
    const r = await cli('migrate', p, '--url', db.url, '--apply');
    expect(r.code).not.toBe(0);
    expect(r.stderr + r.stdout).toMatch(/\[item-edited\] the item changed after Test Steward signed it/);
    expect(changes(before, await rowsOf('staff_edit')).ids).toEqual([]);
  });
});
