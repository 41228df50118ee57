/** Medical data: ICD-10-CM codes, conditions, medications, LOINC lab codes, record and plan numbers. */
import type { Rng } from './random.js';

/** Real ICD-10-CM codes (with their dotted form). */
export const ICD10 = [
  'E11.9', 'E11.65', 'E11.22', 'I10', 'I25.10', 'I48.91', 'I50.9', 'J44.9', 'J45.909', 'J45.40',
  'F32.9', 'F32.A', 'F41.1', 'F41.9', 'F33.1', 'F43.10', 'F10.20', 'F17.210', 'M54.5', 'M54.50',
  'M17.11', 'M79.7', 'K21.9', 'K58.9', 'N18.3', 'N39.0', 'E78.5', 'E66.9', 'E03.9', 'G43.909',
  'G47.33', 'R51.9', 'R10.9', 'Z00.00', 'Z23', 'Z79.4', 'C50.911', 'C61', 'B20', 'O09.90',
  'S82.201A', 'T78.40XA', 'L40.0', 'H40.9', 'D64.9', 'R73.03', 'Z34.90', 'U07.1', 'A15.0', 'G30.9',
];

/** Conditions as clinicians and case workers write them. */
export const CONDITIONS = [
  'Type 2 diabetes mellitus', 'Essential hypertension', 'Major depressive disorder', 'Generalized anxiety disorder',
  'Chronic obstructive pulmonary disease', 'Asthma', 'Congestive heart failure', 'Atrial fibrillation',
  'Chronic kidney disease stage 3', 'Hypothyroidism', 'Hyperlipidemia', 'Obesity', 'Osteoarthritis of knee',
  'Low back pain', 'Migraine', 'Obstructive sleep apnea', 'HIV disease', 'Breast cancer', 'Prostate cancer',
  'Alcohol dependence', 'Opioid use disorder', 'Post-traumatic stress disorder', 'Schizophrenia', 'Bipolar disorder',
  "Alzheimer's disease", 'Epilepsy', 'Hepatitis C', 'Tuberculosis', 'Psoriasis', 'Glaucoma', 'Anemia', 'Prediabetes',
];

/** Medication names with typical strengths. */
export const MEDICATIONS = [
  'metformin 500 mg', 'lisinopril 10 mg', 'atorvastatin 20 mg', 'levothyroxine 50 mcg', 'amlodipine 5 mg',
  'metoprolol succinate 25 mg', 'omeprazole 20 mg', 'losartan 50 mg', 'albuterol HFA 90 mcg', 'gabapentin 300 mg',
  'sertraline 50 mg', 'escitalopram 10 mg', 'bupropion XL 150 mg', 'insulin glargine 100 units/mL', 'hydrochlorothiazide 25 mg',
  'furosemide 40 mg', 'warfarin 5 mg', 'apixaban 5 mg', 'prednisone 10 mg', 'montelukast 10 mg', 'buprenorphine/naloxone 8 mg/2 mg',
  'quetiapine 100 mg', 'lithium carbonate 300 mg', 'donepezil 10 mg', 'tamoxifen 20 mg', 'Biktarvy', 'Ozempic 0.5 mg',
  'fluticasone nasal spray', 'tramadol 50 mg', 'oxycodone 5 mg',
];

/** Real LOINC codes (code-checkdigit). */
export const LOINC = [
  '2345-7', '4548-4', '2093-3', '718-7', '2160-0', '6690-2', '777-3', '2951-2', '2823-3', '1742-6',
  '1920-8', '2571-8', '2085-9', '13457-7', '33914-3', '3016-3', '5902-2', '6301-6', '19123-9', '17861-6',
];

/** A medical record number in a hospital's style. */
export function mrn(r: Rng): string {
  return r.weighted([
    [() => 'MRN' + r.digits(7), 2],
    [() => String(r.int(1, 9)) + r.digits(7), 2],
    [() => `${r.pick(['KC', 'TM', 'SL'])}-${r.digits(6)}`, 1],
  ] as const)();
}

/** A health plan member id in a payer's style. */
export function healthPlanId(r: Rng): string {
  return r.weighted([
    [() => r.pick(['XEH', 'YJW', 'BCB', 'UHC', 'ZGP']) + r.digits(9), 3],
    [() => 'W' + r.digits(9), 2],
    [() => `${r.letters(1)}${r.digits(8)}-${r.digits(2)}`, 1],
  ] as const)();
}
