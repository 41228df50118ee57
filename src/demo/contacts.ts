/** People and contact details: names, phones in many formats, emails, street addresses, ZIPs, IPs. */
import { pad } from './identifiers.js';
import type { Rng } from './prng.js';
import { FIRST_NAMES, LAST_NAMES } from './vocab-people.js';
import { AREA_CODES, CITIES, DIRECTIONS, EMAIL_DOMAINS, STREET_NAMES, STREET_SUFFIXES } from './vocab-places.js';

export interface Person {
  readonly first: string;
  readonly last: string;
}

export function person(rng: Rng): Person {
  return { first: rng.pick(FIRST_NAMES), last: rng.pick(LAST_NAMES) };
}

/** `First Last`, sometimes `Last, First` or with a middle initial. */
export function fullName(rng: Rng, p: Person = person(rng)): string {
  const r = rng.next();
  if (r < 0.15) return `${p.last}, ${p.first}`;
  if (r < 0.3) return `${p.first} ${String.fromCharCode(65 + rng.int(0, 25))}. ${p.last}`;
  return `${p.first} ${p.last}`;
}

/** Digits of a NANP number: area code, exchange 200-999 (not N11), line. */
export function phoneDigits(rng: Rng): string {
  let exchange = rng.int(200, 999);
  if (exchange % 100 === 11) exchange += 1;
  return `${rng.pick(AREA_CODES)}${exchange}${pad(rng.int(0, 9999), 4)}`;
}

/** A phone number in one of the formats people type. */
export function phone(rng: Rng): string {
  const d = phoneDigits(rng);
  const [a, e, l] = [d.slice(0, 3), d.slice(3, 6), d.slice(6)];
  return rng.weighted([
    [`(${a}) ${e}-${l}`, 35],
    [`${a}-${e}-${l}`, 35],
    [`${a}.${e}.${l}`, 10],
    [`+1 ${a} ${e} ${l}`, 10],
    [d, 10],
  ]);
}

function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/** A personal email at a reserved example domain. */
export function email(rng: Rng, p: Person = person(rng), domain?: string): string {
  const f = slug(p.first);
  const l = slug(p.last);
  const local = rng.weighted([
    [`${f}.${l}`, 40],
    [`${f[0]}${l}`, 25],
    [`${f}${l}${rng.int(1, 99)}`, 20],
    [`${l}.${f}${rng.int(1960, 2010)}`, 15],
  ]);
  return `${local}@${domain ?? rng.pick(EMAIL_DOMAINS)}`;
}

/** A street line: `4512 N Troost Ave`, sometimes with a unit. */
export function streetLine(rng: Rng): string {
  const base = `${rng.int(100, 12999)} ${rng.pick(DIRECTIONS)}${rng.pick(STREET_NAMES)} ${rng.pick(STREET_SUFFIXES)}`;
  return rng.chance(0.15) ? `${base} ${rng.pick(['Apt', 'Unit', '#'])} ${rng.int(1, 40)}${rng.pick(['', 'A', 'B'])}` : base;
}

/** A street name alone, for 311 locations: `Troost Ave & E 31st St` style is left to callers. */
export function streetName(rng: Rng): string {
  return `${rng.pick(STREET_NAMES)} ${rng.pick(STREET_SUFFIXES)}`;
}

export interface Place {
  readonly city: string;
  readonly state: string;
  readonly zip: string;
}

/** A city, state and 5-digit ZIP. */
export function place(rng: Rng): Place {
  const [city, state, prefix] = rng.pick(CITIES);
  return { city, state, zip: prefix + pad(rng.int(1, 99), 2) };
}

/** ZIP+4: `64106-1234`. */
export function zipPlus4(rng: Rng, zip5: string): string {
  return `${zip5}-${pad(rng.int(1, 9999), 4)}`;
}

/** A public-looking IPv4 address, or (10%) an IPv6 address in the documentation prefix. */
export function ipAddress(rng: Rng): string {
  if (rng.chance(0.1)) {
    const h = () => rng.int(0, 0xffff).toString(16);
    return `2001:db8:${h()}:${h()}::${h()}`;
  }
  let first = rng.int(11, 223);
  if (first === 127 || first === 100 || first === 172 || first === 192) first += 1;
  return `${first}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}
