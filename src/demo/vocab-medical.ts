/** Medical vocabulary for human services: ICD-10-CM codes with descriptions, medications, case-note phrases. */

/** [ICD-10-CM code, description, plain-language condition for case notes]. */
export const DIAGNOSES: ReadonlyArray<readonly [string, string, string]> = [
  ['E11.9', 'Type 2 diabetes mellitus without complications', 'type 2 diabetes'],
  ['I10', 'Essential (primary) hypertension', 'high blood pressure'],
  ['F32.9', 'Major depressive disorder, single episode, unspecified', 'depression'],
  ['F41.1', 'Generalized anxiety disorder', 'anxiety'],
  ['J45.909', 'Unspecified asthma, uncomplicated', 'asthma'],
  ['E66.9', 'Obesity, unspecified', 'obesity'],
  ['F10.20', 'Alcohol dependence, uncomplicated', 'alcohol use disorder'],
  ['F11.20', 'Opioid dependence, uncomplicated', 'opioid use disorder'],
  ['F17.210', 'Nicotine dependence, cigarettes, uncomplicated', 'nicotine dependence'],
  ['Z59.00', 'Homelessness, unspecified', 'housing instability'],
  ['G40.909', 'Epilepsy, unspecified, not intractable', 'epilepsy'],
  ['F90.0', 'Attention-deficit hyperactivity disorder, predominantly inattentive type', 'ADHD'],
  ['F84.0', 'Autistic disorder', 'autism'],
  ['N18.30', 'Chronic kidney disease, stage 3 unspecified', 'chronic kidney disease'],
  ['I50.9', 'Heart failure, unspecified', 'heart failure'],
  ['E78.5', 'Hyperlipidemia, unspecified', 'high cholesterol'],
  ['F20.9', 'Schizophrenia, unspecified', 'schizophrenia'],
  ['B20', 'Human immunodeficiency virus [HIV] disease', 'HIV'],
  ['O09.90', 'Supervision of high risk pregnancy, unspecified', 'a high-risk pregnancy'],
  ['F31.9', 'Bipolar disorder, unspecified', 'bipolar disorder'],
  ['G30.9', "Alzheimer's disease, unspecified", "Alzheimer's disease"],
  ['F03.90', 'Unspecified dementia without behavioral disturbance', 'dementia'],
  ['K21.9', 'Gastro-esophageal reflux disease without esophagitis', 'acid reflux'],
  ['M54.50', 'Low back pain, unspecified', 'chronic back pain'],
  ['J44.9', 'Chronic obstructive pulmonary disease, unspecified', 'COPD'],
  ['E10.9', 'Type 1 diabetes mellitus without complications', 'type 1 diabetes'],
  ['F43.10', 'Post-traumatic stress disorder, unspecified', 'PTSD'],
  ['C50.919', 'Malignant neoplasm of unspecified site of unspecified female breast', 'breast cancer'],
  ['D57.1', 'Sickle-cell disease without crisis', 'sickle cell disease'],
  ['Z79.4', 'Long term (current) use of insulin', 'insulin-dependent diabetes'],
];

/** Medication name and strength. */
export const MEDICATIONS: readonly string[] = [
  'Metformin 500 mg', 'Lisinopril 10 mg', 'Sertraline 50 mg', 'Albuterol HFA 90 mcg', 'Atorvastatin 20 mg',
  'Insulin glargine 100 units/mL', 'Levothyroxine 75 mcg', 'Amlodipine 5 mg', 'Fluoxetine 20 mg', 'Methylphenidate 18 mg',
  'Risperidone 1 mg', 'Buprenorphine/naloxone 8 mg/2 mg', 'Gabapentin 300 mg', 'Donepezil 10 mg', 'Levetiracetam 500 mg',
  'Omeprazole 20 mg', 'Quetiapine 100 mg', 'Lithium carbonate 300 mg', 'Bupropion XL 150 mg', 'Hydrochlorothiazide 25 mg',
  'Tiotropium 18 mcg', 'Hydroxyurea 500 mg', 'Bictegravir/emtricitabine/tenofovir', 'Prenatal vitamins', 'Naltrexone 50 mg',
  'Prazosin 1 mg', 'Carvedilol 6.25 mg', 'Furosemide 40 mg', 'Escitalopram 10 mg', 'Montelukast 10 mg',
];

/** Case-note sentences that mention a condition; `{c}` is replaced by the condition, `{m}` by a medication. */
export const MEDICAL_NOTE_TEMPLATES: readonly string[] = [
  'Client reports ongoing management of {c}; currently taking {m}.',
  'Home visit completed. Client discussed {c} and missed two clinic appointments.',
  'Referred to Truman Medical for follow-up on {c}.',
  'Caregiver states the child was diagnosed with {c} last spring.',
  'Client requested help with pharmacy copay for {m}.',
  'Client is managing {c} and asked about transportation to dialysis and clinic visits.',
  'Discussed {c} with client; will coordinate with primary care on {m} refills.',
  'Elderly client with {c} needs in-home support twice weekly.',
];

/** Case-note sentences with nothing medical in them. */
export const PLAIN_NOTE_TEMPLATES: readonly string[] = [
  'Client called to reschedule the intake appointment to next Tuesday.',
  'Utility assistance application submitted; awaiting approval.',
  'Provided list of food pantries near the client\'s home.',
  'Client completed the budgeting workshop.',
  'Landlord contacted regarding the rental assistance payment.',
  'Client missed the scheduled appointment; left a voicemail.',
  'Documents received: lease, pay stubs, utility bill.',
  'Client enrolled the children in the summer meals program.',
  'Bus passes issued for the month.',
  'Case reviewed with supervisor; no change to the service plan.',
];
