/** Regex → LIKE translation for exact counts on SQL Server, checked against JS regex semantics. */
import { describe, expect, it } from 'vitest';
import { regexToLike } from '../../connectors/mssql/mssql-regex.js';

/** A small LIKE evaluator (%, _, [..], [^..]) to check the translation means what the regex means. */
function like(value: string, pattern: string): boolean {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '%') re += '[\\s\\S]*';
    else if (ch === '_') re += '[\\s\\S]';
    else if (ch === '[') {
      const end = pattern.indexOf(']', i + 2);
      let body = pattern.slice(i + 1, end);
      const neg = body.startsWith('^');
      if (neg) body = body.slice(1);
      re += `[${neg ? '^' : ''}${body.replace(/[\\\]]/g, '\\$&')}]`;
      i = end;
    } else re += ch.replace(/[.*+?^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`).test(value);
}

const VALUES = [
  '123-45-6789', 'SSN 123-45-6789 on file', '123456789', '12-345-6789', 'ann@example.org', 'a_b%c', 'A1', 'a1', '',
  '4111 1111 1111 1111', 'x.y', 'xzy', 'K1234567', 'k1234567', '[x]', '555-1234', '(555) 555-1234',
];

describe('regexToLike', () => {
  const translatable = [
    '^\\d{3}-\\d{2}-\\d{4}$',
    '\\d{3}-\\d{2}-\\d{4}',
    '^[A-Z]\\d{7}$',
    '@example\\.org$',
    'a_b%c',
    '^x.y$',
    '^\\d{9}$|^\\d{3}-\\d{2}-\\d{4}$',
    '^[^0-9]',
    '^\\(?\\d{3}\\)? ?\\d{3}-\\d{4}$',
    '^.*@.+$',
    '\\[x\\]',
    '^\\d{2,3}-',
  ];
  it.each(translatable)('%s matches exactly what the regex matches', (regex) => {
    const patterns = regexToLike(regex);
    expect(patterns).not.toBeNull();
    for (const v of VALUES) {
      expect(patterns!.some((p) => like(v, p)), `${regex} on ${v}`).toBe(new RegExp(regex).test(v));
    }
  });

  it('refuses what LIKE cannot express', () => {
    for (const regex of ['\\b\\d{3}\\b', '(ab)+', '\\d+', 'a*', '[[:digit:]]', '\\D', 'x{1,200}', '\\d{1,9}\\d{1,9}\\d{1,9}']) {
      expect(regexToLike(regex), regex).toBeNull();
    }
  });

  it('escapes LIKE wildcards in literals', () => {
    expect(regexToLike('^a_b%c\\[$')).toEqual(['a[_]b[%]c[[]']);
  });
});
