import { describe, expect, it } from 'vitest';
import { careNonContent, valuesNotContent } from '../../src/classify/care-content.js';
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
