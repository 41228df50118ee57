/**
 * Category colours, colour-blind safe: the five audit categories take the Okabe-Ito colours (Okabe &
 * Ito 2008), the others Paul Tol's "muted" scheme; every category gets its own. Text on a chip is
 * black or white, whichever contrasts more.
 */
import { CORE_CATEGORIES } from '../check/gate.js';

const CORE: Record<string, string> = {
  ssn: '#D55E00',
  dob: '#0072B2',
  medical: '#009E73',
  bank_account: '#E69F00',
  credit_card: '#CC79A7',
};

const OTHERS = ['#332288', '#88CCEE', '#44AA99', '#117733', '#999933', '#DDCC77', '#CC6677', '#882255', '#AA4499', '#56B4E9', '#F0E442', '#000000', '#6699CC', '#997700'];

/** The order categories are shown in: the five audit categories first, then the rest by name. */
export function categoryOrder(categories: Iterable<string>): string[] {
  const all = [...new Set(categories)];
  const core = CORE_CATEGORIES.filter((c) => all.includes(c));
  return [...core, ...all.filter((c) => !CORE_CATEGORIES.includes(c)).sort()];
}

/** A colour per category, distinct within `categories` (stable for the known ids). */
export function palette(categories: readonly string[]): Map<string, string> {
  const known = ['bank_routing', 'tax_id', 'drivers_license', 'passport', 'email', 'phone', 'address', 'person_name', 'ip_address'];
  const map = new Map<string, string>();
  const used = new Set<string>();
  for (const c of categories) {
    const fixed = CORE[c] ?? (known.includes(c) ? OTHERS[known.indexOf(c)] : undefined);
    if (fixed) {
      map.set(c, fixed);
      used.add(fixed);
    }
  }
  const free = OTHERS.filter((x) => !used.has(x));
  let i = 0;
  for (const c of categories) {
    if (map.has(c)) continue;
    // Beyond the palette: an evenly spaced hue, still distinct (and always labelled in text).
    map.set(c, free[i] ?? `hsl(${(i * 47) % 360} 55% 45%)`);
    i++;
  }
  return map;
}

/** `#000` or `#fff`, whichever reads better on `hex`. */
export function ink(hex: string): string {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return '#fff';
  const n = parseInt(m[1]!, 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  const lum = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  return lum > 0.179 ? '#000' : '#fff';
}
