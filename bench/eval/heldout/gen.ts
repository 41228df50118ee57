/**
 * The held-out corpus's column DSL and value generators. Every application file (apps/*.ts) lists
 * its real tables and columns as `col(name, type, generator, label)`; the label is written by hand
 * next to the column, by the column's purpose (docs/eval-labelling.md), before minim ever ran on it.
 *
 * Values are generated here with the project's seeded PRNG from each column's documented meaning;
 * no row of any application's published sample data is copied.
 */
import type { Rng } from '../random.js';
import type { Category } from '../corpus.js';
import type { SqlType, Value } from '../kinds.js';
import { abaCheckDigit, luhnCheckDigit } from '../checks.js';
import * as V from './vocab.js';

export type Label = Category | '' | readonly Category[];

/** Per-row state: a row's person, address and dates agree across its columns. */
export class Row {
  private memo = new Map<string, unknown>();
  constructor(readonly r: Rng, readonly index: number) {}
  once<T>(key: string, make: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, make());
    return this.memo.get(key) as T;
  }
  /** The row's person (a second, independent person under another key: `p('guardian')`). */
  p(key = 'person'): Person {
    return this.once(key, () => person(this.r));
  }
}

export type Gen = (r: Rng, row: Row) => Value;

export interface HeldoutColumn {
  name: string;
  type: SqlType;
  gen: Gen;
  labels: readonly Category[];
}
export interface HeldoutTable {
  name: string;
  rows: number;
  columns: readonly HeldoutColumn[];
}
export interface HeldoutApp {
  /** Schema (PostgreSQL) / database suffix (MariaDB) the app is loaded into. */
  name: string;
  title: string;
  domain: 'health' | 'hr/payroll' | 'crm/case management' | 'civic/311' | 'commerce/finance';
  /** The published schema read to write these tables. */
  source: string;
  /** How the rows are made. */
  rows: string;
  tables: readonly HeldoutTable[];
}

export function col(name: string, type: SqlType, gen: Gen, label: Label = ''): HeldoutColumn {
  const labels = label === '' ? [] : typeof label === 'string' ? [label as Category] : [...(label as readonly Category[])];
  return { name, type, gen, labels };
}
export const table = (name: string, rows: number, ...columns: HeldoutColumn[]): HeldoutTable => ({ name, rows, columns });

// ---------------------------------------------------------------- generic generators

export const pk: Gen = (_r, row) => row.index + 1;
export const fk = (max: number, nulls = 0): Gen => (r) => (nulls && r.chance(nulls) ? null : r.int(1, max));
export const pick = <T extends Value>(items: readonly T[]): Gen => (r) => r.pick(items);
export const weighted = <T extends Value>(items: ReadonlyArray<readonly [T, number]>): Gen => (r) => r.weighted(items);
export const int = (min: number, max: number): Gen => (r) => r.int(min, max);
export const num = (min: number, max: number, dp = 2): Gen => (r) => (min + r.next() * (max - min)).toFixed(dp);
export const bool = (p = 0.5): Gen => (r) => r.chance(p);
export const flag01 = (p = 0.5): Gen => (r) => (r.chance(p) ? 1 : 0);
export const yn = (p = 0.5, yes = 'Y', no = 'N'): Gen => (r) => (r.chance(p) ? yes : no);
export const constant = (v: Value): Gen => () => v;
export const nullable = (p: number, g: Gen): Gen => (r, row) => (r.chance(p) ? null : g(r, row));
export const blankable = (p: number, g: Gen): Gen => (r, row) => (r.chance(p) ? '' : g(r, row));
export const oneOf = (...gens: Gen[]): Gen => (r, row) => r.pick(gens)(r, row);
export const uuid: Gen = (r) => `${r.hex(8)}-${r.hex(4)}-4${r.hex(3)}-${r.pick(['8', '9', 'a', 'b'])}${r.hex(3)}-${r.hex(12)}`;
export const hex = (n: number): Gen => (r) => r.hex(n);
export const digits = (n: number): Gen => (r) => r.digits(n);
export const code = (prefix: string, n: number): Gen => (r) => prefix + r.digits(n);

const DAY = 86_400_000;
export const AS_OF = Date.UTC(2026, 10, 1);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const isoTs = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
/** A date between `from` and `to` days from the corpus's reference date. */
export const date = (from = -5 * 365, to = 0): Gen => (r) => iso(AS_OF + r.int(from, to) * DAY);
export const ts = (from = -5 * 365, to = 0): Gen => (r) => isoTs(AS_OF + r.int(from * 24 * 3600, to * 24 * 3600) * 1000);
/** The row's event date (shared by its start/stop columns). */
export const eventTs = (key = 'event', from = -6 * 365, to = 0): Gen => (r, row) => isoTs(row.once(key, () => AS_OF + r.int(from * 86400, to * 86400) * 1000));
export const eventDate = (key = 'event', from = -6 * 365, to = 0): Gen => (r, row) => iso(row.once(key, () => AS_OF + r.int(from * 86400, to * 86400) * 1000));
export const afterEvent = (key = 'event', maxDays = 30, fmt: 'date' | 'ts' = 'ts'): Gen => (r, row) => {
  const start = row.once(key, () => AS_OF - r.int(0, 6 * 365) * DAY);
  const ms = start + r.int(600, maxDays * 86400) * 1000;
  return fmt === 'date' ? iso(ms) : isoTs(ms);
};
export const money = (min = 1, max = 5000): Gen => (r) => (min + r.next() * (max - min)).toFixed(2);
export const year = (min: number, max: number): Gen => (r) => r.int(min, max);

// ---------------------------------------------------------------- people

export interface Person {
  first: string;
  middle: string;
  last: string;
  sex: 'F' | 'M';
  dobMs: number;
  street: string;
  street2: string;
  city: string;
  state: string;
  zip: string;
  county: string;
  lat: string;
  lon: string;
  areaCode: string;
}

export function person(r: Rng): Person {
  const sex = r.chance(0.5) ? 'F' : 'M';
  const place = r.pick(V.PLACES);
  let age: number;
  do age = r.next() * 92;
  while (age > 70 && r.chance((age - 70) / 30));
  return {
    first: r.pick(sex === 'F' ? V.FEMALE_NAMES : V.MALE_NAMES),
    middle: r.pick(r.chance(0.5) ? V.FEMALE_NAMES : V.MALE_NAMES),
    last: r.pick(V.SURNAMES),
    sex,
    dobMs: AS_OF - Math.round(age * 365.25 * DAY) - r.int(0, 364) * DAY,
    street: `${r.int(1, 9899)} ${r.pick(V.STREET_NAMES)} ${r.pick(V.STREET_TYPES)}`,
    street2: r.pick(['Apt ', 'Unit ', 'Suite ', '#', 'Apt. ']) + r.int(1, 450),
    city: place[0],
    state: place[1],
    zip: place[2] + r.digits(2),
    county: place[3],
    lat: (place[4] + (r.next() - 0.5) * 0.3).toFixed(6),
    lon: (place[5] + (r.next() - 0.5) * 0.3).toFixed(6),
    areaCode: place[6],
  };
}

const asciiLower = (s: string) => s.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();

export const first = (key = 'person'): Gen => (_r, row) => row.p(key).first;
export const middle = (key = 'person'): Gen => (_r, row) => row.p(key).middle;
export const middleInitial = (key = 'person'): Gen => (_r, row) => row.p(key).middle[0]!;
export const last = (key = 'person'): Gen => (_r, row) => row.p(key).last;
export const fullName = (key = 'person', style: 'fl' | 'lf' | 'mixed' = 'fl'): Gen => (r, row) => {
  const p = row.p(key);
  const s = style === 'mixed' ? r.pick(['fl', 'fl', 'lf'] as const) : style;
  return s === 'fl' ? `${p.first} ${p.last}` : `${p.last}, ${p.first}`;
};
export const sex = (key = 'person', f: Value = 'F', m: Value = 'M'): Gen => (_r, row) => (row.p(key).sex === 'F' ? f : m);
export const dob = (key = 'person', fmt: 'date' | 'ts' | 'us' = 'date'): Gen => (_r, row) => {
  const ms = row.p(key).dobMs;
  if (fmt === 'ts') return isoTs(ms);
  if (fmt === 'us') {
    const d = new Date(ms);
    return `${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}/${d.getUTCFullYear()}`;
  }
  return iso(ms);
};
/** A birth date of an adult (employees, staff): ages 18-70. */
export const adultDob: Gen = (r, row) => iso(row.once('adultDob', () => AS_OF - Math.round((18 + r.next() * 52) * 365.25 * DAY) - r.int(0, 364) * DAY));
export const birthYear = (key = 'person'): Gen => (_r, row) => new Date(row.p(key).dobMs).getUTCFullYear();
export const street = (key = 'person'): Gen => (_r, row) => row.p(key).street;
export const street2 = (key = 'person', nulls = 0.7): Gen => (r, row) => (r.chance(nulls) ? null : row.p(key).street2);
export const city = (key = 'person'): Gen => (_r, row) => row.p(key).city;
export const state = (key = 'person'): Gen => (_r, row) => row.p(key).state;
export const zip = (key = 'person'): Gen => (_r, row) => row.p(key).zip;
export const zip4 = (key = 'person'): Gen => (r, row) => (r.chance(0.4) ? `${row.p(key).zip}-${r.digits(4)}` : row.p(key).zip);
export const county = (key = 'person'): Gen => (_r, row) => row.p(key).county;
export const lat = (key = 'person'): Gen => (_r, row) => row.p(key).lat;
export const lon = (key = 'person'): Gen => (_r, row) => row.p(key).lon;
export const fullAddress = (key = 'person'): Gen => (_r, row) => {
  const p = row.p(key);
  return `${p.street}, ${p.city}, ${p.state} ${p.zip}`;
};
export const email = (key = 'person'): Gen => (r, row) => {
  const p = row.p(key);
  const f = asciiLower(p.first);
  const l = asciiLower(p.last);
  const local = r.pick([`${f}.${l}`, `${f[0]}${l}`, `${f}${l}${r.int(1, 99)}`, `${l}${f[0]}`, `${f}_${l}`]);
  return `${local}@${r.pick(V.MAIL_DOMAINS)}`;
};
export const workEmail = (domain: string, key = 'person'): Gen => (_r, row) => {
  const p = row.p(key);
  return `${asciiLower(p.first)}.${asciiLower(p.last)}@${domain}`;
};
export type PhoneFormat = 'paren' | 'dash' | 'dots' | 'plain' | 'e164' | 'mixed';
export function phoneValue(r: Rng, area: string, format: PhoneFormat = 'mixed'): string {
  const exch = `${r.int(2, 9)}${r.digits(2)}`;
  const line = r.digits(4);
  const f = format === 'mixed' ? r.pick(['paren', 'dash', 'dash', 'dots', 'plain', 'e164'] as const) : format;
  if (f === 'paren') return `(${area}) ${exch}-${line}`;
  if (f === 'dash') return `${area}-${exch}-${line}`;
  if (f === 'dots') return `${area}.${exch}.${line}`;
  if (f === 'plain') return `${area}${exch}${line}`;
  return `+1${area}${exch}${line}`;
}
export const phone = (key = 'person', format: PhoneFormat = 'mixed'): Gen => (r, row) => phoneValue(r, row.p(key).areaCode, format);
export const ukPhone: Gen = (r) => r.pick(['07', '01', '02']) + r.digits(3) + ' ' + r.digits(6);
export const ukPostcode: Gen = (r) => `${r.pick(V.UK_AREAS)}${r.int(1, 20)} ${r.int(1, 9)}${r.letters(2)}`;
export const ukMobileE164: Gen = (r) => `+447${r.digits(9)}`;
export const username = (key = 'person'): Gen => (r, row) => {
  const p = row.p(key);
  return r.pick([`${asciiLower(p.first)[0]}${asciiLower(p.last)}`, `${asciiLower(p.first)}.${asciiLower(p.last)}`, `${asciiLower(p.first)}${r.int(1, 99)}`]);
};
export const ipv4: Gen = (r) => r.weighted([
  [`${r.int(11, 223)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`, 6],
  [`10.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`, 2],
  [`192.168.${r.int(0, 255)}.${r.int(1, 254)}`, 2],
] as const);
export const ipv6: Gen = (r) => `2001:db8:${r.hex(4)}:${r.hex(4)}::${r.hex(3)}`;

// ---------------------------------------------------------------- identifiers

/** A valid SSN, dashed or plain. */
export const ssn = (format: 'dashed' | 'plain' | 'mixed' = 'dashed'): Gen => (r) => {
  let area: number;
  do area = r.int(1, 899);
  while (area === 666);
  const a = String(area).padStart(3, '0');
  const g = String(r.int(1, 99)).padStart(2, '0');
  const s = String(r.int(1, 9999)).padStart(4, '0');
  const f = format === 'mixed' ? (r.chance(0.5) ? 'dashed' : 'plain') : format;
  return f === 'plain' ? a + g + s : `${a}-${g}-${s}`;
};
/** Synthea's SSN convention: `999-NN-NNNN` (the 999 area is never issued, so the numbers are fictional). */
export const syntheaSsn: Gen = (r) => `999-${r.int(10, 99)}-${r.digits(4)}`;
export const aba: Gen = (r) => {
  const body = r.pick(['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '21', '22', '26', '31']) + r.digits(6);
  return body + abaCheckDigit(body);
};
export const bankAccount: Gen = (r) => r.digits(r.int(8, 14)).replace(/^0/, String(r.int(1, 9)));
export const iban: Gen = (r) => {
  // A German IBAN: DEkk + 8-digit bank code + 10-digit account; check digits mod 97.
  const bban = r.digits(8) + r.digits(10);
  const numeric = bban + '131400'; // D=13 E=14 00
  let rem = 0;
  for (const ch of numeric) rem = (rem * 10 + Number(ch)) % 97;
  const check = String(98 - rem).padStart(2, '0');
  return `DE${check}${bban}`;
};
export const pan: Gen = (r) => {
  const prefix = r.weighted([['4', 50], [String(r.int(51, 55)), 30], [r.pick(['34', '37']), 10], ['6011', 10]] as const);
  const len = prefix === '34' || prefix === '37' ? 15 : 16;
  const body = prefix + r.digits(len - prefix.length - 1);
  return body + luhnCheckDigit(body);
};
export const maskedPan: Gen = (r) => `XXXX-XXXX-XXXX-${r.digits(4)}`;
export const cardLast4: Gen = (r) => r.digits(4);
export const npi: Gen = (r) => {
  const body = '1' + r.digits(8);
  // NPI check digit: Luhn over "80840" + 9 digits.
  const full = '80840' + body;
  let sum = 0;
  for (let i = 0; i < full.length; i++) {
    let d = Number(full[full.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
};
export const dea: Gen = (r) => r.pick(['A', 'B', 'F', 'M']) + r.letters(1) + r.digits(7);
export const driversLicense: Gen = (r) => r.weighted([
  [`${r.letters(1)}${r.digits(8)}`, 3], // MO, CA style
  [`K${r.digits(8)}`, 1], // KS
  [r.digits(9), 1],
  [`${r.letters(1)}${r.digits(3)}-${r.digits(3)}-${r.digits(2)}-${r.digits(3)}-${r.digits(1)}`, 1], // FL/IL style
] as const);
export const syntheaDrivers: Gen = (r) => `S999${r.digits(5)}`;
export const syntheaPassport: Gen = (r) => `X${r.digits(8)}X`;
export const passport: Gen = (r) => (r.chance(0.7) ? r.digits(9) : r.letters(1) + r.digits(8));
export const ein: Gen = (r) => `${r.pick(['10', '12', '20', '27', '35', '43', '46', '47', '48', '52', '54', '56', '61', '74', '83', '95'])}-${r.digits(7)}`;

// ---------------------------------------------------------------- clinical codes

export const snomedCondition: Gen = (r) => r.pick(V.SNOMED_CONDITIONS)[0];
export const snomedConditionText: Gen = (r) => r.pick(V.SNOMED_CONDITIONS)[1];
export const snomedProcedure: Gen = (r) => r.pick(V.SNOMED_PROCEDURES)[0];
export const snomedProcedureText: Gen = (r) => r.pick(V.SNOMED_PROCEDURES)[1];
export const rxnorm: Gen = (r) => r.pick(V.RXNORM)[0];
export const rxnormText: Gen = (r) => r.pick(V.RXNORM)[1];
export const drugName: Gen = (r) => r.pick(V.DRUG_NAMES);
export const cvx: Gen = (r) => r.pick(V.CVX)[0];
export const cvxText: Gen = (r) => r.pick(V.CVX)[1];
export const loinc: Gen = (r) => r.pick(V.LOINC_OBS)[0];
export const loincText: Gen = (r) => r.pick(V.LOINC_OBS)[1];
export const icd10: Gen = (r) => r.pick(V.ICD10)[0];
export const icd10Text: Gen = (r) => r.pick(V.ICD10)[1];
export const allergen: Gen = (r) => r.pick(V.ALLERGENS);
export const reaction: Gen = (r) => r.pick(V.REACTIONS);
export const omopConcept = (list: ReadonlyArray<readonly [number, string]>): Gen => (r) => r.pick(list)[0];

// ---------------------------------------------------------------- free text

/** What a narrative column may carry besides its base sentences, with the label it gives the column. */
export const PLANT_LABEL = {
  person_name: 'person_name',
  phone: 'phone',
  email: 'email',
  address: 'address',
  medical: 'medical',
  dob: 'dob',
  ssn: 'ssn',
  credit_card: 'credit_card',
} as const satisfies Record<string, Category>;
export type Plant = keyof typeof PLANT_LABEL;

function plantText(r: Rng, kind: Plant): string {
  const p = person(r);
  switch (kind) {
    case 'person_name':
      return r.pick([`Spoke with ${p.first} ${p.last}.`, `${p.first} ${p.last} called back.`, `Per ${p.first} ${p.last}, see above.`, `Contact: ${p.first} ${p.last}.`, `Neighbour ${p.first} ${p.last} also affected.`]);
    case 'phone':
      return r.pick([`Call me on ${phoneValue(r, p.areaCode)}.`, `Best number ${phoneValue(r, p.areaCode)}.`, `tel ${phoneValue(r, p.areaCode)}`]);
    case 'email':
      return r.pick([`Email ${asciiLower(p.first)}.${asciiLower(p.last)}@${r.pick(V.MAIL_DOMAINS)} with updates.`, `Reply to ${asciiLower(p.first)}${r.int(1, 99)}@${r.pick(V.MAIL_DOMAINS)}`]);
    case 'address':
      return r.pick([`Lives at ${p.street}, ${p.city}.`, `Outside ${p.street}.`, `Deliver to ${p.street} ${p.zip}.`]);
    case 'medical':
      return r.pick([`History of ${r.pick(V.SNOMED_CONDITIONS)[1].replace(/ \(.*\)$/, '').toLowerCase()}.`, `Currently taking ${r.pick(V.DRUG_NAMES)}.`, `Patient reports ${r.pick(V.REACTIONS).toLowerCase()} after ${r.pick(V.DRUG_NAMES)}.`]);
    case 'dob':
      return `DOB ${new Date(p.dobMs).toISOString().slice(0, 10)}.`;
    case 'ssn':
      return `SSN ${ssn('dashed')(r, new Row(r, 0))}.`;
    case 'credit_card':
      return `Card ${pan(r, new Row(r, 0))}.`;
  }
}

export interface TextGen {
  gen: Gen;
  labels: readonly Category[];
}

/**
 * A narrative column: base sentences from `base`, and each planted kind in about `rate` of rows.
 * The column's label is the set of kinds planted at a non-zero rate (decided here, not from a run).
 */
export function text(base: readonly string[], plants: Partial<Record<Plant, number>> = {}, nulls = 0): TextGen {
  const entries = Object.entries(plants) as Array<[Plant, number]>;
  const gen: Gen = (r) => {
    if (nulls && r.chance(nulls)) return null;
    let s = r.pick(base);
    if (r.chance(0.35)) s += ' ' + r.pick(base);
    for (const [kind, rate] of entries) if (r.chance(rate)) s = r.chance(0.5) ? `${s} ${plantText(r, kind)}` : `${plantText(r, kind)} ${s}`;
    return s;
  };
  return { gen, labels: entries.filter(([, rate]) => rate > 0).map(([k]) => PLANT_LABEL[k]) };
}
/** A column from a TextGen; its label comes from the plants (plus `extra`). */
export function textCol(name: string, type: SqlType, t: TextGen, extra: readonly Category[] = []): HeldoutColumn {
  return { name, type, gen: t.gen, labels: [...new Set([...t.labels, ...extra])] };
}

/** A JSON document column: `make` builds the object; the value is its JSON text. */
export const json = (make: (r: Rng, row: Row) => unknown): Gen => (r, row) => JSON.stringify(make(r, row));
