/**
 * What free-text redaction replaces, per category. Regexes use the subset PostgreSQL (ARE),
 * MySQL 8 (ICU) and MariaDB (PCRE) share: bracket classes and bounded repeats, no backslashes,
 * no look-arounds. SQL Server has no regex replace before 2025: its path is fixed-width LIKE
 * patterns replaced one occurrence per pass with PATINDEX + STUFF (email has no fixed width,
 * so SQL Server cannot redact it; migrate says so and skips that item).
 */
export interface RedactPattern {
  readonly category: string;
  readonly regex: string;
  /** The same pattern where it needs a dialect's word boundary (PostgreSQL `\m…\M`, MySQL/MariaDB `\b`). */
  readonly bounded?: { readonly postgres: string; readonly mysql: string };
  readonly token: string;
  /**
   * SQL Server: LIKE patterns (without the surrounding %) and the width each matches; `bounded`
   * ones must have a non-digit (or the text's edge) on each side.
   */
  readonly like: ReadonlyArray<{ readonly pattern: string; readonly width: number; readonly bounded?: boolean }>;
}

const d = (n: number) => '[0-9]'.repeat(n);

/** Longest first: card numbers before SSNs before phones, so a card is never half-redacted as an SSN. */
export const REDACT_PATTERNS: readonly RedactPattern[] = [
  {
    category: 'credit_card',
    regex: '[0-9]{4}[- ]?[0-9]{4}[- ]?[0-9]{4}[- ]?[0-9]{1,7}',
    token: '[REDACTED-CARD]',
    like: [
      { pattern: `${d(4)}-${d(4)}-${d(4)}-${d(4)}`, width: 19 },
      { pattern: `${d(4)} ${d(4)} ${d(4)} ${d(4)}`, width: 19 },
      { pattern: d(16), width: 16 },
    ],
  },
  {
    category: 'ssn',
    regex: '[0-9]{3}[- ][0-9]{2}[- ][0-9]{4}',
    token: '[REDACTED-SSN]',
    like: [
      { pattern: `${d(3)}-${d(2)}-${d(4)}`, width: 11 },
      { pattern: `${d(3)} ${d(2)} ${d(4)}`, width: 11 },
    ],
  },
  {
    // An SSN typed without separators: a standalone run of exactly nine digits. In a column the
    // scan found SSNs in, any such run is redacted (an order number of nine digits would be too).
    category: 'ssn',
    regex: '',
    bounded: { postgres: '\\m[0-9]{9}\\M', mysql: '\\b[0-9]{9}\\b' },
    token: '[REDACTED-SSN]',
    like: [{ pattern: d(9), width: 9, bounded: true }],
  },
  {
    category: 'phone',
    regex: '[(]?[0-9]{3}[)]?[-. ][0-9]{3}[-. ][0-9]{4}',
    token: '[REDACTED-PHONE]',
    like: [
      { pattern: `(${d(3)}) ${d(3)}-${d(4)}`, width: 14 },
      { pattern: `${d(3)}-${d(3)}-${d(4)}`, width: 12 },
      { pattern: `${d(3)}.${d(3)}.${d(4)}`, width: 12 },
    ],
  },
  {
    category: 'email',
    regex: '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+[.][A-Za-z]{2,}',
    token: '[REDACTED-EMAIL]',
    like: [],
  },
];

/** The patterns for an item's categories, in the order they must run. */
export function patternsFor(categories: readonly string[]): RedactPattern[] {
  return REDACT_PATTERNS.filter((p) => categories.includes(p.category));
}
