import { endOf, startOf } from './chars.js';
import { WEAK, type Validator } from './validator.js';

/**
 * Parses a dotted quad at raw[from, to): four decimal octets 0-255 without leading zeros.
 * Returns the address as an unsigned 32-bit number, or -1.
 */
export function parseIpv4(raw: string, from: number, to: number): number {
  let value = 0;
  let octets = 0;
  let i = from;
  while (i < to) {
    let v = 0;
    let len = 0;
    const first = i;
    for (; i < to; i++) {
      const c = raw.charCodeAt(i);
      if (c < 48 || c > 57) break;
      if (++len > 3) return -1;
      v = v * 10 + (c - 48);
    }
    if (len === 0 || v > 255) return -1;
    if (len > 1 && raw.charCodeAt(first) === 48) return -1; // 01, 001: octal-looking, rejected
    value = value * 256 + v;
    octets++;
    if (i === to) break;
    if (raw.charCodeAt(i) !== 46 || octets === 4) return -1;
    i++;
    if (i === to) return -1;
  }
  return octets === 4 ? value : -1;
}

/** IPv4 dotted quad, octets 0-255 without leading zeros (RFC 791, inet_pton rules); 0.0.0.0 and 255.255.255.255 weak. */
export const ipv4: Validator = (raw) => {
  const start = startOf(raw);
  const value = parseIpv4(raw, start, endOf(raw, start));
  if (value < 0) return 0;
  return value === 0 || value === 0xffffffff ? WEAK : 1;
};
