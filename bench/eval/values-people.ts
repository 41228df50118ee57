/** People and contact data: names, emails, phones, US addresses, birth dates, IP addresses. */
import type { Rng } from './random.js';

export const FIRST_NAMES = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth',
  'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen',
  'Christopher', 'Lisa', 'Daniel', 'Nancy', 'Matthew', 'Betty', 'Anthony', 'Sandra', 'Mark', 'Margaret',
  'Donald', 'Ashley', 'Steven', 'Kimberly', 'Andrew', 'Emily', 'Kenneth', 'Donna', 'Joshua', 'Michelle',
  'Kevin', 'Carol', 'Brian', 'Amanda', 'George', 'Melissa', 'Timothy', 'Deborah', 'Ronald', 'Stephanie',
  'Jose', 'Maria', 'Luis', 'Guadalupe', 'Juan', 'Rosa', 'Carlos', 'Ana', 'Miguel', 'Sofia',
  'Wei', 'Mei', 'Hiroshi', 'Yuki', 'Minh', 'Linh', 'Jin', 'Soo-jin', 'Raj', 'Priya',
  'Mohammed', 'Fatima', 'Ahmed', 'Aisha', 'Omar', 'Layla', 'DeShawn', 'Imani', 'Tyrone', 'Keisha',
  'Olga', 'Dmitri', 'Ingrid', 'Lars', 'Siobhan', 'Declan', 'Francesca', 'Giovanni', 'Zoe', 'Liam',
];

export const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
  'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson',
  'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores',
  'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts',
  'Chen', 'Wang', 'Kim', 'Park', 'Tanaka', 'Patel', 'Shah', 'Khan', 'Ali', 'Okafor',
  "O'Brien", 'McCarthy', 'Kowalski', 'Novak', 'Schmidt', 'Müller', 'Rossi', 'Dubois', 'Ivanov', 'Larsen',
  'Washington', 'Jefferson', 'Brooks', 'Price', 'Bennett', 'Wood', 'Barnes', 'Ross', 'Henderson', 'Coleman',
  'Van der Berg', 'De la Cruz', 'St. John', 'Abernathy', 'Fitzgerald', 'Okonkwo', 'Nakamura', 'Haddad', 'Yilmaz', 'Cohen',
];

/** A person, drawn once per row so that a row's name, email and birth date agree. */
export interface Person {
  first: string;
  last: string;
  middle: string;
}

/** A random person. */
export function person(r: Rng): Person {
  return { first: r.pick(FIRST_NAMES), last: r.pick(LAST_NAMES), middle: r.letters(1) };
}

/** A full name in one of the ways tables store them. */
export function fullName(r: Rng, p: Person): string {
  return r.weighted([
    [`${p.first} ${p.last}`, 6],
    [`${p.last}, ${p.first}`, 2],
    [`${p.first} ${p.middle}. ${p.last}`, 2],
    [`${p.last.toUpperCase()}, ${p.first.toUpperCase()}`, 1],
  ] as const);
}

const DOMAINS = ['gmail.com', 'yahoo.com', 'outlook.com', 'hotmail.com', 'aol.com', 'icloud.com', 'comcast.net', 'kcmo.org', 'proton.me', 'att.net', 'umkc.edu', 'sbcglobal.net'];

/** An email address, usually derived from the person's name. */
export function email(r: Rng, p: Person = person(r)): string {
  const f = ascii(p.first).toLowerCase();
  const l = ascii(p.last).toLowerCase();
  const local = r.weighted([
    [`${f}.${l}`, 4],
    [`${f[0]}${l}`, 3],
    [`${f}${l}${r.int(1, 99)}`, 2],
    [`${f}_${l}`, 1],
    [`${l}.${f}${r.int(60, 99)}`, 1],
  ] as const);
  const e = `${local}@${r.pick(DOMAINS)}`;
  return r.chance(0.05) ? e.toUpperCase() : e;
}

function ascii(s: string): string {
  return s.normalize('NFD').replace(/[^A-Za-z]/g, '');
}

/** A NANP phone number in one of the mixed formats found in real systems. */
export function phone(r: Rng): string {
  const area = `${r.int(2, 9)}${r.int(0, 8)}${r.int(0, 9)}`;
  const exch = `${r.int(2, 9)}${r.digits(2)}`;
  const line = r.digits(4);
  return r.weighted([
    [`(${area}) ${exch}-${line}`, 4],
    [`${area}-${exch}-${line}`, 4],
    [`${area}.${exch}.${line}`, 1],
    [`+1 ${area} ${exch} ${line}`, 1],
    [`${area}${exch}${line}`, 2],
    [`1-${area}-${exch}-${line}`, 1],
  ] as const);
}

const STREETS = ['Main', 'Oak', 'Maple', 'Cedar', 'Elm', 'Washington', 'Lincoln', 'Troost', 'Prospect', 'Broadway', 'Grand', 'Walnut', 'Locust', 'Independence', 'Armour', 'Linwood', 'Gregory', 'Wornall', 'Paseo', 'Ward', 'Holmes', 'Cherry', 'Harrison', 'Jefferson', 'Pennsylvania', 'Summit', '31st', '47th', '63rd', '75th'];
const SUFFIXES = ['St', 'Ave', 'Blvd', 'Rd', 'Dr', 'Ln', 'Ct', 'Pkwy', 'Ter', 'Pl', 'Street', 'Avenue'];
export const CITIES: ReadonlyArray<readonly [string, string, string]> = [
  ['Kansas City', 'MO', '641'], ['Independence', 'MO', '640'], ['Overland Park', 'KS', '662'], ['Olathe', 'KS', '660'],
  ['Lee\'s Summit', 'MO', '640'], ['Raytown', 'MO', '641'], ['Gladstone', 'MO', '641'], ['Liberty', 'MO', '640'],
  ['Denver', 'CO', '802'], ['Aurora', 'CO', '800'], ['St. Louis', 'MO', '631'], ['Springfield', 'MO', '658'],
  ['Wichita', 'KS', '672'], ['Omaha', 'NE', '681'], ['Tulsa', 'OK', '741'], ['Des Moines', 'IA', '503'],
];

/** A street line: `1234 Oak St`, sometimes with a unit. */
export function streetLine(r: Rng): string {
  const base = `${r.int(1, 19999)} ${r.chance(0.2) ? r.pick(['N', 'S', 'E', 'W']) + ' ' : ''}${r.pick(STREETS)} ${r.pick(SUFFIXES)}`;
  return r.chance(0.15) ? `${base} ${r.pick(['Apt', 'Unit', '#', 'Ste'])} ${r.int(1, 40)}${r.chance(0.3) ? r.letters(1) : ''}` : base;
}

/** A city, state and ZIP drawn together. */
export function cityStateZip(r: Rng): { city: string; state: string; zip: string } {
  const [city, state, z3] = r.pick(CITIES);
  return { city, state, zip: z3 + r.digits(2) };
}

/** A full one-line US address. */
export function fullAddress(r: Rng): string {
  const c = cityStateZip(r);
  return `${streetLine(r)}, ${c.city}, ${c.state} ${c.zip}${r.chance(0.2) ? '-' + r.digits(4) : ''}`;
}

/** Reference date of the corpus: everything is generated relative to it, so the corpus is stable. */
export const AS_OF = Date.UTC(2026, 10, 1);
const DAY = 86_400_000;

/** ISO date `YYYY-MM-DD` for a time in ms. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** A birth date as a population's ages spread it: ages minAge..maxAge with fewer of the oldest. */
export function birthDateMs(r: Rng, minAge = 0, maxAge = 95): number {
  let age: number;
  do {
    age = minAge + r.next() * (maxAge - minAge);
  } while (age > 65 && r.chance((age - 65) / 40));
  return AS_OF - Math.round(age * 365.25 * DAY) - r.int(0, 364) * DAY;
}

/** A date printed in a text column's format. */
export function formatDate(ms: number, format: 'iso' | 'us' | 'compact' | 'us-short'): string {
  const d = new Date(ms);
  const y = String(d.getUTCFullYear());
  const m = String(d.getUTCMonth() + 1).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, '0');
  if (format === 'us') return `${m}/${day}/${y}`;
  if (format === 'us-short') return `${Number(m)}/${Number(day)}/${y}`;
  if (format === 'compact') return `${y}${m}${day}`;
  return `${y}-${m}-${day}`;
}

/** An IPv4 address, public or private. */
export function ipv4(r: Rng): string {
  return r.weighted([
    [() => `10.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`, 2],
    [() => `192.168.${r.int(0, 255)}.${r.int(1, 254)}`, 2],
    [() => `172.${r.int(16, 31)}.${r.int(0, 255)}.${r.int(1, 254)}`, 1],
    [() => `${r.int(11, 223)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`, 5],
  ] as const)();
}

/** An IPv6 address, full or compressed. */
export function ipv6(r: Rng): string {
  const groups = Array.from({ length: 8 }, () => r.hex(4).replace(/^0+(?=.)/, ''));
  if (r.chance(0.5)) return `${r.pick(['2600', '2607', '2a02', '2001:4860'])}:${groups.slice(2, 4).join(':')}::${groups[7]}`;
  return groups.join(':');
}
