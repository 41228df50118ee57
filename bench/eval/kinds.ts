/**
 * Column kinds: how a column's values are generated, its SQL type, and the categories it holds
 * (the label). A column spec names a kind; its label is the kind's unless the spec overrides it.
 */
import type { Rng } from './random.js';
import * as id from './values-ids.js';
import * as med from './values-medical.js';
import * as ppl from './values-people.js';
import * as cl from './values-clean.js';

export type SqlType = 'int' | 'bigint' | 'varchar' | 'text' | 'date' | 'timestamp' | 'numeric' | 'boolean' | 'double' | 'json';
export type Value = string | number | boolean | null;

/** Per-row state shared by a row's columns, so a row's name, email and birth date agree. */
export class RowContext {
  private memo = new Map<string, unknown>();
  constructor(private readonly r: Rng) {}

  /** A value computed once per row under `key`. */
  once<T>(key: string, make: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, make());
    return this.memo.get(key) as T;
  }

  get person(): ppl.Person {
    return this.once('person', () => ppl.person(this.r));
  }
}

export interface Kind {
  type: SqlType;
  labels: readonly string[];
  gen: (r: Rng, row: RowContext) => Value;
}

const k = (type: SqlType, labels: readonly string[], gen: Kind['gen']): Kind => ({ type, labels, gen });
const dob = (row: RowContext, r: Rng, min = 0, max = 95) => row.once('dob', () => ppl.birthDateMs(r, min, max));

/** Every kind the corpus uses, by name. */
export const KINDS = {
  // --- ssn ---
  'ssn': k('varchar', ['ssn'], (r) => id.ssn(r, 'dashed')),
  'ssn.plain': k('varchar', ['ssn'], (r) => id.ssn(r, 'plain')),
  'ssn.mixed': k('varchar', ['ssn'], (r) => id.ssn(r, r.pick(['dashed', 'plain', 'spaced']))),
  'ssn.bigint': k('bigint', ['ssn'], (r) => Number(id.ssn(r, 'plain'))),
  'ssn.sha256': k('varchar', ['ssn'], (r) => cl.hexDigest(r, 64)),
  // --- dob ---
  'dob.date': k('date', ['dob'], (r, row) => ppl.isoDate(dob(row, r))),
  'dob.adult': k('date', ['dob'], (r, row) => ppl.isoDate(dob(row, r, 18, 70))),
  'dob.us': k('varchar', ['dob'], (r, row) => ppl.formatDate(dob(row, r), 'us')),
  'dob.compact': k('varchar', ['dob'], (r, row) => ppl.formatDate(dob(row, r), 'compact')),
  'dob.iso-text': k('varchar', ['dob'], (r, row) => ppl.formatDate(dob(row, r), 'iso')),
  'dob.timestamp': k('timestamp', ['dob'], (r, row) => ppl.isoDate(dob(row, r)) + ' 00:00:00'),
  // --- medical ---
  'icd10': k('varchar', ['medical'], (r) => r.pick(med.ICD10)),
  'icd10.list': k('varchar', ['medical'], (r) => Array.from({ length: r.int(1, 3) }, () => r.pick(med.ICD10)).join(';')),
  'condition': k('varchar', ['medical'], (r) => r.pick(med.CONDITIONS)),
  'medication': k('varchar', ['medical'], (r) => r.pick(med.MEDICATIONS)),
  'loinc': k('varchar', ['medical'], (r) => r.pick(med.LOINC)),
  'mrn': k('varchar', ['medical'], (r) => med.mrn(r)),
  'health-plan': k('varchar', ['medical'], (r) => med.healthPlanId(r)),
  // --- bank ---
  'bank-account': k('varchar', ['bank_account'], (r) => id.bankAccount(r)),
  'bank-account.bigint': k('bigint', ['bank_account'], (r) => Number(id.bankAccount(r).slice(0, 15))),
  'iban': k('varchar', ['bank_account'], (r) => id.iban(r, r.chance(0.3))),
  'aba': k('varchar', ['bank_routing'], (r) => id.aba(r)),
  'aba.int': k('int', ['bank_routing'], (r) => Number(id.aba(r))),
  // --- card ---
  'pan': k('varchar', ['credit_card'], (r) => id.pan(r, 'plain')),
  'pan.mixed': k('varchar', ['credit_card'], (r) => id.pan(r, r.pick(['plain', 'spaced', 'dashed']))),
  // --- tax ---
  'ein': k('varchar', ['tax_id'], (r) => id.ein(r, true)),
  'ein.plain': k('varchar', ['tax_id'], (r) => id.ein(r, false)),
  'itin': k('varchar', ['tax_id'], (r) => id.itin(r, true)),
  'tin.mixed': k('varchar', ['tax_id'], (r) => (r.chance(0.7) ? id.ein(r, true) : id.itin(r, true))),
  // --- government ids ---
  'dl': k('varchar', ['drivers_license'], (r, row) => row.once('dl', () => id.driversLicense(r)).number),
  'dl.state': k('varchar', [], (r, row) => row.once('dl', () => id.driversLicense(r)).state),
  'dl.mo': k('varchar', ['drivers_license'], (r) => id.driversLicense(r, ['MO', 'KS']).number),
  'passport': k('varchar', ['passport'], (r) => id.passport(r)),
  // --- contact and identity ---
  'email': k('varchar', ['email'], (r, row) => ppl.email(r, row.person)),
  'phone': k('varchar', ['phone'], (r) => ppl.phone(r)),
  'phone.digits': k('bigint', ['phone'], (r) => Number(ppl.phone(r).replace(/\D/g, '').slice(-10))),
  'street': k('varchar', ['address'], (r) => ppl.streetLine(r)),
  'address.full': k('varchar', ['address'], (r) => ppl.fullAddress(r)),
  'first-name': k('varchar', ['person_name'], (_r, row) => row.person.first),
  'last-name': k('varchar', ['person_name'], (_r, row) => row.person.last),
  'full-name': k('varchar', ['person_name'], (r, row) => ppl.fullName(r, row.person)),
  'ipv4': k('varchar', ['ip_address'], (r) => ppl.ipv4(r)),
  'ipv6': k('varchar', ['ip_address'], (r) => ppl.ipv6(r)),
  'ip.mixed': k('varchar', ['ip_address'], (r) => (r.chance(0.8) ? ppl.ipv4(r) : ppl.ipv6(r))),
  // --- clean: dates ---
  'hire-date': k('date', [], (r) => cl.dateAround(r, -35 * 365, -10)),
  'order-date': k('date', [], (r) => cl.dateAround(r, -5 * 365, 0)),
  'event-date': k('date', [], (r) => cl.dateAround(r, -3 * 365, 60)),
  'event-date.us': k('varchar', [], (r) => ppl.formatDate(Date.parse(cl.dateAround(r, -4 * 365, 0)), 'us')),
  'event-date.compact': k('varchar', [], (r) => cl.dateAround(r, -10 * 365, 0).replace(/-/g, '')),
  'future-date': k('date', [], (r) => cl.dateAround(r, 7, 540)),
  'created-at': k('timestamp', [], (r) => cl.timestampAround(r, -6 * 365, 0)),
  'expiry-date': k('date', [], (r) => cl.dateAround(r, -200, 8 * 365)),
  'year': k('int', [], (r) => r.int(1950, 2026)),
  // --- clean: numbers and ids ---
  'zip': k('varchar', ['address'], (r) => cl.zip(r)),
  'zip4': k('varchar', ['address'], (r) => cl.zip(r, 'dashed')),
  'zip9': k('varchar', ['address'], (r) => cl.zip(r, 'plain')),
  'order-number': k('varchar', [], (r) => cl.orderNumber(r)),
  'order-number.16': k('varchar', [], (r) => cl.orderNumber(r, 16, 16)),
  'order-number.bigint': k('bigint', [], (r) => Number(cl.orderNumber(r, 12, 15))),
  'invoice': k('varchar', [], (r) => cl.invoiceId(r)),
  'id9': k('varchar', [], (r) => cl.nineDigitId(r)),
  'id9.int': k('int', [], (r) => r.int(100_000_000, 999_999_999)),
  'amount': k('numeric', [], (r) => cl.amount(r)),
  'amount.text': k('varchar', [], (r) => '$' + cl.amount(r, 900)),
  'quantity': k('int', [], (r) => r.int(0, 500)),
  'count': k('int', [], (r) => r.int(0, 40)),
  'seq': k('int', [], (r) => r.int(1, 2_000_000)),
  'status': k('varchar', [], (r) => r.pick(cl.STATUSES)),
  'bool': k('boolean', [], (r) => r.chance(0.5)),
  'bool.rare': k('boolean', [], (r) => r.chance(0.07)),
  'flag.yn': k('varchar', [], (r) => r.pick(['Y', 'N'])),
  'uuid': k('varchar', [], (r) => cl.uuid(r)),
  'sha256': k('varchar', [], (r) => cl.hexDigest(r, 64)),
  'md5': k('varchar', [], (r) => cl.hexDigest(r, 32)),
  'version': k('varchar', [], (r) => cl.version(r)),
  'extension': k('varchar', [], (r) => (r.chance(0.5) ? 'x' : '') + String(r.int(1000, 9999))),
  'ph-level': k('numeric', [], (r) => (6 + r.next() * 2.8).toFixed(2)),
  'percent': k('numeric', [], (r) => (r.next() * 100).toFixed(2)),
  'rate': k('numeric', [], (r) => (r.next() * 0.12).toFixed(4)),
  'check-number': k('int', [], (r) => r.int(1001, 99999)),
  'port': k('int', [], (r) => r.pick([22, 80, 443, 161, 5432, 3306, 8080, 8443, 9100, 10050])),
  'sku': k('varchar', [], (r) => `${r.letters(3)}-${r.digits(5)}`),
  'case-number': k('varchar', [], (r) => `${r.int(18, 26)}${r.pick(['CR', 'TR', 'MU', 'CV'])}-${r.digits(5)}`),
  'permit-number': k('varchar', [], (r) => `BL-${r.int(2015, 2026)}-${r.digits(6)}`),
  'routing-code': k('varchar', [], (r) => `RT-${r.pick(['KC', 'NL', 'SO', 'EA'])}-${r.digits(2)}`),
  'tracking': k('varchar', [], (r) => '1Z' + r.letters(3) + r.digits(13)),
  // --- clean: words ---
  'username': k('varchar', [], (r, row) => cl.username(r, row.person.first, row.person.last)),
  'product': k('varchar', [], (r) => r.pick(cl.PRODUCTS)),
  'company': k('varchar', [], (r) => r.pick(cl.COMPANIES)),
  'department': k('varchar', [], (r) => r.pick(cl.DEPARTMENTS)),
  'city': k('varchar', ['address'], (r) => r.pick(ppl.CITIES)[0]),
  // A trip's destination city is nobody's address (same values as 'city').
  'city.trip': k('varchar', [], (r) => r.pick(ppl.CITIES)[0]),
  'state': k('varchar', [], (r) => r.pick(cl.STATES)),
  'country': k('varchar', [], (r) => r.pick(cl.COUNTRIES)),
  'file-name': k('varchar', [], (r) => cl.fileName(r)),
  'sex': k('varchar', [], (r) => r.pick(['F', 'M', 'F', 'M', 'X', 'U'])),
  'card-brand': k('varchar', [], (r) => r.pick(['VISA', 'MC', 'AMEX', 'DISC'])),
  'pay-method': k('varchar', [], (r) => r.pick(['CARD', 'ACH', 'CASH', 'CHECK', 'MONEY_ORDER'])),
  'account-type': k('varchar', [], (r) => r.pick(['CHECKING', 'SAVINGS', 'MONEY_MARKET'])),
  'dl-class': k('varchar', [], (r) => r.pick(['A', 'B', 'C', 'M', 'CDL-A', 'CDL-B'])),
  'phone-type': k('varchar', [], (r) => r.pick(['mobile', 'home', 'work', 'fax'])),
  'language': k('varchar', [], (r) => r.pick(['en', 'es', 'vi', 'so', 'ar', 'zh', 'fr'])),
  'priority': k('varchar', [], (r) => r.pick(['LOW', 'MEDIUM', 'HIGH', 'URGENT'])),
  'hostname': k('varchar', [], (r) => `${r.pick(['web', 'db', 'app', 'gis', 'print'])}${r.int(1, 40).toString().padStart(2, '0')}.city.local`),
  'mime': k('varchar', [], (r) => r.pick(['application/pdf', 'image/jpeg', 'image/png', 'text/csv'])),
  'color': k('varchar', [], (r) => r.pick(['red', 'blue', 'green', 'white', 'black', 'silver'])),
  'plate-state': k('varchar', [], (r) => r.pick(cl.STATES)),
  'score': k('int', [], (r) => r.int(60, 100)),
  'program': k('varchar', [], (r) => r.pick(['Swim Level 2', 'Youth Soccer U10', 'Senior Fitness', 'Art Camp', 'Pickleball 101', 'Summer Day Camp'])),
  'facility': k('varchar', [], (r) => r.pick(['Swope Park Pavilion 3', 'Loose Park Garden Room', 'Line Creek Shelter', 'Penn Valley Amphitheater'])),
  'card-exp': k('varchar', [], (r) => `${String(r.int(1, 12)).padStart(2, '0')}/${r.int(25, 31)}`),
  'channel': k('varchar', [], (r) => r.pick(['phone', 'web', 'mobile app', 'email', 'walk-in'])),
  'http-status': k('int', [], (r) => r.weighted([[200, 80], [301, 5], [404, 8], [403, 3], [500, 2]] as const)),
  'lab-unit': k('varchar', [], (r) => r.pick(['mg/dL', 'mmol/L', '%', 'g/dL', 'K/uL', 'mIU/L'])),
  'job-title': k('varchar', [], (r) => r.pick(['Maintenance Worker II', 'Accountant I', 'Police Officer', 'Customer Service Rep', 'Engineer III', 'Park Ranger', 'Clerk'])),
  'request-path': k('varchar', [], (r) => r.pick(['/api/v1/requests', '/login', '/static/app.js', '/reports/export', '/health', '/api/v1/payments'])),
  // --- care-table content and machinery (MIMIC-III prescriptions, FHIR Observation) ---
  // Content: what the care was (docs/eval-labelling.md, "Medical").
  'drug-name': k('varchar', ['medical'], (r) => r.pick(med.MEDICATIONS).replace(/ \d.*$/, '')),
  'dose-value': k('varchar', ['medical'], (r) => r.pick(['500', '250', '10', '20', '0.5', '1', '2', '1-2', '40', '100', '5', '25'])),
  'dispense-qty': k('varchar', ['medical'], (r) => String(r.pick([1, 2, 5, 10, 14, 28, 30, 60, 90]))),
  'route-code': k('varchar', ['medical'], (r) => r.pick(['PO', 'IV', 'IM', 'SC', 'PR', 'SL', 'INH', 'TP', 'NG', 'PO/NG'])),
  'lab-value': k('numeric', ['medical'], (r) => (r.next() * r.pick([2, 10, 150, 400])).toFixed(1)),
  // Machinery: units, record types, methods, reference ranges, flags with blanks, keys by value.
  'dose-unit': k('varchar', [], (r) => r.pick(['mg', 'mcg', 'mL', 'UNIT', 'g', 'TAB', 'CAP', 'PUFF', 'mEq'])),
  'dispense-unit': k('varchar', [], (r) => r.pick(['TAB', 'CAP', 'VIAL', 'BAG', 'SYR', 'BTL', 'PKT'])),
  'drug-type': k('varchar', [], (r) => r.weighted([['MAIN', 80], ['BASE', 12], ['ADDITIVE', 8]] as const)),
  'obs-method': k('varchar', [], (r) => r.pick(['Automated count', 'Manual count', 'Point of care', 'Calculated'])),
  'ref-range': k('numeric', [], (r) => String(r.pick([0.5, 3.5, 4, 12, 70, 135, 150]))),
  'flag.blank': k('varchar', [], (r) => r.weighted([['', 50], ['Y', 20], ['N', 30]] as const)),
  'uuid.ref': k('varchar', [], (r) => cl.uuid(r)),
  // Immunization records (CDC IIS / HL7 2.5.1 VXU core data elements): the vaccine's CVX code, lot,
  // body site and route are content; the manufacturer is not; the administering clinician is a name.
  'cvx': k('varchar', ['medical'], (r) => r.pick(['03', '08', '10', '20', '21', '33', '62', '88', '94', '115', '133', '140', '141', '150', '207', '208', '212'])),
  'vaccine-lot': k('varchar', ['medical'], (r) => `${r.letters(2).toUpperCase()}${r.digits(4)}`),
  'body-site': k('varchar', ['medical'], (r) => r.pick(['LD', 'RD', 'LA', 'RA', 'LT', 'RT', 'LG', 'RG'])),
  'vaccine-mfr': k('varchar', [], (r) => r.pick(['Pfizer, Inc', 'Merck and Co., Inc.', 'Sanofi Pasteur', 'GlaxoSmithKline', 'Moderna US, Inc.', 'Seqirus'])),

  // --- Birth dates stored in parts (OMOP CDM PERSON: year_of_birth, month_of_birth, day_of_birth) ---
  // The parts of one row's birth date; each part is `dob` (docs/eval-labelling.md, "Dates").
  'dob.year': k('int', ['dob'], (r, row) => new Date(dob(row, r)).getUTCFullYear()),
  'dob.month': k('int', ['dob'], (r, row) => new Date(dob(row, r)).getUTCMonth() + 1),
  'dob.day': k('int', ['dob'], (r, row) => new Date(dob(row, r)).getUTCDate()),
  'gender-concept': k('int', [], (r) => r.pick([8507, 8532])),
  // --- OMOP CDM event tables (ohdsi.github.io/CommonDataModel, OBSERVATION and NOTE) ---
  // Integers shaped like OMOP concept ids; which concept each stands for does not matter here.
  'omop-concept': k('int', ['medical'], (r) => r.pick([4275495, 4058286, 40766945, 4144272, 4052464, 3022304, 4219336, 4041306, 43054909, 4005823])),
  'omop-value-concept': k('int', ['medical'], (r) => r.pick([45877994, 45878583, 4188539, 4188540, 45884084, 45881531])),
  'omop-value-string': k('varchar', ['medical'], (r) =>
    r.pick(['Never smoker', 'Former smoker', 'Current every day smoker', 'Positive', 'Negative', 'Moderate alcohol use', 'No known allergies', 'Lives alone'])),
  'omop-source-value': k('varchar', ['medical'], (r) => r.pick(['229819007', '266919005', '77176002', 'Z72.0', 'F17.210', 'Z87.891', '72166-2', '11331-6'])),
  // Record types, units and fixed settings of OMOP rows: never content.
  'omop-type-concept': k('int', [], (r) => r.pick([38000280, 38000281, 32817, 32818, 44814721])),
  'omop-unit-concept': k('int', [], (r) => r.pick([8554, 8582, 9529, 8876, 8840])),
  'omop-note-type': k('int', [], (r) => r.pick([44814637, 44814639, 44814645, 32831])),
  'omop-encoding': k('int', [], () => 32678),
  'omop-language': k('int', [], () => 4180186),
  'note-title': k('varchar', ['medical'], (r) =>
    r.pick(['Discharge summary', 'Cardiology consult', 'Diabetes follow-up', 'Chest X-ray report', 'Operative note: appendectomy', 'Psychiatry intake', 'Asthma review'])),
  // --- Billing lines of an encounter (OpenEMR billing, documented in its database schema) ---
  'bill-code-type': k('varchar', [], (r) => r.weighted([['CPT4', 60], ['ICD10', 30], ['HCPCS', 10]] as const)),
  'bill-code': k('varchar', ['medical'], (r) => r.pick(['99213', '99214', '93000', '36415', '80053', 'G0438', 'E11.9', 'I10', 'J06.9', 'M54.5'])),
  'bill-code-text': k('varchar', ['medical'], (r) =>
    r.pick(['Office visit, established patient', 'Electrocardiogram', 'Blood draw', 'Metabolic panel', 'Annual wellness visit',
      'Type 2 diabetes without complications', 'Essential hypertension', 'Upper respiratory infection', 'Low back pain'])),
  'bill-justify': k('varchar', ['medical'], (r) => `ICD10|${r.pick(med.ICD10)}:`),
  'bill-modifier': k('varchar', [], (r) => r.weighted([['', 70], ['25', 15], ['59', 10], ['GT', 5]] as const)),
  // --- A problem/allergy/medication list (OpenEMR lists) ---
  'list-type': k('varchar', [], (r) => r.weighted([['medical_problem', 50], ['allergy', 20], ['medication', 25], ['surgery', 5]] as const)),
  'reaction': k('varchar', ['medical'], (r) => r.pick(['Hives', 'Rash', 'Anaphylaxis', 'Nausea', 'Swelling', 'Shortness of breath', 'Itching'])),
  'severity': k('varchar', ['medical'], (r) => r.pick(['mild', 'moderate', 'severe', 'life_threatening_severity', 'unassigned'])),
  'problem-comment': k('varchar', ['medical'], (r) =>
    r.pick(['Symptoms improved on the current dose', 'Follow up in three months', 'Controlled with diet', 'Referred for evaluation',
      'Seen in the emergency department last year for the same complaint', 'Stopped after side effects', 'Worse in winter'])),
  // --- Reference catalogs tied to no person (OpenEMR drugs, an ICD-10 code list): clean by policy ---
  'catalog-drug-name': k('varchar', [], (r) => r.pick(med.MEDICATIONS).replace(/ \d.*$/, '')),
  'catalog-ndc': k('varchar', [], (r) => `${r.digits(5)}-${r.digits(4)}-${r.digits(2)}`),
  'catalog-route': k('varchar', [], (r) => r.pick(['PO', 'IV', 'IM', 'SC', 'TP', 'INH'])),
  'catalog-icd10': k('varchar', [], (r) => r.pick(med.ICD10)),
  'catalog-condition': k('varchar', [], (r) => r.pick(med.CONDITIONS)),
  // --- Record numbers and insurance of a patient (OpenEMR patient_data / insurance_data, OMOP PERSON) ---
  'pubpid': k('varchar', ['medical'], (r) => String(r.int(1000, 99999))),
  'person-source-value': k('varchar', ['medical'], (r) => cl.uuid(r)),
  'insurance-rank': k('varchar', [], (r) => r.weighted([['primary', 70], ['secondary', 25], ['tertiary', 5]] as const)),
  'plan-name': k('varchar', [], (r) => r.pick(['Gold PPO', 'Silver HMO', 'Medicare Advantage', 'Bronze EPO', 'Basic Plan'])),
  'group-number': k('varchar', [], (r) => `G${r.digits(5)}`),
  'relationship': k('varchar', [], (r) => r.weighted([['self', 70], ['spouse', 20], ['child', 10]] as const)),
} satisfies Record<string, Kind>;

export type KindName = keyof typeof KINDS;
