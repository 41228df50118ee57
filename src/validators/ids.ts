/** Every validator id rules may reference, in a stable order (the rule loader checks references against it). */
export const VALIDATOR_IDS = [
  'ssn',
  'itin',
  'ein',
  'card',
  'luhn',
  'aba',
  'iban',
  'npi',
  'dea',
  'mbi',
  'icd10cm',
  'loinc',
  'phone',
  'email',
  'ipv4',
  'ipv6',
  'date',
  'sctid',
  'medicalMorphology',
] as const;

/** One validator id. */
export type ValidatorId = (typeof VALIDATOR_IDS)[number];

/** True when `id` names a validator. */
export function isValidatorId(id: string): id is ValidatorId {
  return (VALIDATOR_IDS as readonly string[]).includes(id);
}
