/**
 * Signed approvals on real PostgreSQL and MariaDB, through the CLI: every forgery of a plan is refused
 * by `migrate` with its own named reason (APPROVAL_INVALID [reason], SOURCE_MISMATCH), a valid
 * two-steward purge applies, `minim verify` prints the trail, and a version 1 plan is never applied.
 */
import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, getEngine, type EngineDialect, type TestDatabase } from '../helpers/engines.js';
import { runCli } from '../../src/cli/program.js';
import type { CliContext } from '../../src/cli/context.js';
import { createLogger } from '../../src/util/log.js';
import { scan } from '../../src/scan/index.js';
import { formatPlan, readPlan } from '../../src/plan/plan-file.js';
import { itemDigest } from '../../src/plan/digest.js';
import { decide } from '../../src/plan/decide.js';
import type { Plan, PlanItem } from '../../src/plan/plan-schema.js';
import { parseStewards } from '../../src/approvals/stewards.js';
import { makeSteward, stewardsYaml, type TestSteward } from '../helpers/stewards.js';

const ROWS = 240;
const ssn = (i: number) => `${100 + (i % 500)}-${10 + (i % 89)}-${1000 + ((i * 7) % 8999)}`;
const dob = (i: number) => `${1950 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`;
/** Even rows were hired long ago (their birth dates are past retention), odd rows this year. */
const hired = (i: number) => (i % 2 === 0 ? `2010-0${1 + (i % 9)}-15` : new Date().toISOString().slice(0, 10));

const POLICY = `version: 1
categories:
  ssn:
    default: {action: mask, strategy: last4, reason: The full SSN is not needed; the last four digits suffice.}
  dob:
    default: {action: purge, strategy: blank, reason: Birth dates of staff hired over a year ago are erased., retention: 1y, date_columns: [hire_date]}
`;

function seed(d: EngineDialect, extraColumn = false): string[] {
  const rows = Array.from({ length: ROWS }, (_, k) => k + 1)
    .map((i) => `(${i}, 'Person ${i}', '${ssn(i)}', '${ssn(i + 11)}', '${dob(i)}', '${hired(i)}'${extraColumn ? ', 1' : ''})`)
    .join(', ');
  return [
    `CREATE TABLE employees (id integer PRIMARY KEY, full_name varchar(80), ssn varchar(11), old_ssn varchar(11), date_of_birth date, hire_date date${extraColumn ? ', badge integer' : ''})`,
    `INSERT INTO employees VALUES ${rows}`,
    d === 'postgres' ? 'ANALYZE employees' : 'ANALYZE TABLE employees',
  ];
}

async function countNull(d: EngineDialect, url: string, column: string): Promise<number> {
  const sql = `SELECT COUNT(*) AS n FROM employees WHERE ${column} IS NULL`;
  if (d === 'postgres') {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return Number((await c.query(sql)).rows[0].n);
    } finally {
      await c.end();
    }
  }
  const c = await mysql.createConnection({ uri: url });
  try {
    const [rows] = await c.query(sql);
    return Number((rows as Array<{ n: number }>)[0]!.n);
  } finally {
    await c.end();
  }
}

function cli(cwd: string) {
  return async (who: TestSteward | undefined, ...argv: string[]) => {
    let out = '';
    let err = '';
    const ctx: CliContext = {
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: (s: string) => (err += s) },
      env: { ...process.env, CI: 'true', MINIM_CONFIG_DIR: who?.env.MINIM_CONFIG_DIR ?? join(cwd, 'no-key') },
      cwd,
      logger: (level = 'info') => createLogger(level, (l) => (err += l)),
      exitCode: 0,
    };
    const code = await runCli(argv, ctx);
    return { code, out, err };
  };
}

const [ana, bo, carl, dora, mallory] = (await Promise.all(['Ana Ruiz', 'Bo Chen', 'Carl Ode', 'Dora Diaz', 'Mallory'].map((n) => makeSteward(n)))) as [TestSteward, TestSteward, TestSteward, TestSteward, TestSteward];
// Carl decides for Parks only; Dora for birth dates only. Mallory is in no stewards.yaml.
carl.scope = { departments: ['Parks'] };
dora.scope = { sources: ['*'], categories: ['dob'] };
const wide = (s: TestSteward): TestSteward => ({ ...s, scope: {} });

for (const dialect of ['postgres', 'mysql'] as const) {
  describe(`signed approvals on ${dialect === 'postgres' ? 'PostgreSQL' : 'MariaDB'}`, async () => {
    const { engine, skip } = await getEngine(dialect);
    if (!engine) {
      it.skip(`skipped: ${skip}`, () => {});
      return;
    }
    let db: TestDatabase;
    let other: TestDatabase;
    let copy: TestDatabase;
    let dir: string;
    let run: ReturnType<typeof cli>;
    const file = (n: string) => join(dir, n);
    let SSN: string;
    let OLD: string;
    let PURGE: string;
    /** Writes a copy of `from` edited by `edit`, and returns what migrate (dry run) says of it. */
    const forge = async (name: string, from: string, edit: (p: Plan) => void | Promise<void>, ...extra: string[]) => {
      const p = JSON.parse(JSON.stringify(await readPlan(file(from)))) as Plan;
      await edit(p);
      await writeFile(file(name), formatPlan(p));
      return run(undefined, 'migrate', file(name), '--url', db.url, ...extra);
    };
    const item = (p: Plan, id: string) => p.items.find((i) => i.id === id)!;

    beforeAll(async () => {
      db = await createTestDatabase(engine, `approvals_${dialect}`);
      other = await createTestDatabase(engine, `approvals_other_${dialect}`);
      copy = await createTestDatabase(engine, `approvals_copy_${dialect}`);
      await db.exec(seed(dialect));
      await other.exec(seed(dialect, true));
      await copy.exec(seed(dialect));
      dir = await mkdtemp(join(tmpdir(), 'minim-approvals-'));
      run = cli(dir);
      await writeFile(file('stewards.yaml'), stewardsYaml([ana, bo, carl, dora]));
      await writeFile(file('policy.yaml'), POLICY);
      const result = await scan({ sources: [{ name: 'hr', url: db.url, department: 'HR' }] });
      await writeFile(file('scan.json'), JSON.stringify(result));
      expect(await run(ana, 'plan', '--scan', file('scan.json'), '--policy', file('policy.yaml'), '--out', file('plan.yaml'))).toMatchObject({ code: 0, err: expect.stringContaining('Sealed by Ana Ruiz') });
      const plan = await readPlan(file('plan.yaml'));
      const schema = plan.items[0]!.schema;
      SSN = `hr.${schema}.employees.ssn:mask`;
      OLD = `hr.${schema}.employees.old_ssn:mask`;
      PURGE = `hr.${schema}.employees.date_of_birth:purge`;
      expect(plan.items.map((i) => i.id).sort()).toEqual([PURGE, OLD, SSN].sort());
      expect(plan.sources[0]).toMatchObject({ server: expect.stringMatching(/^127\.0\.0\.1:\d+$/), database: db.name, tables: [expect.objectContaining({ table: 'employees' })] });

      expect((await run(ana, 'approve', file('plan.yaml'), SSN, PURGE, '--reason', 'minimization review')).code).toBe(0);
      expect((await run(ana, 'reject', file('plan.yaml'), OLD, '--reason', 'legacy column, dropped next release')).code).toBe(0);
      await copyFile(file('plan.yaml'), file('one-steward.yaml'));
      expect((await run(bo, 'approve', file('plan.yaml'), PURGE, '--reason', 'second pair of eyes on the purge')).code).toBe(0);
    });
    afterAll(async () => {
      await db?.drop();
      await other?.drop();
      await copy?.drop();
    });

    it('minim verify prints the trail: who approved what, under which scope, and that each signature holds', async () => {
      const v = await run(undefined, 'verify', file('plan.yaml'));
      expect(v.code).toBe(0);
      expect(v.out).toContain('seal: holds, by Bo Chen');
      expect(v.out).toContain(`${PURGE}  approved  ok (Ana Ruiz + Bo Chen, 2 needed)`);
      expect(v.out).toMatch(new RegExp(`approved by Ana Ruiz \\(SHA256:[^)]+\\) \\[scope: sources \\*; categories \\*; actions \\*\\]: minimization review — signature holds`));
      expect(v.out).toContain(`${OLD}  rejected  ok`);
      expect(v.out).toContain('All signatures and the seal hold.');
    });

    it('a valid two-steward purge applies (and the mask), then a second apply changes nothing', async () => {
      const r = await run(undefined, 'migrate', file('plan.yaml'), '--url', db.url, '--apply', '--no-progress');
      expect(r.err).toContain('Verified.');
      expect(r.code).toBe(0);
      expect(await countNull(dialect, db.url, 'date_of_birth')).toBe(ROWS / 2);
      expect(r.out).toMatch(/employees\.ssn:mask {2}mask last4 {2}done: changed 240 row/);
      const again = await run(undefined, 'migrate', file('plan.yaml'), '--url', db.url, '--apply', '--no-progress');
      expect(again.code).toBe(0);
      expect([...again.out.matchAll(/changed (\d+) row/g)].every((m) => m[1] === '0')).toBe(true);
    });

    const refused = (r: { code: number; err: string }, reason: string, itemId: string | undefined, steward?: string) => {
      expect(r.code, r.err).toBe(2);
      expect(r.err).toMatch(new RegExp(`^minim: APPROVAL_INVALID: plan .*: ${itemId ? `item ${itemId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}` : 'plan'}: \\[${reason}\\]`));
      if (steward) expect(r.err).toContain(`(steward ${steward})`);
    };

    it('refuses by edited (Ana → Mallory): signer-mismatch', async () => {
      refused(await forge('by.yaml', 'plan.yaml', (p) => void (item(p, SSN).decisions[0]!.by = 'Mallory')), 'signer-mismatch', SSN, 'Ana Ruiz');
    });
    it('refuses a reason edited: bad-signature', async () => {
      refused(await forge('reason.yaml', 'plan.yaml', (p) => void (item(p, SSN).decisions[0]!.reason = 'approved by the Chief Privacy Officer')), 'bad-signature', SSN, 'Ana Ruiz');
    });
    it('refuses a time edited: bad-signature', async () => {
      refused(await forge('at.yaml', 'plan.yaml', (p) => void (item(p, SSN).decisions[0]!.at = '2024-01-01T00:00:00.000Z')), 'bad-signature', SSN, 'Ana Ruiz');
    });
    it('refuses a rejection turned into an approval: bad-signature', async () => {
      const r = await forge('rejected.yaml', 'plan.yaml', (p) => {
        item(p, OLD).decisions[0]!.decision = 'approved';
        item(p, OLD).status = 'approved';
      });
      refused(r, 'bad-signature', OLD, 'Ana Ruiz');
      refused(await forge('status.yaml', 'plan.yaml', (p) => void (item(p, OLD).status = 'approved')), 'status-mismatch', OLD, 'Ana Ruiz');
    });
    it('refuses strategy last4 → null with the digest recomputed (bad-signature), and without (item-edited)', async () => {
      const recomputed = await forge('null-digest.yaml', 'plan.yaml', (p) => {
        const it = item(p, SSN);
        it.strategy = 'null';
        it.decisions[0]!.digest = itemDigest(it);
      });
      refused(recomputed, 'bad-signature', SSN, 'Ana Ruiz');
      refused(await forge('null.yaml', 'plan.yaml', (p) => void (item(p, SSN).strategy = 'null')), 'item-edited', SSN, 'Ana Ruiz');
    });
    it('refuses an item added with a self-made approval (unknown-key), and the seal names the added item', async () => {
      const r = await forge('added.yaml', 'plan.yaml', (p) => {
        const base = item(p, OLD);
        const added: PlanItem = { ...base, id: base.id.replace('old_ssn', 'full_name'), column: 'full_name', strategy: 'null', status: 'proposed', decisions: [] };
        const { seal: _seal, ...unsealed } = p;
        const mine: Plan = { ...unsealed, items: [...p.items, added] };
        const signed = decide(mine, [added], { verdict: 'approved', reason: 'looks fine', key: mallory.key, stewards: parseStewards(stewardsYaml([mallory]), 'mine.yaml') }).plan;
        p.items.push(signed.items.at(-1)!);
      });
      refused(r, 'unknown-key', OLD.replace('old_ssn', 'full_name'));
      expect(r.err).toMatch(/and 1 more problem/);
      const v = await run(undefined, 'verify', file('added.yaml'));
      expect(v.code).toBe(1);
      expect(v.out).toMatch(/\[seal-items-added\] item\(s\) added after Bo Chen sealed the plan: hr\..*full_name:mask/);
    });
    it('refuses an item deleted (seal-items-removed) and items reordered (seal-items-reordered)', async () => {
      refused(await forge('deleted.yaml', 'plan.yaml', (p) => void p.items.splice(p.items.findIndex((i) => i.id === OLD), 1)), 'seal-items-removed', undefined, 'Bo Chen');
      refused(await forge('reordered.yaml', 'plan.yaml', (p) => void p.items.reverse()), 'seal-items-reordered', undefined, 'Bo Chen');
    });
    it('refuses sources edited to another database: binding-changed', async () => {
      const r = await forge('sources.yaml', 'plan.yaml', (p) => void (p.sources[0]!.url = other.url));
      refused(r, 'binding-changed', PURGE);
      const both = await forge('sources2.yaml', 'plan.yaml', (p) => {
        p.sources[0]!.url = other.url;
        p.sources[0]!.database = other.name;
      });
      refused(both, 'binding-changed', PURGE);
    });
    it('refuses --url at another database with extra columns (SOURCE_MISMATCH); accepts an identical copy (PostgreSQL) with a note', async () => {
      const r = await run(undefined, 'migrate', file('plan.yaml'), '--url', other.url, '--apply', '--no-progress');
      expect(r.code).toBe(2);
      // MariaDB names tables by database, so there the other database lacks the plan's table altogether.
      const why = dialect === 'postgres' ? 'employees has other columns or types than when planned' : `${db.name}.employees is missing`;
      expect(r.err).toMatch(new RegExp(`^minim: SOURCE_MISMATCH: plan .*: source hr is bound to 127\\.0\\.0\\.1:\\d+/${db.name}, but the connection names 127\\.0\\.0\\.1:\\d+/${other.name} .*${why}`));
      expect(await countNull(dialect, other.url, 'date_of_birth')).toBe(0);
      const same = await run(undefined, 'migrate', file('plan.yaml'), '--url', copy.url, '--no-progress');
      if (dialect === 'postgres') {
        expect(same.code, same.err).toBe(0);
        expect(same.err).toMatch(/not the bound .*; its tables fingerprint the same as planned/);
      } else expect(same).toMatchObject({ code: 2, err: expect.stringContaining('SOURCE_MISMATCH') });
    });
    it('refuses a signature by a key not in stewards.yaml: unknown-key', async () => {
      await copyFile(file('plan.yaml'), file('mallory.yaml'));
      await writeFile(file('with-mallory.yaml'), stewardsYaml([ana, bo, mallory]));
      expect((await run(mallory, 'approve', file('mallory.yaml'), OLD, '--reason', 'mine', '--stewards', file('with-mallory.yaml'))).code).toBe(0);
      refused(await run(undefined, 'migrate', file('mallory.yaml'), '--url', db.url), 'unknown-key', OLD);
    });
    it('refuses a steward outside their department (out-of-scope) or category scope (out-of-scope)', async () => {
      await writeFile(file('wide.yaml'), stewardsYaml([ana, bo, wide(carl), wide(dora)]));
      await copyFile(file('plan.yaml'), file('carl.yaml'));
      expect((await run(carl, 'approve', file('carl.yaml'), OLD, '--reason', 'parks says fine', '--stewards', file('wide.yaml'))).code).toBe(0);
      const r = await run(undefined, 'migrate', file('carl.yaml'), '--url', db.url);
      refused(r, 'out-of-scope', OLD, 'Carl Ode');
      expect(r.err).toContain('source hr (department HR) is outside their sources/departments');
      await copyFile(file('plan.yaml'), file('dora.yaml'));
      expect((await run(dora, 'approve', file('dora.yaml'), OLD, '--reason', 'fine', '--stewards', file('wide.yaml'))).code).toBe(0);
      const d = await run(undefined, 'migrate', file('dora.yaml'), '--url', db.url);
      refused(d, 'out-of-scope', OLD, 'Dora Diaz');
      expect(d.err).toContain('category ssn is outside their categories');
      // approve itself refuses up front with the real stewards.yaml.
      expect(await run(carl, 'approve', file('carl.yaml'), SSN, '--reason', 'x')).toMatchObject({ code: 2, err: expect.stringContaining('Carl Ode may not decide it') });
    });
    it('refuses a purge approved by one steward where two are required: two-person', async () => {
      refused(await run(undefined, 'migrate', file('one-steward.yaml'), '--url', db.url, '--apply'), 'two-person', PURGE, 'Ana Ruiz');
    });
    it('refuses a plan signed, then stewards.yaml revoking that steward: revoked', async () => {
      await writeFile(file('revoked.yaml'), stewardsYaml([{ ...ana, revoked: '2026-12-02 left the city' }, bo, carl, dora]));
      const r = await run(undefined, 'migrate', file('plan.yaml'), '--url', db.url, '--stewards', file('revoked.yaml'));
      refused(r, 'revoked', PURGE, 'Ana Ruiz');
      expect(r.err).toContain('left the city');
      // check and report verify too.
      const c = await run(undefined, 'check', '--baseline', file('plan.yaml'), '--scan', file('scan.json'), '--stewards', file('revoked.yaml'));
      expect(c).toMatchObject({ code: 2, err: expect.stringMatching(/^minim: APPROVAL_INVALID: .*\[revoked\]/) });
      const rep = await run(undefined, 'report', file('scan.json'), '--plan', file('plan.yaml'), '--stewards', file('revoked.yaml'), '-f', 'markdown');
      expect(rep).toMatchObject({ code: 2, err: expect.stringMatching(/^minim: APPROVAL_INVALID: .*\[revoked\]/) });
    });
    it('a typo in an --include pattern is exit 2 listing the tables that exist', async () => {
      const r = await run(undefined, 'scan', `hr=${db.url}`, '--include', 'employees,emplyees', '-f', 'json', '-q');
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^minim: USAGE: --include "emplyees" matches no table \(patterns are schema.table globs\); .*employees/);
    });

    it('reads a version 1 plan, shows it unsigned, and never applies it', async () => {
      const text = await readFile(file('plan.yaml'), 'utf8');
      const p = JSON.parse(JSON.stringify(await readPlan(file('plan.yaml')))) as Plan & { seal?: unknown };
      p.version = 1;
      delete p.seal;
      for (const i of p.items) i.decisions = i.decisions.map(({ by, at, decision, reason, digest }) => ({ by, at, decision, reason, digest }));
      await writeFile(file('v1.yaml'), formatPlan(p));
      expect(text).toContain('version: 2');
      const r = await run(undefined, 'migrate', file('v1.yaml'), '--url', db.url, '--apply');
      expect(r).toMatchObject({ code: 2, err: expect.stringMatching(/^minim: APPROVAL_INVALID: plan .*v1\.yaml: \[unsigned\] plan version 1/) });
      const v = await run(undefined, 'verify', file('v1.yaml'));
      expect(v.code).toBe(1);
      expect(v.out).toContain('UNSIGNED (version 1)');
      const rep = await run(undefined, 'report', file('scan.json'), '--plan', file('v1.yaml'), '-f', 'markdown');
      expect(rep.code).toBe(0);
      expect(rep.err).toContain('is unsigned (version 1)');
    });
  });
}
