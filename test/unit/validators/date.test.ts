import { describe, expect, it } from 'vitest';
import { parseDateLike } from '../../../src/validators/index.js';

const day = (year: number, month: number, d: number, hasTime = false, timeIsMidnight = false) => ({
  year,
  month,
  day: d,
  hasTime,
  timeIsMidnight,
});

describe('parseDateLike', () => {
  it.each([
    ['1984-03-05', day(1984, 3, 5)],
    ['1984-3-5', day(1984, 3, 5)],
    ['1984/03/05', day(1984, 3, 5)],
    ['03/05/1984', day(1984, 3, 5)], // US order: March 5
    ['3/5/1984', day(1984, 3, 5)],
    ['12/31/1999', day(1999, 12, 31)],
    ['19840305', day(1984, 3, 5)],
    ['05-Mar-1984', day(1984, 3, 5)],
    ['31-DEC-2001', day(2001, 12, 31)],
    ['2000-02-29', day(2000, 2, 29)],
  ])('reads the date-only form %j', (raw, expected) => {
    expect(parseDateLike(raw)).toEqual(expected);
  });

  it.each([
    ['1984-03-05 00:00:00', true],
    ['1984-03-05 00:00', true],
    ['1984-03-05T00:00:00Z', true],
    ['1984-03-05T00:00:00.000Z', true],
    ['1984-03-05 00:00:00+00', true],
    ['1984-03-05 00:00:00.000000-05:00', true],
    ['1984-03-05T00:00:00 +0100', true],
    ['3/5/1984 12:00:00 AM', true],
    ['3/5/1984 12:00:00 PM', false],
    ['1984-03-05 13:45:10', false],
    ['1984-03-05T00:00:01Z', false],
    ['1984-03-05 00:00:00.001', false],
    ['2021-06-30 08:15:00-04', false],
  ])('reads the timestamp %j (midnight: %s)', (raw, isMidnight) => {
    const parsed = parseDateLike(raw);
    expect(parsed).not.toBeNull();
    expect(parsed!.hasTime).toBe(true);
    expect(parsed!.timeIsMidnight).toBe(isMidnight);
  });

  it('keeps the calendar day of a timestamp', () => {
    expect(parseDateLike('2021-06-30T23:59:59.999+14:00')).toEqual(day(2021, 6, 30, true, false));
  });

  it.each([
    '1985-02-29',
    '2023-02-30',
    '1984-06-31',
    '1984-13-01',
    '1984-00-01',
    '1984-01-00',
    '19840230',
    '18491231', // YYYYMMDD outside 1850-2100: an order number, not a date
    '21010101',
    '123456789',
    '02/30/1984',
    '13/01/1984',
    '1/32/1984',
    '1/5/84', // two-digit years are ambiguous
    '05-Mrz-1984',
    '1984-03-05T24:00:00',
    '1984-03-05 10:60',
    '1984-03-05 10',
    '1984-03-05 13:00:00 PM',
    '1984-03-05 00:00:00+15',
    '1984-03-05 00:00:00Z junk',
    '3/5/1984T00:00:00', // `T` belongs to the ISO form only
    '1984.03.05',
    'yesterday',
  ])('rejects %j', (raw) => {
    expect(parseDateLike(raw)).toBeNull();
  });

  it('returns fresh objects (callers may keep them)', () => {
    const a = parseDateLike('1984-03-05');
    const b = parseDateLike('2001-12-31 10:00');
    expect(a).toEqual(day(1984, 3, 5));
    expect(b).toEqual(day(2001, 12, 31, true, false));
  });
});
