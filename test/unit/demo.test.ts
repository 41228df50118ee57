import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_CITY_VERSION, DEMO_SEED, buildDemoCity } from '../../src/demo/city.js';
import type { DemoColumn, DemoTable, DemoValue } from '../../src/demo/model.js';
import { DEMO_DIALECTS, renderDemoSql } from '../../src/demo/render.js';
import { renderSeedFile } from '../../src/demo/seed-file.js';
import { VALIDATORS } from '../../src/validators/index.js';

/**
 * Pinned digest of the PostgreSQL rendering of the default city. When a change to the generators
 * alters it, bump DEMO_CITY_VERSION (so cached demo databases are rebuilt), run
 * `npm run demo:seeds`, and update this digest together with the version.
 */
const PINNED = { version: 2, sha256: 'f19e7ab11fe6725e21cb1f1f1f7dfa4d907017348d60d3a122ff3b408f7e0a55' };

const CATEGORY_IDS = [
  'ssn', 'dob', 'medical', 'bank_account', 'bank_routing', 'credit_card', 'tax_id',
  'drivers_license', 'passport', 'email', 'phone', 'address', 'person_name', 'ip_address',
] as const;
const AUDIT_FIVE = ['ssn', 'dob', 'medical', 'bank_account', 'credit_card'] as const;

const city = buildDemoCity();
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

function tableOf(ref: string): DemoTable {
  const [schema, name] = ref.split('.');
  const t = city.tables.find((x) => x.schema === schema && x.name === name);
  if (!t) throw new Error(`no demo table ${ref}`);
  return t;
}
function columnOf(ref: string): { table: DemoTable; column: DemoColumn; values: DemoValue[] } {
  const i = ref.lastIndexOf('.');
  const table = tableOf(ref.slice(0, i));
  const idx = table.columns.findIndex((c) => c.name === ref.slice(i + 1));
  if (idx < 0) throw new Error(`no demo column ${ref}`);
  return { table, column: table.columns[idx]!, values: table.rows.map((r) => r[idx]!) };
}
function nonNull(ref: string): string[] {
  return columnOf(ref).values.filter((v): v is string => typeof v === 'string' && v !== '');
}
function labelled(category: string): string[] {
  return city.tables.flatMap((t) => t.columns.filter((c) => c.labels.includes(category)).map((c) => `${t.schema}.${t.name}.${c.name}`));
}

// Independent small checks, so the data is not only judged by the code that will classify it.
function ssaValid(raw: string): boolean {
  const d = raw.replace(/-/g, '');
  if (!/^\d{9}$/.test(d)) return false;
  const area = Number(d.slice(0, 3));
  return area !== 0 && area !== 666 && area < 900 && d.slice(3, 5) !== '00' && d.slice(5) !== '0000';
}
function luhn(raw: string): boolean {
  const d = raw.replace(/[ -]/g, '');
  let sum = 0;
  for (let i = 0; i < d.length; i++) {
    let x = Number(d[d.length - 1 - i]);
    if (i % 2 === 1) x = x * 2 > 9 ? x * 2 - 9 : x * 2;
    sum += x;
  }
  return /^\d{13,19}$/.test(d) && sum % 10 === 0;
}
function abaValid(raw: string): boolean {
  if (!/^\d{9}$/.test(raw)) return false;
  const w = [3, 7, 1, 3, 7, 1, 3, 7, 1];
  return [...raw].reduce((s, c, i) => s + Number(c) * w[i]!, 0) % 10 === 0;
}
function v(id: string, raw: string): number {
  const f = VALIDATORS[id];
  if (!f) throw new Error(`no validator ${id}`);
  return f(raw);
}

describe('demo city: determinism', () => {
  it('builds the same city twice from the same seed', () => {
    expect(buildDemoCity(DEMO_SEED)).toEqual(city);
  });

  it('renders byte-identical SQL for every dialect across builds', () => {
    const again = buildDemoCity();
    for (const d of DEMO_DIALECTS) expect(sha256(renderDemoSql(again, d).join('\n'))).toBe(sha256(renderDemoSql(city, d).join('\n')));
  });

  it('matches the pinned digest for this DEMO_CITY_VERSION (bump the version when the data changes)', () => {
    const digest = sha256(renderDemoSql(city, 'postgres').join(';\n'));
    expect({ version: DEMO_CITY_VERSION, sha256: digest }).toEqual(PINNED);
  });

  it('gives another city for another seed', () => {
    const other = buildDemoCity(7);
    expect(other.tables.map((t) => t.name)).toEqual(city.tables.map((t) => t.name));
    expect(other.tables[0]!.rows).not.toEqual(city.tables[0]!.rows);
  });

  it('rejects a seed that is not a 32-bit unsigned integer', () => {
    expect(() => buildDemoCity(-1)).toThrow(/seed -1/);
    expect(() => buildDemoCity(1.5)).toThrow(/seed 1.5/);
  });

  it.each(DEMO_DIALECTS)('committed docker/seed/%s.sql is current (regenerate with npm run demo:seeds)', (dialect) => {
    const url = new URL(`../../docker/seed/${dialect}.sql`, import.meta.url);
    expect(existsSync(url)).toBe(true);
    expect(sha256(readFileSync(url, 'utf8'))).toBe(sha256(renderSeedFile(city, dialect)));
  });
});

describe('demo city: shape', () => {
  it('has at least 6 departments as schemas and 25 tables of 200-3000 rows', () => {
    expect(city.departments.length).toBeGreaterThanOrEqual(6);
    expect(city.tables.length).toBeGreaterThanOrEqual(25);
    const schemas = new Set(city.departments.map((d) => d.schema));
    for (const t of city.tables) {
      expect(schemas.has(t.schema), `${t.schema}.${t.name}`).toBe(true);
      expect(t.rows.length, `${t.schema}.${t.name}`).toBeGreaterThanOrEqual(200);
      expect(t.rows.length, `${t.schema}.${t.name}`).toBeLessThanOrEqual(3000);
    }
    for (const s of ['call_center_311', 'payroll', 'human_services', 'parks_rec', 'utilities', 'municipal_court', 'legacy_exports']) {
      expect(schemas.has(s), s).toBe(true);
    }
  });

  it('has unique table names, rows as wide as their columns, unique non-null primary keys', () => {
    expect(new Set(city.tables.map((t) => `${t.schema}.${t.name}`)).size).toBe(city.tables.length);
    for (const t of city.tables) {
      const ref = `${t.schema}.${t.name}`;
      expect(new Set(t.columns.map((c) => c.name.toLowerCase())).size, ref).toBe(t.columns.length);
      for (const r of t.rows) expect(r.length, ref).toBe(t.columns.length);
      if (t.primaryKey.length === 0) continue;
      const idx = t.primaryKey.map((k) => t.columns.findIndex((c) => c.name === k));
      expect(idx.every((i) => i >= 0), ref).toBe(true);
      const keys = t.rows.map((r) => JSON.stringify(idx.map((i) => r[i])));
      expect(keys.every((k) => !k.includes('null')), ref).toBe(true);
      expect(new Set(keys).size, ref).toBe(t.rows.length);
    }
  });

  it('includes a table without a primary key', () => {
    expect(city.tables.some((t) => t.primaryKey.length === 0)).toBe(true);
  });

  it('mixes naming styles: snake_case, camelCase, abbreviations and opaque col_NN', () => {
    const names = city.tables.flatMap((t) => t.columns.map((c) => c.name));
    for (const n of ['dateOfBirth', 'bankAcctNum', 'brth_dte', 'ss_num', 'dl_no', 'rtng_nbr', 'caller_email']) expect(names).toContain(n);
    const legacy = tableOf('legacy_exports.exp_2009_master').columns.map((c) => c.name);
    expect(legacy).toEqual(Array.from({ length: 20 }, (_, i) => `col_${String(i + 1).padStart(2, '0')}`));
  });
});

describe('demo city: labels', () => {
  it('uses only DESIGN.md category ids and labels every one of them somewhere', () => {
    const used = new Set(city.tables.flatMap((t) => t.columns.flatMap((c) => c.labels)));
    for (const l of used) expect(CATEGORY_IDS as readonly string[]).toContain(l);
    for (const id of CATEGORY_IDS) expect(used.has(id), id).toBe(true);
    for (const id of AUDIT_FIVE) expect(labelled(id).length, id).toBeGreaterThanOrEqual(2);
  });

  it('labels opaque legacy columns by what they hold', () => {
    const labels = Object.fromEntries(tableOf('legacy_exports.exp_2009_master').columns.map((c) => [c.name, c.labels]));
    expect(labels['col_04']).toEqual(['ssn']);
    expect(labels['col_05']).toEqual(['dob']);
    expect(labels['col_11']).toEqual(['credit_card']);
    expect(labels['col_15']).toEqual([]);
  });
});

describe('demo city: planted identifiers validate', () => {
  it('every structured SSN passes the SSA rules (local check and VALIDATORS.ssn)', () => {
    for (const ref of ['payroll.employees.ss_num', 'legacy_exports.exp_2009_master.col_04']) {
      const values = nonNull(ref);
      expect(values.length, ref).toBeGreaterThan(1000);
      for (const s of values) {
        expect(ssaValid(s), ref).toBe(true);
        expect(v('ssn', s), ref).toBe(1);
      }
    }
    expect(nonNull('legacy_exports.exp_2009_master.col_04').every((s) => /^\d{9}$/.test(s))).toBe(true);
    expect(nonNull('payroll.employees.ssn_hash').every((s) => /^[0-9a-f]{64}$/.test(s))).toBe(true);
  });

  it('311 notes carry an SSN, a phone number or an email in about 1-3% of rows each, all valid', () => {
    const notes = nonNull('call_center_311.service_requests.notes');
    const ssns = notes.map((n) => /\b(\d{3}-\d{2}-\d{4}|\d{9})\b/.exec(n)?.[1]).filter((x): x is string => !!x);
    const phones = notes.filter((n) => /\(?\b\d{3}\)?[-. ]\d{3}[-. ]\d{4}\b|\b\d{10}\b/.test(n));
    const emails = notes.map((n) => /[\w.+-]+@[\w-]+(\.[\w-]+)+/.exec(n)?.[0]).filter((x): x is string => !!x);
    for (const [what, n] of [['ssn', ssns.length], ['phone', phones.length], ['email', emails.length]] as const) {
      expect(n / notes.length, what).toBeGreaterThanOrEqual(0.01);
      expect(n / notes.length, what).toBeLessThanOrEqual(0.03);
    }
    for (const s of ssns) expect(ssaValid(s) && v('ssn', s) === 1).toBe(true);
    for (const e of emails) expect(v('email', e.replace(/\.$/, ''))).toBeGreaterThan(0);
  });

  it('every stored card number is Luhn-valid on a real issuer range', () => {
    for (const ref of labelled('credit_card')) {
      const values = nonNull(ref);
      expect(values.length, ref).toBeGreaterThan(500);
      for (const pan of values) {
        expect(luhn(pan), `${ref}`).toBe(true);
        expect(v('card', pan), ref).toBe(1);
      }
    }
  });

  it('every routing number passes the ABA 3-7-1 checksum', () => {
    for (const ref of labelled('bank_routing')) {
      for (const r of nonNull(ref)) {
        expect(abaValid(r), ref).toBe(true);
        expect(v('aba', r), ref).toBe(1);
      }
    }
  });

  it('foreign customers pay from IBANs with correct mod-97 check digits', () => {
    const ibans = nonNull('utilities.autopay_accounts.intl_iban');
    expect(ibans.length).toBeGreaterThanOrEqual(20);
    for (const i of ibans) expect(v('iban', i)).toBe(1);
  });

  it('vendor tax ids are valid EINs or ITINs, some of each', () => {
    const ids = nonNull('payroll.vendors.tax_id');
    const eins = ids.filter((t) => v('ein', t) === 1);
    const itins = ids.filter((t) => v('itin', t) === 1);
    expect(eins.length + itins.length).toBe(ids.length);
    expect(itins.length).toBeGreaterThan(10);
    expect(eins.length).toBeGreaterThan(100);
  });

  it('phones, emails and IP addresses validate', () => {
    for (const ref of labelled('phone').filter((r) => !r.endsWith('.notes'))) {
      for (const p of nonNull(ref)) expect(v('phone', p), `${ref}`).toBeGreaterThan(0);
    }
    for (const ref of labelled('email').filter((r) => !r.endsWith('.notes'))) {
      for (const e of nonNull(ref)) expect(v('email', e), ref).toBeGreaterThan(0);
    }
    for (const ip of nonNull('utilities.portal_logins.login_ip')) expect(Math.max(v('ipv4', ip), v('ipv6', ip))).toBe(1);
  });

  it("driver's licenses follow state formats; passports are letter-led", () => {
    const dl = columnOf('municipal_court.defendants.dl_no');
    const state = columnOf('municipal_court.defendants.dl_state').values;
    const formats: Record<string, RegExp> = {
      MO: /^[A-Z]\d{5,9}$/,
      CO: /^\d{2}-\d{3}-\d{4}$/,
      KS: /^K\d{2}-\d{2}-\d{4}$/,
      IL: /^[A-Z]\d{3}-\d{4}-\d{4}$/,
    };
    dl.values.forEach((x, i) => {
      if (x !== null) expect(String(x)).toMatch(formats[String(state[i])]!);
    });
    for (const p of nonNull('municipal_court.identity_documents.passport_num')) expect(p).toMatch(/^[A-Z]{1,2}\d{6,8}$/);
  });

  it('diagnosis codes have the ICD-10-CM shape', () => {
    for (const ref of ['human_services.diagnoses.icd10Code', 'legacy_exports.exp_2009_master.col_19']) {
      for (const c of nonNull(ref)) expect(v('icd10cm', c), `${ref} ${c}`).toBeGreaterThan(0);
    }
  });

  it('birth dates fall in 1930-2020 and human services has children and elders', () => {
    const year = (s: string) => Number(s.length === 10 && s[2] === '/' ? s.slice(6) : s.slice(0, 4));
    for (const ref of labelled('dob')) {
      for (const d of nonNull(ref)) {
        expect(year(d), ref).toBeGreaterThanOrEqual(1930);
        expect(year(d), ref).toBeLessThanOrEqual(2020);
      }
    }
    const years = nonNull('human_services.clients.dateOfBirth').map(year);
    expect(years.filter((y) => y >= 2009).length).toBeGreaterThan(200);
    expect(years.filter((y) => y <= 1946).length).toBeGreaterThan(100);
    expect(nonNull('legacy_exports.exp_2009_master.col_05').every((d) => /^\d{2}\/\d{2}\/\d{4}$/.test(d))).toBe(true);
  });
});

describe('demo city: traps', () => {
  const TRAPS = [
    'payroll.employees.hire_date', 'call_center_311.agents.hire_date', 'parks_rec.facility_bookings.event_date',
    'payroll.direct_deposit.created_at',
    'call_center_311.service_requests.work_order_ref', 'payroll.vendor_invoices.po_number', 'public_works.work_orders.work_order_no',
    'payroll.w4_elections.ssn_on_file', 'human_services.clients.ssnOnFile', 'municipal_court.defendants.ssn_on_file',
    'payroll.vendor_invoices.payment_method', 'parks_rec.program_registrations.payment_method', 'payroll.vendor_invoices.amount',
    'utilities.water_quality_samples.acid_level', 'utilities.portal_logins.username', 'call_center_311.agents.username',
    'legacy_exports.export_files.file_name', 'parks_rec.concession_sales.product_name', 'payroll.vendor_invoices.invoice_no',
    'utilities.meter_reads.meter_serial', 'public_works.fleet_vehicles.asset_tag', 'call_center_311.agents.desk_extension',
    'parks_rec.program_registrations.cvv_required', 'municipal_court.court_payments.card_last4', 'legacy_exports.exp_2009_master.col_15',
  ];

  it.each(TRAPS)('%s is a clean column with a reason', (ref) => {
    const { column } = columnOf(ref);
    expect(column.labels).toEqual([]);
    expect(column.trap, ref).toBeTruthy();
  });

  // Address components are address findings; their nine digits are never an SSN.
  it.each(['call_center_311.service_requests.zip_code', 'utilities.customers.service_zip', 'payroll.employees.home_zip', 'public_works.permits.site_zip'])(
    '%s (ZIP+4) is labelled an address component only',
    (ref) => {
      expect(columnOf(ref).column.labels).toEqual(['address']);
    },
  );

  it('ZIP+4 values look like 64106-1234', () => {
    for (const z of nonNull('call_center_311.service_requests.zip_code')) expect(z).toMatch(/^\d{5}-\d{4}$/);
  });

  it('long order references are 12-16 random digits, not Luhn-biased', () => {
    for (const ref of ['call_center_311.service_requests.work_order_ref', 'payroll.vendor_invoices.po_number', 'parks_rec.facility_bookings.confirmation_no', 'public_works.work_orders.work_order_no']) {
      const values = nonNull(ref);
      for (const x of values) expect(x, ref).toMatch(/^\d{12,16}$/);
      const passRate = values.filter(luhn).length / values.length;
      expect(passRate, ref).toBeLessThan(0.2);
      expect(passRate, ref).toBeGreaterThan(0.03);
    }
  });

  it('9-digit asset tags and meter serials fail the SSA rules', () => {
    for (const ref of ['utilities.meter_reads.meter_serial', 'public_works.fleet_vehicles.asset_tag', 'public_works.work_orders.asset_tag']) {
      const values = columnOf(ref).values.map(String);
      for (const x of values) {
        expect(x, ref).toMatch(/^9\d{8}$/);
        expect(v('ssn', x), ref).toBe(0);
      }
    }
  });

  it('trap flags are yes/no values, acid levels are pH readings', () => {
    expect(new Set(nonNull('municipal_court.defendants.ssn_on_file'))).toEqual(new Set(['Y', 'N']));
    expect(new Set(columnOf('payroll.w4_elections.ssn_on_file').values)).toEqual(new Set([true, false]));
    for (const x of columnOf('utilities.water_quality_samples.acid_level').values) {
      expect(x as number).toBeGreaterThanOrEqual(6);
      expect(x as number).toBeLessThanOrEqual(9);
    }
  });
});

describe('renderDemoSql', () => {
  const tiny = {
    seed: 1,
    departments: [{ schema: 'dept', name: 'Dept' }],
    tables: [
      {
        schema: 'dept',
        name: 'people',
        department: 'Dept',
        primaryKey: ['id'],
        columns: [
          { name: 'id', type: 'int', labels: [] },
          { name: 'name', type: 'varchar', length: 40, labels: ['person_name'] },
          { name: 'ok', type: 'bool', labels: [] },
          { name: 'born', type: 'date', labels: ['dob'] },
          { name: 'odd"col', type: 'text', labels: [] },
        ],
        rows: Array.from({ length: 1203 }, (_, i) => [i, i === 0 ? "O'Brien \\ Zoë" : `p${i}`, i % 2 === 0, '1980-01-02', null]),
      },
    ],
  } as const satisfies Parameters<typeof renderDemoSql>[0];

  it('quotes identifiers per dialect', () => {
    expect(renderDemoSql(tiny, 'postgres')).toContain('CREATE SCHEMA "dept"');
    expect(renderDemoSql(tiny, 'postgres').join('\n')).toContain('"odd""col" text');
    expect(renderDemoSql(tiny, 'mysql', { databasePrefix: 't1_' })[0]).toBe('CREATE DATABASE `t1_dept` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
    const ms = renderDemoSql(tiny, 'mssql');
    expect(ms.slice(0, 3)).toEqual(["IF DB_ID(N'minim_demo') IS NULL CREATE DATABASE [minim_demo]", 'USE [minim_demo]', 'CREATE SCHEMA [dept]']);
  });

  it('escapes literals per dialect', () => {
    const first = (d: (typeof DEMO_DIALECTS)[number]) => renderDemoSql(tiny, d).find((s) => s.startsWith('INSERT'))!;
    expect(first('postgres')).toContain("(0, 'O''Brien \\ Zoë', TRUE, '1980-01-02', NULL)");
    expect(first('mysql')).toContain("(0, 'O''Brien \\\\ Zoë', TRUE, '1980-01-02', NULL)");
    expect(first('mssql')).toContain("(0, N'O''Brien \\ Zoë', 1, '1980-01-02', NULL)");
  });

  it('batches at most 500 rows per INSERT by default, at most 1000 on request, and analyzes every table', () => {
    const count = (sql: string[]) => sql.filter((s) => s.startsWith('INSERT')).map((s) => s.split('\n').length - 1);
    expect(count(renderDemoSql(tiny, 'postgres'))).toEqual([500, 500, 203]);
    expect(count(renderDemoSql(tiny, 'mssql', { batchRows: 1000 }))).toEqual([1000, 203]);
    expect(() => renderDemoSql(tiny, 'mssql', { batchRows: 1001 })).toThrow(/batchRows/);
    expect(renderDemoSql(tiny, 'mysql').at(-1)).toBe('ANALYZE TABLE `dept`.`people`');
    expect(renderDemoSql(tiny, 'postgres').at(-1)).toBe('ANALYZE "dept"."people"');
  });

  it('rejects a value that does not fit its column type', () => {
    const bad = { ...tiny, tables: [{ ...tiny.tables[0], rows: [[1, 'x', 'yes', '1980-01-02', null]] }] };
    expect(() => renderDemoSql(bad, 'postgres')).toThrow(/column ok \(bool\)/);
  });

  it('renders the whole city for every dialect with one INSERT per 500 rows', () => {
    const expected = city.tables.reduce((s, t) => s + Math.ceil(t.rows.length / 500), 0);
    for (const d of DEMO_DIALECTS) expect(renderDemoSql(city, d).filter((s) => s.startsWith('INSERT')).length).toBe(expected);
  });
});
