/**
 * Synthetic values for the detector benchmark, from a seeded generator (the same values every run):
 * short values of seven kinds (SSN, phone, email, name, code, amount, date) and 500-character
 * lorem-like notes of which about one in ten holds an SSN, a phone number or an email.
 */

/** mulberry32: a small seeded PRNG, so every run classifies the same values. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Ana', 'Ben', 'Chloe', 'Dev', 'Eli', 'Fay', 'Gus', 'Hana', 'Ivan', 'Jo', 'Kemal', 'Lucia', 'Mei', 'Nuno'];
const LAST = ['Diaz', 'Nguyen', 'Smith', 'Okafor', 'Rossi', 'Kim', 'Haas', 'Silva', 'Ito', 'Brown', 'Costa', 'Novak'];
const WORDS =
  'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua caller reported pothole near the library crew scheduled visit resident asked about permit status follow up next week'.split(
    ' ',
  );

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** The kinds of short value, in the order columns rotate through them. */
export const SHORT_KINDS = ['ssn', 'phone', 'email', 'name', 'code', 'amount', 'date'] as const;
export type ShortKind = (typeof SHORT_KINDS)[number];

/** One short value of `kind`. */
export function shortValue(kind: ShortKind, r: () => number): string {
  const int = (n: number) => Math.floor(r() * n);
  switch (kind) {
    case 'ssn':
      return `${pad(1 + int(665), 3)}-${pad(1 + int(99), 2)}-${pad(1 + int(9999), 4)}`;
    case 'phone':
      return `(${200 + int(800)}) ${200 + int(800)}-${pad(int(10000), 4)}`;
    case 'email':
      return `${FIRST[int(FIRST.length)]!.toLowerCase()}.${LAST[int(LAST.length)]!.toLowerCase()}${int(100)}@example.org`;
    case 'name':
      return `${FIRST[int(FIRST.length)]} ${LAST[int(LAST.length)]}`;
    case 'code':
      return `PK-${pad(int(100000), 5)}`;
    case 'amount':
      return (int(10_000_000) / 100).toFixed(2);
    case 'date':
      return `20${pad(10 + int(15), 2)}-${pad(1 + int(12), 2)}-${pad(1 + int(28), 2)}`;
  }
}

/** `columns` columns of `perColumn` values; column i holds values of kind `SHORT_KINDS[i % 7]`. */
export function shortColumns(columns: number, perColumn: number, seed = 1): string[][] {
  const r = rng(seed);
  return Array.from({ length: columns }, (_, i) => {
    const kind = SHORT_KINDS[i % SHORT_KINDS.length]!;
    return Array.from({ length: perColumn }, () => shortValue(kind, r));
  });
}

/** One note of exactly `length` characters; about one in ten embeds an SSN, a phone or an email. */
export function note(r: () => number, length = 500): string {
  const parts: string[] = [];
  let size = 0;
  const pii = r() < 0.1 ? shortValue((['ssn', 'phone', 'email'] as const)[Math.floor(r() * 3)]!, r) : null;
  const at = Math.floor(r() * 40);
  for (let w = 0; size < length; w++) {
    const word = pii !== null && w === at ? pii : WORDS[Math.floor(r() * WORDS.length)]!;
    parts.push(word);
    size += word.length + 1;
  }
  return parts.join(' ').slice(0, length);
}

/** `columns` columns of `perColumn` notes. */
export function noteColumns(columns: number, perColumn: number, seed = 2): string[][] {
  const r = rng(seed);
  return Array.from({ length: columns }, () => Array.from({ length: perColumn }, () => note(r)));
}
