import { describe, expect, it } from 'vitest';
import type { CatalogColumn, CatalogTable, TypeClass } from '../../connectors/types.js';
import type { PlanItem } from '../../src/plan/plan-schema.js';
import { itemDigest } from '../../src/plan/digest.js';
import { operationFor, type Operation } from '../../src/migrate/operations.js';
import { renderScript } from '../../src/migrate/script.js';
import { compile, type SqlFamily } from '../../src/migrate/sql-compiler.js';
import { guardedUpdate, rangeBound, rangeChange, readBatch, statelessBatch, type BatchKey } from '../../src/migrate/batch-sql.js';
import type { WriteDialect } from '../../connectors/types.js';
import { postgresWriteDialect } from '../../connectors/postgres/postgres-migrate-dialect.js';
import { mysqlWriteDialect } from '../../connectors/mysql/mysql-migrate-dialect.js';
import { mssqlFacts, mssqlWriteDialect } from '../../connectors/mssql/mssql-migrate-dialect.js';
import { selectApproved } from '../../src/migrate/approvals.js';
import { checkSchema } from '../../src/migrate/staleness.js';
import type { Plan } from '../../src/plan/plan-schema.js';
import { signDecision } from '../../src/approvals/decisions.js';
import { sealPlan } from '../../src/approvals/seal.js';
import { parseStewards } from '../../src/approvals/stewards.js';
import { makeSteward, stewardsYaml } from '../helpers/stewards.js';

// Approvals are signed by a real steward key; one approval suffices here (twoPerson: []).
const ana = await makeSteward('ana');
const stewards = parseStewards(stewardsYaml([ana], []), 'stewards.yaml');
const BASE: Plan = { version: 2, createdAt: 'x', scan: { scannedAt: 'x' }, sources: [], schemaFingerprint: {}, items: [] };
const sealed = (items: PlanItem[]): Plan => sealPlan({ ...BASE, items }, ana.key, 'ana', '2026-01-01T00:00:00Z');

const FAMILIES: readonly SqlFamily[] = ['postgres', 'mysql', 'mssql'];
// The SQL spellings need no connection; a query that is never called stands in for one.
const never = async () => {
  throw new Error('no database in unit tests');
};
const WRITE: Record<SqlFamily, WriteDialect> = { postgres: postgresWriteDialect(never), mysql: mysqlWriteDialect(never), mssql: mssqlWriteDialect(never) };
const HOSTILE_SCHEMA = 'dept"; DROP TABLE x;--';
const HOSTILE_TABLE = 'résumé `t` [x] "q"';
const HOSTILE_COLUMN = "ss'n ]`\";--";

const col = (name: string, typeClass: TypeClass, dataType: string, maxLength: number | null = null): CatalogColumn => ({
  name, position: 1, dataType, typeClass, nullable: true, maxLength, comment: null,
});
const table = (primaryKey: string[]): CatalogTable => ({
  schema: HOSTILE_SCHEMA,
  name: HOSTILE_TABLE,
  kind: 'table',
  rowEstimate: 10,
  primaryKey,
  comment: null,
  columns: [col('id', 'integer', 'integer'), col(HOSTILE_COLUMN, 'text', 'varchar(100)', 100), col('born', 'date', 'date'), col('notes', 'text', 'text'), col('closed_at', 'timestamp', 'timestamp')],
});
const approve = (partial: Partial<PlanItem> & Pick<PlanItem, 'column' | 'action'>): PlanItem => {
  const item: PlanItem = {
    id: `s.${HOSTILE_SCHEMA}.${HOSTILE_TABLE}.${partial.column}:${partial.action}`,
    source: 's', schema: HOSTILE_SCHEMA, table: HOSTILE_TABLE, category: 'ssn', reason: 'test\n-- injected line', dataType: 'varchar(100)', rowEstimate: 10,
    evidence: { confidence: 1, sources: ['value'], rules: ['r'], examples: [] }, status: 'approved', decisions: [],
    ...partial,
  };
  return { ...item, decisions: [signDecision(BASE, item, { decision: 'approved', reason: 'ok\n-- injected line', at: '2026-01-01T00:00:00Z', key: ana.key, by: 'ana' })] };
};

const ITEMS: PlanItem[] = [
  approve({ column: HOSTILE_COLUMN, action: 'mask', strategy: 'last4' }),
  approve({ column: 'notes', action: 'mask', strategy: 'redact', category: 'ssn', redact: ['credit_card', 'ssn'], dataType: 'text' }),
  approve({ column: 'born', action: 'mask', strategy: 'year', category: 'dob', dataType: 'date' }),
  approve({ column: 'notes', action: 'purge', strategy: 'blank', category: 'medical', dataType: 'text', retention: { period: '7y', dateColumn: 'closed_at', dateColumnType: 'timestamp' } }),
  approve({ column: HOSTILE_COLUMN, action: 'restrict', restrict: { revokeFrom: ['PUBLIC', 'clerk"311'] } }),
  approve({ column: HOSTILE_COLUMN, action: 'drop' }),
];

const script = (family: SqlFamily, pk: string[]) =>
  renderScript({
    family, source: 's', planFile: 'plan.yaml', batchSize: 1000, counts: new Map(), saltEnv: 'MINIM_HASH_SALT',
    operations: ITEMS.map((i) => operationFor(family, i, table(pk))),
  });

describe.each(FAMILIES)('%s SQL', (family) => {
  it('quotes hostile identifiers by construction (snapshot), keyed and keyless', () => {
    expect(script(family, ['id'])).toMatchSnapshot();
    expect(script(family, [])).toMatchSnapshot();
  });

  it('never writes a newline from a reason or name into a comment', () => {
    const s = script(family, ['id']);
    expect(s).not.toMatch(/^-- injected line/m);
  });

  it('keeps key bounds, old and new values as parameters, never as SQL text', () => {
    const op = operationFor(family, ITEMS[0]!, table(['id', 'born'])) as Operation & { kind: 'rows' };
    const key: BatchKey = { columns: ['id', 'born'], locator: false };
    const b = compile(family, rangeChange(op, key, ['41', '2020-01-01 00:00:00.987654'], ['99', '2021-01-01'], []));
    expect(b.parameters).toEqual(['41', '41', '2020-01-01 00:00:00.987654', '99', '99', '2021-01-01']);
    expect(b.sql).not.toContain('41');
    expect(b.sql).not.toContain('987654');
    const bound = compile(family, rangeBound(WRITE[family], op.table, key, null, 500));
    expect(bound.parameters).toEqual([]);
    expect(bound.sql).toContain(family === 'mssql' ? 'OFFSET 499 ROWS FETCH NEXT 1 ROWS ONLY' : 'LIMIT 1 OFFSET 499');
    // Keys are read back as the server's text, so a timestamp(6) never goes through a JS Date.
    expect(bound.sql).toContain(family === 'postgres' ? 'CAST("id" AS text)' : family === 'mysql' ? 'CAST(`id` AS CHAR)' : 'CONVERT(nvarchar(4000), [id], 121)');
    const secret = '123-45-6789';
    const g = compile(family, guardedUpdate(WRITE[family], op.table, key, ['7', '2020-01-01'], 'notes', `SSN ${secret}`, 'SSN [REDACTED-SSN]', ['modified']));
    expect(g.sql).not.toContain(secret);
    expect(g.parameters).toEqual(family === 'mssql' ? ['SSN [REDACTED-SSN]', '7', '2020-01-01', `SSN ${secret}`, `SSN ${secret}`] : ['SSN [REDACTED-SSN]', '7', '2020-01-01', `SSN ${secret}`]);
    // ON UPDATE columns are set to themselves, so the engine keeps them as they were.
    expect(g.sql).toMatch(family === 'mysql' ? /`modified` = `modified`/ : family === 'mssql' ? /\[modified\] = \[modified\]/ : /"modified" = "modified"/);
    const r = compile(family, readBatch(WRITE[family], op.table, key, ['notes'], ['7', '2020-01-01'], 100, { lock: true }));
    expect(r.parameters).toEqual(['7', '7', '2020-01-01']);
    expect(r.sql).toContain(family === 'mssql' ? 'WITH (UPDLOCK, ROWLOCK)' : 'FOR UPDATE');
  });

  it('a column named n is never shadowed by a script variable', () => {
    const t = { ...table(['id']), columns: [...table(['id']).columns, col('n', 'text', 'varchar(11)', 11)] };
    const s = renderScript({
      family, source: 's', planFile: 'p', batchSize: 10, counts: new Map(), saltEnv: 'S',
      operations: [operationFor(family, approve({ column: 'n', action: 'mask', strategy: 'last4' }), t)],
    });
    expect(s).not.toMatch(/DECLARE n |GET DIAGNOSTICS n |SET n = /);
    if (family !== 'mssql') expect(s).toContain('minim_rows$');
  });
});

describe('dialect paths', () => {
  it('free-text redaction is client-side on every dialect (SQL Server email too); the SQL file says so', () => {
    for (const family of FAMILIES) {
      const email = operationFor(family, approve({ column: 'notes', action: 'mask', strategy: 'redact', redact: ['email'], dataType: 'text' }), table(['id']));
      expect(email).toMatchObject({ kind: 'rows', redact: expect.objectContaining({ categories: ['email'] }) });
      const s = renderScript({ family, source: 's', planFile: 'p', batchSize: 10, counts: new Map(), saltEnv: 'S', operations: [email] });
      expect(s).toContain("needs the scan's validators (client side): run minim migrate --apply");
      expect(s).not.toMatch(/REGEXP|regexp_replace|PATINDEX/);
    }
    const medical = operationFor('postgres', approve({ column: 'notes', action: 'mask', strategy: 'redact', redact: ['medical'], dataType: 'text' }), table(['id']));
    expect(medical).toMatchObject({ kind: 'unsupported', why: expect.stringContaining('no validated detector for medical') });
  });

  it('hash keeps the salt out of the SQL text on every dialect', () => {
    for (const family of FAMILIES) {
      const item = approve({ column: 'notes', action: 'mask', strategy: 'hash', dataType: 'text' });
      const s = renderScript({ family, source: 's', planFile: 'p', batchSize: 10, counts: new Map(), saltEnv: 'MY_SALT', operations: [operationFor(family, item, table(['id']))] });
      expect(s).toMatch(family === 'postgres' ? /\\getenv minim_hash_salt MY_SALT/ : family === 'mssql' ? /\$\(MY_SALT\)/ : /SET @minim_hash_salt/);
    }
  });

  it('refuses to mask a primary key column or hash into a short column', () => {
    const pk = operationFor('postgres', approve({ column: 'id', action: 'mask', strategy: 'null' }), table(['id']));
    expect(pk).toMatchObject({ kind: 'unsupported', why: expect.stringContaining('primary key') });
    const t = table(['id']);
    const short = { ...t, columns: t.columns.map((c) => (c.name === 'notes' ? { ...c, maxLength: 11 } : c)) };
    expect(operationFor('mysql', approve({ column: 'notes', action: 'mask', strategy: 'hash' }), short)).toMatchObject({ kind: 'unsupported' });
  });

  it('PostgreSQL without a key reads and guards by ctid; the SQL file loops on ctid batches', () => {
    const op = operationFor('postgres', ITEMS[0]!, table([])) as Operation & { kind: 'rows' };
    const r = compile('postgres', readBatch(WRITE.postgres, op.table, { columns: ['ctid'], locator: true }, ['notes'], ['(3,7)'], 50));
    expect(r.sql).toContain('CAST("ctid" AS text)');
    expect(r.parameters).toEqual(['(3,7)']);
    expect(compile('postgres', statelessBatch('postgres', op, 50, [])).sql).toContain('ctid = ANY(ARRAY(SELECT ctid');
  });

  it('SQL Server facts: computed columns, unique keys, triggers and foreign keys from one JSON row', () => {
    const facts = mssqlFacts({
      kind: 'U ',
      generated: JSON.stringify([{ c: 'digits' }]),
      uniques: JSON.stringify([{ name: 'pk', pk: true, filtered: false, cols: [{ c: 'id', n: false }] }, { name: 'ux', pk: false, filtered: false, cols: [{ c: 'ssn', n: true }] }]),
      triggers: JSON.stringify([{ name: 'audit', e: 'UPDATE' }]),
      referenced_by: JSON.stringify([{ name: 'fk1', tbl: 'dbo.child', c: 'ssn' }]),
      references: null,
    })!;
    expect(facts).toMatchObject({ kind: 'table', generated: ['digits'], keys: [['id']], triggers: [{ name: 'audit', events: ['update'] }], referencedBy: [{ name: 'fk1', table: 'dbo.child', columns: ['ssn'] }] });
    expect(facts.uniques.map((u) => u.name)).toEqual(['pk', 'ux']);
    expect(mssqlFacts({ kind: null })).toBeNull();
    // A server that returns nested FOR JSON lists as text (Babelfish) reads the same.
    const nestedAsText = mssqlFacts({
      kind: 'U ',
      uniques: JSON.stringify([{ name: 'pk', pk: true, filtered: false, cols: JSON.stringify([{ c: 'id', n: false }]) }, { name: 'ux', pk: false, filtered: false, cols: '[{"c":"ssn","n":true}]' }]),
    })!;
    expect(nestedAsText).toMatchObject({ keys: [['id']], uniques: [{ name: 'pk', columns: ['id'] }, { name: 'ux', columns: ['ssn'] }] });
    const odd = mssqlFacts({ kind: 'U ', uniques: JSON.stringify([{ name: 'odd', pk: true, filtered: false, cols: 7 }]) })!;
    expect(odd.uniques).toEqual([{ name: 'odd', columns: [] }]);
    expect(odd.keys).toEqual([]);
  });
});

describe('refusals', () => {
  it('APPROVAL_INVALID names the edited item; --require-all refuses missing approvals (PLAN_TAMPERED)', () => {
    const plan = sealed([...ITEMS]);
    expect(selectApproved(plan, 'p.yaml', stewards).approved).toHaveLength(ITEMS.length);
    const edited = { ...plan, items: [{ ...ITEMS[0]!, strategy: 'null' as const }, ...ITEMS.slice(1)] };
    expect(() => selectApproved(edited, 'p.yaml', stewards)).toThrow(expect.objectContaining({ code: 'APPROVAL_INVALID', message: expect.stringContaining(`item ${ITEMS[0]!.id}: [item-edited]`) }));
    const proposed = sealed([...ITEMS, { ...ITEMS[0]!, id: 'x:mask', status: 'proposed' as const, decisions: [] }]);
    expect(selectApproved(proposed, 'p.yaml', stewards).skipped).toEqual([{ id: 'x:mask', why: 'not approved' }]);
    expect(() => selectApproved(proposed, 'p.yaml', stewards, true)).toThrow(expect.objectContaining({ code: 'PLAN_TAMPERED' }));
  });

  it('PLAN_STALE names a changed type and a missing column; an applied drop is not stale', () => {
    const t = table(['id']);
    const changed = { ...t, columns: t.columns.map((c) => (c.name === 'born' ? { ...c, dataType: 'text' } : c)) };
    expect(() => checkSchema('s', [ITEMS[2]!], [changed], 'p.yaml')).toThrow(expect.objectContaining({ code: 'PLAN_STALE', message: expect.stringContaining('column type changed from date to text') }));
    const gone = { ...t, columns: t.columns.filter((c) => c.name !== HOSTILE_COLUMN) };
    expect(() => checkSchema('s', [ITEMS[0]!], [gone], 'p.yaml')).toThrow(/column no longer exists/);
    expect(checkSchema('s', [ITEMS[5]!], [gone], 'p.yaml').fingerprint).toMatch(/^sha256:/);
  });
});
