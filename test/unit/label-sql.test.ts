import { describe, expect, it } from 'vitest';
import { mssqlLabelStatements } from '../../connectors/mssql/mssql-labels.js';
import { columnDefinition, withoutColumnComments, type MysqlColumnDef } from '../../connectors/mysql/mysql-labels.js';
import { postgresLabelStatements } from '../../connectors/postgres/postgres-labels.js';

const target = { schema: 'hr', table: 'em]ployees', column: "o'brien ssn", categories: ['ssn'] };

describe('SQL Server sensitivity classification', () => {
  it('quotes identifiers with brackets and literals with doubled quotes', () => {
    const [s] = mssqlLabelStatements([target]);
    expect(s!.sql).toBe(
      "ADD SENSITIVITY CLASSIFICATION TO [hr].[em]]ployees].[o'brien ssn] WITH (LABEL = 'Highly Confidential', INFORMATION_TYPE = 'SSN', RANK = CRITICAL);",
    );
  });
  it('drops the database part of a db.schema name and ranks several categories by the highest', () => {
    const [s] = mssqlLabelStatements([{ schema: 'city.dbo', table: 't', column: 'c', categories: ['email', 'medical'] }]);
    expect(s!.sql).toContain('TO [dbo].[t].[c]');
    expect(s!.sql).toContain("INFORMATION_TYPE = 'Health', RANK = CRITICAL");
  });
});

describe('PostgreSQL labels', () => {
  const key = JSON.stringify(['hr', 'em]ployees', "o'brien ssn"]);
  it('adds SECURITY LABEL FOR anon only when the extension is installed', () => {
    const columns = new Map([[key, { comment: "Worker's id", typcat: 'S' }]]);
    const without = postgresLabelStatements([target], { columns, anon: false });
    expect(without.map((s) => s.sql)).toEqual([`COMMENT ON COLUMN "hr"."em]ployees"."o'brien ssn" IS 'Worker''s id [minim: ssn]';`]);
    const withAnon = postgresLabelStatements([target], { columns, anon: true });
    expect(withAnon[1]!.sql).toBe(
      `SECURITY LABEL FOR anon ON COLUMN "hr"."em]ployees"."o'brien ssn" IS 'MASKED WITH FUNCTION anon.partial("o''brien ssn", 0, $$****$$, 4)';`,
    );
    const date = postgresLabelStatements([{ ...target, categories: ['dob'] }], { columns: new Map([[key, { comment: null, typcat: 'D' }]]), anon: true });
    expect(date[1]!.sql).toContain(`IS 'MASKED WITH VALUE NULL'`);
  });
  it('skips columns already carrying the same tag', () => {
    const columns = new Map([[key, { comment: 'x [minim: ssn]', typcat: 'S' }]]);
    expect(postgresLabelStatements([target], { columns, anon: false })[0]!.skip).toBe('already labelled');
  });
});

describe('MySQL column definitions', () => {
  const base: MysqlColumnDef = {
    name: 'created', type: 'timestamp', nullable: false, default: 'CURRENT_TIMESTAMP', charset: null, collation: null,
    extra: 'DEFAULT_GENERATED on update CURRENT_TIMESTAMP', generation: null, comment: '', check: null,
  };
  it('restates MySQL 8 expression defaults and ON UPDATE', () => {
    expect(columnDefinition(base, '[minim: dob]', false)).toBe(
      "`created` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP COMMENT '[minim: dob]'",
    );
    expect(columnDefinition({ ...base, type: 'int', default: '(1 + 1)', extra: 'DEFAULT_GENERATED' }, 'c', false)).toContain('DEFAULT ((1 + 1))');
  });
  it('quotes MySQL 8 literal defaults and escapes backslashes in comments', () => {
    const d = { ...base, type: 'varchar(10)', nullable: true, default: "it's", extra: '', charset: 'utf8mb4', collation: 'utf8mb4_bin' };
    expect(columnDefinition(d, 'a\\b', false)).toBe("`created` varchar(10) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL DEFAULT 'it''s' COMMENT 'a\\\\b'");
  });
  it('compares SHOW CREATE TABLE ignoring column comments only', () => {
    const a = "CREATE TABLE `t` (\n  `a` int DEFAULT NULL COMMENT 'x''y',\n  `b` int\n) ENGINE=InnoDB COMMENT='t'";
    const b = "CREATE TABLE `t` (\n  `a` int DEFAULT NULL COMMENT 'x [minim: ssn]',\n  `b` int\n) ENGINE=InnoDB COMMENT='t'";
    expect(withoutColumnComments(a)).toBe(withoutColumnComments(b));
    expect(withoutColumnComments(a)).not.toBe(withoutColumnComments(b.replace('`b` int', '`b` bigint')));
  });
  it('reads SHOW CREATE TABLE as tokens: a newline, a backtick or COMMENT text inside a column name', () => {
    const name = "`ssn\nhio  COMMENT 'x'`` \u001b[31m`";
    const a = `CREATE TABLE \`ev\u001b[31mil\u0007 t\` (\n  ${name} varchar(20) DEFAULT NULL,\n  \`b\` int COMMENT 'it''s \\' ok'\n) ENGINE=InnoDB COMMENT='t'`;
    const b = a.replace('DEFAULT NULL,', "DEFAULT NULL COMMENT '[minim: ssn]',").replace("COMMENT 'it''s \\' ok'", "COMMENT 'it''s \\' ok [minim: dob]'");
    expect(withoutColumnComments(b)).toBe(withoutColumnComments(a));
    expect(withoutColumnComments(b)).toContain(name);
    expect(withoutColumnComments(b)).toContain("COMMENT='t'");
    expect(withoutColumnComments(b)).not.toBe(withoutColumnComments(b.replace('varchar(20)', 'varchar(21)')));
  });
});
