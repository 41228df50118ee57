/** Masked examples per category: enough to recognise the kind of data, never enough to recover it. */
import { maskEmail, maskValue } from '../util/mask.js';

const initials = (v: string) => v.replace(/[A-Za-z0-9]+/g, (w) => (/^\d+$/.test(w) ? '*'.repeat(w.length) : w[0] + '*'.repeat(w.length - 1)));
const allStars = (v: string) => v.replace(/[A-Za-z0-9]/g, '*');

export function maskExample(category: string, raw: string): string {
  const v = raw.length > 64 ? raw.slice(0, 64) : raw;
  switch (category) {
    case 'email':
      return maskEmail(v);
    case 'dob':
      return allStars(v);
    case 'person_name':
    case 'address':
      return initials(v);
    case 'medical':
      return v.length <= 8 ? v[0] + allStars(v.slice(1)) : initials(v);
    case 'ip_address': {
      const parts = v.split(/([.:])/);
      return parts.map((p, i) => (i === 0 || p === '.' || p === ':' ? p : allStars(p))).join('');
    }
    default:
      return maskValue(v);
  }
}
