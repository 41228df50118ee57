/**
 * Vocabulary for the held-out corpus, written for it (not shared with the development corpus's
 * lists): given names and surnames, US places, and public clinical code systems' codes with their
 * display text (SNOMED CT, RxNorm, CVX, LOINC, ICD-10-CM, OMOP standard concept ids). Codes and
 * display names are facts of those public vocabularies; no application's sample rows are copied.
 */

export const FEMALE_NAMES = [
  'Abigail', 'Adriana', 'Alejandra', 'Alicia', 'Amara', 'Anita', 'Beatriz', 'Bernadette', 'Brianna', 'Caitlin',
  'Camila', 'Carmen', 'Chloe', 'Claudia', 'Colleen', 'Dana', 'Delia', 'Diane', 'Eileen', 'Elena',
  'Esperanza', 'Faith', 'Gloria', 'Hannah', 'Harriet', 'Ines', 'Irene', 'Jacqueline', 'Janelle', 'Joan',
  'Josephine', 'Kathleen', 'Latoya', 'Lorraine', 'Lucia', 'Mabel', 'Marisol', 'Maureen', 'Naomi', 'Nicole',
  'Noor', 'Olivia', 'Paulette', 'Rachel', 'Renee', 'Rosalind', 'Shanice', 'Tamara', 'Theresa', 'Valerie',
  'Vanessa', 'Wanda', 'Yolanda', 'Yasmin', 'Zainab', 'Priyanka', 'Thuy', 'Mei-Ling', 'Ngozi', 'Svetlana',
];
export const MALE_NAMES = [
  'Aaron', 'Abdul', 'Alberto', 'Alvin', 'Andre', 'Arturo', 'Barry', 'Bernard', 'Bradley', 'Calvin',
  'Cedric', 'Clarence', 'Craig', 'Curtis', 'Darnell', 'Derek', 'Desmond', 'Dwayne', 'Eduardo', 'Elliot',
  'Emmanuel', 'Ernesto', 'Felix', 'Floyd', 'Gordon', 'Grant', 'Hector', 'Howard', 'Ivan', 'Jerome',
  'Jorge', 'Julian', 'Keith', 'Lamar', 'Leonard', 'Lionel', 'Malcolm', 'Marcus', 'Martin', 'Nathaniel',
  'Neil', 'Oscar', 'Patrick', 'Ramon', 'Reginald', 'Rodney', 'Roland', 'Russell', 'Samuel', 'Terrence',
  'Trevor', 'Vernon', 'Victor', 'Wendell', 'Xavier', 'Arjun', 'Kwame', 'Tuan', 'Sergei', 'Yusuf',
];
export const SURNAMES = [
  'Alvarez', 'Armstrong', 'Bailey', 'Banks', 'Becker', 'Bishop', 'Boyd', 'Bradford', 'Burke', 'Caldwell',
  'Castillo', 'Chambers', 'Chavez', 'Cole', 'Crawford', 'Cruz', 'Daniels', 'Delgado', 'Dixon', 'Duncan',
  'Dunn', 'Ellis', 'Estrada', 'Ferguson', 'Fleming', 'Fowler', 'Gibson', 'Gordon', 'Graham', 'Grant',
  'Gutierrez', 'Hansen', 'Hawkins', 'Holland', 'Hopkins', 'Hudson', 'Hunt', 'Jacobs', 'Jensen', 'Keller',
  'Lambert', 'Lawson', 'Lynch', 'Mendoza', 'Meyer', 'Montgomery', 'Morales', 'Murray', 'Navarro', 'Newman',
  'Obi', 'Olson', 'Ortega', 'Palmer', 'Pearson', 'Pham', 'Porter', 'Quinn', 'Ramos', 'Reyes',
  'Riley', 'Romero', 'Salazar', 'Schultz', 'Shaw', 'Silva', 'Simmons', 'Snyder', 'Soto', 'Spencer',
  'Stevens', 'Sullivan', 'Tran', 'Tucker', 'Vargas', 'Vasquez', 'Wagner', 'Warren', 'Webb', 'Weber',
  'Wheeler', 'Whitaker', 'Yang', 'Zimmerman', 'Adeyemi', 'Bhattacharya', 'Kowalczyk', "O'Donnell", 'MacLeod', 'Nowak',
];

/** [city, state, ZIP3, county, lat, lon, area code] */
export const PLACES: ReadonlyArray<readonly [string, string, string, string, number, number, string]> = [
  ['Boston', 'MA', '021', 'Suffolk County', 42.36, -71.06, '617'], ['Worcester', 'MA', '016', 'Worcester County', 42.26, -71.8, '508'],
  ['Springfield', 'MA', '011', 'Hampden County', 42.1, -72.59, '413'], ['Lowell', 'MA', '018', 'Middlesex County', 42.63, -71.32, '978'],
  ['Cambridge', 'MA', '021', 'Middlesex County', 42.37, -71.11, '617'], ['Providence', 'RI', '029', 'Providence County', 41.82, -71.41, '401'],
  ['Hartford', 'CT', '061', 'Hartford County', 41.76, -72.67, '860'], ['Albany', 'NY', '122', 'Albany County', 42.65, -73.76, '518'],
  ['Columbus', 'OH', '432', 'Franklin County', 39.96, -83.0, '614'], ['Dayton', 'OH', '454', 'Montgomery County', 39.76, -84.19, '937'],
  ['Madison', 'WI', '537', 'Dane County', 43.07, -89.4, '608'], ['Minneapolis', 'MN', '554', 'Hennepin County', 44.98, -93.27, '612'],
  ['Sacramento', 'CA', '958', 'Sacramento County', 38.58, -121.49, '916'], ['Fresno', 'CA', '937', 'Fresno County', 36.74, -119.79, '559'],
  ['Austin', 'TX', '787', 'Travis County', 30.27, -97.74, '512'], ['El Paso', 'TX', '799', 'El Paso County', 31.76, -106.49, '915'],
  ['Tucson', 'AZ', '857', 'Pima County', 32.22, -110.97, '520'], ['Raleigh', 'NC', '276', 'Wake County', 35.78, -78.64, '919'],
  ['Richmond', 'VA', '232', 'Richmond City', 37.54, -77.44, '804'], ['Louisville', 'KY', '402', 'Jefferson County', 38.25, -85.76, '502'],
];

export const STREET_NAMES = [
  'Beacon', 'Chestnut', 'Willow', 'Sycamore', 'Magnolia', 'Juniper', 'Hawthorne', 'Birch', 'Poplar', 'Dogwood',
  'Franklin', 'Adams', 'Madison', 'Monroe', 'Jackson', 'Highland', 'Lakeview', 'Riverside', 'Hillcrest', 'Park',
  'Spring', 'Mill', 'Church', 'School', 'Union', 'Market', 'Center', 'Pleasant', 'Prospect', 'Summer',
];
export const STREET_TYPES = ['St', 'Street', 'Ave', 'Avenue', 'Rd', 'Road', 'Dr', 'Lane', 'Ct', 'Way', 'Blvd', 'Pl'];
export const MAIL_DOMAINS = ['gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'aol.com', 'icloud.com', 'msn.com', 'live.com', 'verizon.net', 'protonmail.com'];
export const UK_AREAS = ['SW', 'SE', 'N', 'NW', 'E', 'W', 'B', 'M', 'LS', 'BS', 'CB', 'OX', 'EH', 'G', 'CF', 'NE', 'L', 'S'];

/** SNOMED CT findings/disorders: [concept id, description with semantic tag]. */
export const SNOMED_CONDITIONS: ReadonlyArray<readonly [string, string]> = [
  ['44054006', 'Diabetes mellitus type 2 (disorder)'], ['38341003', 'Hypertensive disorder, systemic arterial (disorder)'],
  ['195662009', 'Acute viral pharyngitis (disorder)'], ['10509002', 'Acute bronchitis (disorder)'],
  ['444814009', 'Viral sinusitis (disorder)'], ['15777000', 'Prediabetes (finding)'], ['162864005', 'Body mass index 30+ - obesity (finding)'],
  ['55822004', 'Hyperlipidemia (disorder)'], ['195967001', 'Asthma (disorder)'], ['13645005', 'Chronic obstructive lung disease (disorder)'],
  ['49436004', 'Atrial fibrillation (disorder)'], ['53741008', 'Coronary arteriosclerosis (disorder)'], ['22298006', 'Myocardial infarction (disorder)'],
  ['230690007', 'Cerebrovascular accident (disorder)'], ['26929004', "Alzheimer's disease (disorder)"], ['35489007', 'Depressive disorder (disorder)'],
  ['197480006', 'Anxiety disorder (disorder)'], ['36971009', 'Sinusitis (disorder)'], ['68496003', 'Polyp of colon (disorder)'],
  ['254837009', 'Malignant neoplasm of breast (disorder)'], ['126906006', 'Neoplasm of prostate (disorder)'], ['431855005', 'Chronic kidney disease stage 1 (disorder)'],
  ['72892002', 'Normal pregnancy (finding)'], ['19169002', 'Miscarriage in first trimester (disorder)'], ['239873007', 'Osteoarthritis of knee (disorder)'],
  ['65363002', 'Otitis media (disorder)'], ['43878008', 'Streptococcal sore throat (disorder)'], ['840539006', 'Disease caused by severe acute respiratory syndrome coronavirus 2 (disorder)'],
  ['233604007', 'Pneumonia (disorder)'], ['40055000', 'Chronic sinusitis (disorder)'], ['62106007', 'Concussion with no loss of consciousness (disorder)'],
  ['283371005', 'Laceration of forearm (disorder)'], ['271737000', 'Anemia (disorder)'], ['424132000', 'Non-small cell carcinoma of lung, TNM stage 1 (disorder)'],
  ['6072007', 'Bleeding from anus (disorder)'], ['24079001', 'Atopic dermatitis (disorder)'], ['87433001', 'Pulmonary emphysema (disorder)'],
  ['5602001', 'Opioid abuse (disorder)'], ['7200002', 'Alcoholism (disorder)'], ['449868002', 'Smokes tobacco daily (finding)'],
];
export const SNOMED_PROCEDURES: ReadonlyArray<readonly [string, string]> = [
  ['430193006', 'Medication reconciliation (procedure)'], ['710824005', 'Assessment of health and social care needs (procedure)'],
  ['454711000124102', 'Depression screening (procedure)'], ['171207006', 'Depression screening (procedure)'], ['428191000124101', 'Documentation of current medications (procedure)'],
  ['73761001', 'Colonoscopy (procedure)'], ['76601001', 'Intramuscular injection (procedure)'], ['117015009', 'Throat culture (procedure)'],
  ['399208008', 'Plain chest X-ray (procedure)'], ['29303009', 'Electrocardiographic procedure (procedure)'], ['80146002', 'Appendectomy (procedure)'],
  ['609588000', 'Total knee replacement (procedure)'], ['65575008', 'Biopsy of prostate (procedure)'], ['387607004', 'Construction of diverting colostomy (procedure)'],
  ['11466000', 'Cesarean section (procedure)'], ['236974004', 'Instrumental delivery (procedure)'], ['173160006', 'Diagnostic fiberoptic bronchoscopy (procedure)'],
  ['183450002', 'Admission to burn unit (procedure)'], ['268556000', 'Urine screening for protein (procedure)'], ['698314001', 'Consultation for treatment (procedure)'],
];
/** RxNorm clinical drugs: [RXCUI, name]. */
export const RXNORM: ReadonlyArray<readonly [string, string]> = [
  ['860975', '24 HR Metformin hydrochloride 500 MG Extended Release Oral Tablet'], ['314076', 'lisinopril 10 MG Oral Tablet'],
  ['197361', 'Amlodipine 5 MG Oral Tablet'], ['259255', 'Atorvastatin 80 MG Oral Tablet'], ['310965', 'Ibuprofen 200 MG Oral Tablet'],
  ['313782', 'Acetaminophen 325 MG Oral Tablet'], ['834060', 'Penicillin V Potassium 250 MG Oral Tablet'], ['308182', 'Amoxicillin 250 MG Oral Capsule'],
  ['895994', '120 ACTUAT Fluticasone propionate 0.044 MG/ACTUAT Metered Dose Inhaler'], ['745679', '200 ACTUAT Albuterol 0.09 MG/ACTUAT Metered Dose Inhaler'],
  ['106892', 'insulin isophane, human 70 UNT/ML / insulin, regular, human 30 UNT/ML Injectable Suspension [Humulin]'], ['1049221', 'Acetaminophen 325 MG / Oxycodone Hydrochloride 5 MG Oral Tablet'],
  ['309362', 'Clopidogrel 75 MG Oral Tablet'], ['855332', 'Warfarin Sodium 5 MG Oral Tablet'], ['312961', 'Simvastatin 20 MG Oral Tablet'],
  ['866924', 'Metoprolol Tartrate 25 MG Oral Tablet'], ['198405', 'Ibuprofen 100 MG Oral Tablet'], ['1000126', '1 ML medroxyprogesterone acetate 150 MG/ML Injection'],
  ['748856', 'Yaz 28 Day Pack'], ['1736854', 'Cefaclor 250 MG Oral Capsule'], ['205923', '1 ML Epoetin Alfa 4000 UNT/ML Injection [Epogen]'],
  ['575020', 'Alendronic acid 10 MG Oral Tablet'], ['1719286', '10 ML Furosemide 10 MG/ML Injection'], ['567645', 'Sertraline 100 MG Oral Tablet'],
];
export const DRUG_NAMES = [
  'metformin', 'lisinopril', 'amlodipine', 'atorvastatin', 'simvastatin', 'omeprazole', 'levothyroxine', 'albuterol', 'gabapentin', 'hydrochlorothiazide',
  'losartan', 'sertraline', 'fluoxetine', 'citalopram', 'trazodone', 'prednisone', 'amoxicillin', 'azithromycin', 'ciprofloxacin', 'doxycycline',
  'warfarin', 'clopidogrel', 'apixaban', 'insulin glargine', 'furosemide', 'spironolactone', 'carvedilol', 'tamsulosin', 'montelukast', 'cetirizine',
];
/** CVX vaccine codes: [code, short description]. */
export const CVX: ReadonlyArray<readonly [string, string]> = [
  ['140', 'Influenza, seasonal, injectable, preservative free'], ['08', 'Hep B, adolescent or pediatric'], ['133', 'Pneumococcal conjugate PCV 13'],
  ['115', 'Tdap'], ['62', 'HPV, quadrivalent'], ['208', 'SARS-COV-2 (COVID-19) vaccine, mRNA, spike protein, LNP, preservative free, 30 mcg/0.3mL dose'],
  ['03', 'MMR'], ['21', 'varicella'], ['20', 'DTaP'], ['10', 'IPV'], ['49', 'Hib (PRP-OMP)'], ['83', 'Hep A, ped/adol, 2 dose'],
  ['114', 'meningococcal MCV4P'], ['121', 'zoster live'], ['33', 'pneumococcal polysaccharide vaccine, 23 valent'], ['113', 'Td (adult) preservative free'],
];
/** LOINC observations: [code, display, unit, min, max]. */
export const LOINC_OBS: ReadonlyArray<readonly [string, string, string, number, number]> = [
  ['8302-2', 'Body Height', 'cm', 50, 195], ['29463-7', 'Body Weight', 'kg', 3, 140], ['39156-5', 'Body Mass Index', 'kg/m2', 15, 45],
  ['8867-4', 'Heart rate', '/min', 50, 120], ['9279-1', 'Respiratory rate', '/min', 10, 24], ['8480-6', 'Systolic Blood Pressure', 'mm[Hg]', 95, 180],
  ['8462-4', 'Diastolic Blood Pressure', 'mm[Hg]', 55, 110], ['2339-0', 'Glucose', 'mg/dL', 65, 250], ['4548-4', 'Hemoglobin A1c/Hemoglobin.total in Blood', '%', 4.5, 11],
  ['2093-3', 'Cholesterol [Mass/volume] in Serum or Plasma', 'mg/dL', 120, 300], ['2571-8', 'Triglycerides', 'mg/dL', 50, 400],
  ['18262-6', 'Low Density Lipoprotein Cholesterol', 'mg/dL', 50, 220], ['2085-9', 'High Density Lipoprotein Cholesterol', 'mg/dL', 25, 90],
  ['38483-4', 'Creatinine', 'mg/dL', 0.5, 2.5], ['72514-3', 'Pain severity - 0-10 verbal numeric rating [Score] - Reported', '{score}', 0, 10],
  ['718-7', 'Hemoglobin [Mass/volume] in Blood', 'g/dL', 9, 18], ['6690-2', 'Leukocytes [#/volume] in Blood by Automated count', '10*3/uL', 3, 14],
  ['72166-2', 'Tobacco smoking status', '', 0, 0], ['59576-9', 'Body mass index (BMI) [Percentile] Per age and sex', '%', 1, 99],
];
/** ICD-10-CM: [code, description]. */
export const ICD10: ReadonlyArray<readonly [string, string]> = [
  ['E11.9', 'Type 2 diabetes mellitus without complications'], ['I10', 'Essential (primary) hypertension'], ['J06.9', 'Acute upper respiratory infection, unspecified'],
  ['J20.9', 'Acute bronchitis, unspecified'], ['E78.5', 'Hyperlipidemia, unspecified'], ['J45.909', 'Unspecified asthma, uncomplicated'],
  ['F32.9', 'Major depressive disorder, single episode, unspecified'], ['F41.1', 'Generalized anxiety disorder'], ['M54.50', 'Low back pain, unspecified'],
  ['K21.9', 'Gastro-esophageal reflux disease without esophagitis'], ['N39.0', 'Urinary tract infection, site not specified'], ['I48.91', 'Unspecified atrial fibrillation'],
  ['J44.9', 'Chronic obstructive pulmonary disease, unspecified'], ['E66.9', 'Obesity, unspecified'], ['Z00.00', 'Encounter for general adult medical examination without abnormal findings'],
  ['R51.9', 'Headache, unspecified'], ['H66.90', 'Otitis media, unspecified, unspecified ear'], ['L30.9', 'Dermatitis, unspecified'],
  ['S93.401A', 'Sprain of unspecified ligament of right ankle, initial encounter'], ['O80', 'Encounter for full-term uncomplicated delivery'],
];
export const ALLERGENS = [
  'Penicillin V', 'Sulfamethoxazole', 'Peanut (substance)', 'Tree nut (substance)', 'Shellfish (substance)', 'Latex (substance)',
  'House dust mite (organism)', 'Grass pollen (substance)', 'Cat dander (substance)', 'Aspirin', 'Codeine', 'Egg protein (substance)', 'Bee venom (substance)',
];
export const REACTIONS = ['Hives', 'Rash', 'Anaphylaxis', 'Wheezing', 'Nausea', 'Angioedema', 'Itching', 'Swelling of lips', 'Diarrhea', 'Dizziness'];

/** OMOP standard concepts by domain: [concept_id, name]. */
export const OMOP_CONDITIONS: ReadonlyArray<readonly [number, string]> = [
  [201826, 'Type 2 diabetes mellitus'], [320128, 'Essential hypertension'], [255573, 'Chronic obstructive lung disease'], [317009, 'Asthma'],
  [4329847, 'Myocardial infarction'], [313217, 'Atrial fibrillation'], [440383, 'Depressive disorder'], [441542, 'Anxiety'],
  [432867, 'Hyperlipidemia'], [433736, 'Obesity'], [260139, 'Acute bronchitis'], [257012, 'Chronic sinusitis'], [80180, 'Osteoarthritis'],
  [4112343, 'Acute viral pharyngitis'], [40481087, 'Viral sinusitis'], [372924, 'Cerebral artery occlusion'], [378419, "Alzheimer's disease"],
];
export const OMOP_DRUGS: ReadonlyArray<readonly [number, string]> = [
  [1503297, 'metformin'], [1308216, 'lisinopril'], [1332418, 'amlodipine'], [1545958, 'atorvastatin'], [1177480, 'ibuprofen'],
  [1125315, 'acetaminophen'], [1713332, 'amoxicillin'], [1154343, 'albuterol'], [1310149, 'warfarin'], [1322184, 'clopidogrel'],
  [739138, 'sertraline'], [19078106, 'insulin isophane'], [40213154, 'influenza vaccine'], [40163924, 'hepatitis B vaccine'],
];
export const OMOP_MEASUREMENTS: ReadonlyArray<readonly [number, string]> = [
  [3036277, 'Body height'], [3025315, 'Body weight'], [3038553, 'Body mass index'], [3027018, 'Heart rate'], [3004249, 'Systolic blood pressure'],
  [3012888, 'Diastolic blood pressure'], [3004410, 'Hemoglobin A1c'], [3027114, 'Cholesterol'], [3022192, 'Triglyceride'], [3000963, 'Hemoglobin'],
];
export const OMOP_PROCEDURES: ReadonlyArray<readonly [number, string]> = [
  [4202451, 'Colonoscopy'], [4163872, 'Plain chest X-ray'], [4230911, 'Electrocardiographic procedure'], [4198190, 'Appendectomy'],
  [4203672, 'Total knee replacement'], [4015701, 'Cesarean section'], [4058899, 'Medication reconciliation'],
];
export const OMOP_OBSERVATIONS: ReadonlyArray<readonly [number, string]> = [
  [4275495, 'Tobacco smoking status'], [4058286, 'Alcohol intake'], [4214956, 'History of clinical finding in subject'], [4167217, 'Family history of clinical finding'],
  [43054909, 'Tobacco smoking status NHIS'], [4219336, 'Allergy to substance'],
];

/** Generic product, film, music and company vocabulary for the commerce apps. */
export const FILM_WORDS = ['ACADEMY', 'ACE', 'ADAPTATION', 'AFFAIR', 'AFRICAN', 'AGENT', 'AIRPLANE', 'ALADDIN', 'ALAMO', 'ALONE', 'AMADEUS', 'AMERICAN', 'ANGELS', 'ANNIE', 'APACHE', 'ARABIA', 'ARMAGEDDON', 'ATLANTIS', 'BABY', 'BACKLASH', 'BALLOON', 'BANGER', 'BEAST', 'BIRDS', 'BLADE', 'BLANKET', 'BOULEVARD', 'BRIDE', 'CANDLES', 'CHAMBER', 'CIRCUS', 'CLONES', 'CONFIDENTIAL', 'DINOSAUR', 'DRAGON', 'EGG', 'FIDELITY', 'GOLDFINGER', 'HUNTER', 'IDENTITY'];
export const PRODUCT_NAMES = ['Chai', 'Chang', 'Aniseed Syrup', "Chef Anton's Cajun Seasoning", "Grandma's Boysenberry Spread", 'Queso Cabrales', 'Konbu', 'Tofu', 'Pavlova', 'Alice Mutton', 'Carnarvon Tigers', 'Teatime Chocolate Biscuits', 'Sir Rodney\'s Marmalade', 'Gustaf\'s Knäckebröd', 'Tunnbröd', 'Guaraná Fantástica', 'NuNuCa Nuß-Nougat-Creme', 'Gumbär Gummibärchen', 'Schoggi Schokolade', 'Rössle Sauerkraut'];
export const COMPANY_NAMES = ['Alfreds Futterkiste', 'Ana Trujillo Emparedados', 'Around the Horn', 'Berglunds snabbköp', 'Blauer See Delikatessen', 'Bólido Comidas preparadas', 'Bon app\'', 'Cactus Comidas para llevar', 'Consolidated Holdings', 'Eastern Connection', 'Ernst Handel', 'Folk och fä HB', 'Frankenversand', 'Great Lakes Food Market', 'Hungry Coyote Import Store', 'Island Trading', 'Lazy K Kountry Store', 'Old World Delicatessen', 'Rattlesnake Canyon Grocery', 'Save-a-lot Markets'];
export const TRACK_WORDS = ['Love', 'Night', 'Fire', 'Heart', 'Rain', 'Dream', 'Road', 'Soul', 'Blue', 'Sky', 'Dance', 'Home', 'Gold', 'Heaven', 'Shadow', 'Thunder', 'River', 'Summer', 'Midnight', 'Train', 'Highway', 'Angel', 'Rock', 'Stone', 'Wind'];
export const GENRES = ['Rock', 'Jazz', 'Metal', 'Alternative & Punk', 'Rock And Roll', 'Blues', 'Latin', 'Reggae', 'Pop', 'Soundtrack', 'Bossa Nova', 'Easy Listening', 'Heavy Metal', 'R&B/Soul', 'Electronica/Dance', 'World', 'Hip Hop/Rap', 'Science Fiction', 'TV Shows', 'Sci Fi & Fantasy', 'Drama', 'Comedy', 'Alternative', 'Classical', 'Opera'];
export const COUNTRY_NAMES = ['United States', 'Canada', 'Germany', 'France', 'United Kingdom', 'Brazil', 'Mexico', 'Spain', 'Italy', 'Sweden', 'Norway', 'Denmark', 'Portugal', 'Argentina', 'Chile', 'India', 'Australia', 'Japan', 'Poland', 'Netherlands'];
export const WORLD_CITIES = ['Berlin', 'México D.F.', 'London', 'Luleå', 'Mannheim', 'Strasbourg', 'Madrid', 'Marseille', 'Tsawassen', 'Buenos Aires', 'Bern', 'São Paulo', 'Aachen', 'Nantes', 'Graz', 'Lyon', 'Reims', 'Stuttgart', 'Oulu', 'Resende', 'Seattle', 'Helsinki', 'Torino', 'Lisboa', 'Barcelona', 'Sevilla', 'Campinas', 'Eugene', 'Caracas', 'Kirkland'];
