/**
 * Joined sample columns (connectors/joined-values.ts): the check against the server's counts and
 * the split. How the classification pool packs them: classify-pack.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { joinedFits, joinedSample, NULL_MARK, splitJoined, VALUE_SEPARATOR } from '../../connectors/joined-values.js';

const join = (values: ReadonlyArray<string | null>) => values.map((v) => (v === null ? NULL_MARK : v)).join(VALUE_SEPARATOR);

describe('joined values', () => {
  const values = ['123-45-6789', null, '', ' ', 'naïve 😀', null, 'x'];
  const text = join(values);

  it('splits back into exactly the values, NULLs and empty strings kept apart', () => {
    expect(joinedFits(text, values.length, 5)).toBe(true);
    expect(splitJoined(text, values.length)).toEqual(values);
  });

  it('one value, one empty value, one NULL, and no rows at all', () => {
    expect(joinedFits('a', 1, 1) && splitJoined('a', 1)).toEqual(['a']);
    expect(joinedFits('', 1, 1) && splitJoined('', 1)).toEqual(['']);
    expect(joinedFits(NULL_MARK, 1, 0) && splitJoined(NULL_MARK, 1)).toEqual([null]);
    expect(joinedFits(null, 0, 0)).toBe(true);
    expect(splitJoined(null, 0)).toEqual([]);
  });

  it('refuses a text a value with the separator in it has made longer, or a value equal to the NULL mark', () => {
    // The server counted 3 rows; one value held the separator, so the text has 4 pieces.
    expect(joinedFits(join(['a', `b${VALUE_SEPARATOR}c`, 'd']), 3, 3)).toBe(false);
    // The server counted 2 non-NULL of 3; a value equal to the mark makes it look like 1.
    expect(joinedFits(join(['a', NULL_MARK, null]), 3, 2)).toBe(false);
    // Fewer pieces than rows, a text for rows that are not there, no text for rows that are.
    expect(joinedFits('a', 2, 2)).toBe(false);
    expect(joinedFits('a', 0, 0)).toBe(false);
    expect(joinedFits(null, 2, 0)).toBe(false);
  });

  it('a joined sample splits on first read of values and keeps the texts', () => {
    const s = joinedSample(2, [join(['a', null]), join(['b', 'c'])], 'full', 2);
    expect(s.joined).toEqual(['a\x01\x02', 'b\x01c']);
    expect(s.values).toEqual([['a', null], ['b', 'c']]);
    expect(s.values).toBe(s.values);
    expect(Object.isFrozen(s) && Object.isFrozen(s.values) && Object.isFrozen(s.values[0])).toBe(true);
  });
});
