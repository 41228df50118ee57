/**
 * Masked examples per category: enough to recognise the kind of data, never enough to recover it.
 * No example keeps a word's first letter or length, none keeps more than the last four digits of a
 * number, and a health example keeps nothing but its shape class (`[code]`, `[word]`, `[text]`).
 */
import { maskEmail, maskValue, maskWords, shapeClass } from '../util/mask.js';

const allStars = (v: string) => v.replace(/[\p{L}\p{N}]/gu, '*');

export function maskExample(category: string, raw: string): string {
  const v = raw.length > 64 ? raw.slice(0, 64) : raw;
  switch (category) {
    case 'email':
      return maskEmail(v);
    case 'dob':
      return allStars(v);
    case 'person_name':
    case 'address':
      // Words become `***`: initials and word lengths narrow a name or a street down.
      return maskWords(v);
    case 'medical':
      return shapeClass(v);
    case 'ip_address': {
      const parts = v.split(/([.:])/);
      return parts.map((p, i) => (i === 0 || p === '.' || p === ':' ? p : allStars(p))).join('');
    }
    default:
      return maskValue(v);
  }
}
