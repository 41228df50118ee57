/**
 * Baseline (b): the npm value detector `openredaction` (1.1.x, default options) run on each sampled
 * value; a column is reported for a category when at least 10% of its non-null sampled values
 * hold a detection of a type mapped to that category.
 */
import { OpenRedaction } from 'openredaction';
import type { Category } from '../corpus.js';

/** Share of sampled values that must match for the column to be reported. */
export const OPENREDACTION_THRESHOLD = 0.1;

/**
 * openredaction types → our category ids. Types with no counterpart (ZIP_CODE_US, generic DATE,
 * NAME-of-anything aside, tracking ids…) map to nothing; every `PHONE_*` type maps to `phone`.
 */
export const OPENREDACTION_TYPES: Readonly<Record<string, Category>> = {
  SSN: 'ssn',
  DATE_OF_BIRTH: 'dob',
  CREDIT_CARD: 'credit_card', CARD_TRACK1_DATA: 'credit_card', CARD_TRACK2_DATA: 'credit_card',
  IBAN: 'bank_account', UK_BANK_ACCOUNT_IBAN: 'bank_account', BANK_ACCOUNT_UK: 'bank_account', UK_SORT_CODE_ACCOUNT: 'bank_account',
  ROUTING_NUMBER_US: 'bank_routing',
  ITIN: 'tax_id', US_EIN: 'tax_id', TAX_ID: 'tax_id',
  DRIVING_LICENSE_US: 'drivers_license', DRIVING_LICENSE_UK: 'drivers_license',
  PASSPORT_US: 'passport', PASSPORT_UK: 'passport', PASSPORT_MRZ_TD1: 'passport', PASSPORT_MRZ_TD3: 'passport',
  EMAIL: 'email',
  ADDRESS_STREET: 'address', ADDRESS_PO_BOX: 'address',
  NAME: 'person_name',
  IPV4: 'ip_address', IPV6: 'ip_address',
  MEDICAL_RECORD_NUMBER: 'medical', PATIENT_ID: 'medical', HEALTH_PLAN_NUMBER: 'medical', ICD10_CODE: 'medical',
  CPT_CODE: 'medical', DRUG_DOSAGE: 'medical', PRESCRIPTION_NUMBER: 'medical', HEALTH_INSURANCE_CLAIM: 'medical',
  ALLERGY_INFO: 'medical', BLOOD_TYPE: 'medical', LAB_TEST_ID: 'medical', GENETIC_MARKER: 'medical',
  VACCINATION_ID: 'medical', DNA_SEQUENCE: 'medical',
};

/** Category for an openredaction detection type, if any. */
export function mapOpenRedactionType(type: string): Category | undefined {
  if (type.startsWith('PHONE_')) return 'phone';
  return OPENREDACTION_TYPES[type];
}

/** A column classifier over sampled values; results per distinct value are cached within a run. */
export class OpenRedactionBaseline {
  private readonly detector = new OpenRedaction();
  private readonly cache = new Map<string, readonly Category[]>();
  /** Values actually passed to `detect` (cache misses). */
  detectCalls = 0;

  private async categoriesOf(value: string): Promise<readonly Category[]> {
    const hit = this.cache.get(value);
    if (hit) return hit;
    this.detectCalls++;
    const result = await this.detector.detect(value);
    const cats = new Set<Category>();
    for (const d of result.detections) {
      const c = mapOpenRedactionType(d.type);
      if (c) cats.add(c);
    }
    const out = [...cats];
    this.cache.set(value, out);
    return out;
  }

  /** Categories reported for a column from its non-null sampled values. */
  async classify(values: readonly string[]): Promise<Set<Category>> {
    const counts = new Map<Category, number>();
    let i = 0;
    for (const v of values) {
      for (const c of await this.categoriesOf(v)) counts.set(c, (counts.get(c) ?? 0) + 1);
      // NOTE: detect() resolves in microtasks; yield now and then so Ctrl-C (cleanup) can run.
      if (++i % 256 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    const out = new Set<Category>();
    if (values.length === 0) return out;
    for (const [c, n] of counts) if (n / values.length >= OPENREDACTION_THRESHOLD) out.add(c);
    return out;
  }
}
