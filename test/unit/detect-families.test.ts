/**
 * Detection families on tables written here in the naming habits of real application
 * schemas (an EHR's vitals, prescriptions and immunizations; a clinical warehouse's coded rows;
 * CRM and civic tables): each family with columns that must and must not be reported.
 */
import { describe, expect, it } from 'vitest';
import { classifyTable, type ColumnInput } from '../../src/classify/index.js';
import { loadRules } from '../../src/rules/load.js';
import { seededRandom } from '../../src/util/prng.js';

const rules = loadRules();
const NOW = new Date('2026-11-23T00:00:00Z');
const rnd = seededRandom(16);
const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]) => xs[int(0, xs.length - 1)]!;
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const many = <T>(n: number, f: (i: number) => T) => Array.from({ length: n }, (_, i) => f(i));
const date = (y0: number, y1: number) => `${int(y0, y1)}-${pad(int(1, 12), 2)}-${pad(int(1, 28), 2)}`;

type Col = [name: string, typeClass: ColumnInput['typeClass'], gen: (i: number) => string | null];

/** Classifies a table of n rows; returns column → reported categories (and the verdicts). */
function table(name: string, n: number, cols: readonly Col[]) {
  const inputs: ColumnInput[] = cols.map(([c, typeClass, gen]) => ({ name: c, typeClass, values: many(n, gen) }));
  const v = classifyTable(name, inputs, rules, NOW);
  const found = Object.fromEntries(v.columns.map((c) => [c.name, c.findings.map((f) => f.category)]));
  return { found, verdict: v };
}

describe('family 1: tables about a person\'s care', () => {
  it('a vitals table makes weight, pressure, pulse and temperature medical, never ids, dates, users or flags', () => {
    const { found } = table('form_vitals', 300, [
      ['id', 'integer', (i) => String(i + 1)],
      ['pid', 'integer', () => String(int(1, 900))],
      ['date', 'timestamp', () => `${date(2019, 2025)} 10:15:00`],
      ['user', 'text', () => pick(['admin', 'nurse1', 'drlee'])],
      ['weight', 'decimal', () => (int(900, 2600) / 10).toFixed(1)],
      ['bps', 'text', () => String(int(95, 175))],
      ['pulse', 'decimal', () => String(int(50, 110))],
      ['temperature', 'decimal', () => (int(970, 1010) / 10).toFixed(1)],
      ['activity', 'integer', () => pick(['0', '1'])],
    ]);
    for (const c of ['weight', 'bps', 'pulse', 'temperature']) expect(found[c], c).toEqual(['medical']);
    for (const c of ['id', 'pid', 'date', 'user', 'activity']) expect(found[c], c).toEqual([]);
  });

  it('a prescriptions table makes drug, dose, route and interval medical, not the prescriber id', () => {
    const { found } = table('prescriptions', 300, [
      ['id', 'integer', (i) => String(i + 1)],
      ['patient_id', 'integer', () => String(int(1, 900))],
      ['drug', 'text', () => pick(['Lisinopril', 'Metformin', 'Amoxicillin', 'Atorvastatin', 'Albuterol'])],
      ['dosage', 'text', () => pick(['10', '20', '500', '1'])],
      ['route', 'text', () => pick(['PO', 'IM', 'inhale', 'topical'])],
      ['interval', 'text', () => pick(['bid', 'tid', 'qd', 'prn'])],
      ['provider_id', 'integer', () => String(int(1, 40))],
      ['date_added', 'date', () => date(2019, 2025)],
    ]);
    for (const c of ['drug', 'dosage', 'route', 'interval']) expect(found[c], c).toEqual(['medical']);
    for (const c of ['id', 'patient_id', 'provider_id', 'date_added']) expect(found[c], c).toEqual([]);
  });

  it('a catalog of drugs (no person key) and a shipments weight are not medical', () => {
    expect(table('drugs', 200, [
      ['drug_id', 'integer', (i) => String(i + 1)],
      ['name', 'text', () => pick(['Lisinopril', 'Metformin', 'Amoxicillin'])],
      ['form', 'text', () => pick(['tablet', 'capsule'])],
    ]).found.form).toEqual([]);
    expect(table('shipments', 200, [
      ['id', 'integer', (i) => String(i + 1)],
      ['order_id', 'integer', () => String(int(1, 9000))],
      ['weight', 'decimal', () => (int(10, 900) / 10).toFixed(1)],
    ]).found.weight).toEqual([]);
  });
});

describe('family 2: coded clinical data', () => {
  const concepts = ['73211009', '195967001', '38341003', '22298006', '44054006', '4812104', '91827007'];
  it('a column of SNOMED CT concept ids is medical', () => {
    expect(table('t', 300, [['col_3', 'text', () => pick(concepts)]]).found.col_3).toEqual(['medical']);
  });
  it('clinical descriptions with SNOMED semantic tags are medical', () => {
    const d = ['Acute bronchitis (disorder)', 'Body mass index 30+ - obesity (finding)', 'Medication review due (situation)', 'Screening for drug abuse (procedure)'];
    expect(table('t', 300, [['description', 'text', () => pick(d)]]).found.description).toEqual(['medical']);
  });
  it('NDC codes are medical', () => {
    expect(table('t', 300, [['col_9', 'text', () => `${pad(int(1, 99999), 5)}-${pad(int(1, 999), 3)}-${pad(int(1, 99), 2)}`]]).found.col_9).toEqual(['medical']);
  });
  it('a code column of C1…C1000 (a running number) is not ICD-10', () => {
    expect(table('t', 1000, [['code', 'text', (i) => `C${i + 1}`]]).found.code).toEqual([]);
  });
  it('real ICD-10 codes, repeated across patients and chapters, still are', () => {
    const codes = ['E11.9', 'I10', 'J45.909', 'F32.A', 'M54.50', 'Z00.00', 'K21.9', 'E78.5', 'N39.0', 'R51.9', 'G43.909', 'L40.0', 'H52.4', 'S93.401A', 'O80'];
    expect(table('t', 500, [['code', 'text', () => pick(codes)]]).found.code).toEqual(['medical']);
  });
});

describe('family 3: names as people write them', () => {
  const phone = () => `(${int(201, 989)}) ${int(201, 989)}-${pad(int(0, 9999), 4)}`;
  it.each(['guardianphone', 'phonecell', 'cellphone', 'emergencyphone'])('%s is a phone column', (c) => {
    expect(table('t', 200, [[c, 'text', phone]]).found[c]).toEqual(['phone']);
  });
  it.each(['mothersname', 'guardianname', 'subscriber_mname', 'preferredName', 'maidenname'])('%s is a person-name column', (c) => {
    expect(table('t', 200, [[c, 'text', () => pick(['Maria', 'James', 'Linh', 'Robert', 'Garcia'])]]).found[c]).toEqual(['person_name']);
  });
  it('names with noise: ALL CAPS, LAST, First, numeric suffixes and lists', () => {
    const v = ['GARCIA, MARIA', 'Smith, James 2', 'Maria Garcia; James Smith', 'ROBERT JOHNSON', 'Linda Nguyen2'];
    expect(table('t', 200, [['col_4', 'text', () => pick(v)]]).found.col_4).toEqual(['person_name']);
  });
  it('username, nickname flags and lesson stay clean', () => {
    const { found } = table('t', 100, [
      ['username', 'text', (i) => `user${i}`],
      ['lesson', 'text', () => pick(['Algebra', 'Reading'])],
    ]);
    expect(found).toEqual({ username: [], lesson: [] });
  });
});

describe('family 4: address components', () => {
  it('city, postal code, county and street line 2 are address findings', () => {
    const { found } = table('customers', 200, [
      ['billingpostalcode', 'text', () => pad(int(10000, 99999), 5)],
      ['city', 'text', () => pick(['Denver', 'Aurora', 'Boulder'])],
      ['county', 'text', () => pick(['Adams', 'Arapahoe', 'Jefferson'])],
      ['address2', 'text', () => pick(['Apt 4', 'Suite 200', null])],
      ['city_id', 'integer', () => String(int(1, 50))],
    ]);
    expect(found).toEqual({ billingpostalcode: ['address'], city: ['address'], county: ['address'], address2: ['address'], city_id: [] });
  });
  it('ZIP+4 values are an address component, never SSNs', () => {
    const { verdict } = table('t', 300, [['zip_plus4', 'text', () => `${int(10000, 99999)}${pad(int(1, 9999), 4)}`]]);
    expect(verdict.columns[0]!.findings.map((f) => f.category)).toEqual(['address']);
    expect(verdict.columns[0]!.candidates.map((f) => f.category)).not.toContain('ssn');
  });
});

describe('family 5: free text with a little PII', () => {
  const filler = ['Pothole reported on Lincoln Rd near Grand Blvd.', 'Streetlight out at Jefferson and Main.', 'Graffiti on the underpass wall.', 'Trash missed again this week.'];
  it('notes where a few rows name a caller report person_name with row counts', () => {
    const named = ['Caller Maria Garcia says the pothole is back.', 'Spoke with Linh Nguyen about the missed pickup.', 'Per Mrs. Okafor the dog is loose again.'];
    const { verdict } = table('service_requests', 600, [['notes', 'text', (i) => (i % 50 === 3 ? named[i % 3]! : filler[i % 4]!)]]);
    const f = verdict.columns[0]!.findings.find((x) => x.category === 'person_name');
    expect(f).toBeDefined();
    const ev = f!.evidence.find((e) => e.rule === 'person-name-in-text')!;
    expect(ev.rows).toBe(12);
    expect(ev.withContext).toBeGreaterThanOrEqual(1);
  });
  it('street names, firms and prose without people are not names', () => {
    const firms = ['Charles Peterson Photography invoice paid.', 'Grant Park fountain repaired.', 'Work at Lincoln Elementary finished.'];
    expect(table('t', 600, [['notes', 'text', (i) => (i % 10 === 0 ? firms[i % 3]! : filler[i % 4]!)]]).found.notes).toEqual([]);
  });
});

describe('family 6: JSON and XML values', () => {
  const ssns = ['728-02-0014', '536-22-1234', '412-55-9081', '212-55-9081', '601-44-1209'];
  it('{"ssn": …} in every row is an SSN finding with the path in the evidence', () => {
    const { verdict } = table('t', 200, [['payload', 'json', (i) => JSON.stringify({ ssn: ssns[i % 5], plan: 'gold' })]]);
    const f = verdict.columns[0]!.findings.find((x) => x.category === 'ssn')!;
    expect(f).toBeDefined();
    expect(f.evidence.some((e) => e.source === 'value' && e.path === '$.ssn')).toBe(true);
  });
  it('XML text is looked inside too', () => {
    const { found } = table('t', 200, [['doc', 'text', (i) => `<member><ssn>${ssns[i % 5]}</ssn><plan>gold</plan></member>`]]);
    expect(found.doc).toContain('ssn');
  });
});

describe('family 7: names that contradict the values', () => {
  const ssnLike = () => `${pad(int(1, 665), 3)}${pad(int(1, 99), 2)}${pad(int(1, 9999), 4)}`;
  it.each(['parcel_no', 'badge_no', 'employee_no', 'order_ref'])('%s never becomes an SSN from its values alone, and says why', (c) => {
    const { verdict } = table('t', 500, [[c, 'text', ssnLike]]);
    const col = verdict.columns[0]!;
    expect(col.findings.map((f) => f.category)).not.toContain('ssn');
    const cand = col.candidates.find((f) => f.category === 'ssn');
    expect(cand?.evidence.some((e) => e.source === 'name' && e.contradicts !== undefined)).toBe(true);
  });
  it.each(['term_dt', 'hire_date'])('%s with a population of dates is not a birth date', (c) => {
    expect(table('t', 1000, [[c, 'date', () => date(1940, 2004)]]).found[c]).toEqual([]);
  });
  it('keys and handles that mention a category are not it', () => {
    const { found } = table('t', 200, [
      ['phone_id', 'integer', () => String(int(1, 5000))],
      ['mobile_provider_id', 'integer', () => String(int(1, 9))],
      ['email_verification_token', 'text', () => Math.floor(rnd() * 1e16).toString(36)],
      ['send_notification_emails', 'text', () => pick(['0', '1'])],
      ['preferred_mail_format', 'text', () => pick(['html', 'text'])],
    ]);
    for (const [c, cats] of Object.entries(found)) expect(cats, c).toEqual([]);
  });
  it('a message template with one placeholder address in every row is not an email column', () => {
    expect(table('t', 200, [['body', 'text', (i) => `Dear resident ${i}, reply to help@city.example.gov with questions about your request.`]]).found.body).toEqual([]);
  });
});
