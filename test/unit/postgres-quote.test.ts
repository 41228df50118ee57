import { describe, expect, it } from 'vitest';
import { quoteIdent, quoteLiteral, quoteQualified, sqlInt } from '../../connectors/postgres/postgres-quote.js';

const HOSTILE = [
  'plain',
  'has "quotes"',
  '"',
  '""',
  'with space',
  'semi;colon',
  'x; DROP TABLE t; --',
  '-- comment',
  'naïve_ünïcødé_名前',
  'select',
  'a'.repeat(63),
  'tab\tand\nnewline',
  'back\\slash',
];

describe('quoteIdent', () => {
  it.each(HOSTILE)('wraps %j in double quotes and doubles every inner quote', (name) => {
    const q = quoteIdent(name);
    expect(q.startsWith('"') && q.endsWith('"')).toBe(true);
    const inner = q.slice(1, -1);
    // Undoubling gives the name back, and no lone quote remains that could close the identifier early.
    expect(inner.replace(/""/g, '"')).toBe(name);
    expect(inner.replace(/""/g, '')).not.toContain('"');
  });

  it('rejects NUL, which PostgreSQL names cannot hold', () => {
    expect(() => quoteIdent('a\0b')).toThrow(/NUL/);
  });

  it('qualifies schema and table separately', () => {
    expect(quoteQualified('s"x', 't.y')).toBe('"s""x"."t.y"');
  });
});

describe('quoteLiteral', () => {
  it('escapes quotes and backslashes in an E-string', () => {
    expect(quoteLiteral("it's")).toBe("E'it''s'");
    expect(quoteLiteral('\\d{3}')).toBe("E'\\\\d{3}'");
    expect(quoteLiteral("'; DROP TABLE x; --")).toBe("E'''; DROP TABLE x; --'");
  });
});

describe('sqlInt', () => {
  it('accepts non-negative integers only', () => {
    expect(sqlInt(1000)).toBe('1000');
    expect(() => sqlInt(-1)).toThrow();
    expect(() => sqlInt(1.5)).toThrow();
    expect(() => sqlInt(Number.NaN)).toThrow();
  });
});
