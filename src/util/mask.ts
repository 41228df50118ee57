/**
 * Masked examples for reports: enough shape for a steward to recognise the kind of data,
 * never enough to recover it. Letters become `*`; digits become `*` too, except that a value
 * long enough that four digits reveal little keeps the last four digits it ends with. Free text
 * keeps no word's first letter or length, and no example keeps more than four digits.
 */
export function maskValue(value: string, keepLast = 4): string {
  const v = value.length > 64 ? value.slice(0, 64) : value;
  const more = value.length > 64 ? '…' : '';
  if (isFreeText(v)) return maskWords(v, keepLast) + more;
  const alnum = v.replace(/[^A-Za-z0-9]/g, '').length;
  // Short values (a 4-digit PIN, a 2-letter code) keep nothing.
  return keepTrailingDigits(v, alnum >= 9 ? Math.min(keepLast, 4) : 0) + more;
}

/** Two or more words with letters: prose, a name, an address. */
function isFreeText(v: string): boolean {
  return /\s/.test(v.trim()) && (v.match(/\p{L}{2,}/gu)?.length ?? 0) >= 2;
}

/** Every letter run becomes `***` (no first letter, no length); digits as {@link keepTrailingDigits}. */
export function maskWords(v: string, keepLast = 0): string {
  const words = v.replace(/[\p{L}\p{M}]+/gu, '\u0001');
  const digits = words.replace(/[0-9]/g, '').length === words.length ? 0 : words.replace(/[^0-9]/g, '').length;
  return keepTrailingDigits(words, digits >= 9 ? Math.min(keepLast, 4) : 0).replace(/\u0001/g, '***');
}

/** Masks every letter and digit, keeping at most `keep` digits the value ends with (after punctuation). */
function keepTrailingDigits(v: string, keep: number): string {
  const chars = [...v];
  let kept = 0;
  let keeping = keep > 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    const c = chars[i]!;
    if (/[0-9]/.test(c)) {
      if (keeping && kept < keep) {
        kept++;
        continue;
      }
      chars[i] = '*';
    } else if (/[\p{L}\p{N}]/u.test(c)) {
      keeping = false;
      chars[i] = '*';
    }
  }
  return chars.join('');
}

/** Masks an email as `j***@e***.org`. */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at < 1) return maskValue(value);
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const tld = dot >= 0 ? domain.slice(dot) : '';
  const first = (s: string) => (/[0-9]/.test(s[0] ?? '') ? '*' : (s[0] ?? ''));
  return `${first(local)}***@${first(domain)}***${/^\.[A-Za-z]{2,24}$/.test(tld) ? tld : ''}`;
}

/**
 * The shape class of a value and nothing else: `[code]` (one token with digits, e.g. a diagnosis
 * code), `[word]` (one token of letters) or `[text]` (several words). For categories where even the
 * masked shape of the words says too much (health).
 */
export function shapeClass(value: string): string {
  const v = value.trim();
  if (v === '') return '[empty]';
  if (!/\s/.test(v)) return /[0-9]/.test(v) ? '[code]' : '[word]';
  return '[text]';
}

const SERVER_MESSAGE_MAX = 160;

/**
 * A database server's error text made safe to show: server messages can carry values (a trigger's
 * `RAISE EXCEPTION 'invalid SSN %'`, a duplicate key, a failed cast), so they pass through the same
 * masking as examples before they reach any output. On one line and capped; kept: the words of the
 * message and the object names in `known` (the source, schema, table the error concerns); masked:
 * every digit (`#`), every email, every quoted part that is not a known name, and name-like
 * capitalised words after the first. The SQLSTATE or error number is the caller's to add.
 */
export function maskServerMessage(message: string, known: readonly string[] = []): string {
  const names = new Set<string>();
  for (const k of known) for (const part of [k, ...k.split('.')]) if (part.trim().length > 0) names.add(part);
  const isKnown = (s: string) => names.has(s) || (s.includes('.') && s.split('.').every((p) => names.has(p.replace(/^["`]|["`]$/g, ''))));
  const held: string[] = [];
  const hold = (s: string) => `\u0002${String.fromCharCode(0xe000 + held.push(s) - 1)}\u0003`;
  let text = message
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/[\u0002\u0003]/g, ' ');
  // Quoted parts: kept when they are a known object name, otherwise elided (values are quoted too).
  text = text.replace(/"((?:[^"]|"")*)"|'((?:[^'\\]|''|\\.)*)'|`((?:[^`]|``)*)`/g, (all, d?: string, s?: string, b?: string) => {
    const inner = d ?? s ?? b ?? '';
    const q = all[0]!;
    return isKnown(inner) ? hold(all) : `${q}…${q}`;
  });
  // Unquoted known names (PostgreSQL writes `permission denied for table t`) keep their digits.
  for (const n of [...names].sort((a, b) => b.length - a.length)) {
    if (n.length < 2 || !/[0-9]/.test(n)) continue;
    text = text.split(n).join(hold(n));
  }
  text = text
    .replace(/[^\s@<>()\[\],;:'"`]+@[^\s@<>()\[\],;:'"`]+/g, '***@***')
    .replace(/[0-9]/g, '#')
    .replace(/(?<=\S\s+)\p{Lu}[\p{Ll}\p{M}]+(?:[-'’]\p{L}+)*(?![\p{L}\p{N}_])/gu, (w, offset: number, whole: string) =>
      /[.!?:;]\s*$/.test(whole.slice(0, offset)) ? w : '…',
    )
    .replace(/\s+/g, ' ')
    .trim();
  text = text.replace(/\u0002([\ue000-\uf8ff])\u0003/g, (_, i: string) => held[i.charCodeAt(0) - 0xe000] ?? '');
  return text.length > SERVER_MESSAGE_MAX ? `${text.slice(0, SERVER_MESSAGE_MAX - 1)}…` : text;
}
