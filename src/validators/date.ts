import { endOf, startOf } from './chars.js';
import type { Validator } from './validator.js';

/** A calendar date read from text, and whether the text carried a (midnight) time of day. */
export interface DateLike {
  year: number;
  month: number;
  day: number;
  /** True when a time of day followed the date. */
  hasTime: boolean;
  /** True when that time was 00:00:00(.000) or 12:00:00 AM; false when there was no time. */
  timeIsMidnight: boolean;
}

// Scratch state of the last parse: the parser allocates nothing, `parseDateLike` copies it out.
let pos = 0;
let numLen = 0;
let year = 0;
let month = 0;
let day = 0;
let hasTime = false;
let midnight = false;

const MONTHS = 'janfebmaraprmayjunjulaugsepoctnovdec';

/** Reads up to `max` digits at `pos`; sets `numLen` (0 when none). */
function readNum(raw: string, end: number, max: number): number {
  let v = 0;
  numLen = 0;
  while (pos < end && numLen < max) {
    const c = raw.charCodeAt(pos);
    if (c < 48 || c > 57) break;
    v = v * 10 + (c - 48);
    numLen++;
    pos++;
  }
  return v;
}

/** Reads a 3-letter English month abbreviation (any case) at `pos`: 1-12, or 0. */
function readMonthName(raw: string, end: number): number {
  if (end - pos < 3) return 0;
  const a = raw.charCodeAt(pos) | 32;
  const b = raw.charCodeAt(pos + 1) | 32;
  const c = raw.charCodeAt(pos + 2) | 32;
  for (let m = 0; m < 12; m++) {
    if (MONTHS.charCodeAt(m * 3) === a && MONTHS.charCodeAt(m * 3 + 1) === b && MONTHS.charCodeAt(m * 3 + 2) === c) {
      pos += 3;
      return m + 1;
    }
  }
  return 0;
}

/** Days in `m` of `y`, proleptic Gregorian calendar. */
function daysIn(y: number, m: number): number {
  if (m === 2) return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function setDate(y: number, m: number, d: number): boolean {
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return false;
  year = y;
  month = m;
  day = d;
  return true;
}

let pm = false;

/** True when "AM"/"PM" (any case) starts at `at`; sets `pm`. */
function isMeridiem(raw: string, at: number, end: number): boolean {
  if (end - at < 2) return false;
  const a = raw.charCodeAt(at) | 32;
  if ((a !== 97 && a !== 112) || (raw.charCodeAt(at + 1) | 32) !== 109) return false;
  pm = a === 112;
  return true;
}

/**
 * Reads what may follow a date: nothing, or ` `/`T` then `HH:MM[:SS[.fff]]`, an optional
 * ` AM`/` PM`, and an optional zone (`Z`, `±HH`, `±HH:MM`, `±HHMM`, with or without a space).
 */
function readTimeTail(raw: string, end: number, allowT: boolean): boolean {
  hasTime = false;
  midnight = false;
  if (pos === end) return true;
  const sep = raw.charCodeAt(pos);
  if (sep !== 32 && !(allowT && (sep === 84 || sep === 116))) return false;
  pos++;
  const h = readNum(raw, end, 2);
  if (numLen === 0 || raw.charCodeAt(pos) !== 58) return false;
  pos++;
  const min = readNum(raw, end, 2);
  if (numLen !== 2 || min > 59) return false;
  let sec = 0;
  let fracZero = true;
  if (pos < end && raw.charCodeAt(pos) === 58) {
    pos++;
    sec = readNum(raw, end, 2);
    if (numLen !== 2 || sec > 60) return false;
    const dot = raw.charCodeAt(pos);
    if (pos < end && (dot === 46 || dot === 44)) {
      pos++;
      const fracStart = pos;
      while (pos < end) {
        const c = raw.charCodeAt(pos);
        if (c < 48 || c > 57) break;
        if (c !== 48) fracZero = false;
        pos++;
      }
      if (pos === fracStart || pos - fracStart > 9) return false;
    }
  }
  let meridiem = false;
  if (pos < end && raw.charCodeAt(pos) === 32 && isMeridiem(raw, pos + 1, end)) {
    meridiem = true;
    pos += 3;
  } else if (isMeridiem(raw, pos, end)) {
    meridiem = true;
    pos += 2;
  }
  if (meridiem ? h < 1 || h > 12 : h > 23) return false;
  if (!readZone(raw, end)) return false;
  hasTime = true;
  midnight = (meridiem ? h === 12 && !pm : h === 0) && min === 0 && sec === 0 && fracZero;
  return true;
}

/** Reads an optional UTC offset at `pos` through `end`. */
function readZone(raw: string, end: number): boolean {
  if (pos === end) return true;
  let c = raw.charCodeAt(pos);
  if (c === 32 && pos + 1 < end) c = raw.charCodeAt(++pos);
  if (c === 90 || c === 122) return ++pos === end; // Z
  if (c !== 43 && c !== 45) return false;
  pos++;
  const h = readNum(raw, end, 2);
  if (numLen !== 2 || h > 14) return false;
  if (pos === end) return true;
  if (raw.charCodeAt(pos) === 58) pos++;
  const m = readNum(raw, end, 2);
  return numLen === 2 && m <= 59 && pos === end;
}

/** Parses the date forms minim meets in columns and text; true and scratch state set, or false. */
function parse(raw: string): boolean {
  const start = startOf(raw);
  const end = endOf(raw, start);
  pos = start;
  const first = readNum(raw, end, 8);
  const firstLen = numLen;
  if (firstLen === 8) {
    // YYYYMMDD: only plausible years, else any 8-digit number would read as a date.
    if (pos !== end) return false;
    const y = Math.floor(first / 10000);
    if (y < 1850 || y > 2100) return false;
    hasTime = false;
    midnight = false;
    return setDate(y, Math.floor(first / 100) % 100, first % 100);
  }
  if (pos === end) return false;
  const sep = raw.charCodeAt(pos);
  if (firstLen === 4) {
    // YYYY-MM-DD[( |T)time], YYYY/MM/DD[ time]
    if (sep !== 45 && sep !== 47) return false;
    pos++;
    const m = readNum(raw, end, 2);
    if (numLen === 0 || raw.charCodeAt(pos) !== sep) return false;
    pos++;
    const d = readNum(raw, end, 2);
    if (numLen === 0 || !setDate(first, m, d)) return false;
    return readTimeTail(raw, end, sep === 45);
  }
  if (firstLen === 1 || firstLen === 2) {
    pos++;
    let m: number;
    let d: number;
    if (sep === 47) {
      // M/D/YYYY, MM/DD/YYYY (US order)
      m = first;
      d = readNum(raw, end, 2);
      if (numLen === 0) return false;
    } else if (sep === 45) {
      // DD-Mon-YYYY
      d = first;
      m = readMonthName(raw, end);
      if (m === 0) return false;
    } else {
      return false;
    }
    if (raw.charCodeAt(pos) !== sep) return false;
    pos++;
    const y = readNum(raw, end, 4);
    if (numLen !== 4 || !setDate(y, m, d)) return false;
    return readTimeTail(raw, end, false);
  }
  return false;
}

/**
 * Reads YYYY-MM-DD (with optional ` `/`T` time and zone), YYYY/MM/DD, MM/DD/YYYY, M/D/YYYY,
 * YYYYMMDD (years 1850-2100) and DD-Mon-YYYY; null for other text and impossible dates.
 */
export function parseDateLike(raw: string): DateLike | null {
  if (!parse(raw)) return null;
  return { year, month, day, hasTime, timeIsMidnight: midnight };
}

/** Calendar date: one of the forms of `parseDateLike`, naming a day that exists (Gregorian leap rules). */
export const date: Validator = (raw) => (parse(raw) ? 1 : 0);
