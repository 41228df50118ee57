/**
 * Hostile output on PostgreSQL and MariaDB, through the
 * built CLI in a real process (the output boundary is the process's own stderr and stdout):
 * - server error text (a view's RAISE/SIGNAL, a trigger during migrate --apply, an event trigger
 *   during label --apply) reaches every format masked, with its SQLSTATE and the object name;
 * - control characters in names are escaped in every human-readable output, and a newline in a
 *   column name cannot forge a line of the migrate summary;
 * - malformed and oversized inputs and typos are one line and exit 2;
 * - masked examples keep no initials and no more than the last four digits.
 * The password cases (a raw `Kx9!Tz@4#q/Lm:P%wV` in a URL and through `${ENV}`) need a server that
 * really checks passwords: a PostgreSQL cluster of our own on port 5443 (scram-sha-256), and a
 * MariaDB user created on the main server.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import mysql from 'mysql2/promise';
import { makeSteward, stewardsYaml } from '../helpers/stewards.js';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { createTestDatabase, getEngine, uniqueName, type TestDatabase } from '../helpers/engines.js';

const CLI = new URL('../../dist/src/cli/main.js', import.meta.url).pathname;
const engines = { postgres: await getEngine('postgres'), mysql: await getEngine('mysql') };
for (const [d, e] of Object.entries(engines)) if (e.skip) console.warn(`hostile-io on ${d} skipped: ${e.skip}`);

/** A password holding every URL-special character, written raw. */
const PASSWORD = 'Kx9!Tz@4#q/Lm:P%wV';
const SSNS = Array.from({ length: 30 }, (_, i) => `${118 + i}-${String(53 + i)}-${String(4271 + i * 37).padStart(4, '0')}`);
const EMAIL = 'mara.quill4810@example.org';
/** A table name with ESC, BEL and an ANSI colour sequence; a column name with a newline forging a summary line. */
const EVIL_TABLE = 'ev\u001b[31mil\u0007 t';
const EVIL_COLUMN = 'ssn\nhio.x.y.z  mask  verified';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, CI: 'true', MINIM_USER: 'tester', ...env } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A real steward key (one per test process) and a stewards.yaml in `dir`: approvals are signed. */
let stewardP: ReturnType<typeof makeSteward> | undefined;
async function approveAll(dir: string, reason: string): Promise<Run> {
  const s = await (stewardP ??= makeSteward('Hostile Tester'));
  writeFileSync(join(dir, 'stewards.yaml'), stewardsYaml([s], []));
  return run(['approve', 'plan.yaml', '--all', '--min-confidence', '0', '--reason', reason], dir, s.env);
}

/** Every fragment of a value an error could leak: the SSN area-group prefixes, the email, the name. */
function valueFragments(): string[] {
  return [...SSNS.map((s) => s.slice(0, 6)), ...SSNS.map((s) => s.replace(/-/g, '').slice(0, 5)), EMAIL, 'mara.quill', 'Quill', 'Maria'];
}

/** Every 4-character piece of the password: none may appear in any output. */
function passwordFragments(): string[] {
  const out = new Set<string>();
  for (const p of [PASSWORD, encodeURIComponent(PASSWORD)]) for (let i = 0; i + 4 <= p.length; i++) out.add(p.slice(i, i + 4));
  return [...out];
}

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/; // raw control bytes other than \n and \t (CSV rows end in \r\n: checked apart)

for (const dialect of ['postgres', 'mysql'] as const) {
  const engine = engines[dialect];
  const label = dialect === 'postgres' ? 'PostgreSQL' : 'MariaDB';
  if (engine.engine && dialect !== 'postgres') console.log(`hostile-io on ${label}: the event trigger case is skipped (event triggers are PostgreSQL's)`);
  describe.skipIf(!engine.engine)(`hostile input and output on ${label}`, () => {
    let db: TestDatabase;
    let dir: string;
    let src: string;
    const q = (n: string) => (dialect === 'postgres' ? `"${n.replace(/"/g, '""')}"` : `\`${n.replace(/`/g, '``')}\``);

    beforeAll(async () => {
      db = await createTestDatabase(engine.engine!, 'hio');
      dir = mkdtempSync(join(tmpdir(), `minim-hio-${dialect}-`));
      src = `hio=${db.url}`;
      const t = dialect === 'postgres' ? 'text' : 'varchar(80)';
      const rows = SSNS.map((s, i) => `(${i}, '${s}', '${EMAIL.replace('4810', String(4810 + i))}', 'Maria Quill')`).join(', ');
      const stmts = [
        `CREATE TABLE patients (id int PRIMARY KEY, ssn ${t}, email ${t}, full_name ${t})`,
        `INSERT INTO patients VALUES ${rows}`,
        `CREATE TABLE ${q(EVIL_TABLE)} (id int PRIMARY KEY, ${q(EVIL_COLUMN)} ${t})`,
        `INSERT INTO ${q(EVIL_TABLE)} VALUES ${SSNS.map((s, i) => `(${i}, '${s}')`).join(', ')}`,
      ];
      if (dialect === 'postgres') {
        stmts.push(
          `CREATE FUNCTION boom(v text) RETURNS text LANGUAGE plpgsql AS $$ BEGIN
             RAISE EXCEPTION 'invalid SSN % for Maria Quill <%>', v, '${EMAIL}' USING DETAIL = 'detail ' || v, HINT = 'hint ' || v;
           END $$`,
          `CREATE VIEW v_boom AS SELECT boom(ssn) AS ssn FROM patients`,
        );
      } else {
        stmts.push(
          `CREATE FUNCTION boom(v varchar(80)) RETURNS varchar(80) DETERMINISTIC BEGIN
             DECLARE m varchar(200) DEFAULT CONCAT('invalid SSN ', v, ' for Maria Quill <${EMAIL}>');
             SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = m;
             RETURN v;
           END`,
          `CREATE VIEW v_boom AS SELECT boom(ssn) AS ssn FROM patients`,
        );
      }
      await db.exec(stmts);
    }, 60_000);
    afterAll(async () => {
      await db?.drop();
    });

    const expectedBoom =
      dialect === 'postgres'
        ? 'source hio: table public.v_boom: query failed (SQLSTATE P0001: invalid SSN ###-##-#### for … … <***@***>); see the server log for this time, or exclude the object'
        : undefined;

    it('masks server error text in every scan format, keeping the SQLSTATE and the object name', async () => {
      const json = await run(['scan', src, '-f', 'json', '--include', 'v_boom', '--no-progress'], dir);
      expect(json.code, json.stderr).toBe(0);
      const errors = JSON.parse(json.stdout).errors as Array<{ table?: string; code: string; message: string }>;
      const boom = errors.find((e) => e.table?.endsWith('v_boom'));
      expect(boom?.code).toBe('QUERY_FAILED');
      if (expectedBoom) expect(boom?.message).toBe(expectedBoom);
      else expect(boom?.message).toBe(`source hio, table ${db.name}.v_boom: MySQL error ER_SIGNAL_EXCEPTION 1644 (invalid SSN ###-##-#### for … … <***@***>); see the server log`);
      for (const f of ['table', 'csv', 'markdown', 'html']) {
        const r = await run(['scan', src, '-f', f, '--include', 'v_boom', '--no-progress', '--verbose'], dir);
        const all = (r.stdout + r.stderr).replace(/\\_/g, '_'); // Markdown escapes _
        // NOTE: the CSV is the inventory (one row per finding); its errors are counted on stderr.
        if (f !== 'csv') {
          expect(all, f).toContain(dialect === 'postgres' ? 'SQLSTATE P0001' : 'ER_SIGNAL_EXCEPTION 1644');
          expect(all, f).toContain('v_boom');
          expect(all, f).toMatch(/###-##-####/);
        } else expect(r.stderr).toContain('1 error.');
        for (const frag of valueFragments()) expect(all, `${f}: ${frag}`).not.toContain(frag);
      }
    });

    it('masks a trigger error raised during migrate --apply', async () => {
      const w = mkdtempSync(join(dir, 'mig-'));
      const trg = dialect === 'postgres'
        ? [
            `CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused SSN % of %', OLD.ssn, OLD.email; END $$`,
            `CREATE TRIGGER t_refuse BEFORE UPDATE ON patients FOR EACH ROW EXECUTE FUNCTION refuse()`,
          ]
        : [
            `CREATE TRIGGER t_refuse BEFORE UPDATE ON patients FOR EACH ROW BEGIN
               DECLARE m varchar(200) DEFAULT CONCAT('refused SSN ', OLD.ssn, ' of ', OLD.email);
               SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = m;
             END`,
          ];
      await db.exec(trg);
      try {
        expect((await run(['scan', src, '-f', 'json', '--include', 'patients', '--out', 'scan.json', '--no-progress'], w)).code).toBe(0);
        expect((await run(['plan', '--scan', 'scan.json', '--out', 'plan.yaml'], w)).code).toBe(0);
        // The preflight refuses a table with triggers unless the item accepts them: this one does, so
        // the trigger fires and its error (quoting values) is what the test is about.
        const planFile = join(w, 'plan.yaml');
        const plan = parseYaml(readFileSync(planFile, 'utf8')) as { items: Array<{ id: string; triggers?: string }> };
        for (const i of plan.items) if (i.id.endsWith('.ssn:mask')) i.triggers = 'accept';
        writeFileSync(planFile, stringifyYaml(plan));
        expect((await approveAll(w, 'hostile io')).code).toBe(0);
        const r = await run(['migrate', 'plan.yaml', '--url', db.url, '--apply', '--no-progress'], w, { MINIM_DEBUG: '1' });
        const all = r.stdout + r.stderr;
        expect(r.code).toBe(2);
        expect(all).toContain('refused SSN ###-##-#### of ***@***');
        expect(all).toContain(dialect === 'postgres' ? 'SQLSTATE P0001' : '1644');
        for (const frag of valueFragments()) expect(all, frag).not.toContain(frag);
      } finally {
        await db.exec(dialect === 'postgres' ? ['DROP TRIGGER t_refuse ON patients'] : ['DROP TRIGGER t_refuse']);
      }
    });

    it.runIf(dialect === 'postgres')('masks an event trigger error raised during label --apply', async () => {
      const w = mkdtempSync(join(dir, 'label-'));
      await db.exec([
        `CREATE FUNCTION no_comments() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN
           RAISE EXCEPTION 'comment refused: %', (SELECT ssn || ' ' || email FROM patients ORDER BY id LIMIT 1);
         END $$`,
        `CREATE EVENT TRIGGER et_no_comments ON ddl_command_end WHEN TAG IN ('COMMENT') EXECUTE FUNCTION no_comments()`,
      ]);
      try {
        expect((await run(['scan', src, '-f', 'json', '--include', 'patients', '--out', 'scan.json', '--no-progress'], w)).code).toBe(0);
        const r = await run(['label', src, '--scan', 'scan.json', '--apply'], w);
        const all = r.stdout + r.stderr;
        expect(r.code).toBe(2);
        expect(all).toContain('comment refused: ###-##-#### ***@***');
        for (const frag of valueFragments()) expect(all, frag).not.toContain(frag);
      } finally {
        await db.exec(['DROP EVENT TRIGGER et_no_comments']);
      }
    });

    it('escapes control characters in names in every human-readable output; no forged summary line', async () => {
      const w = mkdtempSync(join(dir, 'names-'));
      const include = ['--include', '*.ev*'];
      const outputs: Array<[string, string]> = [];
      for (const f of ['table', 'markdown', 'html', 'csv']) {
        const r = await run(['scan', src, '-f', f, ...include, '--no-progress', '--verbose'], w);
        expect(r.code, r.stderr).toBe(0);
        outputs.push([`scan ${f}`, r.stdout], [`scan ${f} stderr`, r.stderr]);
      }
      const j = await run(['scan', src, '-f', 'json', ...include, '--out', 'scan.json', '--no-progress', '--verbose'], w);
      expect(j.code, j.stderr).toBe(0);
      outputs.push(['scan json stderr', j.stderr]);
      const scan = JSON.parse(readFileSync(join(w, 'scan.json'), 'utf8'));
      // The scan JSON keeps the names exact (JSON escapes them itself).
      expect(scan.columns.map((c: { table: string }) => c.table)).toContain(EVIL_TABLE);
      // The terminal table wraps long cells; Markdown shows the exact escaped bytes.
      const table = (await run(['scan', src, '-f', 'table', ...include, '--no-progress'], w)).stdout;
      const cells = table.replace(/[│\s]/g, ''); // the cells' text, unwrapped
      expect(cells).toContain('.ev\\x1b[31mil\\x'); // long cells are cut with …
      expect(cells).toContain('ssn\\nhio.x.y.zmask');
      expect(table).toContain('ssn\\nhio');
      const md = (await run(['scan', src, '-f', 'markdown', ...include, '--no-progress'], w)).stdout;
      expect(md).toContain('.ev\\\\x1b\\[31mil\\\\x07 t | ssn\\\\nhio.x.y.z  mask  verified |');
      for (const f of ['table', 'markdown', 'csv', 'html']) outputs.push([`report ${f}`, (await run(['report', 'scan.json', '-f', f], w)).stdout]);
      expect((await run(['plan', '--scan', 'scan.json', '--out', 'plan.yaml'], w)).code).toBe(0);
      expect((await approveAll(w, 'hostile names')).code).toBe(0);
      const check = await run(['check', '--scan', 'scan.json', '--baseline', 'plan.yaml'], w);
      outputs.push(['check', check.stdout + check.stderr]);
      const access = await run(['access', src, '--scan', 'scan.json', '-f', 'table'], w);
      outputs.push(['access', access.stdout + access.stderr]);
      const apply = await run(['migrate', 'plan.yaml', '--url', db.url, '--apply', '--no-progress'], w);
      expect(apply.code, apply.stderr).toBe(0);
      outputs.push(['migrate apply', apply.stdout + apply.stderr]);
      // One summary line per item: the newline in the column name is shown, not obeyed.
      const lines = apply.stdout.split('\n').filter(Boolean);
      const items = (readFileSync(join(w, 'plan.yaml'), 'utf8').match(/^\s+- id: /gm) ?? []).length;
      expect(lines).toHaveLength(items);
      expect(lines.every((l) => l.startsWith('hio.'))).toBe(true);
      expect(apply.stdout).not.toMatch(/^hio\.x\.y\.z/m);
      expect(apply.stderr.split('\n').filter((l) => /Verified/.test(l))).toHaveLength(1);
      for (const [name, text] of outputs) {
        const body = name.startsWith('scan csv') || name === 'report csv' ? text.replace(/\r\n/g, '\n') : text;
        expect(CONTROL.test(body), `${name} holds a raw control byte`).toBe(false);
      }
    }, 120_000);

    it('exits 2 on typos and malformed input, one line naming what exists', async () => {
      const w = mkdtempSync(join(dir, 'typo-'));
      const failOn = await run(['scan', src, '--fail-on', 'sssn', '-f', 'json', '--no-progress'], w);
      expect(failOn.code).toBe(2);
      expect(failOn.stdout).toBe('');
      expect(failOn.stderr).toMatch(/^minim: USAGE: --fail-on: unknown category "sssn" \(did you mean ssn\?\); the categories are address, .*ssn.*, or any\n$/);
      const include = await run(['scan', src, '--include', 'nosuch.*', '-f', 'json', '--no-progress'], w);
      expect(include.code).toBe(2);
      expect(include.stdout).toBe('');
      expect(include.stderr).toMatch(/^minim: USAGE: --include "nosuch\.\*" matches no table \(patterns are schema\.table globs\); the 3 tables include .*patients.*v_boom\n$/);
      writeFileSync(join(w, 'minim.config.yaml'), `sources:\n  - name: hio\n    include: ['patients']\n`);
      expect(await run(['scan', '--no-progress'], w)).toMatchObject({ code: 2, stderr: 'minim: CONFIG_INVALID: minim.config.yaml: source 1 has no url\n' });
      writeFileSync(join(w, 'broken.json'), `{"version":1,"scannedAt":"x","sources":[{"name":"hio","dialect":"postgres"}],"errors":[],"columns":[{"source":"hio","schema":"s","table":"t","column":"c","findings":[{"category":"ssn","confidence":"${SSNS[0]}","examples":"${SSNS[1]}","evidence":{"rule":"${EMAIL}"}}]}]}`);
      for (const f of ['table', 'csv', 'markdown', 'html']) {
        expect(await run(['report', 'broken.json', '-f', f], w, { MINIM_DEBUG: '1' })).toMatchObject({
          code: 2,
          stdout: '',
          stderr: 'minim: FILE_INVALID: scan broken.json: column 1 finding 1 confidence should be a number, not text (and 2 more); write one with minim scan --format json --out FILE\n',
        });
      }
      writeFileSync(join(w, 'big.yaml'), `sources: []\n# ${'x'.repeat(2 * 1024 * 1024)}\n`);
      const big = await run(['scan', '--config', 'big.yaml'], w);
      expect(big.code).toBe(2);
      expect(big.stderr).toMatch(/^minim: FILE_INVALID: config .*big\.yaml is 2\.0 MB, over the 1\.0 MB limit for a config file; check it is the right file\n$/);
    });

    it('keeps no initials and no more than the last four digits in examples', async () => {
      const r = await run(['scan', src, '-f', 'json', '--include', 'patients', '--no-progress'], dir);
      const scan = JSON.parse(r.stdout) as { columns: Array<{ column: string; findings: Array<{ category: string; examples: string[] }> }> };
      const by = (c: string) => scan.columns.find((x) => x.column === c)!.findings;
      const names = by('full_name').find((f) => f.category === 'person_name');
      expect(names?.examples).toEqual(['*** ***']);
      expect(by('ssn')[0]!.examples.every((e) => /^\*\*\*-\*\*-\d{4}$/.test(e))).toBe(true);
      for (const c of scan.columns) for (const f of c.findings) for (const e of f.examples) expect((e.match(/\d/g) ?? []).length, e).toBeLessThanOrEqual(4);
    });

    it('reads a raw password with @ # / : % whole, in a URL and through ${ENV}; never echoes a piece of it', async () => {
      const w = mkdtempSync(join(dir, 'pw-'));
      const target = await passwordTarget(dialect, engine.engine!.adminUrl, db);
      try {
        const raw = `hio=${target.rawUrl(PASSWORD)}`;
        const ok = await run(['scan', raw, '-f', 'json', '--include', 'patients', '--no-progress'], w);
        expect(ok.code, ok.stderr).toBe(0);
        expect(JSON.parse(ok.stdout).sources[0].url).toBe(target.rawUrl('***'));
        writeFileSync(join(w, 'minim.config.yaml'), `sources:\n  - name: hio\n    url: ${target.rawUrl('${HIO_PASSWORD}')}\n    include: [patients]\n`);
        const viaEnv = await run(['scan', '-f', 'json', '--no-progress'], w, { HIO_PASSWORD: PASSWORD });
        expect(viaEnv.code, viaEnv.stderr).toBe(0);
        const wrong = await run(['scan', `hio=${target.rawUrl(PASSWORD.replace('Kx9', 'Kx8'))}`, '-f', 'json', '--no-progress'], w);
        expect(wrong.code).toBe(2);
        expect(wrong.stderr).toMatch(/^minim: AUTH_FAILED: source hio \(\w+:\/\/\w+:\*\*\*@127\.0\.0\.1:\d+\/\w+\): /);
        const bad = await run(['scan', `hio=${target.rawUrl(PASSWORD).replace(/:(\d+)\//, ':notaport/')}`, '-f', 'json', '--no-progress'], w);
        expect(bad).toMatchObject({
          code: 2,
          stdout: '',
          stderr:
            'minim: URL_INVALID: source hio: the connection URL cannot be parsed (not shown: it may hold a password); expected scheme://user:password@host:port/database, with a password written as it is or percent-encoded\n',
        });
        for (const r of [ok, viaEnv, wrong, bad]) for (const frag of passwordFragments()) expect(r.stdout + r.stderr, frag).not.toContain(frag);
      } finally {
        await target.drop();
      }
    }, 120_000);
  });
}

interface PasswordTarget {
  /** The URL of the test database for the password user, with `password` written into it raw. */
  rawUrl(password: string): string;
  drop(): Promise<void>;
}

/** A login that really checks PASSWORD: a role on our own PostgreSQL cluster (port 5443), a user on the main MariaDB. */
async function passwordTarget(dialect: 'postgres' | 'mysql', adminUrl: string, db: TestDatabase): Promise<PasswordTarget> {
  const user = uniqueName('hio_pw').slice(0, 30);
  if (dialect === 'mysql') {
    const a = await mysql.createConnection({ uri: adminUrl });
    for (const h of ['%', 'localhost']) {
      await a.query(`CREATE USER ?@? IDENTIFIED BY ?`, [user, h, PASSWORD]);
      await a.query(`GRANT SELECT ON \`${db.name}\`.* TO ?@?`, [user, h]);
    }
    await a.end();
    const port = new URL(adminUrl).port || '3306';
    return {
      rawUrl: (pw) => `mysql://${user}:${pw}@127.0.0.1:${port}/${db.name}`,
      async drop() {
        const b = await mysql.createConnection({ uri: adminUrl });
        for (const h of ['%', 'localhost']) await b.query('DROP USER IF EXISTS ?@?', [user, h]);
        await b.end();
      },
    };
  }
  const cluster = await passwordCluster();
  const admin = new pg.Client({ host: '127.0.0.1', port: CLUSTER_PORT, user: 'postgres', database: 'postgres' });
  await admin.connect();
  await admin.query(`SET password_encryption = 'scram-sha-256'`);
  await admin.query(`CREATE ROLE ${user} LOGIN PASSWORD '${PASSWORD.replace(/'/g, "''")}'`);
  await admin.query(`CREATE DATABASE ${user} OWNER ${user}`);
  await admin.end();
  const own = new pg.Client({ host: '127.0.0.1', port: CLUSTER_PORT, user: 'postgres', database: user });
  await own.connect();
  await own.query(`CREATE TABLE patients (id int PRIMARY KEY, ssn text)`);
  await own.query(`INSERT INTO patients SELECT i, '${SSNS[0]}' FROM generate_series(1, 20) i`);
  await own.query(`ALTER TABLE patients OWNER TO ${user}`);
  await own.end();
  return {
    rawUrl: (pw) => `postgres://${user}:${pw}@127.0.0.1:${CLUSTER_PORT}/${user}`,
    drop: cluster.drop,
  };
}

const CLUSTER_PORT = 5443;

/**
 * A PostgreSQL 15 cluster of our own on port 5443 that checks passwords (scram-sha-256 over TCP),
 * the postgres superuser trusted from 127.0.0.1 only for setting up. Removed by `drop`.
 */
async function passwordCluster(): Promise<{ drop(): Promise<void> }> {
  const name = `hio${process.pid}`;
  const sh = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: 'pipe', timeout: 120_000 });
  sh('pg_createcluster', ['15', name, '-p', String(CLUSTER_PORT), '--', '--auth-host=scram-sha-256', '--auth-local=peer']);
  const hba = `/etc/postgresql/15/${name}/pg_hba.conf`;
  writeFileSync(
    hba,
    [
      'local all postgres peer',
      'host all postgres 127.0.0.1/32 trust',
      'host all all 127.0.0.1/32 scram-sha-256',
      '',
    ].join('\n'),
  );
  sh('pg_ctlcluster', ['15', name, 'start']);
  return {
    async drop() {
      sh('pg_dropcluster', ['--stop', '15', name]);
    },
  };
}
