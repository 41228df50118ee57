/**
 * The corpus's departments, tables and columns: a fictional city's systems, written without
 * reference to minim's rules. Each column names a kind (kinds.ts), which fixes its label; free-text
 * columns are labelled by what was actually planted in them.
 */
import type { KindName } from './kinds.js';
import type { PlantRates, TextStyle } from './values-text.js';

export interface TextSpec {
  text: TextStyle;
  rates: PlantRates;
}
export interface ColumnOptions {
  /** Share of rows left NULL. */
  nulls?: number;
}
export type ColumnSpec = readonly [name: string, kind: KindName | TextSpec, options?: ColumnOptions];
export interface TableSpec {
  name: string;
  rows: number;
  columns: readonly ColumnSpec[];
}
export interface DepartmentSpec {
  name: string;
  tables: readonly TableSpec[];
}

const text = (style: TextStyle, rates: PlantRates = {}): TextSpec => ({ text: style, rates });

export const DEPARTMENTS: readonly DepartmentSpec[] = [
  {
    name: 'payroll',
    tables: [
      { name: 'employees', rows: 1500, columns: [
        ['emp_id', 'seq'], ['first_name', 'first-name'], ['last_name', 'last-name'], ['ssn', 'ssn'],
        ['dob_dt', 'dob.adult'], ['hire_date', 'hire-date'], ['dept_name', 'department'], ['job_title', 'job-title'],
        ['email', 'email'], ['home_phone', 'phone', { nulls: 0.1 }], ['zip_code', 'zip'], ['ssn_verified', 'bool'],
        ['salary_amt', 'amount'], ['termination_date', 'event-date', { nulls: 0.8 }],
      ] },
      { name: 'direct_deposit', rows: 1200, columns: [
        ['emp_id', 'seq'], ['routing_no', 'aba'], ['acct_nbr', 'bank-account'], ['account_type', 'account-type'],
        ['acct_status', 'status'], ['effective_dt', 'event-date'], ['pct_allocation', 'percent'], ['bank_name', 'company'],
      ] },
      { name: 'payroll_runs', rows: 2000, columns: [
        ['run_id', 'seq'], ['pay_period_end', 'event-date'], ['gross_amt', 'amount'], ['tax_amount', 'amount'],
        ['net_amt', 'amount'], ['check_number', 'check-number'], ['memo', text('hr'), { nulls: 0.5 }], ['created_at', 'created-at'],
      ] },
      { name: 'TaxForms', rows: 800, columns: [
        ['TaxYear', 'year'], ['EmployeeSSN', 'ssn.plain'], ['EmployerEIN', 'ein'], ['FormType', 'status'],
        ['W4Allowances', 'count'], ['StateCode', 'state'], ['FiledOn', 'event-date'],
      ] },
      { name: 'PERSONNEL_NOTES', rows: 900, columns: [
        ['EMP_ID', 'seq'], ['NOTE_TXT', text('hr', { ssn: 0.02, medical: 0.02 })], ['CREATED_BY', 'username'], ['CREATED_TS', 'created-at'],
      ] },
      { name: 'benefits_enrollment', rows: 1000, columns: [
        ['emp_id', 'seq'], ['plan_code', 'sku'], ['health_plan_id', 'health-plan'], ['dependent_first_nm', 'first-name'],
        ['dependent_dob', 'dob.date'], ['coverage_start', 'event-date'], ['premium_amt', 'amount'], ['has_ssn', 'bool'],
      ] },
    ],
  },
  {
    name: 'health',
    tables: [
      { name: 'patients', rows: 1500, columns: [
        ['mrn', 'mrn'], ['firstName', 'first-name'], ['lastName', 'last-name'], ['birthDate', 'dob.date'], ['sex', 'sex'],
        ['zip', 'zip4'], ['primaryDx', 'icd10'], ['insuranceMemberId', 'health-plan'], ['createdAt', 'created-at'],
      ] },
      { name: 'encounters', rows: 2000, columns: [
        ['patient_id', 'seq'], ['visit_date', 'event-date'], ['dx_codes', 'icd10.list'], ['rx', 'medication', { nulls: 0.3 }],
        ['copay', 'amount'], ['next_appt', 'future-date', { nulls: 0.2 }], ['status', 'status'],
      ] },
      { name: 'lab_results', rows: 1800, columns: [
        ['loinc_cd', 'loinc'], ['result_val', 'percent'], ['units', 'lab-unit'], ['collected_dt', 'event-date'], ['abnormal_flag', 'flag.yn'],
      ] },
      { name: 'case_notes', rows: 1200, columns: [
        ['case_id', 'seq'], ['worker_username', 'username'], ['note_body', text('case', { medical: 0.04, dob: 0.02, phone: 0.02 })],
        ['visit_dt', 'event-date'], ['followup_dt', 'future-date'],
      ] },
      { name: 'clients', rows: 1000, columns: [
        ['client_no', 'id9'], ['cl_nm', 'full-name'], ['cl_dob', 'dob.us'], ['ssn_no', 'ssn.mixed'], ['ssn_hash', 'ssn.sha256'],
        ['preferred_lang', 'language'], ['home_addr', 'street'], ['city', 'city'], ['state', 'state'], ['zip', 'zip'],
        ['phone_type', 'phone-type'], ['cell', 'phone', { nulls: 0.15 }],
      ] },
      // A medication order table in MIMIC-III's documented layout (mimic.mit.edu, PRESCRIPTIONS):
      // the drug, dose, dispensed quantity and route are content; the units, drug type and the
      // record's keys are not (docs/eval-labelling.md, "Medical").
      { name: 'prescriptions', rows: 1500, columns: [
        ['subject_id', 'seq'], ['hadm_id', 'seq'], ['startdate', 'event-date'], ['drug_type', 'drug-type'], ['drug', 'drug-name'],
        ['dose_val_rx', 'dose-value'], ['dose_unit_rx', 'dose-unit'], ['form_val_disp', 'dispense-qty'],
        ['form_unit_disp', 'dispense-unit'], ['route', 'route-code'], ['as_needed', 'flag.blank'],
      ] },
      // Lab observations flattened from FHIR R4 Observation (hl7.org/fhir/observation.html): the LOINC
      // code and the value are content; the unit, method, reference range, status, the request it is
      // based on (a UUID) and the encounter it belongs to are not.
      { name: 'lab_observations', rows: 1200, columns: [
        ['subject_patient_id', 'seq'], ['encounter_id', 'seq'], ['based_on', 'uuid.ref'], ['status', 'status'], ['code_loinc', 'loinc'],
        ['value_quantity', 'lab-value'], ['value_unit', 'lab-unit'], ['method', 'obs-method'], ['reference_range_low', 'ref-range'],
        ['reference_range_high', 'ref-range'], ['effective_at', 'created-at'],
      ] },
      // Immunizations as an immunization information system keeps them (CDC IIS core data elements,
      // HL7 2.5.1 VXU RXA/RXR): vaccine, lot, site and route are content; the manufacturer, the
      // record's UUID and the clerk's login are not; the administering nurse is a person's name.
      { name: 'immunizations', rows: 1000, columns: [
        ['patient_id', 'seq'], ['record_uuid', 'uuid'], ['vaccine_cvx', 'cvx'], ['lot_number', 'vaccine-lot'], ['manufacturer', 'vaccine-mfr'],
        ['administered_at', 'created-at'], ['administered_by', 'full-name'], ['site', 'body-site'], ['route', 'route-code'], ['entered_by', 'username'],
      ] },
      // OMOP CDM v5.4 PERSON (ohdsi.github.io/CommonDataModel/cdm54.html): the birth date in parts;
      // every part is `dob` (eval-labelling.md, "Dates"); gender and the source id are not.
      { name: 'person', rows: 1200, columns: [
        ['person_id', 'seq'], ['gender_concept_id', 'gender-concept'], ['year_of_birth', 'dob.year'], ['month_of_birth', 'dob.month'],
        ['day_of_birth', 'dob.day', { nulls: 0.1 }], ['location_id', 'seq'], ['care_site_id', 'seq'],
      ] },
      // OMOP CDM v5.4 OBSERVATION: an ambiguous table word tied to a person by person_id. The
      // observation's concept, values and source value are content; the record's type, unit,
      // provider and visit keys and its date are not (eval-labelling.md, "Medical").
      { name: 'observation', rows: 1500, columns: [
        ['observation_id', 'seq'], ['person_id', 'seq'], ['observation_concept_id', 'omop-concept'], ['observation_date', 'event-date'],
        ['observation_type_concept_id', 'omop-type-concept'], ['value_as_number', 'lab-value', { nulls: 0.5 }],
        ['value_as_string', 'omop-value-string', { nulls: 0.3 }], ['value_as_concept_id', 'omop-value-concept', { nulls: 0.3 }],
        ['unit_concept_id', 'omop-unit-concept', { nulls: 0.5 }], ['provider_id', 'seq'], ['visit_occurrence_id', 'seq'],
        ['observation_source_value', 'omop-source-value'],
      ] },
      // OMOP CDM v5.4 NOTE: the title says what the care was; type, encoding and language are the
      // record's settings.
      { name: 'note', rows: 900, columns: [
        ['note_id', 'seq'], ['person_id', 'seq'], ['note_date', 'event-date'], ['note_type_concept_id', 'omop-note-type'],
        ['note_title', 'note-title'], ['encoding_concept_id', 'omop-encoding'], ['language_concept_id', 'omop-language'],
        ['provider_id', 'seq'], ['visit_occurrence_id', 'seq'],
      ] },
      // A billing line per code of an encounter, in OpenEMR's documented billing layout: the code,
      // its text and the diagnosis that justifies it say what was treated (medical); the code's
      // type, modifier, units, fee and the keys are not.
      { name: 'billing', rows: 1500, columns: [
        ['date', 'created-at'], ['code_type', 'bill-code-type'], ['code', 'bill-code'], ['pid', 'seq'], ['provider_id', 'seq'],
        ['encounter', 'seq'], ['code_text', 'bill-code-text'], ['billed', 'bool'], ['modifier', 'bill-modifier'], ['units', 'count'],
        ['fee', 'amount'], ['justify', 'bill-justify', { nulls: 0.4 }],
      ] },
      // A patient's problem, allergy and medication list (OpenEMR lists): the record's type is not
      // content; the title, reaction, severity and comments are.
      { name: 'lists', rows: 1200, columns: [
        ['pid', 'seq'], ['type', 'list-type'], ['title', 'condition'], ['begdate', 'event-date'], ['reaction', 'reaction', { nulls: 0.6 }],
        ['severity_al', 'severity', { nulls: 0.6 }], ['comments', 'problem-comment', { nulls: 0.5 }], ['activity', 'bool'], ['user', 'username'],
      ] },
      // Reference catalogs with no person key (OpenEMR's drugs table; an ICD-10 code list): they list
      // drugs and codes that belong to nobody, so every column is clean (eval-labelling.md, "Medical").
      { name: 'drugs', rows: 500, columns: [
        ['drug_id', 'seq'], ['name', 'catalog-drug-name'], ['ndc_number', 'catalog-ndc'], ['route', 'catalog-route'], ['active', 'bool'],
      ] },
      { name: 'icd10_codes', rows: 600, columns: [
        ['code', 'catalog-icd10'], ['short_desc', 'catalog-condition'], ['valid_for_coding', 'bool'],
      ] },
      // OpenEMR's patient_data (its public patient id, shown to staff as the chart number) and
      // insurance_data (the policy number is the health plan's member id): both `medical` by
      // eval-labelling.md ("Identifiers"); the keys, rank, plan, group and relationship are not.
      // person_source is OMOP PERSON's person_source_value: the source system's patient id.
      { name: 'patient_data', rows: 1000, columns: [
        ['pid', 'seq'], ['pubpid', 'pubpid'], ['fname', 'first-name'], ['lname', 'last-name'], ['DOB', 'dob.date'], ['sex', 'sex'],
        ['person_source_value', 'person-source-value'],
      ] },
      { name: 'insurance_data', rows: 1200, columns: [
        ['pid', 'seq'], ['type', 'insurance-rank'], ['provider', 'seq'], ['plan_name', 'plan-name'], ['policy_number', 'health-plan'],
        ['group_number', 'group-number'], ['subscriber_relationship', 'relationship'], ['copay', 'amount'], ['date', 'event-date'],
      ] },
      { name: 'inspections', rows: 600, columns: [
        ['establishment', 'company'], ['health_score', 'score'], ['inspected_on', 'event-date'], ['inspector', 'username'],
        ['violations', text('work')], ['permit_no', 'permit-number'],
      ] },
    ],
  },
  {
    name: 'court',
    tables: [
      { name: 'defendants', rows: 1500, columns: [
        ['full_name', 'full-name'], ['dob', 'dob.date'], ['dl_number', 'dl', { nulls: 0.1 }], ['dl_state', 'dl.state'],
        ['dl_class', 'dl-class'], ['address', 'address.full'], ['phone', 'phone', { nulls: 0.2 }], ['case_no', 'case-number'], ['passport_num', 'passport', { nulls: 0.7 }],
      ] },
      { name: 'citations', rows: 2000, columns: [
        ['citation_no', 'order-number.16'], ['violation_code', 'sku'], ['fine_amt', 'amount'], ['issued_dt', 'event-date'],
        ['court_date', 'future-date'], ['plate_state', 'plate-state'], ['vehicle_color', 'color'], ['officer_badge', 'count'],
      ] },
      { name: 'payments', rows: 1800, columns: [
        ['case_no', 'case-number'], ['paid_amt', 'amount'], ['pay_method', 'pay-method'], ['card_brand', 'card-brand'],
        ['cc_number', 'pan.mixed', { nulls: 0.3 }], ['auth_code', 'sku'], ['paid_at', 'created-at'], ['receipt_no', 'invoice'],
      ] },
      { name: 'court_notes', rows: 1000, columns: [
        ['note', text('court', { dob: 0.03, ssnBare: 0.01, phone: 0.02 })], ['entered_by', 'username'], ['entered_at', 'created-at'],
      ] },
      { name: 'warrants', rows: 500, columns: [
        ['warrant_id', 'uuid'], ['subject_name', 'full-name'], ['subject_dob', 'dob.compact'], ['issued', 'event-date'],
        ['status', 'status'], ['bond_amt', 'amount'],
      ] },
    ],
  },
  {
    name: 'utility',
    tables: [
      { name: 'accounts', rows: 2000, columns: [
        ['utility_acct_no', 'id9'], ['service_address', 'address.full'], ['owner_name', 'full-name'], ['billing_email', 'email', { nulls: 0.25 }],
        ['phone', 'phone'], ['meter_serial', 'sku'], ['rate_class', 'status'], ['opened_on', 'event-date'], ['autopay_flag', 'bool'],
      ] },
      { name: 'autopay', rows: 1200, columns: [
        ['utility_acct_no', 'id9'], ['bank_routing', 'aba'], ['bank_acct', 'bank-account'], ['acct_holder', 'full-name'],
        ['enrolled_on', 'event-date'], ['account_type', 'account-type'],
      ] },
      { name: 'water_quality', rows: 800, columns: [
        ['site_code', 'routing-code'], ['acid_level', 'ph-level'], ['chlorine_ppm', 'percent'], ['sampled_at', 'created-at'], ['lab_tech', 'username'],
      ] },
      { name: 'meter_reads', rows: 2000, columns: [
        ['meter_serial', 'sku'], ['reading', 'quantity'], ['read_dt', 'event-date'], ['reader_device_ip', 'ipv4'],
      ] },
      { name: 'work_orders', rows: 1500, columns: [
        ['wo_number', 'invoice'], ['description', text('work')], ['priority', 'priority'], ['routing_code', 'routing-code'],
        ['crew_lead', 'username'], ['scheduled_for', 'future-date'], ['completed_dt', 'event-date', { nulls: 0.4 }], ['cost', 'amount'],
      ] },
    ],
  },
  {
    name: 'parks',
    tables: [
      { name: 'registrations', rows: 1800, columns: [
        ['participant_first', 'first-name'], ['participant_last', 'last-name'], ['participant_dob', 'dob.date'],
        ['guardian_email', 'email'], ['guardian_phone', 'phone'], ['program_name', 'program'], ['fee', 'amount'],
        ['registered_at', 'created-at'], ['notes', text('parks', { medical: 0.03, phone: 0.01 }), { nulls: 0.3 }],
      ] },
      { name: 'CardPayments', rows: 1200, columns: [
        ['TxnId', 'uuid'], ['CardNumber', 'pan'], ['CardExp', 'card-exp'], ['CardholderName', 'full-name'], ['Amount', 'amount'],
        ['BillingZip', 'zip'], ['TxnDate', 'event-date'],
      ] },
      { name: 'facility_rentals', rows: 700, columns: [
        ['facility', 'facility'], ['renter_name', 'full-name'], ['renter_addr', 'street'], ['event_date', 'future-date'],
        ['deposit_amt', 'amount'], ['has_insurance', 'bool'],
      ] },
      { name: 'volunteers', rows: 500, columns: [
        ['vFirst', 'first-name'], ['vLast', 'last-name'], ['vEmail', 'email'], ['backgroundCheckDt', 'event-date'],
        ['dlNum', 'dl.mo'], ['shirtSize', 'priority'],
      ] },
      { name: 'inscripciones', rows: 900, columns: [
        ['nombre', 'first-name'], ['apellido', 'last-name'], ['fecha_nac', 'dob.date'], ['correo', 'email'], ['telefono', 'phone'],
        ['direccion', 'street'], ['ciudad', 'city'], ['codigo_postal', 'zip'], ['cuota', 'amount'], ['itin', 'itin', { nulls: 0.6 }],
      ] },
    ],
  },
  {
    name: 'call311',
    tables: [
      { name: 'service_requests', rows: 2000, columns: [
        ['sr_number', 'order-number'], ['request_type', 'priority'],
        ['description', text('call311', { ssn: 0.01, ssnBare: 0.01, phone: 0.03, email: 0.02 })],
        ['location_zip', 'zip4'], ['created_at', 'created-at'], ['closed_at', 'created-at', { nulls: 0.3 }], ['channel', 'channel'],
      ] },
      { name: 'callers', rows: 1500, columns: [
        ['caller_name', 'full-name'], ['callback_phone', 'phone'], ['caller_email', 'email', { nulls: 0.4 }],
        ['preferred_lang', 'language'], ['opt_in_sms', 'bool'], ['phone_ext', 'extension'],
      ] },
      { name: 'agent_sessions', rows: 1000, columns: [
        ['session_id', 'uuid'], ['agent_username', 'username'], ['workstation_ip', 'ipv4'], ['softphone_ver', 'version'],
        ['login_at', 'created-at'], ['calls_handled', 'count'],
      ] },
      { name: 'feedback', rows: 800, columns: [
        ['comments', text('call311', { card: 0.02, dob: 0.02, medical: 0.02 })], ['rating', 'count'], ['submitted_at', 'created-at'],
      ] },
    ],
  },
  {
    name: 'it',
    tables: [
      { name: 'access_log', rows: 2000, columns: [
        ['client_ip', 'ip.mixed'], ['user_name', 'username'], ['request_path', 'request-path'], ['status_code', 'http-status'],
        ['bytes', 'quantity'], ['ts', 'created-at'],
      ] },
      { name: 'assets', rows: 600, columns: [
        ['asset_tag', 'sku'], ['hostname', 'hostname'], ['mgmt_ip', 'ipv4'], ['firmware_version', 'version'],
        ['serial_no', 'order-number'], ['purchase_date', 'event-date'], ['owner_dept', 'department'], ['diag_port', 'port'],
      ] },
      { name: 'directory_users', rows: 800, columns: [
        ['sAMAccountName', 'username'], ['displayName', 'full-name'], ['mail', 'email'], ['telephoneNumber', 'phone', { nulls: 0.3 }],
        ['employeeID', 'seq'], ['whenCreated', 'created-at'], ['pwdLastSet', 'created-at'], ['userAccountControl', 'quantity'],
      ] },
      { name: 'file_store', rows: 1000, columns: [
        ['file_id', 'uuid'], ['file_name', 'file-name'], ['mime_type', 'mime'], ['size_bytes', 'quantity'], ['sha256', 'sha256'],
        ['uploaded_by', 'username'], ['uploaded_at', 'created-at'],
      ] },
    ],
  },
  {
    name: 'finance',
    tables: [
      { name: 'vendors', rows: 600, columns: [
        ['vendor_name', 'company'], ['tin', 'tin.mixed'], ['remit_address', 'address.full'], ['contact_name', 'full-name'],
        ['contact_email', 'email'], ['ach_routing', 'aba'], ['ach_account', 'bank-account'], ['w9_on_file', 'bool'],
      ] },
      { name: 'purchase_orders', rows: 1500, columns: [
        ['po_number', 'order-number'], ['vendor_id', 'seq'], ['product_name', 'product'], ['quantity', 'quantity'],
        ['unit_price', 'amount'], ['order_date', 'order-date'], ['expected_date', 'future-date'], ['status', 'status'], ['shipping_zip', 'zip'],
      ] },
      { name: 'invoices', rows: 1500, columns: [
        ['invoice_id', 'invoice'], ['po_number', 'order-number.bigint'], ['amount_due', 'amount'], ['due_date', 'event-date'],
        ['paid_flag', 'flag.yn'], ['tax_rate', 'rate'], ['check_no', 'check-number', { nulls: 0.5 }], ['memo', text('product')],
      ] },
      { name: 'travel_reimb', rows: 600, columns: [
        ['traveler_nm', 'full-name'], ['passport_no', 'passport', { nulls: 0.5 }], ['passport_exp', 'expiry-date', { nulls: 0.5 }],
        ['trip_dest', 'city.trip'], ['depart_dt', 'event-date'], ['ccNum', 'pan'], ['amount', 'amount'],
      ] },
      { name: 'partner_kontakte', rows: 500, columns: [
        ['vorname', 'first-name'], ['nachname', 'last-name'], ['geburtsdatum', 'dob.adult'], ['strasse', 'street'],
        ['plz', 'zip'], ['telefon', 'phone'], ['iban', 'iban'], ['land', 'country'],
      ] },
    ],
  },
  {
    name: 'legacy',
    tables: [
      { name: 'legacy_export', rows: 1500, columns: [
        ['c1', 'seq'], ['c2', 'full-name'], ['c3', 'ssn.plain'], ['c4', 'id9'], ['c5', 'dob.us'], ['c6', 'phone'], ['c7', 'email'],
        ['c8', 'order-number.16'], ['c9', 'pan'], ['c10', 'zip9'], ['c11', 'amount.text'], ['c12', 'event-date.us'], ['c13', 'icd10'],
        ['c14', 'street'], ['c15', 'ipv4'], ['c16', 'status'], ['c17', 'aba'], ['c18', 'iban'], ['c19', 'version'],
        ['c20', text('case', { ssnBare: 0.03, phone: 0.02 })],
      ] },
      { name: 'CUSTMAST', rows: 1200, columns: [
        ['CUST_NO', 'id9'], ['CUST_NM', 'full-name'], ['CUST_EML', 'email'], ['CUST_SSN', 'ssn.bigint'], ['CUST_DOB_YYYYMMDD', 'dob.compact'],
        ['CUST_ADDR1', 'street'], ['CUST_ZIP', 'zip9'], ['CUST_PH', 'phone.digits'], ['CRDT_LMT', 'amount'], ['ACCT_OPN_DT', 'event-date.compact'], ['DRV_LIC', 'dl', { nulls: 0.2 }],
      ] },
      { name: 'tbl_misc', rows: 800, columns: [
        ['field_01', 'ipv6'], ['field_02', 'medication'], ['field_03', 'ein'], ['field_04', 'uuid'], ['field_05', 'percent'],
        ['field_06', 'condition'], ['field_07', 'ssn.mixed'], ['field_08', 'future-date'], ['field_09', 'pan.mixed'],
        ['field_10', 'hire-date'], ['field_11', 'first-name'], ['field_12', 'product'],
      ] },
      { name: 'attrs', rows: 700, columns: [
        ['attr1', 'email'], ['attr2', 'sha256'], ['attr3', 'dob.iso-text'], ['attr4', 'zip4'], ['attr5', 'iban'], ['attr6', 'quantity'],
        ['attr7', 'ipv4'], ['attr8', 'loinc'], ['attr9', 'country'], ['x_val', 'amount'], ['x_ref', 'tracking'], ['x_dt', 'created-at'],
      ] },
      { name: 'imp_2009', rows: 1000, columns: [
        ['fld_a', 'ssn'], ['fld_b', 'dob.date'], ['fld_c', 'order-number.bigint'], ['fld_d', 'md5'], ['fld_e', 'zip'],
        ['fld_f', 'phone'], ['fld_g', 'event-date'], ['fld_h', 'condition'], ['fld_i', 'quantity'], ['fld_j', 'address.full'],
      ] },
    ],
  },
];
