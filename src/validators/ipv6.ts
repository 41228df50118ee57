import { endOf, startOf } from './chars.js';
import { parseIpv4 } from './ipv4.js';
import { WEAK, type Validator } from './validator.js';

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 32;
  return l >= 97 && l <= 102 ? l - 87 : -1;
}

/**
 * IPv6 text forms (RFC 4291 §2.2): eight 1-4 digit hex groups, at most one `::` standing for
 * one or more zero groups, optionally ending in a dotted quad (`::ffff:192.0.2.1`). An optional zone id
 * (`%eth0`) follows the address; no brackets. The unspecified `::` and loopback `::1` score weak.
 */
export const ipv6: Validator = (raw) => {
  const start = startOf(raw);
  let end = endOf(raw, start);
  // A zone id (RFC 4007 §11: `fe80::1%eth0`, `%25` when URL-escaped) names the interface of a
  // scoped address; the address is what precedes it. The zone is 1-32 of [A-Za-z0-9._~-].
  const pct = raw.indexOf('%', start);
  if (pct >= 0 && pct < end) {
    const zoneLen = end - pct - 1;
    if (zoneLen < 1 || zoneLen > 32) return 0;
    for (let z = pct + 1; z < end; z++) {
      const c = raw.charCodeAt(z);
      const ok = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 95 || c === 126 || c === 45;
      if (!ok) return 0;
    }
    end = pct;
  }
  if (end - start < 2 || end - start > 45) return 0;
  let i = start;
  let groups = 0;
  let compressed = false;
  let embedded = false;
  let prefixZero = true; // every group before the last one is zero
  let last = 0;
  if (raw.charCodeAt(i) === 58) {
    if (raw.charCodeAt(i + 1) !== 58) return 0; // a lone leading colon
    compressed = true;
    i += 2;
  }
  while (i < end) {
    const groupStart = i;
    let v = 0;
    let len = 0;
    for (; i < end; i++) {
      const h = hexValue(raw.charCodeAt(i));
      if (h < 0) break;
      if (++len > 4) return 0;
      v = v * 16 + h;
    }
    if (i < end && raw.charCodeAt(i) === 46) {
      // Embedded IPv4: the last 32 bits, only in the final position.
      if (groups > 6 || parseIpv4(raw, groupStart, end) < 0) return 0;
      groups += 2;
      embedded = true;
      break;
    }
    if (len === 0) return 0;
    groups++;
    if (last !== 0) prefixZero = false;
    last = v;
    if (i === end) break;
    if (raw.charCodeAt(i) !== 58) return 0;
    i++;
    if (raw.charCodeAt(i) === 58) {
      if (compressed) return 0; // a second `::`
      compressed = true;
      i++;
    } else if (i === end) {
      return 0; // a trailing single colon
    }
  }
  if (compressed ? groups > 7 : groups !== 8) return 0;
  // The unspecified address (all zeros) and the loopback (::1), in any spelling.
  if (!embedded && prefixZero && (last === 0 || last === 1)) return WEAK;
  return 1;
};
