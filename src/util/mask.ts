/**
 * Masked examples for reports: enough shape for a steward to recognise the kind of data,
 * never enough to recover it. Digits and letters become `*`/`#`, keeping at most the last
 * four characters of values long enough that four characters reveal little.
 */
export function maskValue(value: string, keepLast = 4): string {
  const v = value.length > 64 ? value.slice(0, 64) : value;
  const alnum = v.replace(/[^A-Za-z0-9]/g, '').length;
  // Short values (a 4-digit PIN, a 2-letter code) keep nothing.
  const keep = alnum >= 9 ? keepLast : 0;
  let kept = 0;
  const chars = [...v];
  for (let i = chars.length - 1; i >= 0; i--) {
    const c = chars[i]!;
    if (/[A-Za-z0-9]/.test(c)) {
      if (kept < keep) {
        kept++;
        continue;
      }
      chars[i] = '*';
    }
  }
  return chars.join('') + (value.length > 64 ? '…' : '');
}

/** Masks an email as `j***@e***.org`. */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at < 1) return maskValue(value);
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const tld = dot >= 0 ? domain.slice(dot) : '';
  return `${local[0]}***@${domain[0] ?? ''}***${tld}`;
}

/** Masks a date as `****-**-**` keeping nothing: a birth year alone narrows a person down. */
export function maskDate(_value: string): string {
  return '****-**-**';
}
