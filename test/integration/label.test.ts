/**
 * `minim label --apply`, one suite over every server engine. On each: the dry run prints the
 * engine's statement quoted for review and changes nothing; --apply writes it; a second run changes
 * nothing; the connector's catalog reads the label back as scan evidence. Where engines differ the
 * expectation is typed per engine. Then what each engine's labels must keep:
 * - PostgreSQL: comments keep their text, the tag is replaced not duplicated.
 * - MariaDB/MySQL: MODIFY COLUMN restates every column definition exactly; SHOW CREATE TABLE before
 *   and after differs only in the labelled columns' comments.
 * - SQL Server: ADD SENSITIVITY CLASSIFICATION, read back from sys.sensitivity_classifications.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import mysql from 'mysql2/promise';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openConnector, DEFAULT_CONNECTOR_OPTIONS } from '../../connectors/index.js';
import { runCli } from '../../src/cli/program.js';
import { labelEvidence } from '../../src/label/parse.js';
import { withoutColumnComments } from '../../connectors/mysql/mysql-labels.js';
import type { ScanResult } from '../../src/types.js';
import { createTestDatabase, type EngineDialect, type TestDatabase, type TestEngine } from '../helpers/engines.js';
import { capturedContext } from '../helpers/cli.js';
import { adminRows } from '../helpers/admin.js';
import { forEachEngine, SERVER_DIALECTS, serverOf, suiteEngines } from '../helpers/suite.js';

const ENGINES = await suiteEngines(SERVER_DIALECTS);
const cliContext = () => capturedContext();

// ---- the same contract on every engine ----------------------------------------------------------
/** The schema the `people` table is created in. */
const SCHEMA: Record<EngineDialect, (db: TestDatabase) => string> = { postgres: () => 'public', mysql: (db) => db.name, mssql: () => 'dbo' };
/** The statement the dry run prints for people.ssn. */
const STATEMENT: Record<EngineDialect, (db: TestDatabase) => string> = {
  postgres: () => `COMMENT ON COLUMN "public"."people"."ssn" IS '[minim: ssn]';`,
  mysql: (db) => 'ALTER TABLE `' + db.name + '`.`people` MODIFY COLUMN `ssn` varchar(11)',
  mssql: () => `ADD SENSITIVITY CLASSIFICATION TO "dbo"."people"."ssn" WITH (LABEL = 'Highly Confidential', INFORMATION_TYPE = 'SSN', RANK = CRITICAL);`,
};
/** Statements a second dry run prints: SQL Server re-adds the classification (it replaces itself). */
const SECOND_RUN: Record<EngineDialect, number> = { postgres: 0, mysql: 0, mssql: 1 };
/** The label as the engine itself stores it, read with the test's own session. */
const STORED: Record<EngineDialect, { sql: (db: TestDatabase) => string; expected: string }> = {
  postgres: { sql: () => `SELECT col_description('public.people'::regclass, 2) AS v`, expected: '[minim: ssn]' },
  mysql: { sql: (db) => `SELECT COLUMN_COMMENT AS v FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '${db.name}' AND TABLE_NAME = 'people' AND COLUMN_NAME = 'ssn'`, expected: '[minim: ssn]' },
  mssql: {
    sql: () => `SELECT CONCAT(CONVERT(nvarchar(200), label), N' / ', CONVERT(nvarchar(200), information_type), N' / ', rank_desc) AS v FROM sys.sensitivity_classifications WHERE major_id = OBJECT_ID(N'dbo.people') AND minor_id = COLUMNPROPERTY(OBJECT_ID(N'dbo.people'), N'ssn', 'ColumnId')`,
    expected: 'Highly Confidential / SSN / CRITICAL',
  },
};

function commonSuite(dialect: EngineDialect, engine: TestEngine): void {
  let db: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'minim-label-all-'));
  const scanFile = join(dir, 'scan.json');
  const stored = async () => String((await adminRows(dialect, db.url, STORED[dialect].sql(db)))[0]?.['v'] ?? '');

  beforeAll(async () => {
    db = await createTestDatabase(engine, `label_${dialect}`);
    await db.exec(['CREATE TABLE people (id int PRIMARY KEY, ssn varchar(11), notes varchar(40))', "INSERT INTO people VALUES (1, '123-45-6789', 'a'), (2, '234-56-7890', 'b')"]);
    const scan: ScanResult = {
      version: 1, scannedAt: '2026-11-23T12:00:00Z', errors: [],
      sources: [{ name: 'hr', dialect }],
      columns: [
        { source: 'hr', schema: SCHEMA[dialect](db), table: 'people', column: 'ssn', dataType: 'varchar(11)', rowEstimate: 2, sampled: 2, nonNull: 2,
          findings: [{ category: 'ssn', confidence: 0.99, evidence: [{ rule: 'us-ssn', source: 'value', matchRate: 1 }], examples: [] }] },
      ],
    };
    writeFileSync(scanFile, JSON.stringify(scan));
  }, 180_000);
  afterAll(async () => {
    await db?.drop();
  });

  it('dry run prints the quoted statement and changes nothing; --apply writes it; a second run changes nothing; the catalog reads it back', async () => {
    const dry = cliContext();
    expect(await runCli(['label', `hr=${db.url}`, '--scan', scanFile], dry.ctx)).toBe(0);
    expect(dry.out()).toContain('-- minim label: 1 statement(s)');
    expect(dry.out()).toContain(STATEMENT[dialect](db));
    expect(await stored()).toBe('');

    const apply = cliContext();
    expect(await runCli(['label', `hr=${db.url}`, '--scan', scanFile, '--apply', '-q'], apply.ctx)).toBe(0);
    expect(await stored()).toBe(STORED[dialect].expected);

    const again = cliContext();
    expect(await runCli(['label', `hr=${db.url}`, '--scan', scanFile], again.ctx)).toBe(0);
    expect(again.out()).toContain(`-- minim label: ${SECOND_RUN[dialect]} statement(s)`);
    const reapply = cliContext();
    expect(await runCli(['label', `hr=${db.url}`, '--scan', scanFile, '--apply', '-q'], reapply.ctx)).toBe(0);
    expect(await stored()).toBe(STORED[dialect].expected);

    const connector = await openConnector(db.url, { ...DEFAULT_CONNECTOR_OPTIONS, name: 'hr' });
    try {
      const t = (await connector.catalog()).find((x) => x.name === 'people')!;
      expect(labelEvidence(t.columns.find((x) => x.name === 'ssn')!.comment)).toEqual([{ category: 'ssn' }]);
      expect(labelEvidence(t.columns.find((x) => x.name === 'notes')!.comment)).toEqual([]);
    } finally {
      await connector.close();
    }
  }, 120_000);
}

// ---- PostgreSQL: comments keep their text ------------------------------------------------------
function postgresSuite(engine: TestEngine): void {
  describe('PostgreSQL comments', () => {
    let db: TestDatabase;
    const dir = mkdtempSync(join(tmpdir(), 'minim-label-'));
    const scanFile = join(dir, 'scan.json');

    beforeAll(async () => {
      db = await createTestDatabase(engine, 'label_pg');
      await db.exec([
        `CREATE SCHEMA "Pay Roll"`,
        `CREATE TABLE "Pay Roll".employees (id int PRIMARY KEY, ssn text, "it's dob" date, notes text)`,
        `COMMENT ON COLUMN "Pay Roll".employees.ssn IS 'Employee''s SSN, needed for W-2'`,
        `INSERT INTO "Pay Roll".employees SELECT g, '123-45-' || lpad(g::text, 4, '0'), date '1970-01-01' + g * 37, 'note ' || g FROM generate_series(1, 300) g`,
      ]);
      const scan: ScanResult = {
        version: 1, scannedAt: '2026-11-23T12:00:00Z', errors: [],
        sources: [{ name: 'payroll', dialect: 'postgres' }],
        columns: [
          { source: 'payroll', schema: 'Pay Roll', table: 'employees', column: 'ssn', dataType: 'text', rowEstimate: 300, sampled: 300, nonNull: 300,
            findings: [{ category: 'ssn', confidence: 0.99, evidence: [{ rule: 'us-ssn', source: 'value', matchRate: 1 }], examples: [] }] },
          { source: 'payroll', schema: 'Pay Roll', table: 'employees', column: "it's dob", dataType: 'date', rowEstimate: 300, sampled: 300, nonNull: 300,
            findings: [{ category: 'dob', confidence: 0.9, evidence: [{ rule: 'dob', source: 'value', matchRate: 1 }], examples: [] }] },
        ],
      };
      writeFileSync(scanFile, JSON.stringify(scan));
    });
    afterAll(async () => {
      await db?.drop();
    });

    const comments = async () => {
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      try {
        const r = await c.query<{ attname: string; comment: string | null }>(
          `SELECT attname, col_description(attrelid, attnum) AS comment FROM pg_attribute WHERE attrelid = '"Pay Roll".employees'::regclass AND attnum > 0 ORDER BY attnum`,
        );
        return Object.fromEntries(r.rows.map((x) => [x.attname, x.comment]));
      } finally {
        await c.end();
      }
    };

    it('prints quoted SQL for review without changing anything', async () => {
      const { ctx, out } = cliContext();
      expect(await runCli(['label', `payroll=${db.url}`, '--scan', scanFile], ctx)).toBe(0);
      expect(out()).toContain(`COMMENT ON COLUMN "Pay Roll"."employees"."ssn" IS 'Employee''s SSN, needed for W-2 [minim: ssn]';`);
      expect(out()).toContain(`COMMENT ON COLUMN "Pay Roll"."employees"."it's dob" IS '[minim: dob]';`);
      // No anon extension here: no SECURITY LABEL.
      expect(out()).not.toContain('SECURITY LABEL');
      expect((await comments())['ssn']).toBe("Employee's SSN, needed for W-2");
    });

    it('applies, keeps the existing text, and is idempotent', async () => {
      for (let i = 0; i < 2; i++) {
        const { ctx } = cliContext();
        expect(await runCli(['label', `payroll=${db.url}`, '--scan', scanFile, '--apply', '-q'], ctx)).toBe(0);
      }
      const c = await comments();
      expect(c['ssn']).toBe("Employee's SSN, needed for W-2 [minim: ssn]");
      expect(c["it's dob"]).toBe('[minim: dob]');
      expect(c['notes']).toBeNull();
      const { ctx, out } = cliContext();
      await runCli(['label', `payroll=${db.url}`, '--scan', scanFile], ctx);
      expect(out()).toContain('-- minim label: 0 statement(s)');
    });

    it('is read back as evidence through the connector catalog', async () => {
      const connector = await openConnector(db.url, { ...DEFAULT_CONNECTOR_OPTIONS, name: 'payroll' });
      try {
        const t = (await connector.catalog()).find((x) => x.name === 'employees')!;
        const ssn = t.columns.find((x) => x.name === 'ssn')!;
        expect(labelEvidence(ssn.comment)).toEqual([{ category: 'ssn' }]);
        expect(labelEvidence(t.columns.find((x) => x.name === 'notes')!.comment)).toEqual([]);
      } finally {
        await connector.close();
      }
      expect(readFileSync(scanFile, 'utf8')).not.toContain('123-45-');
    });
  });
}

// ---- MariaDB/MySQL: only the comments change ------------------------------------------------------
// Every column is "sensitive" so every kind of definition is restated.
const COLUMNS: Array<[string, string]> = [
  ['id', 'int(10) unsigned zerofill NOT NULL AUTO_INCREMENT'],
  ['ssn', "varchar(20) CHARACTER SET latin1 COLLATE latin1_bin NOT NULL DEFAULT 'x''y' COMMENT 'old \\\\ c''m'"],
  ['updated', 'timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp()'],
  ['amount', 'decimal(10,2) DEFAULT 1.50'],
  ['kind', "enum('a','b') DEFAULT 'a'"],
  ['twice', 'int GENERATED ALWAYS AS (amount * 2) VIRTUAL'],
  ['stored_g', 'varchar(30) GENERATED ALWAYS AS (concat(kind, \'-\', amount)) STORED'],
  ['notes', 'text'],
  ['hidden', 'int DEFAULT (amount + 1) INVISIBLE'],
  ['doc', 'json'],
  ['weird `name`', "char(9) NOT NULL DEFAULT ''"],
  ['dob', 'date NULL DEFAULT NULL COMMENT \'birth date\''],
  ['flag', "bit(1) NOT NULL DEFAULT b'0'"],
];

function mysqlSuite(engine: TestEngine): void {
  describe('MariaDB/MySQL column definitions', () => {
    let db: TestDatabase;
    const dir = mkdtempSync(join(tmpdir(), 'minim-label-my-'));
    const scanFile = join(dir, 'scan.json');
    let mariadb = true;

    const showCreate = async () => {
      const c = await mysql.createConnection({ uri: db.url });
      try {
        const [rows] = await c.query(`SHOW CREATE TABLE people`);
        return (rows as Array<Record<string, string>>)[0]!['Create Table']!;
      } finally {
        await c.end();
      }
    };
    const comments = async () => {
      const c = await mysql.createConnection({ uri: db.url });
      try {
        const [rows] = await c.query(`SELECT COLUMN_NAME AS n, COLUMN_COMMENT AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'people'`, [db.name]);
        return Object.fromEntries((rows as Array<{ n: string; c: string }>).map((r) => [r.n, r.c]));
      } finally {
        await c.end();
      }
    };

    beforeAll(async () => {
      db = await createTestDatabase(engine, 'label_my');
      const c = await mysql.createConnection({ uri: db.url });
      try {
        const [v] = await c.query('SELECT VERSION() AS v');
        mariadb = /mariadb/i.test((v as Array<{ v: string }>)[0]!.v);
      } finally {
        await c.end();
      }
      const defs = COLUMNS.map(([n, d]) => `\`${n.replace(/`/g, '``')}\` ${d}`).join(', ');
      await db.exec([`CREATE TABLE people (${defs}, PRIMARY KEY (id)) COMMENT='people table'`, `INSERT INTO people (ssn, amount) VALUES ('123-45-6789', 2.5)`]);
      const scan: ScanResult = {
        version: 1, scannedAt: '2026-11-23T12:00:00Z', errors: [],
        sources: [{ name: 'hr', dialect: 'mysql' }],
        columns: COLUMNS.map(([n]) => ({
          source: 'hr', schema: db.name, table: 'people', column: n, dataType: 'x', rowEstimate: 1, sampled: 1, nonNull: 1,
          findings: [{ category: n === 'dob' ? 'dob' : 'ssn', confidence: 0.9, evidence: [], examples: [] }],
        })),
      };
      writeFileSync(scanFile, JSON.stringify(scan));
    });
    afterAll(async () => {
      await db?.drop();
    });

    it('changes only the comments, keeping each existing comment text', async () => {
      const before = await showCreate();
      const { ctx, out } = cliContext();
      expect(await runCli(['label', `hr=${db.url}`, '--scan', scanFile], ctx)).toBe(0);
      expect(out()).toContain('ALTER TABLE `' + db.name + '`.`people` MODIFY COLUMN `weird ``name``` char(9)');
      const apply = cliContext();
      expect(await runCli(['label', `hr=${db.url}`, '--scan', scanFile, '--apply', '-q'], apply.ctx)).toBe(0);
      const after = await showCreate();
      expect(after).not.toBe(before);
      expect(withoutColumnComments(after)).toBe(withoutColumnComments(before));
      const c = await comments();
      expect(c['ssn']).toBe("old \\ c'm [minim: ssn]");
      expect(c['dob']).toBe('birth date [minim: dob]');
      expect(c['weird `name`']).toBe('[minim: ssn]');
      expect(c['twice']).toBe('[minim: ssn]');
      if (mariadb) expect(after).toMatch(/`doc` longtext .*CHECK \(json_valid\(`doc`\)\)/);
    });

    it('is idempotent: a second run writes nothing and changes nothing', async () => {
      const before = await showCreate();
      const { ctx, out } = cliContext();
      await runCli(['label', `hr=${db.url}`, '--scan', scanFile], ctx);
      expect(out()).toContain('-- minim label: 0 statement(s)');
      const apply = cliContext();
      expect(await runCli(['label', `hr=${db.url}`, '--scan', scanFile, '--apply', '-q'], apply.ctx)).toBe(0);
      expect(await showCreate()).toBe(before);
    });
  });
}

const ENGINE_SPECIFIC: Record<EngineDialect, (engine: TestEngine) => void> = {
  postgres: postgresSuite,
  mysql: mysqlSuite,
  // SQL Server keeps one classification per column, outside the column definition: the common suite covers it.
  mssql: () => {},
};

forEachEngine('label --apply', ENGINES, (e) => {
  commonSuite(e.dialect, serverOf(e));
  ENGINE_SPECIFIC[e.dialect](serverOf(e));
});
