/** Category knowledge outside classification comes from rules/categories.yaml: restricted, native labels, redaction. */
import { describe, expect, it } from 'vitest';
import { accessFlags, restrictedCategories } from '../../src/access/review.js';
import type { AccessReader } from '../../src/access/types.js';
import { anonMasking, categoryOfInformationType, sensitivityFor, sensitivityOf } from '../../src/label/sensitivity.js';
import { detectorFor, tokenOf } from '../../src/migrate/detect.js';
import { redactCategories } from '../../src/plan/redact-categories.js';
import { loadRules } from '../../src/rules/load.js';
import { rulesFileSchema } from '../../src/rules/schema.js';

const rules = loadRules();
const readers = (n: number): AccessReader[] => Array.from({ length: n }, (_, i) => ({ principal: `clerk${i}`, via: 'SELECT on table', kind: 'role' as AccessReader['kind'] }));

describe('restricted', () => {
  it('is what the YAML says: the high-sensitivity categories; a bank routing number (a bank, not a person) is not', () => {
    const high = [...rules.categories.values()].filter((c) => c.sensitivity === 'high').map((c) => c.id).sort();
    expect([...restrictedCategories()].sort()).toEqual(high);
    expect(restrictedCategories().has('bank_routing')).toBe(false);
  });
  it('drives the BROAD flag', () => {
    expect(accessFlags(['ssn'], readers(11), 10)).toEqual(['BROAD']);
    expect(accessFlags(['ssn'], readers(10), 10)).toEqual([]);
    expect(accessFlags(['bank_routing', 'email'], readers(50), 10)).toEqual([]);
  });
});

describe('native labels', () => {
  it('every category has a SQL Server classification; several categories take the highest rank', () => {
    for (const id of rules.categories.keys()) expect(sensitivityOf(id), id).toBeDefined();
    expect(sensitivityFor(['email', 'ssn'])).toEqual({ label: 'Highly Confidential', informationType: 'SSN', rank: 'CRITICAL' });
    expect(sensitivityFor(['no_such'])).toEqual({ label: 'Confidential', informationType: 'Other', rank: 'MEDIUM' });
  });
  it('information types read back as categories, SQL Server built-ins included; broad built-ins map to none', () => {
    expect(categoryOfInformationType('SSN')).toBe('ssn');
    expect(categoryOfInformationType(' national id ')).toBe('ssn');
    expect(categoryOfInformationType("Driver's License")).toBe('drivers_license');
    expect(categoryOfInformationType('Contact Info')).toBeUndefined();
  });
  it('PostgreSQL Anonymizer: partial masking for text identifiers that ask for it, NULL otherwise', () => {
    expect(anonMasking(['ssn'], true)).toBe('partial');
    expect(anonMasking(['ssn'], false)).toBe('null');
    expect(anonMasking(['medical', 'email'], true)).toBe('null');
  });
});

describe('redaction', () => {
  it('redactable categories and their tokens come from the YAML', () => {
    expect(redactCategories()).toEqual(['credit_card', 'dob', 'email', 'phone', 'ssn']);
    expect(tokenOf('credit_card')).toBe('[REDACTED-CREDIT-CARD]');
    expect(detectorFor(['ssn']).redact('SSN 536-22-1984 on file')).toBe(`SSN ${rules.categories.get('ssn')!.redaction!.token} on file`);
  });
});

describe('schema', () => {
  const category = { id: 'x', label: 'X', sensitivity: 'high', types: ['text'] };
  it('refuses a bad rank, an unknown engine and a malformed token', () => {
    expect(rulesFileSchema.safeParse({ categories: [{ ...category, labels: { mssql: { label: 'L', informationType: 'T', rank: 'SEVERE' } } }] }).success).toBe(false);
    expect(rulesFileSchema.safeParse({ categories: [{ ...category, labels: { oracle: {} } }] }).success).toBe(false);
    expect(rulesFileSchema.safeParse({ categories: [{ ...category, redaction: { text: true, token: 'XXX' } }] }).success).toBe(false);
    const ok = rulesFileSchema.safeParse({ categories: [category] });
    expect(ok.success && ok.data.categories![0]).toMatchObject({ restricted: false, labels: {} });
  });
});
