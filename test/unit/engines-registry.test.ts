/**
 * Every registered engine supplies every role (conformance over connectors/index.ts ENGINES, run
 * against each engine's own spellings), and src/ holds no dialect branch and imports no driver.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ENGINES, engineRoles, familyOf, grantsDialect, labelsDialect, writeSql } from '../../connectors/index.js';
import type { ColumnChange, WriteSql } from '../../connectors/types.js';
import type { DemoColumnType } from '../../src/demo/model.js';
import { DIALECTS } from '../../src/types.js';

const ROOT = join(import.meta.dirname, '..', '..');
const HOSTILE = 'a"b`c]d [e]';

/** Compiles `q` for `w` and insists it carries no parameter: what the SQL file writes down. */
const text = (w: WriteSql, q: Parameters<WriteSql['compile']>[0]) => {
  const c = w.compile(q);
  expect(c.parameters, c.sql).toEqual([]);
  return c.sql;
};

describe('the engine registry', () => {
  it('registers every dialect, once, and nothing else', () => {
    expect(Object.keys(ENGINES).sort()).toEqual([...DIALECTS].sort());
    expect(engineRoles('oracle')).toBeUndefined();
    expect(engineRoles('toString')).toBeUndefined();
    for (const d of DIALECTS) {
      expect(grantsDialect(d)).toBe(ENGINES[d].grants);
      expect(labelsDialect(d)).toBe(ENGINES[d].labels);
      expect(writeSql(d)).toBe(ENGINES[d].write);
      expect(writeSql(familyOf(d))).toBe(ENGINES[d].write);
    }
    expect(familyOf('pglite')).toBe('postgres');
  });

  describe.each(DIALECTS)('%s supplies every role', (dialect) => {
    const roles = ENGINES[dialect];
    const w = roles.write;

    it('grants: readers, the REVOKE of a column grant (quoted by construction), the re-check', () => {
      expect(typeof roles.grants.readers).toBe('function');
      expect(typeof roles.grants.stillGranted).toBe('function');
      const revoke = roles.grants.revokeSql({ chain: ['clerk'], grantee: ['clerk'], object: 'column', on: { schema: 's', name: HOSTILE, column: 'ssn' }, what: 'SELECT on column' });
      expect(revoke).toMatch(/^REVOKE SELECT/);
      expect(revoke).toContain(roles.demo.quoteIdent(HOSTILE));
      expect(roles.grants.revokeSql({ chain: ['o'], grantee: ['o'], object: 'owner', what: 'owner' })).toMatch(/^refused: /);
    });

    it('open (the connector) and labels (plan, apply)', () => {
      expect(typeof roles.open).toBe('function');
      expect(typeof roles.labels.plan).toBe('function');
      expect(typeof roles.labels.apply).toBe('function');
    });

    it('write: one quoting, every mask, purge age, revoke, batch, salt and script spelling', () => {
      expect(w.family).toBe(familyOf(dialect));
      const c = sql.id(HOSTILE);
      // The compiler quotes identifiers exactly as the engine's own quoting (one way only).
      expect(text(w, sql`${c}`)).toBe(roles.demo.quoteIdent(HOSTILE));
      const changes: ColumnChange[] = [w.mask.last4(c), w.mask.hash(c), w.mask.yearOfDate(c, true), w.mask.yearOfDate(c, false), w.mask.yearOfText(c)];
      for (const m of changes) {
        expect(text(w, m.set)).toContain(roles.demo.quoteIdent(HOSTILE));
        expect(text(w, m.pending)).toContain(roles.demo.quoteIdent(HOSTILE));
      }
      for (const unit of ['d', 'm', 'y'] as const) expect(text(w, w.olderThan(c, 7, unit))).toMatch(/7/);
      const revokes = ['PUBLIC', 'clerk'].map((role) => w.revokeColumn(sql.id('s', 't'), c, role));
      for (const r of revokes) expect('statement' in r ? text(w, r.statement) : r.note).toMatch(/REVOKE|no PUBLIC/);
      expect(revokes.some((r) => 'statement' in r)).toBe(true);
      const batch = (keys: string[]) =>
        text(w, w.statelessBatch({ table: sql.id('s', 't'), head: (top) => sql`DELETE ${top}FROM ${sql.id('s', 't')}`, pending: sql`(${c} IS NOT NULL)`, keyColumns: keys, n: 250 }));
      for (const keys of [['id'], []]) expect(batch(keys)).toMatch(/^DELETE .*250/);
      const salt = w.saltStatement('pepper');
      expect(salt.sql).not.toContain('pepper');
      expect(salt.parameters).toContain('pepper');
      expect(w.script.header().length).toBeGreaterThan(0);
      expect(w.script.saltSetup('MY_SALT').join('\n')).toContain('MY_SALT');
      expect(w.script.loop('UPDATE x SET y = 1', { item: 'i', schema: 's', index: 0 }).join('\n')).toContain('UPDATE x SET y = 1;');
      expect(w.revokedAlready('REVOKE SELECT ON t FROM u', new Error('unrelated'))).toBe(false);
      expect(text(w, w.checksum(['a', 'b']))).toMatch(/a/);
      expect(text(w, sql`SELECT ${w.rows.top(5)}x FROM t${w.rows.limit(5)}`)).toMatch(/5/);
    });

    it('demo: types for every column type, literals, the seed file', () => {
      const types: DemoColumnType[] = ['text', 'varchar', 'char', 'int', 'bigint', 'decimal', 'date', 'timestamp', 'bool'];
      for (const type of types) expect(roles.demo.columnType({ name: 'c', type, length: 10, label: [] } as never)).toMatch(/\w/);
      expect(roles.demo.text("it's")).toMatch(/it''s/);
      expect(roles.demo.file.terminator).toMatch(/\n$/);
      expect(roles.defaultPort === null || Number.isInteger(roles.defaultPort)).toBe(true);
    });
  });

  it('MySQL alone treats a REVOKE of a grant that is not there as done (by errno, also through a mapped error)', () => {
    const absent = Object.assign(new Error('There is no such grant defined for user'), { errno: 1141 });
    const mapped = Object.assign(new Error('source s: MySQL error'), { cause: { errno: 1147 } });
    expect(writeSql('mysql').revokedAlready('REVOKE SELECT (`c`) ON `t` FROM u', absent)).toBe(true);
    expect(writeSql('mysql').revokedAlready('REVOKE SELECT (`c`) ON `t` FROM u', mapped)).toBe(true);
    expect(writeSql('mysql').revokedAlready('ALTER TABLE t DROP COLUMN c', absent)).toBe(false);
    expect(writeSql('postgres').revokedAlready('REVOKE SELECT ON t FROM u', absent)).toBe(false);
  });

  it('each engine folder holds its role files, named for the engine', () => {
    const ROLES = ['connector', 'catalog', 'sample', 'errors', 'grants', 'labels', 'migrate-dialect', 'demo-sql', 'quote'];
    for (const engine of ['postgres', 'mysql', 'mssql']) {
      for (const role of ROLES) expect(existsSync(join(ROOT, 'connectors', engine, `${engine}-${role}.ts`)), `${engine}-${role}.ts`).toBe(true);
    }
  });
});

/** Every .ts file under `dir`. */
function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

const ENGINE = `'(?:postgres|pglite|mysql|mssql)'`;
/** A branch on a dialect or SQL family: comparisons, switches and cases on them. */
const BRANCH = [
  /\b(?:family|dialect)\s*[!=]==?/,
  new RegExp(`[!=]==?\\s*${ENGINE}`),
  new RegExp(`${ENGINE}\\s*[!=]==?`),
  new RegExp(`\\bcase\\s+${ENGINE}\\s*:`),
  /\bswitch\s*\(\s*[\w.]*(?:dialect|family)\b/i,
];
const DRIVER = /(?:from\s+|import\s*\(\s*)'(?:pg|pg-[\w-]+|mysql2(?:\/[\w-]+)?|mssql|tedious|@electric-sql\/pglite)'/;

/** Code lines that branch on a dialect, comments stripped. */
function branches(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  return code.split('\n').filter((l) => BRANCH.some((re) => re.test(l)));
}

describe('src/ holds no engine knowledge', () => {
  it('the scan finds each kind of branch (it is not vacuous)', () => {
    for (const line of ["if (family === 'mysql') x();", "const q = d !== 'mssql' ? a : b;", "switch (connector.dialect) {", "    case 'pglite':", "if ('postgres' === f) y();"]) {
      expect(branches(line), line).toHaveLength(1);
    }
    expect(branches("// if (family === 'mysql') a comment is no branch")).toEqual([]);
    expect(DRIVER.test("import pg from 'pg';")).toBe(true);
    expect(DRIVER.test("await import('mysql2/promise')")).toBe(true);
  });

  it('no file under src/ branches on a dialect or imports a driver', () => {
    const found: string[] = [];
    for (const file of tsFiles(join(ROOT, 'src'))) {
      const source = readFileSync(file, 'utf8');
      for (const line of branches(source)) found.push(`${file.slice(ROOT.length + 1)}: ${line.trim()}`);
      if (DRIVER.test(source)) found.push(`${file.slice(ROOT.length + 1)}: imports a driver`);
    }
    expect(found).toEqual([]);
  });
});
