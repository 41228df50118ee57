import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, corpusColumns, generateCorpus } from '../../bench/eval/corpus.js';
import { abaValid, EIN_PREFIXES, ibanValid, itinValid, luhnValid, ssnValid } from '../../bench/eval/checks.js';

const corpus = generateCorpus();
const columns = corpusColumns(corpus);
const digest = (seed: number) => createHash('sha256').update(JSON.stringify(generateCorpus(seed))).digest('hex');
const valuesOf = (prefix: string) =>
  columns.filter(({ column }) => column.kind === prefix || column.kind.startsWith(prefix + '.'))
    .flatMap(({ column }) => column.values.filter((v) => v !== null).map(String));

describe('eval corpus', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    expect(digest(7)).toBe(digest(7));
    expect(digest(7)).not.toBe(digest(8));
  });

  it('has at least 300 labelled columns over ~40 tables of 500-2000 rows', () => {
    expect(columns.length).toBeGreaterThanOrEqual(300);
    expect(corpus.tables.length).toBeGreaterThanOrEqual(35);
    for (const t of corpus.tables) {
      expect(t.rows).toBeGreaterThanOrEqual(500);
      expect(t.rows).toBeLessThanOrEqual(2000);
      for (const c of t.columns) expect(c.values).toHaveLength(t.rows);
    }
    expect(new Set(corpus.tables.map((t) => t.department)).size).toBeGreaterThanOrEqual(6);
  });

  it('labels every category id, and keeps at least 40% of columns clean', () => {
    for (const cat of CATEGORIES) expect(columns.filter(({ column }) => column.labels.includes(cat)).length, cat).toBeGreaterThanOrEqual(2);
    const clean = columns.filter(({ column }) => column.labels.length === 0).length;
    expect(clean / columns.length).toBeGreaterThanOrEqual(0.4);
  });

  it('has opaque-named sensitive columns and low-prevalence free text', () => {
    const opaque = columns.filter(({ column }) => /^(c\d+|field_\d+|attr\d+|fld_[a-z])$/.test(column.name) && column.labels.length > 0);
    expect(opaque.length).toBeGreaterThanOrEqual(20);
    const text = columns.filter(({ column }) => column.kind.startsWith('text:'));
    expect(text.filter(({ column }) => column.labels.length > 0).length).toBeGreaterThanOrEqual(6);
    expect(text.filter(({ column }) => column.labels.length === 0).length).toBeGreaterThanOrEqual(3);
    for (const { column } of text) {
      const withEmail = column.values.filter((v) => typeof v === 'string' && v.includes('@')).length;
      expect(withEmail / column.values.length).toBeLessThanOrEqual(0.05);
    }
  });

  it('plants SSNs that pass the SSA rules, in columns and in text', () => {
    const ssns = valuesOf('ssn').filter((v) => !/^[0-9a-f]{64}$/.test(v)).map((v) => v.padStart(9, '0'));
    expect(ssns.length).toBeGreaterThan(5000);
    for (const v of ssns) expect(ssnValid(v), 'SSA rules').toBe(true);
    expect(valuesOf('ssn.sha256').every((v) => /^[0-9a-f]{64}$/.test(v))).toBe(true);
    const inText = columns
      .filter(({ column }) => column.kind.startsWith('text:'))
      .flatMap(({ column }) => column.values.flatMap((v) => (typeof v === 'string' ? v.match(/\b\d{3}-\d{2}-\d{4}\b/g) ?? [] : [])));
    expect(inText.length).toBeGreaterThan(10);
    for (const v of inText) expect(ssnValid(v)).toBe(true);
  });

  it('plants Luhn-valid cards with issuer prefixes, valid ABA, IBAN, ITIN and EIN values', () => {
    const pans = valuesOf('pan').map((v) => v.replace(/[ -]/g, ''));
    expect(pans.length).toBeGreaterThan(1000);
    for (const p of pans) {
      expect(luhnValid(p)).toBe(true);
      expect(p).toMatch(/^(4\d{15}|5[1-5]\d{14}|2(2[2-9]|[3-6]\d|7[0-2])\d{13}|3[47]\d{13}|(6011|65\d\d|64[4-9]\d)\d{12}|35(2[89]|[3-8]\d)\d{12})$/);
    }
    const abas = valuesOf('aba');
    expect(abas.length).toBeGreaterThan(1000);
    for (const v of abas) expect(abaValid(v.padStart(9, '0'))).toBe(true);
    for (const v of valuesOf('iban')) expect(ibanValid(v)).toBe(true);
    for (const v of valuesOf('itin')) expect(itinValid(v)).toBe(true);
    for (const v of valuesOf('ein')) expect(EIN_PREFIXES).toContain(v.slice(0, 2));
  });

  it('keeps traps shaped like the real thing: 9-digit ids fail SSA rules at the natural rate, versions parse as IPv4', () => {
    const ids = valuesOf('id9');
    const invalid = ids.filter((v) => !ssnValid(v)).length / ids.length;
    expect(invalid).toBeGreaterThan(0.05);
    const versions = valuesOf('version');
    const ipLike = versions.filter((v) => v.split('.').every((p) => Number(p) <= 255)).length;
    expect(ipLike / versions.length).toBeGreaterThan(0.4);
  });

  it('validators reject known-bad vectors', () => {
    expect(ssnValid('666-12-3456')).toBe(false);
    expect(ssnValid('901-12-3456')).toBe(false);
    expect(ssnValid('123-00-4567')).toBe(false);
    expect(ssnValid('123-45-0000')).toBe(false);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(abaValid('021000021')).toBe(true);
    expect(abaValid('021000022')).toBe(false);
    expect(abaValid('131000021')).toBe(false);
    expect(ibanValid('DE89370400440532013000')).toBe(true);
    expect(ibanValid('DE89370400440532013001')).toBe(false);
  });
});
