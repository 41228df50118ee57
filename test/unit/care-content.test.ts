import { describe, expect, it } from 'vitest';
import { careNonContent, isRecordType, valuesNotContent } from '../../src/classify/care-content.js';
import { classifyTable } from '../../src/classify/index.js';
import { loadRules } from '../../src/rules/load.js';
import { Rng } from '../../src/util/prng.js';

const rules = loadRules();
const care = rules.subjects.find((r) => r.def.id === 'care-of-a-person')!;
const now = new Date('2026-11-01T00:00:00Z');

function uuid(r: Rng): string {
  const hex = () => r.int(0, 15).toString(16);
  const part = (n: number) => Array.from({ length: n }, hex).join('');
  return `${part(8)}-${part(4)}-4${part(3)}-a${part(3)}-${part(12)}`;
}

describe('values that are not a person\'s care', () => {
  const r = new Rng(5);
  it('keys: UUIDs and hex digests, nulls and blanks aside', () => {
    const keys = Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? null : uuid(r)));
    expect(valuesNotContent(keys)).toBe('keys');
    const digests = Array.from({ length: 50 }, () => Array.from({ length: 32 }, () => r.int(0, 15).toString(16)).join(''));
    expect(valuesNotContent(digests)).toBe('keys');
  });
  it('a flag: at most two short values, an empty string counting as no value', () => {
    expect(valuesNotContent(Array.from({ length: 100 }, (_, i) => ['1', '', '0'][i % 3]!))).toBe('a flag');
    expect(valuesNotContent(['Y', 'N', null, 'Y'])).toBe('a flag');
  });
  it('one value in every row is a default', () => {
    expect(valuesNotContent(Array.from({ length: 40 }, () => 'default'))).toBe('one value in every row');
  });
  it('doses, routes, measurements and codes are content', () => {
    expect(valuesNotContent(Array.from({ length: 100 }, (_, i) => ['by mouth', 'intramuscular', 'topical'][i % 3]!))).toBeNull();
    expect(valuesNotContent(Array.from({ length: 100 }, (_, i) => String(60 + (i % 40))))).toBeNull();
    expect(valuesNotContent(Array.from({ length: 100 }, (_, i) => ['0', '1', '2', '3'][i % 4]!))).toBeNull();
    // Too few values to call a column a default.
    expect(valuesNotContent(['metformin', 'metformin', 'metformin'])).toBeNull();
  });
});

describe('care-table columns by name', () => {
  const non = (name: string, type = 'text') => careNonContent(name, type, null, care, rules);
  it('keys to other records, units, methods, ranges, payers and makers are machinery', () => {
    expect(non('encounter', 'integer')).toMatch(/key to the encounter/);
    expect(non('visit_occurrence_id', 'integer')).not.toBeNull();
    expect(non('dose_unit_rx')).toMatch(/unit/);
    expect(non('temp_method')).toMatch(/method/);
    expect(non('ref_range_low', 'decimal')).toMatch(/range/);
    expect(non('manufacturer')).toMatch(/manufacturer/);
    expect(non('payer_coverage', 'decimal')).toMatch(/payer/);
    expect(non('condition_type_concept_id', 'integer')).not.toBeNull();
  });
  it('clinical codes stay content though their names say key', () => {
    expect(non('condition_concept_id', 'integer')).toBeNull();
    expect(non('visit_concept_id', 'integer')).toBeNull();
    expect(non('snomed_code')).toBeNull();
    expect(non('quantity', 'decimal')).toBeNull();
  });
});

describe('a care table as the classifier sees it', () => {
  it('reports the content, not the keys, flags or defaults', () => {
    const r = new Rng(11);
    const n = 300;
    const col = (name: string, typeClass: 'text' | 'integer' | 'decimal', gen: (i: number) => string | null) => ({
      name,
      typeClass,
      values: Array.from({ length: n }, (_, i) => gen(i)),
    });
    const v = classifyTable(
      'prescriptions',
      [
        col('subject_id', 'integer', (i) => String(1000 + i)),
        col('order_guid', 'text', () => uuid(r)),
        col('dose_val_rx', 'text', () => r.pick(['500', '250', '10', '1-2'])),
        col('route', 'text', () => r.pick(['PO', 'IV', 'IM', 'SC'])),
        col('as_needed', 'text', () => r.pick(['', 'Y', 'N'])),
        col('site', 'text', () => 'default'),
      ],
      rules,
      now,
    );
    const found = Object.fromEntries(v.columns.map((c) => [c.name, c.findings.map((f) => f.category)]));
    expect(found).toEqual({ subject_id: [], order_guid: [], dose_val_rx: ['medical'], route: ['medical'], as_needed: [], site: [] });
  });
});

describe('record types, ambiguous care-table words and billing lines', () => {
  const n = 300;
  const col = (name: string, typeClass: 'text' | 'integer' | 'decimal' | 'date', gen: (i: number) => string | null) => ({
    name,
    typeClass,
    values: Array.from({ length: n }, (_, i) => gen(i)),
  });
  const found = (table: string, columns: ReturnType<typeof col>[]) =>
    Object.fromEntries(classifyTable(table, columns, rules, now).columns.map((c) => [c.name, c.findings.map((f) => f.category)]));

  it('a closed set named for the record type is not content; a blood type or a many-valued column is', () => {
    const types = care.recordTypes!;
    const closed = Array.from({ length: 100 }, (_, i) => ['MAIN', 'BASE', 'ADDITIVE'][i % 3]!);
    expect(isRecordType(['drug', 'type'], closed, types)).toBe(true);
    expect(isRecordType(['form'], Array.from({ length: 100 }, (_, i) => String(1 + (i % 6))), types)).toBe(true);
    expect(isRecordType(['blood', 'type'], closed, types)).toBe(false);
    expect(isRecordType(['type', 'description'], closed, types)).toBe(false);
    expect(isRecordType(['drug', 'type'], Array.from({ length: 100 }, (_, i) => `type ${i}`), types)).toBe(false);
    expect(isRecordType(['drug', 'type'], closed.slice(0, 10), types)).toBe(false);
    expect(careNonContent('drug_type', 'text', closed, care, rules)).toBe("the record's type");
  });

  it('an OMOP observation tied by person_id reports its concept and values, not its type, unit or keys', () => {
    const r = new Rng(21);
    const f = found('observation', [
      col('observation_id', 'integer', (i) => String(i + 1)),
      col('person_id', 'integer', () => String(r.int(1, 5000))),
      col('observation_concept_id', 'integer', () => String(r.pick([4275495, 4058286, 40766945, 4144272, 4052464]))),
      col('observation_type_concept_id', 'integer', () => String(r.pick([38000280, 32817, 44814721]))),
      col('value_as_string', 'text', () => r.pick(['Never smoker', 'Former smoker', 'Positive', 'Negative', 'Lives alone'])),
      col('unit_concept_id', 'integer', () => String(r.pick([8554, 8582, 9529]))),
      col('provider_id', 'integer', () => String(r.int(1, 90))),
    ]);
    expect(f).toEqual({
      observation_id: [],
      person_id: [],
      observation_concept_id: ['medical'],
      observation_type_concept_id: [],
      value_as_string: ['medical'],
      unit_concept_id: [],
      provider_id: [],
    });
  });

  it('a notes table without a person key is nobody\'s record', () => {
    const r = new Rng(22);
    const f = found('notes', [
      col('subject', 'text', () => r.pick(['Meeting', 'Invoice', 'Quarterly plan', 'Follow-up'])),
      col('title', 'text', () => r.pick(['Draft', 'Budget review', 'Team offsite', 'Supplier call', 'Roadmap'])),
    ]);
    expect(f).toEqual({ subject: [], title: [] });
  });

  it('a billing line tied to a patient reports its code, code text and justification, not the code type or fee', () => {
    const r = new Rng(23);
    const f = found('billing', [
      col('pid', 'integer', () => String(r.int(1, 5000))),
      col('encounter', 'integer', () => String(r.int(1, 90000))),
      col('code_type', 'text', () => r.pick(['CPT4', 'ICD10', 'HCPCS'])),
      col('code', 'text', () => r.pick(['99213', '99214', '93000', 'E11.9', 'I10', 'J06.9'])),
      col('code_text', 'text', () => r.pick(['Office visit, established patient', 'Electrocardiogram', 'Essential hypertension', 'Low back pain'])),
      col('justify', 'text', () => `ICD10|${r.pick(['E11.9', 'I10', 'J06.9'])}:`),
      col('fee', 'decimal', () => (r.int(1000, 30000) / 100).toFixed(2)),
    ]);
    expect(f).toEqual({ pid: [], encounter: [], code_type: [], code: ['medical'], code_text: ['medical'], justify: ['medical'], fee: [] });
  });
});

describe('reference catalogs', () => {
  const col = (name: string, typeClass: 'text' | 'integer', gen: (i: number) => string | null) => ({ name, typeClass, values: Array.from({ length: 300 }, (_, i) => gen(i)) });
  const found = (table: string, columns: ReturnType<typeof col>[]) =>
    Object.fromEntries(classifyTable(table, columns, rules, now).columns.map((c) => [c.name, c.findings.map((f) => f.category)]));
  const codes = ['E11.9', 'I10', 'J45.909', 'M54.5', 'F32.9', 'K21.9', 'N39.0', 'R51'];
  it('a code list with no person key is reference data; the same codes tied to a patient are medical', () => {
    const r = new Rng(31);
    expect(found('icd10_codes', [col('code', 'text', () => r.pick(codes)), col('dx_code', 'text', () => r.pick(codes))])).toEqual({ code: [], dx_code: [] });
    expect(found('drugs', [col('drug_id', 'integer', (i) => String(i)), col('ndc', 'text', () => `${r.int(10000, 99999)}-${r.int(1000, 9999)}-${r.int(10, 99)}`)])).toEqual({ drug_id: [], ndc: [] });
    // Not a catalog: a patient key, or a word that is not a reference word.
    expect(found('codes', [col('patient_id', 'integer', (i) => String(i)), col('dx_code', 'text', () => r.pick(codes))]).dx_code).toEqual(['medical']);
    expect(found('intake', [col('dx_code', 'text', () => r.pick(codes))]).dx_code).toEqual(['medical']);
  });
});

describe('birth dates stored in parts', () => {
  const col = (name: string, typeClass: 'text' | 'integer', gen: (i: number) => string | null) => ({ name, typeClass, values: Array.from({ length: 300 }, (_, i) => gen(i)) });
  const found = (table: string, columns: ReturnType<typeof col>[]) =>
    Object.fromEntries(classifyTable(table, columns, rules, now).columns.map((c) => [c.name, c.findings.map((f) => f.category)]));
  it('month, day and year of birth are dob when their values fit; a month alone or values that do not fit are not', () => {
    const r = new Rng(24);
    const f = found('person', [
      col('person_id', 'integer', (i) => String(i + 1)),
      col('year_of_birth', 'integer', () => String(r.int(1930, 2010))),
      col('month_of_birth', 'integer', () => String(r.int(1, 12))),
      col('day_of_birth', 'integer', () => String(r.int(1, 28))),
      col('month', 'integer', () => String(r.int(1, 12))),
      col('birth_month_code', 'text', () => r.pick(['JAN-A', 'FEB-B', 'MAR-C', 'APR-D'])),
    ]);
    expect(f).toEqual({ person_id: [], year_of_birth: ['dob'], month_of_birth: ['dob'], day_of_birth: ['dob'], month: [], birth_month_code: [] });
  });
});

describe('care events dated in a care table', () => {
  it('a date column named for a surgery is medical, never a birth date, however its dates spread', () => {
    const r = new Rng(3);
    const n = 400;
    const day = 86_400_000;
    // Dates spread like a population's birth dates: the very shape the birth-date test looks for.
    const dates = () => Array.from({ length: n }, () => new Date(now.getTime() - r.int(5 * 365, 80 * 365) * day).toISOString().slice(0, 10));
    const v = classifyTable(
      'history_data',
      [
        { name: 'pid', typeClass: 'integer', values: Array.from({ length: n }, (_, i) => String(i + 1)) },
        { name: 'appendectomy', typeClass: 'date', values: dates() },
        { name: 'last_colonoscopy', typeClass: 'date', values: dates() },
        { name: 'date', typeClass: 'date', values: dates() },
      ],
      rules,
      now,
    );
    const found = Object.fromEntries(v.columns.map((c) => [c.name, c.findings.map((f) => f.category)]));
    expect(found.appendectomy).toEqual(['medical']);
    expect(found.last_colonoscopy).toEqual(['medical']);
    expect(found.date).not.toContain('medical');
    expect(found.pid).toEqual([]);
  });
});
