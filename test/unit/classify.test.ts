/** Behaviours the issues pin: whole-token names, validated values, one stray match, text with context, birth dates. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { classifyTable, type ColumnInput } from '../../src/classify/index.js';
import { loadRules } from '../../src/rules/load.js';
import { packageRoot } from '../../src/util/paths.js';
import { seededRandom } from '../../src/util/prng.js';

const rules = loadRules();
const NOW = new Date('2026-11-23T00:00:00Z');

/** A deterministic PRNG so fixtures are the same every run. */
const rnd = seededRandom(42);
const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const ssn = () => `${pad(int(1, 665), 3)}-${pad(int(1, 99), 2)}-${pad(int(1, 9999), 4)}`;
const many = <T>(n: number, f: (i: number) => T) => Array.from({ length: n }, (_, i) => f(i));

function categories(col: ColumnInput, table = 't') {
  const v = classifyTable(table, [col], rules, NOW).columns[0]!;
  return { found: v.findings.map((f) => f.category), candidates: v.candidates.map((f) => f.category), verdict: v };
}

describe('names on whole tokens', () => {
  it('acid_level is not a card CVV or anything else', () => {
    expect(categories({ name: 'acid_level', typeClass: 'decimal', values: many(100, () => String(int(1, 14))) }).found).toEqual([]);
  });
  it('username is not a person name', () => {
    expect(categories({ name: 'username', typeClass: 'text', values: many(100, (i) => `user${i}`) }).found).toEqual([]);
  });
  it('passport_num is a passport, not a password', () => {
    expect(categories({ name: 'passport_num', typeClass: 'text', values: null }).found).toEqual(['passport']);
  });
  it('a column whose name says SSN is reported even when its values are hashed', () => {
    const hashed = many(200, (i) => (i * 7919).toString(16).padStart(64, 'a'));
    expect(categories({ name: 'ssn', typeClass: 'text', values: hashed }).found).toEqual(['ssn']);
  });
  it('an ssn_on_file flag is not an SSN', () => {
    expect(categories({ name: 'ssn_on_file', typeClass: 'text', values: many(200, () => (rnd() < 0.5 ? 'Y' : 'N')) }).found).toEqual([]);
    expect(categories({ name: 'ssn', typeClass: 'boolean', values: null }).found).toEqual([]);
  });
});

describe('values with validation', () => {
  it('an opaque column of valid SSNs is found by its values alone', () => {
    const r = categories({ name: 'col_07', typeClass: 'text', values: many(1000, ssn) });
    expect(r.found).toEqual(['ssn']);
    const ev = r.verdict.findings[0]!.evidence.find((e) => e.source === 'value')!;
    // Every value validated: the column settles after three passes of eight (values.ts), and
    // `validated` counts the 375 values examined by then.
    expect(ev.matchRate).toBe(1);
    expect(ev.validated).toBe(375);
    expect(r.verdict.findings[0]!.examples.every((e) => /^\*\*\*-\*\*-\d{4}$/.test(e))).toBe(true);
  });
  it('never-issued SSN areas (000, 666, 900-999) do not make an SSN column', () => {
    const bad = many(1000, () => `${[0, 666, int(900, 999)][int(0, 2)]!.toString().padStart(3, '0')}-${pad(int(1, 99), 2)}-${pad(int(1, 9999), 4)}`);
    expect(categories({ name: 'col_07', typeClass: 'text', values: bad }).found).not.toContain('ssn');
  });
  it('one stray SSN-shaped value does not label a column', () => {
    const values = many(1000, (i) => (i === 500 ? ssn() : `WO-${pad(int(0, 99999999), 8)}`));
    expect(categories({ name: 'work_order', typeClass: 'text', values }).found).toEqual([]);
  });
  it('random 16-digit order references are not card numbers', () => {
    const values = many(1000, () => many(16, () => String(int(0, 9))).join(''));
    expect(categories({ name: 'order_ref', typeClass: 'text', values }).found).toEqual([]);
  });
  it('random 9-digit ids and sequential ids are not SSNs', () => {
    expect(categories({ name: 'asset_tag', typeClass: 'text', values: many(1000, () => pad(int(0, 999_999_999), 9)) }).found).toEqual([]);
    expect(categories({ name: 'asset_tag', typeClass: 'text', values: many(1000, (i) => String(123_450_001 + i)) }).found).toEqual([]);
  });
  it('ZIP+4 values are not SSNs or phones: an address component', () => {
    const zip4 = () => `${int(64001, 64199)}-${pad(int(1, 9999), 4)}`;
    expect(categories({ name: 'zip', typeClass: 'text', values: many(500, zip4) }).found).toEqual(['address']);
    expect(categories({ name: 'col_12', typeClass: 'text', values: many(500, zip4) }).found).toEqual(['address']);
    expect(categories({ name: 'zip_plus4', typeClass: 'text', values: many(500, () => zip4().replace('-', '')) }).found).toEqual(['address']);
  });
});

describe('free text (the Denver 311 case)', () => {
  const filler = ['Pothole on Main near 5th, caller upset', 'Streetlight out for two weeks', 'Trash missed again on Tuesday route'];
  it('one validated SSN with a context word in 1,000 notes is reported with counts and a masked example', () => {
    const values = many(1000, (i) => (i === 321 ? 'Caller gave her SSN 412-55-9081 so we could verify the account' : filler[i % 3]!));
    const r = categories({ name: 'request_notes', typeClass: 'text', values });
    expect(r.found).toEqual(['ssn']);
    const ev = r.verdict.findings[0]!.evidence[0]!;
    expect(ev).toMatchObject({ source: 'text', rows: 1, withContext: 1 });
    expect(r.verdict.findings[0]!.examples).toEqual(['***-**-9081']);
  });
  it('one SSN-shaped number without context or validation is not', () => {
    const values = many(1000, (i) => (i === 321 ? 'Ticket 912-55-9081 escalated' : filler[i % 3]!));
    expect(categories({ name: 'request_notes', typeClass: 'text', values }).found).toEqual([]);
  });
  it('medical terms with clinical context make a notes column medical', () => {
    const values = many(500, (i) => (i % 100 === 7 ? 'Client was diagnosed with type 2 diabetes last spring' : filler[i % 3]!));
    expect(categories({ name: 'case_notes', typeClass: 'text', values }).found).toContain('medical');
  });
});

describe('birth dates from their distribution', () => {
  const date = (y0: number, y1: number) => `${int(y0, y1)}-${pad(int(1, 12), 2)}-${pad(int(1, 28), 2)}`;
  it('an opaque date column with a population of ages is a birth date', () => {
    expect(categories({ name: 'd1', typeClass: 'date', values: many(1000, () => date(1935, 2006)) }).found).toEqual(['dob']);
  });
  it('MM/DD/YYYY text works too', () => {
    const v = many(1000, () => `${pad(int(1, 12), 2)}/${pad(int(1, 28), 2)}/${int(1940, 2000)}`);
    expect(categories({ name: 'col_05', typeClass: 'text', values: v }).found).toEqual(['dob']);
  });
  it('hire dates, event dates and future appointments are not birth dates', () => {
    expect(categories({ name: 'd2', typeClass: 'date', values: many(1000, () => date(2005, 2025)) }).found).toEqual([]);
    expect(categories({ name: 'hire_date', typeClass: 'date', values: many(1000, () => date(1960, 2000)) }).found).toEqual([]);
    expect(categories({ name: 'd3', typeClass: 'date', values: many(1000, () => date(2026, 2028)) }).found).toEqual([]);
  });
});

describe('table context', () => {
  it('raises an account column beside a routing column, never invents one', () => {
    const routing = many(500, () => ['011000015', '021000021', '026009593'][int(0, 2)]!);
    const acct = many(500, () => pad(int(0, 10 ** 10), 10));
    const table = classifyTable('deposits', [
      { name: 'rt', typeClass: 'text', values: routing },
      { name: 'acct_no', typeClass: 'text', values: acct },
      { name: 'c3', typeClass: 'text', values: acct },
      { name: 'memo', typeClass: 'text', values: many(500, () => 'payroll') },
    ], rules, NOW);
    expect(table.columns[0]!.findings.map((f) => f.category)).toEqual(['bank_routing']);
    // A weak name (account number) plus bare digits plus the routing neighbour: reported.
    expect(table.columns[1]!.findings.map((f) => f.category)).toEqual(['bank_account']);
    // Bare digits beside a routing column, with an opaque name: a candidate for review only.
    expect(table.columns[2]!.findings).toEqual([]);
    expect(table.columns[2]!.candidates.map((f) => f.category)).toEqual(['bank_account']);
    expect(table.columns[3]!.findings).toEqual([]);
  });
  it('a name contradicted by its values (route codes in a routing column) is only a candidate', () => {
    const r = categories({ name: 'routing_code', typeClass: 'text', values: many(200, () => `RT-KC-${pad(int(1, 40), 2)}`) });
    expect(r.found).toEqual([]);
    expect(r.candidates).toEqual(['bank_routing']);
  });
  it('opaque columns of medications, conditions and LOINC codes are medical by their values', () => {
    const meds = ['Metformin 500 mg', 'Lisinopril 10 mg', 'Sertraline 50 mg', 'Albuterol inhaler'];
    expect(categories({ name: 'field_02', typeClass: 'text', values: many(300, (i) => meds[i % 4]!) }).found).toEqual(['medical']);
    const loinc = ['2345-7', '718-7', '4548-4', '2160-0'];
    expect(categories({ name: 'attr8', typeClass: 'text', values: many(300, (i) => loinc[i % 4]!) }).found).toEqual(['medical']);
  });
  it('flags birth date + ZIP + sex as a quasi-identifier set', () => {
    const table = classifyTable('clients', [
      { name: 'date_of_birth', typeClass: 'date', values: null },
      { name: 'zip_code', typeClass: 'text', values: null },
      { name: 'sex', typeClass: 'text', values: null },
    ], rules, NOW);
    expect(table.quasiIdentifiers).toEqual(['date_of_birth', 'zip_code', 'sex']);
  });
});

describe('short texts with words', () => {
  it('finds an SSN typed into a short log-like field', () => {
    const values = many(300, (i) => (i % 50 === 0 ? `SSN ${ssn()} c4ca4238a0b9` : `ref ${pad(int(0, 99999), 5)} ok`));
    expect(categories({ name: 'msg', typeClass: 'text', values }).found).toEqual(['ssn']);
  });
  it('does not search short names for medical vocabulary', () => {
    expect(categories({ name: 'program', typeClass: 'text', values: many(300, (i) => ['Swim Lessons', 'Stroke Clinic', 'Art Camp'][i % 3]!) }).found).toEqual([]);
  });
});

describe('category knowledge is read from rules/categories.yaml', () => {
  /** A rules directory holding a copy of the built-in categories with `edit` applied (it replaces them by id). */
  function editedRules(edit: (doc: ReturnType<typeof parseDocument>, at: (id: string) => number) => void) {
    const doc = parseDocument(readFileSync(join(packageRoot(), 'rules', 'categories.yaml'), 'utf8'));
    const ids = (doc.toJS() as { categories: { id: string }[] }).categories.map((c) => c.id);
    edit(doc, (id) => ids.indexOf(id));
    const dir = mkdtempSync(join(tmpdir(), 'minim-categories-'));
    writeFileSync(join(dir, 'categories.yaml'), doc.toString());
    return loadRules([dir]);
  }
  const routing = many(500, (i) => ['011000015', '021000021', '026009593'][i % 3]!);
  const acct = many(500, (i) => pad((i * 7_654_321) % 10 ** 10, 10));
  const deposits = (r: typeof rules) => classifyTable('deposits', [
    { name: 'rt', typeClass: 'text', values: routing },
    { name: 'acct_no', typeClass: 'text', values: acct },
  ], r, NOW).columns[1]!;

  it('neighbours: the boost and its wording are the category entry\'s', () => {
    const built = deposits(rules).findings[0]!.evidence.find((e) => e.rule === 'table-context')!;
    expect(built).toMatchObject({ detail: 'beside a routing-number column', weight: 0.45 });
    const edited = editedRules((doc, at) => doc.setIn(['categories', at('bank_account'), 'neighbours', 0, 'says'], 'next to a routing column'));
    expect(deposits(edited).findings[0]!.evidence.find((e) => e.rule === 'table-context')).toMatchObject({ detail: 'next to a routing column', weight: 0.45 });
    const none = editedRules((doc, at) => doc.setIn(['categories', at('bank_account'), 'neighbours'], []));
    expect(deposits(none).findings.flatMap((f) => f.evidence).some((e) => e.rule === 'table-context')).toBe(false);
  });
  it('mask: the category names how its examples are masked', () => {
    const people = ['Maria Garcia', 'James Smith', 'Linda Johnson', 'Robert Brown'];
    const col = { name: 'full_name', typeClass: 'text' as const, values: many(300, (i) => people[i % 4]!) };
    const built = classifyTable('t', [col], rules, NOW).columns[0]!.findings[0]!;
    expect(built.category).toBe('person_name');
    expect(built.examples.length).toBeGreaterThan(0);
    expect(built.examples.every((e) => /^\*\*\* \*\*\*$/.test(e))).toBe(true);
    const stars = editedRules((doc, at) => doc.setIn(['categories', at('person_name'), 'mask'], 'all'));
    const masked = classifyTable('t', [col], stars, NOW).columns[0]!.findings[0]!.examples;
    expect(masked.length).toBeGreaterThan(0);
    expect(masked.every((e) => /^\*{4,6} \*{5,7}$/.test(e))).toBe(true);
  });
  it('quasiIdentifiers: the parts and their order are the rules\'', () => {
    const cols = [
      { name: 'date_of_birth', typeClass: 'date' as const, values: null },
      { name: 'postcode', typeClass: 'text' as const, values: null },
    ];
    expect(classifyTable('clients', cols, rules, NOW).quasiIdentifiers).toBeNull();
    const pair = editedRules((doc) => doc.set('quasiIdentifiers', [{ tokens: ['postcode'] }, { category: 'dob' }]));
    expect(classifyTable('clients', cols, pair, NOW).quasiIdentifiers).toEqual(['postcode', 'date_of_birth']);
  });
  it('a neighbour or a quasi-identifier part naming no category is refused when the rules load', () => {
    expect(() => editedRules((doc, at) => doc.setIn(['categories', at('bank_account'), 'neighbours', 0, 'category'], 'bank_acount'))).toThrow(/category bank_account: neighbour "bank_acount" is no category/);
    expect(() => editedRules((doc) => doc.set('quasiIdentifiers', [{ category: 'dob' }, { category: 'zipcode' }]))).toThrow(/unknown category "zipcode"/);
  });
});
