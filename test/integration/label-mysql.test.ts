/**
 * `minim label` on MariaDB/MySQL: MODIFY COLUMN restates every column definition exactly; SHOW CREATE
 * TABLE before and after differs only in the labelled columns' comments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mysql from 'mysql2/promise';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/program.js';
import { withoutColumnComments } from '../../connectors/mysql/mysql-labels.js';
import type { ScanResult } from '../../src/types.js';
import { createTestDatabase, getEngine, type TestDatabase } from '../helpers/engines.js';
import { capturedContext } from '../helpers/cli.js';

const found = await getEngine('mysql');
if (found.skip) console.warn(`label-mysql: skipped: ${found.skip}`);

const cliContext = () => capturedContext();

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

describe.skipIf(!found.engine)('label on MariaDB/MySQL', () => {
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
    db = await createTestDatabase(found.engine!, 'label_my');
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
