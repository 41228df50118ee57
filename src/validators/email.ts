import { endOf, isAlpha, isDigit, startOf } from './chars.js';
import type { Validator } from './validator.js';

// RFC 5322 atext specials allowed in an unquoted local part: ! # $ % & ' * + / = ? ^ _ ` { | } ~ -
const ATEXT = new Uint8Array(128);
for (const ch of "!#$%&'*+/=?^_`{|}~-") ATEXT[ch.charCodeAt(0)] = 1;

function isLocalChar(c: number): boolean {
  return isAlpha(c) || isDigit(c) || c >= 128 || (c < 128 && ATEXT[c] === 1);
}

function isLabelChar(c: number): boolean {
  return isAlpha(c) || isDigit(c) || c === 45 || c >= 128;
}

/** True when raw[from, to) is a top-level domain: letters (2+), or an `xn--` IDN label. */
function isTld(raw: string, from: number, to: number): boolean {
  if (to - from < 2) return false;
  if (
    to - from > 4 &&
    (raw.charCodeAt(from) | 32) === 120 &&
    (raw.charCodeAt(from + 1) | 32) === 110 &&
    raw.charCodeAt(from + 2) === 45 &&
    raw.charCodeAt(from + 3) === 45
  ) {
    return true; // label characters were checked by the caller
  }
  for (let i = from; i < to; i++) {
    const c = raw.charCodeAt(i);
    if (!isAlpha(c) && c < 128) return false;
  }
  return true;
}

/** Email address, pragmatic RFC 5321/5322: dot-atom local part ≤64, host of ≥2 LDH labels ≤63 each, ≤253 total, alphabetic TLD ≥2. */
export const email: Validator = (raw) => {
  const start = startOf(raw);
  const end = endOf(raw, start);
  if (end - start > 254) return 0;
  // Local part: dot-atom, no leading, trailing or doubled dots.
  let i = start;
  let prev = 46;
  for (; i < end; i++) {
    const c = raw.charCodeAt(i);
    if (c === 64) break;
    if (c === 46) {
      if (prev === 46) return 0;
    } else if (!isLocalChar(c)) {
      return 0;
    }
    prev = c;
  }
  const at = i;
  if (at === end || at === start || at - start > 64 || prev === 46) return 0;
  // Domain: LDH labels separated by single dots, none starting or ending with a hyphen.
  const domainStart = at + 1;
  if (end - domainStart > 253) return 0;
  let labelStart = domainStart;
  let labels = 0;
  for (i = domainStart; i <= end; i++) {
    const c = i < end ? raw.charCodeAt(i) : 46;
    if (c !== 46) {
      if (!isLabelChar(c)) return 0;
      continue;
    }
    const len = i - labelStart;
    if (len < 1 || len > 63) return 0;
    if (raw.charCodeAt(labelStart) === 45 || raw.charCodeAt(i - 1) === 45) return 0;
    labels++;
    if (i === end) break;
    labelStart = i + 1;
  }
  if (labels < 2 || !isTld(raw, labelStart, end)) return 0;
  return 1;
};
