import { describe, expect, it } from 'vitest';
import { isValidatorId, VALIDATOR_IDS, VALIDATORS } from '../../../src/validators/index.js';

describe('validator registry', () => {
  it('exposes exactly the ids rules may reference', () => {
    expect([...VALIDATOR_IDS].sort()).toEqual(Object.keys(VALIDATORS).sort());
    expect(VALIDATOR_IDS).toEqual([
      'ssn', 'itin', 'ein', 'card', 'luhn', 'aba', 'iban', 'npi', 'dea',
      'mbi', 'icd10cm', 'loinc', 'phone', 'email', 'ipv4', 'ipv6', 'date', 'sctid', 'medicalMorphology',
    ]);
  });

  it('maps every id to a function of one string', () => {
    for (const id of VALIDATOR_IDS) {
      expect(typeof VALIDATORS[id]).toBe('function');
      expect(VALIDATORS[id]!.length).toBe(1);
    }
  });

  it('cannot be modified at run time', () => {
    expect(Object.isFrozen(VALIDATORS)).toBe(true);
  });

  it('recognises ids and nothing else', () => {
    expect(isValidatorId('iban')).toBe(true);
    expect(isValidatorId('IBAN')).toBe(false);
    expect(isValidatorId('toString')).toBe(false);
    expect(VALIDATORS['nope']).toBeUndefined();
    expect(VALIDATORS['toString']).toBeUndefined();
    expect(VALIDATORS['__proto__']).toBeUndefined();
  });
});
