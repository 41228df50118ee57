/**
 * Masked examples: enough to recognise the kind of data, never enough to recover it. Each category
 * names its mask in rules/categories.yaml (`mask`). No example keeps a word's first letter or
 * length, none keeps more than the last four digits of a number, and a health example keeps
 * nothing but its shape class (`[code]`, `[word]`, `[text]`).
 */
import type { MaskKind } from '../rules/schema.js';
import { maskEmail, maskValue, maskWords, shapeClass } from '../util/mask.js';

const allStars = (v: string) => v.replace(/[\p{L}\p{N}]/gu, '*');

export function maskExample(mask: MaskKind, raw: string): string {
  const v = raw.length > 64 ? raw.slice(0, 64) : raw;
  switch (mask) {
    case 'email':
      return maskEmail(v);
    case 'all':
      return allStars(v);
    case 'words':
      // Words become `***`: initials and word lengths narrow a name or a street down.
      return maskWords(v);
    case 'shape':
      return shapeClass(v);
    case 'ip': {
      const parts = v.split(/([.:])/);
      return parts.map((p, i) => (i === 0 || p === '.' || p === ':' ? p : allStars(p))).join('');
    }
    case 'value':
      return maskValue(v);
  }
}
