import { endOf, isDigit, isUpper, startOf } from './chars.js';
import type { Validator } from './validator.js';

// DEA registrant-type letters (practitioners A, B, F, G; mid-levels M; manufacturers,
// distributors, labs, importers/exporters, narcotic treatment programs; X for DATA-waived).
const REGISTRANT = new Uint8Array(26);
for (const ch of 'ABCDEFGHJKLMNPRSTUX') REGISTRANT[ch.charCodeAt(0) - 65] = 1;

/** DEA registration: registrant letter, name letter or 9, 7 digits with (d1+d3+d5) + 2(d2+d4+d6) ≡ d7 mod 10 (DEA Diversion Control check-digit formula). */
export const dea: Validator = (raw) => {
  const start = startOf(raw);
  const end = endOf(raw, start);
  if (end - start !== 9) return 0;
  const t = raw.charCodeAt(start);
  const s = raw.charCodeAt(start + 1);
  if (!isUpper(t) || REGISTRANT[t - 65] !== 1) return 0;
  if (!isUpper(s) && s !== 57) return 0;
  let odd = 0;
  let even = 0;
  for (let i = 0; i < 7; i++) {
    const c = raw.charCodeAt(start + 2 + i);
    if (!isDigit(c)) return 0;
    if (i === 6) {
      // A serial of zeros passes the arithmetic but is a placeholder, not a registration.
      if (odd + even === 0) return 0;
      return (odd + 2 * even) % 10 === c - 48 ? 1 : 0;
    }
    if (i % 2 === 0) odd += c - 48;
    else even += c - 48;
  }
  return 0;
};
