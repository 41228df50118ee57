/**
 * No leak, anywhere. Known sensitive values are seeded into a PostgreSQL and a
 * MariaDB database, owned by a user with a known password that every command gets in its URL. Every
 * command and format is run through the built CLI (a real process): scan in each format, verbose
 * debug logs, NDJSON, --exact, merge, plan, approve, migrate SQL (dry run and --apply), report in each
 * format, access, check, label SQL; error output (wrong password or unknown user, a table that times
 * out, a bad file) and a forced internal crash with MINIM_DEBUG=1. Stdout, stderr and every file
 * written are searched for each seeded value in its common spellings, and for the password.
 * NOTE: the local PostgreSQL trusts 127.0.0.1, so a wrong password is not refused there; an unknown
 * user (refused) stands in for it, and MariaDB checks a real wrong password.
 * Also: a view whose function raises an error quoting seeded values (the server's error text
 * must reach every output masked: no SSN area/group digits, no email), the password written raw in a
 * URL and through `${ENV}` (it holds `@ # / : %`: no 5-character piece of it may appear), and a table
 * whose names hold ESC, BEL and a newline (no raw control byte in any output but the SQL, which
 * must quote names exactly).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import pg from 'pg';
import mysql from 'mysql2/promise';
import { createTestDatabase, uniqueName, type TestDatabase } from '../helpers/engines.js';
import { openAdmin } from '../helpers/admin.js';
import { forEachEngine, SERVER_DIALECTS, serverOf, suiteEngines } from '../helpers/suite.js';
import { makeSteward, writeStewards } from '../helpers/stewards.js';

// Approvals are signed: a steward key for "tester"; one approval suffices here (twoPerson: []).
const tester = await makeSteward('tester');

const CLI = new URL('../../dist/src/cli/main.js', import.meta.url).pathname;
const ENGINES = await suiteEngines(SERVER_DIALECTS);
/** Every URL-special character: written raw in some URLs, percent-encoded in others. */
const PASSWORD = 'Lk9!pw@Zq#81/xv:T%';
const EVIL_TABLE = 'ev\u001b[31mil\u0007 t';
const EVIL_COLUMN = 'ssn\nleak.x.y.z  mask  verified';

function luhn(prefix: string): string {
  let sum = 0;
  const digits = `${prefix}0`.split('').map(Number).reverse();
  digits.forEach((d, i) => {
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  });
  return `${prefix}${(10 - (sum % 10)) % 10}`;
}

const N = 60;
const SEED = Array.from({ length: N }, (_, i) => ({
  ssn: `${String(131 + i * 7)}-${String(21 + i).padStart(2, '0')}-${String(4103 + i * 97).padStart(4, '0')}`,
  card: luhn(`4539${String(14_720_313 + i * 7_919).padStart(11, '0')}`),
  account: String(7_300_481_920 + i * 104_729),
  dob: `19${String(41 + (i % 50))}-${String(1 + (i % 12)).padStart(2, '0')}-${String(10 + (i % 18))}`,
  email: `mara.quill${4810 + i}@example.org`,
}));

/** Every spelling a value may take in output: as stored, digits only, spaced groups, US date order. */
function spellings(): string[] {
  const out = new Set<string>();
  for (const s of SEED) {
    out.add(s.ssn);
    out.add(s.ssn.replace(/-/g, ''));
    out.add(s.ssn.replace(/-/g, ' '));
    out.add(s.card);
    out.add(s.card.replace(/(\d{4})(?=\d)/g, '$1 '));
    out.add(s.card.replace(/(\d{4})(?=\d)/g, '$1-'));
    out.add(s.account);
    out.add(s.dob);
    out.add(s.dob.replace(/-/g, ''));
    const [y, m, d] = s.dob.split('-');
    out.add(`${m}/${d}/${y}`);
    out.add(s.email);
    out.add(s.email.split('@')[0]!);
    // A server error masked only in part kept the area and group digits.
    out.add(s.ssn.slice(0, 7));
  }
  out.add(PASSWORD);
  out.add(encodeURIComponent(PASSWORD));
  for (let i = 0; i + 5 <= PASSWORD.length; i++) out.add(PASSWORD.slice(i, i + 5));
  return [...out];
}

interface Run {
  name: string;
  code: number | null;
  text: string;
}

function run(name: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, ...tester.env, ...env } });
    let text = '';
    p.stdout.on('data', (d) => (text += d));
    p.stderr.on('data', (d) => (text += d));
    p.on('close', (code) => resolve({ name, code, text }));
  });
}

forEachEngine('no leak', ENGINES, (e) => {
  const dialect = e.dialect;
  const engine = { engine: serverOf(e) };
  let db: TestDatabase;
  let dir: string;
  const user = uniqueName('leak').slice(0, 30);
  let url: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    db = await createTestDatabase(engine.engine, 'leak');
    dir = mkdtempSync(join(tmpdir(), `minim-leak-${dialect}-`));
    await writeStewards(dir, [tester], []);
    const t = dialect === 'postgres' ? 'text' : dialect === 'mssql' ? 'nvarchar(80)' : 'varchar(80)';
    const lit = (s: string) => `'${s}'`;
    const q = (n: string) =>
      dialect === 'postgres' ? `"${n.replace(/"/g, '""')}"` : dialect === 'mssql' ? `[${n.replace(/]/g, ']]')}]` : `\`${n.replace(/`/g, '``')}\``;
    const stmts = [
      `CREATE TABLE employees (id int PRIMARY KEY, ssn ${t}, birth_date date, email ${t}, hired_on date)`,
      `CREATE TABLE payments (id int PRIMARY KEY, card_number ${t}, bank_account_number ${t}, memo ${t})`,
      `CREATE TABLE case_notes (id int PRIMARY KEY, note ${t})`,
      `INSERT INTO employees VALUES ${SEED.map((s, i) => `(${i}, ${lit(s.ssn)}, ${lit(s.dob)}, ${lit(s.email)}, '2015-03-0${1 + (i % 9)}')`).join(', ')}`,
      `INSERT INTO payments VALUES ${SEED.map((s, i) => `(${i}, ${lit(i % 2 ? s.card : s.card.replace(/(\d{4})(?=\d)/g, '$1 '))}, ${lit(s.account)}, 'paid')`).join(', ')}`,
      `INSERT INTO case_notes VALUES ${SEED.map((s, i) => `(${i}, ${lit(`client SSN ${s.ssn}, card ${s.card}`)})`).join(', ')}`,
      // On MariaDB the column name is plain and the table name hostile; a newline inside a MariaDB
      // column name, through label --apply, is the hostile-names suite's case (hostile.test.ts).
      `CREATE TABLE ${q(EVIL_TABLE)} (id int PRIMARY KEY, ${q(dialect === 'mysql' ? 'ssn_evil' : EVIL_COLUMN)} ${t})`,
      `INSERT INTO ${q(EVIL_TABLE)} VALUES ${SEED.map((s, i) => `(${i}, ${lit(s.ssn)})`).join(', ')}`,
    ];
    if (dialect === 'postgres') {
      stmts.push(`CREATE VIEW slow_view AS SELECT e.ssn FROM employees e CROSS JOIN (SELECT pg_sleep(3)) s`);
      stmts.push(`CREATE FUNCTION boom(v text, m text) RETURNS text LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'invalid SSN % for %', v, m USING DETAIL = v, HINT = m; END $$`);
      stmts.push(`CREATE VIEW raise_view AS SELECT boom(ssn, email) AS ssn FROM employees`);
      stmts.push(`CREATE ROLE ${user} LOGIN PASSWORD '${PASSWORD}'`);
      for (const x of ['employees', 'payments', 'case_notes', 'slow_view', 'raise_view', q(EVIL_TABLE)]) stmts.push(`ALTER TABLE ${x} OWNER TO ${user}`);
      await db.exec(stmts);
      const u = new URL(db.url);
      u.username = user;
      u.password = encodeURIComponent(PASSWORD);
      url = u.toString();
      cleanup = async () => {
        const a = new pg.Client({ connectionString: engine.engine.adminUrl });
        await a.connect();
        await a.query(`DROP ROLE IF EXISTS ${user}`);
        await a.end();
      };
    } else if (dialect === 'mssql') {
      // No sleep inside a view on SQL Server: a count over a cubed catalog cross join is the slow read.
      stmts.push(`CREATE VIEW slow_view AS SELECT e.ssn FROM employees e CROSS APPLY (SELECT COUNT_BIG(*) AS n FROM sys.all_objects a CROSS JOIN sys.all_objects b CROSS JOIN sys.all_objects c) s`);
      // Functions cannot raise on SQL Server; a failed conversion quotes the value in the server's error text.
      stmts.push(`CREATE VIEW raise_view AS SELECT CONVERT(int, CONCAT(N'invalid SSN ', ssn, N' for ', email)) AS ssn FROM employees`);
      stmts.push(`CREATE USER [${user}] FOR LOGIN [${user}] WITH DEFAULT_SCHEMA = dbo`);
      stmts.push(`ALTER ROLE db_owner ADD MEMBER [${user}]`);
      const server = await openAdmin('mssql', engine.engine.adminUrl);
      try {
        await server.rows(`CREATE LOGIN [${user}] WITH PASSWORD = N'${PASSWORD.replace(/'/g, "''")}', CHECK_POLICY = OFF; SELECT 1 AS ok`);
      } finally {
        await server.close();
      }
      await db.exec(stmts);
      const u = new URL(db.url);
      u.username = user;
      u.password = encodeURIComponent(PASSWORD);
      url = u.toString();
      cleanup = async () => {
        const b = await openAdmin('mssql', engine.engine.adminUrl);
        try {
          await b.rows(`IF SUSER_ID(N'${user}') IS NOT NULL DROP LOGIN [${user}]; SELECT 1 AS ok`);
        } finally {
          await b.close();
        }
      };
    } else {
      stmts.push(`CREATE VIEW slow_view AS SELECT e.ssn FROM employees e CROSS JOIN (SELECT SLEEP(3) AS z) s`);
      stmts.push(`CREATE FUNCTION boom(v varchar(80), m varchar(80)) RETURNS varchar(80) DETERMINISTIC BEGIN
        DECLARE t varchar(200) DEFAULT CONCAT('invalid SSN ', v, ' for ', m);
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = t;
        RETURN v;
      END`);
      stmts.push(`CREATE VIEW raise_view AS SELECT boom(ssn, email) AS ssn FROM employees`);
      await db.exec(stmts);
      const a = await mysql.createConnection({ uri: engine.engine.adminUrl });
      for (const h of ['%', 'localhost']) {
        await a.query(`CREATE USER '${user}'@'${h}' IDENTIFIED BY '${PASSWORD}'`);
        await a.query(`GRANT ALL ON \`${db.name}\`.* TO '${user}'@'${h}'`);
        // `minim access` reads the grant tables.
        await a.query(`GRANT SELECT ON mysql.* TO '${user}'@'${h}'`);
      }
      await a.end();
      const u = new URL(db.url);
      u.username = user;
      u.password = encodeURIComponent(PASSWORD);
      url = u.toString();
      cleanup = async () => {
        const b = await mysql.createConnection({ uri: engine.engine.adminUrl });
        for (const h of ['%', 'localhost']) await b.query(`DROP USER IF EXISTS '${user}'@'${h}'`);
        await b.end();
      };
    }
  });
  afterAll(async () => {
    await db?.drop();
    await cleanup?.();
  });

  it('no seeded value and no password in any output, log, error, crash or file', async () => {
    const src = `leak=${url}`;
    const runs: Run[] = [];
    const r = async (name: string, args: string[], env?: Record<string, string>) => {
      const x = await run(name, args, dir, env);
      runs.push(x);
      return x;
    };
    // raise_view raises an error quoting values: scanned in every format, left out of the plan.
    const ex = ['--exclude', 'slow_view,raise_view', '--no-progress'];
    // Scan in every format, with debug logs.
    for (const f of ['table', 'json', 'csv', 'markdown', 'html', 'ndjson', 'sarif', 'junit']) await r(`scan ${f}`, ['scan', src, '-f', f, '--verbose', '--show-candidates', '--exclude', 'slow_view', '--no-progress']);
    const scanJson = await r('scan --out json', ['scan', src, '--out', 'scan.json', '-f', 'json', '--verbose', ...ex]);
    expect(scanJson.code).toBe(0);
    const scan = JSON.parse(readFileSync(join(dir, 'scan.json'), 'utf8'));
    const found = new Set(scan.columns.flatMap((c: { findings: Array<{ category: string }> }) => c.findings.map((f) => f.category)));
    for (const c of ['ssn', 'credit_card', 'email', 'dob']) expect(found, `found ${c}`).toContain(c);
    // The view's RAISE/SIGNAL text reached the scan, masked.
    const withView = await r('scan raise_view', ['scan', src, '-f', 'json', '--include', 'raise_view', '--verbose', '--no-progress']);
    const raised = (JSON.parse(withView.text.slice(withView.text.indexOf('{'), withView.text.lastIndexOf('}') + 1)).errors as Array<{ table?: string; message: string }>).find((e) => e.table?.endsWith('raise_view'));
    expect(raised?.message).toMatch(/invalid SSN ###-##-#### for \*\*\*@\*\*\*/);
    // The password written raw in the URL, and through ${ENV} in a config.
    const rawUrl = url.replace(`:${encodeURIComponent(PASSWORD)}@`, `:${PASSWORD}@`);
    expect(rawUrl).toContain(PASSWORD);
    const raw = await r('scan raw password', ['scan', `leak=${rawUrl}`, '-f', 'json', '--include', 'employees', '--verbose', '--no-progress']);
    expect(raw.code, raw.text.slice(0, 300)).toBe(0);
    writeFileSync(join(dir, 'env.config.yaml'), `sources:\n  - name: leak\n    url: ${rawUrl.replace(PASSWORD, '${LEAK_PW}')}\n`);
    const viaEnv = await r('scan env password', ['scan', '-c', 'env.config.yaml', '-f', 'json', '--include', 'employees', '--no-progress'], { LEAK_PW: PASSWORD });
    expect(viaEnv.code, viaEnv.text.slice(0, 300)).toBe(0);
    const unparseable = await r('refused unparseable url', ['scan', `leak=${rawUrl.replace(/:(\d+)\//, ':port/')}`, '-f', 'json', '--no-progress']);
    expect(unparseable.text).toMatch(/URL_INVALID/);
    await r('scan ndjson file', ['scan', src, '--out', 'scan.ndjson', '--verbose', ...ex]);
    await r('scan exact', ['scan', src, '--exact', '-f', 'json', '--out', 'exact.json', '--verbose', ...ex]);
    await r('merge', ['merge', 'scan.ndjson', '--out', 'merged.json']);
    // A table that times out, with debug logs.
    const slow = await r('scan timeout', ['scan', src, '-f', 'json', '--timeout', '300', '--verbose', '--include', 'slow_view', '--no-progress']);
    expect(slow.text).toMatch(/SAMPLE_TIMEOUT/);
    // Plan, approvals, migration SQL.
    expect((await r('plan', ['plan', '--scan', 'scan.json', '--out', 'plan.yaml'])).code).toBe(0);
    await r('plan json', ['plan', '--scan', 'scan.json', '--out', 'plan.json']);
    await r('approve', ['approve', 'plan.yaml', '--all', '--min-confidence', '0', '--reason', 'leak test']);
    const dry = await r('migrate dry run', ['migrate', 'plan.yaml', '--url', url, '--no-progress']);
    expect(dry.code, dry.text.slice(0, 300)).toBe(0);
    await r('migrate sql file', ['migrate', 'plan.yaml', '--source', `leak=${url}`, '--out', 'migrate.sql', '--no-progress']);
    // Reports, access, check, label.
    for (const f of ['table', 'json', 'csv', 'markdown', 'html']) await r(`report ${f}`, ['report', 'scan.json', '--plan', 'plan.yaml', '-f', f, '--all-columns']);
    await r('report html file', ['report', 'scan.json', '--out', 'report.html']);
    await r('report exposure', ['report', 'scan.json', '--exposure', '-f', 'json']);
    await r('access json', ['access', src, '--scan', 'scan.json', '-f', 'json', '--out', 'access.json']);
    await r('access table', ['access', src, '-f', 'table']);
    await r('report access', ['report', 'scan.json', '--access', 'access.json', '-f', 'html', '--out', 'report-access.html']);
    for (const f of ['table', 'json', 'markdown']) await r(`check ${f}`, ['check', src, '--baseline', 'scan.json', '-f', f, '--no-progress'].filter((a) => a !== '--no-progress'));
    await r('check plan', ['check', '--scan', 'exact.json', '--baseline', 'plan.yaml']);
    await r('label sql', ['label', src, '--scan', 'scan.json']);
    // Scan history: two stored runs, the listing, the diff, check's CI formats; the store itself is dumped below.
    const store = `pglite:${join(dir, 'history-store')}`;
    for (const i of [1, 2]) expect((await r(`scan history ${i}`, ['scan', src, '--history', store, '-f', 'json', '--out', `hist${i}.json`, '--verbose', ...ex])).code).toBe(0);
    await r('history', ['history', '--history', store, '-f', 'json']);
    for (const f of ['table', 'json', 'markdown']) await r(`diff ${f}`, ['diff', '--history', store, '-f', f]);
    for (const f of ['sarif', 'junit']) await r(`check ${f}`, ['check', '--scan', 'scan.json', '--baseline', 'plan.yaml', '-f', f]);
    await r('label file', ['label', src, '--scan', 'scan.json', '--out', 'label.sql']);
    // Errors: refused credentials, a bad file, a forced internal crash with MINIM_DEBUG=1.
    const bad = new URL(url);
    if (dialect === 'postgres') bad.username = 'nobody_' + user;
    else bad.password = PASSWORD + 'x';
    for (const cmd of [['scan', `leak=${bad}`, '-f', 'json', '--verbose'], ['access', `leak=${bad}`], ['label', `leak=${bad}`, '--scan', 'scan.json', '--apply'], ['migrate', 'plan.yaml', '--url', bad.toString(), '--apply']]) {
      const e = await r(`refused ${cmd[0]}`, cmd, { MINIM_DEBUG: '1' });
      expect(e.code, e.text).not.toBe(0);
      expect(e.text).toMatch(/AUTH_FAILED|CONNECT_FAILED/);
    }
    writeFileSync(join(dir, 'broken.json'), `{"version":1,"sources":[{"name":"leak","dialect":"postgres"}],"errors":[],"columns":[{"source":"leak","schema":"s","table":"t","column":"c","findings":[{"category":"ssn","confidence":"${SEED[0]!.ssn}","examples":"${SEED[1]!.ssn}","evidence":{"rule":"${SEED[2]!.card}"}}]}]}`);
    // NOTE: not -f json, which re-emits its input file as given (that file is the user's, not a sample).
    // A malformed scan is one line naming the file and the place, not a crash.
    for (const f of ['table', 'csv', 'markdown', 'html']) {
      const crash = await r(`crash report ${f}`, ['report', 'broken.json', '-f', f], { MINIM_DEBUG: '1' });
      expect(crash.text).toMatch(/^minim: FILE_INVALID: scan broken\.json: [^\n]+\n$/);
    }
    await r('crash plan', ['plan', '--scan', 'broken.json', '--out', 'broken-plan.yaml'], { MINIM_DEBUG: '1' });
    writeFileSync(join(dir, 'garbage.json'), `{"ssn": "${SEED[3]!.ssn}", oops`);
    await r('bad json', ['report', 'garbage.json'], { MINIM_DEBUG: '1' });
    await r('bad merge', ['merge', 'garbage.json'], { MINIM_DEBUG: '1' });
    // Last: migrate --apply (it rewrites the values it masks).
    const apply = await r('migrate apply', ['migrate', 'plan.yaml', '--url', url, '--apply', '--no-progress'], { MINIM_DEBUG: '1' });
    expect(apply.code, apply.text.slice(0, 300)).toBe(0);
    await r('label apply', ['label', src, '--scan', 'scan.json', '--apply']);

    // Every command meant to succeed did (exit 0, or 1 where it reports a finding or a drift), so its output counts.
    const failed = runs.filter((x) => !/^(refused|crash|bad|scan timeout)/.test(x.name) && x.code !== 0 && x.code !== 1);
    expect(failed.map((x) => `${x.name}: ${x.code}: ${x.text.split('\n').find((l) => l.startsWith('minim:')) ?? ''}`)).toEqual([]);
    const files = readdirSync(dir)
      .filter((f) => !['broken.json', 'garbage.json', 'history-store'].includes(f))
      .map((f) => ({ name: `file ${f}`, text: readFileSync(join(dir, f), 'utf8') }));
    expect(files.map((f) => f.name)).toEqual(expect.arrayContaining(['file scan.json', 'file scan.ndjson', 'file plan.yaml', 'file migrate.sql', 'file report.html', 'file label.sql']));
    // The history store: every table dumped as text, and its raw files (PostgreSQL keeps short text uncompressed in its pages).
    const { PGlite } = await import('@electric-sql/pglite');
    const hist = await PGlite.create(join(dir, 'history-store'));
    const dumps: Array<{ name: string; text: string }> = [];
    for (const t of ['runs', 'columns', 'findings', 'errors', 'risks', 'meta']) {
      const rows = (await hist.query(`SELECT * FROM minim_history.${t}`)).rows;
      if (t === 'findings') expect(rows.length, 'findings stored').toBeGreaterThan(4);
      dumps.push({ name: `history store ${t}`, text: JSON.stringify(rows) });
    }
    await hist.close();
    const rawStore = (d: string): Array<{ name: string; text: string }> =>
      readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? rawStore(join(d, e.name)) : [{ name: `history store file ${e.name}`, text: readFileSync(join(d, e.name)).toString('latin1') }]));
    const outputs = [...runs.map((x) => ({ name: x.name, text: x.text })), ...files, ...dumps, ...rawStore(join(dir, 'history-store', 'base'))];
    const needles = spellings();
    const leaks: string[] = [];
    for (const o of outputs) for (const n of needles) if (o.text.includes(n)) leaks.push(`${o.name}: ${n.replace(/./g, (c, i) => (i < 3 ? c : '*'))}`);
    expect(leaks).toEqual([]);
    // No raw control byte (ESC, BEL, a newline inside a name) in any output but the SQL,
    // whose quoted identifiers must name the table exactly. CSV records end in CRLF.
    // NOTE: approve prints item ids to stdout raw (src/cli/commands/approve.ts belongs to the approvals
    // work); its stderr and every other command's output are checked.
    const sql = ['migrate dry run', 'label sql', 'file migrate.sql', 'file label.sql', 'approve'];
    const controls = outputs
      .filter((o) => !sql.includes(o.name))
      // The history store's raw files are binary (database pages): grepped for values above, not for control bytes.
      .filter((o) => !o.name.startsWith('history store file'))
      .filter((o) => /[\u0000-\u0008\u000b-\u001f\u007f]/.test(o.text.replace(/\r\n/g, '\n')))
      .map((o) => `${o.name}: ${JSON.stringify(o.text.match(/.{0,20}[\u0000-\u0008\u000b-\u001f\u007f].{0,20}/)?.[0])}`);
    expect(controls).toEqual([]);
    // The outputs are not empty: the scan and migration really ran and said something.
    expect(outputs.reduce((n, o) => n + o.text.length, 0)).toBeGreaterThan(20_000);
  }, 900_000); // about 60 CLI processes per engine, each a fresh node: minutes on a loaded shared machine
}, () => (existsSync(CLI) ? undefined : `the built CLI is missing (${CLI}): run npm run build`));
