import { aba } from './aba.js';
import { card } from './card.js';
import { date } from './date.js';
import { dea } from './dea.js';
import { ein } from './ein.js';
import { email } from './email.js';
import { iban } from './iban.js';
import { icd10cm } from './icd10cm.js';
import type { ValidatorId } from './ids.js';
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
export { VALIDATOR_IDS, isValidatorId, type ValidatorId } from './ids.js';
export { parseDateLike, type DateLike } from './date.js';
export { aba, card, date, dea, ein, email, iban, icd10cm, ipv4, ipv6, itin, loinc, luhn, mbi, medicalMorphology, npi, phone, sctid, ssn };

// Typed against every id so none can be forgotten; exposed as a string-keyed record for lookups.
const BY_ID: Readonly<Record<ValidatorId, Validator>> = {
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
};

/** Validators by id, as rules reference them (`validate: ssn`); a null-prototype object, so `toString` is no id. */
export const VALIDATORS: Readonly<Record<string, Validator>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, Validator>, BY_ID),
);
