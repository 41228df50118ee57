import { aba } from './aba.js';
import { card } from './card.js';
import { date } from './date.js';
import { dea } from './dea.js';
import { ein } from './ein.js';
import { email } from './email.js';
import { iban } from './iban.js';
import { icd10cm } from './icd10cm.js';
import { ipv4 } from './ipv4.js';
import { ipv6 } from './ipv6.js';
import { itin } from './itin.js';
import { loinc } from './loinc.js';
import { luhn } from './luhn.js';
import { mbi } from './mbi.js';
import { medicalMorphology } from './medical-morphology.js';
import { npi } from './npi.js';
import { phone } from './phone.js';
import { sctid } from './sctid.js';
import { ssn } from './ssn.js';
import type { Validator } from './validator.js';

export type { Validator } from './validator.js';
export { WEAK } from './validator.js';
export { parseDateLike, type DateLike } from './date.js';
export { aba, card, date, dea, ein, email, iban, icd10cm, ipv4, ipv6, itin, loinc, luhn, mbi, medicalMorphology, npi, phone, sctid, ssn };

/**
 * The one list of validators: a rule names one by its key here (`validator: ssn`). A new
 * validator is its own file plus one entry here; the ids, their type and the lookup derive from it.
 */
const BY_ID = {
  ssn,
  itin,
  ein,
  card,
  luhn,
  aba,
  iban,
  npi,
  dea,
  mbi,
  icd10cm,
  loinc,
  phone,
  email,
  ipv4,
  ipv6,
  date,
  sctid,
  medicalMorphology,
} as const satisfies Record<string, Validator>;

/** One validator id. */
export type ValidatorId = keyof typeof BY_ID;

/** Every validator id rules may reference, in a stable order (the rule loader checks references against it). */
export const VALIDATOR_IDS: readonly ValidatorId[] = Object.freeze(Object.keys(BY_ID) as ValidatorId[]);

/** True when `id` names a validator. */
export function isValidatorId(id: string): id is ValidatorId {
  return Object.hasOwn(BY_ID, id);
}

/** Validators by id, as rules reference them (`validator: ssn`); a null-prototype object, so `toString` is no id. */
export const VALIDATORS: Readonly<Record<string, Validator>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, Validator>, BY_ID),
);
