/**
 * The write path without a database: the detector that redaction, verification and exact counts
 * share (validated values only), the preflight's refusals on catalog facts, the journal's resume
 * and torn-line handling, and the plan fixes (views and generated columns get no write item; a
 * purge without a date column is blocked; `minim plan` without input is a usage error).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CatalogColumn, CatalogTable, TableFacts } from '../../connectors/types.js';
import { builtinRules, detectorFor, redactableCategories, countValidated, validatorsOf } from '../../src/migrate/detect.js';
import { loadRules } from '../../src/rules/load.js';
import { redactCategories } from '../../src/plan/redact-categories.js';
import { preflight } from '../../src/migrate/preflight.js';
import { operationFor, type RowOperation } from '../../src/migrate/operations.js';
import { describeItem } from '../../src/cli/commands/review.js';
import { keyChunks } from '../../src/migrate/batch-sql.js';
import { writeSql } from '../../connectors/index.js';
import { Journal } from '../../src/migrate/journal.js';
import type { PlanItem } from '../../src/plan/plan-schema.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { loadPolicy } from '../../src/plan/policy.js';
import { sampleScan } from './plan-fixture.js';
import { runCaptured } from '../helpers/cli.js';

describe('one detector for finding and changing', () => {
  const d = detectorFor(['ssn', 'credit_card']);

  it('redacts validated SSNs and cards only; parcel, invoice, order, ZIP+4 and phone-like numbers stay', () => {
    expect(d.redact('Caller gave SSN 412-55-9081 to verify')).toBe('Caller gave SSN [REDACTED-SSN] to verify');
    expect(d.redact('paid with visa 4111 1111 1111 1111 at counter')).toBe('paid with visa [REDACTED-CREDIT-CARD] at counter');
    for (const keep of ['Parcel 000-45-6789 regraded', 'Parcel 912-34-5678', 'Invoice 1234567890123456 sent', 'order 412559081 shipped', 'Lot 64106-1234', 'call 816-113-1313', 'SSN 666-12-3456 invalid']) {
      expect(d.redact(keep)).toBe(keep);
    }
    // Context words decide for unformatted SSNs, as in the scan.
    expect(d.redact('her SSN is 412559081 per caller')).toBe('her SSN is [REDACTED-SSN] per caller');
  });

  it('holds(): whole values and values inside text; counts rows once', () => {
    expect(d.holds('412-55-9081')).toBe(true);
    expect(d.holds('***-**-9081')).toBe(false);
    expect(countValidated(d, ['412-55-9081 and 212-55-9081', null, 'Parcel 000-45-6789'])).toBe(1);
  });

  it('a DOB in notes is redactable too; the plan list of redactable categories is the rules list', () => {
    expect(detectorFor(['dob']).redact('Client DOB 04/12/1961 confirmed')).toBe('Client DOB [REDACTED-DOB] confirmed');
    expect([...redactCategories()]).toEqual(redactableCategories());
  });
});

const col = (name: string, dataType = 'varchar(20)'): CatalogColumn => ({ name, position: 1, dataType, typeClass: 'text', nullable: true, maxLength: 100, comment: null });
const TABLE: CatalogTable = { schema: 'hr', name: 'people', kind: 'table', rowEstimate: 10, primaryKey: ['id'], comment: null, columns: [col('id', 'integer'), col('ssn'), col('note', 'text'), col('modified', 'timestamp')] };
const FACTS: TableFacts = { kind: 'table', generated: [], uniques: [{ name: 'people_pkey', columns: ['id'] }], keys: [['id']], triggers: [], rules: [], onUpdate: [], referencedBy: [], references: [], rowLocator: 'ctid' };
const item = (p: Partial<PlanItem>): PlanItem => ({
  id: `s.hr.people.${p.column ?? 'ssn'}:${p.action ?? 'mask'}`, source: 's', schema: 'hr', table: 'people', column: 'ssn', category: 'ssn', action: 'mask', strategy: 'last4',
  reason: 'r', dataType: 'varchar(20)', rowEstimate: 10, evidence: { confidence: 1, sources: [], rules: [], examples: [] }, status: 'approved', decisions: [], ...p,
});
const op = (p: Partial<PlanItem> = {}) => operationFor('postgres', item(p), TABLE) as RowOperation;

describe('preflight', () => {
  it('refuses a colliding strategy on a unique column, naming item, object and hash', () => {
    const r = preflight(op(), { ...FACTS, uniques: [...FACTS.uniques, { name: 'people_ssn_key', columns: ['ssn'] }] });
    expect(r.refusals).toEqual([expect.stringMatching(/^item s\.hr\.people\.ssn:mask: hr\.people\.ssn is in unique constraint\/index people_ssn_key; last4 would make values collide — approve strategy hash/)]);
    expect(preflight(op({ strategy: 'hash' }), { ...FACTS, uniques: [{ name: 'people_ssn_key', columns: ['ssn'] }] }).refusals).toEqual([]);
  });

  it('refuses triggers and rules unless the item says triggers: accept; keeps ON UPDATE columns', () => {
    const facts = { ...FACTS, triggers: [{ name: 'audit_ssn', events: ['update' as const] }], rules: ['r1'], onUpdate: ['modified'] };
    expect(preflight(op(), facts).refusals[0]).toMatch(/hr\.people has trigger audit_ssn, rule r1 that would fire on UPDATE .* set triggers: accept/);
    const ok = preflight(op({ triggers: 'accept' }), facts);
    expect(ok.refusals).toEqual([]);
    expect(ok.firing).toEqual(['trigger audit_ssn', 'rule r1']);
    expect(ok.keep).toEqual(['modified']);
  });

  it('refuses views, generated columns, referenced columns; batches by ctid without a key', () => {
    expect(preflight(op(), { ...FACTS, kind: 'view', viewBase: new Map([['ssn', { schema: 'hr', table: 'staff', column: 'ssn' }]]) }).refusals[0]).toMatch(/hr\.people is a view, not a base table; plan the base column hr\.staff\.ssn instead/);
    expect(preflight(op(), { ...FACTS, generated: ['ssn'] }).refusals[0]).toMatch(/generated column/);
    expect(preflight(op(), { ...FACTS, referencedBy: [{ name: 'fk_x', table: 'hr.x', columns: ['ssn'] }] }).refusals[0]).toMatch(/referenced by foreign key fk_x of hr\.x/);
    const noKey = preflight(op(), { ...FACTS, keys: [] });
    expect(noKey.key).toEqual({ columns: ['ctid'], locator: true });
    expect(preflight(op(), { ...FACTS, keys: [], rowLocator: null }).refusals[0]).toMatch(/no primary key or unique NOT NULL key to batch by; add one/);
    expect(preflight(op(), FACTS).untouched).toEqual(['id', 'note', 'modified']);
  });
});

describe('which rows a column mask changes (values)', () => {
  it('validated: the SQL-side mask with the validators of its category picking the rows; all: the mask alone', () => {
    const validated = op({ strategy: 'last4', values: 'validated' });
    expect(validated.set).toBeDefined();
    expect(validated.only?.categories).toEqual(['ssn']);
    expect(validated.only?.holds('000-00-0000')).toBe(false);
    expect(validated.only?.holds('536-22-8475')).toBe(true);
    expect(op({ strategy: 'last4', values: 'all' }).only).toBeUndefined();
    expect(op({ strategy: 'last4' }).only).toBeUndefined();
  });

  it('every category whose masks default to validated values has a validator that decides a whole value (rules/categories.yaml maskRows)', () => {
    const rules = builtinRules();
    const validated = [...rules.categories.values()].filter((c) => c.maskRows === 'validated').map((c) => c.id);
    expect(validated.sort()).toEqual(['bank_routing', 'credit_card', 'email', 'ip_address', 'ssn', 'tax_id']);
    for (const id of validated) {
      expect(validatorsOf([id]).missing, id).toEqual([]);
      expect(rules.values.some((r) => r.def.category === id && r.regex !== null && r.validator !== null && !r.def.supportOnly), id).toBe(true);
    }
  });

  it('key lists are cut to what one statement may carry, unless the engine binds them as one array', () => {
    const keys = Array.from({ length: 4500 }, (_, i) => [String(i)]);
    // MariaDB and SQL Server list keys as parameters; PostgreSQL binds a one-column list as one array.
    const listed = writeSql('mysql');
    const arrays = writeSql('postgres');
    expect(keyChunks(writeSql('mssql'), { columns: ['id'], locator: false }, keys).map((c) => c.length)).toEqual([2000, 2000, 500]);
    expect(keyChunks(listed, { columns: ['id'], locator: false }, keys).map((c) => c.length)).toEqual([2000, 2000, 500]);
    expect(keyChunks(listed, { columns: ['at', 'seq'], locator: false }, keys).map((c) => c.length)).toEqual([1000, 1000, 1000, 1000, 500]);
    expect(keyChunks(arrays, { columns: ['id'], locator: false }, keys).map((c) => c.length)).toEqual([4500]);
    expect(keyChunks(arrays, { columns: ['at', 'seq'], locator: false }, keys).map((c) => c.length)).toEqual([1000, 1000, 1000, 1000, 500]);
    expect(keyChunks(listed, { columns: ['id'], locator: false }, [])).toEqual([]);
  });

  it('the steward reviewing the item reads which rows it changes', () => {
    expect(describeItem(item({ values: 'validated' }), 1, 1)).toContain('  rows       only values that validate as ssn (values: validated; set values: all to mask every value)');
    expect(describeItem(item({ values: 'all' }), 1, 1)).toContain('  rows       every value (values: all)');
  });

  it('refuses values where it would promise what nothing does, or where no validator exists, saying what to do', () => {
    const refused = (p: Partial<PlanItem>) => operationFor('postgres', item(p), TABLE);
    expect(refused({ strategy: 'redact', values: 'all' })).toMatchObject({ kind: 'unsupported', why: expect.stringMatching(/values: all applies to column masks .* redaction always changes validated matches only: remove it and approve again/) });
    expect(refused({ action: 'purge', strategy: 'delete', values: 'validated', retention: { period: '7y', dateColumn: 'modified' } })).toMatchObject({ kind: 'unsupported', why: expect.stringMatching(/a purge item has no rows to choose/) });
    expect(refused({ category: 'person_name', strategy: 'null', values: 'validated' })).toMatchObject({ kind: 'unsupported', why: 'values: validated needs a validator of person_name, and there is none; set values: all and approve again' });
  });
});

describe('journal', () => {
  it('resumes from the last entry of an item with the same digest; a torn last line is ignored', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'minim-journal-')), 'plan.yaml.journal.ndjson');
    const j = Journal.open(path);
    j.record({ item: 'a', digest: 'd1', state: 'running', lastKey: ['5'], changed: 5, skipped: 0 });
    j.close();
    writeFileSync(path, readFileSync(path, 'utf8') + '{"item":"a","dig');
    const k = Journal.open(path);
    expect(k.last('a', 'd1')).toMatchObject({ state: 'running', lastKey: ['5'], changed: 5 });
    expect(k.last('a', 'other-digest')).toBeUndefined();
    k.record({ item: 'a', digest: 'd1', state: 'done', lastKey: null, changed: 9, skipped: 0 });
    k.close();
    expect(Journal.open(path).last('a', 'd1')).toMatchObject({ state: 'done', changed: 9 });
  });
});

describe('plan fixes', () => {
  it('views, materialized views and generated columns get no write item', async () => {
    const scan = sampleScan();
    const base = buildPlan(scan, await loadPolicy()).items.find((i) => i.action === 'mask')!;
    const first = scan.columns.find((c) => c.source === base.source && c.table === base.table && c.column === base.column)!;
    scan.columns = [
      { ...first, table: 'v_people', tableKind: 'view' },
      { ...first, table: 'people_gen', column: `${first.column}_digits`, generated: true },
      ...scan.columns,
    ];
    const plan = buildPlan(scan, await loadPolicy());
    const writes = plan.items.filter((i) => ['mask', 'purge', 'drop'].includes(i.action));
    expect(writes.some((i) => i.table === 'v_people' || i.column.endsWith('_digits'))).toBe(false);
    expect(writes.some((i) => i.table === first.table && i.column === first.column)).toBe(true);
  });

  it('a purge without a date column is blocked in the plan', async () => {
    const plan = buildPlan(sampleScan(), await loadPolicy());
    for (const i of plan.items.filter((x) => x.action === 'purge')) {
      if (i.retention?.dateColumn) expect(i.blocked).toBeUndefined();
      else expect(i.blocked).toMatch(/purge has no date column/);
    }
  });

  it('minim plan with neither a source nor --scan is a usage error (exit 2), not the demo city', async () => {
    const r = await runCaptured(['plan']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^minim: USAGE: minim plan needs what to plan: --scan FILE/);
  });
});

describe('the write path reads the scan\'s text pre-filter from rules/categories.yaml', () => {
  it('a text holding fewer digits than the category\'s inText.minDigits is left as the scan left it', () => {
    const rules = loadRules();
    const ssn = rules.categories.get('ssn')!;
    const categories = new Map(rules.categories);
    categories.set('ssn', { ...ssn, inText: { minDigits: 12 } });
    const text = 'SSN 536-22-1984 on file';
    expect(detectorFor(['ssn'], rules).redact(text)).not.toBe(text);
    expect(detectorFor(['ssn'], { ...rules, categories }).redact(text)).toBe(text);
  });
});
